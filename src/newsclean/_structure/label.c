/* The native label pass: label_lines, the same as newsclean/label.py (the reference).
 *
 * Its own loops run here (blank and invisible lines, the rules' hits, claiming a rule's neighbours and list items,
 * the body's labels, a header printed after the body, headline echoes, the final labels and the Line records);
 * the passes it runs in between (find_body, byline_names, headline_candidates, label_header, label_footer, each
 * native where it has been written) and the rules' lookup are called through label.py's names, read at setup, on
 * the same Python lists the reference passes them: labels, names and matched stay the page's truth, read and
 * written here in place.  Indices the passes return are used as Python would use them (a list index, a range).
 *
 * A call the reference would take differently (keywords, text or raw lines that are not lists or tuples of str)
 * is handed to label.py's label_lines.
 */
#include "structure.h"

static PyObject *python_label_lines, *python_paragraphs, *find_body, *byline_names, *headline_candidates, *label_header, *label_footer,
    *is_echo, *new_layout, *match_lines_name, *rule_name;
static PyTypeObject *line_type;
/* label.py's rule names, read at setup */
static PyObject *blank_rule, *invisible_rule, *widget_item_rule, *inline_credit_rule, *body_rule, *body_short_rule,
    *headline_echo_rule, *title_after_body_rule, *subtitle_after_body_rule, *previous_suffix, *next_suffix,
    *item_suffix, *empty;
static long max_headline;
static unsigned char blank_chars[128]; /* label.BLANK_CHARACTERS, all ASCII */

/* A page's lists while it is labelled: the Python objects the passes share, and what only this file reads. */
typedef struct {
    Py_ssize_t n;
    PyObject **text;   /* the items of the text list or tuple, borrowed (no pass changes the text) */
    PyObject *labels;  /* list: Label or None */
    PyObject *names;   /* list: str */
    PyObject *numbers; /* list: the line numbers as int objects, shared by the hits and the Line records */
    nc_rule *rules;    /* the rules that named a line of the page, each once: copies of their records */
    Py_ssize_t nrules;
} page_t;

/* The index of a Rule in the page's records (copied from the process's table on first sight), -1 with an
   exception set.  p->rules has room for one rule a line. */
static Py_ssize_t rule_of(page_t *p, PyObject *obj)
{
    for (Py_ssize_t k = 0; k < p->nrules; k++)
        if (p->rules[k].obj == obj)
            return k;
    if (nc_rule_read(obj, &p->rules[p->nrules]) < 0)
        return -1;
    return p->nrules++;
}

#define LABEL(p, i) PyList_GET_ITEM((p)->labels, (i))

/* Set item i of a list (0 <= i < len) to a new reference of value. */
static void put(PyObject *list, Py_ssize_t i, PyObject *value)
{
    PyObject *old = PyList_GET_ITEM(list, i);
    Py_INCREF(value);
    PyList_SET_ITEM(list, i, value);
    Py_DECREF(old);
}

/* shape.neighbour over the page's labels list: -1 for None. */
static Py_ssize_t neighbour(const page_t *p, Py_ssize_t i, int step)
{
    PyObject *blank = nc_label_object(NC_BLANK);
    Py_ssize_t j = i + step;
    while (j >= 0 && j < p->n && LABEL(p, j) == blank)
        j += step;
    return j >= 0 && j < p->n ? j : -1;
}

/* A Python list index: i, or i + n for a negative one; -1 with IndexError when out of range. */
static Py_ssize_t list_index(Py_ssize_t i, Py_ssize_t n)
{
    if (i < 0)
        i += n;
    if (i < 0 || i >= n) {
        PyErr_SetString(PyExc_IndexError, "list index out of range");
        return -1;
    }
    return i;
}

/* An int the passes returned, as a C index; -1 with an exception set (the caller checks PyErr_Occurred). */
static Py_ssize_t as_index(PyObject *value)
{
    return PyNumber_AsSsize_t(value, PyExc_OverflowError);
}

static int blank_raw(PyObject *raw)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(raw);
    int kind = PyUnicode_KIND(raw);
    const void *data = PyUnicode_DATA(raw);
    for (Py_ssize_t k = 0; k < n; k++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, k);
        if (c >= 128 || !blank_chars[c])
            return 0;
    }
    return 1;
}

