/* dialog.c: modal dialogs drawn over the screen below. Each dialog type is
 * one screen ops struct (draw, key, context) over a shared state:
 *   prompt   a one-line text (with file name completion)
 *   confirm  a question answered by a letter; Enter and Esc give the
 *            harmless answer (the last one), shown on screen
 *   pick     one of a list
 *   multi    several of a list
 *   message  a text shown until a key
 *   text     several lines of text (a pasted PEM key)
 * Each calls its callback once, after it left the screen stack. */
#include <stdlib.h>
#include <string.h>

#include "ivs/tui_lineedit.h"
#include "app.h"
#include "dialog.h"
#include "draw.h"
#include "files.h"

struct dlg {
	char *title, *message;
	struct tui_le *le;       /* prompt, text */
	bool complete_paths;     /* prompt */
	char letters[8];         /* confirm: the last one is Enter's */
	char *labels[8];
	char **items;            /* pick, multi */
	bool *on;                /* multi */
	size_t n, sel, top;
	char **lines;            /* text: finished lines */
	size_t nlines;
	tui_prompt_fn prompt_fn;
	tui_choice_fn choice_fn;
	tui_multi_fn multi_fn;
	void *ctx;
};

static struct dlg *dlg_new(const char *title, void *ctx)
{
	struct dlg *d = ivs_xcalloc(1, sizeof *d);
	d->title = ivs_xstrdup(title ? title : "");
	d->ctx = ctx;
	return d;
}

static void dlg_free(struct dlg *d)
{
	free(d->title);
	free(d->message);
	tui_le_free(d->le);
	for (size_t i = 0; i < IVS_ARRAY_LEN(d->labels); i++)
		free(d->labels[i]);
	for (size_t i = 0; i < d->n; i++)
		free(d->items[i]);
	free(d->items);
	free(d->on);
	for (size_t i = 0; i < d->nlines; i++)
		free(d->lines[i]);
	free(d->lines);
	free(d->ctx);
	free(d);
}

static void dlg_leave(struct tui_app *a, void *st)
{
	(void)a;
	dlg_free(st);
}

/* Pops the dialog, then runs the callback (which may push another). The
 * dialog's state lives until the callback returned. */
static struct dlg *detach(struct tui_app *a, struct dlg *d)
{
	/* Keep d alive across the pop: leave() would free it. */
	struct dlg *keep = ivs_xmalloc(sizeof *keep);
	*keep = *d;
	memset(d, 0, sizeof *d);
	tui_pop(a);
	return keep;
}

static void finish_text(struct tui_app *a, struct dlg *d, const char *text)
{
	d = detach(a, d);
	char *copy = text ? ivs_xstrdup(text) : NULL;
	if (d->prompt_fn)
		d->prompt_fn(a, copy, d->ctx);
	free(copy);
	dlg_free(d);
}

static void finish_choice(struct tui_app *a, struct dlg *d, int choice)
{
	d = detach(a, d);
	if (d->choice_fn)
		d->choice_fn(a, choice, d->ctx);
	dlg_free(d);
}

static void finish_multi(struct tui_app *a, struct dlg *d, bool ok)
{
	d = detach(a, d);
	if (d->multi_fn)
		d->multi_fn(a, ok ? d->on : NULL, d->ctx);
	dlg_free(d);
}

/* ---- shared drawing ---- */

static int box_width(const struct tui_app *a)
{
	return a->cols - 8 > 70 ? 70 : a->cols - 8;
}

static void dlg_box(struct tui_app *a, const struct dlg *d, int h, int *y, int *x, int *w)
{
	*w = box_width(a);
	if (h > a->rows - 4)
		h = a->rows - 4;
	*y = (a->rows - h) / 2;
	*x = (a->cols - *w) / 2;
	tui_frame(a, *y, *x, h, *w, tui_attr(IVS_COLOR_DIALOG), d->title);
}

