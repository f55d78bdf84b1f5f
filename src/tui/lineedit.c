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
	size_t bytes;             /* UTF-8 length of w */
	size_t max;               /* limit on bytes for insertions */
	bool sel;                 /* the whole text is selected */
};

/* The key table: the keys of each operation (the help lists it). */
static const struct {
	int key;
	enum tui_le_op op;
} le_keys[] = {
	{TUI_FN(KEY_LEFT), TUI_LE_OP_LEFT}, {TUI_CTRL('b'), TUI_LE_OP_LEFT},
	{TUI_FN(KEY_RIGHT), TUI_LE_OP_RIGHT}, {TUI_CTRL('f'), TUI_LE_OP_RIGHT},
	{TUI_FN(KEY_HOME), TUI_LE_OP_HOME}, {TUI_CTRL('a'), TUI_LE_OP_HOME},
	{TUI_FN(KEY_END), TUI_LE_OP_END}, {TUI_CTRL('e'), TUI_LE_OP_END},
	{TUI_FN(KEY_BACKSPACE), TUI_LE_OP_BACKSPACE}, {TUI_CTRL('h'), TUI_LE_OP_BACKSPACE},
	{TUI_FN(KEY_DC), TUI_LE_OP_DELETE}, {TUI_CTRL('d'), TUI_LE_OP_DELETE},
	{TUI_CTRL('k'), TUI_LE_OP_KILL_END},
	{TUI_CTRL('u'), TUI_LE_OP_KILL_START},
	{TUI_CTRL('w'), TUI_LE_OP_KILL_WORD},
};

static const char *const le_op_help[TUI_LE_OP_COUNT] = {
	[TUI_LE_OP_NONE] = "",
#define TUI_LE_OP_ROW(n, help) [TUI_LE_OP_##n] = help,
	TUI_LE_OP_INFO(TUI_LE_OP_ROW)
#undef TUI_LE_OP_ROW
};

bool tui_le_binding(size_t i, int *key, enum tui_le_op *op)
{
	if (i >= IVS_ARRAY_LEN(le_keys))
		return false;
	*key = le_keys[i].key;
	*op = le_keys[i].op;
	return true;
}

const char *tui_le_op_help(enum tui_le_op op)
{
	return (unsigned)op < TUI_LE_OP_COUNT ? le_op_help[op] : "";
}

/* Bytes of one character in UTF-8. */
static size_t u8len(wchar_t c)
{
	unsigned v = (unsigned)c;
	return v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4;
}

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
	ivs_buf_add(b, o, ivs_utf8_encode(v, o));
}

struct tui_le *tui_le_new(const char *utf8)
{
	struct tui_le *le = ivs_xcalloc(1, sizeof *le);
	le->max = TUI_LE_MAX_BYTES;
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
	le->bytes = 0;
	for (size_t i = 0; i < n;) {
		wchar_t c;
		i += utf8_decode((const unsigned char *)utf8 + i, n - i, &c);
		le->w[le->len++] = c;
		le->bytes += u8len(c);
	}
	le->w[le->len] = 0;
	le->cur = le->len;
	le->scroll = 0;
	le->sel = false;
	stale(le);
}

void tui_le_set_max(struct tui_le *le, size_t max_bytes)
{
	le->max = max_bytes;
}

size_t tui_le_bytes(const struct tui_le *le)
{
	return le->bytes;
}

void tui_le_select_all(struct tui_le *le)
{
	le->sel = le->len > 0;
	le->cur = le->len;
}

