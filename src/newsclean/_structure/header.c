/* The native header passes: the same as newsclean/header.py (the reference), over a page held in C arrays.
 *
 * label_lines runs four of them: headline_candidates, byline_names, label_header and label_footer.  Each takes
 * the Python function's arguments, returns its value and changes the ``labels`` and ``names`` lists as it does.
 * Every threshold, rule name and pattern is header.py's, read at setup.  A pattern is called through its
 * compiled object; a pre-check here may only rule a call out (a match needs one of a few characters), which
 * tests/test_structure_header.py holds against the patterns.  Rare corners (a line joined from parts with a
 * date, a headline's echo followed by a credit, a non-ASCII echo) call header.py's function.  Arguments of a
 * shape label_lines never passes (not lists, an index out of range) go to the Python function too, which
 * answers or raises as it does.
 */
#include "structure.h"

/* header.py's constants, rule names and patterns (new references kept for the process) */
static long date_strength, byline_strength, headline_spaces, deck_spaces, long_two_sentences, boilerplate_repeats,
    lead_lines, min_deck_words, max_furniture_words, min_site_head;
static double title_case, sentence_case;
static PyObject *byline_name, *footer_title, *title_name, *title_repeat, *subtitle_name, *header_caption,
    *header_list, *header_nav, *footer_list, *footer_nav;
static PyObject *sentence_end, *site_suffix, *sentence_break, *credit_end, *widget_words;
static PyObject *headline_closers, *headline_openers, *ellipsis, *name_joiner, *newline;
static PyObject *site_suffix_split, *one; /* _SITE_SUFFIX.split, and its maxsplit 1 */
static PyObject *py_headline_candidates, *py_byline_names, *py_label_header, *py_label_footer, *py_joined_header,
    *py_is_echo;

/* ------------------------------------------------------------------------------------------------------------ */
/* Small things about a str */

static Py_ssize_t spaces(PyObject *s)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s), count = 0;
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    for (Py_ssize_t k = 0; k < n; k++)
        count += PyUnicode_READ(kind, data, k) == ' ';
    return count;
}

static int has_char(PyObject *chars, Py_UCS4 c)
{
    return PyUnicode_FindChar(chars, c, 0, PyUnicode_GET_LENGTH(chars), 1) >= 0;
}

/* Whether s holds one of the code points listed. */
static int holds_any(PyObject *s, const Py_UCS4 *chars, int count)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    for (Py_ssize_t k = 0; k < n; k++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, k);
        for (int m = 0; m < count; m++)
            if (c == chars[m])
                return 1;
    }
    return 0;
}

static int ends_with(PyObject *s, PyObject *suffix)
{
    return (int)PyUnicode_Tailmatch(s, suffix, 0, PY_SSIZE_T_MAX, 1);
}

static int truth_of(PyObject *value)
{
    if (value == NULL)
        return -1;
    int truth = PyObject_IsTrue(value);
    Py_DECREF(value);
    return truth;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Pre-checks: the characters a match of a pattern needs (one of them); without them the pattern is not called. */

static const Py_UCS4 DOT[] = {'.'};                                          /* _SENTENCE_END, _SENTENCE_BREAK */
static const Py_UCS4 SLASH[] = {'/'};                                        /* _CREDIT_END */
static const Py_UCS4 JOINS[] = {'|', 0xB7, 0x2022, 0x203A, 0xBB};            /* JOINED_PARTS */
static const Py_UCS4 SUFFIXES[] = {'|', ':', '-', 0x2013, 0x2014};           /* _SITE_SUFFIX */
#define MAY(s, chars) holds_any((s), (chars), (int)(sizeof(chars) / sizeof((chars)[0])))

static int search_if(PyObject *pattern, PyObject *s, int may)
{
    return may ? nc_search(pattern, s) : 0;
}

/* Whether _SITE_SUFFIX may match in s: one of its marks with white space before it, and after it (or after "::"). */
static int may_suffix(PyObject *s)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    for (Py_ssize_t k = 1; k + 1 < n; k++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, k);
        int mark = 0;
        for (size_t m = 0; !mark && m < sizeof(SUFFIXES) / sizeof(SUFFIXES[0]); m++)
            mark = c == SUFFIXES[m];
        if (!mark || !nc_may_be_space(PyUnicode_READ(kind, data, k - 1)))
            continue;
        Py_UCS4 after = PyUnicode_READ(kind, data, k + 1);
        if (nc_may_be_space(after) || (c == ':' && after == ':'))
            return 1;
    }
    return 0;
}

/* shape.NAME.fullmatch(s) */
static int may_name(PyObject *s);
static int name_line(PyObject *s)
{
    return may_name(s) ? nc_fullmatch(nc_NAME, s) : 0;
}

/* Whether shape.NAME may fullmatch s: its lookahead (?=.{5,40}$) needs 5 to 40 characters (41 with a final line
   break), and its first character is a capital (\p{Lu}: in ASCII, A to Z). */
static int may_name(PyObject *s)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    if (n < 5 || n > 41)
        return 0;
    Py_UCS4 first = PyUnicode_READ_CHAR(s, 0);
    return first >= 0x80 || (first >= 'A' && first <= 'Z');
}

/* ------------------------------------------------------------------------------------------------------------ */
/* The shape of a header line (header.py's helpers) */

/* _trailing_off */
static int trailing_off(PyObject *line)
{
    int end = ends_with(line, ellipsis);
    if (end <= 0)
        return end;
    double share = nc_capitalised_share(line, 0, 1);
    if (share == -1.0 && PyErr_Occurred())
        return -1;
    return share >= title_case;
}

/* _headline_shaped */
static int shaped_headline(PyObject *line)
{
    int shaped = nc_headline_shaped(line);
    if (shaped != 0)
        return shaped;
    int trailing = trailing_off(line);
    if (trailing <= 0)
        return trailing;
    /* line.rstrip(".").rstrip() */
    Py_ssize_t n = PyUnicode_GET_LENGTH(line);
    int kind = PyUnicode_KIND(line);
    const void *data = PyUnicode_DATA(line);
    while (n > 0 && PyUnicode_READ(kind, data, n - 1) == '.')
        n--;
    while (n > 0 && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, n - 1)))
        n--;
    PyObject *head = PyUnicode_Substring(line, 0, n);
    if (head == NULL)
        return -1;
    shaped = nc_headline_shaped(head);
    Py_DECREF(head);
    return shaped;
}

