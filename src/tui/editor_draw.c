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
		if (row->res && row->res->parent)
			ivs_buf_puts(&b, a->utf8 ? "└ " : "- ");
		tui_baseline_label(a, row->type == TUI_TREE_RES ? row->res : NULL, &b);
		tui_tree_label(a->p, row, &b);
		tui_put(y + i, x + 1, w - 1, at, tui_ed_str(&b));
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

static int row_lines(const struct tui_app *a, const struct tui_editor *ed,
                     const struct ivs_res *r, int row)
{
	const struct ivs_diag *d = tui_ed_row_diag(ed, r, ed->form.rows[row].field);
	int off = 3 + 2 * ed->form.rows[row].depth;
	return 1 + (d ? diag_line(a, 0, 0, ed->fw - off, d, false, DIAG_LINES) : 0);
}

void tui_ed_draw_form(struct tui_app *a, struct tui_editor *ed, int y, int x, int h, int w)
{
	struct ivs_res *r = tui_ed_sel_res(ed);
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
			tui_put(y, x, w, tui_attr(IVS_COLOR_LABEL) | A_BOLD, tui_ed_str(&b));
			char key[24];
			ivs_buf_reset(&b);
			ivs_buf_printf(&b, "Press %s to add a %s.",
			               tui_key_name(tui_keymap_key_for(a->km, TUI_CTX_TREE, TUI_ACT_ADD), key,
			                            sizeof key),
			               ivs_kind_info(k)->name);
			tui_put(y + 2, x, w, tui_attr(IVS_COLOR_NORMAL), tui_ed_str(&b));
		}
		ivs_buf_free(&b);
		return;
	}
	tui_ed_form_sync(ed);
	/* Heading: kind, id, path. */
	ivs_buf_printf(&b, "%s%s%s", ivs_res_info(r)->name, r->id ? " " : "", r->id ? r->id : "");
	if (r->kind != IVS_KIND_STACK) {
		ivs_buf_puts(&b, "  (");
		ivs_res_path(r, -1, &b);
		ivs_buf_puts(&b, ")");
	}
	tui_put(y, x, w, tui_attr(IVS_COLOR_BORDER) | A_BOLD, tui_ed_str(&b));
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
		if (tui_put(yy, x, lw - 1, lat, tui_ed_str(&b)) == lw - 1 && tui_width(tui_ed_str(&b)) > lw - 1)
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
			attr_t vat = tui_attr(is_def ? IVS_COLOR_DEFAULT : IVS_COLOR_VALUE) |
			             (is_def ? A_DIM : 0);
			int used = tui_put(yy, vx, vw, vat, tui_ed_str(&b));
			if (tui_width(tui_ed_str(&b)) > vw && vw > 1)   /* cut: say so */
				tui_put(yy, vx + vw - 1, 1, vat, a->utf8 ? "…" : "~");
			ivs_buf_reset(&b);
			tui_form_hint(r, field, &b);
			if (b.len && sel && used + tui_width(tui_ed_str(&b)) + 3 < vw)
				tui_put(yy, vx + vw - tui_width(tui_ed_str(&b)) - 1, tui_width(tui_ed_str(&b)),
				        tui_attr(IVS_COLOR_DEFAULT) | A_DIM, tui_ed_str(&b));
		}
		line++;
		const struct ivs_diag *d = tui_ed_row_diag(ed, r, field);
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
	const struct ivs_kind_info *ki = ivs_res_info(r);
	bool sep = false;
	for (size_t i = 0; i < r->diags.n && line < body; i++) {
		const struct ivs_diag *d = &r->diags.v[i];
		if (d->field >= 0 && d->field < ki->nfields) {
			/* Shown under its row (or its group's row) already? */
			int pf = ki->fields[d->field].parent;
			if (ed->editing && ed->eres == r && ed->efield == d->field)
				continue;   /* the candidate's problem is shown instead */
			if (tui_form_row_of(&ed->form, d->field) >= 0 &&
			    tui_ed_row_diag(ed, r, d->field) == d)
				continue;
			if (pf >= 0 && tui_form_row_of(&ed->form, pf) >= 0 && tui_ed_row_diag(ed, r, pf) == d)
				continue;
		}
		if (!sep) {
			line++;   /* a blank line before them */
			sep = true;
		}
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

