/* changes.c: the editor against a baseline template (tui_baseline.h):
 * tree markers, the Changes panel, and the question before an edit that
 * would replace or remove a resource of the baseline. */
#include <stdlib.h>
#include <string.h>

#include "ivs/baseline.h"
#include "ivs/export.h"
#include "changes.h"
#include "app.h"
#include "dialog.h"
#include "draw.h"
#include "editor.h"

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static void accept_current(struct ivs_baseline *b, const struct ivs_project *p);

static void load(struct tui_app *a, const char *path, bool remember)
{
	struct ivs_diags d;
	ivs_diags_init(&d);
	struct ivs_baseline *b = ivs_baseline_load(path, &d);
	if (!b) {
		tui_status(a, true, "Baseline %s: %s", path,
		           d.n && d.v[0].msg ? d.v[0].msg : "cannot be read");
		ivs_diags_free(&d);
		return;
	}
	ivs_diags_free(&d);
	ivs_baseline_free(a->baseline);
	a->baseline = b;
	accept_current(b, a->p);
	if (remember && a->path) {
		char *err = NULL;
		if (ivs_baseline_remember(a->path, path, &err) != 0)
			tui_status(a, true, "Baseline %s not remembered: %s", path, err ? err : "?");
		free(err);
	}
}

void tui_baseline_start(struct tui_app *a, const char *path)
{
	if (path) {
		load(a, path, true);
		return;
	}
	char *known = a->path ? ivs_baseline_lookup(a->path) : NULL;
	if (known)
		load(a, known, false);
	free(known);
}

void tui_baseline_project_changed(struct tui_app *a)
{
	ivs_baseline_free(a->baseline);
	a->baseline = NULL;
	tui_baseline_start(a, NULL);
}

void tui_baseline_exported(struct tui_app *a, const char *path)
{
	/* what was just exported is what will be deployed next */
	char *p = ivs_xstrdup(path);
	load(a, p, true);
	free(p);
}

void tui_baseline_edited(struct tui_app *a)
{
	if (!a->baseline)
		return;
	if (a->baseline_quiet)
		a->baseline_accept = true;   /* undo, redo, an answer: taken as it is */
	else
		a->baseline_dirty = true;
}

/* The current comparison becomes the accepted one (taken over from the
 * baseline, which compares again when next asked). */
static void accept_current(struct ivs_baseline *b, const struct ivs_project *p)
{
	if (!ivs_baseline_sync(b, p))
		return;   /* a project with errors: the last accepted one stays */
	ivs_tdiff_free(b->accepted);
	b->accepted = b->d;
	b->d = NULL;
	b->have = false;
}

/* "Keep the deployed resources": the logical ids entries had before a
 * rename, set back with logical_id (the CDK's overrideLogicalId) after it,
 * so that CloudFormation updates them instead of replacing them. */
struct lid_rec {
	struct ivs_res *r;
	char *lid;
};
struct lid_set {
	struct lid_rec *v;
	size_t n;
};

static void lid_collect(struct ivs_res *r, void *ctx)
{
	struct lid_set *s = ctx;
	if (!ivs_res_info(r)->cfn_type || ivs_field_find(r->kind, -1, "logical_id") < 0)
		return;
	char *lid = ivs_export_logical_id(r);
	if (!lid)
		return;   /* imported: no resource */
	s->v = ivs_xrealloc(s->v, (s->n + 1) * sizeof *s->v);
	s->v[s->n++] = (struct lid_rec){r, lid};
}

/* Sets logical_id on every entry whose logical id is not the one it had
 * (one undo step); returns how many. */
static size_t keep_lids(struct tui_app *a, struct lid_set *before)
{
	size_t n = 0;
	for (size_t i = 0; i < before->n; i++) {
		struct ivs_res *r = before->v[i].r;
		char *now = r->in_model ? ivs_export_logical_id(r) : NULL;
		if (now && strcmp(now, before->v[i].lid) != 0) {
			if (n++ == 0)
				ivs_edit_begin(a->p, "keep the deployed logical ids");
			ivs_edit_set_str(a->p, r, ivs_field_find(r->kind, -1, "logical_id"),
			                 before->v[i].lid);
		}
		free(now);
		free(before->v[i].lid);
	}
	if (n)
		ivs_edit_end(a->p);
	free(before->v);
	before->v = NULL;
	before->n = 0;
	return n;
}

