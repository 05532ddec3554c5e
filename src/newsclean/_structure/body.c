/* The native body pass: the same as newsclean/body.py (the reference), over a page held in C arrays.
 *
 * Each helper below is body.py's function of the same name (without its underscore).  A line's score is a
 * long long, with BARRIER for body._BARRIER (a wall).  Helpers returning a line return -1 for None and ERROR
 * with an exception set; those returning a truth return 1/0, or -1 with an exception set.
 */
#include "structure.h"

#include <limits.h>

#define BARRIER LLONG_MIN
#define ERROR (-2)

/* body.py's constants and patterns, read at setup (new references kept for the module's lifetime) */
static PyObject *reads_again; /* body._reads_again */
static PyObject *body_class, *credit_pattern, *credited_pattern, *announces_pattern, *image_pattern, *link_pattern,
    *credit_marks, *sentence_end, *closing_quotes, *opening_quotes, *named_item,
    *named_cut, *named_closing, *str_dateline, *str_match, *str_name;
static long opens_body, list_item_score, max_item, max_credit, max_caption, label_words, widget_reach,
    max_captions_before_lead, bylines_over_date, short_length, short_share, min_items_before, late_between,
    late_headline_lines, late_headline_words, closing_words, case_least;
static int case_figures;
static double headline_case;
static long rule_score[NC_NLABELS];
static char inline_label[NC_NLABELS];

/* A growing array of line numbers. */
typedef struct {
    Py_ssize_t *v;
    Py_ssize_t n, cap;
} lines_t;

static int push(lines_t *a, Py_ssize_t i)
{
    if (a->n == a->cap) {
        Py_ssize_t cap = a->cap ? a->cap * 2 : 16;
        Py_ssize_t *grown = PyMem_Realloc(a->v, (size_t)cap * sizeof(Py_ssize_t));
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        a->v = grown, a->cap = cap;
    }
    a->v[a->n++] = i;
    return 0;
}

static PyObject *as_list(const lines_t *a)
{
    PyObject *list = PyList_New(a->n);
    if (list == NULL)
        return NULL;
    for (Py_ssize_t k = 0; k < a->n; k++) {
        PyObject *number = PyLong_FromSsize_t(a->v[k]);
        if (number == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, k, number);
    }
    return list;
}

/* One call of find_body: the page, each line's score and lead dateline, and a set of lines left out of a run. */
typedef struct {
    nc_page page;
    PyObject *rules;       /* the CompiledRuleSet, borrowed */
    long long *score;
    PyObject **dateline;   /* the lead's (rule name, prefix, city) of line i (new reference), or NULL */
    unsigned *out;         /* line i is left out of a run while out[i] == stamp */
    unsigned stamp;
} body_t;

static long long value(long long s) { return s == BARRIER ? 0 : s; } /* ``scores[i] or 0`` */

static PyObject *line_of(const body_t *b, Py_ssize_t i) { return b->page.text[i]; }

static int unruled(const body_t *b, Py_ssize_t i) { return b->page.label[i] == NC_NONE; }

static Py_ssize_t neighbour(const body_t *b, Py_ssize_t i, int step) { return nc_neighbour(&b->page, i, step); }

static int in_chars(PyObject *chars, Py_UCS4 c)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(chars);
    for (Py_ssize_t k = 0; k < n; k++)
        if (PyUnicode_READ_CHAR(chars, k) == c)
            return 1;
    return 0;
}

static Py_ssize_t count_spaces(PyObject *s, Py_ssize_t from, Py_ssize_t to)
{
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    Py_ssize_t count = 0;
    for (Py_ssize_t k = from; k < to; k++)
        count += PyUnicode_READ(kind, data, k) == ' ';
    return count;
}

/* The length of s without its trailing white space (str.rstrip()). */
static Py_ssize_t rstripped(PyObject *s)
{
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    while (n > 0 && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, n - 1)))
        n--;
    return n;
}

/* Python's a // b for b > 0 (setup checks b). */
static long long floor_divide(long long a, long long b)
{
    long long q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}

/* A new set of lines left out of a run (the previous one forgotten). */
static void leave_out_none(body_t *b)
{
    if (++b->stamp == 0) {
        memset(b->out, 0, (size_t)(b->page.n ? b->page.n : 1) * sizeof(unsigned));
        b->stamp = 1;
    }
}

static void leave_out(body_t *b, const lines_t *lines)
{
    for (Py_ssize_t k = 0; k < lines->n; k++)
        b->out[lines->v[k]] = b->stamp;
}

/* _one_run, with the lines left out marked by leave_out */
static int one_run(const body_t *b, Py_ssize_t start, Py_ssize_t end)
{
    long long total = 0, best = 0;
    int peak = 1; /* the last line counted is the first the sum peaks at (a run ends there) */
    for (Py_ssize_t i = start; i <= end; i++) {
        if (!unruled(b, i) || b->out[i] == b->stamp)
            continue;
        total += value(b->score[i]);
        if (total <= 0)
            return 0;
        peak = total > best;
        if (peak)
            best = total;
    }
    return peak;
}

/* _holds_to: over the unruled lines (a body cleaned again has lost the ruled ones) */
static int holds_to(const body_t *b, Py_ssize_t lead, Py_ssize_t end)
{
    long long total = 0;
    for (Py_ssize_t i = lead; i <= end && i < b->page.n; i++) {
        if (!unruled(b, i))
            continue;
        total += value(b->score[i]);
        if (total <= 0)
            return 0;
    }
    return 1;
}

