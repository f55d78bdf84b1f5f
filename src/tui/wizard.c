/* wizard.c: the new-stack wizard. Steps are a page table (htop's
 * categoriesPanelPages): each names the kinds its form screen edits; the
 * pages reuse the editor component with the tree limited to those kinds.
 * The first page asks what is being built (goals); only the pages of the
 * goals chosen are walked. The last page reviews the problems and previews the whole template,
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

/* What is being built: the first page asks (several may be checked);
 * the pages that follow are only those of the goals chosen. */
#define WIZARD_GOAL_INFO(X) \
	X(LIVE,  "A live channel",    "low-latency streaming to viewers: a channel, its stream key, recording") \
	X(STAGE, "A real-time stage", "hosts and guests publish and subscribe; participants recorded to S3") \
	X(CHAT,  "Chat",              "a chat room with message limits, moderation and logging")

enum {
#define WIZARD_GOAL_ENUM(n, name, help) GOAL_##n,
	WIZARD_GOAL_INFO(WIZARD_GOAL_ENUM)
#undef WIZARD_GOAL_ENUM
	GOAL_COUNT
};

static const struct {
	const char *name, *help;
} goals[] = {
#define WIZARD_GOAL_ROW(n, name, help) {name, help},
	WIZARD_GOAL_INFO(WIZARD_GOAL_ROW)
#undef WIZARD_GOAL_ROW
};

#define G(g) (1u << GOAL_##g)
#define ANY_GOAL ((1u << GOAL_COUNT) - 1)

enum page_type { PAGE_GOALS, PAGE_FORMS, PAGE_REVIEW };

/* The pages, in an order where nothing is asked before it can exist: a
 * bucket before what records to it, a recording configuration before
 * the channel that uses it (or "+ new" in the channel's pick list), a
 * stage's storage configuration before the stage; outputs name what the
 * pages before created; the review is last. */
static const struct wizard_page {
	const char *name;
	const char *intro;
	enum page_type type;
	unsigned kinds;        /* PAGE_FORMS: the kinds its tree shows */
	unsigned goals;        /* shown when one of these goals is chosen */
} pages[] = {
	{.name = "Build", .type = PAGE_GOALS, .goals = ANY_GOAL,
	 .intro = "What are you building? Space checks one or more, Enter goes on."},
	{.name = "Stack", .type = PAGE_FORMS, .kinds = K(STACK), .goals = ANY_GOAL,
	 .intro = "Name the stack (a letter, then letters, digits and -) and describe it."},
	{.name = "Recording", .type = PAGE_FORMS, .kinds = K(BUCKET) | K(RECORDING), .goals = G(LIVE),
	 .intro = "To record the channel, add a bucket and a recording configuration (optional)."},
	{.name = "Playback", .type = PAGE_FORMS, .kinds = K(KEY_PAIR) | K(PLAYBACK_POLICY),
	 .goals = G(LIVE),
	 .intro = "Private channels need a playback key pair (add one, then f or g). Optional."},
	{.name = "Channels", .type = PAGE_FORMS, .kinds = K(CHANNEL), .goals = G(LIVE),
	 .intro = "Add channels (a), each with a stream key (s); o adds the channel's outputs."},
	{.name = "Stage recording", .type = PAGE_FORMS, .kinds = K(BUCKET) | K(STORAGE),
	 .goals = G(STAGE),
	 .intro = "To record participants, add a bucket and a storage configuration (optional)."},
	{.name = "Stages", .type = PAGE_FORMS, .kinds = K(STAGE) | K(PUBLIC_KEY), .goals = G(STAGE),
	 .intro = "Add stages; a public key checks the participant tokens you sign (f or g)."},
	{.name = "Stage ingest", .type = PAGE_FORMS, .kinds = K(ENCODER) | K(INGEST), .goals = G(STAGE),
	 .intro = "RTMP(S) ingest into a stage, encoder settings for composition. Optional."},
	{.name = "Chat logging", .type = PAGE_FORMS, .kinds = K(BUCKET) | K(CHAT_LOGGING),
	 .goals = G(CHAT),
	 .intro = "To keep chat messages, add a logging configuration: one destination (Space)."},
	{.name = "Chat rooms", .type = PAGE_FORMS, .kinds = K(CHAT_ROOM), .goals = G(CHAT),
	 .intro = "Add chat rooms; pick their logging configurations (Enter on the list)."},
	{.name = "Outputs", .type = PAGE_FORMS, .kinds = K(OUTPUT), .goals = ANY_GOAL,
	 .intro = "Values shown after deploy: a, then pick the entry and its attribute. Optional."},
	{.name = "Review", .type = PAGE_REVIEW, .goals = ANY_GOAL,
	 .intro = "Problems and the template. Enter or F2 saves; F5 exports (when there are no errors)."},
};

