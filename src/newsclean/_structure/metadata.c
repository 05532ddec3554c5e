/* The native metadata pass: the same as newsclean/metadata.py (the reference), over a page's Layout.
 *
 * extract(layout, rules) walks the article's meta lines, reads their fields (the named groups of the rule that
 * matched, the lines a rule claimed), and splits and checks the names, calling metadata.py's compiled patterns.
 * parse_date is dates.parse_date the same way (dates.py's patterns, tables and classes), and header.headline_part
 * with header.py's JOINED_PARTS and _HEADLINE_SPACES.  header.date_part stays a Python call, made only where a
 * pre-check cannot answer it, and so do the fields of a headline whose parts a scraper joined (_joined_title_fields,
 * rare).  A layout not shaped as label_lines makes it (a line whose number is not its index, a field of another
 * type) goes to the Python function whole.  The Metadata is made by metadata.new_metadata (native.record).
 *
 * What repeats from page to page is remembered in bounded tables: a rule's compiled pattern, a short line's fields
 * under its rule, the names a short credit gives, a short text's date (each a pure function of its key; see
 * groups, names_of and read_date).
 *
 * References: every PyObject * local is a new reference unless its comment says borrowed; the page's lines, their
 * texts and rule names are borrowed from layout.lines, which the caller holds for the whole call.
 */
#include "structure.h"

/* The fields of rules.FIELDS this pass names (setup checks each is one of FIELDS). */
enum { F_AUTHOR, F_EDITOR, F_SOURCE, F_PUBLISHED, F_DATELINE, NFIELDS };
static const char *const field_names[NFIELDS] = {"author", "editor", "source", "published", "dateline"};
static PyObject *fields[NFIELDS];

/* metadata.py's patterns (their bound methods), constants and the Python functions called from here */
static PyObject *split_fn[3]; /* _SPLIT[kind].split for author, editor, source */
static PyObject *joined_split, *role_match, *outlet_tail_sub, *outlet_tail_search, *aside_sub, *place_shape_fullmatch,
    *not_name_search, *degree_fullmatch, *section_search, *person_fullmatch, *site_tag_search, *name_fullmatch;
static PyObject *places, *list_starts, *credit_groups, *structural, *previous, *byline_name, *footer_title;
static PyObject *new_metadata, *layout_class, *line_class, *ruleset_class, *datetime_class;
static PyObject *python_extract, *joined_parts_split, *date_part, *joined_title_fields, *python_compiled,
    *timed, *deadline;
static PyObject *empty, *space, *str_strip, *str_casefold, *str_match, *str_rule, *str_by_name, *str_groupdict;
/* the names of the attributes read on every page (interned once: no str made per lookup) */
static PyObject *str_lines, *str_dateline, *str_start, *str_end, *str_title, *str_subtitle, *str_fullmatch;
/* dates.py: its patterns' search methods and group numbers, its tables and the datetime classes */
static PyObject *date_search, *time_search, *zone_search, *months, *zones, *fold_function, *default_zone, *no_zone_offset, *date_class,
    *timedelta_class, *timezone_class, *python_parse_date, *str_groups, *str_span, *minus;
enum { G_DAY, G_MONTH, G_YEAR, G_EDAY, G_EMONTH, G_EYEAR, G_NDAY, G_NMONTH, G_NYEAR, G_IYEAR, G_IMONTH, G_IDAY, NDATE };
static const char *const date_groups[NDATE] = {"day", "month", "year", "eday", "emonth", "eyear", "nday", "nmonth",
                                               "nyear", "iyear", "imonth", "iday"};
enum { T_HOUR, T_MINUTE, T_SECOND, NTIME };
static const char *const time_groups[NTIME] = {"hour", "minute", "second"};
enum { Z_ZONE, Z_SIGN, Z_HOURS, Z_MINUTES, Z_ISIGN, Z_IHOURS, Z_IMINUTES, NZONE };
static const char *const zone_groups[NZONE] = {"zone", "sign", "hours", "minutes", "isign", "ihours", "iminutes"};
static Py_ssize_t date_group[NDATE], time_group[NTIME], zone_group[NZONE];
static Py_UCS4 *trim;
static Py_ssize_t ntrim;
static long footer_reach, max_initials, headline_spaces; /* headline_spaces: header._HEADLINE_SPACES */
/* each rule's compiled pattern (metadata._compiled), by the Rule's address: id -> (rule, pattern.fullmatch); the
 * rule is held, so its address names no other object while it is here; as many as _compiled keeps */
static PyObject *compiled_cache;
static Py_ssize_t compiled_cache_size;
static PyObject *meta_label, *blank_label, *body_label; /* borrowed from module.c's labels */

/* ---------------------------------------------------------------------------------------------------------------
 * Small helpers */

static int is_trim(Py_UCS4 c)
{
    for (Py_ssize_t k = 0; k < ntrim; k++)
        if (trim[k] == c)
            return 1;
    return 0;
}

/* s.strip(_TRIM) */
static PyObject *strip_trim(PyObject *s)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s), a = 0, b = n;
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    while (a < b && is_trim(PyUnicode_READ(kind, data, a)))
        a++;
    while (b > a && is_trim(PyUnicode_READ(kind, data, b - 1)))
        b--;
    return PyUnicode_Substring(s, a, b);
}

/* 1 when a pattern method (fullmatch, match, search) found a match in s, 0 when not, -1 on error */
static int found_by(PyObject *method, PyObject *s)
{
    PyObject *m = PyObject_CallOneArg(method, s);
    if (m == NULL)
        return -1;
    int found = m != Py_None;
    Py_DECREF(m);
    return found;
}

/* pattern.sub("", s).strip(_TRIM) */
static PyObject *cut_and_trim(PyObject *sub, PyObject *s)
{
    PyObject *cut = PyObject_CallFunctionObjArgs(sub, empty, s, NULL);
    if (cut == NULL)
        return NULL;
    if (!PyUnicode_Check(cut)) {
        Py_DECREF(cut);
        PyErr_SetString(PyExc_TypeError, "a pattern's sub did not return a str");
        return NULL;
    }
    PyObject *trimmed = strip_trim(cut);
    Py_DECREF(cut);
    return trimmed;
}

/* the index in FIELDS of a str, -1 when it is none of them, -2 on error */
static int field_of(PyObject *key)
{
    for (int k = 0; k < NFIELDS; k++) {
        int same = PyObject_RichCompareBool(key, fields[k], Py_EQ);
        if (same != 0)
            return same < 0 ? -2 : k;
    }
    return -1;
}

/* (no, value) pairs of a field, in the order found; values held */
typedef struct {
    Py_ssize_t no;
    int field;
    PyObject *value;
} entry;

typedef struct {
    entry *items;
    Py_ssize_t n, cap;
} entries;

/* appends (no, field, value), taking over the reference to value (released on failure too) */
static int add(entries *list, Py_ssize_t no, int field, PyObject *value)
{
    if (value == NULL)
        return -1;
    if (list->n == list->cap) {
        Py_ssize_t cap = list->cap ? list->cap * 2 : 8;
        entry *grown = PyMem_Realloc(list->items, (size_t)cap * sizeof(entry));
        if (grown == NULL) {
            Py_DECREF(value);
            PyErr_NoMemory();
            return -1;
        }
        list->items = grown, list->cap = cap;
    }
    list->items[list->n++] = (entry){no, field, value};
    return 0;
}

static void clear(entries *list)
{
    for (Py_ssize_t k = 0; k < list->n; k++)
        Py_DECREF(list->items[k].value);
    PyMem_Free(list->items);
    memset(list, 0, sizeof(*list));
}

/* A page: layout.lines as borrowed C arrays (each line's number is its index). */
typedef struct {
    Py_ssize_t n;
    PyObject **text, **rule, **prefix; /* borrowed str */
    PyObject **label;                  /* borrowed: compared by identity with the Label members, as the Python */
    PyObject *by_name;                 /* rules._by_name when rules is a CompiledRuleSet, else NULL (borrowed) */
    PyObject *rules;                   /* borrowed */
    entries found;                     /* the fields found, with the line they are on */
} page;

/* rules.rule(name) and what the passes read of it (module.c's table, nc_rule_read): 1 with *rule a new reference
 * and *r its record (its objects borrowed from *rule), 0 for no rule, -1 on error */
static int rule_named(page *p, PyObject *name, PyObject **rule, nc_rule *r)
{
    PyObject *found;
    if (p->by_name != NULL) {
        found = PyDict_GetItemWithError(p->by_name, name);
        if (found == NULL)
            return PyErr_Occurred() ? -1 : 0;
        Py_INCREF(found);
    } else {
        found = PyObject_CallMethodOneArg(p->rules, str_rule, name);
        if (found == NULL)
            return -1;
        if (found == Py_None) {
            Py_DECREF(found);
            return 0;
        }
    }
    if (nc_rule_read(found, r) < 0) {
        Py_DECREF(found);
        return -1;
    }
    *rule = found;
    return 1;
}

