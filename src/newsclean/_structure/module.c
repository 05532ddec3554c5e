/* newsclean._structure: the module, labels, pages and rules shared by the native structural passes. */
#include "structure.h"
#include <structmember.h>

static PyObject *labels_by_index[NC_NLABELS];
static PyObject *date_field, *author_field; /* header.DATE_FIELD, header.AUTHOR_FIELD */
static int ready;

PyObject *nc_label_object(int label)
{
    return label == NC_NONE ? Py_None : labels_by_index[label];
}

int nc_label_index(PyObject *label)
{
    if (label == Py_None)
        return NC_NONE;
    for (int k = 0; k < NC_NLABELS; k++)
        if (labels_by_index[k] == label)
            return k;
    PyErr_Format(PyExc_TypeError, "not a newsclean Label: %R", label);
    return -2;
}

int nc_get_object(PyObject *module, const char *name, PyObject **out)
{
    PyObject *value = PyObject_GetAttrString(module, name);
    if (value == NULL)
        return -1;
    Py_XSETREF(*out, value);
    return 0;
}

int nc_get_long(PyObject *module, const char *name, long *out)
{
    PyObject *value = PyObject_GetAttrString(module, name);
    if (value == NULL)
        return -1;
    long v = PyLong_AsLong(value);
    Py_DECREF(value);
    if (v == -1 && PyErr_Occurred())
        return -1;
    *out = v;
    return 0;
}

int nc_get_double(PyObject *module, const char *name, double *out)
{
    PyObject *value = PyObject_GetAttrString(module, name);
    if (value == NULL)
        return -1;
    double v = PyFloat_AsDouble(value);
    Py_DECREF(value);
    if (v == -1.0 && PyErr_Occurred())
        return -1;
    *out = v;
    return 0;
}

/* The pattern methods' names, interned once: a name given as a C string is made into a str again at every call. */
static PyObject *str_fullmatch, *str_match, *str_search;

static int call_pattern(PyObject *pattern, PyObject *method, PyObject *s)
{
    PyObject *found = PyObject_CallMethodOneArg(pattern, method, s);
    if (found == NULL)
        return -1;
    int matched = found != Py_None;
    Py_DECREF(found);
    return matched;
}

int nc_fullmatch(PyObject *pattern, PyObject *s) { return call_pattern(pattern, str_fullmatch, s); }
int nc_match(PyObject *pattern, PyObject *s) { return call_pattern(pattern, str_match, s); }
int nc_search(PyObject *pattern, PyObject *s) { return call_pattern(pattern, str_search, s); }

static int flag(PyObject *obj, const char *name, int *out)
{
    PyObject *value = PyObject_GetAttrString(obj, name);
    if (value == NULL)
        return -1;
    int truth = PyObject_IsTrue(value);
    Py_DECREF(value);
    if (truth < 0)
        return -1;
    *out = truth;
    return 0;
}

static int label_attribute(PyObject *obj, const char *name, int *out)
{
    PyObject *value = PyObject_GetAttrString(obj, name);
    if (value == NULL)
        return -1;
    int k = nc_label_index(value);
    Py_DECREF(value);
    if (k == -2)
        return -1;
    *out = k;
    return 0;
}

static int holds(PyObject *pattern, PyObject *field)
{
    return pattern == Py_None ? 0 : PySequence_Contains(pattern, field);
}

/* borrowed: an attribute of a frozen Rule, which keeps it */
static int kept_attribute(PyObject *obj, const char *name, PyObject **out)
{
    PyObject *value = PyObject_GetAttrString(obj, name);
    Py_XDECREF(value);
    *out = value;
    return value == NULL ? -1 : 0;
}

