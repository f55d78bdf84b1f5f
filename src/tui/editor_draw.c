/* editor_draw.c: drawing the editor: the tree (only the visible rows),
 * the form generated from the field tables with each field's problem on
 * the lines below it, and the template preview. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/export.h"
#include "ivs/fsutil.h"
#include "ivs/token.h"
#include "ivs/validate.h"
#include "app.h"
#include "changes.h"
#include "draw.h"
#include "editor.h"
#include "editor_int.h"

void tui_ed_draw_tree(struct tui_app *a, struct tui_editor *ed, int y, int x, int h, int w)
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
		if (row->type == TUI_TREE_SECTION) {
			/* "─ Real-time ───────": a rule with the section's name */
			const char *rule = a->utf8 ? "─" : "-";
			ivs_buf_printf(&b, "%s ", rule);
			tui_tree_label(a->p, row, &b);
			ivs_buf_puts(&b, " ");
			for (int c = tui_width(tui_section_label(row->section)) + 3; c < w; c++)
				ivs_buf_puts(&b, rule);
			tui_put(y + i, x, w, tui_attr(IVS_COLOR_BORDER), tui_ed_str(&b));
			continue;
		}
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
		if (row->res && row->res->parent) {
			/* ├ for a child with another after it, └ for the last */
			const struct ivs_list *sib = ivs_res_siblings(a->p, row->res);
			bool last = !sib || row->res->index + 1 >= sib->n;
			ivs_buf_puts(&b, a->utf8 ? (last ? "└ " : "├ ") : (last ? "`- " : "|- "));
		}
		tui_baseline_label(a, row->type == TUI_TREE_RES ? row->res : NULL, &b);
		tui_tree_label(a->p, row, &b);
		tui_put(y + i, x + 1, w - 1, at, tui_ed_str(&b));
	}
	ivs_buf_free(&b);
}

#define DIAG_LINES 2      /* a problem under a row that is not selected */
#define DIAG_LINES_SEL 8  /* ... under the selected row: the whole of it */
#define HELP_LINES 3      /* the selected field's help at the bottom */

/* Display width of the first n bytes of s. */
static int width_n(const char *s, size_t n)
{
	char *t = ivs_xstrndup(s, n);
	int w = tui_width(t);
	free(t);
	return w;
}

/* The bytes of s (up to n) that fit in w columns (whole characters). */
static size_t fit_bytes(const char *s, size_t n, int w)
{
	size_t i = 0;
	while (i < n) {
		size_t k = 1;
		while (i + k < n && ((unsigned char)s[i + k] & 0xc0) == 0x80)
			k++;
		if (width_n(s, i + k) > w)
			break;
		i += k;
	}
	return i;
}

/* Word-wraps s into at most maxlines lines of w columns from (y, x) and
 * returns the lines used (draw false: only counts). Lines break between
 * words, so a number or a name is never cut; when the text needs more
 * lines, the last one ends with ell ("…") after its last whole word. */
