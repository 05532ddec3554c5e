/* The native record writer: record.py's _article_json, _count_lines and _json_text (the reference), in C.
 *
 * article_json writes an Article's fields as the JSON object record.to_line writes for record.article_fields
 * (json.dumps with ensure_ascii=False, then a lone surrogate as its backslash escape), and counts the article's
 * lines as record.count_lines does, in the same call; count_lines is that count alone; json_text writes any dict of
 * JSON's types (the head of a record, the input fields passed through, an error record).  Which fields, in which
 * order and under which names come from the caller (record.columns(layout), read from record.FIELDS and the
 * Layout); what each field is, from record.py and model.py at setup: a field that is an Article attribute is
 * written as that attribute's value (a list where the attribute is declared a tuple: Article.to_dict's list()),
 * and the few that are not (or that the reference converts otherwise: published, lines) are named below.  A value
 * of a type this file does not write (a subclass, a date, a mapping that is no dict...) or any error sends the
 * whole call to the reference, so the result, or the exception, is always the reference's.
 */
#include "structure.h"

#include <math.h>

typedef enum {
    K_ATTRIBUTE, K_SEQUENCE, K_PUBLISHED, K_LINES, K_FROM_HTML, K_KEPT, K_DROPPED_CHARS, K_DROPPED
} field_kind;

/* The fields record.article_fields does not take from an Article attribute as it is; every other field of
   record.FIELDS must be an Article attribute (checked at setup). */
static const struct {
    const char *name;
    field_kind kind;
} computed[] = {
    {"published", K_PUBLISHED},         /* the date's isoformat(), or None */
    {"lines", K_LINES},                 /* each Line's to_dict() */
    {"from_html", K_FROM_HTML},         /* the caller's flag */
    {"kept_chars", K_KEPT},             /* count_lines(...).kept_chars */
    {"dropped_chars", K_DROPPED_CHARS}, /* count_lines(...).dropped_chars */
    {"dropped", K_DROPPED},             /* count_lines(...).by_label() */
};

#define MAX_FIELDS 64
static PyObject *fields;            /* record.FIELDS */
static field_kind kinds[MAX_FIELDS]; /* what each of FIELDS is */
static Py_ssize_t nfields;
static PyObject *counts_type;       /* record.Counts */
static PyObject *python_article_json; /* record._article_json, the reference */
static PyObject *python_json_text;    /* record._json_text, the reference */
static PyObject *python_count_lines;  /* record._count_lines, the reference */
static PyTypeObject *line_type;    /* model.Line */
static PyTypeObject *article_type; /* model.Article */
static PyObject *line_keys[5];      /* model.Line._fields: no, text, label, rule, prefix */
static PyObject *label_values[NC_NLABELS]; /* each label's _value_ */
static PyObject *label_objects[NC_NLABELS]; /* each label (nc_label_object's, borrowed: the enum holds them), read
                                               here in the loop over a page's lines without a call a label */
static int label_order[NC_NLABELS]; /* the labels as sorted() orders them (Counts.by_label) */
static PyObject *isoformat;         /* "isoformat" */

/* A value this file does not write: the article goes to the reference (no exception set). */
#define UNSUPPORTED (-2)
/* How deep a list or object may nest before the reference writes it (and tells a circular one). */
#define MAX_DEPTH 32
/* How many (label, rule) pairs a page's dropped lines may have before the reference counts them (a bound on the
   linear search below; real pages have a few dozen). */
#define MAX_DROPPED 256

/* ------------------------------------------------------------------------------------------------------------- */
/* the text written, as UCS4 characters */

typedef struct {
    Py_UCS4 *data;
    Py_ssize_t len, cap;
} buffer;