/* Every attribute a pass reads of a Rule (r->obj is left to the caller). */
static int read_rule(PyObject *obj, nc_rule *r)
{
    memset(r, 0, sizeof(*r));
    if (kept_attribute(obj, "name", &r->name) < 0 || kept_attribute(obj, "pattern", &r->pattern) < 0
        || kept_attribute(obj, "previous_field", &r->previous_field) < 0
        || kept_attribute(obj, "next_field", &r->next_field) < 0 || label_attribute(obj, "label", &r->label) < 0
        || label_attribute(obj, "previous", &r->previous) < 0 || label_attribute(obj, "next", &r->next) < 0
        || flag(obj, "stops", &r->stops) < 0 || flag(obj, "opens_body", &r->opens_body) < 0
        || flag(obj, "previous_echo", &r->previous_echo) < 0 || flag(obj, "claims_list", &r->claims_list) < 0)
        return -1;
    if ((r->has_date = holds(r->pattern, date_field)) < 0 || (r->has_author = holds(r->pattern, author_field)) < 0)
        return -1;
    return 0;
}

/* The process's rule records, by the Rule's identity (open addressing).  Each slot holds a strong reference to its
   Rule, so no other object takes that address while the record lives.  Bounded: when half the slots are used the
   table is emptied whole.  Nothing outside this file sees a slot: nc_rule_read copies the record out, so emptying
   can never leave a pointer dangling (the copy's borrowed objects are kept by the Rule its caller holds). */
#define NC_RULE_SLOTS 1024 /* a power of two */
static nc_rule rule_table[NC_RULE_SLOTS];
static int rules_kept;

/* The count is reset first: a Rule's release could let another thread store a record meanwhile, and the count
   may only ever over-state the slots in use (a free slot is always left for rule_slot to stop at). */
static void rules_forget(void)
{
    rules_kept = 0;
    for (int k = 0; k < NC_RULE_SLOTS; k++)
        Py_CLEAR(rule_table[k].obj);
}

/* the slot holding obj, or the free slot where it goes */
static size_t rule_slot(PyObject *obj)
{
    size_t slot = ((size_t)obj >> 4) & (NC_RULE_SLOTS - 1);
    while (rule_table[slot].obj != NULL && rule_table[slot].obj != obj)
        slot = (slot + 1) & (NC_RULE_SLOTS - 1);
    return slot;
}

int nc_rule_read(PyObject *obj, nc_rule *out)
{
    size_t slot = rule_slot(obj);
    if (rule_table[slot].obj == obj) {
        *out = rule_table[slot];
        return 0;
    }
    nc_rule r;
    if (read_rule(obj, &r) < 0)
        return -1;
    /* reading ran Python code (the stops property): look again before storing */
    if (rules_kept >= NC_RULE_SLOTS / 2)
        rules_forget();
    slot = rule_slot(obj);
    if (rule_table[slot].obj == NULL) {
        r.obj = Py_NewRef(obj);
        rule_table[slot] = r;
        rules_kept++;
    }
    *out = r;
    out->obj = obj;
    return 0;
}

/* The index of a Rule among the page's records (each rule once, copied from the table), -1 with an exception set. */
int nc_rule_of(nc_page *page, PyObject *obj)
{
    for (Py_ssize_t k = 0; k < page->nrules; k++)
        if (page->rules[k].obj == obj)
            return (int)k;
    if (page->nrules == page->caprules) {
        Py_ssize_t cap = page->caprules ? page->caprules * 2 : 16;
        nc_rule *grown = PyMem_Realloc(page->rules, (size_t)cap * sizeof(nc_rule));
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        page->rules = grown, page->caprules = cap;
    }
    if (nc_rule_read(obj, &page->rules[page->nrules]) < 0)
        return -1;
    return (int)page->nrules++;
}