/* _could_head */
static int could_head(PyObject *line)
{
    int shaped = shaped_headline(line);
    if (shaped <= 0)
        return shaped;
    if (PyUnicode_GET_LENGTH(line) > nc_max_headline())
        return 0;
    int ends = search_if(sentence_end, line, MAY(line, DOT));
    if (ends <= 0)
        return ends < 0 ? -1 : 1;
    return trailing_off(line);
}

/* _reads_as_headline */
static int reads_as_headline(PyObject *line)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(line);
    if (n == 0) {
        PyErr_SetString(PyExc_IndexError, "string index out of range");
        return -1;
    }
    Py_UCS4 first = PyUnicode_READ_CHAR(line, 0);
    if (!Py_UNICODE_ISALNUM(first) && !has_char(headline_openers, first))
        return 0;
    if (n >= long_two_sentences) {
        int two = search_if(sentence_break, line, MAY(line, DOT));
        if (two != 0)
            return two < 0 ? -1 : 0;
    }
    int credit = search_if(credit_end, line, MAY(line, SLASH));
    return credit < 0 ? -1 : !credit;
}

/* _widget_label */
static int widget_label(PyObject *line)
{
    if (spaces(line) + 1 > max_furniture_words)
        return 0;
    return nc_search(widget_words, line);
}

/* _name_part: a new reference */
static PyObject *name_part(PyObject *line)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(line);
    int joined = ends_with(line, name_joiner);
    if (joined < 0)
        return NULL;
    if (joined)
        n -= PyUnicode_GET_LENGTH(name_joiner);
    int kind = PyUnicode_KIND(line);
    const void *data = PyUnicode_DATA(line);
    while (n > 0 && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, n - 1)))
        n--;
    return PyUnicode_Substring(line, 0, n);
}

/* The words of a line, case folded, one space apart (" ".join(line.casefold().split())), read a character at a
   time: -1 at the end, -2 at a character past ASCII (whose case folding is left to the Python). */
typedef struct {
    int kind;
    const void *data;
    Py_ssize_t n, k;
    int space;
} words;

static void words_init(words *w, PyObject *s)
{
    w->kind = PyUnicode_KIND(s), w->data = PyUnicode_DATA(s), w->n = PyUnicode_GET_LENGTH(s), w->k = 0;
    w->space = 0;
    while (w->k < w->n && Py_UNICODE_ISSPACE(PyUnicode_READ(w->kind, w->data, w->k)))
        w->k++;
}

static long words_next(words *w)
{
    if (w->space) {
        w->space = 0;
        return ' ';
    }
    if (w->k == w->n)
        return -1;
    Py_UCS4 c = PyUnicode_READ(w->kind, w->data, w->k);
    if (c >= 0x80)
        return -2;
    w->k++;
    if (w->k < w->n && Py_UNICODE_ISSPACE(PyUnicode_READ(w->kind, w->data, w->k))) {
        while (w->k < w->n && Py_UNICODE_ISSPACE(PyUnicode_READ(w->kind, w->data, w->k)))
            w->k++;
        w->space = w->k < w->n;
    }
    return c >= 'A' && c <= 'Z' ? (long)(c + ('a' - 'A')) : (long)c;
}

/* is_echo: equal case aside (here while both are ASCII); a headline followed by more words (a credit?) and any
   line past ASCII go to header.is_echo. */
static int is_echo(PyObject *line, PyObject *headline)
{
    words a, b;
    words_init(&a, line);
    words_init(&b, headline);
    for (;;) {
        long x = words_next(&a), y = words_next(&b);
        if (x == -2 || y == -2)
            break;
        if (x != y)
            return y == -1 && x == ' ' ? truth_of(PyObject_CallFunctionObjArgs(py_is_echo, line, headline, NULL))
                                       : 0;
        if (x == -1)
            return 1;
    }
    return truth_of(PyObject_CallFunctionObjArgs(py_is_echo, line, headline, NULL));
}

/* ------------------------------------------------------------------------------------------------------------ */
/* A pass's page: the nc_page, and the Python lists it reads and changes (its labels are stored at the end). */

typedef struct {
    nc_page page;
    PyObject *text, *labels, *names; /* borrowed: the arguments */
} pass;

/* Whether the arguments have the shape label_lines gives them (else the Python function takes them); on 1 the page
   is set up, on -1 an exception is set. */
static int pass_init(pass *p, PyObject *text, PyObject *labels, PyObject *names)
{
    if (!(PyList_Check(text) || PyTuple_Check(text)) || !PyList_Check(labels)
        || (names != NULL && !PyList_Check(names)))
        return 0;
    Py_ssize_t n = PySequence_Size(text);
    if (PyList_GET_SIZE(labels) != n || (names != NULL && PyList_GET_SIZE(names) != n))
        return 0;
    if (nc_page_init(&p->page, text, labels, NULL) < 0) {
        if (!PyErr_ExceptionMatches(PyExc_TypeError))
            return -1;
        PyErr_Clear(); /* a line that is no str, a label that is no Label: the Python's answer */
        return 0;
    }
    p->text = text, p->labels = labels, p->names = names;
    return 1;
}

static int set_label(pass *p, Py_ssize_t i, int label, PyObject *name)
{
    p->page.label[i] = (signed char)label;
    return PyList_SetItem(p->names, i, Py_NewRef(name));
}

/* Store the labels and free the page; returns result (NULL on an error, its exception kept). */
static PyObject *pass_end(pass *p, PyObject *result)
{
    if (nc_page_store_labels(&p->page, p->labels) < 0)
        Py_CLEAR(result);
    nc_page_free(&p->page);
    return result;
}

#define TEXT(p, i) ((p)->page.text[i])
#define LABEL(p, i) ((p)->page.label[i])

/* _beyond_meta: for every line, the nearest line up and down past the blank and meta lines around it (-1: none) */
static void beyond_meta(const nc_page *page, Py_ssize_t *ups, Py_ssize_t *downs)
{
    Py_ssize_t last = -1;
    for (Py_ssize_t i = 0; i < page->n; i++) {
        ups[i] = last;
        if (page->label[i] != NC_BLANK && page->label[i] != NC_META)
            last = i;
    }
    last = -1;
    for (Py_ssize_t i = page->n - 1; i >= 0; i--) {
        downs[i] = last;
        if (page->label[i] != NC_BLANK && page->label[i] != NC_META)
            last = i;
    }
}