/* _best_run: 1 with the run in *start, *end; 0 when none */
static int best_run(const body_t *b, Py_ssize_t *start, Py_ssize_t *end)
{
    long long best_sum = 0, run_sum = 0;
    Py_ssize_t run_start = -1;
    int found = 0;
    for (Py_ssize_t i = 0; i < b->page.n; i++) {
        long long s = b->score[i];
        if (s == BARRIER) {
            run_sum = 0, run_start = -1;
            continue;
        }
        if (run_start < 0) {
            if (s <= 0)
                continue;
            run_start = i, run_sum = s;
        }
        else {
            run_sum += s;
            if (run_sum <= 0) {
                run_sum = 0, run_start = -1;
                continue;
            }
        }
        if (run_sum > best_sum)
            best_sum = run_sum, *start = run_start, *end = i, found = 1;
    }
    return found;
}

static Py_ssize_t run_end(const body_t *b, Py_ssize_t first, int step)
{
    long long total = 0, best = 0;
    Py_ssize_t best_at = first;
    for (Py_ssize_t i = first; i >= 0 && i < b->page.n && b->score[i] != BARRIER; i += step) {
        total += value(b->score[i]);
        if (total <= 0)
            break;
        if (total > best)
            best = total, best_at = i;
    }
    return best_at;
}

/* _two_paragraphs over the lines from first to last (both in), in direction step */
static int two_paragraphs(const body_t *b, Py_ssize_t first, Py_ssize_t last, int step)
{
    PyObject *previous = NULL;
    for (Py_ssize_t i = first;; i += step) {
        if (unruled(b, i)) {
            int paragraph = nc_is_paragraph(line_of(b, i));
            if (paragraph < 0)
                return -1;
            PyObject *current = paragraph ? line_of(b, i) : NULL;
            if (current != NULL && previous != NULL) {
                int differ = PyObject_RichCompareBool(current, previous, Py_NE);
                if (differ != 0)
                    return differ;
            }
            previous = current;
        }
        if (i == last)
            return 0;
    }
}

/* _closed: the span is first..last going down */
static int closed(const body_t *b, Py_ssize_t far, Py_ssize_t first, Py_ssize_t last)
{
    Py_ssize_t below = neighbour(b, far, 1);
    const nc_rule *rule = below >= 0 ? nc_page_rule(&b->page, below) : NULL;
    if (rule == NULL || rule->label != NC_META)
        return 0;
    for (Py_ssize_t i = first; i <= last; i++)
        if (unruled(b, i)) {
            int paragraph = nc_is_paragraph(line_of(b, i));
            if (paragraph != 0)
                return paragraph;
        }
    return 0;
}

/* _resume: 1 with the far end in *far and the widget's lines in *crossed, 0 for None, -1 on error */
static int resume(const body_t *b, Py_ssize_t edge, int step, lines_t *crossed, Py_ssize_t *far)
{
    Py_ssize_t n = b->page.n, i = edge + step;
    long walls = 0;
    int stopped = 0;
    crossed->n = 0;
    while (i >= 0 && i < n && (i > edge ? i - edge : edge - i) <= widget_reach) {
        long long score = b->score[i];
        const nc_rule *rule = nc_page_rule(&b->page, i);
        if (score == BARRIER) {
            if (rule == NULL || rule->label != NC_NAV)
                return 0; /* a byline, a credit, a sign-off: the article is over */
            walls++;
        }
        else if (walls && (score > 0 || (step < 0 && unruled(b, i)))) {
            stopped = 1;
            break;
        }
        else if (score > 0)
            return 0;
        else if (unruled(b, i) && push(crossed, i) < 0)
            return -1;
        i += step;
    }
    if (!stopped)
        return 0;
    Py_ssize_t first = i;
    while (first >= 0 && first < n && b->score[first] != BARRIER && (!unruled(b, first) || b->score[first] <= 0))
        first += step;
    if (!walls || first < 0 || first >= n || b->score[first] == BARRIER)
        return 0;
    Py_ssize_t end = run_end(b, first, step);
    int going_on = two_paragraphs(b, first, end, step);
    if (going_on < 0)
        return -1;
    if (!going_on) {
        if (step < 0 || crossed->n == 0)
            return 0;
        int last = closed(b, end, first, end);
        if (last <= 0)
            return last;
    }
    *far = end;
    return 1;
}

/* _across_widgets: widens *start, *end; the crossed widget lines go to items */
static int across_widgets(body_t *b, Py_ssize_t *start, Py_ssize_t *end, lines_t *items)
{
    lines_t crossed = {0};
    int steps[2] = {1, -1}, failed = 0;
    for (int k = 0; k < 2 && !failed; k++) {
        int step = steps[k];
        for (;;) {
            Py_ssize_t far = 0;
            int found = resume(b, step < 0 ? *start : *end, step, &crossed, &far);
            if (found < 0) {
                failed = 1;
                break;
            }
            if (!found)
                break;
            Py_ssize_t new_start = step < 0 ? far : *start, new_end = step < 0 ? *end : far;
            leave_out_none(b);
            leave_out(b, &crossed);
            leave_out(b, items);
            if (!one_run(b, new_start, new_end))
                break;
            *start = new_start, *end = new_end;
            for (Py_ssize_t m = 0; m < crossed.n; m++)
                if (push(items, crossed.v[m]) < 0) {
                    failed = 1;
                    break;
                }
            if (failed)
                break;
        }
    }
    PyMem_Free(crossed.v);
    return failed ? -1 : 0;
}