int nc_page_init(nc_page *page, PyObject *text, PyObject *labels, PyObject *matched)
{
    memset(page, 0, sizeof(*page));
    if (!ready) {
        PyErr_SetString(PyExc_RuntimeError, "newsclean._structure.setup() was not called");
        return -1;
    }
    Py_ssize_t n = PySequence_Size(text);
    if (n < 0)
        return -1;
    if (PyList_Size(labels) != n || (matched != NULL && PyList_Size(matched) != n)) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "text, labels and matched differ in length");
        return -1;
    }
    page->n = n;
    page->text = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(PyObject *));
    page->label = PyMem_Malloc((size_t)(n ? n : 1));
    page->rule = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(int));
    if (page->text == NULL || page->label == NULL || page->rule == NULL) {
        PyErr_NoMemory();
        nc_page_free(page);
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *line = PyList_Check(text) ? PyList_GET_ITEM(text, i)
                       : PyTuple_Check(text) ? PyTuple_GET_ITEM(text, i) : NULL;
        if (line == NULL) {
            /* another sequence: borrowed through the list kept by the caller is not possible */
            PyErr_SetString(PyExc_TypeError, "text must be a list or tuple of str");
            nc_page_free(page);
            return -1;
        }
        if (!PyUnicode_Check(line)) {
            PyErr_Format(PyExc_TypeError, "line %zd is not a str", i);
            nc_page_free(page);
            return -1;
        }
        page->text[i] = line;
        int k = nc_label_index(PyList_GET_ITEM(labels, i));
        if (k == -2) {
            nc_page_free(page);
            return -1;
        }
        page->label[i] = (signed char)k;
        page->rule[i] = -1;
        if (matched != NULL && PyList_GET_ITEM(matched, i) != Py_None) {
            int r = nc_rule_of(page, PyList_GET_ITEM(matched, i));
            if (r < 0) {
                nc_page_free(page);
                return -1;
            }
            page->rule[i] = r;
        }
    }
    return 0;
}

void nc_page_free(nc_page *page)
{
    PyMem_Free(page->text);
    PyMem_Free(page->label);
    PyMem_Free(page->rule);
    PyMem_Free(page->rules);
    memset(page, 0, sizeof(*page));
}

int nc_page_store_labels(const nc_page *page, PyObject *labels)
{
    for (Py_ssize_t i = 0; i < page->n; i++) {
        PyObject *label = nc_label_object(page->label[i]);
        if (PyList_GET_ITEM(labels, i) != label) {
            Py_INCREF(label);
            if (PyList_SetItem(labels, i, label) < 0)
                return -1;
        }
    }
    return 0;
}

const nc_rule *nc_page_rule(const nc_page *page, Py_ssize_t i)
{
    return page->rule[i] < 0 ? NULL : &page->rules[page->rule[i]];
}

Py_ssize_t nc_neighbour(const nc_page *page, Py_ssize_t i, int step)
{
    Py_ssize_t j = i + step;
    while (j >= 0 && j < page->n && page->label[j] == NC_BLANK)
        j += step;
    return j >= 0 && j < page->n ? j : -1;
}

Py_ssize_t nc_past_meta(const nc_page *page, Py_ssize_t i, int step)
{
    Py_ssize_t j = nc_neighbour(page, i, step);
    while (j >= 0 && page->label[j] == NC_META)
        j = nc_neighbour(page, j, step);
    return j;
}

PyDoc_STRVAR(setup_doc,
"setup(labels, shape, body, header, label, normalize, metadata, record)\n--\n\n"
"Read every pass's constants and patterns from its Python module; ``labels`` is ``tuple(Label)``.");