/* The hits as C arrays: line index and a copy of its rule's record (nc_rule_read; the hits list keeps the Rules).  0: a hit of another shape (the Python takes it),
   1: read, -1: error. */
static int read_hits(pass *p, PyObject *hits, Py_ssize_t **lines, nc_rule **rules, Py_ssize_t *count)
{
    if (!PyList_Check(hits) && !PyTuple_Check(hits))
        return 0;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(hits);
    *lines = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(Py_ssize_t));
    *rules = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(nc_rule));
    if (*lines == NULL || *rules == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    *count = n;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *hit = PySequence_Fast_GET_ITEM(hits, k);
        if (!PyTuple_Check(hit) || PyTuple_GET_SIZE(hit) != 2 || !PyLong_Check(PyTuple_GET_ITEM(hit, 0)))
            return 0;
        Py_ssize_t i = PyLong_AsSsize_t(PyTuple_GET_ITEM(hit, 0));
        if (i == -1 && PyErr_Occurred()) {
            PyErr_Clear();
            return 0;
        }
        if (i < 0 || i >= p->page.n)
            return 0;
        if (nc_rule_read(PyTuple_GET_ITEM(hit, 1), &(*rules)[k]) < 0) {
            if (!PyErr_ExceptionMatches(PyExc_AttributeError) && !PyErr_ExceptionMatches(PyExc_TypeError))
                return -1;
            PyErr_Clear();
            return 0;
        }
        (*lines)[k] = i;
    }
    return 1;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* headline_candidates */

PyDoc_STRVAR(headline_candidates_doc, "header.headline_candidates(text, labels, hits), natively.");

static PyObject *headline_candidates(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = {"text", "labels", "hits", NULL};
    PyObject *text, *labels, *hits, *found = NULL;
    (void)self;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OOO:headline_candidates", keywords, &text, &labels, &hits))
        return NULL;
    pass p;
    int ok = pass_init(&p, text, labels, NULL);
    if (ok <= 0)
        return ok < 0 ? NULL : PyObject_Call(py_headline_candidates, args, kwargs);
    Py_ssize_t n = p.page.n, *lines = NULL, nhits = 0, norder = 0;
    nc_rule *rules = NULL;
    Py_ssize_t *ups = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(Py_ssize_t) * 3);
    long *best = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(long) * 2); /* strength, above; strength -1: none */
    if (ups == NULL || best == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t *downs = ups + n, *order = ups + 2 * n;
    ok = read_hits(&p, hits, &lines, &rules, &nhits);
    if (ok <= 0) {
        if (ok == 0)
            found = PyObject_Call(py_headline_candidates, args, kwargs);
        goto done;
    }
    beyond_meta(&p.page, ups, downs);
    for (Py_ssize_t i = 0; i < n; i++)
        best[2 * i] = -1;
    for (Py_ssize_t k = 0; k < nhits; k++) {
        const nc_rule *rule = &rules[k];
        if (rule->label != NC_META)
            continue;
        long strength = rule->has_date ? date_strength : rule->has_author ? byline_strength : 0;
        if (!strength)
            continue;
        for (int above = 1; above >= 0; above--) {
            Py_ssize_t j = above ? ups[lines[k]] : downs[lines[k]];
            if (j < 0 || LABEL(&p, j) != NC_NONE)
                continue;
            int head = above ? could_head(TEXT(&p, j)) : shaped_headline(TEXT(&p, j));
            if (head < 0)
                goto done;
            if (!head)
                continue;
            if (best[2 * j] < 0)
                order[norder++] = j, best[2 * j] = 0, best[2 * j + 1] = 0;
            if (strength > best[2 * j] || (strength == best[2 * j] && above > best[2 * j + 1]))
                best[2 * j] = strength, best[2 * j + 1] = above;
        }
    }
    found = PyDict_New();
    for (Py_ssize_t k = 0; found != NULL && k < norder; k++) {
        Py_ssize_t j = order[k];
        PyObject *key = PyLong_FromSsize_t(j);
        PyObject *value = Py_BuildValue("(ll)", best[2 * j], best[2 * j + 1]);
        if (key == NULL || value == NULL || PyDict_SetItem(found, key, value) < 0)
            Py_CLEAR(found);
        Py_XDECREF(key);
        Py_XDECREF(value);
    }
done:
    PyMem_Free(ups);
    PyMem_Free(best);
    PyMem_Free(lines);
    PyMem_Free(rules);
    return pass_end(&p, found);
}

/* ------------------------------------------------------------------------------------------------------------ */
/* byline_names */

/* _is_headline_over_name */
static int headline_over_name(pass *p, Py_ssize_t i)
{
    PyObject *line = TEXT(p, i);
    if (LABEL(p, i) != NC_NONE || !nc_headline_shaped(line) || spaces(line) < headline_spaces)
        return 0;
    Py_UCS4 last = PyUnicode_READ_CHAR(line, PyUnicode_GET_LENGTH(line) - 1);
    if (!Py_UNICODE_ISALNUM(last) && !has_char(headline_closers, last))
        return 0;
    int name = name_line(line);
    return name < 0 ? -1 : !name;
}

/* Whether the page's running text speaks of part: part in "\n".join(line for line in text if line and
   is_prose(line)).  Without a line break in part, that is a prose line holding it: only the lines holding it are
   asked is_prose. */
static int spoken(pass *p, PyObject *part)
{
    if (PyUnicode_GET_LENGTH(part) == 0)
        return 1;
    int joined = PyUnicode_FindChar(part, '\n', 0, PyUnicode_GET_LENGTH(part), 1) != -1;
    PyObject *prose = joined ? PyList_New(0) : NULL;
    if (joined && prose == NULL)
        return -1;
    int found = 0;
    for (Py_ssize_t i = 0; i < p->page.n && !found; i++) {
        PyObject *line = TEXT(p, i);
        if (PyUnicode_GET_LENGTH(line) == 0)
            continue;
        int holds = joined ? 1 : PyUnicode_Contains(line, part);
        int prose_line = holds > 0 ? nc_is_prose(line) : holds;
        if (prose_line < 0 || (joined && prose_line && PyList_Append(prose, line) < 0))
            found = -1;
        else if (!joined)
            found = prose_line;
    }
    if (joined && found == 0) {
        PyObject *text = PyUnicode_Join(newline, prose);
        found = text == NULL ? -1 : PyUnicode_Contains(text, part);
        Py_XDECREF(text);
    }
    Py_XDECREF(prose);
    return found;
}