static int reserve(buffer *b, Py_ssize_t more)
{
    if (more > PY_SSIZE_T_MAX / 8 - b->len) {
        PyErr_NoMemory();
        return -1;
    }
    if (b->len + more <= b->cap)
        return 0;
    Py_ssize_t cap = b->cap * 2 > b->len + more ? b->cap * 2 : b->len + more;
    Py_UCS4 *grown = PyMem_Realloc(b->data, (size_t)cap * sizeof(Py_UCS4));
    if (grown == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    b->data = grown, b->cap = cap;
    return 0;
}

static int put_ascii(buffer *b, const char *s)
{
    Py_ssize_t n = (Py_ssize_t)strlen(s);
    if (reserve(b, n) < 0)
        return -1;
    for (Py_ssize_t k = 0; k < n; k++)
        b->data[b->len++] = (unsigned char)s[k];
    return 0;
}

static const char hex[] = "0123456789abcdef";

/* One character as json.dumps(ensure_ascii=False) writes it in a string, and a lone surrogate as to_line's
   backslashreplace then writes it (lowercase hex, as both do).  At most 6 characters. */
#define PUT_CHAR(out, c)                                                                                           \
    do {                                                                                                           \
        Py_UCS4 c_ = (c);                                                                                          \
        if (c_ >= 0x20 && c_ != '"' && c_ != '\\' && (c_ < 0xD800 || c_ > 0xDFFF)) {                               \
            *out++ = c_;                                                                                           \
        } else {                                                                                                   \
            *out++ = '\\';                                                                                         \
            switch (c_) {                                                                                          \
            case '"': *out++ = '"'; break;                                                                         \
            case '\\': *out++ = '\\'; break;                                                                       \
            case '\n': *out++ = 'n'; break;                                                                        \
            case '\r': *out++ = 'r'; break;                                                                        \
            case '\t': *out++ = 't'; break;                                                                        \
            case '\b': *out++ = 'b'; break;                                                                        \
            case '\f': *out++ = 'f'; break;                                                                        \
            default:                                                                                               \
                *out++ = 'u';                                                                                      \
                *out++ = hex[(c_ >> 12) & 15];                                                                     \
                *out++ = hex[(c_ >> 8) & 15];                                                                      \
                *out++ = hex[(c_ >> 4) & 15];                                                                      \
                *out++ = hex[c_ & 15];                                                                             \
            }                                                                                                      \
        }                                                                                                          \
    } while (0)

static int put_string(buffer *b, PyObject *s)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    if (n > PY_SSIZE_T_MAX / 8 || reserve(b, 6 * n + 2) < 0) {
        if (!PyErr_Occurred())
            PyErr_NoMemory();
        return -1;
    }
    Py_UCS4 *out = b->data + b->len;
    *out++ = '"';
    const void *data = PyUnicode_DATA(s);
    switch (PyUnicode_KIND(s)) {
    case PyUnicode_1BYTE_KIND:
        for (Py_ssize_t k = 0; k < n; k++)
            PUT_CHAR(out, ((const Py_UCS1 *)data)[k]);
        break;
    case PyUnicode_2BYTE_KIND:
        for (Py_ssize_t k = 0; k < n; k++)
            PUT_CHAR(out, ((const Py_UCS2 *)data)[k]);
        break;
    default:
        for (Py_ssize_t k = 0; k < n; k++)
            PUT_CHAR(out, ((const Py_UCS4 *)data)[k]);
    }
    *out++ = '"';
    b->len = out - b->data;
    return 0;
}

static int put_integer(buffer *b, long long n)
{
    char digits[24];
    int k = 0;
    unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
    do
        digits[k++] = (char)('0' + u % 10);
    while ((u /= 10) != 0);
    if (reserve(b, k + 1) < 0)
        return -1;
    if (n < 0)
        b->data[b->len++] = '-';
    while (k)
        b->data[b->len++] = (unsigned char)digits[--k];
    return 0;
}

static int put_size(buffer *b, Py_ssize_t n)
{
    return put_integer(b, n);
}

/* The text of a str (the repr of a large int, a float's): written as it is (ASCII). */
static int put_text(buffer *b, PyObject *text)
{
    const char *s = PyUnicode_AsUTF8(text);
    return s == NULL ? -1 : put_ascii(b, s);
}

