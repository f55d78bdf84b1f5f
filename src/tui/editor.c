/* editor.c: the editor: the resource tree beside the form of the selected
 * resource, with an optional template preview. This file: selection,
 * structure changes, keys, resource actions (add, delete, rename,
 * duplicate, move) and the editor screen. The wizard uses the same
 * component with the tree limited to the kinds of one step. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/export.h"
#include "ivs/fsutil.h"
#include "ivs/token.h"
#include "ivs/validate.h"
#include "app.h"
#include "dialog.h"
#include "draw.h"
#include "editor.h"
#include "editor_int.h"

const char *tui_ed_str(const struct ivs_buf *b)
{
	return b->data ? b->data : "";
}

struct ivs_res *tui_ed_sel_res(const struct tui_editor *ed)
{
	return ed->tsel < ed->tree.n ? ed->tree.v[ed->tsel].res : NULL;
}

enum ivs_kind tui_ed_sel_kind(const struct tui_editor *ed)
{
	return ed->tsel < ed->tree.n ? ed->tree.v[ed->tsel].kind : IVS_KIND_CHANNEL;
}

struct tui_editor *tui_editor_new(struct tui_app *a, unsigned kinds)
{
	struct tui_editor *ed = ivs_xcalloc(1, sizeof *ed);
	tui_tree_init(&ed->tree, kinds);
	ivs_diags_init(&ed->cand);
	tui_tree_rebuild(&ed->tree, a->p);
	return ed;
}

void tui_ed_edit_end(struct tui_app *a, struct tui_editor *ed)
{
	tui_le_free(ed->le);
	ed->le = NULL;
	ed->dirty = false;
	ed->editing = false;
	ed->new_id = false;
	ed->eres = NULL;
	ivs_diags_clear(&ed->cand);
	if (a)
		ivs_edit_coalesce_break(a->p);
}

void tui_editor_free(struct tui_editor *ed)
{
	if (!ed)
		return;
	tui_le_free(ed->le);
	tui_le_free(ed->jle);
	ivs_diags_free(&ed->cand);
	tui_tree_free(&ed->tree);
	free(ed->ptext);
	free(ed);
}

bool tui_editor_editing(const struct tui_editor *ed)
{
	return ed->editing || ed->jumping;
}

void tui_editor_toggle_preview(struct tui_editor *ed)
{
	ed->preview = !ed->preview;
	ed->pscroll = 0;
	if (!ed->preview && ed->focus == FOCUS_PREVIEW)
		ed->focus = FOCUS_FORM;
}

enum tui_context tui_editor_context(const struct tui_editor *ed)
{
	if (ed->editing || ed->jumping)
		return TUI_CTX_EDIT;
	return ed->focus == FOCUS_TREE ? TUI_CTX_TREE : TUI_CTX_FORM;
}

/* Rebuilds the form when the selection or the model changed. */
void tui_ed_form_sync(struct tui_editor *ed)
{
	struct ivs_res *r = tui_ed_sel_res(ed);
	if (!r) {
		ed->form.res = NULL;
		ed->form.n = 0;
		return;
	}
	int field = ed->form.res == r && ed->fsel < ed->form.n ? ed->form.rows[ed->fsel].field : -1;
	bool same = ed->form.res == r;
	tui_form_build(&ed->form, r);
	int row = field >= 0 ? tui_form_row_of(&ed->form, field) : -1;
	if (row < 0 && same && ed->fsel < ed->form.n)
		row = ed->fsel;
	if (row < 0) {
		row = 0;
		ed->ftop = 0;
	}
	ed->fsel = row;
}

void tui_editor_structure(struct tui_app *a, struct tui_editor *ed)
{
	struct ivs_res *r = tui_ed_sel_res(ed);
	enum ivs_kind kind = tui_ed_sel_kind(ed);
	tui_tree_rebuild(&ed->tree, a->p);
	size_t i = r && r->in_model ? tui_tree_find(&ed->tree, r) : SIZE_MAX;
	if (i == SIZE_MAX) {
		/* The entry went away: stay near where it was, on its kind. */
		for (size_t j = 0; j < ed->tree.n; j++)
			if (ed->tree.v[j].kind == kind && ed->tree.v[j].type == TUI_TREE_HEAD)
				i = j;
		if (i == SIZE_MAX)
			i = ed->tsel < ed->tree.n ? ed->tsel : (ed->tree.n ? ed->tree.n - 1 : 0);
		/* (an undone add, a delete): the tree has the focus again */
		if (r)
			ed->focus = FOCUS_TREE;
	}
	ed->tsel = tui_tree_step(&ed->tree, i, 1);
	if (ed->editing && (!ed->eres || !ed->eres->in_model))
		tui_ed_edit_end(a, ed);
	tui_ed_form_sync(ed);
}