static Py_ssize_t caption_before_lead(const body_t *b, Py_ssize_t start, Py_ssize_t end)
{
    if (b->dateline[start] != NULL || neighbour(b, start, -1) < 0)
        return start;
    long prose_before = 0;
    for (Py_ssize_t i = start; i <= end; i++) {
        if (b->dateline[i] != NULL)
            return holds_to(b, i, end) ? i : start;
        if (b->score[i] != BARRIER && b->score[i] > 0 && ++prose_before > max_captions_before_lead)
            break;
    }
    return start;
}

/* _reads_again's first case for an ASCII rest (most leads): one that white space does not open is what normalising
   gives back (no mojibake marker is ASCII: tests/test_glue_reads_again.py); any other rest is the Python's to tell. */
static int ascii_reads_again(PyObject *rest)
{
    return PyUnicode_IS_ASCII(rest)
        && (PyUnicode_GET_LENGTH(rest) == 0 || !Py_UNICODE_ISSPACE(PyUnicode_READ_CHAR(rest, 0)));
}

/* _lead: a new reference to (rule name, prefix, city) or to None, with the prefix's length; NULL on error */
static PyObject *lead(PyObject *rules, PyObject *line, Py_ssize_t *prefix_length)
{
    PyObject *found = PyObject_CallMethodOneArg(rules, str_dateline, line);
    if (found == NULL || found == Py_None)
        return found;
    PyObject *parts = PySequence_Tuple(found), *result = NULL, *rest = NULL, *name = NULL;
    Py_DECREF(found);
    if (parts == NULL)
        return NULL;
    if (PyTuple_GET_SIZE(parts) != 3) {
        PyErr_Format(PyExc_ValueError, "%s values to unpack (expected 3, got %zd)",
                     PyTuple_GET_SIZE(parts) > 3 ? "too many" : "not enough", PyTuple_GET_SIZE(parts));
        goto done;
    }
    PyObject *rule = PyTuple_GET_ITEM(parts, 0), *prefix = PyTuple_GET_ITEM(parts, 1);
    Py_ssize_t length = PyObject_Length(prefix);
    if (length < 0)
        goto done;
    rest = PyUnicode_Substring(line, length, PY_SSIZE_T_MAX);
    if (rest == NULL)
        goto done;
    /* the paragraph left after the cut must read as one again, or cleaning the body twice would differ: prose, the
       same line once normalised again, no rule's line or dateline */
    int prose = nc_is_prose(rest);
    if (prose < 0)
        goto done;
    if (prose && !ascii_reads_again(rest)) {
        /* the same line once normalised again: rare to fail, so the Python function answers */
        PyObject *again = PyObject_CallFunctionObjArgs(reads_again, line, rest, NULL);
        if (again == NULL)
            goto done;
        prose = PyObject_IsTrue(again);
        Py_DECREF(again);
        if (prose < 0)
            goto done;
    }
    if (prose) {
        PyObject *again = PyObject_CallMethodOneArg(rules, str_match, rest);
        if (again == NULL)
            goto done;
        prose = again == Py_None;
        Py_DECREF(again);
    }
    if (prose) {
        PyObject *again = PyObject_CallMethodOneArg(rules, str_dateline, rest);
        if (again == NULL)
            goto done;
        prose = again == Py_None;
        Py_DECREF(again);
    }
    if (!prose) {
        result = Py_NewRef(Py_None);
        goto done;
    }
    name = PyObject_GetAttr(rule, str_name);
    if (name == NULL)
        goto done;
    result = PyTuple_Pack(3, name, prefix, PyTuple_GET_ITEM(parts, 2));
    *prefix_length = length;
done:
    Py_XDECREF(name);
    Py_XDECREF(rest);
    Py_DECREF(parts);
    return result;
}

static int is_byline(const nc_rule *rule)
{
    return rule != NULL && rule->label == NC_META && rule->has_author && !rule->has_date;
}

static Py_ssize_t header_after(const body_t *b, Py_ssize_t start, Py_ssize_t end)
{
    Py_ssize_t j = neighbour(b, end, 1);
    long between = 0, bylines = 0;
    while (j >= 0 && unruled(b, j) && between < late_between)
        j = neighbour(b, j, 1), between++;
    while (j >= 0 && bylines < bylines_over_date && is_byline(nc_page_rule(&b->page, j)))
        j = neighbour(b, j, 1), bylines++;
    const nc_rule *rule = j >= 0 ? nc_page_rule(&b->page, j) : NULL;
    if (rule == NULL || rule->label != NC_META || !rule->has_date)
        return -1;
    Py_ssize_t i = end;
    for (long k = 0; k < late_headline_lines; k++) {
        if (i < 0 || i <= start || !unruled(b, i))
            return -1;
        PyObject *line = line_of(b, i);
        if (nc_headline_shaped(line)) {
            int prose = nc_is_prose(line);
            if (prose < 0)
                return ERROR;
            if (!prose && count_spaces(line, 0, PyUnicode_GET_LENGTH(line)) + 1 >= late_headline_words)
                return i;
        }
        i = neighbour(b, i, -1);
    }
    return -1;
}

static Py_ssize_t last_in_run(const body_t *b, Py_ssize_t start, Py_ssize_t i)
{
    Py_ssize_t j = neighbour(b, i, -1);
    while (j >= 0 && j > start && (!unruled(b, j) || value(b->score[j]) <= 0))
        j = neighbour(b, j, -1);
    return j < 0 || j < start ? start : j;
}