/* ---------------------------------------------------------------------------------------------------------------
 * Pre-checks: a pattern call they rule out gives a known answer (tests/test_structure_metadata.py proves each
 * against the pattern) */

/* Whether s may hold a date: every branch of dates._DATE reads a year "19dd" or "20dd". */
static int may_hold_date(PyObject *s)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    for (Py_ssize_t k = 0; k + 1 < n; k++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, k), next = PyUnicode_READ(kind, data, k + 1);
        if ((c == '1' && next == '9') || (c == '2' && next == '0'))
            return 1;
    }
    return 0;
}

/* Whether s may be parts a scraper joined: metadata._JOINED and header.JOINED_PARTS split at one of these marks
 * with white space on both sides. */
static int may_be_joined(PyObject *s)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    for (Py_ssize_t k = 1; k + 1 < n; k++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, k);
        if ((c == '|' || c == 0xB7 || c == 0x2022 || c == 0x203A || c == 0xBB)
            && nc_may_be_space(PyUnicode_READ(kind, data, k - 1)) && nc_may_be_space(PyUnicode_READ(kind, data, k + 1)))
            return 1;
    }
    return 0;
}

/* a == b for two str */
static int same_str(PyObject *a, PyObject *b)
{
    return a == b || (PyUnicode_GET_LENGTH(a) == PyUnicode_GET_LENGTH(b) && PyUnicode_Compare(a, b) == 0);
}

static int has_char(PyObject *s, Py_UCS4 c)
{
    return PyUnicode_FindChar(s, c, 0, PyUnicode_GET_LENGTH(s), 1) >= 0;
}

/* Whether s holds "dan" or "and" (ASCII, the case kept) */
static int has_and(PyObject *s)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    for (Py_ssize_t k = 0; k + 2 < n; k++) {
        Py_UCS4 a = PyUnicode_READ(kind, data, k), b = PyUnicode_READ(kind, data, k + 1),
                c = PyUnicode_READ(kind, data, k + 2);
        if ((a == 'd' && b == 'a' && c == 'n') || (a == 'a' && b == 'n' && c == 'd'))
            return 1;
    }
    return 0;
}

/* Whether metadata._SPLIT's patterns may split s: each needs one of , / & | or the word "dan" or "and". */
static int may_split(PyObject *s)
{
    return has_char(s, ',') || has_char(s, '/') || has_char(s, '&') || has_char(s, '|') || has_and(s);
}

/* Whether _OUTLET_TAIL may match in s: it needs a "." (a domain) or "detik" (d, e and t have no other case in the
 * regex module's folding, so "det" in either case). */
static int may_have_outlet(PyObject *s)
{
    if (has_char(s, '.'))
        return 1;
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    for (Py_ssize_t k = 0; k + 2 < n; k++) {
        Py_UCS4 a = PyUnicode_READ(kind, data, k), b = PyUnicode_READ(kind, data, k + 1),
                c = PyUnicode_READ(kind, data, k + 2);
        if ((a == 'd' || a == 'D') && (b == 'e' || b == 'E') && (c == 't' || c == 'T'))
            return 1;
    }
    return 0;
}

/* _JOINED.split(s) */
static PyObject *joined_parts(PyObject *s)
{
    if (!may_be_joined(s)) {
        PyObject *parts = PyList_New(1);
        if (parts != NULL)
            PyList_SET_ITEM(parts, 0, Py_NewRef(s));
        return parts;
    }
    PyObject *parts = PyObject_CallOneArg(joined_split, s);
    if (parts != NULL && !PyList_Check(parts)) {
        Py_DECREF(parts);
        PyErr_SetString(PyExc_TypeError, "split() did not return a list");
        return NULL;
    }
    return parts;
}

/* ---------------------------------------------------------------------------------------------------------------
 * dates.parse_date */

/* match.groups(), checked to hold the pattern's groups */
static PyObject *groups_of(PyObject *m, Py_ssize_t least)
{
    PyObject *found = PyObject_CallMethodNoArgs(m, str_groups);
    if (found != NULL && (!PyTuple_Check(found) || PyTuple_GET_SIZE(found) < least)) {
        Py_DECREF(found);
        PyErr_SetString(PyExc_TypeError, "groups() did not return the pattern's groups");
        return NULL;
    }
    return found;
}

#define GROUP(found, number) PyTuple_GET_ITEM((found), (number) - 1)

/* int(s) of a group's digits */
static PyObject *number(PyObject *s)
{
    return PyLong_FromUnicodeObject(s, 10);
}

/* TABLE[dates.fold(s)]: folded as the pattern matched it, ignoring case.  An ASCII str folds to its lower case
 * (str.casefold of ASCII is its lower case, and regex_syntax.turkic_i changes only "\u0307" and "\u0131"). */
static PyObject *folded_item(PyObject *table, PyObject *s)
{
    if (PyUnicode_CheckExact(s) && PyUnicode_IS_ASCII(s)) {
        Py_ssize_t n = PyUnicode_GET_LENGTH(s);
        PyObject *lower = PyUnicode_New(n, 127);
        if (lower == NULL)
            return NULL;
        const Py_UCS1 *from = PyUnicode_1BYTE_DATA(s);
        Py_UCS1 *to = PyUnicode_1BYTE_DATA(lower);
        for (Py_ssize_t k = 0; k < n; k++)
            to[k] = from[k] >= 'A' && from[k] <= 'Z' ? (Py_UCS1)(from[k] + ('a' - 'A')) : from[k];
        PyObject *value = PyObject_GetItem(table, lower);
        Py_DECREF(lower);
        return value;
    }
    PyObject *folded = PyObject_CallOneArg(fold_function, s);
    if (folded == NULL)
        return NULL;
    PyObject *value = PyObject_GetItem(table, folded);
    Py_DECREF(folded);
    return value;
}

/* dates._zone(text) */
static PyObject *zone_of(PyObject *text)
{
    PyObject *z = PyObject_CallOneArg(zone_search, text);
    if (z == NULL)
        return NULL;
    if (z == Py_None) {
        Py_DECREF(z);
        return Py_NewRef(default_zone);
    }
    PyObject *g = groups_of(z, zone_group[Z_IMINUTES]);
    Py_DECREF(z);
    if (g == NULL)
        return NULL;
    PyObject *result = NULL, *offset = NULL, *kwargs = NULL, *hours = NULL, *minutes = NULL;
    int named = PyObject_IsTrue(GROUP(g, zone_group[Z_ZONE]));
    if (named != 0) {
        result = named < 0 ? NULL : folded_item(zones, GROUP(g, zone_group[Z_ZONE]));
        goto done;
    }
    int plain = PyObject_IsTrue(GROUP(g, zone_group[Z_SIGN]));
    if (plain < 0)
        goto done;
    PyObject *sign = GROUP(g, zone_group[plain ? Z_SIGN : Z_ISIGN]);
    PyObject *h = GROUP(g, zone_group[plain ? Z_HOURS : Z_IHOURS]);
    PyObject *m = GROUP(g, zone_group[plain ? Z_MINUTES : Z_IMINUTES]);
    int some = PyObject_IsTrue(m);
    if (some < 0 || (hours = number(h)) == NULL
        || (minutes = some ? number(m) : PyLong_FromLong(0)) == NULL || (kwargs = PyDict_New()) == NULL
        || PyDict_SetItemString(kwargs, "hours", hours) < 0 || PyDict_SetItemString(kwargs, "minutes", minutes) < 0)
        goto done;
    PyObject *none[] = {NULL};
    if ((offset = PyObject_VectorcallDict(timedelta_class, none, 0, kwargs)) == NULL)
        goto done;
    int far = PyObject_RichCompareBool(offset, no_zone_offset, Py_GE);
    if (far != 0) {
        result = far < 0 ? NULL : Py_NewRef(default_zone);
        goto done;
    }
    int negative = PyObject_RichCompareBool(sign, minus, Py_EQ);
    if (negative < 0)
        goto done;
    if (negative)
        Py_SETREF(offset, PyNumber_Negative(offset));
    if (offset != NULL)
        result = PyObject_CallOneArg(timezone_class, offset);
done:
    Py_DECREF(g);
    Py_XDECREF(offset);
    Py_XDECREF(kwargs);
    Py_XDECREF(hours);
    Py_XDECREF(minutes);
    return result;
}

/* the bounds of the pass's tables of what repeats (rules._CACHED_LINE, rules._CACHE_SIZE) */
static long cached_line, cache_size;

