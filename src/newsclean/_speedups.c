/* newsclean._speedups: which of many patterns may match a text, in one Hyperscan scan.
 *
 * Scanner(expressions, always, flags): expressions[i] is a Hyperscan pattern (or None), always[i] says
 * that pattern i is reported for every text (one the Python side could not write for the engine).  An
 * expression the engine refuses is moved to `always` (the attribute lists them all).  scan(text, items)
 * returns items[i] for each pattern i that matches somewhere in text (the expressions carry their own
 * anchors), in index order, or None when
 * the text is too long for one scan (4 GB): the caller then tries every pattern.
 *
 * The GIL is held throughout: the scratch space is the scanner's own, and a scan of one line or
 * page is short.  Hyperscan's scans take time linear in the text, whatever the patterns.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <hs.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    PyObject_HEAD
    hs_database_t *db;
    hs_scratch_t *scratch;
    Py_ssize_t n;
    PyObject *always;       /* tuple of the indices reported for every text */
    unsigned char *fixed;   /* n flags: reported for every text */
    unsigned char *hit;     /* n flags: work space of one scan */
    char *buffer;           /* the text as bytes, for a text with characters past U+00FF */
    Py_ssize_t capacity;
} Scanner;

static PyTypeObject ScannerType;

/* The largest copy of a text (past Latin-1) a scanner keeps between scans, in bytes. */
#define KEPT_BUFFER ((Py_ssize_t)1 << 20)

static int on_match(unsigned int id, unsigned long long from, unsigned long long to, unsigned int flags, void *ctx) {
    (void)from; (void)to; (void)flags;
    ((unsigned char *)ctx)[id] = 1;
    return 0;
}

static void Scanner_dealloc(Scanner *self) {
    if (self->scratch) hs_free_scratch(self->scratch);
    if (self->db) hs_free_database(self->db);
    PyMem_Free(self->fixed);
    PyMem_Free(self->hit);
    PyMem_Free(self->buffer);
    Py_XDECREF(self->always);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* Compile the expressions not marked fixed; an expression the engine refuses is marked fixed, and the rest
 * compiled again.  Returns 0, or -1 with a Python exception set. */
static int compile_all(Scanner *self, PyObject *expressions, unsigned int flags) {
    Py_ssize_t n = self->n;
    const char **exprs = PyMem_Calloc(n ? n : 1, sizeof(char *));
    unsigned int *ids = PyMem_Calloc(n ? n : 1, sizeof(unsigned int));
    unsigned int *fl = PyMem_Calloc(n ? n : 1, sizeof(unsigned int));
    if (!exprs || !ids || !fl) {
        PyMem_Free(exprs); PyMem_Free(ids); PyMem_Free(fl);
        PyErr_NoMemory();
        return -1;
    }
    int result = -1;
    for (;;) {
        unsigned int count = 0;
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *e = PyList_GET_ITEM(expressions, i);
            if (e == Py_None || self->fixed[i]) continue;
            const char *text = PyUnicode_AsUTF8(e);
            if (!text) goto done;
            exprs[count] = text;
            ids[count] = (unsigned int)i;
            fl[count] = flags;
            count++;
        }
        if (count == 0) { result = 0; goto done; }
        hs_compile_error_t *err = NULL;
        if (hs_compile_multi(exprs, fl, ids, count, HS_MODE_BLOCK, NULL, &self->db, &err) == HS_SUCCESS) {
            if (hs_alloc_scratch(self->db, &self->scratch) != HS_SUCCESS) {
                PyErr_SetString(PyExc_MemoryError, "Hyperscan could not allocate its scratch space");
                goto done;
            }
            result = 0;
            goto done;
        }
        int which = err ? err->expression : -1;
        if (which < 0 || (unsigned int)which >= count) {
            PyErr_Format(PyExc_ValueError, "Hyperscan refused the patterns: %s", err ? err->message : "?");
            hs_free_compile_error(err);
            goto done;
        }
        hs_free_compile_error(err);
        self->fixed[ids[which]] = 1;  /* refused: tried on every text instead */
    }
done:
    PyMem_Free(exprs); PyMem_Free(ids); PyMem_Free(fl);
    return result;
}