/* The one-line editor of a prompt or a text box at row y. */
static void draw_line_editor(struct tui_app *a, struct tui_le *le, int y, int x, int w)
{
	size_t start, n;
	int cc;
	tui_le_view(le, w, &start, &n, &cc);
	tui_fill(y, x, w, tui_attr(IVS_COLOR_FOCUS));
	attrset(tui_attr(IVS_COLOR_FOCUS));
	mvaddnwstr(y, x, tui_le_wtext(le) + start, (int)n);
	attrset(A_NORMAL);
	tui_cursor(a, y, x + cc);
}

/* The message, word-wrapped, in a box sized to it, then `answers` in bold
 * below it. */
static void draw_message_box(struct tui_app *a, const struct dlg *d, const char *answers)
{
	attr_t at = tui_attr(IVS_COLOR_DIALOG);
	int bw = box_width(a), y = 0, x = 0, w = bw;
	int lines = 0, maxl = a->rows - 10;
	for (int pass = 0; pass < 2; pass++) {
		int i = 0;
		const char *s = d->message;
		if (pass == 1)
			dlg_box(a, d, lines + 4, &y, &x, &w);
		while (*s && i < maxl) {
			const char *e = strchr(s, '\n');
			size_t n = e ? (size_t)(e - s) : strlen(s);
			char *l = ivs_xstrndup(s, n);
			i += tui_put_wrapped(y + 1 + i, x + 2, bw - 4, maxl - i, at, l, pass == 1);
			free(l);
			s += n + (e ? 1 : 0);
		}
		lines = i;
	}
	tui_put(y + 2 + lines, x + 2, w - 4, at | A_BOLD, answers);
}

/* ---- prompt ---- */

static void prompt_draw(struct tui_app *a, void *st)
{
	struct dlg *d = st;
	int y, x, w;
	dlg_box(a, d, 5, &y, &x, &w);
	tui_draw_chrome(a, TUI_CTX_PROMPT, NULL);
	draw_line_editor(a, d->le, y + 2, x + 2, w - 4);
}

static bool prompt_key(struct tui_app *a, void *st, int key)
{
	struct dlg *d = st;
	enum tui_action act = tui_keymap_lookup(a->km, TUI_CTX_PROMPT, key);
	if (act == TUI_ACT_COMMIT) {
		finish_text(a, d, tui_le_text(d->le));
	} else if (act == TUI_ACT_CANCEL) {
		finish_text(a, d, NULL);
	} else if (act == TUI_ACT_COMPLETE && d->complete_paths) {
		char *c = tui_complete_path(tui_le_text(d->le));
		if (c) {
			tui_le_set(d->le, c);
			free(c);
		}
	} else if (key == TUI_KEY_PASTE) {
		size_t n;
		const char *t = tui_paste_text(&n);
		tui_le_paste(d->le, t, n);
	} else {
		tui_le_key(d->le, key);
	}
	return true;
}

static enum tui_context prompt_context(struct tui_app *a, void *st)
{
	(void)a;
	(void)st;
	return TUI_CTX_PROMPT;
}

static const struct tui_screen_ops prompt_ops = {
	.name = "dialog",
	.draw = prompt_draw,
	.key = prompt_key,
	.leave = dlg_leave,
	.context = prompt_context,
	.overlay = true,
};

/* ---- confirm ---- */

static size_t confirm_default(const struct dlg *d)
{
	size_t n = strlen(d->letters);
	return n ? n - 1 : 0;
}

static void confirm_draw(struct tui_app *a, void *st)
{
	struct dlg *d = st;
	struct ivs_buf b;
	ivs_buf_init(&b);
	for (size_t k = 0; d->letters[k]; k++)
		ivs_buf_printf(&b, "%s[%c] %s", k ? "  " : "", d->letters[k], d->labels[k]);
	if (d->letters[0])
		ivs_buf_printf(&b, "   Enter: %s", d->labels[confirm_default(d)]);
	draw_message_box(a, d, b.data ? b.data : "");
	ivs_buf_free(&b);
	tui_draw_chrome(a, TUI_CTX_CONFIRM, NULL);
}

