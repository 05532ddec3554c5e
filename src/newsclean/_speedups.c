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

/* Scan `text` into self->hit (self->fixed, then each pattern reported).  Returns 0, 1 when the text is too long
 * for one scan (4 GB: self->hit is then all set, every pattern to be tried), or -1 with an exception set. */
static int scan_text(Scanner *self, PyObject *text) {
    /* the text as one byte a character: its Latin-1 characters as themselves, every other one as 0xFF
     * (the patterns are written so: a class admits 0xFF when it admits U+00FF or any character past it) */
    Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const char *bytes = (const char *)data;
    if (size > (Py_ssize_t)0xFFFFFFFFu) {  /* past what one block scan takes */
        memset(self->hit, 1, self->n);
        return 1;
    }
    if (kind != PyUnicode_1BYTE_KIND) {
        if (size > self->capacity) {
            char *more = PyMem_Realloc(self->buffer, size);
            if (!more) { PyErr_NoMemory(); return -1; }
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
        return -1;
    }
    return 0;
}

static PyObject *Scanner_scan(Scanner *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyUnicode_Check(args[0]) || !PyTuple_Check(args[1])
        || PyTuple_GET_SIZE(args[1]) != self->n) {
        PyErr_SetString(PyExc_TypeError, "scan() needs a str and a tuple of one item per pattern");
        return NULL;
    }
    PyObject *items = args[1];
    int scanned = scan_text(self, args[0]);
    if (scanned < 0) return NULL;
    if (scanned > 0) Py_RETURN_NONE;  /* no scan: the caller tries them all */
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

/* A pattern call that failed: a MatchTimeout (the page timer's signal, handled inside the call, names no rule)
 * is raised again by timed_out(i, text), which names pattern i and the text; any other error stays. */
static void renamed_timeout(PyObject *timeout, PyObject *timed_out, Py_ssize_t i, PyObject *text) {
    if (!PyErr_ExceptionMatches(timeout)) return;
    PyErr_Clear();
    PyObject *result = PyObject_CallFunction(timed_out, "nO", i, text);
    if (result) {  /* it must raise */
        Py_DECREF(result);
        PyErr_SetString(PyExc_SystemError, "timed_out() returned instead of raising");
    }
}

/* Whether `text` starts with one of the str in the tuple `literals` (1, 0, or -1 with an exception set). */
static int starts_with_any(PyObject *text, PyObject *literals) {
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(literals); k++) {
        Py_ssize_t found = PyUnicode_Tailmatch(text, PyTuple_GET_ITEM(literals, k), 0, PY_SSIZE_T_MAX, -1);
        if (found != 0) return (int)found;
    }
    return 0;
}

/* Whether `text` holds one of the str in the tuple `literals` (1, 0, or -1 with an exception set). */
static int holds_any(PyObject *text, PyObject *literals) {
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(literals); k++) {
        int found = PyUnicode_Contains(text, PyTuple_GET_ITEM(literals, k));
        if (found != 0) return found;
    }
    return 0;
}

/* The rule-table layout match_lines() reads (built once per rule set by rules.CompiledRuleSet._native_table). */
enum { T_CACHE, T_EXACT, T_FOLDED, T_PLAN, T_MATCHES, T_TURKIC_I, T_TIMEOUT, T_TIMED_OUT, T_LAST, T_APART, T_WHOLE,
       T_WHOLE_BUILD, T_LONGEST, T_SIZE };

/* str.casefold, looked up once (a method call on each line would look it up each time) */
static PyObject *str_casefold;

/* line.casefold(): an ASCII line folded here (its fold is its lower case; one without capitals is itself), any
 * other by str.casefold.  A new reference, or NULL with an exception set. */
static PyObject *casefold(PyObject *line) {
    if (!PyUnicode_IS_ASCII(line)) return PyObject_CallOneArg(str_casefold, line);
    Py_ssize_t size = PyUnicode_GET_LENGTH(line);
    const Py_UCS1 *data = PyUnicode_1BYTE_DATA(line);
    Py_ssize_t first = 0;
    while (first < size && !(data[first] >= 'A' && data[first] <= 'Z')) first++;
    if (first == size) return Py_NewRef(line);
    PyObject *folded = PyUnicode_New(size, 127);
    if (!folded) return NULL;
    Py_UCS1 *out = PyUnicode_1BYTE_DATA(folded);
    memcpy(out, data, (size_t)first);
    for (Py_ssize_t k = first; k < size; k++) {
        Py_UCS1 c = data[k];
        out[k] = c >= 'A' && c <= 'Z' ? (Py_UCS1)(c + ('a' - 'A')) : c;
    }
    return folded;
}