static PyObject *setup(PyObject *self, PyObject *args)
{
    PyObject *labels, *shape, *body, *header, *label, *normalize, *metadata, *record;
    (void)self;
    if (!PyArg_ParseTuple(args, "O!OOOOOOO:setup", &PyTuple_Type, &labels, &shape, &body, &header, &label,
                          &normalize, &metadata, &record))
        return NULL;
    if (PyTuple_GET_SIZE(labels) != NC_NLABELS)
        return PyErr_Format(PyExc_ValueError, "%d labels expected", NC_NLABELS);
    for (int k = 0; k < NC_NLABELS; k++) {
        Py_INCREF(PyTuple_GET_ITEM(labels, k));
        Py_XSETREF(labels_by_index[k], PyTuple_GET_ITEM(labels, k));
    }
    rules_forget(); /* the records were read against the fields and labels of an earlier setup */
    if (nc_get_object(header, "DATE_FIELD", &date_field) < 0 || nc_get_object(header, "AUTHOR_FIELD", &author_field) < 0
        || nc_shape_setup(shape) < 0 || nc_body_setup(body) < 0 || nc_header_setup(header) < 0
        || nc_label_setup(label) < 0 || nc_normalize_setup(normalize) < 0 || nc_metadata_setup(metadata) < 0
        || nc_record_setup(record) < 0)
        return NULL;
    if (!PyUnicode_Check(date_field) || !PyUnicode_Check(author_field))
        return PyErr_Format(PyExc_TypeError, "header.DATE_FIELD and header.AUTHOR_FIELD must be str");
    ready = 1;
    Py_RETURN_NONE;
}

/* ---- The dispatch: each pass's one callable, its native version or its Python one by the switch below ----
 *
 * native.structural(name, python) makes a Switch of the extension's function and the Python reference (and
 * native.record one of a Record and its class); a call goes
 * to one or the other by `native_on` (native.use), decided in C: no Python frame between a caller and a pass.  The
 * first native call sets the extension up (`prepare`: native.structure) when setup() has not run yet. */
static int native_on = 1;

typedef struct {
    PyObject_HEAD
    PyObject *native;  /* the extension's function */
    PyObject *python;  /* the reference, run while the native core is off */
    PyObject *prepare; /* called with no argument before the first native call of the process (runs setup) */
    PyObject *shown;   /* or NULL: shown(native, *args, **kwargs) calls the native function while a profiler runs */
    vectorcallfunc vectorcall;
} nc_switch;

/* native(*args) through shown, a Python function: a profiler (cProfile) sees a call of the native function by name,
   as it saw one before the choice moved to C (a call from C to C is not reported to it). */
static PyObject *shown_call(nc_switch *s, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    Py_ssize_t total = nargs + (kwnames == NULL ? 0 : PyTuple_GET_SIZE(kwnames));
    PyObject *few[8], **all = total < 8 ? few : PyMem_Malloc((size_t)(total + 1) * sizeof(PyObject *));
    if (all == NULL)
        return PyErr_NoMemory();
    all[0] = s->native;
    for (Py_ssize_t k = 0; k < total; k++)
        all[k + 1] = args[k];
    PyObject *result = PyObject_Vectorcall(s->shown, all, (size_t)(nargs + 1), kwnames);
    if (all != few)
        PyMem_Free(all);
    return result;
}

static PyObject *switch_call(PyObject *self, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    nc_switch *s = (nc_switch *)self;
    if (!native_on)
        return PyObject_Vectorcall(s->python, args, nargsf, kwnames);
    if (!ready) {
        PyObject *done = PyObject_CallNoArgs(s->prepare);
        if (done == NULL)
            return NULL;
        Py_DECREF(done);
        if (!ready)
            return PyErr_Format(PyExc_RuntimeError, "newsclean._structure.setup() was not called by %R", s->prepare);
    }
    if (s->shown != NULL && PyThreadState_Get()->c_profilefunc != NULL)
        return shown_call(s, args, PyVectorcall_NARGS(nargsf), kwnames);
    return PyObject_Vectorcall(s->native, args, nargsf, kwnames);
}