/* Whether name_part(line) is a name the page's running text does not speak of: 1, 0, -1 error. */
static int unspoken_name(pass *p, PyObject *line, int whole)
{
    PyObject *part = name_part(line);
    if (part == NULL)
        return -1;
    /* the Python matches the whole line above the date, the name part below it */
    int name = name_line(whole ? line : part);
    if (name > 0) {
        int said = spoken(p, part);
        name = said < 0 ? -1 : !said;
    }
    Py_DECREF(part);
    return name;
}

PyDoc_STRVAR(byline_names_doc, "header.byline_names(text, labels, names, hits), natively.");

static PyObject *byline_names(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = {"text", "labels", "names", "hits", NULL};
    PyObject *text, *labels, *names, *hits, *result = NULL;
    (void)self;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OOOO:byline_names", keywords, &text, &labels, &names, &hits))
        return NULL;
    pass p;
    int ok = pass_init(&p, text, labels, names);
    if (ok <= 0)
        return ok < 0 ? NULL : PyObject_Call(py_byline_names, args, kwargs);
    Py_ssize_t n = p.page.n, *lines = NULL, nhits = 0;
    nc_rule *rules = NULL;
    Py_ssize_t *ups = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(Py_ssize_t) * 2);
    if (ups == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t *downs = ups + n;
    ok = read_hits(&p, hits, &lines, &rules, &nhits);
    if (ok <= 0) {
        if (ok == 0)
            result = PyObject_Call(py_byline_names, args, kwargs);
        goto done;
    }
    beyond_meta(&p.page, ups, downs);
    for (Py_ssize_t k = 0; k < nhits; k++) {
        const nc_rule *rule = &rules[k];
        if (rule->label != NC_META || !rule->has_date)
            continue;
        Py_ssize_t up = ups[lines[k]], down = downs[lines[k]];
        int changed = 0;
        if (up >= 0 && LABEL(&p, up) == NC_NONE) {
            int name = unspoken_name(&p, TEXT(&p, up), 1);
            if (name < 0)
                goto done;
            if (name) {
                Py_ssize_t above = nc_past_meta(&p.page, up, -1);
                int head = above >= 0 ? headline_over_name(&p, above) : 0;
                if (head < 0)
                    goto done;
                if (head) {
                    if (set_label(&p, up, NC_META, byline_name) < 0)
                        goto done;
                    up = above, changed = 1;
                }
            }
        }
        int head = up >= 0 ? headline_over_name(&p, up) : 0;
        if (head < 0)
            goto done;
        /* writers listed one a line, joined by commas */
        while (head && down >= 0 && LABEL(&p, down) == NC_NONE) {
            int name = unspoken_name(&p, TEXT(&p, down), 0);
            if (name <= 0) {
                if (name < 0)
                    goto done;
                break;
            }
            if (set_label(&p, down, NC_META, byline_name) < 0)
                goto done;
            changed = 1;
            int joined = ends_with(TEXT(&p, down), name_joiner);
            if (joined <= 0) {
                if (joined < 0)
                    goto done;
                break;
            }
            down = nc_neighbour(&p.page, down, 1);
        }
        if (changed)
            beyond_meta(&p.page, ups, downs);
    }
    result = Py_NewRef(Py_None);
done:
    PyMem_Free(ups);
    PyMem_Free(lines);
    PyMem_Free(rules);
    return pass_end(&p, result);
}

/* ------------------------------------------------------------------------------------------------------------ */
/* label_header */

/* What the body prints (header._Body): its lines from start on, its lead (the first body lines). */
typedef struct {
    pass *p;
    Py_ssize_t start;
    Py_ssize_t *lead, nlead;
} body_lines;

static int body_init(body_lines *b, pass *p, Py_ssize_t start)
{
    b->p = p, b->start = start, b->nlead = 0;
    b->lead = PyMem_Malloc((size_t)(lead_lines > 0 ? lead_lines : 1) * sizeof(Py_ssize_t));
    if (b->lead == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t j = start; j < p->page.n && b->nlead < lead_lines; j++)
        if (LABEL(p, j) == NC_BODY)
            b->lead[b->nlead++] = j;
    return 0;
}

static int same_str(PyObject *a, PyObject *b)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(a);
    return a == b || (n == PyUnicode_GET_LENGTH(b) && PyUnicode_KIND(a) == PyUnicode_KIND(b)
                      && memcmp(PyUnicode_DATA(a), PyUnicode_DATA(b), (size_t)n * PyUnicode_KIND(a)) == 0);
}

/* _Body.could_be_title */
static int could_be_title(body_lines *b, PyObject *line)
{
    int reads = reads_as_headline(line);
    if (reads <= 0)
        return reads;
    /* the body prints it again and again (its Counter's lines printed _BOILERPLATE_REPEATS times or more) */
    long prints = 0;
    for (Py_ssize_t j = b->start; j < b->p->page.n; j++)
        if (LABEL(b->p, j) == NC_BODY && same_str(TEXT(b->p, j), line) && ++prints >= boilerplate_repeats)
            return 0;
    for (Py_ssize_t k = 0; k < b->nlead; k++) {
        PyObject *lead = TEXT(b->p, b->lead[k]);
        int inside = PyUnicode_Contains(lead, line);
        if (inside < 0)
            return -1;
        if (inside) {
            int echo = is_echo(lead, line);
            if (echo <= 0)
                return echo < 0 ? -1 : 0;
        }
    }
    return 1;
}

/* The lines above the body as one string (header._Printed), joined when first asked. */
typedef struct {
    pass *p;
    Py_ssize_t start;
    PyObject *header;
    Py_ssize_t *offsets;
} printed_lines;

