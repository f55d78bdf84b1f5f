/* lineedit.c: the one-line editor (see tui_lineedit.h). */
#include "ivs/tui_lineedit.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "ivs/tui_keys.h"
#include "ivs/util.h"

struct tui_le {
	wchar_t *w;
	size_t len, cap, cur;
	size_t scroll;            /* first character shown */
	char *utf8;               /* cached text, NULL when stale */
};

static void reserve(struct tui_le *le, size_t n)
{
	if (n + 1 > le->cap) {
		le->cap = (n + 1) * 2;
		le->w = ivs_xrealloc(le->w, le->cap * sizeof *le->w);
	}
}

static void stale(struct tui_le *le)
{
	free(le->utf8);
	le->utf8 = NULL;
}

/* Decodes one UTF-8 sequence; returns its length (1 for an invalid byte,
 * with *out = U+FFFD). */
static size_t utf8_decode(const unsigned char *s, size_t n, wchar_t *out)
{
	unsigned c = s[0];
	size_t len;
	unsigned v;
	if (c < 0x80) {
		*out = (wchar_t)c;
		return 1;
	} else if ((c & 0xe0) == 0xc0) {
		len = 2; v = c & 0x1f;
	} else if ((c & 0xf0) == 0xe0) {
		len = 3; v = c & 0x0f;
	} else if ((c & 0xf8) == 0xf0) {
		len = 4; v = c & 0x07;
	} else {
		*out = 0xfffd;
		return 1;
	}
	if (len > n)
		goto bad;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			goto bad;
		v = (v << 6) | (s[i] & 0x3f);
	}
	if ((len == 2 && v < 0x80) || (len == 3 && v < 0x800) || (len == 4 && v < 0x10000) ||
	    v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		goto bad;
	*out = (wchar_t)v;
	return len;
bad:
	*out = 0xfffd;
	return 1;
}

static void utf8_put(struct ivs_buf *b, unsigned v)
{
	char o[4];
	size_t n;
	if (v < 0x80) {
		o[0] = (char)v; n = 1;
	} else if (v < 0x800) {
		o[0] = (char)(0xc0 | (v >> 6)); o[1] = (char)(0x80 | (v & 0x3f)); n = 2;
	} else if (v < 0x10000) {
		o[0] = (char)(0xe0 | (v >> 12)); o[1] = (char)(0x80 | ((v >> 6) & 0x3f));
		o[2] = (char)(0x80 | (v & 0x3f)); n = 3;
	} else {
		o[0] = (char)(0xf0 | (v >> 18)); o[1] = (char)(0x80 | ((v >> 12) & 0x3f));
		o[2] = (char)(0x80 | ((v >> 6) & 0x3f)); o[3] = (char)(0x80 | (v & 0x3f)); n = 4;
	}
	ivs_buf_add(b, o, n);
}

struct tui_le *tui_le_new(const char *utf8)
{
	struct tui_le *le = ivs_xcalloc(1, sizeof *le);
	reserve(le, 16);
	tui_le_set(le, utf8);
	return le;
}

void tui_le_free(struct tui_le *le)
{
	if (!le)
		return;
	free(le->w);
	free(le->utf8);
	free(le);
}

void tui_le_set(struct tui_le *le, const char *utf8)
{
	size_t n = utf8 ? strlen(utf8) : 0;
	reserve(le, n);
	le->len = 0;
	for (size_t i = 0; i < n;) {
		wchar_t c;
		i += utf8_decode((const unsigned char *)utf8 + i, n - i, &c);
		le->w[le->len++] = c;
	}
	le->w[le->len] = 0;
	le->cur = le->len;
	le->scroll = 0;
	stale(le);
}

const char *tui_le_text(struct tui_le *le)
{
	if (!le->utf8) {
		struct ivs_buf b;
		ivs_buf_init(&b);
		ivs_buf_puts(&b, "");
		for (size_t i = 0; i < le->len; i++)
			utf8_put(&b, (unsigned)le->w[i]);
		le->utf8 = ivs_buf_steal(&b);
	}
	return le->utf8;
}

const wchar_t *tui_le_wtext(const struct tui_le *le)
{
	return le->w;
}

size_t tui_le_len(const struct tui_le *le)
{
	return le->len;
}

size_t tui_le_cursor(const struct tui_le *le)
{
	return le->cur;
}

