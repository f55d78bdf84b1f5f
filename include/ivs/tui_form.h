/* tui_form.h: the form of one resource, generated from its field table
 * (schema.h): no per-field screen code. Which rows show, how each value
 * reads (set value, or the default dimmed), the range hint, the field's
 * problems. Pure: no curses, testable without a terminal.
 *
 * A tui_form borrows the resource; rebuild it (tui_form_build) after an
 * edit that can change which rows show (a group switched on or off, the
 * entry imported or not). */
#ifndef IVS_TUI_FORM_H
#define IVS_TUI_FORM_H

#include <stdbool.h>

#include "ivs/model.h"

#define TUI_FORM_MAX 64

struct tui_form_row {
	int field;        /* index in the kind's field table */
	int depth;        /* 0, or 1 for a group's child */
};

struct tui_form {
	const struct ivs_res *res;
	struct tui_form_row rows[TUI_FORM_MAX];
	int n;
};

/* Rows in table order. A group's children show only while the group is
 * set. On an imported entry, fields it may not have are hidden unless set
 * (so their error stays visible). */
void tui_form_build(struct tui_form *f, const struct ivs_res *r);
/* Row showing field, or -1. */
int tui_form_row_of(const struct tui_form *f, int field);

/* How a value reads in the form (appended to out). Unset: the default
 * text (def_text), and *is_default = true. BOOL and GROUP: "[x]"/"[ ]"
 * check boxes; TEXT: the first line and the number of lines; CHILDREN:
 * the count. */
void tui_form_value(const struct ivs_res *r, int field, struct ivs_buf *out, bool *is_default);
/* The hint after a value: an integer's range "1-60", "Enter: choose" for
 * lists... (appended; may append nothing). */
void tui_form_hint(const struct ivs_res *r, int field, struct ivs_buf *out);

/* Whether a field is edited with the line editor (ID, STRING, INT). */
bool tui_form_is_text(const struct ivs_field *f);

/* The most severe problem r->diags holds for field (or, for a group row,
 * for any of its children); NULL when none. */
const struct ivs_diag *tui_form_field_diag(const struct ivs_res *r, int field);

/* Ids of the entries a REF field may point to, in list order (borrowed
 * strings, valid until the next edit); *n set. Caller frees the array. */
const char **tui_form_ref_targets(const struct ivs_project *p, const struct ivs_field *f,
                                  size_t *n);

/* The same for field of r, following the table's columns: a REF with a
 * kind mask (an output's resource) lists the entries of every kind of the
 * mask that create a resource; a REF to a child kind (an output's
 * stream_key) lists the children of the entry its ref_parent row names. */
const char **tui_form_ref_targets_for(const struct ivs_project *p, const struct ivs_res *r,
                                      int field, size_t *n);
/* The entry whose child list a child REF (ref_parent) points into, NULL
 * when the field is no such REF or that entry is not there. */
struct ivs_res *tui_form_ref_holder(const struct ivs_project *p, const struct ivs_res *r,
                                    int field);

/* Parses "key=value" (value may be empty; key is what is before the first
 * '='). Returns 0 with *key and *value allocated, -1 when there is no '='
 * or the key is empty. */
int tui_form_parse_tag(const char *text, char **key, char **value);

#endif
