/* The shape of a line: newsclean/shape.py (the reference) in C, with its constants read from it at setup. */
#include "structure.h"

PyObject *nc_NAME, *nc_TERMINAL;
static PyObject *function_words, *paragraph_end, *end_marks, *punct, *python_function_share, *python_number_of,
    *numbered, *bulleted, *figure;
static long prose_length, sentence_words, label_words, continuation_words, many_words, max_headline,
    min_paragraph, headline_min_words, headline_max_words, min_case_words;
static double function_share_floor, headline_case;

long nc_max_headline(void) { return max_headline; }

/* A character the regex module's \s may match: ASCII white space (and what str.isspace adds, 0x1C-0x1F) or any
   character past ASCII (a pre-check that rules a \s out, never in). */
int nc_may_be_space(Py_UCS4 c)
{
    return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F) || c >= 0x80;
}

int nc_is_space(Py_UCS4 c) { return Py_UNICODE_ISSPACE(c); }

static int in_chars(PyObject *chars, Py_UCS4 c)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(chars);
    int kind = PyUnicode_KIND(chars);
    const void *data = PyUnicode_DATA(chars);
    for (Py_ssize_t k = 0; k < n; k++)
        if (PyUnicode_READ(kind, data, k) == c)
            return 1;
    return 0;
}

/* c in a frozenset of one-character str */
static int in_set(PyObject *set, Py_UCS4 c)
{
    PyObject *s = PyUnicode_FromOrdinal((int)c);
    if (s == NULL)
        return -1;
    int found = PySet_Contains(set, s);
    Py_DECREF(s);
    return found;
}

int nc_in_terminal(Py_UCS4 c) { return in_set(nc_TERMINAL, c); }

/* The index past the last character of s not in chars (str.rstrip(chars)). */
static Py_ssize_t rstripped(int kind, const void *data, Py_ssize_t n, PyObject *chars)
{
    while (n > 0 && in_chars(chars, PyUnicode_READ(kind, data, n - 1)))
        n--;
    return n;
}

static Py_ssize_t count_spaces(int kind, const void *data, Py_ssize_t n)
{
    Py_ssize_t count = 0;
    for (Py_ssize_t k = 0; k < n; k++)
        count += PyUnicode_READ(kind, data, k) == ' ';
    return count;
}

double nc_capitalised_share(PyObject *s, int figures, Py_ssize_t least)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s), words = 0, capital = 0, k = 0;
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    while (k < n) {
        while (k < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k)))
            k++;
        if (k == n)
            break;
        Py_UCS4 first = PyUnicode_READ(kind, data, k);
        if (figures ? Py_UNICODE_ISALNUM(first) : Py_UNICODE_ISALPHA(first)) {
            words++;
            capital += Py_UNICODE_ISUPPER(first) || (figures && Py_UNICODE_ISDIGIT(first));
        }
        while (k < n && !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k)))
            k++;
    }
    return words && words >= least ? (double)capital / (double)words : 0.0;
}

/* shape._function_share: an ASCII line here; any other through the Python (casefold may change it). */
static double function_share(PyObject *s)
{
    if (!PyUnicode_IS_ASCII(s)) {
        PyObject *share = PyObject_CallOneArg(python_function_share, s);
        if (share == NULL)
            return -1.0;
        double v = PyFloat_AsDouble(share);
        Py_DECREF(share);
        return v;
    }
    const unsigned char *data = PyUnicode_1BYTE_DATA(s);
    Py_ssize_t n = PyUnicode_GET_LENGTH(s), tokens = 0, hits = 0, k = 0;
    char word[64];
    while (k < n) {
        while (k < n && Py_UNICODE_ISSPACE(data[k]))
            k++;
        if (k == n)
            break;
        Py_ssize_t begin = k;
        while (k < n && !Py_UNICODE_ISSPACE(data[k]))
            k++;
        tokens++;
        Py_ssize_t lo = begin, hi = k;
        while (lo < hi && in_chars(punct, data[lo]))
            lo++;
        while (hi > lo && in_chars(punct, data[hi - 1]))
            hi--;
        if (hi - lo >= (Py_ssize_t)sizeof(word) || hi == lo)
            continue; /* no function word is this long, nor empty */
        for (Py_ssize_t m = lo; m < hi; m++)
            word[m - lo] = (char)Py_TOLOWER(data[m]);
        PyObject *w = PyUnicode_FromStringAndSize(word, hi - lo);
        if (w == NULL)
            return -1.0;
        int found = PySet_Contains(function_words, w);
        Py_DECREF(w);
        if (found < 0)
            return -1.0;
        hits += found;
    }
    if (tokens == 0) {
        PyErr_SetString(PyExc_ZeroDivisionError, "division by zero");
        return -1.0;
    }
    return (double)hits / (double)tokens;
}