static PyObject *switch_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    PyObject *native, *python, *prepare, *shown = NULL;
    if (kwargs != NULL && PyDict_GET_SIZE(kwargs) != 0)
        return PyErr_Format(PyExc_TypeError, "Switch() takes no keyword arguments");
    if (!PyArg_UnpackTuple(args, "Switch", 3, 4, &native, &python, &prepare, &shown))
        return NULL;
    if (!PyCallable_Check(native) || !PyCallable_Check(python) || !PyCallable_Check(prepare)
        || (shown != NULL && !PyCallable_Check(shown)))
        return PyErr_Format(PyExc_TypeError, "Switch(native, python, prepare[, shown]) takes callables");
    nc_switch *s = (nc_switch *)type->tp_alloc(type, 0);
    if (s == NULL)
        return NULL;
    s->native = Py_NewRef(native), s->python = Py_NewRef(python), s->prepare = Py_NewRef(prepare);
    s->shown = Py_XNewRef(shown);
    s->vectorcall = switch_call;
    return (PyObject *)s;
}

static int switch_traverse(PyObject *self, visitproc visit, void *arg)
{
    nc_switch *s = (nc_switch *)self;
    Py_VISIT(s->native);
    Py_VISIT(s->python);
    Py_VISIT(s->prepare);
    Py_VISIT(s->shown);
    return 0;
}

static int switch_clear(PyObject *self)
{
    nc_switch *s = (nc_switch *)self;
    Py_CLEAR(s->native);
    Py_CLEAR(s->python);
    Py_CLEAR(s->prepare);
    Py_CLEAR(s->shown);
    return 0;
}

static void switch_dealloc(PyObject *self)
{
    PyObject_GC_UnTrack(self);
    switch_clear(self);
    Py_TYPE(self)->tp_free(self);
}

/* __name__, __qualname__, __module__ and __doc__ are the Python function's (as functools.wraps gave the wrapper) */
static PyObject *switch_python_attribute(PyObject *self, void *name)
{
    return PyObject_GetAttrString(((nc_switch *)self)->python, (const char *)name);
}

static PyObject *switch_repr(PyObject *self)
{
    return PyUnicode_FromFormat("<native or Python (native.use) %R>", ((nc_switch *)self)->python);
}

static PyGetSetDef switch_getset[] = {
    {"__name__", switch_python_attribute, NULL, NULL, "__name__"},
    {"__qualname__", switch_python_attribute, NULL, NULL, "__qualname__"},
    {"__module__", switch_python_attribute, NULL, NULL, "__module__"},
    {"__doc__", switch_python_attribute, NULL, NULL, "__doc__"},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMemberDef switch_members[] = {
    {"__wrapped__", T_OBJECT, offsetof(nc_switch, python), READONLY, "the Python function (the reference)"},
    {"native", T_OBJECT, offsetof(nc_switch, native), READONLY, "the native function"},
    {NULL, 0, 0, 0, NULL},
};

static PyTypeObject switch_type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "newsclean._structure.Switch",
    .tp_basicsize = sizeof(nc_switch),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = PyDoc_STR("Switch(native, python, prepare[, shown]): a pass that runs `native` while the native core "
                        "is on (use()), else `python`; `prepare()` runs once before the first native call; while a "
                        "profiler runs, `shown(native, *args, **kwargs)` makes the native call."),
    .tp_new = switch_new,
    .tp_dealloc = switch_dealloc,
    .tp_traverse = switch_traverse,
    .tp_clear = switch_clear,
    .tp_call = PyVectorcall_Call,
    .tp_vectorcall_offset = offsetof(nc_switch, vectorcall),
    .tp_repr = switch_repr,
    .tp_getset = switch_getset,
    .tp_members = switch_members,
};

/* ---- Records: a frozen dataclass with slots, made as its generated __init__ makes it ----
 *
 * Record(cls, fields) makes instances of cls from its fields' values (positional in field order, or by name): the
 * object cls.__new__ (object's) allocates, each field set through its slot's descriptor, as the dataclass's
 * __init__ sets it with object.__setattr__; no Python frame, no 13 attribute calls.  native.record checks that cls
 * is such a class (every field set by __init__, no __post_init__ nor __new__ of its own); a call that does not
 * name every field once is handed to cls itself. */