/* table[key] = value in one of the pass's bounded tables, emptied whole when it holds `most`: 0, or -1 on error */
static int remember(PyObject *table, PyObject *key, PyObject *value, Py_ssize_t most)
{
    if (PyDict_GET_SIZE(table) >= most)
        PyDict_Clear(table);
    return PyDict_SetItem(table, key, value);
}

/* dates.parse_date(text), read anew */
static PyObject *date_of(PyObject *text)
{
    if (!PyUnicode_Check(text))
        return PyObject_CallOneArg(python_parse_date, text);
    if (!may_hold_date(text))
        Py_RETURN_NONE;
    PyObject *m = PyObject_CallOneArg(date_search, text);
    if (m == NULL || m == Py_None)
        return m;
    PyObject *g = groups_of(m, date_group[G_IDAY]), *span = NULL, *rest = NULL, *t = NULL, *tg = NULL;
    PyObject *ymd[3] = {NULL, NULL, NULL}, *hms[3] = {NULL, NULL, NULL}, *day = NULL, *zone = NULL, *result = NULL;
    if (g == NULL)
        goto done;
    /* the order of each form's groups: year, month, day */
    static const int forms[4][3] = {{G_YEAR, G_MONTH, G_DAY}, {G_EYEAR, G_EMONTH, G_EDAY},
                                    {G_NYEAR, G_NMONTH, G_NDAY}, {G_IYEAR, G_IMONTH, G_IDAY}};
    static const int named_month[4] = {1, 1, 0, 0};
    int form = 3;
    for (int f = 0; f < 3; f++) {
        int truth = PyObject_IsTrue(GROUP(g, date_group[forms[f][2]]));
        if (truth < 0)
            goto done;
        if (truth) {
            form = f;
            break;
        }
    }
    if ((ymd[0] = number(GROUP(g, date_group[forms[form][0]]))) == NULL)
        goto invalid;
    ymd[1] = named_month[form] ? folded_item(months, GROUP(g, date_group[forms[form][1]]))
                               : number(GROUP(g, date_group[forms[form][1]]));
    if (ymd[1] == NULL || (ymd[2] = number(GROUP(g, date_group[forms[form][2]]))) == NULL
        || (day = PyObject_Vectorcall(date_class, ymd, 3, NULL)) == NULL)
        goto invalid;
    if ((span = PyObject_CallMethodNoArgs(m, str_span)) == NULL)
        goto done;
    Py_ssize_t start, end;
    if (!PyArg_ParseTuple(span, "nn", &start, &end)
        || (rest = PyUnicode_Substring(text, end, PyUnicode_GET_LENGTH(text))) == NULL
        || (t = PyObject_CallOneArg(time_search, rest)) == NULL)
        goto done;
    if (t == Py_None) {
        /* the time may come first: "13:50 WIB, Rabu, 12 Januari 2022" */
        Py_SETREF(rest, PyUnicode_Substring(text, 0, start));
        if (rest == NULL)
            goto done;
        Py_SETREF(t, PyObject_CallOneArg(time_search, rest));
        if (t == NULL)
            goto done;
        if (t == Py_None) {
            result = Py_NewRef(day);
            goto done;
        }
        PyObject *at = PyObject_CallMethodNoArgs(t, str_start);
        Py_ssize_t from = at ? PyLong_AsSsize_t(at) : -1;
        Py_XDECREF(at);
        if (from == -1 && PyErr_Occurred())
            goto done;
        Py_SETREF(rest, PyUnicode_Substring(text, from, start));
        if (rest == NULL)
            goto done;
    }
    if ((zone = zone_of(rest)) == NULL || (tg = groups_of(t, time_group[T_SECOND])) == NULL)
        goto done;
    int seconds = PyObject_IsTrue(GROUP(tg, time_group[T_SECOND]));
    if (seconds < 0 || (hms[0] = number(GROUP(tg, time_group[T_HOUR]))) == NULL
        || (hms[1] = number(GROUP(tg, time_group[T_MINUTE]))) == NULL
        || (hms[2] = seconds ? number(GROUP(tg, time_group[T_SECOND])) : PyLong_FromLong(0)) == NULL)
        goto done;
    PyObject *micro = PyLong_FromLong(0);
    if (micro == NULL)
        goto done;
    /* dt.datetime(year, month, day, hour, minute, second, tzinfo=zone) */
    PyObject *moment[] = {ymd[0], ymd[1], ymd[2], hms[0], hms[1], hms[2], micro, zone};
    result = PyObject_Vectorcall(datetime_class, moment, 8, NULL);
    Py_DECREF(micro);
    goto done;
invalid:
    /* an impossible day ("31 Februari 2022") is no date; any other error stands */
    if (PyErr_ExceptionMatches(PyExc_ValueError)) {
        PyErr_Clear();
        result = Py_NewRef(Py_None);
    }
done:
    Py_DECREF(m);
    Py_XDECREF(g);
    Py_XDECREF(span);
    Py_XDECREF(rest);
    Py_XDECREF(t);
    Py_XDECREF(tg);
    Py_XDECREF(day);
    Py_XDECREF(zone);
    for (int k = 0; k < 3; k++) {
        Py_XDECREF(ymd[k]);
        Py_XDECREF(hms[k]);
    }
    return result;
}

/* ---------------------------------------------------------------------------------------------------------------
 * Fields of a line */

/* dates.parse_date(text) of a short str, remembered: text -> its date, datetime or None (each immutable, a pure
 * function of the text and dates.py's tables).  A page's date line is the date of the other pages published that
 * day (the time, where printed, less so), and a site's date widget prints today's on every page; bounded as the
 * fields of a short line are. */
static PyObject *dates_cache;

static PyObject *read_date(PyObject *text)
{
    if (!PyUnicode_CheckExact(text) || PyUnicode_GET_LENGTH(text) > cached_line)
        return date_of(text);
    PyObject *known = PyDict_GetItemWithError(dates_cache, text);
    if (known != NULL)
        return Py_NewRef(known);
    if (PyErr_Occurred())
        return NULL;
    PyObject *day = date_of(text);
    if (day != NULL && remember(dates_cache, text, day, cache_size) < 0)
        Py_CLEAR(day);
    return day;
}

/* header.headline_part(line): its longest part of _HEADLINE_SPACES spaces or more that holds no date (the first of
 * the longest, as max() gives), when header.JOINED_PARTS splits it; else the line (a line with no mark spaced as
 * the split needs is one part: may_be_joined). */
static PyObject *headline_of(PyObject *line)
{
    if (!may_be_joined(line))
        return Py_NewRef(line);
    PyObject *parts = PyObject_CallOneArg(joined_parts_split, line), *best = line;
    if (parts == NULL)
        return NULL;
    if (!PyList_Check(parts)) {
        Py_DECREF(parts);
        PyErr_SetString(PyExc_TypeError, "split() did not return a list");
        return NULL;
    }
    Py_ssize_t longest = -1;
    for (Py_ssize_t k = 0; PyList_GET_SIZE(parts) > 1 && k < PyList_GET_SIZE(parts); k++) {
        PyObject *part = PyList_GET_ITEM(parts, k);
        if (!PyUnicode_Check(part)) {
            Py_DECREF(parts);
            PyErr_SetString(PyExc_TypeError, "split() gave a part that is not a str");
            return NULL;
        }
        Py_ssize_t n = PyUnicode_GET_LENGTH(part), spaces = 0;
        int kind = PyUnicode_KIND(part);
        const void *data = PyUnicode_DATA(part);
        for (Py_ssize_t j = 0; j < n; j++)
            spaces += PyUnicode_READ(kind, data, j) == ' ';
        if (spaces < headline_spaces)
            continue;
        PyObject *day = read_date(part);
        if (day == NULL) {
            Py_DECREF(parts);
            return NULL;
        }
        int dated = day != Py_None;
        Py_DECREF(day);
        if (!dated && n > longest)
            best = part, longest = n;
    }
    Py_INCREF(best); /* a part, held by parts until here, or the line */
    Py_DECREF(parts);
    return best;
}

/* _compiled(rule).fullmatch (borrowed from the cache) */
static PyObject *compiled_fullmatch(PyObject *rule)
{
    PyObject *key = PyLong_FromVoidPtr(rule);
    if (key == NULL)
        return NULL;
    PyObject *held = PyDict_GetItemWithError(compiled_cache, key);
    if (held != NULL) {
        Py_DECREF(key);
        return PyTuple_GET_ITEM(held, 1);
    }
    if (PyErr_Occurred())
        goto fail;
    PyObject *pattern = PyObject_CallOneArg(python_compiled, rule);
    if (pattern == NULL)
        goto fail;
    PyObject *fullmatch = PyObject_GetAttr(pattern, str_fullmatch);
    Py_DECREF(pattern);
    if (fullmatch == NULL)
        goto fail;
    held = PyTuple_Pack(2, rule, fullmatch);
    Py_DECREF(fullmatch);
    if (held == NULL)
        goto fail;
    int stored = remember(compiled_cache, key, held, compiled_cache_size);
    Py_DECREF(key);
    Py_DECREF(held); /* the cache holds it */
    return stored < 0 ? NULL : PyTuple_GET_ITEM(held, 1);
fail:
    Py_DECREF(key);
    return NULL;
}