/* _claim_list: the headline-shaped lines no rule named right after a list header are its items. */
static int claim_list(page_t *p, Py_ssize_t i, const nc_rule *rule)
{
    PyObject *name = NULL, *label = nc_label_object(rule->label);
    for (Py_ssize_t j = neighbour(p, i, 1); j >= 0 && LABEL(p, j) == Py_None; j = neighbour(p, j, 1)) {
        int shaped = nc_headline_shaped(p->text[j]);
        if (shaped < 0) {
            Py_XDECREF(name);
            return -1;
        }
        if (!shaped || PyUnicode_GET_LENGTH(p->text[j]) > max_headline)
            break;
        if (name == NULL && (name = PyUnicode_Concat(rule->name, item_suffix)) == NULL)
            return -1;
        put(p->labels, j, label);
        put(p->names, j, name);
    }
    Py_XDECREF(name);
    return 0;
}

/* _claim_neighbours: a rule's previous/next label goes to the nearest non-blank line no rule named. */
static int claim_neighbours(page_t *p, const Py_ssize_t *hit_line, const Py_ssize_t *hit_rule, Py_ssize_t nhits)
{
    for (Py_ssize_t h = 0; h < nhits; h++) {
        Py_ssize_t i = hit_line[h];
        const nc_rule *rule = &p->rules[hit_rule[h]];
        if (rule->previous == NC_NONE && rule->next == NC_NONE && !rule->claims_list)
            continue;
        for (int side = 0; side < 2; side++) {
            int label = side == 0 ? rule->previous : rule->next;
            int step = side == 0 ? -1 : 1;
            if (label == NC_NONE)
                continue;
            Py_ssize_t j = neighbour(p, i, step);
            if (j < 0 || LABEL(p, j) != Py_None)
                continue;
            if (step < 0 && rule->previous_echo) {
                Py_ssize_t opens = PyUnicode_Tailmatch(p->text[i], p->text[j], 0, PY_SSIZE_T_MAX, -1);
                if (opens < 0)
                    return -1;
                if (!opens)
                    continue;
            }
            PyObject *name = PyUnicode_Concat(rule->name, step < 0 ? previous_suffix : next_suffix);
            if (name == NULL)
                return -1;
            put(p->labels, j, nc_label_object(label));
            put(p->names, j, name);
            Py_DECREF(name);
        }
        if (rule->claims_list && claim_list(p, i, rule) < 0)
            return -1;
    }
    return 0;
}

/* labels[i], names[i] = label, name for every i of an iterable of line numbers (the widget lines, the credits). */
static int label_each(page_t *p, PyObject *lines, int label, PyObject *name)
{
    PyObject *iterator = PyObject_GetIter(lines), *i;
    if (iterator == NULL)
        return -1;
    while ((i = PyIter_Next(iterator)) != NULL) {
        int failed = PyObject_SetItem(p->labels, i, nc_label_object(label)) < 0
                  || PyObject_SetItem(p->names, i, name) < 0;
        Py_DECREF(i);
        if (failed) {
            Py_DECREF(iterator);
            return -1;
        }
    }
    Py_DECREF(iterator);
    return PyErr_Occurred() ? -1 : 0;
}

/* The body's lines no rule or pass named: body, named by the pass that took them in or by their shape. */
static int label_body(page_t *p, Py_ssize_t start, Py_ssize_t end, PyObject *named)
{
    PyObject *body = nc_label_object(NC_BODY);
    for (Py_ssize_t at = start; at <= end; at++) {
        Py_ssize_t i = list_index(at, p->n);
        if (i < 0)
            return -1;
        if (LABEL(p, i) != Py_None)
            continue;
        put(p->labels, i, body);
        PyObject *key = at == i ? PyList_GET_ITEM(p->numbers, i) : NULL, *owned = NULL;
        if (key == NULL && (key = owned = PyLong_FromSsize_t(at)) == NULL)
            return -1;
        PyObject *name = PyDict_CheckExact(named) ? Py_XNewRef(PyDict_GetItemWithError(named, key))
                                                  : PyObject_CallMethod(named, "get", "O", key);
        Py_XDECREF(owned);
        if (name == NULL && PyErr_Occurred())
            return -1;
        int truth = name == NULL ? 0 : PyObject_IsTrue(name);
        if (truth < 0) {
            Py_DECREF(name);
            return -1;
        }
        if (!truth) {
            Py_XDECREF(name);
            int prose = nc_is_prose(p->text[i]);
            if (prose < 0)
                return -1;
            name = Py_NewRef(prose ? body_rule : body_short_rule);
        }
        put(p->names, i, name);
        Py_DECREF(name);
    }
    return 0;
}

