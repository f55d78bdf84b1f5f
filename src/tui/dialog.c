/* dialog.c: modal dialogs drawn over the screen below: a one-line prompt
 * (with file name completion), a question answered by a letter, a pick
 * list, a multi-select list, a message and a multi-line text box. Each
 * calls its callback once, after it left the screen stack. */
#include <stdlib.h>
#include <string.h>

#include "ivs/tui_lineedit.h"
#include "ivs/tui_screen.h"

enum dlg_type { DLG_PROMPT, DLG_CONFIRM, DLG_PICK, DLG_MULTI, DLG_MESSAGE, DLG_TEXT };

struct dlg {
	enum dlg_type type;
	char *title, *message;
	struct tui_le *le;
	bool complete_paths;
	char letters[8];
	char *labels[8];
	char **items;
	bool *on;
	size_t n, sel, top;
	char **lines;           /* DLG_TEXT: finished lines */
	size_t nlines;
	tui_prompt_fn prompt_fn;
	tui_choice_fn choice_fn;
	tui_multi_fn multi_fn;
	void *ctx;
};

static struct dlg *dlg_new(enum dlg_type t, const char *title, void *ctx)
{
	struct dlg *d = ivs_xcalloc(1, sizeof *d);
	d->type = t;
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
	d->title = NULL;
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

/* ---- drawing ---- */

static void dlg_box(struct tui_app *a, const struct dlg *d, int h, int *y, int *x, int *w)
{
	*w = a->cols - 8 > 70 ? 70 : a->cols - 8;
	if (h > a->rows - 4)
		h = a->rows - 4;
	*y = (a->rows - h) / 2;
	*x = (a->cols - *w) / 2;
	tui_frame(a, *y, *x, h, *w, tui_attr(IVS_COLOR_DIALOG), d->title);
}

static enum tui_context dlg_context(struct tui_app *a, void *st);

static void dlg_draw(struct tui_app *a, void *st)
{
	struct dlg *d = st;
	int y, x, w;
	attr_t at = tui_attr(IVS_COLOR_DIALOG);
	switch (d->type) {
	case DLG_PROMPT: {
		dlg_box(a, d, 5, &y, &x, &w);
		size_t start, n;
		int cc;
		tui_le_view(d->le, w - 4, &start, &n, &cc);
		tui_fill(y + 2, x + 2, w - 4, tui_attr(IVS_COLOR_FOCUS));
		attrset(tui_attr(IVS_COLOR_FOCUS));
		mvaddnwstr(y + 2, x + 2, tui_le_wtext(d->le) + start, (int)n);
		attrset(A_NORMAL);
		tui_draw_chrome(a, TUI_CTX_PROMPT, NULL);
		tui_cursor(a, y + 2, x + 2 + cc);
		return;
	}
	case DLG_CONFIRM:
	case DLG_MESSAGE: {
		int bw = a->cols - 8 > 70 ? 70 : a->cols - 8;
		int lines = 0, maxl = a->rows - 10;
		const char *s = d->message;
		/* Each line of the message, word-wrapped. */
		for (int pass = 0; pass < 2; pass++) {
			int i = 0;
			s = d->message;
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
		int i = lines;
		struct ivs_buf b;
		ivs_buf_init(&b);
		if (d->type == DLG_CONFIRM) {
			for (size_t k = 0; d->letters[k]; k++)
				ivs_buf_printf(&b, "%s[%c] %s", k ? "  " : "", d->letters[k], d->labels[k]);
		} else {
			ivs_buf_puts(&b, "Press any key");
		}
		tui_put(y + 2 + i, x + 2, w - 4, at | A_BOLD, b.data ? b.data : "");
		ivs_buf_free(&b);
		break;
	}
	case DLG_PICK:
	case DLG_MULTI: {
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
			if (d->type == DLG_MULTI)
				snprintf(buf, sizeof buf, "[%c] %s", d->on[k] ? 'x' : ' ', d->items[k]);
			else
				snprintf(buf, sizeof buf, "%s", d->items[k]);
			attr_t ia = k == d->sel ? tui_attr(IVS_COLOR_SELECTED) : at;
			tui_fill(y + 1 + i, x + 1, w - 2, ia);
			tui_put(y + 1 + i, x + 2, w - 4, ia, buf);
		}
		break;
	}
	case DLG_TEXT: {
		int h = a->rows - 6;
		dlg_box(a, d, h, &y, &x, &w);
		int vis = h - 3;
		size_t first = d->nlines + 1 > (size_t)vis ? d->nlines + 1 - (size_t)vis : 0;
		int i = 0;
		for (size_t k = first; k < d->nlines; k++, i++)
			tui_put(y + 1 + i, x + 2, w - 4, at, d->lines[k]);
		size_t start, n;
		int cc;
		tui_le_view(d->le, w - 4, &start, &n, &cc);
		tui_fill(y + 1 + i, x + 2, w - 4, tui_attr(IVS_COLOR_FOCUS));
		attrset(tui_attr(IVS_COLOR_FOCUS));
		mvaddnwstr(y + 1 + i, x + 2, tui_le_wtext(d->le) + start, (int)n);
		attrset(A_NORMAL);
		tui_put(y + h - 2, x + 2, w - 4, at | A_DIM, "Enter: new line  ^D/F2: done  Esc: cancel");
		tui_draw_chrome(a, dlg_context(a, d), NULL);
		tui_cursor(a, y + 1 + i, x + 2 + cc);
		return;
	}
	}
	tui_draw_chrome(a, dlg_context(a, d), NULL);
}

/* ---- keys ---- */

static enum tui_context dlg_context(struct tui_app *a, void *st)
{
	(void)a;
	const struct dlg *d = st;
	if (d->type == DLG_TEXT)
		return TUI_CTX_TEXT;
	if (d->type == DLG_PROMPT)
		return TUI_CTX_PROMPT;
	if (d->type == DLG_CONFIRM || d->type == DLG_MESSAGE)
		return TUI_CTX_CONFIRM;
	return TUI_CTX_LIST;
}

static bool dlg_key(struct tui_app *a, void *st, int key)
{
	struct dlg *d = st;
	enum tui_action act = tui_keymap_lookup(a->km, dlg_context(a, d), key);
	switch (d->type) {
	case DLG_PROMPT:
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
	case DLG_CONFIRM: {
		if (act == TUI_ACT_CANCEL) {
			finish_choice(a, d, -1);
			return true;
		}
		int k = key >= 'A' && key <= 'Z' ? key - 'A' + 'a' : key;
		if (k > 0 && k < 128 && strchr(d->letters, k)) {
			finish_choice(a, d, k);
			return true;
		}
		if (act == TUI_ACT_COMMIT) {
			finish_choice(a, d, d->letters[0]);
			return true;
		}
		return true;
	}
	case DLG_MESSAGE:
		if (key != TUI_FN(KEY_RESIZE) && key != TUI_FN(KEY_MOUSE))
			finish_choice(a, d, 0);
		return true;
	case DLG_PICK:
	case DLG_MULTI: {
		enum tui_action g = tui_keymap_lookup(a->km, TUI_CTX_GENERIC, key);
		if (act == TUI_ACT_CANCEL) {
			if (d->type == DLG_PICK)
				finish_choice(a, d, -1);
			else
				finish_multi(a, d, false);
		} else if (act == TUI_ACT_COMMIT) {
			if (d->type == DLG_PICK)
				finish_choice(a, d, (int)d->sel);
			else
				finish_multi(a, d, true);
		} else if (act == TUI_ACT_TOGGLE && d->type == DLG_MULTI) {
			d->on[d->sel] = !d->on[d->sel];
		} else if (g == TUI_ACT_UP || key == 'k') {
			if (d->sel)
				d->sel--;
		} else if (g == TUI_ACT_DOWN || key == 'j') {
			if (d->sel + 1 < d->n)
				d->sel++;
		} else if (g == TUI_ACT_FIRST) {
			d->sel = 0;
		} else if (g == TUI_ACT_LAST) {
			d->sel = d->n ? d->n - 1 : 0;
		}
		return true;
	}
	case DLG_TEXT: {
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
	}
	return true;
}


static const struct tui_screen_ops dialog_screen = {
	.name = "dialog",
	.draw = dlg_draw,
	.key = dlg_key,
	.leave = dlg_leave,
	.context = dlg_context,
	.overlay = true,
};

void tui_prompt(struct tui_app *a, const char *title, const char *initial, bool complete_paths,
                tui_prompt_fn fn, void *ctx)
{
	struct dlg *d = dlg_new(DLG_PROMPT, title, ctx);
	d->le = tui_le_new(initial);
	d->complete_paths = complete_paths;
	d->prompt_fn = fn;
	tui_push(a, &dialog_screen, d);
}

void tui_confirm(struct tui_app *a, const char *title, const char *message,
                 const char *letters, const char *const *labels, tui_choice_fn fn, void *ctx)
{
	struct dlg *d = dlg_new(DLG_CONFIRM, title, ctx);
	d->message = ivs_xstrdup(message);
	snprintf(d->letters, sizeof d->letters, "%s", letters);
	for (size_t i = 0; d->letters[i]; i++)
		d->labels[i] = ivs_xstrdup(labels[i]);
	d->choice_fn = fn;
	tui_push(a, &dialog_screen, d);
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
	struct dlg *d = dlg_new(DLG_PICK, title, ctx);
	copy_items(d, items, n);
	d->sel = current >= 0 && (size_t)current < n ? (size_t)current : 0;
	d->choice_fn = fn;
	tui_push(a, &dialog_screen, d);
}

void tui_multi(struct tui_app *a, const char *title, const char *const *items, size_t n,
               const bool *on, tui_multi_fn fn, void *ctx)
{
	struct dlg *d = dlg_new(DLG_MULTI, title, ctx);
	copy_items(d, items, n);
	for (size_t i = 0; i < n; i++)
		d->on[i] = on[i];
	d->multi_fn = fn;
	tui_push(a, &dialog_screen, d);
}

void tui_message(struct tui_app *a, const char *title, const char *text)
{
	struct dlg *d = dlg_new(DLG_MESSAGE, title, NULL);
	d->message = ivs_xstrdup(text);
	tui_push(a, &dialog_screen, d);
}

void tui_textarea(struct tui_app *a, const char *title, const char *initial, tui_prompt_fn fn,
                  void *ctx)
{
	struct dlg *d = dlg_new(DLG_TEXT, title, ctx);
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
	tui_push(a, &dialog_screen, d);
}