/* _groups(rule, text): the rule's named groups that are fields, appended to out on line no */
static int groups_matched(entries *out, Py_ssize_t no, const nc_rule *rule, PyObject *text)
{
    PyObject *fullmatch = compiled_fullmatch(rule->obj); /* borrowed */
    if (fullmatch == NULL)
        return -1;
    PyObject *limit = NULL, *m;
    Py_INCREF(fullmatch); /* held while it runs: another thread's page may empty the cache meanwhile */
    if (PyContextVar_Get(deadline, Py_None, &limit) < 0) {
        Py_DECREF(fullmatch);
        return -1;
    }
    if (limit == Py_None) {
        m = PyObject_CallOneArg(fullmatch, text);
    } else {
        /* bounded by the page's time limit as the rule's own match is (rules.timed) */
        PyObject *what = PyUnicode_FromFormat("rule %S", rule->name);
        m = what ? PyObject_CallFunctionObjArgs(timed, fullmatch, text, what, NULL) : NULL;
        Py_XDECREF(what);
    }
    Py_DECREF(limit);
    Py_DECREF(fullmatch);
    if (m == NULL)
        return -1;
    if (m == Py_None) {
        Py_DECREF(m);
        return 0;
    }
    PyObject *named = PyObject_CallMethodNoArgs(m, str_groupdict);
    Py_DECREF(m);
    if (named == NULL)
        return -1;
    if (!PyDict_Check(named)) {
        Py_DECREF(named);
        PyErr_SetString(PyExc_TypeError, "groupdict() did not return a dict");
        return -1;
    }
    PyObject *k, *v;
    Py_ssize_t pos = 0;
    while (PyDict_Next(named, &pos, &k, &v)) {
        int truth = PyObject_IsTrue(v);
        int field = truth > 0 ? field_of(k) : -1;
        if (truth < 0 || field == -2 || (field >= 0 && add(out, no, field, Py_NewRef(v)) < 0)) {
            Py_DECREF(named);
            return -1;
        }
    }
    Py_DECREF(named);
    return 0;
}

/* A short line's fields under a rule, remembered: text -> (rule, ((field, value), ...)), read again only under that
 * very rule (held, so no other object takes its address while it is here; a line another rule matched is read
 * anew, and remembered under that rule).  Bylines and credits repeat from page to page,
 * and short lines are remembered as rules.match remembers a line's rule (rules._CACHED_LINE, in a table of
 * rules._CACHE_SIZE entries emptied when full).  Where pattern calls have a deadline (rules.timed, off the main
 * thread) every call is made.  A rule with no pattern gives no fields (both callers, _own_fields and _fields, skip
 * it). */
static PyObject *groups_cache;

static int groups(entries *out, Py_ssize_t no, const nc_rule *rule, PyObject *text)
{
    if (rule->pattern == Py_None)
        return 0;
    if (!PyUnicode_CheckExact(text) || PyUnicode_GET_LENGTH(text) > cached_line)
        return groups_matched(out, no, rule, text);
    PyObject *limit = NULL;
    if (PyContextVar_Get(deadline, Py_None, &limit) < 0)
        return -1;
    int timed_calls = limit != Py_None;
    Py_DECREF(limit);
    if (timed_calls)
        return groups_matched(out, no, rule, text);
    PyObject *key = text;
    PyObject *held = PyDict_GetItemWithError(groups_cache, key);
    if (held != NULL && PyTuple_GET_ITEM(held, 0) == rule->obj) {
        PyObject *pairs = PyTuple_GET_ITEM(held, 1);
        Py_INCREF(pairs);
        for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(pairs); k++) {
            PyObject *pair = PyTuple_GET_ITEM(pairs, k);
            int field = (int)PyLong_AsLong(PyTuple_GET_ITEM(pair, 0));
            if (add(out, no, field, Py_NewRef(PyTuple_GET_ITEM(pair, 1))) < 0) {
                Py_DECREF(pairs);
                return -1;
            }
        }
        Py_DECREF(pairs);
        return 0;
    }
    Py_ssize_t before = out->n;
    PyObject *pairs = NULL;
    if (PyErr_Occurred() || groups_matched(out, no, rule, text) < 0
        || (pairs = PyTuple_New(out->n - before)) == NULL)
        goto fail;
    for (Py_ssize_t k = before; k < out->n; k++) {
        PyObject *field = PyLong_FromLong(out->items[k].field);
        PyObject *pair = field ? PyTuple_Pack(2, field, out->items[k].value) : NULL;
        Py_XDECREF(field);
        if (pair == NULL)
            goto fail;
        PyTuple_SET_ITEM(pairs, k - before, pair);
    }
    held = PyTuple_Pack(2, rule->obj, pairs);
    if (held == NULL)
        goto fail;
    int stored = remember(groups_cache, key, held, cache_size);
    Py_DECREF(held);
    Py_DECREF(pairs);
    return stored;
fail:
    Py_XDECREF(pairs);
    return -1;
}

/* _own_fields(line, rules) */
static int own_fields(page *p, entries *out, Py_ssize_t i)
{
    PyObject *text = p->text[i], *name = p->rule[i];
    if (same_str(name, byline_name))
        return add(out, i, F_AUTHOR, Py_NewRef(text));
    Py_ssize_t colon = PyUnicode_FindChar(name, ':', 0, PyUnicode_GET_LENGTH(name), 1);
    if (colon == -2)
        return -1;
    PyObject *own = colon < 0 ? Py_NewRef(name) : PyUnicode_Substring(name, 0, colon);
    if (own == NULL)
        return -1;
    PyObject *rule = NULL;
    nc_rule r;
    int named = rule_named(p, own, &rule, &r);
    Py_DECREF(own);
    if (named <= 0)
        return named;
    if (colon >= 0 && colon + 1 < PyUnicode_GET_LENGTH(name)) {
        PyObject *claimed = PyUnicode_Substring(name, colon + 1, PyUnicode_GET_LENGTH(name));
        if (claimed == NULL)
            goto fail;
        int is_previous = PyObject_RichCompareBool(claimed, previous, Py_EQ);
        Py_DECREF(claimed);
        if (is_previous < 0)
            goto fail;
        PyObject *field = is_previous ? r.previous_field : r.next_field; /* borrowed */
        int truth = PyObject_IsTrue(field);
        int k = truth > 0 ? field_of(field) : -1;
        if (truth > 0 && k == -1)
            PyErr_SetObject(PyExc_KeyError, field); /* found[field] in extract */
        if (truth < 0 || (truth > 0 && k < 0) || (k >= 0 && add(out, i, k, Py_NewRef(text)) < 0))
            goto fail;
    } else if (groups(out, i, &r, text) < 0) {
        goto fail;
    }
    Py_DECREF(rule);
    return 0;
fail:
    Py_DECREF(rule);
    return -1;
}

/* _all_names(value) */
static int all_names(PyObject *value)
{
    PyObject *parts = joined_parts(value);
    if (parts == NULL)
        return -1;
    int all = 1;
    for (Py_ssize_t k = 0; all == 1 && k < PyList_GET_SIZE(parts); k++) {
        PyObject *part = strip_trim(PyList_GET_ITEM(parts, k));
        all = part ? found_by(person_fullmatch, part) : -1;
        Py_XDECREF(part);
    }
    Py_DECREF(parts);
    return all;
}

/* _writer_beside_date(part) */
static int writer_beside_date(PyObject *part)
{
    Py_ssize_t at = PyUnicode_FindChar(part, ' ', 0, PyUnicode_GET_LENGTH(part), 1);
    if (at == -2)
        return -1;
    if (at == -1)
        return 0;
    int named = found_by(name_fullmatch, part);
    if (named <= 0)
        return named;
    int section = found_by(section_search, part);
    return section < 0 ? -1 : !section;
}