int nc_is_prose(PyObject *s)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    if (n >= prose_length)
        return 1;
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    Py_ssize_t words = count_spaces(kind, data, n) + 1;
    Py_ssize_t end = rstripped(kind, data, n, end_marks);
    if (end == 0 && n == 0) {
        PyErr_SetString(PyExc_IndexError, "string index out of range");
        return -1;
    }
    Py_UCS4 last = PyUnicode_READ(kind, data, end > 0 ? end - 1 : n - 1);
    if (last == ':')
        return words >= label_words;
    if (words >= many_words)
        return 1;
    if (words >= sentence_words) {
        int terminal = nc_in_terminal(last);
        if (terminal != 0)
            return terminal;
    }
    if (words < continuation_words)
        return 0;
    if (Py_UNICODE_ISLOWER(PyUnicode_READ(kind, data, 0)))
        return 1;
    double share = function_share(s);
    if (share == -1.0 && PyErr_Occurred())
        return -1;
    return share >= function_share_floor && nc_capitalised_share(s, 1, min_case_words) < headline_case;
}

int nc_headline_shaped(PyObject *s)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    Py_ssize_t words = count_spaces(kind, data, n) + 1;
    return headline_min_words <= words && words <= headline_max_words
        && !(n > 0 && PyUnicode_READ(kind, data, n - 1) == '.');
}

int nc_is_paragraph(PyObject *s)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    if (n < min_paragraph)
        return 0;
    int prose = nc_is_prose(s);
    if (prose <= 0)
        return prose;
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    Py_ssize_t end = rstripped(kind, data, n, end_marks);
    return end > 0 ? in_set(paragraph_end, PyUnicode_READ(kind, data, end - 1)) : 0;
}

/* Whether a line can open with a numbered or bulleted item's mark (or a figure): only then is the Python asked,
   whose patterns decide (a "(" or a character of any numeric kind; a bullet). */
static int may_be_item(PyObject *s)
{
    if (PyUnicode_GET_LENGTH(s) == 0)
        return 0;
    Py_UCS4 c = PyUnicode_READ_CHAR(s, 0);
    return c == '(' || Py_UNICODE_ISNUMERIC(c) || Py_UNICODE_ISDIGIT(c) || Py_UNICODE_ISDECIMAL(c)
        || (c < 0x80 ? (c == '*' || c == '-') : (c == 0x2022 || c == 0xB7 || c == 0x25AA || c == 0x25E6
                                                  || c == 0x25CF || c == 0x25A0));
}

int nc_list_item(PyObject *s, int figures)
{
    if (PyUnicode_GET_LENGTH(s) > max_headline || !may_be_item(s))
        return 0;
    int found = nc_match(numbered, s);
    if (found == 0)
        found = nc_match(bulleted, s);
    if (found == 0 && figures)
        found = nc_match(figure, s);
    return found;
}

long nc_number_of(PyObject *s)
{
    if (!may_be_item(s))
        return -1;
    PyObject *found = PyObject_CallOneArg(python_number_of, s);
    if (found == NULL)
        return -2;
    long number = found == Py_None ? -1 : PyLong_AsLong(found);
    Py_DECREF(found);
    return number == -1 && PyErr_Occurred() ? -2 : number;
}