void tui_le_set_cursor(struct tui_le *le, size_t pos)
{
	le->cur = pos > le->len ? le->len : pos;
}

static void del_range(struct tui_le *le, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(le->w + from, le->w + to, (le->len - to + 1) * sizeof *le->w);
	le->len -= to - from;
	if (le->cur > to)
		le->cur -= to - from;
	else if (le->cur > from)
		le->cur = from;
	stale(le);
}

static bool insertable(int key)
{
	if (key < 0x20 || key == 0x7f || tui_key_is_fn(key))
		return false;
	if (key >= 0x80 && key < 0xa0)
		return false;
	return key <= 0x10ffff && !(key >= 0xd800 && key <= 0xdfff);
}

enum tui_le_result tui_le_key(struct tui_le *le, int key)
{
	size_t old = le->cur;
	if (insertable(key)) {
		reserve(le, le->len + 1);
		memmove(le->w + le->cur + 1, le->w + le->cur, (le->len - le->cur + 1) * sizeof *le->w);
		le->w[le->cur++] = (wchar_t)key;
		le->len++;
		stale(le);
		return TUI_LE_CHANGED;
	}
	switch (key) {
	case TUI_FN(KEY_LEFT): case TUI_CTRL('b'):
		if (le->cur)
			le->cur--;
		break;
	case TUI_FN(KEY_RIGHT): case TUI_CTRL('f'):
		if (le->cur < le->len)
			le->cur++;
		break;
	case TUI_FN(KEY_HOME): case TUI_CTRL('a'):
		le->cur = 0;
		break;
	case TUI_FN(KEY_END): case TUI_CTRL('e'):
		le->cur = le->len;
		break;
	case TUI_FN(KEY_BACKSPACE): case TUI_CTRL('h'):
		if (!le->cur)
			return TUI_LE_MOVED;
		del_range(le, le->cur - 1, le->cur);
		return TUI_LE_CHANGED;
	case TUI_FN(KEY_DC): case TUI_CTRL('d'):
		if (le->cur == le->len)
			return TUI_LE_MOVED;
		del_range(le, le->cur, le->cur + 1);
		return TUI_LE_CHANGED;
	case TUI_CTRL('k'):
		if (le->cur == le->len)
			return TUI_LE_MOVED;
		le->w[le->cur] = 0;
		le->len = le->cur;
		stale(le);
		return TUI_LE_CHANGED;
	case TUI_CTRL('u'):
		if (!le->cur)
			return TUI_LE_MOVED;
		del_range(le, 0, le->cur);
		return TUI_LE_CHANGED;
	case TUI_CTRL('w'): {
		size_t i = le->cur;
		while (i && iswspace((wint_t)le->w[i - 1]))
			i--;
		while (i && !iswspace((wint_t)le->w[i - 1]))
			i--;
		if (i == le->cur)
			return TUI_LE_MOVED;
		del_range(le, i, le->cur);
		return TUI_LE_CHANGED;
	}
	default:
		return TUI_LE_IGNORED;
	}
	(void)old;
	return TUI_LE_MOVED;
}

static int cwidth(wchar_t c)
{
	int w = wcwidth(c);
	return w < 0 ? 1 : w;
}

void tui_le_view(struct tui_le *le, int width, size_t *start, size_t *n, int *ccol)
{
	if (width < 1)
		width = 1;
	if (le->scroll > le->cur)
		le->scroll = le->cur;
	/* Keep the cursor (and one cell for it at the end) inside the window. */
	for (;;) {
		int w = 0;
		for (size_t i = le->scroll; i < le->cur; i++)
			w += cwidth(le->w[i]);
		int need = le->cur < le->len ? cwidth(le->w[le->cur]) : 1;
		if (w + need <= width || le->scroll >= le->cur)
			break;
		le->scroll++;
	}
	int w = 0, cc = 0;
	size_t i = le->scroll;
	for (; i < le->len; i++) {
		if (i == le->cur)
			cc = w;
		int cw = cwidth(le->w[i]);
		if (w + cw > width)
			break;
		w += cw;
	}
	if (le->cur >= i)
		cc = w;
	if (i == le->len && le->cur == le->len) {
		int ww = 0;
		for (size_t j = le->scroll; j < le->cur; j++)
			ww += cwidth(le->w[j]);
		cc = ww;
	}
	*start = le->scroll;
	*n = i - le->scroll;
	*ccol = cc;
}