/* _fields(line, rules): appended to p->found */
static int line_fields(page *p, Py_ssize_t i)
{
    entries own = {0};
    PyObject *parts = NULL, *match = NULL, *rule = NULL;
    nc_rule r;
    if (own_fields(p, &own, i) < 0)
        goto fail;
    parts = joined_parts(p->text[i]);
    if (parts == NULL)
        goto fail;
    Py_ssize_t nparts = PyList_GET_SIZE(parts);
    int dated = 0;
    if (nparts > 1) {
        /* a name runs to the separator, unless the separators part names */
        for (Py_ssize_t k = 0; k < own.n; k++) {
            entry *e = &own.items[k];
            if (e->field == F_PUBLISHED) {
                dated = 1;
                continue;
            }
            int names = all_names(e->value);
            if (names < 0)
                goto fail;
            if (names)
                continue;
            PyObject *split = joined_parts(e->value);
            if (split == NULL)
                goto fail;
            PyObject *first = PySequence_GetItem(split, 0);
            Py_DECREF(split);
            if (first == NULL)
                goto fail;
            Py_SETREF(e->value, first);
        }
    }
    for (Py_ssize_t k = 1; k < nparts; k++) {
        PyObject *part = PyList_GET_ITEM(parts, k); /* borrowed */
        match = PyObject_CallMethodOneArg(p->rules, str_match, part);
        if (match == NULL)
            goto fail;
        if (match == Py_None && dated) {
            int writer = writer_beside_date(part);
            if (writer < 0 || (writer && add(&own, i, F_AUTHOR, Py_NewRef(part)) < 0))
                goto fail;
        }
        if (match == Py_None) {
            Py_CLEAR(match);
            continue;
        }
        rule = PyObject_GetAttr(match, str_rule);
        Py_CLEAR(match);
        if (rule == NULL || nc_rule_read(rule, &r) < 0)
            goto fail;
        if (r.label != NC_META) {
            Py_CLEAR(rule);
            continue;
        }
        entries got = {0};
        if (groups(&got, i, &r, part) < 0) {
            clear(&got);
            goto fail;
        }
        Py_CLEAR(rule);
        for (Py_ssize_t g = 0; g < got.n; g++) {
            entry *e = &got.items[g];
            PyObject *value = e->value;
            e->value = NULL; /* moved to own below, or released */
            if (e->field == F_PUBLISHED) {
                if (dated) {
                    Py_DECREF(value);
                    continue; /* the line's own date, with its time, is already read */
                }
                /* the time may stand in the next part */
                int timed_next = 0;
                if (k + 1 < nparts) {
                    PyObject *at = PyLong_FromSsize_t(k + 1);
                    PyObject *is_date = at ? PyObject_CallFunctionObjArgs(date_part, parts, at, NULL) : NULL;
                    Py_XDECREF(at);
                    int truth = is_date ? PyObject_IsTrue(is_date) : -1;
                    Py_XDECREF(is_date);
                    if (truth > 0) {
                        PyObject *day = read_date(PyList_GET_ITEM(parts, k + 1));
                        truth = day ? day == Py_None : -1;
                        Py_XDECREF(day);
                    }
                    timed_next = truth;
                }
                if (timed_next > 0) {
                    PyObject *joined = PyUnicode_FromFormat("%S %S", value, PyList_GET_ITEM(parts, k + 1));
                    Py_SETREF(value, joined);
                }
                if (timed_next < 0 || value == NULL) {
                    Py_XDECREF(value);
                    for (Py_ssize_t r = g + 1; r < got.n; r++)
                        Py_CLEAR(got.items[r].value);
                    got.n = 0;
                    clear(&got);
                    goto fail;
                }
            }
            if (add(&own, i, e->field, value) < 0) {
                for (Py_ssize_t r = g + 1; r < got.n; r++)
                    Py_CLEAR(got.items[r].value);
                got.n = 0;
                clear(&got);
                goto fail;
            }
        }
        got.n = 0; /* every value moved or released */
        clear(&got);
    }
    Py_DECREF(parts);
    for (Py_ssize_t k = 0; k < own.n; k++) {
        entry *e = &own.items[k];
        if (add(&p->found, i, e->field, e->value) < 0) {
            for (Py_ssize_t r = k + 1; r < own.n; r++)
                Py_DECREF(own.items[r].value);
            PyMem_Free(own.items);
            return -1;
        }
    }
    PyMem_Free(own.items); /* the values moved to p->found */
    return 0;
fail:
    Py_XDECREF(parts);
    Py_XDECREF(match);
    Py_XDECREF(rule);
    clear(&own);
    return -1;
}

/* _credit(line, rules) */
static int credit(page *p, Py_ssize_t i)
{
    PyObject *rule = NULL;
    nc_rule r;
    int found = rule_named(p, p->rule[i], &rule, &r);
    if (found <= 0)
        return found;
    found = 0;
    for (Py_ssize_t k = 0; r.pattern != Py_None && found == 0 && k < PyTuple_GET_SIZE(credit_groups); k++)
        found = PySequence_Contains(r.pattern, PyTuple_GET_ITEM(credit_groups, k));
    Py_DECREF(rule);
    return found;
}

/* _article_meta(layout, rules), each line's _fields added to p->found */
static int article_meta(page *p, Py_ssize_t start, Py_ssize_t end)
{
    for (Py_ssize_t i = 0; i < start; i++)
        if (p->label[i] == meta_label && line_fields(p, i) < 0)
            return -1;
    if (end < 0)
        return 0;
    Py_ssize_t stop = end + 1 + footer_reach < p->n ? end + 1 + footer_reach : p->n, nfooter = 0;
    Py_ssize_t *footer = PyMem_Malloc((size_t)(stop > end + 1 ? stop - end - 1 : 1) * sizeof(Py_ssize_t));
    if (footer == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = end + 1; i < stop; i++)
        if (p->label[i] != blank_label)
            footer[nfooter++] = i;
    for (Py_ssize_t k = 0; k < nfooter; k++) {
        Py_ssize_t i = footer[k];
        /* a headline list ends the credits; a call to follow the channel does not, nor a lone headline set right
         * above a writer's or source credit */
        int list = PySet_Contains(list_starts, p->rule[i]);
        if (list > 0) {
            int prose = nc_is_prose(p->text[i]);
            list = prose < 0 ? -1 : !prose;
        }
        if (list < 0)
            goto fail;
        if (list) {
            int credited = k + 1 < nfooter ? credit(p, footer[k + 1]) : 0;
            if (credited < 0)
                goto fail;
            if (!credited)
                break;
        }
        if (p->label[i] == meta_label && line_fields(p, i) < 0)
            goto fail;
    }
    PyMem_Free(footer);
    return 0;
fail:
    PyMem_Free(footer);
    return -1;
}

/* ---------------------------------------------------------------------------------------------------------------
 * The values */

/* _published(found["published"], layout) */
static PyObject *published(page *p, Py_ssize_t start)
{
    Py_ssize_t n = 0;
    for (Py_ssize_t k = 0; k < p->found.n; k++)
        n += p->found.items[k].field == F_PUBLISHED;
    if (n == 0)
        Py_RETURN_NONE;
    entry **dates = PyMem_Malloc((size_t)n * sizeof(entry *));
    PyObject **days = PyMem_Calloc((size_t)n, sizeof(PyObject *));
    char *undated = PyMem_Malloc((size_t)n); /* parse_date found no date: a time line (times) */
    PyObject *result = NULL;
    if (dates == NULL || days == NULL || undated == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    n = 0;
    for (Py_ssize_t k = 0; k < p->found.n; k++)
        if (p->found.items[k].field == F_PUBLISHED)
            dates[n++] = &p->found.items[k];
    for (Py_ssize_t k = 0; k < n; k++) {
        if ((days[k] = read_date(dates[k]->value)) == NULL)
            goto done;
        undated[k] = days[k] == Py_None;
    }
    /* each date with its time (_with_time); the one nearest the body before it, else the first */
    Py_ssize_t chosen = -1, first = -1;
    for (Py_ssize_t k = 0; k < n; k++) {
        if (undated[k])
            continue;
        int full = PyObject_IsInstance(days[k], datetime_class);
        if (full < 0)
            goto done;
        if (!full) {
            /* times = {no: text for a line with no date}: the last one of a line number wins */
            PyObject *time = NULL;
            for (Py_ssize_t ahead = 1; ahead <= 2 && time == NULL; ahead++)
                for (Py_ssize_t t = 0; t < n; t++)
                    if (undated[t] && dates[t]->no == dates[k]->no + ahead)
                        time = dates[t]->value;
            if (time != NULL) {
                PyObject *text = PyUnicode_FromFormat("%S %S", dates[k]->value, time);
                PyObject *day = text ? read_date(text) : NULL;
                Py_XDECREF(text);
                if (day == NULL)
                    goto done;
                Py_SETREF(days[k], day);
            }
        }
        if (first < 0)
            first = k;
        if (dates[k]->no < start)
            chosen = k;
    }
    if (first < 0)
        result = Py_NewRef(Py_None);
    else
        result = Py_NewRef(days[chosen >= 0 ? chosen : first]);
done:
    if (days != NULL)
        for (Py_ssize_t k = 0; k < n; k++)
            Py_XDECREF(days[k]);
    PyMem_Free(days);
    PyMem_Free(dates);
    PyMem_Free(undated);
    return result;
}

/* str.isupper() */
static int is_upper(PyObject *s)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    int kind = PyUnicode_KIND(s), cased = 0;
    const void *data = PyUnicode_DATA(s);
    for (Py_ssize_t k = 0; k < n; k++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, k);
        if (Py_UNICODE_ISLOWER(c) || Py_UNICODE_ISTITLE(c))
            return 0;
        if (!cased && Py_UNICODE_ISUPPER(c))
            cased = 1;
    }
    return cased;
}

