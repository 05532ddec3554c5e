/* The native structural passes: shared declarations.
 *
 * The Python modules (shape.py, body.py, header.py, label.py, normalize.py, metadata.py) are the reference;
 * each C file here is the same pass over a page held as C arrays, reading its constants and its patterns from
 * the Python module at setup (one place for every threshold and pattern: the Python module's).  A pass that
 * needs a pattern calls the module's compiled ``regex`` pattern (nc_fullmatch and friends).
 */
#ifndef NEWSCLEAN_STRUCTURE_H
#define NEWSCLEAN_STRUCTURE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Labels, in the order of newsclean.model.Label; NC_NONE: no label yet. */
enum {
    NC_NONE = -1,
    NC_BODY, NC_TITLE, NC_SUBTITLE, NC_META, NC_CAPTION, NC_RELATED, NC_NAV, NC_AD, NC_PROMO, NC_UI, NC_BLANK,
    NC_NLABELS
};

/* What the passes read of a rules.Rule: one record for every pass, read once a process (nc_rule_read).  The
   objects are borrowed from the Rule (frozen: it keeps them), valid while the caller holds the Rule (the page's
   matched list, a pass's hits). */
typedef struct {
    PyObject *obj;      /* the Rule */
    PyObject *name;     /* str */
    PyObject *pattern;  /* str or None */
    PyObject *previous_field, *next_field; /* str or None */
    int label;          /* NC_* */
    int previous, next; /* NC_* or NC_NONE */
    int stops, opens_body, previous_echo, claims_list;
    int has_date, has_author; /* the pattern reads a date (header.DATE_FIELD) / a writer (header.AUTHOR_FIELD) */
} nc_rule;

/* A page: its normalised lines, each line's label and matched rule. */
typedef struct {
    Py_ssize_t n;
    PyObject **text;     /* borrowed str objects */
    signed char *label;  /* NC_NONE or a label */
    int *rule;           /* index into rules, -1 for none */
    nc_rule *rules;
    Py_ssize_t nrules, caprules;
} nc_page;

/* module.c: labels and pages */
PyObject *nc_label_object(int label);          /* borrowed; Py_None for NC_NONE */
int nc_label_index(PyObject *label);           /* NC_* or NC_NONE for None; -2 with an exception set */
int nc_page_init(nc_page *page, PyObject *text, PyObject *labels, PyObject *matched); /* matched may be NULL */
void nc_page_free(nc_page *page);
int nc_page_store_labels(const nc_page *page, PyObject *labels); /* write labels back into a Python list */
/* The record of a Rule, copied into *out from the process's table (read and kept there on first sight): 0, or -1
   with an exception set (AttributeError, TypeError: not a Rule).  A copy, never a pointer into the table, which
   is emptied whole when full. */
int nc_rule_read(PyObject *rule, nc_rule *out);
int nc_rule_of(nc_page *page, PyObject *rule);                   /* index of a Rule in page->rules, -1 error */
const nc_rule *nc_page_rule(const nc_page *page, Py_ssize_t i); /* NULL when no rule named line i */
Py_ssize_t nc_neighbour(const nc_page *page, Py_ssize_t i, int step); /* -1: none */
Py_ssize_t nc_past_meta(const nc_page *page, Py_ssize_t i, int step); /* -1: none */

/* Constants read from a Python module at setup: 0 on success, -1 with an exception set. */
int nc_get_long(PyObject *module, const char *name, long *out);
int nc_get_double(PyObject *module, const char *name, double *out);
int nc_get_object(PyObject *module, const char *name, PyObject **out); /* new reference kept by the caller */

/* Calling a compiled regex pattern (regex.Pattern) on a str: 1 matched, 0 not, -1 error. */
int nc_fullmatch(PyObject *pattern, PyObject *s);
int nc_match(PyObject *pattern, PyObject *s);
int nc_search(PyObject *pattern, PyObject *s);

/* shape.c: the shape of a line (newsclean.shape); each returns -1 with an exception set on error. */
int nc_shape_setup(PyObject *shape_module);
int nc_is_prose(PyObject *s);
double nc_capitalised_share(PyObject *s, int figures, Py_ssize_t least); /* -1.0 on error */
int nc_headline_shaped(PyObject *s);
int nc_is_paragraph(PyObject *s);
int nc_list_item(PyObject *s, int figures);
long nc_number_of(PyObject *s);  /* the item's number, -1 for none, -2 on error */
long nc_max_headline(void);
extern PyObject *nc_NAME;        /* shape.NAME */
extern PyObject *nc_TERMINAL;    /* shape.TERMINAL, a frozenset of one-character str */
int nc_is_space(Py_UCS4 c);      /* str.isspace / str.split's white space */
int nc_may_be_space(Py_UCS4 c);  /* the regex module's \s may match it: ASCII white space, 0x1C-0x1F, or past ASCII */
int nc_in_terminal(Py_UCS4 c);

/* Each pass's file: its methods and its setup from its Python module. */
extern PyMethodDef nc_shape_methods[];
extern PyMethodDef nc_body_methods[];
extern PyMethodDef nc_header_methods[];
extern PyMethodDef nc_label_methods[];
extern PyMethodDef nc_normalize_methods[];
extern PyMethodDef nc_metadata_methods[];
extern PyMethodDef nc_record_methods[];
int nc_body_setup(PyObject *module);
int nc_is_credit(PyObject *line); /* body.is_credit: 1, 0, or -1 with an exception set */
int nc_header_setup(PyObject *module);
int nc_label_setup(PyObject *module);
int nc_normalize_setup(PyObject *module);
int nc_metadata_setup(PyObject *module);
int nc_record_setup(PyObject *module); /* record.c: the record writer (newsclean.record) */

#endif