static int put_value(buffer *b, PyObject *v, int depth);

/* A dict as json.dumps writes it, its keys str */
static int put_object(buffer *b, PyObject *v, int depth)
{
    if (depth >= MAX_DEPTH)
        return UNSUPPORTED;
    Py_ssize_t at = 0;
    PyObject *key, *value;
    int first = 1;
    if (put_ascii(b, "{") < 0)
        return -1;
    while (PyDict_Next(v, &at, &key, &value)) {
        if (!PyUnicode_CheckExact(key))
            return UNSUPPORTED; /* json writes an int, float, bool or None key as a str: the reference does */
        if ((!first && put_ascii(b, ", ") < 0) || put_string(b, key) < 0 || put_ascii(b, ": ") < 0)
            return -1;
        int done = put_value(b, value, depth + 1);
        if (done < 0)
            return done;
        first = 0;
    }
    return put_ascii(b, "}");
}

/* A value as json.dumps writes it: None, a bool, an int, a float, a str, a list, tuple or dict of those.  Only the
   exact types: anything else is UNSUPPORTED (json may call a subclass's own methods, or json_value). */
static int put_value(buffer *b, PyObject *v, int depth)
{
    if (PyUnicode_CheckExact(v))
        return put_string(b, v);
    if (v == Py_None)
        return put_ascii(b, "null");
    if (v == Py_True)
        return put_ascii(b, "true");
    if (v == Py_False)
        return put_ascii(b, "false");
    if (PyLong_CheckExact(v)) {
        int overflow;
        long long n = PyLong_AsLongLongAndOverflow(v, &overflow);
        if (n == -1 && PyErr_Occurred())
            return -1;
        if (overflow) {
            PyObject *text = PyObject_Repr(v);
            if (text == NULL)
                return -1;
            int done = put_text(b, text);
            Py_DECREF(text);
            return done;
        }
        return put_integer(b, n);
    }
    if (PyFloat_CheckExact(v)) {
        double d = PyFloat_AS_DOUBLE(v);
        if (isnan(d))
            return put_ascii(b, "NaN");
        if (isinf(d))
            return put_ascii(b, d > 0 ? "Infinity" : "-Infinity");
        char *text = PyOS_double_to_string(d, 'r', 0, Py_DTSF_ADD_DOT_0, NULL); /* float.__repr__ */
        if (text == NULL)
            return -1;
        int done = put_ascii(b, text);
        PyMem_Free(text);
        return done;
    }
    if (PyList_CheckExact(v) || PyTuple_CheckExact(v)) {
        if (depth >= MAX_DEPTH)
            return UNSUPPORTED;
        /* a list can change while a nested value is written (no Python code runs here, but be exact) */
        Py_ssize_t n = PySequence_Fast_GET_SIZE(v);
        if (put_ascii(b, "[") < 0)
            return -1;
        for (Py_ssize_t k = 0; k < n; k++) {
            if (k && put_ascii(b, ", ") < 0)
                return -1;
            int done = put_value(b, PySequence_Fast_GET_ITEM(v, k), depth + 1);
            if (done < 0)
                return done;
        }
        return put_ascii(b, "]");
    }
    if (PyDict_CheckExact(v))
        return put_object(b, v, depth);
    return UNSUPPORTED;
}

/* ------------------------------------------------------------------------------------------------------------- */
/* the counts of a page's lines (record.count_lines) */

typedef struct {
    int label;
    PyObject *rule; /* borrowed from the article's Line */
    Py_ssize_t n;
} dropped_entry;

typedef struct {
    Py_ssize_t kept, dropped_chars;
    dropped_entry *dropped; /* in the order they first come on the page */
    Py_ssize_t ndropped;
} counts;