/* _late_header: the headline printed after the body, and the deck under it; sets *title and *subtitle. */
static int late_header(page_t *p, PyObject *late, PyObject **title, PyObject **subtitle)
{
    if (PyObject_SetItem(p->labels, late, nc_label_object(NC_TITLE)) < 0
        || PyObject_SetItem(p->names, late, title_after_body_rule) < 0)
        return -1;
    Py_ssize_t headline = as_index(late);
    if (headline == -1 && PyErr_Occurred())
        return -1;
    *title = Py_NewRef(late);
    *subtitle = Py_NewRef(Py_None);
    Py_ssize_t deck = neighbour(p, headline, 1);
    if (deck < 0 || LABEL(p, deck) != Py_None)
        return 0;
    int prose = nc_is_prose(p->text[deck]);
    if (prose < 0)
        return -1;
    if (!prose || PyUnicode_GET_LENGTH(p->text[deck]) > max_headline * 2)
        return 0;
    put(p->labels, deck, nc_label_object(NC_SUBTITLE));
    put(p->names, deck, subtitle_after_body_rule);
    Py_SETREF(*subtitle, Py_NewRef(PyList_GET_ITEM(p->numbers, deck)));
    return 0;
}

/* _headline_echoes: a short line inside the body that repeats the headline is a photo's alt text; but while the body
 * keeps a credit-shaped line that is no echo, its echoes stay too (without them, cleaning the body again could find
 * it one run without the credit, and take the credit for a caption). */