static int wrap_text(int y, int x, int w, int maxlines, attr_t at, const char *s, bool draw,
                     const char *ell)
{
	int lines = 0;
	int ew = tui_width(ell);
	struct ivs_buf line;
	ivs_buf_init(&line);
	while (*s == ' ')
		s++;
	while (*s && lines < maxlines && w > ew) {
		const char *end = s, *q = s;
		int width = 0;
		while (*q) {
			const char *we = strchr(q, ' ');
			if (!we)
				we = q + strlen(q);
			int ww = width_n(q, (size_t)(we - q));
			int sp = end == s ? 0 : 1;
			if (width + sp + ww > w) {
				if (end == s)   /* one word longer than the line: cut it */
					end = s + fit_bytes(s, (size_t)(we - s), w);
				break;
			}
			width += sp + ww;
			end = we;
			q = we;
			while (*q == ' ')
				q++;
		}
		const char *next = end;
		while (*next == ' ')
			next++;
		ivs_buf_reset(&line);
		if (lines == maxlines - 1 && *next) {
			/* Cut: whole words that leave room for the ellipsis. */
			const char *cut = end;
			while (cut > s && width_n(s, (size_t)(cut - s)) + 1 + ew > w) {
				const char *sp = cut;
				while (sp > s && sp[-1] != ' ')
					sp--;
				while (sp > s && sp[-1] == ' ')
					sp--;
				cut = sp;
			}
			if (cut == s)   /* not even one word: as much of it as fits */
				cut = s + fit_bytes(s, (size_t)(end - s), w - ew);
			ivs_buf_add(&line, s, (size_t)(cut - s));
			ivs_buf_printf(&line, "%s%s", cut > s && cut < end ? " " : "", ell);
		} else {
			ivs_buf_add(&line, s, (size_t)(end - s));
		}
		ivs_buf_puts(&line, "");
		if (draw)
			tui_put(y + lines, x, w, at, line.data);
		lines++;
		if (end == s)
			break;   /* nothing fits */
		s = next;
	}
	ivs_buf_free(&line);
	return lines;
}

static const char *ellipsis(const struct tui_app *a)
{
	return a->utf8 ? "…" : "...";
}

/* A problem under its field, wrapped on up to maxlines lines (cut with
 * "…"); returns the lines used (draw false: only counts). */
static int diag_line(const struct tui_app *a, int y, int x, int w, const struct ivs_diag *d,
                     bool draw, int maxlines)
{
	char buf[600];
	snprintf(buf, sizeof buf, "%s %s: %s", tui_marker(a, d->sev),
	         d->sev == IVS_SEV_ERROR ? "error" : "warning", d->msg ? d->msg : "");
	return wrap_text(y, x, w, maxlines,
	                 tui_attr(d->sev == IVS_SEV_ERROR ? IVS_COLOR_ERROR : IVS_COLOR_WARNING), buf,
	                 draw, ellipsis(a));
}

/* The problem to show under a field: while editing, what the candidate
 * text has; otherwise what the validator found. */