static void answer(struct tui_app *a, int choice, void *ctx)
{
	(void)ctx;
	a->baseline_quiet = true;
	if (choice == 'a') {
		tui_undo(a, true);
		tui_status(a, false, "Applied: a deploy will replace what the baseline has");
	} else if (choice == 'l') {
		struct lid_set before = {0};
		ivs_project_each(a->p, lid_collect, &before);
		tui_undo(a, true);
		size_t n = keep_lids(a, &before);
		tui_validate(a);
		tui_status(a, false, "Applied; %zu deployed resource%s kept with logical_id (undo "
		           "removes it)", n, n == 1 ? "" : "s");
	} else {
		tui_status(a, false, "Kept as it was: the edit is undone (redo applies it)");
	}
	a->baseline_quiet = false;
}

void tui_baseline_after_key(struct tui_app *a)
{
	struct ivs_baseline *b = a->baseline;
	if (!b)
		return;
	if (a->baseline_accept) {
		a->baseline_accept = false;
		accept_current(b, a->p);
	}
	struct tui_editor *ed = tui_current_editor(a);
	if (!a->baseline_dirty || (ed && tui_editor_editing(ed)))
		return;   /* a field being typed: asked once it is finished */
	a->baseline_dirty = false;
	const struct ivs_tdiff *after = ivs_baseline_sync(b, a->p);
	if (!after || b->d == NULL)
		return;   /* a project with errors is not compared */
	char *loss = ivs_baseline_new_losses(b->accepted, after);
	if (!loss) {
		accept_current(b, a->p);
		return;
	}
	bool renamed = false;   /* (read before the undo below compares again) */
	for (size_t i = 0; i < after->nres; i++)
		renamed |= after->res[i].change == IVS_TDIFF_RENAMED;
	a->baseline_quiet = true;
	tui_undo(a, false);
	a->baseline_quiet = false;
	/* A rename can keep the deployed resources: logical_id. Enter gives
	 * the last answer: the harmless one (dialog.h). */
	static const char *const labels[] = {"Apply anyway", "Keep it as it was"};
	static const char *const labels_l[] = {"Apply", "Keep resources", "Undo edit"};
	char *msg = ivs_xasprintf("Deployed over %s, this edit would cost:\n%s%s",
	                          base_name(b->path), loss,
	                          renamed ? "\nKeep resources: the new id, and logical_id keeps "
	                                    "the deployed logical ids (updated, not replaced)." : "");
	tui_confirm(a, "This edit replaces deployed resources", msg, renamed ? "alk" : "ak",
	            renamed ? labels_l : labels, answer, NULL);
	free(msg);
	free(loss);
}

static const char *marker(enum ivs_tdiff_change c)
{
	switch (c) {
	case IVS_TDIFF_ADDED: return " [+]";
	case IVS_TDIFF_UPDATED: return " [~]";
	case IVS_TDIFF_REPLACED:
	case IVS_TDIFF_RENAMED: return " [-/+]";
	default: return "";
	}
}

void tui_baseline_label(struct tui_app *a, const struct ivs_res *r, struct ivs_buf *out)
{
	if (!a->baseline || !r || r->kind == IVS_KIND_STACK)
		return;
	const struct ivs_tdiff *d = ivs_baseline_sync(a->baseline, a->p);   /* cached */
	if (!d || d->nres == d->removed)
		return;   /* no entry of the tree differs: no marker column */
	const struct ivs_tdiff_res *c = ivs_baseline_res(a->baseline, r);
	const char *m = "  ";
	if (c && c->change == IVS_TDIFF_ADDED)
		m = "+ ";
	else if (c && c->change == IVS_TDIFF_UPDATED)
		m = "~ ";
	else if (c && (c->change == IVS_TDIFF_REPLACED || c->change == IVS_TDIFF_RENAMED))
		m = a->utf8 ? "± " : "R ";
	ivs_buf_puts(out, m);
}

void tui_baseline_free(struct tui_app *a)
{
	ivs_baseline_free(a->baseline);
	a->baseline = NULL;
}

/* ---- the Changes panel ---- */

struct changes {
	size_t sel, top;
};

static const struct ivs_tdiff *current(struct tui_app *a)
{
	return a->baseline ? ivs_baseline_sync(a->baseline, a->p) : NULL;
}

