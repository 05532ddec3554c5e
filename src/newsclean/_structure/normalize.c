/* The native normalize pass: the same as newsclean/normalize.py (the reference).
 *
 * A page the space fixes leave alone but for splitting on "\n" and stripping each line (no mojibake marker, no two
 * spaces in a row, no odd space nor zero-width character) is done here whole.  A page with a mojibake marker is
 * split here, and only its lines with a marker go to normalize.py's normalize_line; the rest of the page, joined,
 * takes the space-fix step as on a page without a marker.  That step is done here when it has nothing to do but
 * strip, else by normalize.py's _fix_spaces_page, called from here.  A Normalization with the space fixes off, or
 * anything that is not a str, goes to normalize.py's normalize_lines whole.  The searches that decide which case a
 * page (or a line) is run through normalize.py's compiled patterns; a pre-check here only ever rules a search out
 * (tests/test_structure_normalize.py holds it to the patterns).
 */
#include "structure.h"

static PyObject *mojibake, *odd_character; /* normalize._MOJIBAKE, normalize._ODD_CHARACTER (compiled) */
static PyObject *python_normalize_lines;   /* normalize.normalize_lines, the reference */
static PyObject *python_normalize_line;    /* normalize.normalize_line: a line with a mojibake marker */
static PyObject *python_fix_spaces_page;   /* normalize._fix_spaces_page: the reference's next step on a page of no
                                              mojibake marker (its own search for one need not run again) */
static PyObject *default_how;              /* normalize.DEFAULT */
static PyObject *newline;                  /* "\n" */
static int default_mojibake, default_spaces, default_read; /* DEFAULT's flags, once read */
/* The characters of the Basic Multilingual Plane _ODD_CHARACTER matches, read from the pattern at setup; a
   character past it is always searched for. */
static unsigned char odd_bits[0x10000 / 8];

/* Every mojibake marker opens with a character of U+00C2..U+00EF (_MOJIBAKE's first class): a text with none
   cannot hold one.  The search decides the rest. */
enum { MOJIBAKE_LEAD_FIRST = 0xC2, MOJIBAKE_LEAD_LAST = 0xEF };

/* What one scan of a page tells. */
typedef struct {
    int lead;         /* a mojibake marker's opening character: _MOJIBAKE may be found (never found without one) */
    int odd;          /* a character _ODD_CHARACTER matches, or one past the plane: it may be found (ditto) */
    int tab;          /* a tab */
    int double_space; /* two plain spaces in a row */
} facts_t;

/* What the scan looks for in a Latin-1 character (set at setup from odd_bits and the lead range). */
enum { IS_SPACE = 1, IS_TAB = 2, IS_LEAD = 4, IS_ODD = 8 };
static unsigned char latin1[256];
static unsigned char ascii_odd[128]; /* the ASCII characters _ODD_CHARACTER matches */
static int nascii_odd;

#define SCAN(T)                                                                                                    \
    do {                                                                                                           \
        const T *s = data;                                                                                         \
        unsigned seen = 0, twice = 0, previous = 0;                                                                \
        for (Py_ssize_t k = 0; k < n; k++) {                                                                       \
            Py_UCS4 c = s[k];                                                                                      \
            unsigned is = c < 256 ? latin1[c]                                                                      \
                        : c > 0xFFFF || ((odd_bits[c >> 3] >> (c & 7)) & 1) ? (unsigned)IS_ODD : 0u;               \
            twice |= previous & is;                                                                                \
            previous = is & IS_SPACE;                                                                              \
            seen |= is;                                                                                            \
        }                                                                                                          \
        f->lead = (seen & IS_LEAD) != 0, f->odd = (seen & IS_ODD) != 0, f->tab = (seen & IS_TAB) != 0;             \
        f->double_space = twice != 0;                                                                              \
    } while (0)