static int headline_echoes(page_t *p, Py_ssize_t title, Py_ssize_t start, Py_ssize_t end)
{
    if (end < start)
        return 0;
    PyObject *body = nc_label_object(NC_BODY);
    char *echo = PyMem_Calloc((size_t)(end - start + 1), 1);
    if (echo == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    int result = -1, echoes = 0;
    for (Py_ssize_t at = start; at <= end; at++) {
        Py_ssize_t i = list_index(at, p->n);
        if (i < 0)
            goto done;
        if (LABEL(p, i) != body)
            continue;
        int same = PyObject_RichCompareBool(PyList_GET_ITEM(p->names, i), body_short_rule, Py_EQ);
        if (same <= 0) {
            if (same < 0)
                goto done;
            continue;
        }
        Py_ssize_t t = list_index(title, p->n);
        if (t < 0)
            goto done;
        PyObject *found = PyObject_CallFunctionObjArgs(is_echo, p->text[i], p->text[t], NULL);
        int truth = found == NULL ? -1 : PyObject_IsTrue(found);
        Py_XDECREF(found);
        if (truth < 0)
            goto done;
        echo[at - start] = (char)truth;
        echoes += truth;
    }
    result = 0;
    if (echoes == 0)
        goto done;
    for (Py_ssize_t at = start + 1; at < end; at++) {
        Py_ssize_t i = list_index(at, p->n);
        if (i < 0) {
            result = -1;
            goto done;
        }
        if (LABEL(p, i) != body || echo[at - start])
            continue;
        if ((result = nc_is_credit(p->text[i])) != 0)
            goto done; /* an error (-1), or a credit the body keeps (1): no echo labelled */
    }
    for (Py_ssize_t at = start; at <= end; at++) {
        if (!echo[at - start])
            continue;
        Py_ssize_t i = list_index(at, p->n);
        put(p->labels, i, nc_label_object(NC_CAPTION));
        put(p->names, i, headline_echo_rule);
    }
done:
    PyMem_Free(echo);
    return result < 0 ? -1 : 0;
}

/* A pass's tuple result of exactly `size` items (a NamedTuple or a tuple), as Python's unpacking takes it. */
static PyObject *unpacked(PyObject *result, Py_ssize_t size)
{
    if (result == NULL)
        return NULL;
    PyObject *items = PyTuple_Check(result) ? Py_NewRef(result) : PySequence_Tuple(result);
    Py_DECREF(result);
    if (items != NULL && PyTuple_GET_SIZE(items) != size) {
        if (PyTuple_GET_SIZE(items) > size)
            PyErr_Format(PyExc_ValueError, "too many values to unpack (expected %zd)", size);
        else
            PyErr_Format(PyExc_ValueError, "not enough values to unpack (expected %zd, got %zd)", size,
                         PyTuple_GET_SIZE(items));
        Py_CLEAR(items);
    }
    return items;
}

/* The Line records: Line(no, text, label, rule, prefix), made as the tuple subclass they are. */
static PyObject *line_records(page_t *p, const char *invisible, Py_ssize_t prefixed, PyObject *prefix)
{
    PyObject *lines = PyTuple_New(p->n);
    if (lines == NULL)
        return NULL;
    PyObject *nav = nc_label_object(NC_NAV), *ui = nc_label_object(NC_UI);
    for (Py_ssize_t i = 0; i < p->n; i++) {
        PyObject *line = line_type->tp_alloc(line_type, 5);
        if (line == NULL) {
            Py_DECREF(lines);
            return NULL;
        }
        PyObject *label = invisible[i] ? ui : LABEL(p, i) == Py_None ? nav : LABEL(p, i);
        PyObject *items[5] = {PyList_GET_ITEM(p->numbers, i), p->text[i], label, PyList_GET_ITEM(p->names, i),
                              i == prefixed ? prefix : empty};
        for (int k = 0; k < 5; k++)
            PyTuple_SET_ITEM(line, k, Py_NewRef(items[k]));
        PyTuple_SET_ITEM(lines, i, line);
    }
    return lines;
}

static PyObject *label_lines(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    (void)self;
    if (kwnames != NULL || nargs != 3)
        return PyObject_Vectorcall(python_label_lines, args, (size_t)nargs, kwnames);
    PyObject *raw = args[0], *text = args[1], *rules = args[2];
    if (!(PyList_CheckExact(text) || PyTuple_CheckExact(text)) || !(PyList_CheckExact(raw) || PyTuple_CheckExact(raw))
        || PySequence_Fast_GET_SIZE(raw) != PySequence_Fast_GET_SIZE(text))
        return PyObject_Vectorcall(python_label_lines, args, (size_t)nargs, kwnames);
    Py_ssize_t n = PySequence_Fast_GET_SIZE(text);
    PyObject **raw_items = PySequence_Fast_ITEMS(raw), **text_items = PySequence_Fast_ITEMS(text);
    for (Py_ssize_t i = 0; i < n; i++)
        if (!PyUnicode_CheckExact(raw_items[i]) || !PyUnicode_CheckExact(text_items[i]))
            return PyObject_Vectorcall(python_label_lines, args, (size_t)nargs, kwnames);

    page_t p = {0};
    p.n = n, p.text = text_items;
    PyObject *matched = NULL, *hits = NULL, *looked = NULL, *found = NULL, *anchored = NULL, *body = NULL,
             *header = NULL, *title = NULL, *subtitle = NULL, *result = NULL, *lines = NULL, *called;
    Py_ssize_t *looked_up = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(Py_ssize_t));
    Py_ssize_t *hit_line = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(Py_ssize_t));
    Py_ssize_t *hit_rule = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(Py_ssize_t));
    p.rules = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(nc_rule));
    char *invisible = PyMem_Calloc((size_t)(n ? n : 1), 1);
    if (looked_up == NULL || hit_line == NULL || hit_rule == NULL || invisible == NULL || p.rules == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    p.labels = PyList_New(n), p.names = PyList_New(n), p.numbers = PyList_New(n), matched = PyList_New(n);
    hits = PyList_New(0);
    if (p.labels == NULL || p.names == NULL || p.numbers == NULL || matched == NULL || hits == NULL)
        goto done;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *number = PyLong_FromSsize_t(i);
        if (number == NULL)
            goto done;
        PyList_SET_ITEM(p.numbers, i, number);
        PyList_SET_ITEM(p.labels, i, Py_NewRef(Py_None));
        PyList_SET_ITEM(p.names, i, Py_NewRef(empty));
        PyList_SET_ITEM(matched, i, Py_NewRef(Py_None));
    }

    /* blank lines, invisible ones, and the lines the rules are asked about */
    Py_ssize_t nlooked = 0;
    PyObject *blank = nc_label_object(NC_BLANK);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *t = text_items[i];
        /* only a line normalised to nothing, or left unstripped (spaces not normalised), can be blank */
        if (PyUnicode_GET_LENGTH(t) == 0 || Py_UNICODE_ISSPACE(PyUnicode_READ_CHAR(t, 0))) {
            if (blank_raw(raw_items[i])) {
                put(p.labels, i, blank), put(p.names, i, blank_rule);
                continue;
            }
            if (PyUnicode_GET_LENGTH(t) == 0) {
                put(p.labels, i, blank), put(p.names, i, invisible_rule);
                invisible[i] = 1;
                continue;
            }
        }
        looked_up[nlooked++] = i;
    }
    if ((looked = PyList_New(nlooked)) == NULL)
        goto done;
    for (Py_ssize_t k = 0; k < nlooked; k++)
        PyList_SET_ITEM(looked, k, Py_NewRef(text_items[looked_up[k]]));

    /* the rules' lookup, and the hits */
    found = PyObject_CallMethodOneArg(rules, match_lines_name, looked);
    if (found == NULL)
        goto done;
    Py_SETREF(found, PySequence_Fast(found, "match_lines must return a sequence"));
    if (found == NULL)
        goto done;
    if (PySequence_Fast_GET_SIZE(found) != nlooked) {
        PyErr_Format(PyExc_ValueError, "zip() argument 2 is %s than argument 1",
                     PySequence_Fast_GET_SIZE(found) < nlooked ? "shorter" : "longer");
        goto done;
    }
    Py_ssize_t nhits = 0;
    for (Py_ssize_t k = 0; k < nlooked; k++) {
        PyObject *m = PySequence_Fast_GET_ITEM(found, k);
        if (m == Py_None)
            continue;
        Py_ssize_t i = looked_up[k];
        PyObject *rule = PyObject_GetAttr(m, rule_name);
        if (rule == NULL)
            goto done;
        put(matched, i, rule); /* the page's matched list holds the Rule from here on */
        Py_DECREF(rule);
        Py_ssize_t r = rule_of(&p, rule);
        if (r < 0)
            goto done;
        put(p.labels, i, nc_label_object(p.rules[r].label));
        put(p.names, i, p.rules[r].name);
        PyObject *hit = PyTuple_Pack(2, PyList_GET_ITEM(p.numbers, i), rule);
        if (hit == NULL || PyList_Append(hits, hit) < 0) {
            Py_XDECREF(hit);
            goto done;
        }
        Py_DECREF(hit);
        hit_line[nhits] = i, hit_rule[nhits] = r, nhits++;
    }
    if (claim_neighbours(&p, hit_line, hit_rule, nhits) < 0)
        goto done;

    /* the passes */
    called = PyObject_CallFunctionObjArgs(byline_names, text, p.labels, p.names, hits, NULL);
    if (called == NULL)
        goto done;
    Py_DECREF(called);
    if ((anchored = PyObject_CallFunctionObjArgs(headline_candidates, text, p.labels, hits, NULL)) == NULL)
        goto done;
    body = unpacked(PyObject_CallFunctionObjArgs(find_body, text, p.labels, matched, anchored, rules, NULL), 7);
    if (body == NULL)
        goto done;
    PyObject *start = PyTuple_GET_ITEM(body, 0), *end = PyTuple_GET_ITEM(body, 1),
             *dateline = PyTuple_GET_ITEM(body, 2), *widget = PyTuple_GET_ITEM(body, 3),
             *named = PyTuple_GET_ITEM(body, 4), *late = PyTuple_GET_ITEM(body, 5),
             *credits = PyTuple_GET_ITEM(body, 6);
    if (label_each(&p, widget, NC_RELATED, widget_item_rule) < 0
        || label_each(&p, credits, NC_CAPTION, inline_credit_rule) < 0)
        goto done;
    PyObject *prefix = empty, *prefix_owned = NULL;
    if (dateline != Py_None && (prefix = prefix_owned = PySequence_GetItem(dateline, 1)) == NULL)
        goto done;
    Py_ssize_t start_at = 0, end_at = 0;
    if (start != Py_None && ((start_at = as_index(start)) == -1 && PyErr_Occurred()))
        goto drop_prefix;
    if (end != Py_None && ((end_at = as_index(end)) == -1 && PyErr_Occurred()))
        goto drop_prefix;
    if (start != Py_None && end != Py_None) {
        if (label_body(&p, start_at, end_at, named) < 0)
            goto drop_prefix;
        if (dateline != Py_None) {
            PyObject *rule = PySequence_GetItem(dateline, 0);
            int failed = rule == NULL || PyObject_SetItem(p.names, start, rule) < 0;
            Py_XDECREF(rule);
            if (failed)
                goto drop_prefix;
        }
    }
    PyObject *before = start == Py_None ? PyLong_FromSsize_t(n) : Py_NewRef(start); /* the header's end */
    if (before == NULL)
        goto drop_prefix;
    header = unpacked(PyObject_CallFunctionObjArgs(label_header, text, p.labels, p.names, anchored, before, NULL), 2);
    Py_DECREF(before);
    if (header == NULL)
        goto drop_prefix;
    title = Py_NewRef(PyTuple_GET_ITEM(header, 0)), subtitle = Py_NewRef(PyTuple_GET_ITEM(header, 1));
    if (title == Py_None && late != Py_None) {
        Py_CLEAR(title);
        Py_CLEAR(subtitle);
        if (late_header(&p, late, &title, &subtitle) < 0)
            goto drop_prefix;
    }
    if (title != Py_None && start != Py_None && end != Py_None) {
        Py_ssize_t title_at = as_index(title);
        if ((title_at == -1 && PyErr_Occurred()) || headline_echoes(&p, title_at, start_at, end_at) < 0)
            goto drop_prefix;
    }
    if (end != Py_None) {
        called = PyObject_CallFunctionObjArgs(label_footer, text, p.labels, p.names, end, NULL);
        if (called == NULL)
            goto drop_prefix;
        Py_DECREF(called);
    }

    /* the final labels and the records */
    Py_ssize_t prefixed = -1;
    if (start != Py_None && (prefixed = list_index(start_at, n)) < 0)
        goto drop_prefix;
    if ((lines = line_records(&p, invisible, prefixed, prefix)) == NULL)
        goto drop_prefix;
    {
        PyObject *city = Py_None, *city_owned = NULL;
        if (dateline != Py_None && (city = city_owned = PySequence_GetItem(dateline, 2)) == NULL)
            goto drop_prefix;
        PyObject *fields[6] = {lines, start, end, title, subtitle, city};
        result = PyObject_Vectorcall(new_layout, fields, 6, NULL);
        Py_XDECREF(city_owned);
    }