/* _is_person(name) */
static int is_person(PyObject *name)
{
    int r = found_by(person_fullmatch, name);
    if (r <= 0)
        return r;
    Py_ssize_t n = PyUnicode_GET_LENGTH(name);
    int kind = PyUnicode_KIND(name), upper = 0;
    const void *data = PyUnicode_DATA(name);
    for (Py_ssize_t k = 0; k < n && !upper; k++)
        upper = Py_UNICODE_ISUPPER(PyUnicode_READ(kind, data, k));
    if (!upper)
        return 0;
    if ((r = found_by(role_match, name)) != 0 || (r = found_by(not_name_search, name)) != 0)
        return r < 0 ? -1 : 0;
    PyObject *folded = PyObject_CallMethodNoArgs(name, str_casefold);
    if (folded == NULL)
        return -1;
    r = PySet_Contains(places, folded);
    Py_DECREF(folded);
    if (r != 0 || (r = found_by(place_shape_fullmatch, name)) != 0)
        return r < 0 ? -1 : 0;
    if (n <= max_initials && is_upper(name) && PyUnicode_FindChar(name, ' ', 0, n, 1) == -1)
        return 0;
    /* a degree ends its letters with a "." */
    if (has_char(name, '.') && (r = found_by(degree_fullmatch, name)) != 0)
        return r < 0 ? -1 : 0;
    if (!may_have_outlet(name))
        return 1;
    PyObject *spaced = PyUnicode_Concat(space, name);
    if (spaced == NULL)
        return -1;
    r = found_by(outlet_tail_search, spaced);
    Py_DECREF(spaced);
    return r < 0 ? -1 : !r;
}

/* The names one credit's value gives in _names: its parts, trimmed, that are names (persons, but for a source),
 * in order, repeats kept; a tuple. */
static PyObject *names_in(PyObject *value, int kind)
{
    PyObject *parts, *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    if (may_split(value)) {
        parts = PyObject_CallOneArg(split_fn[kind], value);
    } else if ((parts = PyList_New(1)) != NULL) {
        PyList_SET_ITEM(parts, 0, Py_NewRef(value));
    }
    if (parts == NULL)
        goto fail;
    if (!PyList_Check(parts)) {
        PyErr_SetString(PyExc_TypeError, "split() did not return a list");
        goto fail;
    }
    for (Py_ssize_t j = 0; j < PyList_GET_SIZE(parts); j++) {
        PyObject *piece = PyList_GET_ITEM(parts, j);
        if (!PyUnicode_Check(piece)) {
            PyErr_SetString(PyExc_TypeError, "split() gave a part that is not a str");
            goto fail;
        }
        PyObject *part = has_char(piece, '(') ? cut_and_trim(aside_sub, piece) : strip_trim(piece);
        if (part != NULL && kind != F_SOURCE) {
            Py_SETREF(part, may_have_outlet(part) ? cut_and_trim(outlet_tail_sub, part) : strip_trim(part));
            int person = part ? is_person(part) : -1;
            if (person <= 0) {
                Py_XDECREF(part);
                if (person < 0)
                    goto fail;
                continue;
            }
        }
        if (part == NULL)
            goto fail;
        int kept = PyUnicode_GET_LENGTH(part) ? PyList_Append(out, part) : 0;
        Py_DECREF(part);
        if (kept < 0)
            goto fail;
    }
    Py_DECREF(parts);
    PyObject *names = PyList_AsTuple(out);
    Py_DECREF(out);
    return names;
fail:
    Py_XDECREF(parts);
    Py_DECREF(out);
    return NULL;
}

/* names_in of a short value, remembered for each kind: a page's credits repeat on the outlet's other pages (the
 * same writers and editors); bounded as the fields of a short line are */
static PyObject *names_cache[3];

static PyObject *names_of(PyObject *value, int kind)
{
    if (!PyUnicode_CheckExact(value) || PyUnicode_GET_LENGTH(value) > cached_line)
        return names_in(value, kind);
    PyObject *known = PyDict_GetItemWithError(names_cache[kind], value);
    if (known != NULL)
        return Py_NewRef(known);
    if (PyErr_Occurred())
        return NULL;
    PyObject *names = names_in(value, kind);
    if (names == NULL)
        return NULL;
    if (remember(names_cache[kind], value, names, cache_size) < 0)
        Py_CLEAR(names);
    return names;
}

/* _names(found[kind], kind) */
static PyObject *names(page *p, int kind)
{
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t k = 0; k < p->found.n; k++) {
        if (p->found.items[k].field != kind)
            continue;
        PyObject *found = names_of(p->found.items[k].value, kind);
        if (found == NULL)
            goto fail;
        for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(found); j++) {
            PyObject *name = PyTuple_GET_ITEM(found, j);
            int known = PySequence_Contains(out, name);
            if (known < 0 || (known == 0 && PyList_Append(out, name) < 0)) {
                Py_DECREF(found);
                goto fail;
            }
        }
        Py_DECREF(found);
    }
    PyObject *names = PyList_AsTuple(out);
    Py_DECREF(out);
    return names;
fail:
    Py_DECREF(out);
    return NULL;
}

/* _dateline_alone(found["dateline"], layout) */
static PyObject *dateline_alone(page *p, Py_ssize_t start)
{
    if (start < 0 || PyUnicode_GET_LENGTH(p->prefix[start]))
        Py_RETURN_NONE;
    entry *last = NULL;
    for (Py_ssize_t k = 0; k < p->found.n; k++)
        if (p->found.items[k].field == F_DATELINE && p->found.items[k].no < start)
            last = &p->found.items[k];
    if (last == NULL)
        Py_RETURN_NONE;
    PyObject *city = PyObject_CallMethodNoArgs(last->value, str_strip);
    if (city == NULL)
        return NULL;
    int tag = found_by(site_tag_search, city);
    if (tag != 0) {
        Py_DECREF(city);
        if (tag < 0)
            return NULL;
        Py_RETURN_NONE;
    }
    for (Py_ssize_t i = last->no + 1; i < start; i++) {
        if (p->label[i] == body_label) {
            Py_DECREF(city);
            Py_RETURN_NONE;
        }
        Py_ssize_t starts = PyUnicode_Tailmatch(p->rule[i], structural, 0, PY_SSIZE_T_MAX, -1);
        if (starts <= 0) {
            Py_DECREF(city);
            if (starts < 0)
                return NULL;
            Py_RETURN_NONE;
        }
    }
    return city;
}

/* ---------------------------------------------------------------------------------------------------------------
 * extract */

/* An optional line index of the layout: 0 and *out = -1 for None, 0 and the index, 1 when it is no index of a
 * line (the Python function decides), -1 on error. */
static int line_index(PyObject *layout, PyObject *name, Py_ssize_t n, Py_ssize_t *out)
{
    PyObject *value = PyObject_GetAttr(layout, name);
    if (value == NULL)
        return -1;
    int odd = 0;
    *out = -1;
    if (value != Py_None) {
        if (PyLong_CheckExact(value)) {
            Py_ssize_t i = PyLong_AsSsize_t(value);
            if (i == -1 && PyErr_Occurred()) {
                PyErr_Clear();
                odd = 1;
            } else if (i < 0 || i >= n) {
                odd = 1;
            } else {
                *out = i;
            }
        } else {
            odd = 1;
        }
    }
    Py_DECREF(value);
    return odd;
}

static void page_free(page *p)
{
    PyMem_Free(p->text);
    PyMem_Free(p->rule);
    PyMem_Free(p->prefix);
    PyMem_Free(p->label);
    clear(&p->found);
}