static Py_ssize_t next_in_run(const body_t *b, Py_ssize_t i, Py_ssize_t end, Py_ssize_t otherwise)
{
    Py_ssize_t j = neighbour(b, i, 1);
    while (j >= 0 && j <= end && (!unruled(b, j) || value(b->score[j]) <= 0))
        j = neighbour(b, j, 1);
    return j >= 0 && j <= end ? j : otherwise;
}

/* _item */
static int item(PyObject *line, int announced)
{
    int listed = nc_list_item(line, 1);
    if (listed != 0)
        return listed;
    Py_ssize_t n = PyUnicode_GET_LENGTH(line), colon = -1;
    int kind = PyUnicode_KIND(line);
    const void *data = PyUnicode_DATA(line);
    for (Py_ssize_t k = 0; k + 1 < n; k++)
        if (PyUnicode_READ(kind, data, k) == ':' && PyUnicode_READ(kind, data, k + 1) == ' ') {
            colon = k;
            break;
        }
    /* "Pagi: Cerah Berawan" is a row of a table; "Pria Wonogiri Ditinggal Nikah: Tak Kusangka" a headline */
    return count_spaces(line, 0, colon < 0 ? n : colon) < label_words && (colon < 0 || announced)
        && n <= nc_max_headline();
}

/* _weight: the score of the unruled lines from first to last but those marked by leave_out */
static long long weight(const body_t *b, Py_ssize_t first, Py_ssize_t last)
{
    long long total = 0;
    for (Py_ssize_t i = first; i <= last; i++)
        if (unruled(b, i) && b->out[i] != b->stamp)
            total += value(b->score[i]);
    return total;
}

/* _outweighs: 1, 0, or -1 with an exception set */
static int outweighs(PyObject *line, long long weight)
{
    return (long long)PyUnicode_GET_LENGTH(line) > weight ? nc_is_prose(line) : 0;
}

/* _found_again, with the lines left out marked by leave_out: 1, 0, or -1 with an exception set */
static int found_again(const body_t *b, Py_ssize_t lead, Py_ssize_t end, Py_ssize_t below, Py_ssize_t far)
{
    if (one_run(b, lead, far))
        return 1;
    long long above = weight(b, lead, end);
    if (above < weight(b, below, far))
        return 0;
    int heavier = outweighs(line_of(b, below), above);
    return heavier < 0 ? -1 : !heavier;
}

/* _list_after: 0 with (last item, last body line) in *items_end, *listed; -1 on error.  The lines left out of
   the body from lead are those marked by leave_out. */
static int list_after(const body_t *b, Py_ssize_t lead, Py_ssize_t end, Py_ssize_t *items_end, Py_ssize_t *listed)
{
    PyObject *closing = line_of(b, end);
    Py_ssize_t kept = rstripped(closing);
    int announced = kept > 0 && PyUnicode_READ_CHAR(closing, kept - 1) == ':';
    if (!announced && (announced = nc_search(announces_pattern, closing)) < 0)
        return -1;
    Py_ssize_t last = end;
    long number = -1, count = 0;
    int headline_like = 0;
    long long above = weight(b, lead, end);
    Py_ssize_t j = neighbour(b, end, 1);
    while (j >= 0 && unruled(b, j) && count < widget_reach) {
        PyObject *line = line_of(b, j);
        int is_item = item(line, announced);
        if (is_item < 0)
            return -1;
        if (!is_item)
            break;
        int heavier = outweighs(line, above);
        if (heavier < 0)
            return -1;
        if (heavier)
            break; /* cleaned again, this item alone would be the body */
        long found = nc_number_of(line);
        if (found == -2)
            return -1;
        if (number != -1 && found != number + 1)
            break; /* a numbered list ends where its numbers stop following on */
        number = found, last = j, count++;
        headline_like = headline_like || count_spaces(line, 0, PyUnicode_GET_LENGTH(line)) >= label_words;
        j = neighbour(b, j, 1);
    }
    if (last != end && j >= 0 && unruled(b, j)) {
        Py_ssize_t far = run_end(b, j, 1);
        PyObject *line = line_of(b, j);
        int going_on = 0;
        if (announced && (going_on = nc_is_prose(line)) < 0)
            return -1;
        if (!going_on) {
            if ((going_on = nc_is_paragraph(line)) < 0)
                return -1;
            if (going_on && headline_like && (going_on = two_paragraphs(b, j, far, 1)) < 0)
                return -1;
        }
        /* the body through the list to the text below must be found whole when cleaned again */
        int again = going_on ? found_again(b, lead, end, j, far) : 0;
        if (again < 0)
            return -1;
        if (again) {
            *items_end = last, *listed = far;
            return 0;
        }
    }
    *items_end = *listed = announced ? last : end;
    return 0;
}

/* _past_inline */
static Py_ssize_t past_inline(const body_t *b, Py_ssize_t i, int step)
{
    Py_ssize_t j = neighbour(b, i, step);
    while (j >= 0 && !unruled(b, j)) {
        const nc_rule *rule = nc_page_rule(&b->page, j);
        if (rule == NULL || rule->stops || rule->label < 0 || !inline_label[rule->label])
            return -1;
        j = neighbour(b, j, step);
    }
    return j;
}

