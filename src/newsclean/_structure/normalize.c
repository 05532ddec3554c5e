/* The native normalize pass: the same as newsclean/normalize.py (the reference).
 *
 * split_normalized(text, how) gives the page's lines as read and as normalised in one pass over the text: each line
 * is cut from it once, and a line the fixes leave alone (most of them) is the same object in both lists.  The fixes
 * are made line by line, which gives the reference's page-wide result because none of their patterns crosses a line
 * end (normalize.py says why it may run them page-wide): a line with a mojibake marker goes to normalize.py's
 * normalize_line, as the reference sends it; a line holding a character the space fixes may change (an odd space,
 * a zero-width character, a tab, two spaces in a row) takes the reference's steps, _ZERO_WIDTH.sub then
 * _SPACES.sub, in one loop here over the characters those classes take (read from normalize.py's compiled patterns
 * at setup), then the strip and, where that made a marker, _second_pass; any other line is only stripped, here.
 * A Normalization with the space fixes off, or anything that is not a str, goes to normalize.py whole.  The
 * pre-checks that decide which lines take which steps only ever rule a pattern call out
 * (tests/test_structure_normalize.py, tests/test_split_normalized.py hold them to the patterns).
 */
#include "structure.h"

static PyObject *mojibake, *odd_character; /* normalize._MOJIBAKE, normalize._ODD_CHARACTER (compiled) */
static PyObject *zero_width, *spaces;      /* normalize._ZERO_WIDTH, normalize._SPACES (compiled): read at setup */
static PyObject *python_split_normalized;  /* normalize.split_normalized, the reference */
static PyObject *python_normalize_line;    /* normalize.normalize_line: a line with a mojibake marker */
static PyObject *python_second_pass;       /* normalize._second_pass: a line the space fixes gave a marker */
static PyObject *default_how;              /* normalize.DEFAULT */
static int default_mojibake, default_spaces, default_read; /* DEFAULT's flags, once read */
/* The characters of the Basic Multilingual Plane _ODD_CHARACTER matches, read from the pattern at setup; a
   character past it is always taken for one. */
static unsigned char odd_bits[0x10000 / 8];
/* The same for the characters _ZERO_WIDTH drops and those _SPACES takes (a run of them becomes one space). */
static unsigned char zero_width_bits[0x10000 / 8], space_bits[0x10000 / 8];

/* Every mojibake marker opens with a character of U+00C2..U+00EF (_MOJIBAKE's first class): a text with none
   cannot hold one.  The search decides the rest. */
enum { MOJIBAKE_LEAD_FIRST = 0xC2, MOJIBAKE_LEAD_LAST = 0xEF };

/* What one scan of a text (or of a line in it) tells. */
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
        const T *s = (const T *)data;                                                                              \
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

/* The facts of the characters [lo, hi) of text. */
static void scan_range(PyObject *text, Py_ssize_t lo, Py_ssize_t hi, facts_t *f)
{
    Py_ssize_t n = hi - lo;
    int kind = PyUnicode_KIND(text);
    const char *data = (const char *)PyUnicode_DATA(text) + lo * kind;
    memset(f, 0, sizeof(*f));
    if (PyUnicode_IS_ASCII(text)) {
        /* loops the compiler runs many characters at a time, and the library's memchr */
        const Py_UCS1 *b = (const Py_UCS1 *)data;
        unsigned twice = 0;
        for (Py_ssize_t k = 0; k + 1 < n; k++)
            twice |= (b[k] == ' ') & (b[k + 1] == ' ');
        f->double_space = twice != 0;
        f->tab = n > 0 && memchr(b, '\t', (size_t)n) != NULL;
        for (int k = 0; k < nascii_odd && !f->odd; k++)
            f->odd = n > 0 && memchr(b, ascii_odd[k], (size_t)n) != NULL;
        return;
    }
    switch (kind) {
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

static void scan(PyObject *text, facts_t *f)
{
    scan_range(text, 0, PyUnicode_GET_LENGTH(text), f);
}

/* Whether the space fixes may change a text of these facts (when not, they give it back as it is). */
static int spaces_possible(const facts_t *f)
{
    return f->double_space || f->odd || f->tab;
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

/* s without its leading and trailing white space (str.strip()): s itself (a new reference) when it has none. */
static PyObject *stripped(PyObject *s, Py_ssize_t lo, Py_ssize_t hi)
{
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    Py_ssize_t begin = lo, end = hi;
    while (begin < end && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, begin)))
        begin++;
    while (end > begin && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, end - 1)))
        end--;
    if (begin == 0 && end == PyUnicode_GET_LENGTH(s)) {
        Py_INCREF(s);
        return s;
    }
    return PyUnicode_Substring(s, begin, end);
}

