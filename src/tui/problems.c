/* problems.c: the problems panel: every diagnostic of the project with
 * counts, drawn over the lower part of the screen; Enter jumps to the
 * entry and field. The list is collected again only when the project
 * changed (generation), not on every key. */
#include <stdlib.h>
#include <string.h>

#include "ivs/validate.h"
#include "app.h"
#include "changes.h"
#include "draw.h"
#include "editor.h"
#include "editor_int.h"
#include "problems.h"
#include "wizard.h"

struct problems {
	struct ivs_diags d;
	unsigned long gen;
	bool have;
	size_t sel, top;
};

static void sync(struct tui_app *a, struct problems *p)
{
	if (p->have && p->gen == ivs_project_generation(a->p))
		return;
	ivs_diags_clear(&p->d);
	ivs_validate_collect(a->p, &p->d);
	p->gen = ivs_project_generation(a->p);
	p->have = true;
	if (p->sel >= p->d.n)
		p->sel = p->d.n ? p->d.n - 1 : 0;
}

/* Where a problem is, as the user named it: "StageLeft: recording_
 * configuration" (the entry's id, the field), "stack: name"; the file
 * path (channels[0]...) only when the entry has no id. */
void tui_problem_place(const struct ivs_diag *d, char *out, size_t size)
{
	const struct ivs_res *r = d->res;
	const char *field = r && d->field >= 0 && d->field < ivs_res_info(r)->nfields
	                            ? ivs_res_info(r)->fields[d->field].key : NULL;
	if (r && r->kind == IVS_KIND_STACK)
		snprintf(out, size, "stack%s%s", field ? ": " : "", field ? field : "");
	else if (r && r->id && *r->id && r->parent && r->parent->id)   /* a stream key */
		snprintf(out, size, "%s/%s%s%s", r->parent->id, r->id, field ? ": " : "",
		         field ? field : "");
	else if (r && r->id && *r->id)
		snprintf(out, size, "%s%s%s", r->id, field ? ": " : "", field ? field : "");
	else
		snprintf(out, size, "%s", d->path && *d->path ? d->path : "project");
}

static void pr_draw(struct tui_app *a, void *st)
{
	struct problems *p = st;
	sync(a, p);
	int h = (a->rows - 3) / 2, y = a->rows - 2 - h;
	char title[96];
	snprintf(title, sizeof title, "Problems: %zu error%s, %zu warning%s", p->d.errors,
	         p->d.errors == 1 ? "" : "s", p->d.warnings, p->d.warnings == 1 ? "" : "s");
	tui_frame(a, y, 0, h, a->cols, tui_attr(IVS_COLOR_BORDER), title);
	int vis = h - 4;   /* the last two lines: the selected problem in full */
	if (p->sel < p->top)
		p->top = p->sel;
	if (vis > 0 && p->sel >= p->top + (size_t)vis)
		p->top = p->sel - (size_t)vis + 1;
	if (!p->d.n)
		tui_put(y + 1, 2, a->cols - 4, tui_attr(IVS_COLOR_OK), "No problems.");
	for (int i = 0; i < vis && p->top + (size_t)i < p->d.n; i++) {
		size_t k = p->top + (size_t)i;
		const struct ivs_diag *d = &p->d.v[k];
		char buf[700];
		char where[300];
		tui_problem_place(d, where, sizeof where);
		snprintf(buf, sizeof buf, "%s %s: %s [%s]", tui_marker(a, d->sev), where,
		         d->msg ? d->msg : "", ivs_rule_id(d->rule));
		attr_t at = k == p->sel ? tui_attr(IVS_COLOR_SELECTED)
		                        : tui_attr(d->sev == IVS_SEV_ERROR ? IVS_COLOR_ERROR
		                                                           : IVS_COLOR_WARNING);
		tui_fill(y + 1 + i, 1, a->cols - 2, at);
		tui_put(y + 1 + i, 2, a->cols - 4, at, buf);
	}
	if (p->sel < p->d.n) {
		const struct ivs_diag *d = &p->d.v[p->sel];
		char buf[700];
		snprintf(buf, sizeof buf, "%s [%s]", d->msg ? d->msg : "", ivs_rule_id(d->rule));
		tui_put_wrapped(y + h - 3, 2, a->cols - 4, 2, tui_attr(IVS_COLOR_NORMAL), buf, true);
	}
	tui_draw_chrome(a, TUI_CTX_PROBLEMS, NULL);
}

static bool pr_key(struct tui_app *a, void *st, int key)
{
	struct problems *p = st;
	sync(a, p);
	enum tui_action act = tui_keymap_lookup(a->km, TUI_CTX_PROBLEMS, key);
	switch (act) {
	case TUI_ACT_UP: if (p->sel) p->sel--; return true;
	case TUI_ACT_DOWN: if (p->sel + 1 < p->d.n) p->sel++; return true;
	case TUI_ACT_FIRST: p->sel = 0; return true;
	case TUI_ACT_LAST: p->sel = p->d.n ? p->d.n - 1 : 0; return true;
	case TUI_ACT_PAGE_UP: p->sel = p->sel > 10 ? p->sel - 10 : 0; return true;
	case TUI_ACT_PAGE_DOWN: p->sel = p->sel + 10 < p->d.n ? p->sel + 10 : (p->d.n ? p->d.n - 1 : 0); return true;
	case TUI_ACT_CANCEL: case TUI_ACT_PROBLEMS:
		tui_pop(a);
		if (act == TUI_ACT_PROBLEMS && a->baseline)   /* Problems, Changes, closed */
			tui_changes_open(a);
		return true;
	case TUI_ACT_ACTIVATE: {
		if (p->sel >= p->d.n)
			return true;
		const struct ivs_res *r = p->d.v[p->sel].res;
		int field = p->d.v[p->sel].field;
		tui_pop(a);   /* frees p */
		if (r)
			tui_wizard_reveal(a, r);
		struct tui_editor *ed = tui_current_editor(a);
		if (r && ed) {
			tui_editor_select(a, ed, r, field);
			if (field < 0)
				tui_editor_select(a, ed, r, 0);
		}
		return true;
	}
	default:
		return false;
	}
}

static void pr_leave(struct tui_app *a, void *st)
{
	(void)a;
	struct problems *p = st;
	ivs_diags_free(&p->d);
	free(p);
}

static enum tui_context pr_context(struct tui_app *a, void *st)
{
	(void)a;
	(void)st;
	return TUI_CTX_PROBLEMS;
}

static const struct tui_screen_ops problems_screen = {
	.name = "problems",
	.draw = pr_draw,
	.key = pr_key,
	.leave = pr_leave,
	.context = pr_context,
	.overlay = true,
};

void tui_problems_open(struct tui_app *a)
{
	struct problems *p = ivs_xcalloc(1, sizeof *p);
	ivs_diags_init(&p->d);
	tui_push(a, &problems_screen, p);
}

bool tui_problems_is_open(struct tui_app *a)
{
	return tui_top_state(a, &problems_screen) != NULL;
}