/* prefilter.turkic_i(casefolded): the text itself when it holds neither U+0307 nor U+0131 (always so within
 * Latin-1), else the Python function's answer.  A new reference, or NULL with an exception set. */
static PyObject *turkic_i(PyObject *casefolded, PyObject *python) {
    if (PyUnicode_KIND(casefolded) != PyUnicode_1BYTE_KIND) {
        Py_ssize_t size = PyUnicode_GET_LENGTH(casefolded);
        Py_ssize_t dot = PyUnicode_FindChar(casefolded, 0x0307, 0, size, 1);
        if (dot == -2) return NULL;
        Py_ssize_t dotless = dot >= 0 ? dot : PyUnicode_FindChar(casefolded, 0x0131, 0, size, 1);
        if (dotless == -2) return NULL;
        if (dot >= 0 || dotless >= 0) return PyObject_CallOneArg(python, casefolded);
    }
    return Py_NewRef(casefolded);
}

/* Whether rule i's whole-line scan (table[T_WHOLE][i]: a scanner of the rule's superset anchored at both ends of
 * the line, None for none, False while not built: table[T_WHOLE_BUILD](i) builds it) rules the rule out for `line`:
 * 1 when the line is not in the superset (the rule's own pattern cannot match the whole of it), 0 when it may be,
 * -1 with an exception set.  The scan is of one pattern, anchored at the line's start: it stops where the pattern
 * can go no further, most often within a few characters, a fraction of the cost of a pattern call that fails. */
static int ruled_out_whole(PyObject *table, Py_ssize_t i, PyObject *line) {
    PyObject *wholes = PyTuple_GET_ITEM(table, T_WHOLE);
    if (i >= PyList_GET_SIZE(wholes)) return 0;  /* (only a caller changing the list could shorten it) */
    PyObject *whole = Py_NewRef(PyList_GET_ITEM(wholes, i));  /* owned: the build below may change the list */
    if (whole == Py_False) {
        Py_SETREF(whole, PyObject_CallFunction(PyTuple_GET_ITEM(table, T_WHOLE_BUILD), "n", i));
        if (!whole) return -1;
    }
    int out = 0;
    if (PyObject_TypeCheck(whole, &ScannerType) && ((Scanner *)whole)->n == 1) {
        Scanner *scanner = (Scanner *)whole;
        int scanned = scan_text(scanner, line);  /* its hit read at once: no Python call in between */
        out = scanned < 0 ? -1 : scanned == 0 && !scanner->hit[0];
    } else if (whole != Py_None) {
        PyErr_SetString(PyExc_TypeError, "match_lines(): a whole-line scan must be None or a scanner of one pattern");
        out = -1;
    }
    Py_DECREF(whole);
    return out;
}

/* The index of the first rule matching the whole `line` (rules.CompiledRuleSet._lookup with the scan), or -1 for
 * none; -2 with an exception set.  `plan[i]` is (pattern.fullmatch or None, opening or None, gate or None), an
 * opening or gate being (literals, in_folded): the same shortcuts, in the same order, as the Python loop; before
 * them, `last` (256 flags a rule: whether its match can end with that Latin-1 character) rules a call out.  A line
 * ending with the character `apart` names is scanned by its scanner (`apart`: that character and a scanner of the
 * same rules, those ruled out by it left out), which names the same rules `last` lets through.  After them, the
 * rule's whole-line scan (ruled_out_whole) rules out the pattern call of most rules whose opening the line only
 * resembles (a paragraph opening "Jakarta, Senin" for a dateline standing alone). */
