/* editor_int.h: inside the editor (src/tui/editor*.c only): its state
 * and the functions its three files share. editor.c: selection, keys and
 * resource actions; editor_draw.c: the tree, the form and the preview;
 * editor_form.c: editing a field and the field actions. Everything here
 * borrows the app and the project; the editor owns its tree, form, line
 * editor and preview text (tui_editor_free). */
#ifndef SRC_TUI_EDITOR_INT_H
#define SRC_TUI_EDITOR_INT_H

#include "ivs/tui_form.h"
#include "ivs/tui_lineedit.h"
#include "ivs/tui_tree.h"
#include "app.h"
#include "editor.h"

enum focus { FOCUS_TREE, FOCUS_FORM, FOCUS_PREVIEW };

struct tui_editor {
	struct tui_tree tree;
	size_t tsel, ttop;
	enum focus focus;
	struct tui_form form;
	int fsel, ftop;
	bool preview;
	int pscroll;
	char *ptext;
	const struct ivs_res *pres;
	unsigned long pgen;
	/* the field being edited */
	bool editing;
	struct tui_le *le;
	struct ivs_res *eres;
	int efield;
	bool stored;
	bool was_modified;         /* the project, when the edit began */
	struct ivs_diags cand;
	bool dirty;                /* typed text not stored yet (a burst) */
	bool new_id;               /* the id of an entry just added: its add
	                            * and its naming are one undo step */
	/* type-ahead on a choice or reference field */
	char ta[64];
	size_t ta_len;
	const struct ivs_res *ta_res;
	int ta_field;
	/* jump to a field by name (/) */
	bool jumping;
	struct tui_le *jle;
	int jump_from;
	/* layout of the last draw, for the mouse */
	int ty, tx, th, tw, fy, fx, fh, fw;
	int form_line_row[128];
	int form_lines;
};


/* A field of an entry, for dialog callbacks (freed by the dialog). */
struct fctx {
	struct ivs_res *r;
	int field;
};

const char *tui_ed_str(const struct ivs_buf *b);
/* The kind `add` adds: the selected row's (on a page without stream keys,
 * a stream key's channel). */
enum ivs_kind tui_editor_add_kind(const struct tui_editor *ed);
struct ivs_res *tui_ed_sel_res(const struct tui_editor *ed);
enum ivs_kind tui_ed_sel_kind(const struct tui_editor *ed);
struct fctx *tui_ed_fctx_new(struct ivs_res *r, int field);
void tui_ed_after_edit(struct tui_app *a);

/* editor_draw.c */
void tui_ed_draw_tree(struct tui_app *a, struct tui_editor *ed, int y, int x, int h, int w);
void tui_ed_draw_form(struct tui_app *a, struct tui_editor *ed, int y, int x, int h, int w);
void tui_ed_draw_preview(struct tui_app *a, struct tui_editor *ed, int y, int x, int h, int w);

/* editor_form.c */
void tui_ed_edit_start(struct tui_app *a, struct tui_editor *ed, struct ivs_res *r, int field);
void tui_ed_edit_end(struct tui_app *a, struct tui_editor *ed);
bool tui_ed_edit_key(struct tui_app *a, struct tui_editor *ed, int key);
/* Stores and checks typed text a burst of keys left pending. */
void tui_ed_flush(struct tui_app *a, struct tui_editor *ed);
void tui_ed_form_activate(struct tui_app *a, struct tui_editor *ed, enum tui_action act);
void tui_ed_key_file(struct tui_app *a, struct tui_editor *ed, enum tui_action act);
/* editor_refs.c: the pick list of a REF field ("(none)", the entries,
 * "+ new KIND"). */
void tui_ed_ref_pick(struct tui_app *a, struct ivs_res *r, int field);
/* The multi-pick of a REF_LIST field (the entries of its kind, checked
 * when listed). */
void tui_ed_ids_pick(struct tui_app *a, struct ivs_res *r, int field);
/* The choice among the rows of field's one-of set: the others are unset,
 * then the chosen one is edited. */
void tui_ed_one_of_pick(struct tui_app *a, struct ivs_res *r, int field);
/* On a channel (or one of its stream keys): adds the outputs people need
 * after deploy, those it does not have yet, in one undo step. */
void tui_ed_add_outputs(struct tui_app *a, struct tui_editor *ed);

/* A bracketed paste (tui_paste_text) on the form: into the field. */
void tui_ed_paste(struct tui_app *a, struct tui_editor *ed);
/* Type-ahead on a choice or reference field: text typed (append: after
 * what was typed before) picks the first value that starts with it. Returns
 * false when the selected row is not such a field. */
bool tui_ed_typeahead(struct tui_app *a, struct tui_editor *ed, const char *text, bool append);
/* Whether key types into a choice field's type-ahead. */
bool tui_ed_typeahead_key(const struct tui_editor *ed, int key);
/* A key on the form that types (type-ahead): true when used. */
bool tui_ed_form_char(struct tui_app *a, struct tui_editor *ed, int key);
/* Jump to a field (/): start, keys, and the line drawn at the bottom. */
void tui_ed_jump_start(struct tui_app *a, struct tui_editor *ed);
bool tui_ed_jump_key(struct tui_app *a, struct tui_editor *ed, int key);
/* problems.c: where a problem is, named as the user named it
 * ("StageLeft: recording_configuration", "stack: name", "Main/Key: id");
 * the file path only for what has no id. */
void tui_problem_place(const struct ivs_diag *d, char *out, size_t size);
/* The problem shown under a field (the candidate's while editing it). */
const struct ivs_diag *tui_ed_row_diag(const struct tui_editor *ed, const struct ivs_res *r,
                                       int field);

#endif
