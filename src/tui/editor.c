/* editor.c: the editor: the resource tree beside the form of the selected
 * resource, with an optional template preview. The form's rows come from
 * the field tables (form.c); editing goes through ivs_edit_* and the
 * validator after every keystroke. Also used by the wizard, with the tree
 * limited to the kinds of one step. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/export.h"
#include "ivs/fsutil.h"
#include "ivs/token.h"
#include "ivs/tui_form.h"
#include "ivs/tui_lineedit.h"
#include "ivs/tui_screen.h"
#include "ivs/tui_tree.h"
#include "ivs/validate.h"

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
	struct ivs_diags cand;
	/* layout of the last draw, for the mouse */
	int ty, tx, th, tw, fy, fx, fh, fw;
	int form_line_row[128];
	int form_lines;
};

static const char *S(const struct ivs_buf *b)
{
	return b->data ? b->data : "";
}

static struct ivs_res *sel_res(const struct tui_editor *ed)
{
	return ed->tsel < ed->tree.n ? ed->tree.v[ed->tsel].res : NULL;
}

static enum ivs_kind sel_kind(const struct tui_editor *ed)
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

static void edit_end(struct tui_app *a, struct tui_editor *ed)
{
	tui_le_free(ed->le);
	ed->le = NULL;
	ed->editing = false;
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
	ivs_diags_free(&ed->cand);
	tui_tree_free(&ed->tree);
	free(ed->ptext);
	free(ed);
}

bool tui_editor_editing(const struct tui_editor *ed)
{
	return ed->editing;
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
	if (ed->editing)
		return TUI_CTX_EDIT;
	return ed->focus == FOCUS_TREE ? TUI_CTX_TREE : TUI_CTX_FORM;
}

/* Rebuilds the form when the selection or the model changed. */
static void form_sync(struct tui_editor *ed)
{
	struct ivs_res *r = sel_res(ed);
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
	struct ivs_res *r = sel_res(ed);
	enum ivs_kind kind = sel_kind(ed);
	tui_tree_rebuild(&ed->tree, a->p);
	size_t i = r && r->in_model ? tui_tree_find(&ed->tree, r) : SIZE_MAX;
	if (i == SIZE_MAX) {
		/* The entry went away: stay near where it was, on its kind. */
		for (size_t j = 0; j < ed->tree.n; j++)
			if (ed->tree.v[j].kind == kind && ed->tree.v[j].type == TUI_TREE_HEAD)
				i = j;
		if (i == SIZE_MAX)
			i = ed->tsel < ed->tree.n ? ed->tsel : (ed->tree.n ? ed->tree.n - 1 : 0);
	}
	ed->tsel = i;
	if (ed->editing && (!ed->eres || !ed->eres->in_model))
		edit_end(a, ed);
	form_sync(ed);
}

void tui_editor_set_kinds(struct tui_app *a, struct tui_editor *ed, unsigned kinds)
{
	if (ed->editing)
		edit_end(a, ed);
	ed->tree.kinds = kinds;
	tui_tree_rebuild(&ed->tree, a->p);
	ed->tsel = 0;
	ed->ttop = 0;
	for (size_t i = 0; i < ed->tree.n; i++)
		if (ed->tree.v[i].type == TUI_TREE_RES) {
			ed->tsel = i;
			break;
		}
	ed->focus = sel_res(ed) ? FOCUS_FORM : FOCUS_TREE;
	ed->form.res = NULL;
	form_sync(ed);
}

