/* tags.c: the tags editor: key=value rows of one entry; add, edit and
 * delete a row. A row is typed in place and checked as it is typed (the
 * validator's candidate check of the tags it would make: key length,
 * aws: prefix, count). Every change is one ivs_edit_set_tags (one undo
 * step). */
#include <stdlib.h>
#include <string.h>

#include "ivs/tui_form.h"
#include "ivs/tui_lineedit.h"
#include "ivs/validate.h"
#include "app.h"
#include "dialog.h"
#include "draw.h"
#include "tags.h"

struct tags {
	struct ivs_res *r;
	int field;
	size_t sel, top;
	struct tui_le *le;        /* the row being typed, NULL when none */
	size_t erow;              /* its row (SIZE_MAX: a new one) */
	struct ivs_diags cand;    /* the problems of what is typed */
};

/* The tags as text with row `erow` replaced by (or, SIZE_MAX, followed
 * by) what is typed: what the candidate check reads. */
static void check_typed(struct tui_app *a, struct tags *t)
{
	const struct ivs_tags *tg = &t->r->tags;
	struct ivs_buf b;
	ivs_buf_init(&b);
	for (size_t i = 0; i < tg->n; i++)
		if (i != t->erow)
			ivs_buf_printf(&b, "%s%s=%s", b.len ? ", " : "", tg->v[i].key, tg->v[i].value);
	const char *typed = tui_le_text(t->le);
	if (*typed)
		ivs_buf_printf(&b, "%s%s", b.len ? ", " : "", typed);
	ivs_buf_puts(&b, "");
	ivs_diags_clear(&t->cand);
	ivs_validate_candidate(a->p, t->r, t->field, b.data, &t->cand);
	ivs_buf_free(&b);
}

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
	int vis = h - 4;   /* two lines at the bottom: the problem, wrapped */
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
		if (t->le && k == t->sel) {   /* the row being typed */
			size_t start, n;
			int cc;
			tui_le_view(t->le, w - 5, &start, &n, &cc);
			tui_fill(y + 1 + i, x + 2, w - 4, tui_attr(IVS_COLOR_FOCUS));
			attrset(tui_attr(IVS_COLOR_FOCUS));
			mvaddnwstr(y + 1 + i, x + 2, tui_le_wtext(t->le) + start, (int)n);
			attrset(A_NORMAL);
			tui_cursor(a, y + 1 + i, x + 2 + cc);
			continue;
		}
		tui_put(y + 1 + i, x + 2, w - 4, at, buf);
	}
	const struct ivs_diag *d = t->le ? (t->cand.n ? &t->cand.v[0] : NULL)
	                                 : tui_form_field_diag(t->r, t->field);
	if (t->le && !d) {
		tui_put(y + h - 2, x + 2, w - 4, tui_attr(IVS_COLOR_DIALOG) | A_DIM,
		        "key=value  Enter: keep  Esc: cancel");
	} else if (d) {
		char buf[600];
		snprintf(buf, sizeof buf, "%s %s", tui_marker(a, d->sev), d->msg);
		int n = tui_put_wrapped(0, 0, w - 4, 2, 0, buf, false);
		tui_put_wrapped(y + h - 1 - n, x + 2, w - 4, 2,
		                tui_attr(d->sev == IVS_SEV_ERROR ? IVS_COLOR_ERROR : IVS_COLOR_WARNING),
		                buf, true);
	} else {
		tui_put(y + h - 2, x + 2, w - 4, tui_attr(IVS_COLOR_DIALOG) | A_DIM,
		        "Enter: edit  a: add  d: delete  Esc: done");
	}
	tui_draw_chrome(a, t->le ? TUI_CTX_EDIT : TUI_CTX_LIST, NULL);
}

static void edit_end(struct tags *t)
{
	tui_le_free(t->le);
	t->le = NULL;
	ivs_diags_clear(&t->cand);
}

/* Enter on the typed row: stored (one undo step), unless it is no tag. */
static void edited(struct tui_app *a, struct tags *t)
{
	char *key, *value;
	if (tui_form_parse_tag(tui_le_text(t->le), &key, &value) < 0) {
		tui_status(a, true, "A tag is key=value, with a key before the =");
		return;
	}
	struct ivs_tags n = {0};
	ivs_tags_copy(&n, &t->r->tags);
	if (t->erow < n.n) {
		free(n.v[t->erow].key);
		free(n.v[t->erow].value);
		n.v[t->erow].key = key;
		n.v[t->erow].value = value;
	} else {
		ivs_tags_put(&n, key, value);
		free(key);
		free(value);
	}
	ivs_edit_set_tags(a->p, t->r, &n);
	ivs_tags_free(&n);
	tui_validate(a);
	edit_end(t);
}

static void typing_key(struct tui_app *a, struct tags *t, int key)
{
	enum tui_action act = tui_keymap_lookup(a->km, TUI_CTX_EDIT, key);
	if (key == TUI_ENTER || act == TUI_ACT_COMMIT) {
		edited(a, t);
		return;
	}
	if (act == TUI_ACT_CANCEL) {
		edit_end(t);
		return;
	}
	enum tui_le_result r;
	if (key == TUI_KEY_PASTE) {
		size_t n;
		const char *p = tui_paste_text(&n);
		r = tui_le_paste(t->le, p, n);
	} else {
		r = tui_le_key(t->le, key);
	}
	if (r == TUI_LE_FULL)
		tui_status(a, true, "A tag holds at most %u bytes here", TUI_LE_MAX_BYTES);
	if (r == TUI_LE_CHANGED || r == TUI_LE_FULL)
		check_typed(a, t);
}

static bool tg_key(struct tui_app *a, void *st, int key)
{
	struct tags *t = st;
	const struct ivs_tags *tg = cur(t);
	if (t->le) {
		typing_key(a, t, key);
		return true;
	}
	enum tui_action act = tui_keymap_lookup(a->km, TUI_CTX_LIST, key);
	enum tui_action g = tui_keymap_lookup(a->km, TUI_CTX_GENERIC, key);
	if (act == TUI_ACT_CANCEL) {
		tui_pop(a);
	} else if (act == TUI_ACT_COMMIT || act == TUI_ACT_ADD) {
		t->erow = act == TUI_ACT_ADD || t->sel >= tg->n ? SIZE_MAX : t->sel;
		char *init = t->erow < tg->n ? ivs_xasprintf("%s=%s", tg->v[t->erow].key,
		                                             tg->v[t->erow].value)
		                             : ivs_xstrdup("");
		t->le = tui_le_new(init);
		free(init);
		if (t->erow == SIZE_MAX)
			t->sel = tg->n;   /* the "(add a tag)" row */
		check_typed(a, t);
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
	struct tags *t = st;
	edit_end(t);
	ivs_diags_free(&t->cand);
	free(t);
}

static enum tui_context tg_context(struct tui_app *a, void *st)
{
	(void)a;
	return ((struct tags *)st)->le ? TUI_CTX_EDIT : TUI_CTX_LIST;
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
	ivs_diags_init(&t->cand);
	tui_push(a, &tags_screen, t);
}
