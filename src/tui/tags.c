/* tags.c: the tags editor: key=value rows of one entry; add, edit and
 * delete a row. Every change is one ivs_edit_set_tags (one undo step). */
#include <stdlib.h>
#include <string.h>

#include "ivs/tui_form.h"
#include "app.h"
#include "dialog.h"
#include "draw.h"
#include "tags.h"

struct tags {
	struct ivs_res *r;
	int field;
	size_t sel, top;
};

static const struct ivs_tags *cur(const struct tags *t)
{
	return &t->r->tags;
}

static void tg_draw(struct tui_app *a, void *st)
{
	struct tags *t = st;
	const struct ivs_tags *tg = cur(t);
	int h = a->rows - 6, w = a->cols - 8 > 70 ? 70 : a->cols - 8;
	int y = 2, x = (a->cols - w) / 2;
	char title[300];
	snprintf(title, sizeof title, "Tags of %s (%zu)", t->r->id ? t->r->id : "stack", tg->n);
	tui_frame(a, y, x, h, w, tui_attr(IVS_COLOR_DIALOG), title);
	int vis = h - 3;
	if (t->sel > tg->n)
		t->sel = tg->n;
	if (t->sel < t->top)
		t->top = t->sel;
	if (vis > 0 && t->sel >= t->top + (size_t)vis)
		t->top = t->sel - (size_t)vis + 1;
	for (int i = 0; i < vis && t->top + (size_t)i <= tg->n; i++) {
		size_t k = t->top + (size_t)i;
		char buf[600];
		if (k < tg->n)
			snprintf(buf, sizeof buf, "%s = %s", tg->v[k].key, tg->v[k].value);
		else
			snprintf(buf, sizeof buf, "(add a tag)");
		attr_t at = k == t->sel ? tui_attr(IVS_COLOR_SELECTED) : tui_attr(IVS_COLOR_DIALOG);
		tui_fill(y + 1 + i, x + 1, w - 2, at);
		tui_put(y + 1 + i, x + 2, w - 4, at, buf);
	}
	const struct ivs_diag *d = tui_form_field_diag(t->r, t->field);
	if (d) {
		char buf[600];
		snprintf(buf, sizeof buf, "%s %s", tui_marker(a, d->sev), d->msg);
		tui_put(y + h - 2, x + 2, w - 4,
		        tui_attr(d->sev == IVS_SEV_ERROR ? IVS_COLOR_ERROR : IVS_COLOR_WARNING), buf);
	} else {
		tui_put(y + h - 2, x + 2, w - 4, tui_attr(IVS_COLOR_DIALOG) | A_DIM,
		        "Enter: edit  a: add  d: delete  Esc: done");
	}
	tui_draw_chrome(a, TUI_CTX_LIST, NULL);
}

struct tctx {
	struct ivs_res *r;
	size_t row;   /* SIZE_MAX: a new row */
};

static void edited(struct tui_app *a, const char *text, void *ctx)
{
	struct tctx *c = ctx;
	char *key, *value;
	if (!text)
		return;
	if (tui_form_parse_tag(text, &key, &value) < 0) {
		tui_status(a, true, "A tag is key=value, with a key before the =");
		return;
	}
	struct ivs_tags t = {0};
	ivs_tags_copy(&t, &c->r->tags);
	if (c->row < t.n) {
		free(t.v[c->row].key);
		free(t.v[c->row].value);
		t.v[c->row].key = key;
		t.v[c->row].value = value;
	} else {
		ivs_tags_put(&t, key, value);
		free(key);
		free(value);
	}
	ivs_edit_set_tags(a->p, c->r, &t);
	ivs_tags_free(&t);
	tui_validate(a);
}

static bool tg_key(struct tui_app *a, void *st, int key)
{
	struct tags *t = st;
	const struct ivs_tags *tg = cur(t);
	enum tui_action act = tui_keymap_lookup(a->km, TUI_CTX_LIST, key);
	enum tui_action g = tui_keymap_lookup(a->km, TUI_CTX_GENERIC, key);
	if (act == TUI_ACT_CANCEL) {
		tui_pop(a);
	} else if (act == TUI_ACT_COMMIT || act == TUI_ACT_ADD) {
		struct tctx *c = ivs_xmalloc(sizeof *c);
		c->r = t->r;
		c->row = act == TUI_ACT_ADD ? SIZE_MAX : t->sel;
		char *init = c->row < tg->n ? ivs_xasprintf("%s=%s", tg->v[c->row].key, tg->v[c->row].value)
		                            : ivs_xstrdup("");
		tui_prompt(a, "Tag (key=value)", init, false, edited, c);
		free(init);
	} else if (act == TUI_ACT_DELETE) {
		if (t->sel < tg->n) {
			struct ivs_tags n = {0};
			ivs_tags_copy(&n, tg);
			free(n.v[t->sel].key);
			free(n.v[t->sel].value);
			memmove(&n.v[t->sel], &n.v[t->sel + 1], (n.n - t->sel - 1) * sizeof *n.v);
			n.n--;
			ivs_edit_set_tags(a->p, t->r, &n);
			ivs_tags_free(&n);
			tui_validate(a);
		}
	} else if (g == TUI_ACT_UP) {
		if (t->sel)
			t->sel--;
	} else if (g == TUI_ACT_DOWN) {
		if (t->sel < tg->n)
			t->sel++;
	} else if (g == TUI_ACT_UNDO || g == TUI_ACT_REDO) {
		tui_undo(a, g == TUI_ACT_REDO);
	}
	return true;
}

static void tg_leave(struct tui_app *a, void *st)
{
	(void)a;
	free(st);
}

static enum tui_context tg_context(struct tui_app *a, void *st)
{
	(void)a;
	(void)st;
	return TUI_CTX_LIST;
}

static const struct tui_screen_ops tags_screen = {
	.name = "tags",
	.draw = tg_draw,
	.key = tg_key,
	.leave = tg_leave,
	.context = tg_context,
	.overlay = true,
};

void tui_tags_open(struct tui_app *a, struct ivs_res *r, int field)
{
	struct tags *t = ivs_xcalloc(1, sizeof *t);
	t->r = r;
	t->field = field;
	tui_push(a, &tags_screen, t);
}