/* self->always: the indices marked fixed, as a tuple of ints; -1 with an exception set on failure. */
static int set_always(Scanner *self) {
    Py_ssize_t fixed = 0;
    for (Py_ssize_t i = 0; i < self->n; i++) fixed += self->fixed[i];
    self->always = PyTuple_New(fixed);
    if (!self->always) return -1;
    for (Py_ssize_t i = 0, k = 0; i < self->n; i++) {
        if (!self->fixed[i]) continue;
        PyObject *index = PyLong_FromSsize_t(i);
        if (!index) return -1;
        PyTuple_SET_ITEM(self->always, k++, index);
    }
    return 0;
}

static PyObject *Scanner_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
    static char *keywords[] = {"expressions", "always", "flags", NULL};
    PyObject *expressions, *always;
    unsigned int flags;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O!O!I", keywords, &PyList_Type, &expressions, &PyList_Type,
                                     &always, &flags))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(expressions);
    if (PyList_GET_SIZE(always) != n) {
        PyErr_SetString(PyExc_ValueError, "expressions and always must have one entry per pattern");
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *e = PyList_GET_ITEM(expressions, i);
        if (e != Py_None && !PyUnicode_Check(e)) {
            PyErr_SetString(PyExc_TypeError, "an expression must be a str or None");
            return NULL;
        }
    }
    Scanner *self = (Scanner *)type->tp_alloc(type, 0);
    if (!self) return NULL;
    self->n = n;
    self->fixed = PyMem_Calloc(n ? n : 1, 1);
    self->hit = PyMem_Calloc(n ? n : 1, 1);
    if (!self->fixed || !self->hit) {
        Py_DECREF(self);
        return PyErr_NoMemory();
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        int truth = PyObject_IsTrue(PyList_GET_ITEM(always, i));
        if (truth < 0) { Py_DECREF(self); return NULL; }
        self->fixed[i] = (unsigned char)truth;
    }
    if (compile_all(self, expressions, flags) < 0) {
        Py_DECREF(self);
        return NULL;
    }
    if (set_always(self) < 0) { Py_DECREF(self); return NULL; }
    return (PyObject *)self;
}

static PyObject *Scanner_scan(Scanner *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyUnicode_Check(args[0]) || !PyTuple_Check(args[1])
        || PyTuple_GET_SIZE(args[1]) != self->n) {
        PyErr_SetString(PyExc_TypeError, "scan() needs a str and a tuple of one item per pattern");
        return NULL;
    }
    PyObject *text = args[0], *items = args[1];
    /* the text as one byte a character: its Latin-1 characters as themselves, every other one as 0xFF
     * (the patterns are written so: a class admits 0xFF when it admits U+00FF or any character past it) */
    Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const char *bytes = (const char *)data;
    if (size > (Py_ssize_t)0xFFFFFFFFu) Py_RETURN_NONE;  /* past what one block scan takes */
    if (kind != PyUnicode_1BYTE_KIND) {
        if (size > self->capacity) {
            char *more = PyMem_Realloc(self->buffer, size);
            if (!more) return PyErr_NoMemory();
            self->buffer = more;
            self->capacity = size;
        }
        for (Py_ssize_t i = 0; i < size; i++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i);
            self->buffer[i] = (char)(c > 0xFF ? 0xFF : c);
        }
        bytes = self->buffer;
    }
    memcpy(self->hit, self->fixed, self->n);
    hs_error_t status = self->db ? hs_scan(self->db, bytes, (unsigned int)size, 0, self->scratch, on_match, self->hit)
                                 : HS_SUCCESS;
    if (self->capacity > KEPT_BUFFER) {  /* a huge page's copy is not kept for the process's lifetime */
        PyMem_Free(self->buffer);
        self->buffer = NULL;
        self->capacity = 0;
    }
    if (status != HS_SUCCESS) {
        PyErr_Format(PyExc_RuntimeError, "Hyperscan scan failed (%d)", (int)status);
        return NULL;
    }
    Py_ssize_t count = 0;
    for (Py_ssize_t i = 0; i < self->n; i++) count += self->hit[i];
    PyObject *found = PyTuple_New(count);
    if (!found) return NULL;
    for (Py_ssize_t i = 0, k = 0; i < self->n; i++) {
        if (!self->hit[i]) continue;
        PyObject *item = PyTuple_GET_ITEM(items, i);
        Py_INCREF(item);
        PyTuple_SET_ITEM(found, k++, item);
    }
    return found;
}