void tui_editor_set_kinds(struct tui_app *a, struct tui_editor *ed, unsigned kinds)
{
	if (ed->editing)
		tui_ed_edit_end(a, ed);
	ed->tree.kinds = kinds;
	tui_tree_rebuild(&ed->tree, a->p);
	ed->tsel = 0;
	ed->ttop = 0;
	for (size_t i = 0; i < ed->tree.n; i++)
		if (ed->tree.v[i].type == TUI_TREE_RES) {
			ed->tsel = i;
			break;
		}
	ed->focus = tui_ed_sel_res(ed) ? FOCUS_FORM : FOCUS_TREE;
	ed->form.res = NULL;
	tui_ed_form_sync(ed);
}

void tui_editor_select(struct tui_app *a, struct tui_editor *ed, const struct ivs_res *r,
                       int field)
{
	(void)a;
	if (ed->editing)
		tui_ed_edit_end(a, ed);
	/* Most often r is the selected entry (undo of what was just typed):
	 * no need to scan the rows. */
	size_t i = ed->tsel < ed->tree.n && ed->tree.v[ed->tsel].res == r
	                   ? ed->tsel : tui_tree_find(&ed->tree, r);
	if (i == SIZE_MAX)
		return;
	ed->tsel = i;
	ed->form.res = NULL;
	tui_ed_form_sync(ed);
	if (field >= 0) {
		if (ivs_res_info(r)->fields[field].parent >= 0 &&
		    tui_form_row_of(&ed->form, field) < 0)
			field = ivs_res_info(r)->fields[field].parent;
		int row = tui_form_row_of(&ed->form, field);
		if (row >= 0)
			ed->fsel = row;
		ed->focus = FOCUS_FORM;
	}
}

/* ---- drawing ---- */

static void add_entry(struct tui_app *a, struct tui_editor *ed, enum ivs_kind kind)
{
	const struct ivs_kind_info *ki = ivs_kind_info(kind);
	struct ivs_res *r;
	if (ki->role == IVS_ROLE_ROOT) {
		tui_status(a, true, "There is one stack: select a list (Buckets, Channels...) to add to");
		return;
	}
	if (ki->role == IVS_ROLE_CHILD) {
		struct ivs_res *c = tui_ed_sel_res(ed);
		if (c && c->kind == kind)
			c = c->parent;
		if (!c || c->kind != ki->parent) {
			tui_status(a, true, "Select %s %s to add %s %s to",
			           ivs_article(ivs_kind_info(ki->parent)->name),
			           ivs_kind_info(ki->parent)->name, ivs_article(ki->name), ki->name);
			return;
		}
		const struct ivs_list *kids = ivs_res_children(c);
		char *id = kids->n ? ivs_xasprintf("%s%zu", ki->id_prefix, kids->n + 1)
		                   : ivs_xstrdup(ki->id_prefix);
		r = ivs_edit_add(a->p, kind, c, id, SIZE_MAX);
		free(id);
	} else {
		char *id = ivs_project_unique_id(a->p, ki->id_prefix);
		r = ivs_edit_add(a->p, kind, NULL, id, SIZE_MAX);
		free(id);
	}
	tui_validate(a);
	tui_editor_structure(a, ed);
	if (r) {
		tui_editor_select(a, ed, r, -1);
		ed->focus = FOCUS_FORM;
		ed->fsel = 0;
		/* Ask for the id: the default is selected, typing replaces it. */
		tui_ed_edit_start(a, ed, r, 0);
		tui_le_select_all(ed->le);
		ed->new_id = true;
		tui_status(a, false, "Added %s: type its id (Enter keeps %s)", ivs_res_info(r)->name,
		           r->id);
	}
}

struct refs {
	const struct ivs_res *target;
	struct ivs_buf who;
	size_t n;
};

static void find_ref(struct ivs_res *r, void *ctx)
{
	struct refs *c = ctx;
	const struct ivs_kind_info *ki = ivs_res_info(r);
	for (int f = 0; f < ki->nfields; f++) {
		const char *v;
		if (ki->fields[f].type != IVS_FT_REF || ki->fields[f].ref != c->target->kind ||
		    !(v = ivs_res_get_str(r, f)) || strcmp(v, c->target->id) != 0)
			continue;
		if (c->n < 3)
			ivs_buf_printf(&c->who, "%s%s.%s", c->n ? ", " : "", r->id ? r->id : "stack",
			               ki->fields[f].key);
		c->n++;
	}
}