const struct ivs_diag *tui_ed_row_diag(const struct tui_editor *ed, const struct ivs_res *r,
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

/* The selected row's problem shows whole; the others' on DIAG_LINES. */
static int diag_max(const struct tui_editor *ed, int row)
{
	return row == ed->fsel ? DIAG_LINES_SEL : DIAG_LINES;
}

static int row_lines(const struct tui_app *a, const struct tui_editor *ed,
                     const struct ivs_res *r, int row)
{
	const struct ivs_diag *d = tui_ed_row_diag(ed, r, ed->form.rows[row].field);
	int off = 3 + 2 * ed->form.rows[row].depth;
	return 1 + (d ? diag_line(a, 0, 0, ed->fw - off, d, false, diag_max(ed, row)) : 0);
}

/* No entry selected (a kind's heading): how many, and how to add one. */
static void draw_kind_pane(struct tui_app *a, struct tui_editor *ed, int y, int x, int w)
{
	if (ed->tsel >= ed->tree.n)
		return;
	struct ivs_buf b;
	ivs_buf_init(&b);
	enum ivs_kind k = ed->tree.v[ed->tsel].kind;
	const struct ivs_list *l = ivs_project_list(a->p, k);
	ivs_buf_printf(&b, "%zu %s.", l ? l->n : 0,
	               l && l->n == 1 ? ivs_kind_info(k)->name : ivs_kind_info(k)->plural);
	tui_put(y, x, w, tui_attr(IVS_COLOR_LABEL) | A_BOLD, tui_ed_str(&b));
	char key[24];
	ivs_buf_reset(&b);
	ivs_buf_printf(&b, "Press %s to add %s %s.",
	               tui_key_name(tui_keymap_key_for(a->km, TUI_CTX_TREE, TUI_ACT_ADD), key,
	                            sizeof key),
	               ivs_article(ivs_kind_info(k)->name), ivs_kind_info(k)->name);
	tui_put(y + 2, x, w, tui_attr(IVS_COLOR_NORMAL), tui_ed_str(&b));
	ivs_buf_free(&b);
}

/* Heading: kind, id, path. */
static void draw_heading(const struct ivs_res *r, int y, int x, int w)
{
	struct ivs_buf b;
	ivs_buf_init(&b);
	ivs_buf_printf(&b, "%s%s%s", ivs_res_info(r)->name, r->id ? " " : "", r->id ? r->id : "");
	if (r->kind != IVS_KIND_STACK) {
		ivs_buf_puts(&b, "  (");
		ivs_res_path(r, -1, &b);
		ivs_buf_puts(&b, ")");
	}
	tui_put(y, x, w, tui_attr(IVS_COLOR_BORDER) | A_BOLD, tui_ed_str(&b));
	ivs_buf_free(&b);
}

/* Label column: the longest visible key, at most half the pane. */
static int label_width(const struct tui_editor *ed, const struct ivs_res *r, int w)
{
	int lw = 0;
	for (int i = 0; i < ed->form.n; i++) {
		const struct ivs_field *f = &ivs_res_info(r)->fields[ed->form.rows[i].field];
		int l = (int)strlen(f->key) + 3 + 2 * ed->form.rows[i].depth;
		if (l > lw)
			lw = l;
	}
	return lw > w / 2 ? w / 2 : lw;
}

/* Scrolls so that the selected row and its problem show. The top is only
 * ever as low as needed: after the pane grows, rows above come back. */
static void scroll_to_sel(const struct tui_app *a, struct tui_editor *ed, const struct ivs_res *r,
                          int body)
{
	if (ed->fsel >= ed->form.n)
		ed->fsel = ed->form.n ? ed->form.n - 1 : 0;
	if (ed->fsel < ed->ftop)
		ed->ftop = ed->fsel;
	/* The pane may have grown: while the rows from the top to the end
	 * leave room, bring rows above back. */
	while (ed->ftop > 0) {
		int lines = 0;
		for (int i = ed->ftop - 1; i < ed->form.n && lines <= body; i++)
			lines += row_lines(a, ed, r, i);
		if (lines > body)
			break;
		ed->ftop--;
	}
	for (;;) {
		int lines = 0;
		for (int i = ed->ftop; i <= ed->fsel && i < ed->form.n; i++)
			lines += row_lines(a, ed, r, i);
		if (lines <= body || ed->ftop >= ed->fsel)
			break;
		ed->ftop++;
	}
}

static void draw_label(struct tui_app *a, const struct tui_editor *ed, const struct ivs_field *f,
                       int row, int yy, int x, int lw)
{
	bool sel = row == ed->fsel;
	attr_t lat = sel ? tui_attr(ed->focus == FOCUS_FORM ? IVS_COLOR_SELECTED
	                                                    : IVS_COLOR_SELECTED_DIM)
	                 : tui_attr(IVS_COLOR_LABEL);
	struct ivs_buf b;
	ivs_buf_init(&b);
	ivs_buf_printf(&b, "%*s%s", 1 + 2 * ed->form.rows[row].depth, "", f->key);
	if (f->flags & IVS_FF_REQUIRED)
		ivs_buf_puts(&b, "*");
	if (sel)
		tui_fill(yy, x, lw, lat);
	if (tui_put(yy, x, lw - 1, lat, tui_ed_str(&b)) == lw - 1 && tui_width(tui_ed_str(&b)) > lw - 1)
		tui_put(yy, x + lw - 2, 1, lat, a->utf8 ? "…" : "~");
	ivs_buf_free(&b);
}

/* The field being typed into: the line editor's window, the cursor; a
 * proposed default (a new entry's id) shows selected. */
static void draw_editing(struct tui_app *a, struct tui_editor *ed, int yy, int vx, int vw)
{
	size_t start, n;
	int cc;
	tui_le_view(ed->le, vw - 1, &start, &n, &cc);
	tui_fill(yy, vx, vw - 1, tui_attr(IVS_COLOR_FOCUS));
	attrset(tui_attr(IVS_COLOR_FOCUS) ^ (tui_le_selected(ed->le) ? A_REVERSE : 0));
	mvaddnwstr(yy, vx, tui_le_wtext(ed->le) + start, (int)n);
	attrset(A_NORMAL);
	tui_cursor(a, yy, vx + cc);
}

/* A value (or its default, dimmed), cut with "…"; the selected row's hint
 * (range...) at the right when it fits. */
static void draw_value(struct tui_app *a, const struct ivs_res *r, int field, bool sel, int yy,
                       int vx, int vw)
{
	struct ivs_buf b;
	ivs_buf_init(&b);
	bool is_def;
	tui_form_value(r, field, &b, &is_def);
	attr_t vat = tui_attr(is_def ? IVS_COLOR_DEFAULT : IVS_COLOR_VALUE) | (is_def ? A_DIM : 0);
	int used = tui_put(yy, vx, vw, vat, tui_ed_str(&b));
	if (tui_width(tui_ed_str(&b)) > vw && vw > 1)   /* cut: say so */
		tui_put(yy, vx + vw - 1, 1, vat, a->utf8 ? "…" : "~");
	ivs_buf_reset(&b);
	tui_form_hint(r, field, &b);
	int hw = tui_width(tui_ed_str(&b));
	if (b.len && sel && used + hw + 3 < vw)
		tui_put(yy, vx + vw - hw - 1, hw, tui_attr(IVS_COLOR_DEFAULT) | A_DIM, tui_ed_str(&b));
	ivs_buf_free(&b);
}

static void mark_lines(struct tui_editor *ed, int line, int n, int row)
{
	for (int k = 0; k < n; k++)
		if (line + k >= 0 && line + k < (int)IVS_ARRAY_LEN(ed->form_line_row))
			ed->form_line_row[line + k] = row;
}

/* One row and its problem from body line `line`; returns the lines used. */
static int draw_row(struct tui_app *a, struct tui_editor *ed, struct ivs_res *r, int row, int y,
                    int line, int body, int x, int w, int lw)
{
	int field = ed->form.rows[row].field;
	const struct ivs_field *f = &ivs_res_info(r)->fields[field];
	int yy = y + 2 + line;
	draw_label(a, ed, f, row, yy, x, lw);
	mark_lines(ed, line, 1, row);
	if (ed->editing && ed->eres == r && ed->efield == field)
		draw_editing(a, ed, yy, x + lw, w - lw);
	else
		draw_value(a, r, field, row == ed->fsel, yy, x + lw, w - lw);
	const struct ivs_diag *d = tui_ed_row_diag(ed, r, field);
	if (!d || line + 1 >= body)
		return 1;
	int off = 3 + 2 * ed->form.rows[row].depth;
	int n = diag_line(a, 0, 0, w - off, d, false, diag_max(ed, row));
	if (n > body - line - 1)
		n = body - line - 1;
	mark_lines(ed, line + 1, n, row);
	diag_line(a, yy + 1, x + off, w - off, d, true, n);
	return 1 + n;
}

/* Whether a problem of r already shows under a row (its own or its
 * group's). */
static bool diag_shown(const struct tui_editor *ed, const struct ivs_res *r,
                       const struct ivs_diag *d)
{
	const struct ivs_kind_info *ki = ivs_res_info(r);
	if (d->field < 0 || d->field >= ki->nfields)
		return false;
	int pf = ki->fields[d->field].parent;
	if (ed->editing && ed->eres == r && ed->efield == d->field)
		return true;   /* the candidate's problem is shown instead */
	if (tui_form_row_of(&ed->form, d->field) >= 0 && tui_ed_row_diag(ed, r, d->field) == d)
		return true;
	return pf >= 0 && tui_form_row_of(&ed->form, pf) >= 0 && tui_ed_row_diag(ed, r, pf) == d;
}

/* Problems of the entry that no row shows, after a blank line. */
static int draw_other_diags(struct tui_app *a, struct tui_editor *ed, const struct ivs_res *r,
                            int y, int line, int body, int x, int w)
{
	bool sep = false;
	for (size_t i = 0; i < r->diags.n && line < body; i++) {
		const struct ivs_diag *d = &r->diags.v[i];
		if (diag_shown(ed, r, d))
			continue;
		if (!sep) {
			line++;   /* a blank line before them */
			sep = true;
		}
		if (line < body) {
			mark_lines(ed, line, 1, -1);
			line += diag_line(a, y + 2 + line, x + 1, w - 2, d, true, body - line);
		}
	}
	return line;
}

/* The bottom lines: the selected field's help (wrapped, cut only between
 * words), or the jump prompt while / is typed. Returns the lines used. */
static int help_lines(const struct tui_app *a, const struct tui_editor *ed, const struct ivs_res *r,
                      int w, int maxlines, int y, int x, bool draw)
{
	if (ed->jumping) {
		if (draw) {
			struct ivs_buf b;
			ivs_buf_init(&b);
			ivs_buf_printf(&b, "Jump to field: /%s", tui_le_text(ed->jle));
			tui_fill(y, x, w, tui_attr(IVS_COLOR_FOCUS));
			tui_put(y, x, w, tui_attr(IVS_COLOR_FOCUS), b.data);
			ivs_buf_free(&b);
		}
		return 1;
	}
	if (ed->fsel >= ed->form.n)
		return 1;
	const struct ivs_field *f = &ivs_res_info(r)->fields[ed->form.rows[ed->fsel].field];
	int n = wrap_text(y, x, w, maxlines, tui_attr(IVS_COLOR_DEFAULT), f->help ? f->help : "", draw,
	                  ellipsis(a));
	return n ? n : 1;
}

void tui_ed_draw_form(struct tui_app *a, struct tui_editor *ed, int y, int x, int h, int w)
{
	struct ivs_res *r = tui_ed_sel_res(ed);
	ed->fy = y; ed->fx = x; ed->fh = h; ed->fw = w;
	ed->form_lines = 0;
	for (int i = 0; i < h; i++)
		tui_fill(y + i, x, w, tui_attr(IVS_COLOR_NORMAL));
	if (h < 3 || w < 10)
		return;
	if (!r) {
		draw_kind_pane(a, ed, y, x, w);
		return;
	}
	tui_ed_flush(a, ed);
	tui_ed_form_sync(ed);
	draw_heading(r, y, x, w);
	int maxhelp = h >= 12 ? HELP_LINES : 1;
	int nhelp = help_lines(a, ed, r, w, maxhelp, 0, 0, false);
	int body = h - 2 - nhelp;  /* heading, blank, help lines */
	int lw = label_width(ed, r, w);
	scroll_to_sel(a, ed, r, body);
	int line = 0;
	for (int i = ed->ftop; i < ed->form.n && line < body; i++)
		line += draw_row(a, ed, r, i, y, line, body, x, w, lw);
	ed->form_lines = draw_other_diags(a, ed, r, y, line, body, x, w);
	help_lines(a, ed, r, w, maxhelp, y + h - nhelp, x, true);
}

/* The stack's preview is the whole template up to this many resources. */
#define PREVIEW_WHOLE_MAX 200

/* An entry that is no resource (an output): its member of the template's
 * Outputs, {"Outputs": {Id: {...}}}; NULL when the template has none. */
static cJSON *output_fragment(const struct ivs_project *p, const struct ivs_res *r)
{
	cJSON *t = ivs_export_template(p);
	char *lid = ivs_export_logical_id(r);
	cJSON *outs = t && lid ? cJSON_GetObjectItemCaseSensitive(t, "Outputs") : NULL;
	cJSON *o = outs ? cJSON_GetObjectItemCaseSensitive(outs, lid) : NULL;
	cJSON *frag = NULL;
	if (o) {
		frag = cJSON_CreateObject();
		cJSON *fo = cJSON_AddObjectToObject(frag, "Outputs");
		cJSON_AddItemToObject(fo, lid, cJSON_DetachItemViaPointer(outs, o));
	}
	free(lid);
	cJSON_Delete(t);
	return frag;
}

static void preview_sync(struct tui_app *a, struct tui_editor *ed)
{
	struct ivs_res *r = tui_ed_sel_res(ed);
	if (ed->ptext && ed->pres == r && ed->pgen == ivs_project_generation(a->p))
		return;
	free(ed->ptext);
	ed->ptext = NULL;
	ed->pres = r;
	ed->pgen = ivs_project_generation(a->p);
	struct ivs_buf b;
	ivs_buf_init(&b);
	cJSON *frag = NULL;
	size_t count = ivs_project_cfn_count(a->p);
	if (r && r->kind == IVS_KIND_STACK && count > PREVIEW_WHOLE_MAX) {
		/* Typing in the stack's fields must not rebuild a large template
		 * on every key: the whole of it is one export (F5) away. */
		const char *d = ivs_project_stack(a->p)->description;
		frag = cJSON_CreateObject();
		if (d)
			cJSON_AddStringToObject(frag, "Description", d);
		char *n = ivs_xasprintf("(%zu resources: export with F5 to see them)", count);
		cJSON_AddStringToObject(frag, "Resources", n);
		free(n);
	} else if (r && r->kind == IVS_KIND_STACK) {
		frag = ivs_export_template(a->p);
	} else if (r && !ivs_res_info(r)->cfn_type) {
		frag = output_fragment(a->p, r);
	} else if (r) {
		frag = ivs_export_fragment(a->p, r);
	}
	if (frag) {
		ivs_export_write(frag, IVS_EXPORT_JSON, &b);
		cJSON_Delete(frag);
	} else if (!b.len) {
		ivs_buf_puts(&b, r ? "(this entry exports no resource)" : "(select an entry)");
	}
	ed->ptext = ivs_buf_steal(&b);
	ivs_buf_free(&b);
}

void tui_ed_draw_preview(struct tui_app *a, struct tui_editor *ed, int y, int x, int h, int w)
{
	preview_sync(a, ed);
	tui_frame(a, y, x, h, w, tui_attr(ed->focus == FOCUS_PREVIEW ? IVS_COLOR_FOCUS : IVS_COLOR_BORDER),
	          "Template preview");
	tui_put_lines(y + 1, x + 1, w - 2, h - 2, tui_attr(IVS_COLOR_PREVIEW), ed->ptext, ed->pscroll,
	              false);
}

void tui_editor_draw(struct tui_app *a, struct tui_editor *ed, int y, int x, int h, int w)
{
	int tw = w / 4 > 34 ? 34 : w / 4;
	if (tw < 20)
		tw = 20;
	tui_ed_draw_tree(a, ed, y, x, h, tw);
	attrset(tui_attr(IVS_COLOR_BORDER));
	for (int i = 0; i < h; i++)
		tui_put(y + i, x + tw, 1, tui_attr(IVS_COLOR_BORDER), a->utf8 ? "│" : "|");
	int fx = x + tw + 2, fw = w - tw - 2;
	if (ed->preview) {
		int fh = h / 2, ph = h - fh;
		tui_ed_draw_preview(a, ed, y + fh, fx - 1, ph, fw + 1);
		tui_ed_draw_form(a, ed, y, fx, fh, fw);
	} else {
		tui_ed_draw_form(a, ed, y, fx, h, fw);
	}
}

/* ---- editing a field ---- */