/* A line's fields, checked: 0, UNSUPPORTED for a line this file does not read (the reference does), -1 error. */
static int line_fields(PyObject *line, PyObject **text, int *label, PyObject **rule, PyObject **prefix)
{
    if (Py_TYPE(line) != line_type || PyTuple_GET_SIZE(line) != 5) /* a Line, not a tuple nor a subclass */
        return UNSUPPORTED;
    *text = PyTuple_GET_ITEM(line, 1);
    *rule = PyTuple_GET_ITEM(line, 3);
    *prefix = PyTuple_GET_ITEM(line, 4);
    if (!PyUnicode_CheckExact(*text) || !PyUnicode_CheckExact(*rule) || !PyUnicode_CheckExact(*prefix))
        return UNSUPPORTED;
    PyObject *value = PyTuple_GET_ITEM(line, 2);
    for (int k = 0; k < NC_NLABELS; k++)
        if (label_objects[k] == value) {
            *label = k;
            return 0;
        }
    return UNSUPPORTED;
}

static int count(PyObject *lines, counts *c, dropped_entry *room)
{
    memset(c, 0, sizeof(*c));
    c->dropped = room;
    Py_ssize_t n = PyTuple_GET_SIZE(lines), last = 0; /* the entry the last dropped line counted in */
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *text, *rule, *prefix;
        int label;
        int read = line_fields(PyTuple_GET_ITEM(lines, i), &text, &label, &rule, &prefix);
        if (read < 0)
            return read;
        Py_ssize_t length = PyUnicode_GET_LENGTH(text);
        if (label == NC_BODY) {
            Py_ssize_t cut = PyUnicode_GET_LENGTH(prefix);
            c->kept += length > cut ? length - cut : 0;
            c->dropped_chars += cut;
        } else if (label != NC_BLANK) {
            c->dropped_chars += length;
            Py_ssize_t k = last < c->ndropped && c->dropped[last].label == label && c->dropped[last].rule == rule
                         ? last : 0;
            for (; k < c->ndropped; k++)
                if (c->dropped[k].label == label && c->dropped[k].rule == rule)
                    break;
            if (k == c->ndropped) /* not the same str object: an equal one? */
                for (k = 0; k < c->ndropped; k++)
                    if (c->dropped[k].label == label && PyUnicode_Compare(c->dropped[k].rule, rule) == 0)
                        break;
            if (k == c->ndropped) {
                if (c->ndropped == MAX_DROPPED)
                    return UNSUPPORTED;
                c->dropped[k].label = label, c->dropped[k].rule = rule, c->dropped[k].n = 0;
                c->ndropped++;
            }
            c->dropped[k].n++;
            last = k;
        }
    }
    return 0;
}

/* record.Counts of the counts (a new reference, NULL on error) */
static PyObject *counts_object(const counts *c)
{
    PyObject *dropped = PyDict_New();
    if (dropped == NULL)
        return NULL;
    for (Py_ssize_t k = 0; k < c->ndropped; k++) {
        PyObject *key = PyTuple_Pack(2, nc_label_object(c->dropped[k].label), c->dropped[k].rule);
        PyObject *n = PyLong_FromSsize_t(c->dropped[k].n);
        int stored = key == NULL || n == NULL ? -1 : PyDict_SetItem(dropped, key, n);
        Py_XDECREF(key);
        Py_XDECREF(n);
        if (stored < 0) {
            Py_DECREF(dropped);
            return NULL;
        }
    }
    /* Counts(kept, removed, dropped) as its __new__ makes it (tuple.__new__(Counts, ...)), without a Python call */
    PyObject *values = Py_BuildValue("((nnN))", c->kept, c->dropped_chars, dropped);
    if (values == NULL)
        return NULL;
    PyObject *out = PyTuple_Type.tp_new((PyTypeObject *)counts_type, values, NULL);
    Py_DECREF(values);
    return out;
}

/* ------------------------------------------------------------------------------------------------------------- */
/* the fields */