/* _cut_last_line */
static Py_ssize_t cut_last_line(const body_t *b, Py_ssize_t end)
{
    Py_ssize_t j = past_inline(b, end, 1);
    if (j < 0 || neighbour(b, j, 1) >= 0)
        return end;
    PyObject *text = line_of(b, j);
    Py_ssize_t n = rstripped(text);
    if (n == 0)
        return end;
    Py_UCS4 last = PyUnicode_READ_CHAR(text, n - 1);
    int sentence = nc_in_terminal(last);
    if (sentence != 0)
        return sentence < 0 ? ERROR : end;
    if (last == ':')
        return end;
    PyObject *line = PyUnicode_Substring(text, 0, n);
    if (line == NULL)
        return ERROR;
    Py_ssize_t result = end;
    /* a name is a sign-off, a link a credit, a line of capitalised words another story's headline or lead */
    int found = nc_fullmatch(nc_NAME, line);
    if (found == 0)
        found = nc_search(link_pattern, line);
    if (found == 0) {
        long number = nc_number_of(line);
        if (number == -2)
            found = -1;
        else if (!(number == -1 && nc_capitalised_share(line, case_figures, case_least) >= headline_case))
            result = j;
    }
    Py_DECREF(line);
    return found < 0 ? ERROR : result;
}

/* _list_before */
static Py_ssize_t list_before(const body_t *b, Py_ssize_t start)
{
    Py_ssize_t first = start;
    long number = -1;
    Py_ssize_t j = past_inline(b, start, -1);
    while (j >= 0 && unruled(b, j)) {
        long found = nc_number_of(line_of(b, j));
        if (found == -2)
            return ERROR;
        if (found == -1 || (number != -1 && found != number - 1))
            break;
        number = found, first = j;
        j = neighbour(b, j, -1);
    }
    if (number == -1 || first == start)
        return start;
    /* two items at least: one numbered line over the body may be a headline */
    long items = 0;
    for (Py_ssize_t i = first; i < start; i++)
        if (unruled(b, i)) {
            long found = nc_number_of(line_of(b, i));
            if (found == -2)
                return ERROR;
            items += found != -1;
        }
    return items >= min_items_before ? first : start;
}

/* _deck_over_caption */
static Py_ssize_t deck_over_caption(const body_t *b, Py_ssize_t start, Py_ssize_t end)
{
    Py_ssize_t above = neighbour(b, start, -1), below = neighbour(b, start, 1);
    if (above < 0 || below < 0 || !unruled(b, above) || !nc_headline_shaped(line_of(b, above))
        || PyUnicode_GET_LENGTH(line_of(b, above)) > nc_max_headline())
        return start;
    int paragraph = nc_is_paragraph(line_of(b, above));
    if (paragraph != 0)
        return paragraph < 0 ? ERROR : start;
    if (PyUnicode_GET_LENGTH(line_of(b, start)) > nc_max_headline())
        return start;
    const nc_rule *rule = nc_page_rule(&b->page, below);
    if (rule == NULL || rule->label != NC_CAPTION)
        return start;
    return next_in_run(b, below, end, start);
}

/* _caption_under_credit */
static Py_ssize_t caption_under_credit(const body_t *b, Py_ssize_t start, Py_ssize_t end)
{
    Py_ssize_t above = neighbour(b, start, -1);
    if (above < 0)
        return start;
    const nc_rule *rule = nc_page_rule(&b->page, above);
    PyObject *credit = line_of(b, above);
    if (rule == NULL || rule->label != NC_CAPTION || PyUnicode_GET_LENGTH(line_of(b, start)) > max_caption)
        return start;
    int image = nc_match(image_pattern, credit);
    if (image < 0)
        return ERROR;
    if (!image) {
        if (PyUnicode_GET_LENGTH(credit) > max_credit)
            return start;
        int marked = 0;
        for (Py_ssize_t k = 0; k < PyUnicode_GET_LENGTH(credit_marks) && !marked; k++)
            marked = PyUnicode_FindChar(credit, PyUnicode_READ_CHAR(credit_marks, k), 0,
                                        PyUnicode_GET_LENGTH(credit), 1) >= 0;
        if (!marked)
            return start;
    }
    return next_in_run(b, start, end, start);
}

/* _closing_sentence */
static Py_ssize_t closing_sentence(const body_t *b, Py_ssize_t end)
{
    Py_ssize_t j = neighbour(b, end, 1);
    if (j < 0 || !unruled(b, j))
        return end;
    Py_ssize_t below = neighbour(b, j, 1);
    if (below >= 0 && unruled(b, below))
        return end;
    PyObject *text = line_of(b, j);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t lo = 0, hi = PyUnicode_GET_LENGTH(text);
    while (lo < hi && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, lo)))
        lo++;
    while (hi > lo && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, hi - 1)))
        hi--;
    Py_ssize_t core = hi;
    while (core > lo && in_chars(closing_quotes, PyUnicode_READ(kind, data, core - 1)))
        core--;
    if (core == lo || !in_chars(sentence_end, PyUnicode_READ(kind, data, core - 1))
        || count_spaces(text, lo, hi) + 1 > closing_words)
        return end;
    Py_UCS4 first = PyUnicode_READ(kind, data, lo);
    if (!(Py_UNICODE_ISUPPER(first) || in_chars(opening_quotes, first)))
        return end;
    return j;
}

/* _credit; every line either pattern matches whole ends in ")" (tests/test_structure_body.py holds this) */
static int credit(PyObject *line)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(line);
    if (n == 0 || PyUnicode_READ_CHAR(line, n - 1) != ')')
        return 0;
    int found = nc_fullmatch(credit_pattern, line);
    return found != 0 ? found : nc_fullmatch(credited_pattern, line);
}