/* "Channel StageLeft.recording_configuration, ..." for the entries that
 * refer to r (appended); returns how many. */
static size_t referrers(const struct ivs_project *p, const struct ivs_res *r, struct ivs_buf *out)
{
	struct refs c = {.target = r};
	ivs_buf_init(&c.who);
	if (r->id)
		ivs_project_each(p, find_ref, &c);
	if (c.n) {
		ivs_buf_puts(out, c.who.data);
		if (c.n > 3)
			ivs_buf_printf(out, " and %zu more", c.n - 3);
	}
	ivs_buf_free(&c.who);
	return c.n;
}

static void delete_confirmed(struct tui_app *a, int choice, void *ctx)
{
	struct fctx *c = ctx;
	if (choice != 'y')
		return;
	struct tui_editor *ed = tui_current_editor(a);
	char *id = ivs_xstrdup(c->r->id);
	ivs_edit_remove(a->p, c->r);
	tui_validate(a);
	if (ed)
		tui_editor_structure(a, ed);
	char key[24];
	tui_status(a, false, "Deleted %s (%s undoes)", id,
	           tui_key_name(tui_keymap_key_for(a->km, TUI_CTX_GENERIC, TUI_ACT_UNDO), key,
	                        sizeof key));
	free(id);
}

enum ivs_kind tui_editor_add_kind(const struct tui_editor *ed)
{
	enum ivs_kind k = tui_ed_sel_kind(ed);
	/* A page whose kinds do not name the child kind (the wizard's
	 * Channels, showing stream keys under them): add adds the page's
	 * kind, the parent; s adds children. */
	const struct ivs_kind_info *ki = ivs_kind_info(k);
	if (ki->role == IVS_ROLE_CHILD && !(ed->tree.kinds & (1u << k)))
		return ki->parent;
	return k;
}

static bool res_action(struct tui_app *a, struct tui_editor *ed, enum tui_action act)
{
	struct ivs_res *r = tui_ed_sel_res(ed);
	switch (act) {
	case TUI_ACT_ADD:
		add_entry(a, ed, tui_editor_add_kind(ed));
		return true;
	case TUI_ACT_ADD_KEY: {
		/* the child kind of the selected entry (or of its parent) */
		const struct ivs_res *h = r && r->parent ? r->parent : r;
		enum ivs_kind ck = h ? ivs_kind_child(h->kind) : IVS_KIND_COUNT;
		add_entry(a, ed, ck < IVS_KIND_COUNT ? ck : IVS_KIND_STREAM_KEY);
		return true;
	}
	case TUI_ACT_ADD_OUTPUTS:
		tui_ed_add_outputs(a, ed);
		return true;
	case TUI_ACT_DELETE:
		if (!r || r->kind == IVS_KIND_STACK)
			tui_status(a, true, "Select an entry to delete (the stack stays)");
		if (r && r->kind != IVS_KIND_STACK) {
			static const char *const labels[] = {"Yes, delete", "Cancel"};
			char *msg;
			const struct ivs_list *kids = ivs_res_children(r);
			if (kids && kids->n)
				msg = ivs_xasprintf("Delete %s %s and its %zu %s(s)?", ivs_res_info(r)->name,
				                    r->id, kids->n, ivs_kind_info(kids->v[0]->kind)->name);
			else
				msg = ivs_xasprintf("Delete %s %s?", ivs_res_info(r)->name, r->id);
			struct ivs_buf who;
			ivs_buf_init(&who);
			size_t n = referrers(a->p, r, &who);
			if (n) {
				char *m2 = ivs_xasprintf("%s\n%s refer%s to it: %s (an error until changed).",
				                         msg, n == 1 ? "This field" : "These fields",
				                         n == 1 ? "s" : "", who.data);
				free(msg);
				msg = m2;
			}
			ivs_buf_free(&who);
			tui_confirm(a, "Delete", msg, "yc", labels, delete_confirmed, tui_ed_fctx_new(r, -1));
			free(msg);
		}
		return true;
	case TUI_ACT_RENAME:
		if (r && r->kind != IVS_KIND_STACK) {
			ed->focus = FOCUS_FORM;
			tui_ed_form_sync(ed);
			ed->fsel = 0;
			tui_ed_edit_start(a, ed, r, 0);
		}
		return true;
	case TUI_ACT_DUPLICATE:
		if (r && r->kind != IVS_KIND_STACK) {
			struct ivs_res *d = ivs_edit_duplicate(a->p, r);
			tui_validate(a);
			tui_editor_structure(a, ed);
			if (d) {
				tui_editor_select(a, ed, d, -1);
				tui_status(a, false, "Duplicated as %s", d->id);
			}
		}
		return true;
	case TUI_ACT_MOVE_UP:
	case TUI_ACT_MOVE_DOWN:
		if (r && r->kind != IVS_KIND_STACK) {
			const struct ivs_list *l = ivs_res_siblings(a->p, r);
			if (act == TUI_ACT_MOVE_UP && r->index > 0)
				ivs_edit_move(a->p, r, r->index - 1);
			else if (act == TUI_ACT_MOVE_DOWN && r->index + 1 < l->n)
				ivs_edit_move(a->p, r, r->index + 1);
			tui_validate(a);
			tui_editor_structure(a, ed);
		}
		return true;
	default:
		return false;
	}
}