/* _Printed.before: whether line i (above the body) was printed in an earlier line */
static int printed_before(printed_lines *pr, Py_ssize_t i)
{
    PyObject *line = TEXT(pr->p, i);
    if (PyUnicode_GET_LENGTH(line) == 0)
        return 0;
    if (pr->header == NULL) {
        PyObject *above = PySequence_GetSlice(pr->p->text, 0, pr->start);
        if (above == NULL)
            return -1;
        pr->header = PyUnicode_Join(newline, above);
        Py_DECREF(above);
        pr->offsets = PyMem_Malloc((size_t)(pr->start + 1) * sizeof(Py_ssize_t));
        if (pr->header == NULL || pr->offsets == NULL) {
            if (pr->offsets == NULL)
                PyErr_NoMemory();
            return -1;
        }
        pr->offsets[0] = 0;
        for (Py_ssize_t k = 0; k < pr->start; k++)
            pr->offsets[k + 1] = pr->offsets[k] + PyUnicode_GET_LENGTH(TEXT(pr->p, k)) + 1;
    }
    Py_ssize_t end = pr->offsets[i] - 1 > 0 ? pr->offsets[i] - 1 : 0;
    Py_ssize_t at = PyUnicode_Find(pr->header, line, 0, end, 1);
    return at == -2 ? -1 : at >= 0;
}

/* The line a headline (four words or more, not prose, reading as one) must be in _over_deck, _past_section and
   _footer_title: headline_shaped, of _HEADLINE_SPACES, at most MAX_HEADLINE long, not prose, reads as one. */
static int plain_headline(PyObject *line)
{
    if (!nc_headline_shaped(line) || spaces(line) < headline_spaces || PyUnicode_GET_LENGTH(line) > nc_max_headline())
        return 0;
    int prose = nc_is_prose(line);
    if (prose != 0)
        return prose < 0 ? -1 : 0;
    return reads_as_headline(line);
}

/* _over_deck */
static Py_ssize_t over_deck(pass *p, Py_ssize_t title, body_lines *b)
{
    Py_ssize_t up = nc_neighbour(&p->page, title, -1);
    if (up < 0 || LABEL(p, up) != NC_NONE)
        return title;
    Py_ssize_t above = nc_neighbour(&p->page, up, -1);
    if (above >= 0 && LABEL(p, above) == NC_NONE && nc_headline_shaped(TEXT(p, above))
        && spaces(TEXT(p, above)) >= headline_spaces)
        return title;
    PyObject *head = TEXT(p, up), *deck = TEXT(p, title);
    int ok = plain_headline(head);
    if (ok > 0)
        ok = could_be_title(b, head);
    if (ok > 0) {
        int name = name_line(head);
        ok = name < 0 ? -1 : !name;
    }
    if (ok <= 0)
        return ok < 0 ? -2 : title;
    int cased = 0;
    if (spaces(deck) + 1 >= min_deck_words) {
        double h = nc_capitalised_share(head, 0, 1), d = nc_capitalised_share(deck, 0, 1);
        cased = h >= title_case && d <= sentence_case;
    }
    int furniture = 0;
    if (spaces(head) + 1 >= min_deck_words && (furniture = widget_label(deck)) < 0)
        return -2;
    int prose = nc_is_prose(deck);
    if (prose < 0)
        return -2;
    return prose || cased || furniture ? up : title;
}

/* _past_section */
static Py_ssize_t past_section(pass *p, Py_ssize_t title, Py_ssize_t start, printed_lines *pr)
{
    if (spaces(TEXT(p, title)) >= headline_spaces)
        return title;
    Py_ssize_t nxt = nc_neighbour(&p->page, title, 1);
    int first = 1;
    while (nxt >= 0 && nxt < start) {
        if (LABEL(p, nxt) == NC_NONE) {
            int ok = plain_headline(TEXT(p, nxt));
            if (ok > 0 && !first)
                ok = printed_before(pr, nxt);
            if (ok != 0)
                return ok < 0 ? -2 : nxt;
        }
        first = 0;
        nxt = nc_neighbour(&p->page, nxt, 1);
    }
    return title;
}

/* The head of a line before a site suffix (_SITE_SUFFIX.split(line, maxsplit=1)[0]): a new reference. */
static PyObject *site_head(PyObject *line)
{
    if (!may_suffix(line))
        return Py_NewRef(line);
    PyObject *args[] = {line, one};
    PyObject *parts = PyObject_Vectorcall(site_suffix_split, args, 2, NULL);
    if (parts == NULL)
        return NULL;
    PyObject *head = PySequence_GetItem(parts, 0);
    Py_DECREF(parts);
    return head;
}

/* _label_repeats */
static int label_repeats(pass *p, Py_ssize_t title, Py_ssize_t start)
{
    PyObject *headline = TEXT(p, title);
    for (Py_ssize_t i = 0; i < start; i++) {
        if (LABEL(p, i) != NC_NONE || i == title)
            continue;
        PyObject *line = TEXT(p, i);
        int repeat = PyUnicode_Contains(line, headline);
        if (repeat == 0 && PyUnicode_GET_LENGTH(line) >= min_site_head) {
            PyObject *head = site_head(line);
            if (head == NULL)
                return -1;
            repeat = PyUnicode_GET_LENGTH(head) >= min_site_head ? PyUnicode_Contains(headline, head) : 0;
            Py_DECREF(head);
        }
        if (repeat < 0 || (repeat && set_label(p, i, NC_TITLE, title_repeat) < 0))
            return -1;
    }
    return 0;
}

/* echoed: line i printed again from line start on, alone or before a credit */
static int echoed(pass *p, Py_ssize_t i, Py_ssize_t start)
{
    for (Py_ssize_t j = start; j < p->page.n; j++) {
        int echo = is_echo(TEXT(p, j), TEXT(p, i));
        if (echo != 0)
            return echo;
    }
    return 0;
}