/* body.is_credit, for the label pass's headline echoes: 1, 0, or -1 with an exception set */
int nc_is_credit(PyObject *line)
{
    return credit(line);
}

/* ``i in anchored``: from a dict of int keys a mark per line; for any other mapping None (ask it). */
static char *anchored_lines(PyObject *anchored, Py_ssize_t n)
{
    if (!PyDict_CheckExact(anchored))
        return NULL;
    char *marks = PyMem_Calloc((size_t)(n ? n : 1), 1);
    if (marks == NULL)
        return NULL;
    Py_ssize_t pos = 0;
    PyObject *key, *found;
    while (PyDict_Next(anchored, &pos, &key, &found)) {
        if (!PyLong_CheckExact(key)) {
            PyMem_Free(marks);
            return NULL;
        }
        int overflow;
        long long k = PyLong_AsLongLongAndOverflow(key, &overflow);
        if (!overflow && k >= 0 && k < n)
            marks[k] = 1;
    }
    return marks;
}

static int is_anchored(PyObject *anchored, const char *marks, Py_ssize_t i)
{
    if (marks != NULL)
        return marks[i];
    PyObject *number = PyLong_FromSsize_t(i);
    if (number == NULL)
        return -1;
    int found = PySequence_Contains(anchored, number);
    Py_DECREF(number);
    return found;
}

/* The first loop of find_body: each line's score and lead dateline, and the lines scored as items. */
static int score_lines(body_t *b, PyObject *anchored, lines_t *items_scored)
{
    char *marks = anchored_lines(anchored, b->page.n);
    if (marks == NULL && PyErr_Occurred())
        return -1;
    for (Py_ssize_t i = 0; i < b->page.n; i++) {
        const nc_rule *rule = nc_page_rule(&b->page, i);
        PyObject *t = line_of(b, i);
        long long length = PyUnicode_GET_LENGTH(t), score;
        if (unruled(b, i)) {
            int anchor = is_anchored(anchored, marks, i), shape = 0;
            if (anchor < 0)
                goto error;
            if (anchor)
                score = -length;
            else if ((shape = nc_is_prose(t)) != 0) {
                if (shape < 0)
                    goto error;
                Py_ssize_t prefix = 0;
                PyObject *found = lead(b->rules, t, &prefix);
                if (found == NULL)
                    goto error;
                if (found == Py_None)
                    Py_DECREF(found);
                else
                    b->dateline[i] = found;
                /* a lead counts without its dateline prefix, as it will be printed in the body */
                score = length - (b->dateline[i] != NULL ? prefix : 0);
            }
            else if ((shape = nc_list_item(t, 0)) != 0 && length <= max_item) {
                if (shape < 0 || push(items_scored, i) < 0)
                    goto error;
                score = list_item_score;
            }
            else if (shape < 0)
                goto error;
            else
                score = floor_divide(-(length < short_length ? length : short_length), short_share);
        }
        else if (rule == NULL)
            score = 0;
        else if (rule->stops)
            score = BARRIER;
        else if (rule->opens_body)
            score = opens_body;
        else
            score = rule->label < 0 ? 0 : rule_score[rule->label];
        b->score[i] = score;
    }
    PyMem_Free(marks);
    return 0;
error:
    PyMem_Free(marks);
    return -1;
}

/* named[i] = name for every unruled line from first to last (both in) */
static int name_lines(const body_t *b, PyObject *named, Py_ssize_t first, Py_ssize_t last, PyObject *name)
{
    for (Py_ssize_t i = first; i <= last; i++)
        if (unruled(b, i)) {
            PyObject *number = PyLong_FromSsize_t(i);
            if (number == NULL || PyDict_SetItem(named, number, name) < 0) {
                Py_XDECREF(number);
                return -1;
            }
            Py_DECREF(number);
        }
    return 0;
}

static int name_line(PyObject *named, Py_ssize_t i, PyObject *name)
{
    PyObject *number = PyLong_FromSsize_t(i);
    if (number == NULL)
        return -1;
    int failed = PyDict_SetItem(named, number, name);
    Py_DECREF(number);
    return failed;
}

static PyObject *line_or_none(Py_ssize_t i)
{
    return i < 0 ? Py_NewRef(Py_None) : PyLong_FromSsize_t(i);
}