/* Whether c is in the class of zero_width_bits or space_bits (neither class holds a character past the plane). */
static int in_bits(const unsigned char *bits, Py_UCS4 c)
{
    return c < 0x10000 && ((bits[c >> 3] >> (c & 7)) & 1);
}

/* The characters of `line` the space fixes keep, in order: each run of spaces as one plain space, the zero-width
   characters dropped (the spaces around one are one run).  Written to `out` (of kind `out_kind`) when it is not
   NULL; their count is returned, and their largest character put in *largest. */
static Py_ssize_t kept_characters(PyObject *line, void *out, int out_kind, Py_UCS4 *largest)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(line), at = 0;
    int kind = PyUnicode_KIND(line), run = 0;
    const void *data = PyUnicode_DATA(line);
    *largest = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, k);
        if (in_bits(zero_width_bits, c))
            continue;
        int space = in_bits(space_bits, c);
        if (space && run)
            continue;
        run = space;
        c = space ? ' ' : c;
        if (out != NULL)
            PyUnicode_WRITE(out_kind, out, at, c);
        at++;
        if (c > *largest)
            *largest = c;
    }
    return at;
}

/* _SPACES.sub(" ", _ZERO_WIDTH.sub("", line)) in one loop (kept_characters), made a new str, or NULL with an
   exception set.  The loop runs twice: the first finds the result's length and largest character, so that the str
   is made with the narrowest kind its characters fit, as every str must be. */
static PyObject *spaces_fixed(PyObject *line)
{
    Py_UCS4 largest;
    Py_ssize_t size = kept_characters(line, NULL, 0, &largest);
    PyObject *out = PyUnicode_New(size, largest);
    if (out != NULL)
        kept_characters(line, PyUnicode_DATA(out), PyUnicode_KIND(out), &largest);
    return out;
}

/* The reference's space-fix steps on one line (it takes them on the page, whose lines they change alike):
   _ZERO_WIDTH.sub, _SPACES.sub (as _ODD_SPACES.sub, which changes the same runs), strip, and _second_pass where
   that shows a mojibake marker. */
static PyObject *fixed_spaces(PyObject *line, int fix_mojibake)
{
    PyObject *spaced = spaces_fixed(line);
    if (spaced == NULL)
        return NULL;
    PyObject *fixed = stripped(spaced, 0, PyUnicode_GET_LENGTH(spaced));
    Py_DECREF(spaced);
    if (fixed == NULL || !fix_mojibake || !mojibake_possible(fixed))
        return fixed;
    int found = nc_search(mojibake, fixed);
    if (found <= 0) {
        if (found < 0)
            Py_CLEAR(fixed);
        return fixed;
    }
    PyObject *again = PyObject_CallFunctionObjArgs(python_second_pass, fixed, NULL);
    Py_DECREF(fixed);
    return again;
}

/* The normalised form of raw, the line [begin, end) of text; page holds the facts of the whole text. */
static PyObject *normalized_line(PyObject *text, Py_ssize_t begin, Py_ssize_t end, PyObject *raw, PyObject *how,
                                 int fix_mojibake, const facts_t *page)
{
    if ((fix_mojibake && page->lead) || spaces_possible(page)) {
        facts_t f;
        scan_range(text, begin, end, &f);
        if (fix_mojibake && f.lead) {
            int found = nc_search(mojibake, raw);
            if (found < 0)
                return NULL;
            if (found)
                return PyObject_CallFunctionObjArgs(python_normalize_line, raw, how, NULL);
        }
        if (spaces_possible(&f))
            return fixed_spaces(raw, fix_mojibake);
    }
    return stripped(raw, 0, end - begin);
}