static bool confirm_key(struct tui_app *a, void *st, int key)
{
	struct dlg *d = st;
	enum tui_action act = tui_keymap_lookup(a->km, TUI_CTX_CONFIRM, key);
	int k = key >= 'A' && key <= 'Z' ? key - 'A' + 'a' : key;
	if (act == TUI_ACT_CANCEL)
		finish_choice(a, d, -1);
	else if (k > 0 && k < 128 && strchr(d->letters, k))
		finish_choice(a, d, k);
	else if (act == TUI_ACT_COMMIT)   /* the harmless answer */
		finish_choice(a, d, d->letters[0] ? d->letters[confirm_default(d)] : -1);
	return true;
}

static enum tui_context confirm_context(struct tui_app *a, void *st)
{
	(void)a;
	(void)st;
	return TUI_CTX_CONFIRM;
}

static const struct tui_screen_ops confirm_ops = {
	.name = "dialog",
	.draw = confirm_draw,
	.key = confirm_key,
	.leave = dlg_leave,
	.context = confirm_context,
	.overlay = true,
};

/* ---- message ---- */

static void message_draw(struct tui_app *a, void *st)
{
	draw_message_box(a, st, "Press any key");
	tui_draw_chrome(a, TUI_CTX_CONFIRM, NULL);
}

static bool message_key(struct tui_app *a, void *st, int key)
{
	if (key != TUI_FN(KEY_RESIZE) && key != TUI_FN(KEY_MOUSE))
		finish_choice(a, st, 0);
	return true;
}

static const struct tui_screen_ops message_ops = {
	.name = "dialog",
	.draw = message_draw,
	.key = message_key,
	.leave = dlg_leave,
	.context = confirm_context,
	.overlay = true,
};

/* ---- pick and multi: one list, multi adds check boxes ---- */

static void list_draw(struct tui_app *a, struct dlg *d, bool boxes)
{
	attr_t at = tui_attr(IVS_COLOR_DIALOG);
	int y, x, w;
	int h = (int)d->n + 2;
	if (h > a->rows - 6)
		h = a->rows - 6;
	dlg_box(a, d, h, &y, &x, &w);
	int vis = h - 2;
	if (d->sel < d->top)
		d->top = d->sel;
	if (vis > 0 && d->sel >= d->top + (size_t)vis)
		d->top = d->sel - (size_t)vis + 1;
	for (int i = 0; i < vis && d->top + (size_t)i < d->n; i++) {
		size_t k = d->top + (size_t)i;
		char buf[300];
		if (boxes)
			snprintf(buf, sizeof buf, "[%c] %s", d->on[k] ? 'x' : ' ', d->items[k]);
		else
			snprintf(buf, sizeof buf, "%s", d->items[k]);
		attr_t ia = k == d->sel ? tui_attr(IVS_COLOR_SELECTED) : at;
		tui_fill(y + 1 + i, x + 1, w - 2, ia);
		tui_put(y + 1 + i, x + 2, w - 4, ia, buf);
	}
	tui_draw_chrome(a, TUI_CTX_LIST, NULL);
}

/* Moves the selection; true when key was a move. */
static bool list_move(struct tui_app *a, struct dlg *d, int key)
{
	enum tui_action g = tui_keymap_lookup(a->km, TUI_CTX_GENERIC, key);
	if (g == TUI_ACT_UP || key == 'k') {
		if (d->sel)
			d->sel--;
	} else if (g == TUI_ACT_DOWN || key == 'j') {
		if (d->sel + 1 < d->n)
			d->sel++;
	} else if (g == TUI_ACT_FIRST) {
		d->sel = 0;
	} else if (g == TUI_ACT_LAST) {
		d->sel = d->n ? d->n - 1 : 0;
	} else {
		return false;
	}
	return true;
}

