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

/* The problem shown under a field (the candidate's while editing it). */
const struct ivs_diag *tui_ed_row_diag(const struct tui_editor *ed, const struct ivs_res *r,
                                       int field);

#endif