#define NPAGES ((int)IVS_ARRAY_LEN(pages))

struct wizard {
	int step;
	unsigned goals;        /* chosen on the first page */
	int gsel;              /* the goal under the cursor */
	struct tui_editor *ed;
	int scroll;
	char *tmpl;
	unsigned long tgen;
	bool have;
	struct ivs_diags diags;
};

static bool page_on(const struct wizard *w, int p)
{
	/* the question is always there, even with nothing checked yet */
	return pages[p].type == PAGE_GOALS || (pages[p].goals & w->goals) != 0;
}

/* The step's number among the pages walked (1-based) and their count. */
static int page_number(const struct wizard *w, int p, int *count)
{
	int n = 0, k = 0;
	for (int i = 0; i < NPAGES; i++)
		if (page_on(w, i)) {
			n++;
			if (i == p)
				k = n;
		}
	if (count)
		*count = n;
	return k;
}

static void go(struct tui_app *a, struct wizard *w, int step)
{
	if (step < 0 || step >= NPAGES)
		return;
	if (w->step == 0 && step > 0 && !w->goals) {
		tui_status(a, true, "Check what you are building first (Space), then go on");
		return;
	}
	/* Only the pages of the chosen goals. */
	int dir = step >= w->step ? 1 : -1;
	while (step > 0 && step < NPAGES - 1 && !page_on(w, step))
		step += dir;
	w->step = step;
	w->scroll = 0;
	if (pages[step].type == PAGE_FORMS)
		tui_editor_set_kinds(a, w->ed, pages[step].kinds);
	int count;
	int k = page_number(w, step, &count);
	tui_status(a, false, "Step %d of %d: %s", k, count, pages[step].name);
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

static void draw_goals(struct tui_app *a, struct wizard *w, int y, int h)
{
	for (int i = 0; i < h; i++)
		tui_fill(y + i, 0, a->cols, tui_attr(IVS_COLOR_NORMAL));
	char buf[256];
	for (int g = 0; g < GOAL_COUNT && 1 + 3 * g + 1 < h; g++) {
		bool sel = g == w->gsel;
		attr_t at = sel ? tui_attr(IVS_COLOR_SELECTED) : tui_attr(IVS_COLOR_LABEL) | A_BOLD;
		snprintf(buf, sizeof buf, " [%c] %s", (w->goals >> g) & 1 ? 'x' : ' ', goals[g].name);
		if (sel)
			tui_fill(y + 1 + 3 * g, 2, a->cols - 4, at);
		tui_put(y + 1 + 3 * g, 2, a->cols - 4, at, buf);
		tui_put(y + 2 + 3 * g, 8, a->cols - 10, tui_attr(IVS_COLOR_DEFAULT), goals[g].help);
	}
	int ny = y + 1 + 3 * GOAL_COUNT;
	if (ny < y + h) {
		struct ivs_buf b;
		ivs_buf_init(&b);
		ivs_buf_puts(&b, "Then: ");
		int shown = 0;
		for (int i = 1; i < NPAGES; i++)
			if (page_on(w, i))
				ivs_buf_printf(&b, "%s%s", shown++ ? ", " : "", pages[i].name);
		if (!w->goals)
			ivs_buf_puts(&b, "check at least one of the above");
		tui_put_wrapped(ny, 2, a->cols - 4, y + h - ny, tui_attr(IVS_COLOR_NORMAL),
		                b.data ? b.data : "", true);
		ivs_buf_free(&b);
	}
}

static void wz_draw(struct tui_app *a, void *st)
{
	struct wizard *w = st;
	struct ivs_buf b;
	ivs_buf_init(&b);
	int count, n = 0;
	page_number(w, w->step, &count);
	/* every page walked by name; when that is wider than the screen,
	 * only the current one named */
	for (int pass = 0; pass < 2; pass++) {
		ivs_buf_reset(&b);
		n = 0;
		for (int i = 0; i < NPAGES; i++) {
			if (!page_on(w, i))
				continue;
			n++;
			if (pass && i != w->step)
				ivs_buf_printf(&b, "%s%d", n > 1 ? " > " : " ", n);
			else
				ivs_buf_printf(&b, "%s%s%d %s%s", n > 1 ? " > " : " ", i == w->step ? "[" : "",
				               n, pages[i].name, i == w->step ? "]" : "");
		}
		if (tui_width(b.data ? b.data : "") <= a->cols)
			break;
	}
	tui_fill(1, 0, a->cols, tui_attr(IVS_COLOR_BORDER));
	tui_put(1, 0, a->cols, tui_attr(IVS_COLOR_BORDER) | A_BOLD, b.data ? b.data : "");
	tui_fill(2, 0, a->cols, tui_attr(IVS_COLOR_NORMAL));
	tui_put(2, 1, a->cols - 1, tui_attr(IVS_COLOR_NORMAL), pages[w->step].intro);
	ivs_buf_free(&b);
	int y = 3, h = a->rows - 5;
	enum tui_context ctx;
	if (pages[w->step].type == PAGE_FORMS) {
		tui_editor_draw(a, w->ed, y, 0, h, a->cols);
		ctx = tui_editor_editing(w->ed) ? TUI_CTX_EDIT : TUI_CTX_WIZARD;
	} else if (pages[w->step].type == PAGE_GOALS) {
		draw_goals(a, w, y, h);
		ctx = TUI_CTX_LIST;
	} else {
		for (int i = 0; i < h; i++)
			tui_fill(y + i, 0, a->cols, tui_attr(IVS_COLOR_NORMAL));
		draw_review(a, w, y, h);
		ctx = TUI_CTX_REVIEW;
	}
	char title[64];
	snprintf(title, sizeof title, "new stack: step %d of %d", page_number(w, w->step, NULL),
	         count);
	/* The key bar says what a adds on this page. */
	if (pages[w->step].kinds && !(pages[w->step].kinds & K(STACK))) {
		char label[32];
		snprintf(label, sizeof label, "Add %s", ivs_kind_info(tui_editor_add_kind(w->ed))->name);
		tui_keymap_set_bar_label(a->km, TUI_ACT_ADD, label);
	}
	tui_draw_chrome(a, ctx, title);
	tui_keymap_set_bar_label(a->km, TUI_ACT_ADD, NULL);
}

/* The first page: Up/Down move, Space checks, Enter (or next) goes on. */
static bool goals_key(struct tui_app *a, struct wizard *w, int key)
{
	enum tui_action act = tui_keymap_lookup(a->km, TUI_CTX_WIZARD, key);
	if (act == TUI_ACT_NONE || act == TUI_ACT_ACTIVATE)
		act = tui_keymap_lookup(a->km, TUI_CTX_LIST, key);
	switch (act) {
	case TUI_ACT_UP: if (w->gsel > 0) w->gsel--; return true;
	case TUI_ACT_DOWN: if (w->gsel + 1 < GOAL_COUNT) w->gsel++; return true;
	case TUI_ACT_FIRST: w->gsel = 0; return true;
	case TUI_ACT_LAST: w->gsel = GOAL_COUNT - 1; return true;
	case TUI_ACT_TOGGLE: case TUI_ACT_NEXT_CHOICE: case TUI_ACT_PREV_CHOICE:
		w->goals ^= 1u << w->gsel;
		return true;
	case TUI_ACT_COMMIT: case TUI_ACT_NEXT_STEP:
		go(a, w, 1);
		return true;
	case TUI_ACT_PREV_STEP: case TUI_ACT_CANCEL:
		return true;
	default:
		return tui_app_action(a, act);
	}
}

static bool wz_key(struct tui_app *a, void *st, int key)
{
	struct wizard *w = st;
	if (pages[w->step].type == PAGE_GOALS)
		return goals_key(a, w, key);
	bool review = pages[w->step].type == PAGE_REVIEW;
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
	return pages[w->step].type == PAGE_FORMS ? TUI_CTX_WIZARD
	       : pages[w->step].type == PAGE_GOALS ? TUI_CTX_LIST : TUI_CTX_REVIEW;
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
	w->goals = G(LIVE);
	w->ed = tui_editor_new(a, K(STACK));
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
			if (page_on(w, p) && (pages[p].kinds & (1u << k))) {
				if (p != w->step)
					go(a, w, p);
				return;
			}
	}
}

int tui_wizard_npages(void)
{
	return NPAGES;
}

const char *tui_wizard_page_name(int i)
{
	return i >= 0 && i < NPAGES ? pages[i].name : NULL;
}

unsigned tui_wizard_page_kinds(int i)
{
	return i >= 0 && i < NPAGES ? pages[i].kinds : 0;
}

unsigned tui_wizard_page_goals(int i)
{
	return i >= 0 && i < NPAGES ? pages[i].goals : 0;
}