static void move_sel(size_t *sel, size_t n, enum tui_action act, int page)
{
	if (!n)
		return;
	switch (act) {
	case TUI_ACT_UP: if (*sel) (*sel)--; break;
	case TUI_ACT_DOWN: if (*sel + 1 < n) (*sel)++; break;
	case TUI_ACT_PAGE_UP: *sel = *sel > (size_t)page ? *sel - (size_t)page : 0; break;
	case TUI_ACT_PAGE_DOWN: *sel = *sel + (size_t)page < n ? *sel + (size_t)page : n - 1; break;
	case TUI_ACT_FIRST: *sel = 0; break;
	case TUI_ACT_LAST: *sel = n - 1; break;
	default: break;
	}
}

static bool mouse(struct tui_app *a, struct tui_editor *ed)
{
	int y = a->mouse_y, x = a->mouse_x;
	if (x >= ed->tx && x < ed->tx + ed->tw && y >= ed->ty && y < ed->ty + ed->th) {
		size_t k = ed->ttop + (size_t)(y - ed->ty);
		if (k < ed->tree.n) {
			ed->tsel = tui_tree_step(&ed->tree, k, 1);
			ed->focus = FOCUS_TREE;
			tui_ed_form_sync(ed);
		}
		return true;
	}
	if (x >= ed->fx && x < ed->fx + ed->fw && y >= ed->fy + 2 && y < ed->fy + ed->fh) {
		int line = y - ed->fy - 2;
		if (line < ed->form_lines && line < (int)IVS_ARRAY_LEN(ed->form_line_row) &&
		    ed->form_line_row[line] >= 0) {
			ed->fsel = ed->form_line_row[line];
			ed->focus = FOCUS_FORM;
		}
		return true;
	}
	return false;
}