static Py_ssize_t lookup_line(Scanner *self, PyObject *line, PyObject *table, Py_ssize_t longest, Py_UCS4 apart,
                              Scanner *apart_scanner, unsigned char *hits) {
    PyObject *plan = PyTuple_GET_ITEM(table, T_PLAN);
    const unsigned char *last = (const unsigned char *)PyBytes_AS_STRING(PyTuple_GET_ITEM(table, T_LAST));
    Py_ssize_t index = -1;
    Py_ssize_t size = PyUnicode_GET_LENGTH(line);
    PyObject *casefolded = NULL;   /* casefold(line), made on first use */
    PyObject *folded_line = NULL;  /* turkic_i(casefolded), made on first use */
    /* a line longer than every literal line is none of them, nor is its casefold (never shorter than the line):
     * most paragraphs are not hashed, folded and looked up twice for nothing */
    if (size <= longest) {
        PyObject *value = PyDict_GetItemWithError(PyTuple_GET_ITEM(table, T_EXACT), line);  /* borrowed */
        if (value) {
            index = PyLong_AsSsize_t(value);
            if (index == -1 && PyErr_Occurred()) return -2;
        } else if (PyErr_Occurred()) return -2;
        casefolded = casefold(line);
        if (!casefolded) return -2;
        value = PyDict_GetItemWithError(PyTuple_GET_ITEM(table, T_FOLDED), casefolded);
        if (value) {
            Py_ssize_t folded = PyLong_AsSsize_t(value);
            if (folded == -1 && PyErr_Occurred()) goto error;
            if (index < 0 || folded < index) index = folded;
        } else if (PyErr_Occurred()) goto error;
    }
    /* a rule's opening literals are tested on a line that opens with a letter or digit */
    int openings = size > 0 && Py_UNICODE_ISALNUM(PyUnicode_READ_CHAR(line, 0));
    /* the line's last character, when within Latin-1 (any other: no rule ruled out by it) */
    Py_UCS4 end = size > 0 ? PyUnicode_READ_CHAR(line, size - 1) : 0x100;
    Scanner *scanner = apart_scanner != NULL && end == apart ? apart_scanner : self;
    if (scan_text(scanner, line) < 0) goto error;
    memcpy(hits, scanner->hit, self->n);  /* a pattern call may run another thread's scan with this scanner */
    for (Py_ssize_t i = 0; i < self->n; i++) {
        if (!hits[i]) continue;
        if (index >= 0 && i >= index) break;
        if (end < 0x100 && !last[i * 256 + end]) continue;
        PyObject *step = PyTuple_GET_ITEM(plan, i);
        PyObject *fullmatch = PyTuple_GET_ITEM(step, 0);
        if (fullmatch == Py_None) continue;
        for (int test = 1; test <= 2; test++) {  /* the opening (on such a line), then the gate */
            PyObject *check = PyTuple_GET_ITEM(step, test);
            if (check == Py_None || (test == 1 && !openings)) continue;
            PyObject *text = line;
            int in_folded = PyObject_IsTrue(PyTuple_GET_ITEM(check, 1));
            if (in_folded < 0) goto error;
            if (in_folded) {
                if (!casefolded && !(casefolded = casefold(line))) goto error;
                if (!folded_line) {
                    folded_line = turkic_i(casefolded, PyTuple_GET_ITEM(table, T_TURKIC_I));
                    if (!folded_line) goto error;
                }
                text = folded_line;
            }
            int found = test == 1 ? starts_with_any(text, PyTuple_GET_ITEM(check, 0))
                                  : holds_any(text, PyTuple_GET_ITEM(check, 0));
            if (found < 0) goto error;
            if (!found) goto next;
        }
        int out = ruled_out_whole(table, i, line);
        if (out < 0) goto error;
        if (out) continue;
        PyObject *m = PyObject_CallOneArg(fullmatch, line);
        if (!m) {
            renamed_timeout(PyTuple_GET_ITEM(table, T_TIMEOUT), PyTuple_GET_ITEM(table, T_TIMED_OUT), i, line);
            goto error;
        }
        Py_DECREF(m);
        if (m != Py_None) {
            index = i;
            break;
        }
    next:;
    }
    Py_XDECREF(casefolded);
    Py_XDECREF(folded_line);
    return index;
error:
    Py_XDECREF(casefolded);
    Py_XDECREF(folded_line);
    return -2;
}

/* match_lines(lines, table, cached_line, cache_size): rules.CompiledRuleSet.match of each line of the list, as a
 * list (the Python method is the reference; this is its loop in one call).  A line of at most cached_line
 * characters is looked up in the table's cache first, and put there when looked up (the cache emptied first when
 * it holds cache_size lines), line after line as match() does. */