typedef struct {
    PyObject_HEAD
    PyTypeObject *cls;
    PyObject *fields;       /* tuple of the field names, interned */
    PyObject *descriptors;  /* tuple: each field's slot descriptor (member_descriptor) */
    vectorcallfunc vectorcall;
} nc_record;

#define NC_MAX_FIELDS 32

static PyObject *record_call(PyObject *self, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    nc_record *r = (nc_record *)self;
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf), nkw = kwnames == NULL ? 0 : PyTuple_GET_SIZE(kwnames);
    Py_ssize_t nfields = PyTuple_GET_SIZE(r->fields);
    if (nargs + nkw != nfields || nargs > nfields)
        return PyObject_Vectorcall((PyObject *)r->cls, args, nargsf, kwnames);
    PyObject *values[NC_MAX_FIELDS] = {NULL};
    for (Py_ssize_t k = 0; k < nargs; k++)
        values[k] = args[k];
    for (Py_ssize_t k = 0; k < nkw; k++) {
        PyObject *name = PyTuple_GET_ITEM(kwnames, k);
        Py_ssize_t at = -1;
        for (Py_ssize_t f = nargs; f < nfields && at < 0; f++) /* (keyword names are interned: identity first) */
            if (PyTuple_GET_ITEM(r->fields, f) == name)
                at = f;
        for (Py_ssize_t f = nargs; f < nfields && at < 0; f++)
            if (PyUnicode_Check(name) && PyUnicode_Compare(PyTuple_GET_ITEM(r->fields, f), name) == 0)
                at = f;
        if (at < 0 || values[at] != NULL) /* unknown or given twice: the class says what is wrong */
            return PyObject_Vectorcall((PyObject *)r->cls, args, nargsf, kwnames);
        values[at] = args[nargs + k];
    }
    PyObject *obj = r->cls->tp_alloc(r->cls, 0);
    if (obj == NULL)
        return NULL;
    for (Py_ssize_t f = 0; f < nfields; f++) {
        PyObject *descriptor = PyTuple_GET_ITEM(r->descriptors, f);
        if (Py_TYPE(descriptor)->tp_descr_set(descriptor, obj, values[f]) < 0) {
            Py_DECREF(obj);
            return NULL;
        }
    }
    return obj;
}

static PyObject *record_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    PyObject *cls, *fields;
    if (kwargs != NULL && PyDict_GET_SIZE(kwargs) != 0)
        return PyErr_Format(PyExc_TypeError, "Record() takes no keyword arguments");
    if (!PyArg_ParseTuple(args, "O!O!:Record", &PyType_Type, &cls, &PyTuple_Type, &fields))
        return NULL;
    Py_ssize_t n = PyTuple_GET_SIZE(fields);
    if (n > NC_MAX_FIELDS)
        return PyErr_Format(PyExc_ValueError, "a Record holds %d fields at most", NC_MAX_FIELDS);
    PyObject *names = PyTuple_New(n), *descriptors = PyTuple_New(n);
    if (names == NULL || descriptors == NULL)
        goto failed;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *name = PyTuple_GET_ITEM(fields, k);
        if (!PyUnicode_CheckExact(name)) {
            PyErr_SetString(PyExc_TypeError, "Record's field names must be str");
            goto failed;
        }
        Py_INCREF(name);
        PyUnicode_InternInPlace(&name);
        PyTuple_SET_ITEM(names, k, name);
        /* the slot's descriptor (a class attribute: the descriptor itself), the one object.__setattr__ sets through */
        PyObject *descriptor = PyObject_GetAttr(cls, name);
        if (descriptor == NULL || !Py_IS_TYPE(descriptor, &PyMemberDescr_Type)) {
            Py_XDECREF(descriptor);
            PyErr_Format(PyExc_TypeError, "%R has no slot %R", cls, name);
            goto failed;
        }
        PyTuple_SET_ITEM(descriptors, k, descriptor);
    }
    nc_record *r = (nc_record *)type->tp_alloc(type, 0);
    if (r == NULL)
        goto failed;
    r->cls = (PyTypeObject *)Py_NewRef(cls), r->fields = names, r->descriptors = descriptors;
    r->vectorcall = record_call;
    return (PyObject *)r;