/* Counts.by_label(): the dropped lines by label, in sorted label order */
static int put_by_label(buffer *b, const counts *c)
{
    Py_ssize_t by_label[NC_NLABELS] = {0};
    for (Py_ssize_t k = 0; k < c->ndropped; k++)
        by_label[c->dropped[k].label] += c->dropped[k].n;
    int first = 1;
    if (put_ascii(b, "{") < 0)
        return -1;
    for (int k = 0; k < NC_NLABELS; k++) {
        int label = label_order[k];
        if (by_label[label] == 0)
            continue;
        if ((!first && put_ascii(b, ", ") < 0) || put_string(b, label_values[label]) < 0 || put_ascii(b, ": ") < 0
            || put_size(b, by_label[label]) < 0)
            return -1;
        first = 0;
    }
    return put_ascii(b, "}");
}

static int put_key(buffer *b, PyObject *key)
{
    return put_string(b, key) < 0 || put_ascii(b, ": ") < 0 ? -1 : 0;
}

/* Line.to_dict() of each line */
static int put_lines(buffer *b, PyObject *lines)
{
    Py_ssize_t n = PyTuple_GET_SIZE(lines);
    if (put_ascii(b, "[") < 0)
        return -1;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *line = PyTuple_GET_ITEM(lines, i), *text, *rule, *prefix;
        int label;
        int read = line_fields(line, &text, &label, &rule, &prefix);
        if (read < 0)
            return read;
        if (i && put_ascii(b, ", ") < 0)
            return -1;
        int done = put_ascii(b, "{") < 0 || put_key(b, line_keys[0]) < 0 ? -1
                 : put_value(b, PyTuple_GET_ITEM(line, 0), MAX_DEPTH); /* the number: no list */
        if (done < 0)
            return done;
        if (put_ascii(b, ", ") < 0 || put_key(b, line_keys[1]) < 0 || put_string(b, text) < 0
            || put_ascii(b, ", ") < 0 || put_key(b, line_keys[2]) < 0 || put_string(b, label_values[label]) < 0
            || put_ascii(b, ", ") < 0 || put_key(b, line_keys[3]) < 0 || put_string(b, rule) < 0)
            return -1;
        if (PyUnicode_GET_LENGTH(prefix)
            && (put_ascii(b, ", ") < 0 || put_key(b, line_keys[4]) < 0 || put_string(b, prefix) < 0))
            return -1;
        if (put_ascii(b, "}") < 0)
            return -1;
    }
    return put_ascii(b, "]");
}

static int put_field(buffer *b, field_kind kind, PyObject *name, PyObject *article, PyObject *lines,
                     PyObject *from_html, const counts *c)
{
    switch (kind) {
    case K_ATTRIBUTE: {
        PyObject *value = PyObject_GetAttr(article, name);
        if (value == NULL)
            return -1;
        int done = put_value(b, value, 0);
        Py_DECREF(value);
        return done;
    }
    case K_SEQUENCE: { /* list(value): only a tuple or a list is written here as the list it makes */
        PyObject *value = PyObject_GetAttr(article, name);
        if (value == NULL)
            return -1;
        int done = PyTuple_CheckExact(value) || PyList_CheckExact(value) ? put_value(b, value, 0) : UNSUPPORTED;
        Py_DECREF(value);
        return done;
    }
    case K_PUBLISHED: {
        PyObject *value = PyObject_GetAttr(article, name);
        if (value == NULL)
            return -1;
        if (value == Py_None) {
            Py_DECREF(value);
            return put_ascii(b, "null");
        }
        PyObject *text = PyObject_CallMethodNoArgs(value, isoformat);
        Py_DECREF(value);
        if (text == NULL)
            return -1;
        int done = put_value(b, text, 0);
        Py_DECREF(text);
        return done;
    }
    case K_LINES:
        return put_lines(b, lines);
    case K_FROM_HTML:
        return put_value(b, from_html, 0);
    case K_KEPT:
        return put_size(b, c->kept);
    case K_DROPPED_CHARS:
        return put_size(b, c->dropped_chars);
    case K_DROPPED:
        return put_by_label(b, c);
    }
    return UNSUPPORTED;
}

