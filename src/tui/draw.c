/* draw.c: drawing helpers shared by the screens: clipped UTF-8 text,
 * frames, markers, and the chrome (title bar, status line, key bar). */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ivs/colors.h"
#include "ivs/validate.h"
#include "app.h"
#include "draw.h"

attr_t tui_attr(enum ivs_color_role r)
{
	return ivs_color(r);
}

static size_t decode(const char *s, size_t n, wchar_t *wc)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t k = mbrtowc(wc, s, n, &st);
	if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
		*wc = L'?';
		return 1;
	}
	return k;
}

int tui_width(const char *s)
{
	int w = 0;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		wchar_t wc;
		i += decode(s + i, n - i, &wc);
		int cw = wcwidth(wc);
		w += cw < 0 ? 1 : cw;
	}
	return w;
}

int tui_put(int y, int x, int w, attr_t attr, const char *s)
{
	int used = 0;
	size_t n = strlen(s);
	if (w <= 0)
		return 0;
	attrset(attr);
	move(y, x);
	for (size_t i = 0; i < n;) {
		wchar_t wc[2] = {0, 0};
		i += decode(s + i, n - i, &wc[0]);
		if (wc[0] == L'\n' || wc[0] == L'\t')
			wc[0] = L' ';
		if (wc[0] < 32)
			wc[0] = L'?';
		int cw = wcwidth(wc[0]);
		if (cw < 0) {
			wc[0] = L'?';
			cw = 1;
		}
		if (used + cw > w)
			break;
		addnwstr(wc, 1);
		used += cw;
	}
	attrset(A_NORMAL);
	return used;
}

void tui_fill(int y, int x, int w, attr_t attr)
{
	if (w <= 0)
		return;
	attrset(attr);
	mvhline(y, x, ' ', w);
	attrset(A_NORMAL);
}

void tui_put_lines(int y, int x, int w, int rows, attr_t attr, const char *text, int skip,
                   bool bold_headings)
{
	const char *s = text;
	int line = 0;
	while (*s && line < rows) {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (skip > 0) {
			skip--;
		} else {
			char *l = ivs_xstrndup(s, n);
			attr_t at = attr | (bold_headings && l[0] && l[0] != ' ' ? A_BOLD : 0);
			tui_put(y + line, x, w, at, l);
			free(l);
			line++;
		}
		s += n + (e ? 1 : 0);
	}
}

void tui_frame(struct tui_app *a, int y, int x, int h, int w, attr_t attr, const char *title)
{
	const char *hl = a->utf8 ? "─" : "-", *vl = a->utf8 ? "│" : "|";
	const char *c[4] = {a->utf8 ? "┌" : "+", a->utf8 ? "┐" : "+", a->utf8 ? "└" : "+",
	                    a->utf8 ? "┘" : "+"};
	if (h < 2 || w < 2)
		return;
	for (int i = 1; i < w - 1; i++) {
		tui_put(y, x + i, 1, attr, hl);
		tui_put(y + h - 1, x + i, 1, attr, hl);
	}
	for (int j = 1; j < h - 1; j++) {
		tui_put(y + j, x, 1, attr, vl);
		tui_put(y + j, x + w - 1, 1, attr, vl);
		tui_fill(y + j, x + 1, w - 2, attr);
	}
	tui_put(y, x, 1, attr, c[0]);
	tui_put(y, x + w - 1, 1, attr, c[1]);
	tui_put(y + h - 1, x, 1, attr, c[2]);
	tui_put(y + h - 1, x + w - 1, 1, attr, c[3]);
	if (title && *title) {
		char t[256];
		snprintf(t, sizeof t, " %s ", title);
		tui_put(y, x + 2, w - 4, attr | A_BOLD, t);
	}
}

const char *tui_marker(const struct tui_app *a, enum ivs_severity s)
{
	if (s == IVS_SEV_ERROR)
		return a->utf8 ? "✗" : "E";
	return a->utf8 ? "!" : "W";
}