/* find_body past the scores: where the body lies, or None when no run was found. */
static PyObject *place_body(body_t *b, const lines_t *items_scored)
{
    Py_ssize_t start, end;
    PyObject *named = NULL, *widget = NULL, *credited = NULL, *result = NULL;
    lines_t items = {0}, credits = {0};
    if (!best_run(b, &start, &end)) {
        if ((widget = PyList_New(0)) != NULL && (named = PyDict_New()) != NULL
            && (credited = PyList_New(0)) != NULL)
            result = PyObject_CallFunctionObjArgs(body_class, Py_None, Py_None, Py_None, widget, named, Py_None,
                                                  credited, NULL);
        goto done;
    }
    if (across_widgets(b, &start, &end, &items) < 0)
        goto done;
    Py_ssize_t first_line = caption_before_lead(b, start, end);
    if ((named = PyDict_New()) == NULL)
        goto done;
    for (Py_ssize_t k = 0; k < items_scored->n; k++) {
        Py_ssize_t i = items_scored->v[k];
        if (first_line <= i && i <= end && name_line(named, i, named_item) < 0)
            goto done;
    }
    Py_ssize_t headline = header_after(b, first_line, end);
    if (headline == ERROR)
        goto done;
    if (headline >= 0) {
        Py_ssize_t cut = last_in_run(b, first_line, headline);
        /* the body without the late header must still be a run of its own (cleaning it again keeps it whole) */
        leave_out_none(b);
        leave_out(b, &items);
        if (one_run(b, first_line, cut))
            end = cut;
        else
            headline = -1;
    }
    Py_ssize_t items_end, listed;
    leave_out_none(b);
    leave_out(b, &items);
    if (list_after(b, first_line, end, &items_end, &listed) < 0
        || name_lines(b, named, end + 1, items_end, named_item) < 0)
        goto done;
    if ((end = cut_last_line(b, listed)) == ERROR)
        goto done;
    if (end != listed && name_line(named, end, named_cut) < 0)
        goto done;
    Py_ssize_t closing = closing_sentence(b, end);
    if (closing != end) {
        if (name_line(named, closing, named_closing) < 0)
            goto done;
        end = closing;
    }
    if (b->dateline[first_line] == NULL) {
        Py_ssize_t later = deck_over_caption(b, first_line, end);
        if (later == ERROR)
            goto done;
        /* the body below must still be a run of its own (cleaning it again keeps it whole) */
        first_line = holds_to(b, later, end) ? later : first_line;
        if ((later = caption_under_credit(b, first_line, end)) == ERROR)
            goto done;
        first_line = holds_to(b, later, end) ? later : first_line;
        Py_ssize_t first = list_before(b, first_line);
        if (first == ERROR || name_lines(b, named, first, first_line - 1, named_item) < 0)
            goto done;
        first_line = first;
    }
    for (Py_ssize_t i = first_line + 1; i < end; i++)
        if (unruled(b, i)) {
            int found = credit(line_of(b, i));
            if (found < 0 || (found && push(&credits, i) < 0))
                goto done;
        }
    if (credits.n) {
        leave_out_none(b);
        leave_out(b, &items);
        leave_out(b, &credits);
        if (!one_run(b, first_line, end))
            credits.n = 0;
    }
    PyObject *dateline = b->dateline[first_line] != NULL ? b->dateline[first_line] : Py_None;
    PyObject *first_object = PyLong_FromSsize_t(first_line), *end_object = PyLong_FromSsize_t(end);
    PyObject *headline_object = line_or_none(headline);
    widget = as_list(&items);
    credited = as_list(&credits);
    if (first_object != NULL && end_object != NULL && headline_object != NULL && widget != NULL && credited != NULL)
        result = PyObject_CallFunctionObjArgs(body_class, first_object, end_object, dateline, widget, named,
                                              headline_object, credited, NULL);
    Py_XDECREF(first_object);
    Py_XDECREF(end_object);
    Py_XDECREF(headline_object);
done:
    Py_XDECREF(named);
    Py_XDECREF(widget);
    Py_XDECREF(credited);
    PyMem_Free(items.v);
    PyMem_Free(credits.v);
    return result;
}

PyDoc_STRVAR(find_body_doc,
"find_body(text, labels, matched, anchored, rules)\n--\n\n"
"newsclean.body.find_body: where the body lies (a body.Body).");

static PyObject *find_body(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = {"text", "labels", "matched", "anchored", "rules", NULL};
    PyObject *text, *labels, *matched, *anchored, *rules, *result = NULL;
    lines_t items_scored = {0};
    body_t b;
    (void)self;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OO!O!OO:find_body", keywords, &text, &PyList_Type, &labels,
                                     &PyList_Type, &matched, &anchored, &rules))
        return NULL;
    memset(&b, 0, sizeof(b));
    if (nc_page_init(&b.page, text, labels, matched) < 0)
        return NULL;
    size_t lines = (size_t)(b.page.n ? b.page.n : 1);
    b.rules = rules;
    b.score = PyMem_Malloc(lines * sizeof(long long));
    b.dateline = PyMem_Calloc(lines, sizeof(PyObject *));
    b.out = PyMem_Calloc(lines, sizeof(unsigned));
    if (b.score == NULL || b.dateline == NULL || b.out == NULL)
        PyErr_NoMemory();
    else if (score_lines(&b, anchored, &items_scored) == 0)
        result = place_body(&b, &items_scored);
    if (b.dateline != NULL)
        for (Py_ssize_t i = 0; i < b.page.n; i++)
            Py_XDECREF(b.dateline[i]);
    PyMem_Free(b.dateline);
    PyMem_Free(b.score);
    PyMem_Free(b.out);
    PyMem_Free(items_scored.v);
    nc_page_free(&b.page);
    return result;
}

/* body.py's label sets and scores by label, as arrays over NC_* */
static int read_rule_scores(PyObject *module)
{
    PyObject *scores = NULL;
    if (nc_get_object(module, "_RULE_SCORE", &scores) < 0)
        return -1;
    int failed = !PyDict_Check(scores);
    if (failed)
        PyErr_SetString(PyExc_TypeError, "body._RULE_SCORE is not a dict");
    for (int k = 0; k < NC_NLABELS; k++)
        rule_score[k] = 0;
    Py_ssize_t pos = 0;
    PyObject *key, *score;
    while (!failed && PyDict_Next(scores, &pos, &key, &score)) {
        int k = nc_label_index(key);
        long v = k < 0 ? -1 : PyLong_AsLong(score);
        if (k == NC_NONE)
            PyErr_SetString(PyExc_TypeError, "body._RULE_SCORE has a None key");
        failed = k < 0 || (v == -1 && PyErr_Occurred());
        if (!failed)
            rule_score[k] = v;
    }
    Py_DECREF(scores);
    return failed ? -1 : 0;
}