void tui_editor_select(struct tui_app *a, struct tui_editor *ed, const struct ivs_res *r,
                       int field)
{
	(void)a;
	if (ed->editing)
		edit_end(a, ed);
	size_t i = tui_tree_find(&ed->tree, r);
	if (i == SIZE_MAX)
		return;
	ed->tsel = i;
	ed->form.res = NULL;
	form_sync(ed);
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

static void draw_tree(struct tui_app *a, struct tui_editor *ed, int y, int x, int h, int w)
{
	struct ivs_buf b;
	ivs_buf_init(&b);
	ed->ty = y; ed->tx = x; ed->th = h; ed->tw = w;
	if (ed->tsel >= ed->tree.n && ed->tree.n)
		ed->tsel = ed->tree.n - 1;
	if (ed->tsel < ed->ttop)
		ed->ttop = ed->tsel;
	if (h > 0 && ed->tsel >= ed->ttop + (size_t)h)
		ed->ttop = ed->tsel - (size_t)h + 1;
	for (int i = 0; i < h; i++) {
		size_t k = ed->ttop + (size_t)i;
		tui_fill(y + i, x, w, tui_attr(IVS_COLOR_NORMAL));
		if (k >= ed->tree.n)
			continue;
		const struct tui_tree_row *row = &ed->tree.v[k];
		ivs_buf_reset(&b);
		bool sel = k == ed->tsel;
		attr_t at = row->type == TUI_TREE_HEAD ? tui_attr(IVS_COLOR_TREE_KIND)
		                                       : tui_attr(IVS_COLOR_TREE);
		if (sel)
			at = tui_attr(ed->focus == FOCUS_TREE ? IVS_COLOR_SELECTED : IVS_COLOR_SELECTED_DIM);
		const char *mark = " ";
		attr_t mat = at;
		if (row->res && row->res->diags.errors) {
			mark = tui_marker(a, IVS_SEV_ERROR);
			mat = sel ? at : tui_attr(IVS_COLOR_ERROR);
		} else if (row->res && row->res->diags.warnings) {
			mark = tui_marker(a, IVS_SEV_WARNING);
			mat = sel ? at : tui_attr(IVS_COLOR_WARNING);
		}
		if (sel)
			tui_fill(y + i, x, w, at);
		tui_put(y + i, x, 1, mat, mark);
		for (int d = 0; d < row->depth; d++)
			ivs_buf_puts(&b, "  ");
		if (row->kind == IVS_KIND_STREAM_KEY)
			ivs_buf_puts(&b, a->utf8 ? "└ " : "- ");
		tui_tree_label(a->p, row, &b);
		tui_put(y + i, x + 1, w - 1, at, S(&b));
	}
	ivs_buf_free(&b);
}

#define DIAG_LINES 2

/* A problem under its field, wrapped on up to DIAG_LINES lines; returns
 * the lines used (draw false: only counts). */
static int diag_line(const struct tui_app *a, int y, int x, int w, const struct ivs_diag *d,
                     bool draw, int maxlines)
{
	char buf[600];
	snprintf(buf, sizeof buf, "%s %s: %s", tui_marker(a, d->sev),
	         d->sev == IVS_SEV_ERROR ? "error" : "warning", d->msg ? d->msg : "");
	return tui_put_wrapped(y, x, w, maxlines,
	                       tui_attr(d->sev == IVS_SEV_ERROR ? IVS_COLOR_ERROR : IVS_COLOR_WARNING),
	                       buf, draw);
}

/* The problem to show under a field: while editing, what the candidate
 * text has; otherwise what the validator found. */
static const struct ivs_diag *row_diag(const struct tui_editor *ed, const struct ivs_res *r,
                                       int field)
{
	if (ed->editing && ed->eres == r && ed->efield == field) {
		const struct ivs_field *f = &ivs_res_info(r)->fields[field];
		if (f->type == IVS_FT_STRING) {
			const struct ivs_diag *d = tui_form_field_diag(r, field);
			if (d)
				return d;
		}
		for (size_t i = 0; i < ed->cand.n; i++)
			if (ed->cand.v[i].sev == IVS_SEV_ERROR)
				return &ed->cand.v[i];
		return ed->cand.n ? &ed->cand.v[0] : NULL;
	}
	return tui_form_field_diag(r, field);
}

static int row_lines(const struct tui_app *a, const struct tui_editor *ed,
                     const struct ivs_res *r, int row)
{
	const struct ivs_diag *d = row_diag(ed, r, ed->form.rows[row].field);
	int off = 3 + 2 * ed->form.rows[row].depth;
	return 1 + (d ? diag_line(a, 0, 0, ed->fw - off, d, false, DIAG_LINES) : 0);
}

static void draw_form(struct tui_app *a, struct tui_editor *ed, int y, int x, int h, int w)
{
	struct ivs_res *r = sel_res(ed);
	struct ivs_buf b;
	ivs_buf_init(&b);
	ed->fy = y; ed->fx = x; ed->fh = h; ed->fw = w;
	ed->form_lines = 0;
	for (int i = 0; i < h; i++)
		tui_fill(y + i, x, w, tui_attr(IVS_COLOR_NORMAL));
	if (h < 3 || w < 10) {
		ivs_buf_free(&b);
		return;
	}
	if (!r) {
		if (ed->tsel < ed->tree.n) {
			enum ivs_kind k = ed->tree.v[ed->tsel].kind;
			const struct ivs_list *l = ivs_project_list(a->p, k);
			ivs_buf_printf(&b, "%zu %s%s.", l ? l->n : 0, ivs_kind_info(k)->name,
			               l && l->n == 1 ? "" : "s");
			tui_put(y, x, w, tui_attr(IVS_COLOR_LABEL) | A_BOLD, S(&b));
			char key[24];
			ivs_buf_reset(&b);
			ivs_buf_printf(&b, "Press %s to add a %s.",
			               tui_key_name(tui_keymap_key_for(a->km, TUI_CTX_TREE, TUI_ACT_ADD), key,
			                            sizeof key),
			               ivs_kind_info(k)->name);
			tui_put(y + 2, x, w, tui_attr(IVS_COLOR_NORMAL), S(&b));
		}
		ivs_buf_free(&b);
		return;
	}
	form_sync(ed);
	/* Heading: kind, id, path. */
	ivs_buf_printf(&b, "%s%s%s", ivs_res_info(r)->name, r->id ? " " : "", r->id ? r->id : "");
	ivs_buf_puts(&b, "  (");
	ivs_res_path(r, -1, &b);
	ivs_buf_puts(&b, ")");
	tui_put(y, x, w, tui_attr(IVS_COLOR_BORDER) | A_BOLD, S(&b));
	int body = h - 3;  /* heading, blank, help line */
	/* Label column: the longest visible key, at most half the pane. */
	int lw = 0;
	for (int i = 0; i < ed->form.n; i++) {
		const struct ivs_field *f = &ivs_res_info(r)->fields[ed->form.rows[i].field];
		int l = (int)strlen(f->key) + 3 + 2 * ed->form.rows[i].depth;
		if (l > lw)
			lw = l;
	}
	if (lw > w / 2)
		lw = w / 2;
	if (ed->fsel >= ed->form.n)
		ed->fsel = ed->form.n ? ed->form.n - 1 : 0;
	if (ed->fsel < ed->ftop)
		ed->ftop = ed->fsel;
	for (;;) {
		int lines = 0;
		for (int i = ed->ftop; i <= ed->fsel && i < ed->form.n; i++)
			lines += row_lines(a, ed, r, i);
		if (lines <= body || ed->ftop >= ed->fsel)
			break;
		ed->ftop++;
	}
	int line = 0;
	for (int i = ed->ftop; i < ed->form.n && line < body; i++) {
		int field = ed->form.rows[i].field;
		const struct ivs_field *f = &ivs_res_info(r)->fields[field];
		int yy = y + 2 + line;
		bool sel = i == ed->fsel;
		attr_t lat = sel ? tui_attr(ed->focus == FOCUS_FORM ? IVS_COLOR_SELECTED
		                                                    : IVS_COLOR_SELECTED_DIM)
		                 : tui_attr(IVS_COLOR_LABEL);
		ivs_buf_reset(&b);
		ivs_buf_printf(&b, "%*s%s", 1 + 2 * ed->form.rows[i].depth, "", f->key);
		if (f->flags & IVS_FF_REQUIRED)
			ivs_buf_puts(&b, "*");
		if (sel)
			tui_fill(yy, x, lw, lat);
		if (tui_put(yy, x, lw - 1, lat, S(&b)) == lw - 1 && tui_width(S(&b)) > lw - 1)
			tui_put(yy, x + lw - 2, 1, lat, a->utf8 ? "…" : "~");
		if (line < (int)IVS_ARRAY_LEN(ed->form_line_row))
			ed->form_line_row[line] = i;
		int vx = x + lw, vw = w - lw;
		if (ed->editing && ed->eres == r && ed->efield == field) {
			size_t start, n;
			int cc;
			tui_le_view(ed->le, vw - 1, &start, &n, &cc);
			tui_fill(yy, vx, vw - 1, tui_attr(IVS_COLOR_FOCUS));
			attrset(tui_attr(IVS_COLOR_FOCUS));
			mvaddnwstr(yy, vx, tui_le_wtext(ed->le) + start, (int)n);
			attrset(A_NORMAL);
			tui_cursor(a, yy, vx + cc);
		} else {
			bool is_def;
			ivs_buf_reset(&b);
			tui_form_value(r, field, &b, &is_def);
			int used = tui_put(yy, vx, vw, tui_attr(is_def ? IVS_COLOR_DEFAULT : IVS_COLOR_VALUE) |
			                                   (is_def ? A_DIM : 0), S(&b));
			ivs_buf_reset(&b);
			tui_form_hint(r, field, &b);
			if (b.len && sel && used + tui_width(S(&b)) + 3 < vw)
				tui_put(yy, vx + vw - tui_width(S(&b)) - 1, tui_width(S(&b)),
				        tui_attr(IVS_COLOR_DEFAULT) | A_DIM, S(&b));
		}
		line++;
		const struct ivs_diag *d = row_diag(ed, r, field);
		if (d && line < body) {
			int off = 3 + 2 * ed->form.rows[i].depth;
			int n = diag_line(a, y + 2 + line, x + off, w - off, d, false, DIAG_LINES);
			if (n > body - line)
				n = body - line;
			for (int k = 0; k < n; k++)
				if (line + k < (int)IVS_ARRAY_LEN(ed->form_line_row))
					ed->form_line_row[line + k] = i;
			diag_line(a, y + 2 + line, x + off, w - off, d, true, n);
			line += n;
		}
	}
	/* Problems of the entry that no row shows. */
	for (size_t i = 0; i < r->diags.n && line < body; i++) {
		const struct ivs_diag *d = &r->diags.v[i];
		if (d->field >= 0 && tui_form_row_of(&ed->form, d->field) >= 0)
			continue;
		if (line == 0 || i == 0)
			line++;
		if (line < body) {
			ed->form_line_row[line < 128 ? line : 127] = -1;
			line += diag_line(a, y + 2 + line, x + 1, w - 2, d, true, body - line);
		}
	}
	ed->form_lines = line;
	/* Help of the selected field. */
	if (ed->fsel < ed->form.n) {
		const struct ivs_field *f = &ivs_res_info(r)->fields[ed->form.rows[ed->fsel].field];
		tui_put(y + h - 1, x, w, tui_attr(IVS_COLOR_DEFAULT), f->help ? f->help : "");
	}
	ivs_buf_free(&b);
}

static void preview_sync(struct tui_app *a, struct tui_editor *ed)
{
	struct ivs_res *r = sel_res(ed);
	if (ed->ptext && ed->pres == r && ed->pgen == ivs_project_generation(a->p))
		return;
	free(ed->ptext);
	ed->ptext = NULL;
	ed->pres = r;
	ed->pgen = ivs_project_generation(a->p);
	struct ivs_buf b;
	ivs_buf_init(&b);
	cJSON *frag = NULL;
	if (r && r->kind == IVS_KIND_STACK)
		frag = ivs_export_template(a->p);
	else if (r)
		frag = ivs_export_fragment(a->p, r);
	if (frag) {
		ivs_export_write(frag, IVS_EXPORT_JSON, &b);
		cJSON_Delete(frag);
	} else {
		ivs_buf_puts(&b, r ? "(this entry exports no resource)" : "(select an entry)");
	}
	ed->ptext = ivs_buf_steal(&b);
	ivs_buf_free(&b);
}

static void draw_preview(struct tui_app *a, struct tui_editor *ed, int y, int x, int h, int w)
{
	preview_sync(a, ed);
	tui_frame(a, y, x, h, w, tui_attr(ed->focus == FOCUS_PREVIEW ? IVS_COLOR_FOCUS : IVS_COLOR_BORDER),
	          "Template preview");
	const char *s = ed->ptext;
	int skip = ed->pscroll, line = 0;
	while (*s && line < h - 2) {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (skip > 0) {
			skip--;
		} else {
			char *l = ivs_xstrndup(s, n);
			tui_put(y + 1 + line, x + 1, w - 2, tui_attr(IVS_COLOR_PREVIEW), l);
			free(l);
			line++;
		}
		s += n + (e ? 1 : 0);
	}
}

void tui_editor_draw(struct tui_app *a, struct tui_editor *ed, int y, int x, int h, int w)
{
	int tw = w / 4 > 34 ? 34 : w / 4;
	if (tw < 20)
		tw = 20;
	draw_tree(a, ed, y, x, h, tw);
	attrset(tui_attr(IVS_COLOR_BORDER));
	for (int i = 0; i < h; i++)
		tui_put(y + i, x + tw, 1, tui_attr(IVS_COLOR_BORDER), a->utf8 ? "│" : "|");
	int fx = x + tw + 2, fw = w - tw - 2;
	if (ed->preview) {
		int fh = h / 2, ph = h - fh;
		draw_preview(a, ed, y + fh, fx - 1, ph, fw + 1);
		draw_form(a, ed, y, fx, fh, fw);
	} else {
		draw_form(a, ed, y, fx, h, fw);
	}
}

/* ---- editing a field ---- */

static void candidate(struct tui_app *a, struct tui_editor *ed)
{
	ivs_diags_clear(&ed->cand);
	ivs_validate_candidate(a->p, ed->eres, ed->efield, tui_le_text(ed->le), &ed->cand);
}

static void edit_start(struct tui_app *a, struct tui_editor *ed, struct ivs_res *r, int field)
{
	struct ivs_buf b;
	ivs_buf_init(&b);
	ivs_res_format(r, field, false, &b);
	ed->le = tui_le_new(S(&b));
	ivs_buf_free(&b);
	ed->editing = true;
	ed->eres = r;
	ed->efield = field;
	ed->stored = false;
	ivs_edit_coalesce_break(a->p);
	candidate(a, ed);
}

static bool parse_long(const char *s, long *v)
{
	char *end;
	errno = 0;
	long x = strtol(s, &end, 10);
	if (!*s || *end || errno)
		return false;
	*v = x;
	return true;
}

/* Stores what was typed (each keystroke, coalesced into one undo step). */
static void edit_apply(struct tui_app *a, struct tui_editor *ed)
{
	const struct ivs_field *f = &ivs_res_info(ed->eres)->fields[ed->efield];
	const char *text = tui_le_text(ed->le);
	long v;
	ivs_edit_coalesce(a->p, true);
	if (f->type == IVS_FT_STRING) {
		if (!*text && !(f->flags & IVS_FF_REQUIRED))
			ivs_edit_unset(a->p, ed->eres, ed->efield);
		else
			ivs_edit_set_str(a->p, ed->eres, ed->efield, text);
		ed->stored = true;
	} else if (f->type == IVS_FT_INT) {
		if (!*text) {
			ivs_edit_unset(a->p, ed->eres, ed->efield);
			ed->stored = true;
		} else if (parse_long(text, &v)) {
			ivs_edit_set_int(a->p, ed->eres, ed->efield, v);
			ed->stored = true;
		}
	}
	ivs_edit_coalesce(a->p, false);
	tui_validate(a);
	candidate(a, ed);
}

static bool edit_commit(struct tui_app *a, struct tui_editor *ed)
{
	const struct ivs_field *f = &ivs_res_info(ed->eres)->fields[ed->efield];
	const char *text = tui_le_text(ed->le);
	long v;
	if (f->type == IVS_FT_ID) {
		char *err = NULL;
		if (!ed->eres->id || strcmp(ed->eres->id, text) != 0) {
			if (ivs_edit_rename(a->p, ed->eres, text, &err) < 0) {
				tui_status(a, true, "%s", err ? err : "cannot rename");
				free(err);
				return false;
			}
			tui_validate(a);
			tui_status(a, false, "Renamed to %s", text);
		}
	} else if (f->type == IVS_FT_INT && *text && !parse_long(text, &v)) {
		tui_status(a, true, "%s: \"%s\" is not a whole number (%ld-%ld); Esc cancels", f->key,
		           text, f->min, f->max);
		return false;
	}
	edit_end(a, ed);
	return true;
}

static void edit_cancel(struct tui_app *a, struct tui_editor *ed)
{
	if (ed->stored && ivs_undo(a->p))
		tui_validate(a);
	edit_end(a, ed);
	tui_status(a, false, "Edit cancelled");
}

static bool edit_key(struct tui_app *a, struct tui_editor *ed, int key)
{
	enum tui_action act = tui_keymap_lookup(a->km, TUI_CTX_EDIT, key);
	if (act == TUI_ACT_COMMIT) {
		if (edit_commit(a, ed) && key != TUI_ENTER) {
			if (key == TUI_FN(KEY_UP) && ed->fsel > 0)
				ed->fsel--;
			else if ((key == TUI_FN(KEY_DOWN) || key == '\t') && ed->fsel + 1 < ed->form.n)
				ed->fsel++;
		}
		form_sync(ed);
		return true;
	}
	if (act == TUI_ACT_CANCEL || act == TUI_ACT_UNDO) {
		edit_cancel(a, ed);
		return true;
	}
	enum tui_le_result r = tui_le_key(ed->le, key);
	if (r == TUI_LE_CHANGED) {
		edit_apply(a, ed);
		return true;
	}
	if (r == TUI_LE_MOVED)
		return true;
	if (act != TUI_ACT_NONE) {
		/* Save, help...: finish the field first. */
		if (!edit_commit(a, ed))
			return true;
		return false;
	}
	return true;
}

/* ---- form actions ---- */

struct fctx {
	struct ivs_res *r;
	int field;
};

static struct fctx *fctx_new(struct ivs_res *r, int field)
{
	struct fctx *c = ivs_xmalloc(sizeof *c);
	c->r = r;
	c->field = field;
	return c;
}

static void after_edit(struct tui_app *a)
{
	tui_validate(a);
	struct tui_editor *ed = tui_current_editor(a);
	if (ed)
		form_sync(ed);
}

static void picked_enum(struct tui_app *a, int choice, void *ctx)
{
	struct fctx *c = ctx;
	if (choice < 0)
		return;
	if (choice == 0)
		ivs_edit_unset(a->p, c->r, c->field);
	else
		ivs_edit_set_enum(a->p, c->r, c->field, choice - 1);
	after_edit(a);
}

static void picked_ref(struct tui_app *a, int choice, void *ctx)
{
	struct fctx *c = ctx;
	if (choice < 0)
		return;
	if (choice == 0) {
		ivs_edit_unset(a->p, c->r, c->field);
	} else {
		size_t n;
		const char **t = tui_form_ref_targets(a->p, &ivs_res_info(c->r)->fields[c->field], &n);
		if ((size_t)choice - 1 < n)
			ivs_edit_set_str(a->p, c->r, c->field, t[choice - 1]);
		free(t);
	}
	after_edit(a);
}

static void picked_list(struct tui_app *a, const bool *on, void *ctx)
{
	struct fctx *c = ctx;
	if (!on)
		return;
	const struct ivs_field *f = &ivs_res_info(c->r)->fields[c->field];
	struct ivs_enum_list l = {0};
	for (size_t i = 0; f->choices[i] && l.n < IVS_ENUM_LIST_MAX; i++)
		if (on[i])
			l.v[l.n++] = (uint8_t)i;
	ivs_edit_set_list(a->p, c->r, c->field, &l);
	after_edit(a);
}

static void typed_text(struct tui_app *a, const char *text, void *ctx)
{
	struct fctx *c = ctx;
	if (!text)
		return;
	if (*text)
		ivs_edit_set_str(a->p, c->r, c->field, text);
	else
		ivs_edit_unset(a->p, c->r, c->field);
	after_edit(a);
}

static void read_key_file(struct tui_app *a, const char *path, void *ctx)
{
	struct fctx *c = ctx;
	char *err = NULL;
	size_t len;
	if (!path || !*path)
		return;
	char *data = ivs_read_file(path, 64 * 1024, &len, &err);
	if (!data) {
		tui_status(a, true, "%s", err ? err : "cannot read the file");
		free(err);
		return;
	}
	if (strstr(data, "PRIVATE KEY")) {
		tui_status(a, true, "%s holds a private key: read the public key file instead", path);
		free(data);
		return;
	}
	ivs_edit_set_str(a->p, c->r, c->field, data);
	free(data);
	after_edit(a);
	tui_status(a, false, "Public key read from %s", path);
}

static void generate_key(struct tui_app *a, const char *path, void *ctx)
{
	struct fctx *c = ctx;
	char *err = NULL, *pub = NULL;
	if (!path || !*path)
		return;
	if (ivs_keygen_to_file(path, false, &pub, &err) < 0) {
		tui_status(a, true, "%s", err ? err : "cannot generate a key pair");
		free(err);
		return;
	}
	ivs_edit_set_str(a->p, c->r, c->field, pub);
	free(pub);
	after_edit(a);
	tui_status(a, false, "Key pair generated; private key written to %s (mode 0600)", path);
}

static void form_activate(struct tui_app *a, struct tui_editor *ed, enum tui_action act)
{
	struct ivs_res *r = sel_res(ed);
	if (!r || ed->fsel >= ed->form.n)
		return;
	int field = ed->form.rows[ed->fsel].field;
	const struct ivs_field *f = &ivs_res_info(r)->fields[field];
	long cur = ivs_res_get_num(r, field);
	switch (f->type) {
	case IVS_FT_ID: case IVS_FT_STRING: case IVS_FT_INT:
		if (act == TUI_ACT_ACTIVATE)
			edit_start(a, ed, r, field);
		return;
	case IVS_FT_BOOL:
		if (act == TUI_ACT_ACTIVATE || act == TUI_ACT_TOGGLE || act == TUI_ACT_NEXT_CHOICE ||
		    act == TUI_ACT_PREV_CHOICE)
			ivs_edit_set_bool(a->p, r, field, !(cur > 0));
		break;
	case IVS_FT_GROUP:
		if (act == TUI_ACT_ACTIVATE || act == TUI_ACT_TOGGLE) {
			if (ivs_res_is_set(r, field))
				ivs_edit_unset(a->p, r, field);
			else
				ivs_edit_set_group(a->p, r, field);
		}
		break;
	case IVS_FT_ENUM: {
		size_t n = ivs_choice_count(f->choices);
		if (act == TUI_ACT_NEXT_CHOICE || act == TUI_ACT_PREV_CHOICE) {
			long i = cur < 0 || cur == IVS_NO_DEFAULT ? (act == TUI_ACT_NEXT_CHOICE ? -1 : 0) : cur;
			i = act == TUI_ACT_NEXT_CHOICE ? (i + 1) % (long)n : (i + (long)n - 1) % (long)n;
			ivs_edit_set_enum(a->p, r, field, (int)i);
		} else if (act == TUI_ACT_ACTIVATE) {
			const char **items = ivs_xcalloc(n + 1, sizeof *items);
			char *def = ivs_xasprintf("(unset: %s)", f->def_text ? f->def_text : "none");
			items[0] = def;
			for (size_t i = 0; i < n; i++)
				items[i + 1] = f->choices[i];
			int current = ivs_res_is_set(r, field) ? (int)cur + 1 : 0;
			tui_pick(a, f->key, items, n + 1, current, picked_enum, fctx_new(r, field));
			free(def);
			free(items);
			return;
		}
		break;
	}
	case IVS_FT_REF: {
		size_t n;
		const char **t = tui_form_ref_targets(a->p, f, &n);
		const char *v = ivs_res_get_str(r, field);
		int current = 0;
		for (size_t i = 0; v && i < n; i++)
			if (strcmp(t[i], v) == 0)
				current = (int)i + 1;
		if (act == TUI_ACT_NEXT_CHOICE || act == TUI_ACT_PREV_CHOICE) {
			int m = (int)n + 1;
			int i = act == TUI_ACT_NEXT_CHOICE ? (current + 1) % m : (current + m - 1) % m;
			if (i == 0)
				ivs_edit_unset(a->p, r, field);
			else
				ivs_edit_set_str(a->p, r, field, t[i - 1]);
		} else if (act == TUI_ACT_ACTIVATE) {
			const char **items = ivs_xcalloc(n + 2, sizeof *items);
			items[0] = "(none)";
			for (size_t i = 0; i < n; i++)
				items[i + 1] = t[i];
			tui_pick(a, f->key, items, n + 1, current, picked_ref, fctx_new(r, field));
			free(items);
			free(t);
			return;
		}
		free(t);
		break;
	}
	case IVS_FT_ENUM_LIST:
		if (act == TUI_ACT_ACTIVATE || act == TUI_ACT_TOGGLE) {
			size_t n = ivs_choice_count(f->choices);
			bool on[IVS_ENUM_LIST_MAX] = {0};
			const struct ivs_enum_list *l = ivs_res_get_list(r, field);
			for (size_t i = 0; l && i < l->n; i++)
				if (l->v[i] < IVS_ENUM_LIST_MAX)
					on[l->v[i]] = true;
			tui_multi(a, f->key, (const char *const *)f->choices, n, on, picked_list,
			          fctx_new(r, field));
			return;
		}
		break;
	case IVS_FT_TAGS:
		if (act == TUI_ACT_ACTIVATE)
			tui_tags_open(a, r, field);
		return;
	case IVS_FT_TEXT:
		if (act == TUI_ACT_ACTIVATE)
			tui_textarea(a, f->key, ivs_res_get_str(r, field), typed_text, fctx_new(r, field));
		return;
	case IVS_FT_CHILDREN:
		if (act == TUI_ACT_ACTIVATE) {
			ivs_edit_add(a->p, IVS_KIND_STREAM_KEY, r, "StreamKey", SIZE_MAX);
			tui_validate(a);
			tui_editor_structure(a, ed);
		}
		return;
	}
	tui_validate(a);
	form_sync(ed);
}

/* ---- resource actions ---- */

static void add_entry(struct tui_app *a, struct tui_editor *ed, enum ivs_kind kind)
{
	static const char *const base[IVS_KIND_COUNT] = {
		[IVS_KIND_BUCKET] = "Bucket", [IVS_KIND_CHANNEL] = "Channel",
		[IVS_KIND_KEY_PAIR] = "PlaybackKeyPair", [IVS_KIND_RECORDING] = "RecordingConfiguration"};
	struct ivs_res *r;
	if (kind == IVS_KIND_STACK)
		return;
	if (kind == IVS_KIND_STREAM_KEY) {
		struct ivs_res *c = sel_res(ed);
		if (c && c->kind == IVS_KIND_STREAM_KEY)
			c = c->parent;
		if (!c || c->kind != IVS_KIND_CHANNEL) {
			tui_status(a, true, "Select a channel to add a stream key to");
			return;
		}
		const struct ivs_list *sk = &((struct ivs_channel *)(void *)c)->stream_keys;
		char *id = sk->n ? ivs_xasprintf("StreamKey%zu", sk->n + 1) : ivs_xstrdup("StreamKey");
		r = ivs_edit_add(a->p, IVS_KIND_STREAM_KEY, c, id, SIZE_MAX);
		free(id);
	} else {
		char *id = ivs_project_unique_id(a->p, base[kind]);
		r = ivs_edit_add(a->p, kind, NULL, id, SIZE_MAX);
		free(id);
	}
	tui_validate(a);
	tui_editor_structure(a, ed);
	if (r) {
		tui_editor_select(a, ed, r, -1);
		ed->focus = FOCUS_FORM;
		ed->fsel = 0;
		tui_status(a, false, "Added %s %s", ivs_res_info(r)->name, r->id);
	}
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
	tui_status(a, false, "Deleted %s (%s undoes)", id, "^Z");
	free(id);
}

static bool res_action(struct tui_app *a, struct tui_editor *ed, enum tui_action act)
{
	struct ivs_res *r = sel_res(ed);
	switch (act) {
	case TUI_ACT_ADD:
		add_entry(a, ed, sel_kind(ed) == IVS_KIND_STREAM_KEY ? IVS_KIND_STREAM_KEY : sel_kind(ed));
		return true;
	case TUI_ACT_ADD_KEY:
		add_entry(a, ed, IVS_KIND_STREAM_KEY);
		return true;
	case TUI_ACT_DELETE:
		if (r && r->kind != IVS_KIND_STACK) {
			static const char *const labels[] = {"Yes, delete", "Cancel"};
			char *msg;
			if (r->kind == IVS_KIND_CHANNEL &&
			    ((struct ivs_channel *)(void *)r)->stream_keys.n)
				msg = ivs_xasprintf("Delete channel %s and its %zu stream key(s)?", r->id,
				                    ((struct ivs_channel *)(void *)r)->stream_keys.n);
			else
				msg = ivs_xasprintf("Delete %s %s?", ivs_res_info(r)->name, r->id);
			tui_confirm(a, "Delete", msg, "yc", labels, delete_confirmed, fctx_new(r, -1));
			free(msg);
		}
		return true;
	case TUI_ACT_RENAME:
		if (r && r->kind != IVS_KIND_STACK) {
			ed->focus = FOCUS_FORM;
			form_sync(ed);
			ed->fsel = 0;
			edit_start(a, ed, r, 0);
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
			const struct ivs_list *l = r->parent
			        ? &((struct ivs_channel *)(void *)r->parent)->stream_keys
			        : ivs_project_list(a->p, r->kind);
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
			ed->tsel = k;
			ed->focus = FOCUS_TREE;
			form_sync(ed);
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
	if (ed->editing)
		return edit_key(a, ed, key);
	if (key == TUI_FN(KEY_MOUSE))
		return mouse(a, ed);
	form_sync(ed);
	enum tui_context ctx = tui_editor_context(ed);
	enum tui_action act = tui_keymap_lookup(a->km, ctx, key);
	int page = ed->th > 2 ? ed->th - 1 : 10;
	switch (act) {
	case TUI_ACT_UP: case TUI_ACT_DOWN: case TUI_ACT_PAGE_UP: case TUI_ACT_PAGE_DOWN:
	case TUI_ACT_FIRST: case TUI_ACT_LAST:
		if (ed->focus == FOCUS_TREE) {
			move_sel(&ed->tsel, ed->tree.n, act, page);
			form_sync(ed);
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
	case TUI_ACT_FOCUS_NEXT:
	case TUI_ACT_FOCUS_PREV:
		if (ed->focus == FOCUS_TREE)
			ed->focus = sel_res(ed) ? FOCUS_FORM : (ed->preview ? FOCUS_PREVIEW : FOCUS_TREE);
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
			if (sel_res(ed))
				ed->focus = FOCUS_FORM;
			else
				add_entry(a, ed, sel_kind(ed));
			return true;
		}
		form_activate(a, ed, act);
		return true;
	case TUI_ACT_TOGGLE: case TUI_ACT_NEXT_CHOICE: case TUI_ACT_PREV_CHOICE:
		if (ed->focus == FOCUS_FORM)
			form_activate(a, ed, act);
		return true;
	case TUI_ACT_UNSET:
		if (ed->focus == FOCUS_FORM && sel_res(ed) && ed->fsel < ed->form.n) {
			int field = ed->form.rows[ed->fsel].field;
			const struct ivs_field *f = &ivs_res_info(sel_res(ed))->fields[field];
			if (f->type == IVS_FT_ID || f->type == IVS_FT_CHILDREN) {
				tui_status(a, true, "%s cannot be unset", f->key);
			} else {
				ivs_edit_unset(a->p, sel_res(ed), field);
				tui_validate(a);
				form_sync(ed);
			}
		}
		return true;
	case TUI_ACT_READ_FILE:
	case TUI_ACT_GENKEY:
		if (ed->focus == FOCUS_FORM && sel_res(ed) && ed->fsel < ed->form.n) {
			struct ivs_res *r = sel_res(ed);
			int field = ed->form.rows[ed->fsel].field;
			if (ivs_res_info(r)->fields[field].type != IVS_FT_TEXT) {
				tui_status(a, true, "Only the public key is read from a file or generated");
				return true;
			}
			if (act == TUI_ACT_READ_FILE) {
				tui_prompt(a, "Read the public key from (Tab completes)", "", true, read_key_file,
				           fctx_new(r, field));
			} else {
				char *def = ivs_xasprintf("%s-private.pem", r->id ? r->id : "playback");
				tui_prompt(a, "Private key file to write (mode 0600; never in the project)", def,
				           true, generate_key, fctx_new(r, field));
				free(def);
			}
		}
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