/* The headline when the header has no date or byline to go by (label_header's else branch): -1 none, -2 error. */
static Py_ssize_t unanchored_title(pass *p, Py_ssize_t start, body_lines *b, printed_lines *pr)
{
    Py_ssize_t *shaped = PyMem_Malloc((size_t)(start ? start : 1) * sizeof(Py_ssize_t)), nshaped = 0, title = -1;
    if (shaped == NULL) {
        PyErr_NoMemory();
        return -2;
    }
    for (Py_ssize_t i = start - 1; i >= 0; i--) {
        if (LABEL(p, i) != NC_NONE)
            continue;
        PyObject *line = TEXT(p, i);
        int ok = shaped_headline(line);
        if (ok > 0 && PyUnicode_GET_LENGTH(line) > nc_max_headline())
            ok = 0;
        if (ok > 0)
            ok = could_be_title(b, line);
        if (ok < 0)
            goto error;
        if (ok)
            shaped[nshaped++] = i;
    }
    for (Py_ssize_t k = 0; title < 0 && k < nshaped; k++) {
        int before = printed_before(pr, shaped[k]);
        if (before < 0)
            goto error;
        if (before)
            title = shaped[k];
    }
    /* or printed again inside the body, as a photo's alt text */
    for (Py_ssize_t k = 0; title < 0 && k < nshaped; k++) {
        if (spaces(TEXT(p, shaped[k])) < headline_spaces)
            continue;
        int echo = echoed(p, shaped[k], start);
        if (echo < 0)
            goto error;
        if (echo)
            title = shaped[k];
    }
    for (Py_ssize_t k = 0; title < 0 && k < nshaped; k++) {
        if (spaces(TEXT(p, shaped[k])) < headline_spaces)
            continue;
        int prose = nc_is_prose(TEXT(p, shaped[k]));
        if (prose < 0)
            goto error;
        if (!prose)
            title = shaped[k];
    }
    /* a scraper joined breadcrumb, headline, byline and date on one line (joined_header, in the Python) */
    for (Py_ssize_t i = 0; title < 0 && i < start; i++) {
        if (LABEL(p, i) == NC_BLANK || !MAY(TEXT(p, i), JOINS))
            continue;
        int joined = truth_of(PyObject_CallOneArg(py_joined_header, TEXT(p, i)));
        if (joined < 0)
            goto error;
        if (joined)
            title = i;
    }
    if (title < 0 && nshaped) {
        Py_ssize_t last = shaped[nshaped - 1], over = nc_neighbour(&p->page, start, -1);
        if (last == over && over == nc_neighbour(&p->page, -1, 1))
            title = last;
    }
    PyMem_Free(shaped);
    return title;
error:
    PyMem_Free(shaped);
    return -2;
}

/* The headline among label_header's candidates next to a date or byline (anchored, checked by anchored_usable):
   its index, -2 on an error, -3 when there is no candidate. */
static Py_ssize_t anchored_title(pass *p, PyObject *anchored, Py_ssize_t start, body_lines *b, printed_lines *pr)
{
    Py_ssize_t pos = 0, best = -1;
    long best_key[4] = {0, 0, 0, 0};
    PyObject *key, *value;
    while (PyDict_Next(anchored, &pos, &key, &value)) {
        Py_ssize_t i = PyLong_AsSsize_t(key);
        if (i >= start || LABEL(p, i) != NC_NONE)
            continue;
        int ok = could_be_title(b, TEXT(p, i));
        if (ok < 0)
            return -2;
        if (!ok)
            continue;
        int before = printed_before(pr, i);
        if (before < 0)
            return -2;
        long k[4] = {before, spaces(TEXT(p, i)) >= headline_spaces, PyLong_AsLong(PyTuple_GET_ITEM(value, 0)),
                     PyLong_AsLong(PyTuple_GET_ITEM(value, 1))};
        /* max() over the key (before, four words, strength, above, i): the first of the greatest */
        int m = 0;
        while (best >= 0 && m < 4 && k[m] == best_key[m])
            m++;
        if (best < 0 || (m < 4 ? k[m] > best_key[m] : i > best)) {
            best = i;
            memcpy(best_key, k, sizeof(k));
        }
    }
    if (best < 0)
        return -3; /* no candidate */
    /* a line printed before (in the page's <title>) is the headline; else it may be a deck under it */
    return best_key[0] ? best : over_deck(p, best, b);
}

/* Whether anchored has the shape headline_candidates gives it: int keys within the page, (int, int) values
   that fit a C long. */
static int anchored_usable(PyObject *anchored, Py_ssize_t n)
{
    if (!PyDict_Check(anchored))
        return 0;
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(anchored, &pos, &key, &value)) {
        if (!PyLong_Check(key) || !PyTuple_Check(value) || PyTuple_GET_SIZE(value) != 2
            || !PyLong_Check(PyTuple_GET_ITEM(value, 0)) || !PyLong_Check(PyTuple_GET_ITEM(value, 1)))
            return 0;
        Py_ssize_t i = PyLong_AsSsize_t(key);
        long s = PyLong_AsLong(PyTuple_GET_ITEM(value, 0)), a = PyLong_AsLong(PyTuple_GET_ITEM(value, 1));
        if (PyErr_Occurred()) {
            PyErr_Clear();
            return 0;
        }
        if (i < 0 || i >= n || s == -1 || a == -1)
            return 0;
    }
    return 1;
}

PyDoc_STRVAR(label_header_doc, "header.label_header(text, labels, names, anchored, start), natively.");