/* The page's lines as C arrays: 0, 1 when a line is not as label_lines makes it, -1 on error. */
static int page_of(page *p, PyObject *lines)
{
    Py_ssize_t n = PyTuple_GET_SIZE(lines);
    p->n = n;
    size_t size = (size_t)(n ? n : 1);
    p->text = PyMem_Malloc(size * sizeof(PyObject *));
    p->rule = PyMem_Malloc(size * sizeof(PyObject *));
    p->prefix = PyMem_Malloc(size * sizeof(PyObject *));
    p->label = PyMem_Malloc(size * sizeof(PyObject *));
    if (p->text == NULL || p->rule == NULL || p->prefix == NULL || p->label == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *line = PyTuple_GET_ITEM(lines, i);
        if (!Py_IS_TYPE(line, (PyTypeObject *)line_class) || PyTuple_GET_SIZE(line) != 5)
            return 1;
        PyObject *no = PyTuple_GET_ITEM(line, 0);
        if (!PyLong_CheckExact(no))
            return 1;
        Py_ssize_t number = PyLong_AsSsize_t(no);
        if (number != i) {
            PyErr_Clear();
            return 1;
        }
        p->text[i] = PyTuple_GET_ITEM(line, 1);
        p->rule[i] = PyTuple_GET_ITEM(line, 3);
        p->prefix[i] = PyTuple_GET_ITEM(line, 4);
        if (!PyUnicode_CheckExact(p->text[i]) || !PyUnicode_CheckExact(p->rule[i])
            || !PyUnicode_CheckExact(p->prefix[i]))
            return 1;
        p->label[i] = PyTuple_GET_ITEM(line, 2);
    }
    return 0;
}

static PyObject *python(PyObject *layout, PyObject *rules)
{
    return PyObject_CallFunctionObjArgs(python_extract, layout, rules, NULL);
}

static PyObject *extract(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "extract() takes 2 arguments (%zd given)", nargs);
        return NULL;
    }
    if (trim == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "newsclean._structure.setup() was not called");
        return NULL;
    }
    PyObject *layout = args[0], *rules = args[1];
    if (!Py_IS_TYPE(layout, (PyTypeObject *)layout_class))
        return python(layout, rules);
    PyObject *lines = PyObject_GetAttr(layout, str_lines);
    PyObject *dateline = lines ? PyObject_GetAttr(layout, str_dateline) : NULL;
    PyObject *by_name = NULL, *title = NULL, *subtitle = NULL, *when = NULL, *authors = NULL, *editors = NULL,
             *sources = NULL, *place = NULL, *result = NULL;
    page p = {0};
    if (dateline == NULL)
        goto done;
    if (!PyTuple_CheckExact(lines) || (dateline != Py_None && !PyUnicode_CheckExact(dateline))) {
        result = python(layout, rules);
        goto done;
    }
    int odd = page_of(&p, lines);
    Py_ssize_t n = p.n, start, end, title_at, subtitle_at;
    if (!odd)
        odd = line_index(layout, str_start, n, &start);
    if (!odd)
        odd = line_index(layout, str_end, n, &end);
    if (!odd)
        odd = line_index(layout, str_title, n, &title_at);
    if (!odd)
        odd = line_index(layout, str_subtitle, n, &subtitle_at);
    if (odd) {
        if (odd > 0)
            result = python(layout, rules);
        goto done;
    }
    p.rules = rules;
    if (Py_IS_TYPE(rules, (PyTypeObject *)ruleset_class)) {
        by_name = PyObject_GetAttr(rules, str_by_name);
        if (by_name == NULL)
            goto done;
        if (PyDict_CheckExact(by_name))
            p.by_name = by_name;
    }

    Py_ssize_t headline = title_at;
    for (Py_ssize_t i = 0; headline < 0 && i < n; i++) {
        if (same_str(p.rule[i], footer_title))
            headline = i;
    }
    title = headline >= 0 ? headline_of(p.text[headline]) : Py_NewRef(Py_None);
    if (title == NULL)
        goto done;
    subtitle = Py_NewRef(subtitle_at >= 0 ? p.text[subtitle_at] : Py_None);
    if (article_meta(&p, start >= 0 ? start : n, end) < 0)
        goto done;
    if (title_at >= 0) {
        int differs = PyObject_RichCompareBool(title, p.text[title_at], Py_NE);
        if (differs < 0)
            goto done;
        if (differs) {
            PyObject *found = PyObject_CallFunctionObjArgs(joined_title_fields, p.text[title_at], rules, NULL);
            PyObject *iterator = found ? PyObject_GetIter(found) : NULL;
            Py_XDECREF(found);
            if (iterator == NULL)
                goto done;
            PyObject *item;
            while ((item = PyIter_Next(iterator)) != NULL) {
                PyObject *name, *value;
                int k = PyArg_ParseTuple(item, "OO", &name, &value) ? field_of(name) : -2;
                if (k == -1)
                    PyErr_SetObject(PyExc_KeyError, name);
                if (k < 0 || add(&p.found, title_at, k, Py_NewRef(value)) < 0) {
                    Py_DECREF(item);
                    Py_DECREF(iterator);
                    goto done;
                }
                Py_DECREF(item);
            }
            Py_DECREF(iterator);
            if (PyErr_Occurred())
                goto done;
        }
    }
    if ((when = published(&p, start >= 0 ? start : n)) == NULL || (authors = names(&p, F_AUTHOR)) == NULL
        || (editors = names(&p, F_EDITOR)) == NULL || (sources = names(&p, F_SOURCE)) == NULL)
        goto done;
    int truth = PyObject_IsTrue(dateline);
    if (truth < 0)
        goto done;
    place = truth ? Py_NewRef(dateline) : dateline_alone(&p, start);
    if (place == NULL)
        goto done;
    PyObject *values[] = {title, subtitle, when, authors, editors, sources, place};
    result = PyObject_Vectorcall(new_metadata, values, 7, NULL);
done:
    page_free(&p);
    Py_XDECREF(lines);
    Py_XDECREF(dateline);
    Py_XDECREF(by_name);
    Py_XDECREF(title);
    Py_XDECREF(subtitle);
    Py_XDECREF(when);
    Py_XDECREF(authors);
    Py_XDECREF(editors);
    Py_XDECREF(sources);
    Py_XDECREF(place);
    return result;
}

/* ---------------------------------------------------------------------------------------------------------------
 * Setup: metadata.py's constants, patterns and the functions it calls */

/* a compiled pattern's bound method (pattern.search...), kept in *out */
static int bind(PyObject *pattern, const char *method, PyObject **out)
{
    PyObject *bound = PyObject_GetAttrString(pattern, method);
    if (bound == NULL)
        return -1;
    Py_XSETREF(*out, bound);
    return 0;
}

/* module.NAME.method, kept in *out */
static int method_of(PyObject *module, const char *name, const char *method, PyObject **out)
{
    PyObject *pattern = NULL;
    if (nc_get_object(module, name, &pattern) < 0)
        return -1;
    int bound = bind(pattern, method, out);
    Py_DECREF(pattern);
    return bound;
}

static int intern(PyObject **out, const char *s)
{
    PyObject *value = PyUnicode_InternFromString(s);
    if (value == NULL)
        return -1;
    Py_XSETREF(*out, value);
    return 0;
}

/* a dates pattern's search and the number of each of its named groups */
static int group_numbers(PyObject *dates, const char *name, const char *const *groups, int count, Py_ssize_t *out,
                         PyObject **search)
{
    PyObject *pattern = NULL;
    if (nc_get_object(dates, name, &pattern) < 0)
        return -1;
    PyObject *index = bind(pattern, "search", search) < 0 ? NULL : PyObject_GetAttrString(pattern, "groupindex");
    Py_DECREF(pattern);
    if (index == NULL)
        return -1;
    for (int k = 0; k < count; k++) {
        PyObject *at = PyMapping_GetItemString(index, groups[k]);
        out[k] = at ? PyLong_AsSsize_t(at) : -1;
        Py_XDECREF(at);
        if (out[k] < 1) {
            Py_DECREF(index);
            if (!PyErr_Occurred())
                PyErr_Format(PyExc_ValueError, "dates.%s has no group %s", name, groups[k]);
            return -1;
        }
    }
    Py_DECREF(index);
    return 0;
}

static int dates_setup(void)
{
    PyObject *dates = PyImport_ImportModule("newsclean.dates"), *dt = NULL;
    int result = -1;
    if (dates == NULL)
        return -1;
    if (group_numbers(dates, "_DATE", date_groups, NDATE, date_group, &date_search) < 0
        || group_numbers(dates, "_TIME", time_groups, NTIME, time_group, &time_search) < 0
        || group_numbers(dates, "_ZONE", zone_groups, NZONE, zone_group, &zone_search) < 0
        || nc_get_object(dates, "fold", &fold_function) < 0 || nc_get_object(dates, "MONTHS", &months) < 0 || nc_get_object(dates, "ZONES", &zones) < 0
        || nc_get_object(dates, "DEFAULT_ZONE", &default_zone) < 0
        || nc_get_object(dates, "_NO_ZONE_OFFSET", &no_zone_offset) < 0
        || nc_get_object(dates, "_parse_date", &python_parse_date) < 0 || nc_get_object(dates, "dt", &dt) < 0
        || nc_get_object(dt, "date", &date_class) < 0 || nc_get_object(dt, "datetime", &datetime_class) < 0
        || nc_get_object(dt, "timedelta", &timedelta_class) < 0 || nc_get_object(dt, "timezone", &timezone_class) < 0
        || intern(&str_groups, "groups") < 0 || intern(&str_span, "span") < 0 || intern(&minus, "-") < 0)
        goto done;
    result = 0;
done:
    Py_DECREF(dates);
    Py_XDECREF(dt);
    return result;
}