static void ch_draw(struct tui_app *a, void *st)
{
	struct changes *c = st;
	const struct ivs_tdiff *d = current(a);
	size_t n = d ? d->nres : 0;
	int h = (a->rows - 3) / 2, y = a->rows - 2 - h;
	char title[160];
	if (!a->baseline)
		snprintf(title, sizeof title, "Changes: no baseline (export, or start with --baseline FILE)");
	else
		snprintf(title, sizeof title, "Changes against %s: %zu added, %zu removed, %zu updated, "
		         "%zu replaced", base_name(a->baseline->path), d ? d->added : 0,
		         d ? d->removed : 0, d ? d->updated : 0, d ? d->replaced : 0);
	tui_frame(a, y, 0, h, a->cols, tui_attr(IVS_COLOR_BORDER), title);
	int vis = h - 4;
	if (c->sel >= n)
		c->sel = n ? n - 1 : 0;
	if (c->sel < c->top)
		c->top = c->sel;
	if (vis > 0 && c->sel >= c->top + (size_t)vis)
		c->top = c->sel - (size_t)vis + 1;
	if (!n)
		tui_put(y + 1, 2, a->cols - 4, tui_attr(IVS_COLOR_OK),
		        a->baseline ? "No changes: a deploy leaves the stack as it is." : "");
	for (int i = 0; i < vis && c->top + (size_t)i < n; i++) {
		size_t k = c->top + (size_t)i;
		const struct ivs_tdiff_res *r = &d->res[k];
		char buf[400];
		snprintf(buf, sizeof buf, "%-5s %s%s%s  %s", marker(r->change) + (*marker(r->change) ? 1 : 0),
		         r->old_id ? r->old_id : "", r->old_id ? " → " : "", r->id, r->type);
		if (r->change == IVS_TDIFF_REMOVED)
			memcpy(buf, "[-]  ", 5);
		bool bad = r->change != IVS_TDIFF_ADDED && r->change != IVS_TDIFF_UPDATED;
		attr_t at = k == c->sel ? tui_attr(IVS_COLOR_SELECTED)
		                        : tui_attr(bad ? IVS_COLOR_ERROR : IVS_COLOR_NORMAL);
		tui_fill(y + 1 + i, 1, a->cols - 2, at);
		tui_put(y + 1 + i, 2, a->cols - 4, at, buf);
	}
	if (c->sel < n) {
		char *w = ivs_tdiff_res_words(&d->res[c->sel]);
		tui_put_wrapped(y + h - 3, 2, a->cols - 4, 2, tui_attr(IVS_COLOR_NORMAL), w, true);
		free(w);
	}
	tui_draw_chrome(a, TUI_CTX_PROBLEMS, NULL);
}

struct find {
	const char *id;
	struct ivs_res *hit;
};

static void find_one(struct ivs_res *r, void *ctx)
{
	struct find *f = ctx;
	char *id = f->hit ? NULL : ivs_export_logical_id(r);
	if (id && !strcmp(id, f->id))
		f->hit = r;
	free(id);
}

static bool ch_key(struct tui_app *a, void *st, int key)
{
	struct changes *c = st;
	const struct ivs_tdiff *d = current(a);
	size_t n = d ? d->nres : 0;
	switch (tui_keymap_lookup(a->km, TUI_CTX_PROBLEMS, key)) {
	case TUI_ACT_UP: if (c->sel) c->sel--; return true;
	case TUI_ACT_DOWN: if (c->sel + 1 < n) c->sel++; return true;
	case TUI_ACT_FIRST: c->sel = 0; return true;
	case TUI_ACT_LAST: c->sel = n ? n - 1 : 0; return true;
	case TUI_ACT_CANCEL: case TUI_ACT_PROBLEMS:
		tui_pop(a);
		return true;
	case TUI_ACT_ACTIVATE: {
		if (c->sel >= n)
			return true;
		struct find f = {d->res[c->sel].id, NULL};
		if (d->res[c->sel].change != IVS_TDIFF_REMOVED)
			ivs_project_each(a->p, find_one, &f);
		tui_pop(a);   /* frees c */
		struct tui_editor *ed = tui_current_editor(a);
		if (f.hit && ed)
			tui_editor_select(a, ed, f.hit, -1);
		return true;
	}
	default:
		return false;
	}
}

static void ch_leave(struct tui_app *a, void *st)
{
	(void)a;
	free(st);
}

static enum tui_context ch_context(struct tui_app *a, void *st)
{
	(void)a;
	(void)st;
	return TUI_CTX_PROBLEMS;
}

static const struct tui_screen_ops changes_screen = {
	.name = "changes",
	.draw = ch_draw,
	.key = ch_key,
	.leave = ch_leave,
	.context = ch_context,
	.overlay = true,
};

void tui_changes_open(struct tui_app *a)
{
	tui_push(a, &changes_screen, ivs_xcalloc(1, sizeof(struct changes)));
}

bool tui_changes_is_open(struct tui_app *a)
{
	return tui_top_state(a, &changes_screen) != NULL;
}