static enum tui_context list_context(struct tui_app *a, void *st)
{
	(void)a;
	(void)st;
	return TUI_CTX_LIST;
}

static void pick_draw(struct tui_app *a, void *st)
{
	list_draw(a, st, false);
}

static bool pick_key(struct tui_app *a, void *st, int key)
{
	struct dlg *d = st;
	enum tui_action act = tui_keymap_lookup(a->km, TUI_CTX_LIST, key);
	if (act == TUI_ACT_CANCEL)
		finish_choice(a, d, -1);
	else if (act == TUI_ACT_COMMIT)
		finish_choice(a, d, (int)d->sel);
	else
		list_move(a, d, key);
	return true;
}

static const struct tui_screen_ops pick_ops = {
	.name = "dialog",
	.draw = pick_draw,
	.key = pick_key,
	.leave = dlg_leave,
	.context = list_context,
	.overlay = true,
};

static void multi_draw(struct tui_app *a, void *st)
{
	list_draw(a, st, true);
}

static bool multi_key(struct tui_app *a, void *st, int key)
{
	struct dlg *d = st;
	enum tui_action act = tui_keymap_lookup(a->km, TUI_CTX_LIST, key);
	if (act == TUI_ACT_CANCEL)
		finish_multi(a, d, false);
	else if (act == TUI_ACT_COMMIT)
		finish_multi(a, d, true);
	else if (act == TUI_ACT_TOGGLE)
		d->on[d->sel] = !d->on[d->sel];
	else
		list_move(a, d, key);
	return true;
}

static const struct tui_screen_ops multi_ops = {
	.name = "dialog",
	.draw = multi_draw,
	.key = multi_key,
	.leave = dlg_leave,
	.context = list_context,
	.overlay = true,
};

/* ---- text ---- */

static void text_draw(struct tui_app *a, void *st)
{
	struct dlg *d = st;
	attr_t at = tui_attr(IVS_COLOR_DIALOG);
	int y, x, w;
	int h = a->rows - 6;
	dlg_box(a, d, h, &y, &x, &w);
	int vis = h - 3;
	size_t first = d->nlines + 1 > (size_t)vis ? d->nlines + 1 - (size_t)vis : 0;
	int i = 0;
	for (size_t k = first; k < d->nlines; k++, i++)
		tui_put(y + 1 + i, x + 2, w - 4, at, d->lines[k]);
	tui_put(y + h - 2, x + 2, w - 4, at | A_DIM, "Enter: new line  ^D/F2: done  Esc: cancel");
	tui_draw_chrome(a, TUI_CTX_TEXT, NULL);
	draw_line_editor(a, d->le, y + 1 + i, x + 2, w - 4);
}

static bool text_key(struct tui_app *a, void *st, int key)
{
	struct dlg *d = st;
	if (key == TUI_CTRL('d') || key == TUI_FN(KEY_F(2))) {
		struct ivs_buf b;
		ivs_buf_init(&b);
		for (size_t i = 0; i < d->nlines; i++)
			ivs_buf_printf(&b, "%s\n", d->lines[i]);
		if (tui_le_len(d->le))
			ivs_buf_printf(&b, "%s\n", tui_le_text(d->le));
		finish_text(a, d, b.data ? b.data : "");
		ivs_buf_free(&b);
	} else if (key == TUI_ESC) {
		finish_text(a, d, NULL);
	} else if (key == TUI_ENTER) {
		d->lines = ivs_xrealloc(d->lines, (d->nlines + 1) * sizeof *d->lines);
		d->lines[d->nlines++] = ivs_xstrdup(tui_le_text(d->le));
		tui_le_set(d->le, "");
	} else if (key == TUI_FN(KEY_BACKSPACE) && tui_le_len(d->le) == 0 && d->nlines) {
		char *last = d->lines[--d->nlines];
		tui_le_set(d->le, last);
		free(last);
	} else if (key == TUI_KEY_PASTE) {
		/* Pasted lines are lines (a PEM key), never keys. */
		for (const char *s = tui_paste_text(NULL);;) {
			const char *e = strchr(s, '\n');
			tui_le_paste(d->le, s, e ? (size_t)(e - s) : strlen(s));
			if (!e || !e[1])
				break;
			d->lines = ivs_xrealloc(d->lines, (d->nlines + 1) * sizeof *d->lines);
			d->lines[d->nlines++] = ivs_xstrdup(tui_le_text(d->le));
			tui_le_set(d->le, "");
			s = e + 1;
		}
	} else {
		tui_le_key(d->le, key);
	}
	return true;
}