drop_prefix:
    Py_XDECREF(prefix_owned);
done:
    Py_XDECREF(lines);
    Py_XDECREF(title);
    Py_XDECREF(subtitle);
    Py_XDECREF(header);
    Py_XDECREF(body);
    Py_XDECREF(anchored);
    Py_XDECREF(found);
    Py_XDECREF(looked);
    Py_XDECREF(hits);
    Py_XDECREF(matched);
    Py_XDECREF(p.numbers);
    Py_XDECREF(p.names);
    Py_XDECREF(p.labels);
    PyMem_Free(p.rules);
    PyMem_Free(looked_up);
    PyMem_Free(hit_line);
    PyMem_Free(hit_rule);
    PyMem_Free(invisible);
    return result;
}

/* label.paragraphs: the text of each body line without its dateline prefix, in order (Line.content).  Anything but
   one list or tuple of model.Line records holding str, given by position, is handed to the Python function. */
static PyObject *paragraphs(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    (void)self;
    if (kwnames != NULL || nargs != 1 || (!PyTuple_CheckExact(args[0]) && !PyList_CheckExact(args[0])))
        return PyObject_Vectorcall(python_paragraphs, args, (size_t)nargs, kwnames);
    PyObject *lines = args[0];
    PyObject *body = nc_label_object(NC_BODY);
    Py_ssize_t n = PySequence_Fast_GET_SIZE(lines), count = 0;
    PyObject **items = PySequence_Fast_ITEMS(lines);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *line = items[i];
        if (Py_TYPE(line) != line_type || PyTuple_GET_SIZE(line) != 5)
            return PyObject_CallOneArg(python_paragraphs, lines);
        if (PyTuple_GET_ITEM(line, 2) != body)
            continue;
        if (!PyUnicode_CheckExact(PyTuple_GET_ITEM(line, 1)) || !PyUnicode_CheckExact(PyTuple_GET_ITEM(line, 4)))
            return PyObject_CallOneArg(python_paragraphs, lines);
        count++;
    }
    PyObject *found = PyTuple_New(count); /* (no Python code runs below: the list cannot change meanwhile) */
    if (found == NULL)
        return NULL;
    for (Py_ssize_t i = 0, k = 0; k < count; i++) {
        PyObject *line = items[i];
        if (PyTuple_GET_ITEM(line, 2) != body)
            continue;
        PyObject *text = PyTuple_GET_ITEM(line, 1);
        Py_ssize_t length = PyUnicode_GET_LENGTH(text), cut = PyUnicode_GET_LENGTH(PyTuple_GET_ITEM(line, 4));
        /* text[len(prefix):] */
        PyObject *content = PyUnicode_Substring(text, cut < length ? cut : length, length);
        if (content == NULL) {
            Py_DECREF(found);
            return NULL;
        }
        PyTuple_SET_ITEM(found, k++, content);
    }
    return found;
}