void tui_draw_chrome(struct tui_app *a, enum tui_context ctx, const char *title)
{
	struct ivs_buf b;
	ivs_buf_init(&b);
	if (title)
		snprintf(a->title, sizeof a->title, "%s", title);
	else if (a->title[0])
		title = a->title;
	/* Title: program, file, modified marker, problem counts. */
	tui_fill(0, 0, a->cols, tui_attr(IVS_COLOR_TITLE));
	ivs_buf_printf(&b, "ivs-tui  %s%s%s", a->path ? a->path : "[new project]",
	               ivs_project_modified(a->p) ? " [+]" : "", title ? "  " : "");
	if (title)
		ivs_buf_puts(&b, title);
	struct ivs_buf r;
	ivs_buf_init(&r);
	size_t e = ivs_validate_errors(a->p), w = ivs_validate_warnings(a->p);
	if (e || w)
		ivs_buf_printf(&r, "%s %zu error%s  %s %zu warning%s ", tui_marker(a, IVS_SEV_ERROR), e,
		               e == 1 ? "" : "s", tui_marker(a, IVS_SEV_WARNING), w, w == 1 ? "" : "s");
	else
		ivs_buf_puts(&r, "no problems ");
	int tw = tui_width(r.data);
	/* The left part never runs into the counts: cut with "…" a column
	 * before them (a narrow terminal, a long title). */
	int lw = tw < a->cols / 2 ? a->cols - tw - 1 : a->cols;
	tui_put(0, 0, lw, tui_attr(IVS_COLOR_TITLE), b.data);
	if (tui_width(b.data) > lw && lw > 1)
		tui_put(0, lw - 1, 1, tui_attr(IVS_COLOR_TITLE), a->utf8 ? "…" : "~");
	if (tw < a->cols / 2)
		tui_put(0, a->cols - tw, tw, tui_attr(IVS_COLOR_TITLE), r.data);
	ivs_buf_free(&r);
	ivs_buf_reset(&b);
	/* Status line. */
	tui_fill(a->rows - 2, 0, a->cols, tui_attr(IVS_COLOR_NORMAL));
	if (a->status[0])
		tui_put(a->rows - 2, 0, a->cols,
		        a->status_err ? tui_attr(IVS_COLOR_ERROR) : tui_attr(IVS_COLOR_NORMAL),
		        a->status);
	/* Key bar, generated from the key map. */
	ivs_buf_reset(&b);
	tui_keymap_bar(a->km, ctx, &b);
	/* Whole entries only: cut at the last separator that fits. */
	while (b.len && tui_width(b.data) > a->cols) {
		char *sep = NULL;
		for (char *q = strstr(b.data, "  "); q; q = strstr(q + 2, "  "))
			sep = q;
		if (!sep)
			break;
		*sep = 0;
		b.len = (size_t)(sep - b.data);
	}
	tui_fill(a->rows - 1, 0, a->cols, tui_attr(IVS_COLOR_KEYBAR));
	tui_put(a->rows - 1, 0, a->cols, tui_attr(IVS_COLOR_KEYBAR), b.data ? b.data : "");
	ivs_buf_free(&b);
}

void tui_cursor(struct tui_app *a, int y, int x)
{
	a->cur_on = true;
	a->cur_y = y;
	a->cur_x = x;
}

int tui_put_wrapped(int y, int x, int w, int maxlines, attr_t attr, const char *s, bool draw)
{
	int lines = 0;
	size_t n = strlen(s);
	if (w < 4)
		return 0;
	while (*s && lines < maxlines) {
		/* The longest prefix that fits, cut at a space when possible. */
		size_t i = 0, cut = 0;
		int width = 0;
		while (i < n) {
			wchar_t wc;
			size_t k = decode(s + i, n - i, &wc);
			int cw = wcwidth(wc);
			cw = cw < 0 ? 1 : cw;
			if (width + cw > w)
				break;
			width += cw;
			i += k;
			if (wc == L' ')
				cut = i;
		}
		if (i < n && cut > 0)
			i = cut;
		if (lines == maxlines - 1 && i < n)
			i = n;   /* the last line takes the rest, clipped */
		if (draw) {
			char *line = ivs_xstrndup(s, i);
			tui_put(y + lines, x, w, attr, line);
			free(line);
		}
		lines++;
		s += i;
		n -= i;
		while (*s == ' ') {
			s++;
			n--;
		}
	}
	return lines;
}