static PyObject *label_header(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = {"text", "labels", "names", "anchored", "start", NULL};
    PyObject *text, *labels, *names, *anchored, *start_obj, *result = NULL;
    (void)self;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OOOOO:label_header", keywords, &text, &labels, &names,
                                     &anchored, &start_obj))
        return NULL;
    Py_ssize_t start = PyLong_Check(start_obj) ? PyLong_AsSsize_t(start_obj) : -1;
    if (start == -1 && PyErr_Occurred())
        PyErr_Clear();
    pass p;
    int ok = start >= 0 ? pass_init(&p, text, labels, names) : 0;
    if (ok > 0 && (start > p.page.n || !anchored_usable(anchored, p.page.n))) {
        nc_page_free(&p.page);
        ok = 0;
    }
    if (ok <= 0)
        return ok < 0 ? NULL : PyObject_Call(py_label_header, args, kwargs);
    body_lines b = {0};
    printed_lines pr = {&p, start, NULL, NULL};
    if (body_init(&b, &p, start) < 0)
        goto done;
    Py_ssize_t title = anchored_title(&p, anchored, start, &b, &pr);
    if (title == -3)
        title = unanchored_title(&p, start, &b, &pr);
    if (title >= 0)
        title = past_section(&p, title, start, &pr);
    if (title == -2)
        goto done;
    Py_ssize_t subtitle = -1;
    if (title >= 0) {
        if (set_label(&p, title, NC_TITLE, title_name) < 0)
            goto done;
        Py_ssize_t nxt = nc_neighbour(&p.page, title, 1);
        if (nxt >= 0 && nxt < start && LABEL(&p, nxt) == NC_NONE) {
            PyObject *line = TEXT(&p, nxt);
            int name = name_line(line);
            if (name < 0)
                goto done;
            if (name) {
                /* a writer's name alone under the headline is the byline, not a deck */
                if (set_label(&p, nxt, NC_META, byline_name) < 0)
                    goto done;
            }
            else if (!same_str(line, TEXT(&p, title)) && spaces(line) >= deck_spaces) {
                int widget = widget_label(line);
                if (widget < 0 || (!widget && set_label(&p, nxt, NC_SUBTITLE, subtitle_name) < 0))
                    goto done;
                if (!widget)
                    subtitle = nxt;
            }
        }
        if (label_repeats(&p, title, start) < 0)
            goto done;
    }
    Py_ssize_t furniture = -1;
    for (Py_ssize_t i = 0; i < start; i++)
        if (LABEL(&p, i) == NC_META || LABEL(&p, i) == NC_TITLE || LABEL(&p, i) == NC_SUBTITLE)
            furniture = i;
    for (Py_ssize_t i = 0; i < start; i++) {
        if (LABEL(&p, i) != NC_NONE)
            continue;
        int set = furniture >= 0 && i > furniture ? set_label(&p, i, NC_CAPTION, header_caption)
                : spaces(TEXT(&p, i)) >= headline_spaces ? set_label(&p, i, NC_RELATED, header_list)
                : set_label(&p, i, NC_NAV, header_nav);
        if (set < 0)
            goto done;
    }
    PyObject *t = title >= 0 ? PyLong_FromSsize_t(title) : Py_NewRef(Py_None);
    PyObject *s = subtitle >= 0 ? PyLong_FromSsize_t(subtitle) : Py_NewRef(Py_None);
    if (t != NULL && s != NULL)
        result = PyTuple_Pack(2, t, s);
    Py_XDECREF(t);
    Py_XDECREF(s);
done:
    PyMem_Free(b.lead);
    PyMem_Free(pr.offsets);
    Py_XDECREF(pr.header);
    return pass_end(&p, result);
}

/* ------------------------------------------------------------------------------------------------------------ */
/* label_footer */

/* _footer_title */
static int footer_headline(pass *p, Py_ssize_t end)
{
    Py_ssize_t i = nc_neighbour(&p->page, end, 1);
    if (i < 0 || LABEL(p, i) != NC_NONE)
        return 0;
    Py_ssize_t after = nc_neighbour(&p->page, i, 1);
    if (after < 0 || LABEL(p, after) != NC_META)
        return 0;
    int ok = plain_headline(TEXT(p, i));
    if (ok <= 0)
        return ok;
    /* a list of other stories prints headline and date again and again: its first headline is none of ours */
    Py_ssize_t nxt = nc_past_meta(&p->page, after, 1);
    if (nxt >= 0 && LABEL(p, nxt) == NC_NONE && nc_headline_shaped(TEXT(p, nxt))) {
        Py_ssize_t later = nc_neighbour(&p->page, nxt, 1);
        if (later >= 0 && LABEL(p, later) == NC_META)
            return 0;
    }
    return set_label(p, i, NC_TITLE, footer_title);
}

PyDoc_STRVAR(label_footer_doc, "header.label_footer(text, labels, names, end), natively.");

static PyObject *label_footer(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = {"text", "labels", "names", "end", NULL};
    PyObject *text, *labels, *names, *end_obj;
    (void)self;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OOOO:label_footer", keywords, &text, &labels, &names, &end_obj))
        return NULL;
    Py_ssize_t end = PyLong_Check(end_obj) ? PyLong_AsSsize_t(end_obj) : -1;
    if (end == -1 && PyErr_Occurred())
        PyErr_Clear();
    pass p;
    int ok = end >= 0 ? pass_init(&p, text, labels, names) : 0;
    if (ok > 0 && end >= p.page.n) {
        nc_page_free(&p.page);
        ok = 0;
    }
    if (ok <= 0)
        return ok < 0 ? NULL : PyObject_Call(py_label_footer, args, kwargs);
    Py_ssize_t n = p.page.n, signoff = nc_neighbour(&p.page, end, 1);
    if (signoff >= 0 && LABEL(&p, signoff) == NC_NONE) {
        PyObject *line = TEXT(&p, signoff);
        int name = name_line(line);
        if (name < 0)
            return pass_end(&p, NULL);
        if (name) {
            Py_ssize_t after = nc_neighbour(&p.page, signoff, 1);
            /* str.isupper: a cased character, and no lower or title case one */
            int upper = 0;
            Py_ssize_t len = PyUnicode_GET_LENGTH(line);
            int kind = PyUnicode_KIND(line);
            const void *data = PyUnicode_DATA(line);
            for (Py_ssize_t k = 0; k < len; k++) {
                Py_UCS4 c = PyUnicode_READ(kind, data, k);
                if (Py_UNICODE_ISLOWER(c) || Py_UNICODE_ISTITLE(c)) {
                    upper = 0;
                    break;
                }
                upper |= Py_UNICODE_ISUPPER(c);
            }
            if ((upper || after < 0 || LABEL(&p, after) == NC_META)
                && set_label(&p, signoff, NC_META, byline_name) < 0)
                return pass_end(&p, NULL);
        }
    }
    int titled = 0;
    for (Py_ssize_t i = 0; i < n && !titled; i++)
        titled = LABEL(&p, i) == NC_TITLE;
    if (!titled && footer_headline(&p, end) < 0)
        return pass_end(&p, NULL);
    for (Py_ssize_t i = end + 1; i < n; i++) {
        if (LABEL(&p, i) != NC_NONE)
            continue;
        if (spaces(TEXT(&p, i)) >= headline_spaces ? set_label(&p, i, NC_RELATED, footer_list) < 0
                                                   : set_label(&p, i, NC_NAV, footer_nav) < 0)
            return pass_end(&p, NULL);
    }
    return pass_end(&p, Py_NewRef(Py_None));
}