int nc_label_setup(PyObject *module)
{
    PyObject *chars = NULL, *line = NULL, *fields = NULL;
    if (nc_get_object(module, "label_lines", &python_label_lines) < 0
        || nc_get_object(module, "paragraphs", &python_paragraphs) < 0
        || nc_get_object(module, "find_body", &find_body) < 0
        || nc_get_object(module, "byline_names", &byline_names) < 0
        || nc_get_object(module, "headline_candidates", &headline_candidates) < 0
        || nc_get_object(module, "label_header", &label_header) < 0
        || nc_get_object(module, "label_footer", &label_footer) < 0
        || nc_get_object(module, "is_echo", &is_echo) < 0 || nc_get_object(module, "new_layout", &new_layout) < 0
        || nc_get_object(module, "BLANK_RULE", &blank_rule) < 0
        || nc_get_object(module, "INVISIBLE_RULE", &invisible_rule) < 0
        || nc_get_object(module, "WIDGET_ITEM_RULE", &widget_item_rule) < 0
        || nc_get_object(module, "INLINE_CREDIT_RULE", &inline_credit_rule) < 0
        || nc_get_object(module, "BODY_RULE", &body_rule) < 0
        || nc_get_object(module, "BODY_SHORT_RULE", &body_short_rule) < 0
        || nc_get_object(module, "HEADLINE_ECHO_RULE", &headline_echo_rule) < 0
        || nc_get_object(module, "TITLE_AFTER_BODY_RULE", &title_after_body_rule) < 0
        || nc_get_object(module, "SUBTITLE_AFTER_BODY_RULE", &subtitle_after_body_rule) < 0
        || nc_get_object(module, "PREVIOUS_SUFFIX", &previous_suffix) < 0
        || nc_get_object(module, "NEXT_SUFFIX", &next_suffix) < 0
        || nc_get_object(module, "ITEM_SUFFIX", &item_suffix) < 0
        || nc_get_long(module, "MAX_HEADLINE", &max_headline) < 0
        || nc_get_object(module, "BLANK_CHARACTERS", &chars) < 0 || nc_get_object(module, "Line", &line) < 0)
        goto failed;
    if (!PyUnicode_Check(chars) || !PyUnicode_IS_ASCII(chars) || !PyType_Check(line)
        || !PyType_IsSubtype((PyTypeObject *)line, &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "newsclean.label's constants are not of the types the native core reads");
        goto failed;
    }
    memset(blank_chars, 0, sizeof(blank_chars));
    for (Py_ssize_t k = 0; k < PyUnicode_GET_LENGTH(chars); k++)
        blank_chars[PyUnicode_READ_CHAR(chars, k)] = 1;
    /* Line(no, text, label, rule, prefix): five fields, filled in that order */
    if ((fields = PyObject_GetAttrString(line, "_fields")) == NULL)
        goto failed;
    if (PyObject_Length(fields) != 5) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_TypeError, "model.Line no longer has the five fields the native core fills");
        goto failed;
    }
    Py_XSETREF(line_type, (PyTypeObject *)line);
    line = NULL;
    if ((match_lines_name == NULL && (match_lines_name = PyUnicode_InternFromString("match_lines")) == NULL)
        || (rule_name == NULL && (rule_name = PyUnicode_InternFromString("rule")) == NULL)
        || (empty == NULL && (empty = PyUnicode_New(0, 0)) == NULL))
        goto failed;
    Py_DECREF(chars);
    Py_DECREF(fields);
    return 0;
failed:
    Py_XDECREF(chars);
    Py_XDECREF(line);
    Py_XDECREF(fields);
    return -1;
}

PyMethodDef nc_label_methods[] = {
    {"label_lines", (PyCFunction)(void (*)(void))label_lines, METH_FASTCALL | METH_KEYWORDS,
     "label.label_lines(raw, text, rules)"},
    {"paragraphs", (PyCFunction)(void (*)(void))paragraphs, METH_FASTCALL | METH_KEYWORDS, "label.paragraphs(lines)"},
    {NULL, NULL, 0, NULL},
};