failed:
    Py_XDECREF(names);
    Py_XDECREF(descriptors);
    return NULL;
}

static int record_traverse(PyObject *self, visitproc visit, void *arg)
{
    nc_record *r = (nc_record *)self;
    Py_VISIT(r->cls);
    Py_VISIT(r->fields);
    Py_VISIT(r->descriptors);
    return 0;
}

static int record_clear(PyObject *self)
{
    nc_record *r = (nc_record *)self;
    Py_CLEAR(r->cls);
    Py_CLEAR(r->fields);
    Py_CLEAR(r->descriptors);
    return 0;
}

static void record_dealloc(PyObject *self)
{
    PyObject_GC_UnTrack(self);
    record_clear(self);
    Py_TYPE(self)->tp_free(self);
}

static PyMemberDef record_members[] = {
    {"cls", T_OBJECT, offsetof(nc_record, cls), READONLY, "the class made"},
    {"fields", T_OBJECT, offsetof(nc_record, fields), READONLY, "its fields' names, in order"},
    {NULL, 0, 0, 0, NULL},
};

static PyTypeObject record_type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "newsclean._structure.Record",
    .tp_basicsize = sizeof(nc_record),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = PyDoc_STR("Record(cls, fields): makes cls (a frozen dataclass with slots) from its fields' values as "
                        "its __init__ does; see native.record."),
    .tp_new = record_new,
    .tp_dealloc = record_dealloc,
    .tp_traverse = record_traverse,
    .tp_clear = record_clear,
    .tp_call = PyVectorcall_Call,
    .tp_vectorcall_offset = offsetof(nc_record, vectorcall),
    .tp_members = record_members,
};

PyDoc_STRVAR(use_doc,
"use(on)\n--\n\n"
"Run every Switch's native function (``on`` true) or its Python one; returns the previous state.");

static PyObject *use(PyObject *self, PyObject *on)
{
    (void)self;
    int truth = PyObject_IsTrue(on);
    if (truth < 0)
        return NULL;
    int previous = native_on;
    native_on = truth;
    return PyBool_FromLong(previous);
}

static PyMethodDef module_methods[] = {
    {"setup", setup, METH_VARARGS, setup_doc},
    {"use", use, METH_O, use_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "newsclean._structure",
    "The native structural passes of newsclean (see newsclean.native); the Python modules are the reference.",
    -1, module_methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__structure(void)
{
    if (PyType_Ready(&switch_type) < 0 || PyType_Ready(&record_type) < 0
        || (str_fullmatch == NULL && (str_fullmatch = PyUnicode_InternFromString("fullmatch")) == NULL)
        || (str_match == NULL && (str_match = PyUnicode_InternFromString("match")) == NULL)
        || (str_search == NULL && (str_search = PyUnicode_InternFromString("search")) == NULL))
        return NULL;
    PyObject *module = PyModule_Create(&module_def);
    if (module == NULL)
        return NULL;
    if (PyModule_AddObjectRef(module, "Switch", (PyObject *)&switch_type) < 0
        || PyModule_AddObjectRef(module, "Record", (PyObject *)&record_type) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    PyMethodDef *tables[] = {nc_shape_methods, nc_body_methods, nc_header_methods, nc_label_methods,
                             nc_normalize_methods, nc_metadata_methods, nc_record_methods};
    for (size_t k = 0; k < sizeof(tables) / sizeof(tables[0]); k++)
        if (PyModule_AddFunctions(module, tables[k]) < 0) {
            Py_DECREF(module);
            return NULL;
        }
    return module;
}