/* ------------------------------------------------------------------------------------------------------------ */
/* For the tests: whether a pre-check lets a line through to a pattern ("sentence_end", "sentence_break",
   "credit_end", "joined_parts", "site_suffix": search; "name": shape.NAME's fullmatch); where it does not, the
   pattern must not match. */

static PyObject *header_may_match(PyObject *self, PyObject *args)
{
    const char *name;
    PyObject *line;
    (void)self;
    if (!PyArg_ParseTuple(args, "sU:_header_may_match", &name, &line))
        return NULL;
    int may;
    if (strcmp(name, "sentence_end") == 0 || strcmp(name, "sentence_break") == 0)
        may = MAY(line, DOT);
    else if (strcmp(name, "credit_end") == 0)
        may = MAY(line, SLASH);
    else if (strcmp(name, "joined_parts") == 0)
        may = MAY(line, JOINS);
    else if (strcmp(name, "site_suffix") == 0)
        may = may_suffix(line);
    else if (strcmp(name, "name") == 0)
        may = may_name(line);
    else
        return PyErr_Format(PyExc_ValueError, "no pre-check %s", name);
    return PyBool_FromLong(may);
}

int nc_header_setup(PyObject *module)
{
    if (nc_get_long(module, "_DATE_STRENGTH", &date_strength) < 0
        || nc_get_long(module, "_BYLINE_STRENGTH", &byline_strength) < 0
        || nc_get_long(module, "_HEADLINE_SPACES", &headline_spaces) < 0
        || nc_get_long(module, "_DECK_SPACES", &deck_spaces) < 0
        || nc_get_long(module, "_LONG_TWO_SENTENCES", &long_two_sentences) < 0
        || nc_get_long(module, "_BOILERPLATE_REPEATS", &boilerplate_repeats) < 0
        || nc_get_long(module, "_LEAD_LINES", &lead_lines) < 0
        || nc_get_long(module, "_MIN_DECK_WORDS", &min_deck_words) < 0
        || nc_get_long(module, "_MAX_FURNITURE_WORDS", &max_furniture_words) < 0
        || nc_get_long(module, "_MIN_SITE_HEAD", &min_site_head) < 0
        || nc_get_double(module, "_TITLE_CASE", &title_case) < 0
        || nc_get_double(module, "_SENTENCE_CASE", &sentence_case) < 0
        || nc_get_object(module, "BYLINE_NAME", &byline_name) < 0
        || nc_get_object(module, "FOOTER_TITLE", &footer_title) < 0
        || nc_get_object(module, "_TITLE", &title_name) < 0
        || nc_get_object(module, "_TITLE_REPEAT", &title_repeat) < 0
        || nc_get_object(module, "_SUBTITLE", &subtitle_name) < 0
        || nc_get_object(module, "_HEADER_CAPTION", &header_caption) < 0
        || nc_get_object(module, "_HEADER_LIST", &header_list) < 0
        || nc_get_object(module, "_HEADER_NAV", &header_nav) < 0
        || nc_get_object(module, "_FOOTER_LIST", &footer_list) < 0
        || nc_get_object(module, "_FOOTER_NAV", &footer_nav) < 0
        || nc_get_object(module, "_SENTENCE_END", &sentence_end) < 0
        || nc_get_object(module, "_SITE_SUFFIX", &site_suffix) < 0
        || nc_get_object(module, "_SENTENCE_BREAK", &sentence_break) < 0
        || nc_get_object(module, "_CREDIT_END", &credit_end) < 0
        || nc_get_object(module, "_WIDGET_WORDS", &widget_words) < 0
        || nc_get_object(module, "_HEADLINE_CLOSERS", &headline_closers) < 0
        || nc_get_object(module, "_HEADLINE_OPENERS", &headline_openers) < 0
        || nc_get_object(module, "_ELLIPSIS", &ellipsis) < 0
        || nc_get_object(module, "_NAME_JOINER", &name_joiner) < 0
        || nc_get_object(module, "headline_candidates", &py_headline_candidates) < 0
        || nc_get_object(module, "byline_names", &py_byline_names) < 0
        || nc_get_object(module, "label_header", &py_label_header) < 0
        || nc_get_object(module, "label_footer", &py_label_footer) < 0
        || nc_get_object(module, "joined_header", &py_joined_header) < 0
        || nc_get_object(module, "is_echo", &py_is_echo) < 0)
        return -1;
    PyObject *strs[] = {byline_name, footer_title, title_name, title_repeat, subtitle_name, header_caption,
                        header_list, header_nav, footer_list, footer_nav, headline_closers, headline_openers,
                        ellipsis, name_joiner};
    for (size_t k = 0; k < sizeof(strs) / sizeof(strs[0]); k++)
        if (!PyUnicode_Check(strs[k])) {
            PyErr_SetString(PyExc_TypeError, "newsclean.header's constants are not of the types the native core reads");
            return -1;
        }
    if (newline == NULL && (newline = PyUnicode_FromString("\n")) == NULL)
        return -1;
    if (one == NULL && (one = PyLong_FromLong(1)) == NULL)
        return -1;
    PyObject *split = PyObject_GetAttrString(site_suffix, "split");
    if (split == NULL)
        return -1;
    Py_XSETREF(site_suffix_split, split);
    return 0;
}

PyMethodDef nc_header_methods[] = {
    {"headline_candidates", (PyCFunction)(void (*)(void))headline_candidates, METH_VARARGS | METH_KEYWORDS,
     headline_candidates_doc},
    {"byline_names", (PyCFunction)(void (*)(void))byline_names, METH_VARARGS | METH_KEYWORDS, byline_names_doc},
    {"label_header", (PyCFunction)(void (*)(void))label_header, METH_VARARGS | METH_KEYWORDS, label_header_doc},
    {"label_footer", (PyCFunction)(void (*)(void))label_footer, METH_VARARGS | METH_KEYWORDS, label_footer_doc},
    {"_header_may_match", header_may_match, METH_VARARGS, "a pre-check of header.c, for the tests"},
    {NULL, NULL, 0, NULL},
};