/* How many lines text.split("\n") gives. */
static Py_ssize_t line_count(PyObject *text)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), count = 1;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    if (kind == PyUnicode_1BYTE_KIND) {
        const char *s = data, *stop = s + n;
        while ((s = memchr(s, '\n', (size_t)(stop - s))) != NULL)
            count++, s++;
        return count;
    }
    /* a loop for each width, which the compiler runs many characters at a time */
    if (kind == PyUnicode_2BYTE_KIND) {
        const Py_UCS2 *s = data;
        for (Py_ssize_t k = 0; k < n; k++)
            count += s[k] == '\n';
    } else {
        const Py_UCS4 *s = data;
        for (Py_ssize_t k = 0; k < n; k++)
            count += s[k] == '\n';
    }
    return count;
}

/* text.split("\n") into *raw and the normalised lines into *normalized (both new lists), with the space fixes on;
   0, or -1 with an exception set. */
static int split_and_normalize(PyObject *text, PyObject *how, int fix_mojibake, PyObject **raw,
                               PyObject **normalized)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), count = line_count(text), begin = 0;
    PyObject *lines = PyList_New(count), *fixed = lines ? PyList_New(count) : NULL;
    if (fixed == NULL)
        goto fail;
    facts_t page;
    scan(text, &page);
    for (Py_ssize_t at = 0; at < count; at++) {
        Py_ssize_t end = at + 1 < count ? PyUnicode_FindChar(text, '\n', begin, n, 1) : n;
        if (end < 0) { /* -2: an error; -1 cannot be (the count found it) */
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_RuntimeError, "a line end counted was not found");
            goto fail;
        }
        PyObject *line = PyUnicode_Substring(text, begin, end);
        if (line == NULL)
            goto fail;
        PyList_SET_ITEM(lines, at, line);
        PyObject *clean = normalized_line(text, begin, end, line, how, fix_mojibake, &page);
        if (clean == NULL)
            goto fail;
        PyList_SET_ITEM(fixed, at, clean);
        begin = end + 1;
    }
    *raw = lines, *normalized = fixed;
    return 0;
fail:
    Py_XDECREF(lines);
    Py_XDECREF(fixed);
    return -1;
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

/* The page text and Normalization of a call (text, how=DEFAULT), and its flags; 0 when this file does the call,
   1 when the reference takes it (keywords, a wrong call, text not a str, flags that cannot be read, the space
   fixes off). */
static int native_call(PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames, PyObject **how,
                       int *fix_mojibake)
{
    int fix_spaces = 0;
    *how = nargs == 2 ? args[1] : default_how;
    if (kwnames != NULL || nargs < 1 || nargs > 2 || !PyUnicode_CheckExact(args[0])
        || flags_of(*how, fix_mojibake, &fix_spaces) < 0 || !fix_spaces)
        return 1;
    return 0;
}

static PyObject *split_normalized(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *how, *raw, *normalized;
    int fix_mojibake = 0;
    (void)self;
    if (native_call(args, nargs, kwnames, &how, &fix_mojibake))
        return PyObject_Vectorcall(python_split_normalized, args, (size_t)nargs, kwnames);
    if (split_and_normalize(args[0], how, fix_mojibake, &raw, &normalized) < 0)
        return NULL;
    PyObject *both = PyTuple_Pack(2, raw, normalized);
    Py_DECREF(raw);
    Py_DECREF(normalized);
    return both;
}

/* Set bits[c] for each character c of the plane that `pattern` finds in a text of every such character, in order:
   each a match of its own (or, with `runs`, within a run of them, as a repeated class finds them).  0, or -1 with
   an exception set (a pattern that finds anything else than such characters, named `name`). */
