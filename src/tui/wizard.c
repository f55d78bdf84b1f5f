/* wizard.c: the new-stack wizard. Steps are a page table (htop's
 * categoriesPanelPages): each names the kinds its form screen edits; the
 * pages reuse the editor component with the tree limited to those kinds.
 * The last page reviews the problems and previews the whole template,
 * then saves and/or exports. */
#include <stdlib.h>
#include <string.h>

#include "ivs/export.h"
#include "ivs/validate.h"
#include "app.h"
#include "draw.h"
#include "editor.h"
#include "editor_int.h"
#include "wizard.h"

#define K(k) (1u << IVS_KIND_##k)

static const struct wizard_page {
	const char *name;
	const char *intro;
	unsigned kinds;        /* 0: the review page */
} pages[] = {
	{.name = "Stack", .kinds = K(STACK),
	 .intro = "Name the stack (a letter, then letters, digits and -) and describe it."},
	{.name = "Channels", .kinds = K(CHANNEL),
	 .intro = "Add channels (a), each with a stream key (s). Defaults are shown dimmed."},
	{.name = "Playback keys", .kinds = K(KEY_PAIR),
	 .intro = "Private (authorized) channels need a playback key pair: add one, then f or g."},
	{.name = "Recording", .kinds = K(BUCKET) | K(RECORDING),
	 .intro = "To record, add a bucket and a recording configuration; pick it on the channel."},
	{.name = "Review", .kinds = 0,
	 .intro = "Problems and the template. Enter or F2 saves; F5 exports (when there are no errors)."},
};

#define NPAGES ((int)IVS_ARRAY_LEN(pages))

struct wizard {
	int step;
	struct tui_editor *ed;
	int scroll;
	char *tmpl;
	unsigned long tgen;
	bool have;
	struct ivs_diags diags;
};

static void go(struct tui_app *a, struct wizard *w, int step)
{
	if (step < 0 || step >= NPAGES)
		return;
	w->step = step;
	w->scroll = 0;
	if (pages[step].kinds)
		tui_editor_set_kinds(a, w->ed, pages[step].kinds);
	tui_status(a, false, "Step %d of %d: %s", step + 1, NPAGES, pages[step].name);
}

static void review_sync(struct tui_app *a, struct wizard *w)
{
	if (w->have && w->tgen == ivs_project_generation(a->p))
		return;
	free(w->tmpl);
	ivs_diags_clear(&w->diags);
	ivs_validate_collect(a->p, &w->diags);
	struct ivs_buf b;
	ivs_buf_init(&b);
	cJSON *t = ivs_export_template(a->p);
	if (t) {
		ivs_export_write(t, IVS_EXPORT_JSON, &b);
		cJSON_Delete(t);
	}
	ivs_buf_puts(&b, "");
	w->tmpl = ivs_buf_steal(&b);
	w->tgen = ivs_project_generation(a->p);
	w->have = true;
}

static void draw_review(struct tui_app *a, struct wizard *w, int y, int h)
{
	review_sync(a, w);
	char title[96];
	int ph = (int)w->diags.n + 2;
	if (ph > h / 3)
		ph = h / 3;
	if (ph < 3)
		ph = 3;
	snprintf(title, sizeof title, "Problems: %zu error%s, %zu warning%s", w->diags.errors,
	         w->diags.errors == 1 ? "" : "s", w->diags.warnings, w->diags.warnings == 1 ? "" : "s");
	tui_frame(a, y, 0, ph, a->cols, tui_attr(IVS_COLOR_BORDER), title);
	if (!w->diags.n)
		tui_put(y + 1, 2, a->cols - 4, tui_attr(IVS_COLOR_OK),
		        "No problems: the template can be exported.");
	for (int i = 0; i < ph - 2 && (size_t)i < w->diags.n; i++) {
		const struct ivs_diag *d = &w->diags.v[i];
		char buf[700], where[300];
		tui_problem_place(d, where, sizeof where);
		snprintf(buf, sizeof buf, "%s %s: %s", tui_marker(a, d->sev), where, d->msg ? d->msg : "");
		tui_put(y + 1 + i, 2, a->cols - 4,
		        tui_attr(d->sev == IVS_SEV_ERROR ? IVS_COLOR_ERROR : IVS_COLOR_WARNING), buf);
	}
	int ty = y + ph, th = h - ph;
	tui_frame(a, ty, 0, th, a->cols, tui_attr(IVS_COLOR_BORDER), "Template (PgUp/PgDn scroll)");
	tui_put_lines(ty + 1, 2, a->cols - 4, th - 2, tui_attr(IVS_COLOR_PREVIEW), w->tmpl, w->scroll,
	              false);
}