static PyObject *Scanner_match_lines(Scanner *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 4 || !PyList_Check(args[0]) || !PyTuple_Check(args[1]) || PyTuple_GET_SIZE(args[1]) != T_SIZE
        || !PyLong_Check(args[2]) || !PyLong_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError, "match_lines() needs a list of str, the rule table, a length and a size");
        return NULL;
    }
    PyObject *lines = args[0], *table = args[1];
    PyObject *cache = PyTuple_GET_ITEM(table, T_CACHE), *matches = PyTuple_GET_ITEM(table, T_MATCHES);
    PyObject *plan = PyTuple_GET_ITEM(table, T_PLAN);
    if (!PyDict_Check(cache) || !PyDict_Check(PyTuple_GET_ITEM(table, T_EXACT))
        || !PyDict_Check(PyTuple_GET_ITEM(table, T_FOLDED)) || !PyTuple_Check(plan) || PyTuple_GET_SIZE(plan) != self->n
        || !PyTuple_Check(matches) || PyTuple_GET_SIZE(matches) != self->n
        || !PyBytes_Check(PyTuple_GET_ITEM(table, T_LAST)) || PyBytes_GET_SIZE(PyTuple_GET_ITEM(table, T_LAST)) != self->n * 256
        || !PyList_Check(PyTuple_GET_ITEM(table, T_WHOLE)) || PyList_GET_SIZE(PyTuple_GET_ITEM(table, T_WHOLE)) != self->n
        || !PyLong_Check(PyTuple_GET_ITEM(table, T_LONGEST))) {
        PyErr_SetString(PyExc_TypeError, "match_lines(): a rule table of another layout or rule count");
        return NULL;
    }
    for (Py_ssize_t i = 0; i < self->n; i++) {
        PyObject *step = PyTuple_GET_ITEM(plan, i);
        if (!PyTuple_Check(step) || PyTuple_GET_SIZE(step) != 3) {
            PyErr_SetString(PyExc_TypeError, "match_lines(): a plan step must be a tuple of three");
            return NULL;
        }
    }
    PyObject *apart = PyTuple_GET_ITEM(table, T_APART);
    Py_UCS4 apart_character = 0;
    Scanner *apart_scanner = NULL;
    if (apart != Py_None) {
        if (!PyTuple_Check(apart) || PyTuple_GET_SIZE(apart) != 2 || !PyUnicode_Check(PyTuple_GET_ITEM(apart, 0))
            || PyUnicode_GET_LENGTH(PyTuple_GET_ITEM(apart, 0)) != 1
            || !PyObject_TypeCheck(PyTuple_GET_ITEM(apart, 1), &ScannerType)
            || ((Scanner *)PyTuple_GET_ITEM(apart, 1))->n != self->n) {
            PyErr_SetString(PyExc_TypeError, "match_lines(): the scan apart must be None or (a character, a scanner "
                                             "of as many patterns)");
            return NULL;
        }
        apart_character = PyUnicode_READ_CHAR(PyTuple_GET_ITEM(apart, 0), 0);
        apart_scanner = (Scanner *)PyTuple_GET_ITEM(apart, 1);
    }
    Py_ssize_t longest = PyLong_AsSsize_t(PyTuple_GET_ITEM(table, T_LONGEST));  /* the longest literal line */
    if (longest == -1 && PyErr_Occurred()) return NULL;
    Py_ssize_t cached_line = PyLong_AsSsize_t(args[2]);
    if (cached_line == -1 && PyErr_Occurred()) return NULL;
    Py_ssize_t cache_size = PyLong_AsSsize_t(args[3]);
    if (cache_size == -1 && PyErr_Occurred()) return NULL;
    Py_ssize_t count = PyList_GET_SIZE(lines);
    unsigned char *hits = PyMem_Malloc(self->n ? self->n : 1);
    if (!hits) return PyErr_NoMemory();
    PyObject *result = PyList_New(count);
    if (!result) { PyMem_Free(hits); return NULL; }
    for (Py_ssize_t k = 0; k < count; k++) {
        if (k >= PyList_GET_SIZE(lines)) {  /* (only another thread could shorten it, during a pattern call) */
            PyErr_SetString(PyExc_RuntimeError, "match_lines(): the list of lines changed during the call");
            goto error;
        }
        PyObject *line = PyList_GET_ITEM(lines, k);
        if (!PyUnicode_Check(line)) {
            PyErr_SetString(PyExc_TypeError, "match_lines() needs a list of str");
            goto error;
        }
        Py_INCREF(line);  /* the list may change under a pattern call */
        Py_ssize_t index;
        int remembered = PyUnicode_GET_LENGTH(line) <= cached_line;
        PyObject *known = remembered ? PyDict_GetItemWithError(cache, line) : NULL;  /* borrowed */
        if (known) {
            index = known == Py_None ? -1 : PyLong_AsSsize_t(known);
            if (index == -1 && PyErr_Occurred()) { Py_DECREF(line); goto error; }
        } else {
            if (PyErr_Occurred()) { Py_DECREF(line); goto error; }
            index = lookup_line(self, line, table, longest, apart_character, apart_scanner, hits);
            if (index == -2) { Py_DECREF(line); goto error; }
            if (remembered) {
                if (PyDict_GET_SIZE(cache) >= cache_size) PyDict_Clear(cache);
                PyObject *value = index < 0 ? Py_NewRef(Py_None) : PyLong_FromSsize_t(index);
                if (!value || PyDict_SetItem(cache, line, value) < 0) {
                    Py_XDECREF(value);
                    Py_DECREF(line);
                    goto error;
                }
                Py_DECREF(value);
            }
        }
        Py_DECREF(line);
        if (index >= self->n) {
            PyErr_SetString(PyExc_IndexError, "match_lines(): a rule index past the table");
            goto error;
        }
        PyObject *match = index < 0 ? Py_None : PyTuple_GET_ITEM(matches, index);
        PyList_SET_ITEM(result, k, Py_NewRef(match));
    }
    PyMem_Free(hits);
    return result;