bool tui_le_selected(const struct tui_le *le)
{
	return le->sel;
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
	for (size_t i = from; i < to; i++)
		le->bytes -= u8len(le->w[i]);
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

/* Inserts n characters at the cursor (one memmove). */
static void insert_chars(struct tui_le *le, const wchar_t *c, size_t n, size_t bytes)
{
	reserve(le, le->len + n);
	memmove(le->w + le->cur + n, le->w + le->cur, (le->len - le->cur + 1) * sizeof *le->w);
	memcpy(le->w + le->cur, c, n * sizeof *c);
	le->cur += n;
	le->len += n;
	le->bytes += bytes;
	stale(le);
}

/* A selected text goes when something replaces or deletes it. */
static bool drop_selection(struct tui_le *le)
{
	if (!le->sel)
		return false;
	le->sel = false;
	del_range(le, 0, le->len);
	return true;
}

static enum tui_le_op op_of(int key)
{
	for (size_t i = 0; i < IVS_ARRAY_LEN(le_keys); i++)
		if (le_keys[i].key == key)
			return le_keys[i].op;
	return TUI_LE_OP_NONE;
}

enum tui_le_result tui_le_key(struct tui_le *le, int key)
{
	if (insertable(key)) {
		wchar_t c = (wchar_t)key;
		size_t before = le->sel ? 0 : le->bytes;
		if (before + u8len(c) > le->max)
			return TUI_LE_FULL;
		drop_selection(le);
		insert_chars(le, &c, 1, u8len(c));
		return TUI_LE_CHANGED;
	}
	enum tui_le_op op = op_of(key);
	if (op == TUI_LE_OP_NONE)
		return TUI_LE_IGNORED;
	if (op >= TUI_LE_OP_BACKSPACE && drop_selection(le))
		return TUI_LE_CHANGED;
	le->sel = false;
	switch (op) {
	case TUI_LE_OP_LEFT:
		if (le->cur)
			le->cur--;
		break;
	case TUI_LE_OP_RIGHT:
		if (le->cur < le->len)
			le->cur++;
		break;
	case TUI_LE_OP_HOME:
		le->cur = 0;
		break;
	case TUI_LE_OP_END:
		le->cur = le->len;
		break;
	case TUI_LE_OP_BACKSPACE:
		if (!le->cur)
			return TUI_LE_MOVED;
		del_range(le, le->cur - 1, le->cur);
		return TUI_LE_CHANGED;
	case TUI_LE_OP_DELETE:
		if (le->cur == le->len)
			return TUI_LE_MOVED;
		del_range(le, le->cur, le->cur + 1);
		return TUI_LE_CHANGED;
	case TUI_LE_OP_KILL_END:
		if (le->cur == le->len)
			return TUI_LE_MOVED;
		del_range(le, le->cur, le->len);
		return TUI_LE_CHANGED;
	case TUI_LE_OP_KILL_START:
		if (!le->cur)
			return TUI_LE_MOVED;
		del_range(le, 0, le->cur);
		return TUI_LE_CHANGED;
	case TUI_LE_OP_KILL_WORD: {
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
		break;
	}
	return TUI_LE_MOVED;
}

enum tui_le_result tui_le_paste(struct tui_le *le, const char *utf8, size_t n)
{
	const unsigned char *s = (const unsigned char *)utf8;
	/* A trailing line break (a copied line) is not part of the value. */
	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	wchar_t *buf = ivs_xmalloc((n + 1) * sizeof *buf);
	size_t k = 0, bytes = 0;
	size_t room = le->max > (le->sel ? 0 : le->bytes) ? le->max - (le->sel ? 0 : le->bytes) : 0;
	bool cut = false;
	for (size_t i = 0; i < n;) {
		wchar_t c;
		if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
			i++;   /* CR LF: one break */
		i += utf8_decode(s + i, n - i, &c);
		if (c == '\n' || c == '\r' || c == '\t')
			c = ' ';
		else if (!insertable((int)c))
			continue;
		if (bytes + u8len(c) > room) {
			cut = true;
			break;
		}
		buf[k++] = c;
		bytes += u8len(c);
	}
	enum tui_le_result r = TUI_LE_MOVED;
	if (k) {
		drop_selection(le);
		insert_chars(le, buf, k, bytes);
		r = TUI_LE_CHANGED;
	}
	free(buf);
	return cut ? TUI_LE_FULL : r;
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
	/* Keep the cursor (and one cell for it at the end) inside the window:
	 * walk back from the cursor at most one window's width (never from
	 * the start of a long text: that was quadratic). */
	int need = le->cur < le->len ? cwidth(le->w[le->cur]) : 1;
	size_t lo = le->cur;
	int w = 0;
	while (lo > le->scroll && w + cwidth(le->w[lo - 1]) + need <= width) {
		w += cwidth(le->w[lo - 1]);
		lo--;
	}
	if (lo > le->scroll)
		le->scroll = lo;
	int cc = 0;
	w = 0;
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
	*start = le->scroll;
	*n = i - le->scroll;
	*ccol = cc;
}