/* Which of FIELDS a column names: its index, or -1 */
static Py_ssize_t field_index(PyObject *name)
{
    for (Py_ssize_t k = 0; k < nfields; k++)
        if (PyTuple_GET_ITEM(fields, k) == name)
            return k;
    if (!PyUnicode_CheckExact(name))
        return -1;
    for (Py_ssize_t k = 0; k < nfields; k++)
        if (PyUnicode_Compare(PyTuple_GET_ITEM(fields, k), name) == 0)
            return k;
    return -1;
}

/* The record's text and counts; UNSUPPORTED where the reference must answer. */
static int write_article(buffer *b, PyObject *article, PyObject *columns, PyObject *from_html, counts *c,
                         dropped_entry *room)
{
    if (Py_TYPE(article) != article_type || !PyTuple_CheckExact(columns)) /* a subclass may write itself otherwise */
        return UNSUPPORTED;
    PyObject *lines = PyObject_GetAttrString(article, "lines");
    if (lines == NULL)
        return -1;
    int done = PyTuple_Check(lines) ? count(lines, c, room) : UNSUPPORTED;
    if (done == 0)
        done = put_ascii(b, "{");
    Py_ssize_t n = PyTuple_GET_SIZE(columns);
    for (Py_ssize_t k = 0; k < n && done == 0; k++) {
        PyObject *column = PyTuple_GET_ITEM(columns, k);
        if (!PyTuple_CheckExact(column) || PyTuple_GET_SIZE(column) != 2
            || !PyUnicode_CheckExact(PyTuple_GET_ITEM(column, 1))) {
            done = UNSUPPORTED;
            break;
        }
        PyObject *name = PyTuple_GET_ITEM(column, 0);
        Py_ssize_t field = field_index(name);
        if (field < 0) {
            done = UNSUPPORTED;
            break;
        }
        if ((k && put_ascii(b, ", ") < 0) || put_key(b, PyTuple_GET_ITEM(column, 1)) < 0) {
            done = -1;
            break;
        }
        done = put_field(b, kinds[field], name, article, lines, from_html, c);
    }
    if (done == 0)
        done = put_ascii(b, "}");
    Py_DECREF(lines);
    return done;
}

PyDoc_STRVAR(article_json_doc,
"article_json(article, columns, from_html)\n--\n\n"
"record._article_json: the record's JSON object of the article's fields, and its Counts.");

static PyObject *article_json(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    if (nargs != 3) {
        PyErr_Format(PyExc_TypeError, "article_json() takes 3 arguments (%zd given)", nargs);
        return NULL;
    }
    if (fields == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "newsclean._structure.setup() was not called");
        return NULL;
    }
    buffer b = {NULL, 0, 0};
    dropped_entry *room = PyMem_Malloc(MAX_DROPPED * sizeof(dropped_entry));
    counts c;
    int done = room == NULL ? -1 : reserve(&b, 4096);
    if (done == 0)
        done = write_article(&b, args[0], args[1], args[2], &c, room);
    PyObject *out = NULL;
    if (done == 0) {
        PyObject *text = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, b.data, b.len);
        PyObject *made = text == NULL ? NULL : counts_object(&c);
        if (made != NULL)
            out = PyTuple_Pack(2, text, made);
        Py_XDECREF(text);
        Py_XDECREF(made);
    }
    PyMem_Free(b.data);
    PyMem_Free(room);
    if (done != 0 && room == NULL && !PyErr_Occurred())
        PyErr_NoMemory();
    if (out != NULL || (done == -1 && PyErr_ExceptionMatches(PyExc_MemoryError)))
        return out;
    /* a value this file does not write, or an error: the reference answers (and raises what it raises) */
    PyErr_Clear();
    return PyObject_Vectorcall(python_article_json, args, (size_t)nargs, NULL);
}

PyDoc_STRVAR(count_lines_doc,
"count_lines(article)\n--\n\n"
"record.count_lines: the Counts of the article's lines.");