error:
    PyMem_Free(hits);
    Py_DECREF(result);
    return NULL;
}

/* The first pattern i, in order, whose superset the scan finds and whose own methods[i] (a compiled pattern's
 * match) matches text: that match (a new reference) with *index set to i, or a new reference to None; NULL with an
 * exception set (a timeout raised again by timed_out, see renamed_timeout). */
static PyObject *first_found(Scanner *self, PyObject *text, PyObject *methods, PyObject *timeout, PyObject *timed_out,
                             Py_ssize_t *index) {
    if (scan_text(self, text) < 0) return NULL;
    /* the indices found, in order (a pattern call may run another thread's scan with this scanner) */
    Py_ssize_t *found = PyMem_Malloc((self->n ? self->n : 1) * sizeof(Py_ssize_t)), count = 0;
    if (!found) return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < self->n; i++)
        if (self->hit[i]) found[count++] = i;
    PyObject *result = NULL;
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *m = PyObject_CallOneArg(PyTuple_GET_ITEM(methods, found[k]), text);
        if (!m) {
            renamed_timeout(timeout, timed_out, found[k], text);
            goto done;
        }
        if (m != Py_None) {
            *index = found[k];
            result = m;
            goto done;
        }
        Py_DECREF(m);
    }
    result = Py_NewRef(Py_None);
done:
    PyMem_Free(found);
    return result;
}

/* The dateline table dateline() reads (built once per rule set by rules.CompiledRuleSet._dateline_table). */
enum { D_METHODS, D_TIMEOUT, D_TIMED_OUT, D_DATELINES, D_CITY, D_DEADLINE, D_NATIVE, D_PYTHON, D_SIZE };

/* names looked up on a match and on newsclean.native, interned once */
static PyObject *str_end, *str_group, *str_city, *str_strip, *str_on;

/* (dateline rule, prefix, city) of the match m of dateline i on line (rules.CompiledRuleSet._dateline_found): a new
 * reference, None when the prefix is the whole line; NULL with an exception set. */
static PyObject *dateline_found(PyObject *table, Py_ssize_t i, PyObject *m, PyObject *line) {
    PyObject *end_object = PyObject_CallMethodNoArgs(m, str_end);
    if (!end_object) return NULL;
    Py_ssize_t end = PyLong_AsSsize_t(end_object);
    Py_DECREF(end_object);
    if (end == -1 && PyErr_Occurred()) return NULL;
    if (end >= PyUnicode_GET_LENGTH(line)) Py_RETURN_NONE;
    PyObject *city = Py_NewRef(Py_None), *prefix = NULL, *result = NULL;
    int named = PyObject_IsTrue(PyTuple_GET_ITEM(PyTuple_GET_ITEM(table, D_CITY), i));  /* a group "city" */
    if (named < 0) goto done;
    if (named) {
        PyObject *group = PyObject_CallMethodOneArg(m, str_group, str_city);
        if (!group) goto done;
        int truth = PyObject_IsTrue(group);  /* a city matched and not empty: stripped */
        if (truth > 0) {
            Py_SETREF(city, PyObject_CallMethodNoArgs(group, str_strip));
        }
        Py_DECREF(group);
        if (truth < 0 || !city) goto done;
    }
    prefix = PyUnicode_Substring(line, 0, end);
    if (prefix) result = PyTuple_Pack(3, PyTuple_GET_ITEM(PyTuple_GET_ITEM(table, D_DATELINES), i), prefix, city);
done:
    Py_XDECREF(city);
    Py_XDECREF(prefix);
    return result;
}