int nc_shape_setup(PyObject *module)
{
    PyObject *headline_words = NULL;
    if (nc_get_long(module, "PROSE_LENGTH", &prose_length) < 0
        || nc_get_long(module, "SENTENCE_WORDS", &sentence_words) < 0
        || nc_get_long(module, "LABEL_WORDS", &label_words) < 0
        || nc_get_long(module, "CONTINUATION_WORDS", &continuation_words) < 0
        || nc_get_long(module, "MANY_WORDS", &many_words) < 0
        || nc_get_long(module, "MAX_HEADLINE", &max_headline) < 0
        || nc_get_long(module, "_MIN_PARAGRAPH", &min_paragraph) < 0
        || nc_get_long(module, "_MIN_CASE_WORDS", &min_case_words) < 0
        || nc_get_double(module, "_FUNCTION_SHARE", &function_share_floor) < 0
        || nc_get_double(module, "HEADLINE_CASE", &headline_case) < 0
        || nc_get_object(module, "NAME", &nc_NAME) < 0 || nc_get_object(module, "TERMINAL", &nc_TERMINAL) < 0
        || nc_get_object(module, "_FUNCTION_WORDS", &function_words) < 0
        || nc_get_object(module, "_PARAGRAPH_END", &paragraph_end) < 0
        || nc_get_object(module, "END_MARKS", &end_marks) < 0 || nc_get_object(module, "_PUNCT", &punct) < 0
        || nc_get_object(module, "_function_share", &python_function_share) < 0
        || nc_get_object(module, "number_of", &python_number_of) < 0
        || nc_get_object(module, "_NUMBERED", &numbered) < 0 || nc_get_object(module, "_BULLETED", &bulleted) < 0
        || nc_get_object(module, "_FIGURE", &figure) < 0
        || nc_get_object(module, "HEADLINE_WORDS", &headline_words) < 0)
        return -1;
    int ok = PyArg_ParseTuple(headline_words, "ll", &headline_min_words, &headline_max_words);
    Py_DECREF(headline_words);
    if (!ok)
        return -1;
    if (!PyUnicode_Check(end_marks) || !PyUnicode_Check(punct) || !PyAnySet_Check(nc_TERMINAL)
        || !PyAnySet_Check(function_words) || !PyAnySet_Check(paragraph_end)) {
        PyErr_SetString(PyExc_TypeError, "newsclean.shape's constants are not of the types the native core reads");
        return -1;
    }
    return 0;
}

/* Python views, for the tests that hold these to shape.py's answers. */

static PyObject *boolean(int truth)
{
    if (truth < 0)
        return NULL;
    return PyBool_FromLong(truth);
}

static PyObject *py_is_prose(PyObject *self, PyObject *s)
{
    (void)self;
    if (!PyUnicode_Check(s))
        return PyErr_Format(PyExc_TypeError, "str expected");
    return boolean(nc_is_prose(s));
}

static PyObject *py_headline_shaped(PyObject *self, PyObject *s)
{
    (void)self;
    if (!PyUnicode_Check(s))
        return PyErr_Format(PyExc_TypeError, "str expected");
    return boolean(nc_headline_shaped(s));
}

static PyObject *py_is_paragraph(PyObject *self, PyObject *s)
{
    (void)self;
    if (!PyUnicode_Check(s))
        return PyErr_Format(PyExc_TypeError, "str expected");
    return boolean(nc_is_paragraph(s));
}

static PyObject *py_list_item(PyObject *self, PyObject *args)
{
    PyObject *s;
    int figures = 0;
    (void)self;
    if (!PyArg_ParseTuple(args, "U|p", &s, &figures))
        return NULL;
    return boolean(nc_list_item(s, figures));
}

static PyObject *py_number_of(PyObject *self, PyObject *s)
{
    (void)self;
    if (!PyUnicode_Check(s))
        return PyErr_Format(PyExc_TypeError, "str expected");
    long number = nc_number_of(s);
    if (number == -2)
        return NULL;
    if (number == -1)
        Py_RETURN_NONE;
    return PyLong_FromLong(number);
}

static PyObject *py_capitalised_share(PyObject *self, PyObject *args)
{
    PyObject *s;
    int figures = 1;
    Py_ssize_t least = 3;
    (void)self;
    if (!PyArg_ParseTuple(args, "U|pn", &s, &figures, &least))
        return NULL;
    return PyFloat_FromDouble(nc_capitalised_share(s, figures, least));
}

PyMethodDef nc_shape_methods[] = {
    {"is_prose", py_is_prose, METH_O, "shape.is_prose"},
    {"headline_shaped", py_headline_shaped, METH_O, "shape.headline_shaped"},
    {"is_paragraph", py_is_paragraph, METH_O, "shape.is_paragraph"},
    {"list_item", py_list_item, METH_VARARGS, "shape.list_item(line, figures=False)"},
    {"number_of", py_number_of, METH_O, "shape.number_of"},
    {"capitalised_share", py_capitalised_share, METH_VARARGS, "shape.capitalised_share(line, figures, least)"},
    {NULL, NULL, 0, NULL},
};