int nc_metadata_setup(PyObject *module)
{
    PyObject *split = NULL, *rules_module = NULL, *header_module = NULL, *trim_chars = NULL, *field_tuple = NULL,
             *outlet_tail = NULL;
    int result = -1;
    for (int k = 0; k < NFIELDS; k++)
        if (intern(&fields[k], field_names[k]) < 0)
            goto done;
    if (intern(&empty, "") < 0 || intern(&space, " ") < 0 || intern(&str_strip, "strip") < 0
        || intern(&str_casefold, "casefold") < 0 || intern(&str_match, "match") < 0 || intern(&str_rule, "rule") < 0
        || intern(&str_by_name, "_by_name") < 0 || intern(&str_groupdict, "groupdict") < 0
        || intern(&str_lines, "lines") < 0 || intern(&str_dateline, "dateline") < 0 || intern(&str_start, "start") < 0
        || intern(&str_end, "end") < 0 || intern(&str_title, "title") < 0 || intern(&str_subtitle, "subtitle") < 0
        || intern(&str_fullmatch, "fullmatch") < 0)
        goto done;
    if (nc_get_object(module, "_SPLIT", &split) < 0)
        goto done;
    for (int k = F_AUTHOR; k <= F_SOURCE; k++) {
        PyObject *pattern = PyObject_GetItem(split, fields[k]);
        int bound = pattern ? bind(pattern, "split", &split_fn[k]) : -1;
        Py_XDECREF(pattern);
        if (bound < 0)
            goto done;
    }
    if (method_of(module, "_JOINED", "split", &joined_split) < 0 || method_of(module, "_ROLE", "match", &role_match) < 0
        || nc_get_object(module, "_OUTLET_TAIL", &outlet_tail) < 0 || bind(outlet_tail, "sub", &outlet_tail_sub) < 0
        || bind(outlet_tail, "search", &outlet_tail_search) < 0
        || method_of(module, "_ASIDE", "sub", &aside_sub) < 0
        || method_of(module, "_PLACE_SHAPE", "fullmatch", &place_shape_fullmatch) < 0
        || method_of(module, "_NOT_NAME", "search", &not_name_search) < 0
        || method_of(module, "_DEGREE", "fullmatch", &degree_fullmatch) < 0
        || method_of(module, "_SECTION", "search", &section_search) < 0
        || method_of(module, "_PERSON", "fullmatch", &person_fullmatch) < 0
        || method_of(module, "_SITE_TAG", "search", &site_tag_search) < 0
        || method_of(module, "NAME", "fullmatch", &name_fullmatch) < 0
        || nc_get_object(module, "_PLACES", &places) < 0 || nc_get_object(module, "_LIST_STARTS", &list_starts) < 0
        || nc_get_object(module, "_CREDIT_GROUPS", &credit_groups) < 0
        || nc_get_object(module, "_STRUCTURAL", &structural) < 0 || nc_get_object(module, "_PREVIOUS", &previous) < 0
        || nc_get_object(module, "BYLINE_NAME", &byline_name) < 0
        || nc_get_object(module, "FOOTER_TITLE", &footer_title) < 0
        || nc_get_long(module, "_FOOTER_REACH", &footer_reach) < 0
        || nc_get_long(module, "_MAX_INITIALS", &max_initials) < 0
        || nc_get_object(module, "new_metadata", &new_metadata) < 0
        || nc_get_object(module, "Layout", &layout_class) < 0
        || nc_get_object(module, "Line", &line_class) < 0
        || nc_get_object(module, "CompiledRuleSet", &ruleset_class) < 0
        || nc_get_object(module, "extract", &python_extract) < 0
        || method_of(module, "JOINED_PARTS", "split", &joined_parts_split) < 0
        || nc_get_object(module, "date_part", &date_part) < 0
        || nc_get_object(module, "_joined_title_fields", &joined_title_fields) < 0
        || nc_get_object(module, "_compiled", &python_compiled) < 0 || nc_get_object(module, "timed", &timed) < 0
        || nc_get_object(module, "_TRIM", &trim_chars) < 0 || nc_get_object(module, "FIELDS", &field_tuple) < 0)
        goto done;
    if (dates_setup() < 0)
        goto done;
    PyObject *kept = PyObject_CallMethod(python_compiled, "cache_parameters", NULL);
    PyObject *most = kept ? PyMapping_GetItemString(kept, "maxsize") : NULL;
    Py_XDECREF(kept);
    compiled_cache_size = most ? PyLong_AsSsize_t(most) : -1;
    Py_XDECREF(most);
    if (compiled_cache_size < 1) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "metadata._compiled keeps no patterns");
        goto done;
    }
    /* the time limit of pattern calls where the page timer cannot run (rules.timed reads it) */
    header_module = PyImport_ImportModule("newsclean.header");
    if (header_module == NULL || nc_get_long(header_module, "_HEADLINE_SPACES", &headline_spaces) < 0)
        goto done;
    rules_module = PyImport_ImportModule("newsclean.rules");
    if (rules_module == NULL || nc_get_object(rules_module, "_deadline", &deadline) < 0
        || nc_get_long(rules_module, "_CACHED_LINE", &cached_line) < 0
        || nc_get_long(rules_module, "_CACHE_SIZE", &cache_size) < 0)
        goto done;
    if (!PyContextVar_CheckExact(deadline) || !PyUnicode_Check(trim_chars) || !PyAnySet_Check(places)
        || !PyAnySet_Check(list_starts) || !PyTuple_Check(credit_groups) || !PyUnicode_Check(structural)
        || !PyUnicode_Check(byline_name) || !PyUnicode_Check(footer_title) || !PyType_Check(line_class)
        || !PyType_Check(layout_class) || !PyType_Check(ruleset_class) || !PyTuple_Check(field_tuple)) {
        PyErr_SetString(PyExc_TypeError, "newsclean.metadata's constants are not of the types the native core reads");
        goto done;
    }
    for (int k = 0; k < NFIELDS; k++) {
        int known = PySequence_Contains(field_tuple, fields[k]);
        if (known <= 0) {
            if (known == 0)
                PyErr_Format(PyExc_ValueError, "%s is not one of rules.FIELDS", field_names[k]);
            goto done;
        }
    }
    if (PyTuple_GET_SIZE(field_tuple) != NFIELDS) {
        PyErr_SetString(PyExc_ValueError, "rules.FIELDS holds fields the native metadata pass does not know");
        goto done;
    }
    Py_ssize_t count = PyUnicode_GET_LENGTH(trim_chars);
    Py_UCS4 *chars = PyMem_Malloc((size_t)(count ? count : 1) * sizeof(Py_UCS4));
    if (chars == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t k = 0; k < count; k++)
        chars[k] = PyUnicode_READ_CHAR(trim_chars, k);
    PyMem_Free(trim);
    trim = chars, ntrim = count;
    /* module.c set the labels up before this */
    meta_label = nc_label_object(NC_META), blank_label = nc_label_object(NC_BLANK), body_label = nc_label_object(NC_BODY);
    if (compiled_cache == NULL && (compiled_cache = PyDict_New()) == NULL)
        goto done;
    PyDict_Clear(compiled_cache);
    if (groups_cache == NULL && (groups_cache = PyDict_New()) == NULL)
        goto done;
    PyDict_Clear(groups_cache);
    if (dates_cache == NULL && (dates_cache = PyDict_New()) == NULL)
        goto done;
    PyDict_Clear(dates_cache);
    for (int k = F_AUTHOR; k <= F_SOURCE; k++) {
        if (names_cache[k] == NULL && (names_cache[k] = PyDict_New()) == NULL)
            goto done;
        PyDict_Clear(names_cache[k]);
    }
    result = 0;
done:
    Py_XDECREF(split);
    Py_XDECREF(rules_module);
    Py_XDECREF(header_module);
    Py_XDECREF(trim_chars);
    Py_XDECREF(field_tuple);
    Py_XDECREF(outlet_tail);
    return result;
}

static PyObject *py_parse_date(PyObject *self, PyObject *text)
{
    (void)self;
    return read_date(text);
}

PyMethodDef nc_metadata_methods[] = {
    {"extract", (PyCFunction)(void (*)(void))extract, METH_FASTCALL, "metadata.extract"},
    {"parse_date", py_parse_date, METH_O, "dates.parse_date"},
    {NULL, NULL, 0, NULL},
};