static void scan(PyObject *text, facts_t *f)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const void *data = PyUnicode_DATA(text);
    memset(f, 0, sizeof(*f));
    if (PyUnicode_IS_ASCII(text)) {
        /* loops the compiler runs many characters at a time, and the library's memchr */
        const Py_UCS1 *b = data;
        unsigned twice = 0;
        for (Py_ssize_t k = 0; k + 1 < n; k++)
            twice |= (b[k] == ' ') & (b[k + 1] == ' ');
        f->double_space = twice != 0;
        f->tab = memchr(b, '\t', (size_t)n) != NULL;
        for (int k = 0; k < nascii_odd && !f->odd; k++)
            f->odd = memchr(b, ascii_odd[k], (size_t)n) != NULL;
        return;
    }
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        SCAN(Py_UCS1);
        break;
    case PyUnicode_2BYTE_KIND:
        SCAN(Py_UCS2);
        break;
    default:
        SCAN(Py_UCS4);
        break;
    }
}

/* [line.strip() for line in text.split("\n")], for each width of characters */
#define SPLIT_STRIPPED(NAME, T)                                                                                    \
    static PyObject *NAME(PyObject *text, const T *s, Py_ssize_t n)                                                \
    {                                                                                                              \
        Py_ssize_t count = 1, at = 0, begin = 0;                                                                   \
        for (Py_ssize_t k = 0; k < n; k++)                                                                         \
            count += s[k] == '\n';                                                                                 \
        PyObject *lines = PyList_New(count);                                                                       \
        if (lines == NULL)                                                                                         \
            return NULL;                                                                                           \
        while (at < count) {                                                                                       \
            Py_ssize_t end = begin;                                                                                \
            while (end < n && s[end] != '\n')                                                                      \
                end++;                                                                                             \
            Py_ssize_t lo = begin, hi = end;                                                                       \
            while (lo < hi && Py_UNICODE_ISSPACE(s[lo]))                                                           \
                lo++;                                                                                              \
            while (hi > lo && Py_UNICODE_ISSPACE(s[hi - 1]))                                                       \
                hi--;                                                                                              \
            PyObject *line = PyUnicode_Substring(text, lo, hi);                                                    \
            if (line == NULL) {                                                                                    \
                Py_DECREF(lines);                                                                                  \
                return NULL;                                                                                       \
            }                                                                                                      \
            PyList_SET_ITEM(lines, at++, line);                                                                    \
            begin = end + 1;                                                                                       \
        }                                                                                                          \
        return lines;                                                                                              \
    }

SPLIT_STRIPPED(split_stripped_1, Py_UCS1)
SPLIT_STRIPPED(split_stripped_2, Py_UCS2)
SPLIT_STRIPPED(split_stripped_4, Py_UCS4)

static PyObject *split_stripped(PyObject *text)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        return split_stripped_1(text, PyUnicode_1BYTE_DATA(text), n);
    case PyUnicode_2BYTE_KIND:
        return split_stripped_2(text, PyUnicode_2BYTE_DATA(text), n);
    default:
        return split_stripped_4(text, PyUnicode_4BYTE_DATA(text), n);
    }
}

/* Whether _MOJIBAKE may be found in the text (0 where it cannot: no character opens a marker). */
static int mojibake_possible(PyObject *text)
{
    if (PyUnicode_IS_ASCII(text))
        return 0;
    facts_t f;
    scan(text, &f);
    return f.lead;
}

/* _fix_spaces_page(text, how) on a text of no mojibake marker, f its scan: split and strip here when the space
   fixes have nothing else to do, else the reference's. */
static PyObject *fix_spaces_page(PyObject *text, PyObject *how, const facts_t *f)
{
    int ascii = PyUnicode_IS_ASCII(text);
    if (f->double_space || (ascii && f->tab))
        goto spaces;
    if (!ascii && f->odd) {
        int found = nc_search(odd_character, text);
        if (found < 0)
            return NULL;
        if (found)
            goto spaces;
    }
    return split_stripped(text);
spaces:
    return PyObject_CallFunctionObjArgs(python_fix_spaces_page, text, how, NULL);
}

/* normalize_lines' branch for a page with a mojibake marker (and both fixes on): normalize_line on each line with
   a marker, and the space-fix step on the other lines joined, each in its place. */