static int read_class(PyObject *pattern, PyObject *every, unsigned char *bits, int runs, const char *name)
{
    PyObject *found = PyObject_CallMethod(pattern, "findall", "O", every);
    if (found == NULL)
        return -1;
    memset(bits, 0, 0x10000 / 8);
    int ok = PyList_Check(found);
    for (Py_ssize_t k = 0; ok && k < PyList_GET_SIZE(found); k++) {
        PyObject *one = PyList_GET_ITEM(found, k);
        ok = PyUnicode_Check(one) && PyUnicode_GET_LENGTH(one) >= 1 && (runs || PyUnicode_GET_LENGTH(one) == 1);
        for (Py_ssize_t i = 0; ok && i < PyUnicode_GET_LENGTH(one); i++) {
            Py_UCS4 c = PyUnicode_READ_CHAR(one, i);
            bits[c >> 3] |= (unsigned char)(1u << (c & 7));
        }
    }
    Py_DECREF(found);
    if (!ok) {
        PyErr_Format(PyExc_ValueError, "normalize.%s is no longer a class of single characters%s", name,
                     runs ? " (repeated)" : "");
        return -1;
    }
    return 0;
}

int nc_normalize_setup(PyObject *module)
{
    if (nc_get_object(module, "_MOJIBAKE", &mojibake) < 0 || nc_get_object(module, "_ODD_CHARACTER", &odd_character) < 0
        || nc_get_object(module, "normalize_line", &python_normalize_line) < 0
        || nc_get_object(module, "split_normalized", &python_split_normalized) < 0
        || nc_get_object(module, "_second_pass", &python_second_pass) < 0
        || nc_get_object(module, "_ZERO_WIDTH", &zero_width) < 0 || nc_get_object(module, "_SPACES", &spaces) < 0
        || nc_get_object(module, "DEFAULT", &default_how) < 0)
        return -1;
    int m, s;
    default_read = 0;
    if (flags_of(default_how, &m, &s) < 0) {
        PyErr_SetString(PyExc_TypeError, "normalize.DEFAULT's flags cannot be read");
        return -1;
    }
    default_mojibake = m, default_spaces = s, default_read = 1;
    /* the characters each class matches: one findall over every character of the plane (none past it is one:
       tests/test_structure_normalize.py holds the patterns to that) */
    PyObject *every = PyUnicode_New(0x10000, 0xFFFF);
    if (every == NULL)
        return -1;
    for (Py_UCS4 c = 0; c < 0x10000; c++)
        PyUnicode_WRITE(PyUnicode_2BYTE_KIND, PyUnicode_DATA(every), c, c);
    int read = read_class(odd_character, every, odd_bits, 0, "_ODD_CHARACTER") < 0
               || read_class(zero_width, every, zero_width_bits, 0, "_ZERO_WIDTH") < 0
               || read_class(spaces, every, space_bits, 1, "_SPACES") < 0;
    Py_DECREF(every);
    if (read)
        return -1;
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

static PyObject *py_spaces_possible(PyObject *self, PyObject *text)
{
    (void)self;
    if (!PyUnicode_Check(text))
        return PyErr_Format(PyExc_TypeError, "str expected");
    facts_t f;
    scan(text, &f);
    return PyBool_FromLong(spaces_possible(&f));
}

PyMethodDef nc_normalize_methods[] = {
    {"split_normalized", (PyCFunction)(void (*)(void))split_normalized, METH_FASTCALL | METH_KEYWORDS,
     "normalize.split_normalized(text, how=DEFAULT)"},
    {"mojibake_possible", py_mojibake_possible, METH_O,
     "False only where normalize._MOJIBAKE cannot be found in the text (the pre-check before its search)."},
    {"odd_character_possible", py_odd_character_possible, METH_O,
     "False only where normalize._ODD_CHARACTER cannot be found in the text (the pre-check before its search)."},
    {"spaces_possible", py_spaces_possible, METH_O,
     "False only where normalize's space-fix steps leave a line as it is (the pre-check before them)."},
    {NULL, NULL, 0, NULL},
};