static PyObject *Scanner_serialize(Scanner *self, PyObject *unused) {
    (void)unused;
    if (!self->db) return PyBytes_FromStringAndSize("", 0);
    char *bytes = NULL;
    size_t length = 0;
    if (hs_serialize_database(self->db, &bytes, &length) != HS_SUCCESS) {
        PyErr_SetString(PyExc_RuntimeError, "Hyperscan could not serialise its database");
        return NULL;
    }
    PyObject *result = PyBytes_FromStringAndSize(bytes, (Py_ssize_t)length);
    free(bytes);  /* hs_serialize_database allocates with the misc allocator: malloc by default */
    return result;
}

/* load(data, always): a Scanner from serialize()'s bytes and the `always` attribute of the one serialised
 * (a list of one flag per pattern); ValueError when the bytes are not a database this library can run. */
static PyObject *load(PyObject *module, PyObject *args) {
    (void)module;
    const char *data;
    Py_ssize_t length;
    PyObject *always;
    if (!PyArg_ParseTuple(args, "y#O!", &data, &length, &PyList_Type, &always)) return NULL;
    Py_ssize_t n = PyList_GET_SIZE(always);
    Scanner *self = (Scanner *)ScannerType.tp_alloc(&ScannerType, 0);
    if (!self) return NULL;
    self->n = n;
    self->fixed = PyMem_Calloc(n ? n : 1, 1);
    self->hit = PyMem_Calloc(n ? n : 1, 1);
    if (!self->fixed || !self->hit) { Py_DECREF(self); return PyErr_NoMemory(); }
    for (Py_ssize_t i = 0; i < n; i++) {
        int truth = PyObject_IsTrue(PyList_GET_ITEM(always, i));
        if (truth < 0) { Py_DECREF(self); return NULL; }
        self->fixed[i] = (unsigned char)truth;
    }
    if (length > 0) {
        if (hs_deserialize_database(data, (size_t)length, &self->db) != HS_SUCCESS) {
            self->db = NULL;
            Py_DECREF(self);
            PyErr_SetString(PyExc_ValueError, "not a Hyperscan database this library can run");
            return NULL;
        }
        if (hs_alloc_scratch(self->db, &self->scratch) != HS_SUCCESS) {
            Py_DECREF(self);
            PyErr_SetString(PyExc_MemoryError, "Hyperscan could not allocate its scratch space");
            return NULL;
        }
    }
    if (set_always(self) < 0) { Py_DECREF(self); return NULL; }
    return (PyObject *)self;
}

static PyObject *Scanner_get_always(Scanner *self, void *closure) {
    (void)closure;
    Py_INCREF(self->always);
    return self->always;
}

static PyMethodDef Scanner_methods[] = {
    {"scan", (PyCFunction)(void (*)(void))Scanner_scan, METH_FASTCALL,
     "scan(text, items): the items of the patterns that may match the text, in order."},
    {"serialize", (PyCFunction)Scanner_serialize, METH_NOARGS, "The compiled database as bytes (see load())."},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef Scanner_getset[] = {
    {"always", (getter)Scanner_get_always, NULL, "Indices of the patterns reported for every text.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject ScannerType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "newsclean._speedups.Scanner",
    .tp_basicsize = sizeof(Scanner),
    .tp_dealloc = (destructor)Scanner_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Which of many patterns may match a text, in one Hyperscan scan.",
    .tp_methods = Scanner_methods,
    .tp_getset = Scanner_getset,
    .tp_new = Scanner_new,
};

static PyMethodDef module_methods[] = {
    {"load", (PyCFunction)load, METH_VARARGS, "load(data, always): a Scanner from Scanner.serialize()'s bytes."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "newsclean._speedups", "newsclean's native core (Hyperscan scans).", -1, module_methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__speedups(void) {
    if (PyType_Ready(&ScannerType) < 0) return NULL;
    if (hs_valid_platform() != HS_SUCCESS) {
        PyErr_SetString(PyExc_ImportError, "this CPU lacks the instructions Hyperscan needs (SSSE3)");
        return NULL;
    }
    PyObject *m = PyModule_Create(&module);
    if (!m) return NULL;
    if (PyModule_AddStringConstant(m, "ENGINE", hs_version()) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    Py_INCREF(&ScannerType);
    if (PyModule_AddObject(m, "Scanner", (PyObject *)&ScannerType) < 0) {
        Py_DECREF(&ScannerType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