static PyObject *count_lines(PyObject *self, PyObject *article)
{
    (void)self;
    if (fields == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "newsclean._structure.setup() was not called");
        return NULL;
    }
    dropped_entry *room = PyMem_Malloc(MAX_DROPPED * sizeof(dropped_entry));
    if (room == NULL)
        return PyErr_NoMemory();
    PyObject *lines = PyObject_GetAttrString(article, "lines"), *out = NULL;
    counts c;
    int done = lines == NULL ? -1 : PyTuple_Check(lines) ? count(lines, &c, room) : UNSUPPORTED;
    if (done == 0)
        out = counts_object(&c);
    Py_XDECREF(lines);
    PyMem_Free(room);
    if (out != NULL || (done == -1 && PyErr_ExceptionMatches(PyExc_MemoryError)))
        return out;
    PyErr_Clear();
    return PyObject_CallOneArg(python_count_lines, article);
}

PyDoc_STRVAR(json_text_doc,
"json_text(record)\n--\n\n"
"record._json_text: a record (a dict) as the JSON text to_line writes, without its line end.");

static PyObject *json_text(PyObject *self, PyObject *record)
{
    (void)self;
    if (fields == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "newsclean._structure.setup() was not called");
        return NULL;
    }
    buffer b = {NULL, 0, 0};
    int done = PyDict_CheckExact(record) ? reserve(&b, 256) : UNSUPPORTED;
    if (done == 0)
        done = put_object(&b, record, 0);
    PyObject *out = done == 0 ? PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, b.data, b.len) : NULL;
    PyMem_Free(b.data);
    if (out != NULL || (done == -1 && PyErr_ExceptionMatches(PyExc_MemoryError)))
        return out;
    PyErr_Clear();
    return PyObject_CallOneArg(python_json_text, record);
}

PyMethodDef nc_record_methods[] = {
    {"article_json", (PyCFunction)(void (*)(void))article_json, METH_FASTCALL, article_json_doc},
    {"json_text", json_text, METH_O, json_text_doc},
    {"count_lines", count_lines, METH_O, count_lines_doc},
    {NULL, NULL, 0, NULL},
};

/* ------------------------------------------------------------------------------------------------------------- */

static int kind_of(PyObject *name, PyObject *attributes, field_kind *out)
{
    for (size_t k = 0; k < sizeof(computed) / sizeof(computed[0]); k++)
        if (PyUnicode_CompareWithASCIIString(name, computed[k].name) == 0) {
            *out = computed[k].kind;
            return 0;
        }
    PyObject *field = PyDict_GetItemWithError(attributes, name); /* borrowed: a dataclasses.Field */
    if (field == NULL) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_ValueError, "record.FIELDS names %R, which is no Article attribute and which "
                         "_structure/record.c does not write: say there how to write it", name);
        return -1;
    }
    /* the attribute's declared type (a str: model.py's annotations are postponed): a tuple is written as a list */
    PyObject *declared = PyObject_GetAttrString(field, "type");
    if (declared == NULL)
        return -1;
    PyObject *tuple = PyUnicode_FromString("tuple[");
    int sequence = tuple == NULL ? -1
                 : PyUnicode_Check(declared) ? (int)PyUnicode_Tailmatch(declared, tuple, 0, 6, -1) : 0;
    Py_XDECREF(tuple);
    Py_DECREF(declared);
    if (sequence < 0)
        return -1;
    *out = sequence ? K_SEQUENCE : K_ATTRIBUTE;
    return 0;
}