static PyObject *marked_page(PyObject *text, PyObject *how)
{
    PyObject *lines = NULL, *rest = NULL, *joined = NULL, *fixed = NULL, *result = NULL;
    char *marked = NULL;
    lines = PyUnicode_Split(text, newline, -1);
    if (lines == NULL)
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(lines), unmarked = 0;
    marked = PyMem_Calloc((size_t)n + 1, 1);
    rest = PyList_New(0);
    if (marked == NULL || rest == NULL) {
        if (marked == NULL)
            PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *line = PyList_GET_ITEM(lines, k); /* borrowed from lines */
        int found = mojibake_possible(line) ? nc_search(mojibake, line) : 0;
        if (found < 0)
            goto done;
        marked[k] = (char)found;
        if (!found && (unmarked++, PyList_Append(rest, line) < 0))
            goto done;
    }
    joined = PyUnicode_Join(newline, rest);
    if (joined == NULL)
        goto done;
    facts_t f;
    scan(joined, &f);
    fixed = fix_spaces_page(joined, how, &f);
    if (fixed == NULL)
        goto done;
    /* the space fixes never add nor remove a line; were that to change, say so rather than misplace lines */
    if (!PyList_Check(fixed) || PyList_GET_SIZE(fixed) < unmarked) {
        PyErr_SetString(PyExc_RuntimeError, "normalize._fix_spaces_page returned fewer lines than it was given");
        goto done;
    }
    result = PyList_New(n);
    if (result == NULL)
        goto done;
    for (Py_ssize_t k = 0, next = 0; k < n; k++) {
        PyObject *line;
        if (marked[k]) {
            line = PyObject_CallFunctionObjArgs(python_normalize_line, PyList_GET_ITEM(lines, k), how, NULL);
            if (line == NULL) {
                Py_CLEAR(result);
                goto done;
            }
        } else {
            line = PyList_GET_ITEM(fixed, next++);
            Py_INCREF(line);
        }
        PyList_SET_ITEM(result, k, line);
    }
done:
    PyMem_Free(marked);
    Py_XDECREF(fixed);
    Py_XDECREF(joined);
    Py_XDECREF(rest);
    Py_DECREF(lines);
    return result;
}

/* The flags of a Normalization: 0, or -1 when they cannot be read as normalize.py reads them (it is asked). */
static int flags_of(PyObject *how, int *fix_mojibake, int *fix_spaces)
{
    if (how == default_how && default_read) {
        *fix_mojibake = default_mojibake, *fix_spaces = default_spaces;
        return 0;
    }
    PyObject *m = PyObject_GetAttrString(how, "mojibake");
    PyObject *s = m ? PyObject_GetAttrString(how, "spaces") : NULL;
    int ok = s != NULL && (*fix_mojibake = PyObject_IsTrue(m)) >= 0 && (*fix_spaces = PyObject_IsTrue(s)) >= 0;
    Py_XDECREF(m);
    Py_XDECREF(s);
    if (!ok) {
        PyErr_Clear();
        return -1;
    }
    return 0;
}

static PyObject *normalize_lines(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *text, *how = default_how;
    (void)self;
    if (kwnames != NULL || nargs < 1 || nargs > 2) /* keywords, or a wrong call: the reference takes or refuses it */
        return PyObject_Vectorcall(python_normalize_lines, args, (size_t)nargs, kwnames);
    text = args[0];
    if (nargs == 2)
        how = args[1];
    int fix_mojibake = 0, fix_spaces = 0;
    if (!PyUnicode_CheckExact(text) || flags_of(how, &fix_mojibake, &fix_spaces) < 0 || !fix_spaces)
        goto reference;
    facts_t f;
    scan(text, &f);
    if (fix_mojibake && !PyUnicode_IS_ASCII(text) && f.lead) {
        int found = nc_search(mojibake, text);
        if (found != 0)
            return found < 0 ? NULL : marked_page(text, how);
    }
    /* no mojibake marker (or not looked for): normalize_lines goes on with _fix_spaces_page */
    return fix_spaces_page(text, how, &f);
reference:
    return PyObject_CallFunctionObjArgs(python_normalize_lines, text, how, NULL);
}