bool tui_editor_key(struct tui_app *a, struct tui_editor *ed, int key)
{
	/* A message is about the key before: the next one clears it. */
	if (key != TUI_FN(KEY_RESIZE))
		a->status[0] = 0;
	if (ed->jumping)
		return tui_ed_jump_key(a, ed, key);
	if (ed->editing)
		return tui_ed_edit_key(a, ed, key);
	if (key == TUI_FN(KEY_MOUSE))
		return mouse(a, ed);
	tui_ed_form_sync(ed);
	if (key == TUI_KEY_PASTE) {
		tui_ed_paste(a, ed);
		return true;
	}
	/* On a choice or reference field, letters pick a value (type-ahead):
	 * typing "standard" on type never runs s, t, a... as commands. */
	if (tui_ed_form_char(a, ed, key))
		return true;
	ed->ta_len = 0;
	enum tui_context ctx = tui_editor_context(ed);
	enum tui_action act = tui_keymap_lookup(a->km, ctx, key);
	int page = ed->th > 2 ? ed->th - 1 : 10;
	switch (act) {
	case TUI_ACT_UP: case TUI_ACT_DOWN: case TUI_ACT_PAGE_UP: case TUI_ACT_PAGE_DOWN:
	case TUI_ACT_FIRST: case TUI_ACT_LAST:
		if (ed->focus == FOCUS_TREE) {
			size_t was = ed->tsel;
			move_sel(&ed->tsel, ed->tree.n, act, page);
			ed->tsel = tui_tree_step(&ed->tree, ed->tsel,
			                         ed->tsel < was || act == TUI_ACT_LAST ? -1 : 1);
			tui_ed_form_sync(ed);
		} else if (ed->focus == FOCUS_PREVIEW) {
			int d = act == TUI_ACT_UP ? -1 : act == TUI_ACT_DOWN ? 1
			      : act == TUI_ACT_PAGE_UP ? -page / 2 : act == TUI_ACT_PAGE_DOWN ? page / 2 : 0;
			ed->pscroll = act == TUI_ACT_FIRST ? 0 : ed->pscroll + d;
			if (ed->pscroll < 0)
				ed->pscroll = 0;
		} else {
			size_t s = (size_t)ed->fsel;
			move_sel(&s, (size_t)ed->form.n, act, page);
			ed->fsel = (int)s;
		}
		return true;
	case TUI_ACT_JUMP:
		tui_ed_jump_start(a, ed);
		return true;
	case TUI_ACT_FOCUS_NEXT:
	case TUI_ACT_FOCUS_PREV:
		if (ed->focus == FOCUS_TREE)
			ed->focus = tui_ed_sel_res(ed) ? FOCUS_FORM : (ed->preview ? FOCUS_PREVIEW : FOCUS_TREE);
		else if (ed->focus == FOCUS_FORM)
			ed->focus = ed->preview && act == TUI_ACT_FOCUS_NEXT ? FOCUS_PREVIEW : FOCUS_TREE;
		else
			ed->focus = act == TUI_ACT_FOCUS_NEXT ? FOCUS_TREE : FOCUS_FORM;
		return true;
	case TUI_ACT_CANCEL:
		if (ed->focus != FOCUS_TREE) {
			ed->focus = FOCUS_TREE;
			return true;
		}
		return false;
	case TUI_ACT_ACTIVATE:
		if (ed->focus == FOCUS_TREE) {
			if (tui_ed_sel_res(ed))
				ed->focus = FOCUS_FORM;
			else
				add_entry(a, ed, tui_ed_sel_kind(ed));
			return true;
		}
		tui_ed_form_activate(a, ed, act);
		return true;
	case TUI_ACT_TOGGLE: case TUI_ACT_NEXT_CHOICE: case TUI_ACT_PREV_CHOICE:
		if (ed->focus == FOCUS_FORM)
			tui_ed_form_activate(a, ed, act);
		return true;
	case TUI_ACT_UNSET:
		if (ed->focus == FOCUS_FORM && tui_ed_sel_res(ed) && ed->fsel < ed->form.n) {
			int field = ed->form.rows[ed->fsel].field;
			const struct ivs_field *f = &ivs_res_info(tui_ed_sel_res(ed))->fields[field];
			if (f->type == IVS_FT_ID || f->type == IVS_FT_CHILDREN) {
				tui_status(a, true, "%s cannot be unset", f->key);
			} else {
				ivs_edit_unset(a->p, tui_ed_sel_res(ed), field);
				tui_validate(a);
				tui_ed_form_sync(ed);
			}
		}
		return true;
	case TUI_ACT_READ_FILE:
	case TUI_ACT_GENKEY:
		tui_ed_key_file(a, ed, act);
		return true;
	default:
		break;
	}
	return res_action(a, ed, act);
}

/* ---- the editor as a screen ---- */

static void ed_draw(struct tui_app *a, void *st)
{
	struct tui_editor *ed = st;
	tui_editor_draw(a, ed, 1, 0, a->rows - 3, a->cols);
	tui_draw_chrome(a, tui_editor_context(ed), NULL);
}

static bool ed_key(struct tui_app *a, void *st, int key)
{
	struct tui_editor *ed = st;
	if (tui_editor_key(a, ed, key))
		return true;
	enum tui_action act = tui_keymap_lookup(a->km, tui_editor_context(ed), key);
	if (act == TUI_ACT_PREVIEW) {
		tui_editor_toggle_preview(ed);
		return true;
	}
	return tui_app_action(a, act);
}

static void ed_leave(struct tui_app *a, void *st)
{
	(void)a;
	tui_editor_free(st);
}

static enum tui_context ed_context(struct tui_app *a, void *st)
{
	(void)a;
	return tui_editor_context(st);
}

const struct tui_screen_ops tui_editor_screen = {
	.name = "editor",
	.draw = ed_draw,
	.key = ed_key,
	.leave = ed_leave,
	.context = ed_context,
};