int nc_record_setup(PyObject *module)
{
    PyObject *model = NULL, *article = NULL, *attributes = NULL, *line = NULL, *keys = NULL, *labels = NULL,
             *sorted = NULL;
    int result = -1;
    model = PyImport_ImportModule("newsclean.model");
    if (model == NULL || nc_get_object(module, "FIELDS", &fields) < 0
        || nc_get_object(module, "Counts", &counts_type) < 0
        || nc_get_object(module, "_article_json", &python_article_json) < 0
        || nc_get_object(module, "_json_text", &python_json_text) < 0
        || nc_get_object(module, "_count_lines", &python_count_lines) < 0
        || nc_get_object(model, "Article", &article) < 0
        || nc_get_object(article, "__dataclass_fields__", &attributes) < 0
        || nc_get_object(model, "Line", &line) < 0 || nc_get_object(line, "_fields", &keys) < 0)
        goto done;
    if (!PyType_Check(counts_type) || !PyType_IsSubtype((PyTypeObject *)counts_type, &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "record.Counts must be a named tuple");
        goto done;
    }
    if (!PyType_Check(article) || !PyDict_Check(attributes)) {
        PyErr_SetString(PyExc_TypeError, "model.Article must be a dataclass");
        goto done;
    }
    Py_INCREF(article);
    Py_XSETREF(article_type, (PyTypeObject *)article);
    if (!PyTuple_CheckExact(fields) || PyTuple_GET_SIZE(fields) > MAX_FIELDS) {
        PyErr_Format(PyExc_TypeError, "record.FIELDS must be a tuple of at most %d str", MAX_FIELDS);
        goto done;
    }
    nfields = PyTuple_GET_SIZE(fields);
    for (Py_ssize_t k = 0; k < nfields; k++) {
        PyObject *name = PyTuple_GET_ITEM(fields, k);
        if (!PyUnicode_CheckExact(name)) {
            PyErr_SetString(PyExc_TypeError, "record.FIELDS must be a tuple of str");
            goto done;
        }
        if (kind_of(name, attributes, &kinds[k]) < 0)
            goto done;
    }
    if (!PyType_Check(line) || !PyType_IsSubtype((PyTypeObject *)line, &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "model.Line must be a named tuple");
        goto done;
    }
    Py_INCREF(line);
    Py_XSETREF(line_type, (PyTypeObject *)line);
    if (!PyTuple_CheckExact(keys) || PyTuple_GET_SIZE(keys) != 5) {
        PyErr_SetString(PyExc_TypeError, "model.Line must have five fields (no, text, label, rule, prefix)");
        goto done;
    }
    for (int k = 0; k < 5; k++)
        Py_XSETREF(line_keys[k], Py_NewRef(PyTuple_GET_ITEM(keys, k)));
    labels = PyTuple_New(NC_NLABELS);
    if (labels == NULL)
        goto done;
    for (int k = 0; k < NC_NLABELS; k++) {
        PyTuple_SET_ITEM(labels, k, Py_NewRef(nc_label_object(k)));
        label_objects[k] = nc_label_object(k);
        if (nc_get_object(nc_label_object(k), "_value_", &label_values[k]) < 0)
            goto done;
        if (!PyUnicode_CheckExact(label_values[k])) {
            PyErr_SetString(PyExc_TypeError, "a Label's value must be a str");
            goto done;
        }
    }
    /* Counts.by_label writes the labels in sorted() order (a StrEnum sorts by its text) */
    PyObject *builtins = PyEval_GetBuiltins(); /* borrowed */
    PyObject *sort = builtins == NULL ? NULL : PyDict_GetItemString(builtins, "sorted");
    if (sort == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "no builtin sorted");
        goto done;
    }
    sorted = PyObject_CallOneArg(sort, labels);
    if (sorted == NULL)
        goto done;
    for (int k = 0; k < NC_NLABELS; k++)
        if ((label_order[k] = nc_label_index(PyList_GET_ITEM(sorted, k))) < 0) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_ValueError, "None among the labels");
            goto done;
        }
    if (isoformat == NULL && (isoformat = PyUnicode_InternFromString("isoformat")) == NULL)
        goto done;
    result = 0;
done:
    Py_XDECREF(model);
    Py_XDECREF(article);
    Py_XDECREF(attributes);
    Py_XDECREF(line);
    Py_XDECREF(keys);
    Py_XDECREF(labels);
    Py_XDECREF(sorted);
    if (result < 0)
        Py_CLEAR(fields); /* not set up: article_json says so */
    return result;
}