static void wz_draw(struct tui_app *a, void *st)
{
	struct wizard *w = st;
	struct ivs_buf b;
	ivs_buf_init(&b);
	for (int i = 0; i < NPAGES; i++)
		ivs_buf_printf(&b, "%s%s%d %s%s", i ? " > " : " ", i == w->step ? "[" : "", i + 1,
		               pages[i].name, i == w->step ? "]" : "");
	if (tui_width(b.data) > a->cols) {
		/* Narrow: the other steps by number only. */
		ivs_buf_reset(&b);
		for (int i = 0; i < NPAGES; i++) {
			ivs_buf_printf(&b, "%s%d", i ? " > " : " ", i + 1);
			if (i == w->step)
				ivs_buf_printf(&b, " [%s]", pages[i].name);
		}
	}
	tui_fill(1, 0, a->cols, tui_attr(IVS_COLOR_BORDER));
	tui_put(1, 0, a->cols, tui_attr(IVS_COLOR_BORDER) | A_BOLD, b.data);
	tui_fill(2, 0, a->cols, tui_attr(IVS_COLOR_NORMAL));
	tui_put(2, 1, a->cols - 1, tui_attr(IVS_COLOR_NORMAL), pages[w->step].intro);
	ivs_buf_free(&b);
	int y = 3, h = a->rows - 5;
	enum tui_context ctx;
	if (pages[w->step].kinds) {
		tui_editor_draw(a, w->ed, y, 0, h, a->cols);
		ctx = tui_editor_editing(w->ed) ? TUI_CTX_EDIT : TUI_CTX_WIZARD;
	} else {
		for (int i = 0; i < h; i++)
			tui_fill(y + i, 0, a->cols, tui_attr(IVS_COLOR_NORMAL));
		draw_review(a, w, y, h);
		ctx = TUI_CTX_REVIEW;
	}
	char title[64];
	snprintf(title, sizeof title, "new stack: step %d of %d", w->step + 1, NPAGES);
	/* The key bar says what a adds on this page. */
	if (pages[w->step].kinds && !(pages[w->step].kinds & K(STACK))) {
		char label[32];
		snprintf(label, sizeof label, "Add %s", ivs_kind_info(tui_editor_add_kind(w->ed))->name);
		tui_keymap_set_bar_label(a->km, TUI_ACT_ADD, label);
	}
	tui_draw_chrome(a, ctx, title);
	tui_keymap_set_bar_label(a->km, TUI_ACT_ADD, NULL);
}

static bool wz_key(struct tui_app *a, void *st, int key)
{
	struct wizard *w = st;
	bool review = !pages[w->step].kinds;
	enum tui_action act = tui_keymap_lookup(a->km, review ? TUI_CTX_REVIEW : TUI_CTX_WIZARD, key);
	if (!review && tui_editor_editing(w->ed)) {
		/* Next/Back while typing: finish the field first (it stays
		 * open when its text cannot be stored). */
		if ((act == TUI_ACT_NEXT_STEP || act == TUI_ACT_PREV_STEP) && !tui_key_is_char(key)) {
			tui_editor_key(a, w->ed, TUI_ENTER);
			if (tui_editor_editing(w->ed))
				return true;
		} else {
			return tui_editor_key(a, w->ed, key) ? true
			       : tui_app_action(a, tui_keymap_lookup(a->km, TUI_CTX_EDIT, key));
		}
	}
	if (act == TUI_ACT_NEXT_STEP) {
		go(a, w, w->step + 1);
		return true;
	}
	if (act == TUI_ACT_PREV_STEP) {
		go(a, w, w->step - 1);
		return true;
	}
	if (review) {
		enum tui_action g = tui_keymap_lookup(a->km, TUI_CTX_GENERIC, key);
		int page = a->rows / 2;
		switch (act != TUI_ACT_NONE ? act : g) {
		case TUI_ACT_UP: w->scroll--; break;
		case TUI_ACT_DOWN: w->scroll++; break;
		case TUI_ACT_PAGE_UP: w->scroll -= page; break;
		case TUI_ACT_PAGE_DOWN: w->scroll += page; break;
		case TUI_ACT_FIRST: w->scroll = 0; break;
		case TUI_ACT_CANCEL: go(a, w, w->step - 1); return true;
		default: return tui_app_action(a, act != TUI_ACT_NONE ? act : g);
		}
		if (w->scroll < 0)
			w->scroll = 0;
		return true;
	}
	if (tui_editor_key(a, w->ed, key))
		return true;
	act = tui_keymap_lookup(a->km, tui_editor_context(w->ed), key);
	if (act == TUI_ACT_PREVIEW) {
		tui_editor_toggle_preview(w->ed);
		return true;
	}
	return tui_app_action(a, act);
}

static void wz_leave(struct tui_app *a, void *st)
{
	(void)a;
	struct wizard *w = st;
	tui_editor_free(w->ed);
	free(w->tmpl);
	ivs_diags_free(&w->diags);
	free(w);
}

static enum tui_context wz_context(struct tui_app *a, void *st)
{
	(void)a;
	struct wizard *w = st;
	return pages[w->step].kinds ? TUI_CTX_WIZARD : TUI_CTX_REVIEW;
}

static const struct tui_screen_ops wizard_screen = {
	.name = "wizard",
	.draw = wz_draw,
	.key = wz_key,
	.leave = wz_leave,
	.context = wz_context,
};

void tui_wizard_open(struct tui_app *a)
{
	struct wizard *w = ivs_xcalloc(1, sizeof *w);
	ivs_diags_init(&w->diags);
	w->ed = tui_editor_new(a, pages[0].kinds);
	tui_push(a, &wizard_screen, w);
	go(a, w, 0);
}

struct tui_editor *tui_wizard_editor(struct tui_app *a)
{
	for (int i = 0; i < a->nstack; i++)
		if (a->stack[i].ops == &wizard_screen)
			return ((struct wizard *)a->stack[i].st)->ed;
	return NULL;
}

void tui_wizard_reveal(struct tui_app *a, const struct ivs_res *r)
{
	for (int i = 0; i < a->nstack; i++) {
		if (a->stack[i].ops != &wizard_screen)
			continue;
		struct wizard *w = a->stack[i].st;
		enum ivs_kind k = r->parent ? r->parent->kind : r->kind;
		for (int p = 0; p < NPAGES; p++)
			if (pages[p].kinds & (1u << k)) {
				if (p != w->step)
					go(a, w, p);
				return;
			}
	}
}