int nc_normalize_setup(PyObject *module)
{
    PyObject *every = NULL, *found = NULL;
    if (nc_get_object(module, "_MOJIBAKE", &mojibake) < 0 || nc_get_object(module, "_ODD_CHARACTER", &odd_character) < 0
        || nc_get_object(module, "normalize_lines", &python_normalize_lines) < 0
        || nc_get_object(module, "normalize_line", &python_normalize_line) < 0
        || nc_get_object(module, "_fix_spaces_page", &python_fix_spaces_page) < 0
        || nc_get_object(module, "DEFAULT", &default_how) < 0)
        return -1;
    if (newline == NULL && (newline = PyUnicode_FromString("\n")) == NULL)
        return -1;
    int m, s;
    default_read = 0;
    if (flags_of(default_how, &m, &s) < 0) {
        PyErr_SetString(PyExc_TypeError, "normalize.DEFAULT's flags cannot be read");
        return -1;
    }
    default_mojibake = m, default_spaces = s, default_read = 1;
    /* the characters _ODD_CHARACTER matches: one findall over every character of the plane */
    every = PyUnicode_New(0x10000, 0xFFFF);
    if (every == NULL)
        return -1;
    for (Py_UCS4 c = 0; c < 0x10000; c++)
        PyUnicode_WRITE(PyUnicode_2BYTE_KIND, PyUnicode_DATA(every), c, c);
    found = PyObject_CallMethod(odd_character, "findall", "O", every);
    Py_DECREF(every);
    if (found == NULL)
        return -1;
    memset(odd_bits, 0, sizeof(odd_bits));
    int ok = PyList_Check(found);
    for (Py_ssize_t k = 0; ok && k < PyList_GET_SIZE(found); k++) {
        PyObject *one = PyList_GET_ITEM(found, k);
        ok = PyUnicode_Check(one) && PyUnicode_GET_LENGTH(one) == 1;
        if (ok) {
            Py_UCS4 c = PyUnicode_READ_CHAR(one, 0);
            odd_bits[c >> 3] |= (unsigned char)(1u << (c & 7));
        }
    }
    Py_DECREF(found);
    if (!ok) {
        PyErr_SetString(PyExc_ValueError, "normalize._ODD_CHARACTER is no longer a class of single characters");
        return -1;
    }
    nascii_odd = 0;
    for (unsigned c = 0; c < 256; c++) {
        int odd = (odd_bits[c >> 3] >> (c & 7)) & 1;
        latin1[c] = (unsigned char)((c == ' ' ? IS_SPACE : 0) | (c == '\t' ? IS_TAB : 0) | (odd ? IS_ODD : 0)
                                    | (c >= MOJIBAKE_LEAD_FIRST && c <= MOJIBAKE_LEAD_LAST ? IS_LEAD : 0));
        if (odd && c < 128)
            ascii_odd[nascii_odd++] = (unsigned char)c;
    }
    return 0;
}

/* Python views of the pre-checks, for the tests that hold them to the patterns. */

static PyObject *py_mojibake_possible(PyObject *self, PyObject *text)
{
    (void)self;
    if (!PyUnicode_Check(text))
        return PyErr_Format(PyExc_TypeError, "str expected");
    return PyBool_FromLong(mojibake_possible(text));
}

static PyObject *py_odd_character_possible(PyObject *self, PyObject *text)
{
    (void)self;
    if (!PyUnicode_Check(text))
        return PyErr_Format(PyExc_TypeError, "str expected");
    facts_t f;
    scan(text, &f);
    return PyBool_FromLong(f.odd);
}

PyMethodDef nc_normalize_methods[] = {
    {"normalize_lines", (PyCFunction)(void (*)(void))normalize_lines, METH_FASTCALL | METH_KEYWORDS,
     "normalize.normalize_lines(text, how=DEFAULT)"},
    {"mojibake_possible", py_mojibake_possible, METH_O,
     "False only where normalize._MOJIBAKE cannot be found in the text (the pre-check before its search)."},
    {"odd_character_possible", py_odd_character_possible, METH_O,
     "False only where normalize._ODD_CHARACTER cannot be found in the text (the pre-check before its search)."},
    {NULL, NULL, 0, NULL},
};