static int read_inline(PyObject *module)
{
    PyObject *labels = NULL;
    if (nc_get_object(module, "_INLINE", &labels) < 0)
        return -1;
    int failed = 0;
    for (int k = 0; k < NC_NLABELS && !failed; k++) {
        int found = PySequence_Contains(labels, nc_label_object(k));
        failed = found < 0;
        inline_label[k] = (char)(found > 0);
    }
    Py_DECREF(labels);
    return failed ? -1 : 0;
}

/* capitalised_share's defaults (``figures``, ``least``), as _cut_last_line calls it */
static int read_case_defaults(PyObject *module)
{
    PyObject *function = NULL;
    if (nc_get_object(module, "capitalised_share", &function) < 0)
        return -1;
    PyObject *defaults = PyObject_GetAttrString(function, "__kwdefaults__");
    Py_DECREF(function);
    if (defaults == NULL)
        return -1;
    PyObject *figures = PyDict_Check(defaults) ? PyDict_GetItemString(defaults, "figures") : NULL;
    PyObject *least = PyDict_Check(defaults) ? PyDict_GetItemString(defaults, "least") : NULL;
    int failed = figures == NULL || least == NULL;
    if (failed)
        PyErr_SetString(PyExc_TypeError, "shape.capitalised_share has no keyword defaults figures and least");
    else {
        case_figures = PyObject_IsTrue(figures);
        case_least = PyLong_AsLong(least);
        failed = case_figures < 0 || (case_least == -1 && PyErr_Occurred());
    }
    Py_DECREF(defaults);
    return failed ? -1 : 0;
}

int nc_body_setup(PyObject *module)
{
    PyObject *barrier = NULL;
    if (nc_get_long(module, "_OPENS_BODY", &opens_body) < 0 || nc_get_long(module, "_LIST_ITEM", &list_item_score) < 0
        || nc_get_long(module, "_MAX_ITEM", &max_item) < 0 || nc_get_long(module, "_MAX_CREDIT", &max_credit) < 0
        || nc_get_long(module, "_MAX_CAPTION", &max_caption) < 0
        || nc_get_long(module, "_LABEL_WORDS", &label_words) < 0
        || nc_get_long(module, "_WIDGET_REACH", &widget_reach) < 0
        || nc_get_long(module, "_MAX_CAPTIONS_BEFORE_LEAD", &max_captions_before_lead) < 0
        || nc_get_long(module, "_BYLINES_OVER_DATE", &bylines_over_date) < 0
        || nc_get_long(module, "_SHORT_LENGTH", &short_length) < 0
        || nc_get_long(module, "_SHORT_SHARE", &short_share) < 0
        || nc_get_long(module, "_MIN_ITEMS_BEFORE", &min_items_before) < 0
        || nc_get_long(module, "_LATE_BETWEEN", &late_between) < 0
        || nc_get_long(module, "_LATE_HEADLINE_LINES", &late_headline_lines) < 0
        || nc_get_long(module, "_LATE_HEADLINE_WORDS", &late_headline_words) < 0
        || nc_get_long(module, "_CLOSING_WORDS", &closing_words) < 0
        || nc_get_double(module, "HEADLINE_CASE", &headline_case) < 0
        || nc_get_object(module, "Body", &body_class) < 0 || nc_get_object(module, "_reads_again", &reads_again) < 0
        || nc_get_object(module, "_CREDIT", &credit_pattern) < 0
        || nc_get_object(module, "_CREDITED", &credited_pattern) < 0
        || nc_get_object(module, "_ANNOUNCES", &announces_pattern) < 0
        || nc_get_object(module, "_IMAGE", &image_pattern) < 0 || nc_get_object(module, "_LINK", &link_pattern) < 0
        || nc_get_object(module, "_CREDIT_MARKS", &credit_marks) < 0
        || nc_get_object(module, "_SENTENCE_END", &sentence_end) < 0
        || nc_get_object(module, "_CLOSING_QUOTES", &closing_quotes) < 0
        || nc_get_object(module, "_OPENING_QUOTES", &opening_quotes) < 0
        || nc_get_object(module, "_NAMED_ITEM", &named_item) < 0 || nc_get_object(module, "_NAMED_CUT", &named_cut) < 0
        || nc_get_object(module, "_NAMED_CLOSING", &named_closing) < 0
        || nc_get_object(module, "_BARRIER", &barrier) < 0 || read_rule_scores(module) < 0 || read_inline(module) < 0
        || read_case_defaults(module) < 0)
        return -1;
    int none = barrier == Py_None;
    Py_DECREF(barrier);
    if (!none || short_share <= 0 || !PyUnicode_Check(credit_marks)
        || !PyUnicode_Check(sentence_end) || !PyUnicode_Check(closing_quotes) || !PyUnicode_Check(opening_quotes)) {
        PyErr_SetString(PyExc_TypeError, "newsclean.body's constants are not of the types the native core reads");
        return -1;
    }
    if (str_dateline == NULL && ((str_dateline = PyUnicode_InternFromString("native_dateline")) == NULL
                                 || (str_match = PyUnicode_InternFromString("match")) == NULL
                                 || (str_name = PyUnicode_InternFromString("name")) == NULL))
        return -1;
    return 0;
}

PyMethodDef nc_body_methods[] = {
    {"find_body", (PyCFunction)(void (*)(void))find_body, METH_VARARGS | METH_KEYWORDS, find_body_doc},
    {NULL, NULL, 0, NULL},
};