/* dateline(table, line): rules.CompiledRuleSet.dateline(line), the Python method being the reference, in one call
 * with no Python frame (body.c's find_body calls it for each prose line): the scan of the dateline rules for the
 * line's opening, the first whose own pattern matches, and its prefix and city.  Where the Python method would not
 * take this path (the native core switched off, each pattern call to be timed on its own, a line not a str), the
 * Python method (table[D_PYTHON]) answers. */
static PyObject *Scanner_dateline(Scanner *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyTuple_Check(args[0]) || PyTuple_GET_SIZE(args[0]) != D_SIZE
        || !PyTuple_Check(PyTuple_GET_ITEM(args[0], D_METHODS)) || PyTuple_GET_SIZE(PyTuple_GET_ITEM(args[0], D_METHODS)) != self->n
        || !PyTuple_Check(PyTuple_GET_ITEM(args[0], D_DATELINES)) || PyTuple_GET_SIZE(PyTuple_GET_ITEM(args[0], D_DATELINES)) != self->n
        || !PyTuple_Check(PyTuple_GET_ITEM(args[0], D_CITY)) || PyTuple_GET_SIZE(PyTuple_GET_ITEM(args[0], D_CITY)) != self->n
        || !PyContextVar_CheckExact(PyTuple_GET_ITEM(args[0], D_DEADLINE))) {
        PyErr_SetString(PyExc_TypeError, "dateline() needs the dateline table of this scanner and a line");
        return NULL;
    }
    PyObject *table = args[0], *line = args[1];
    if (!PyUnicode_Check(line)) return PyObject_CallOneArg(PyTuple_GET_ITEM(table, D_PYTHON), line);
    if (PyUnicode_GET_LENGTH(line) == 0) Py_RETURN_NONE;
    PyObject *deadline = NULL;
    if (PyContextVar_Get(PyTuple_GET_ITEM(table, D_DEADLINE), NULL, &deadline) < 0) return NULL;
    int timed = deadline != NULL && deadline != Py_None;
    Py_XDECREF(deadline);
    if (!timed) {
        PyObject *on = PyObject_GetAttr(PyTuple_GET_ITEM(table, D_NATIVE), str_on);
        if (!on) return NULL;
        int truth = PyObject_IsTrue(on);
        Py_DECREF(on);
        if (truth < 0) return NULL;
        timed = !truth;
    }
    if (timed) return PyObject_CallOneArg(PyTuple_GET_ITEM(table, D_PYTHON), line);
    Py_ssize_t i = -1;
    PyObject *m = first_found(self, line, PyTuple_GET_ITEM(table, D_METHODS), PyTuple_GET_ITEM(table, D_TIMEOUT),
                              PyTuple_GET_ITEM(table, D_TIMED_OUT), &i);
    if (!m || m == Py_None) return m;
    PyObject *result = dateline_found(table, i, m, line);
    Py_DECREF(m);
    return result;
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
    {"match_lines", (PyCFunction)(void (*)(void))Scanner_match_lines, METH_FASTCALL,
     "match_lines(lines, table, cached_line, cache_size): the rule matching each line (rules.CompiledRuleSet.match)."},
    {"dateline", (PyCFunction)(void (*)(void))Scanner_dateline, METH_FASTCALL,
     "dateline(table, line): (dateline rule, prefix, city) of the line's dateline (rules.CompiledRuleSet.dateline)."},
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
    if (!str_casefold && !(str_casefold = PyObject_GetAttrString((PyObject *)&PyUnicode_Type, "casefold"))) return NULL;
    if (!str_end && (!(str_end = PyUnicode_InternFromString("end")) || !(str_group = PyUnicode_InternFromString("group"))
                     || !(str_city = PyUnicode_InternFromString("city"))
                     || !(str_strip = PyUnicode_InternFromString("strip"))
                     || !(str_on = PyUnicode_InternFromString("_on"))))
        return NULL;
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