static enum tui_context text_context(struct tui_app *a, void *st)
{
	(void)a;
	(void)st;
	return TUI_CTX_TEXT;
}

static const struct tui_screen_ops text_ops = {
	.name = "dialog",
	.draw = text_draw,
	.key = text_key,
	.leave = dlg_leave,
	.context = text_context,
	.overlay = true,
};

/* ---- the API (tui_screen.h) ---- */

void tui_prompt(struct tui_app *a, const char *title, const char *initial, bool complete_paths,
                tui_prompt_fn fn, void *ctx)
{
	struct dlg *d = dlg_new(title, ctx);
	d->le = tui_le_new(initial);
	d->complete_paths = complete_paths;
	d->prompt_fn = fn;
	tui_push(a, &prompt_ops, d);
}

void tui_confirm(struct tui_app *a, const char *title, const char *message,
                 const char *letters, const char *const *labels, tui_choice_fn fn, void *ctx)
{
	struct dlg *d = dlg_new(title, ctx);
	d->message = ivs_xstrdup(message);
	snprintf(d->letters, sizeof d->letters, "%s", letters);
	for (size_t i = 0; d->letters[i]; i++)
		d->labels[i] = ivs_xstrdup(labels[i]);
	d->choice_fn = fn;
	tui_push(a, &confirm_ops, d);
}

static void copy_items(struct dlg *d, const char *const *items, size_t n)
{
	d->items = ivs_xcalloc(n + 1, sizeof *d->items);
	d->on = ivs_xcalloc(n + 1, sizeof *d->on);
	for (size_t i = 0; i < n; i++)
		d->items[i] = ivs_xstrdup(items[i]);
	d->n = n;
}

void tui_pick(struct tui_app *a, const char *title, const char *const *items, size_t n,
              int current, tui_choice_fn fn, void *ctx)
{
	struct dlg *d = dlg_new(title, ctx);
	copy_items(d, items, n);
	d->sel = current >= 0 && (size_t)current < n ? (size_t)current : 0;
	d->choice_fn = fn;
	tui_push(a, &pick_ops, d);
}

void tui_multi(struct tui_app *a, const char *title, const char *const *items, size_t n,
               const bool *on, tui_multi_fn fn, void *ctx)
{
	struct dlg *d = dlg_new(title, ctx);
	copy_items(d, items, n);
	for (size_t i = 0; i < n; i++)
		d->on[i] = on[i];
	d->multi_fn = fn;
	tui_push(a, &multi_ops, d);
}

void tui_message(struct tui_app *a, const char *title, const char *text)
{
	struct dlg *d = dlg_new(title, NULL);
	d->message = ivs_xstrdup(text);
	tui_push(a, &message_ops, d);
}

void tui_textarea(struct tui_app *a, const char *title, const char *initial, tui_prompt_fn fn,
                  void *ctx)
{
	struct dlg *d = dlg_new(title, ctx);
	d->le = tui_le_new("");
	const char *s = initial ? initial : "";
	while (*s) {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		d->lines = ivs_xrealloc(d->lines, (d->nlines + 1) * sizeof *d->lines);
		d->lines[d->nlines++] = ivs_xstrndup(s, n);
		s += n + (e ? 1 : 0);
	}
	d->prompt_fn = fn;
	tui_push(a, &text_ops, d);
}
