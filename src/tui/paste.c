/* paste.c: bracketed paste (tui_keys.h): the terminal mode, the reader
 * that collects what is between ESC[200~ and ESC[201~, and the text of
 * the last paste. */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ivs/tui_keys.h"

static struct ivs_buf paste;

const char *tui_paste_text(size_t *len)
{
	if (len)
		*len = paste.len;
	return paste.data ? paste.data : "";
}

void tui_paste_clear(void)
{
	ivs_buf_free(&paste);
	ivs_buf_init(&paste);
}

void tui_paste_set(const char *s, size_t len)
{
	tui_paste_clear();
	ivs_buf_add(&paste, s, len > TUI_PASTE_MAX ? TUI_PASTE_MAX : len);
	ivs_buf_puts(&paste, "");
}

void tui_paste_mode(FILE *out, bool on)
{
	if (on) {
		define_key("\033[200~", TUI_KEYCODE_PASTE_BEGIN);
		define_key("\033[201~", TUI_KEYCODE_PASTE_END);
	}
	if (out) {
		fputs(on ? "\033[?2004h" : "\033[?2004l", out);
		fflush(out);
	}
}

static void put_utf8(unsigned v)
{
	char o[4];
	size_t n = ivs_utf8_encode(v, o);
	if (paste.len + n > TUI_PASTE_MAX)
		return;   /* past what any field holds: read and dropped */
	ivs_buf_add(&paste, o, n);
}

bool tui_input_pending(void)
{
	if (!stdscr)
		return false;
	wint_t ch;
	nodelay(stdscr, TRUE);
	int r = get_wch(&ch);
	nodelay(stdscr, FALSE);
	timeout(200);
	if (r == ERR)
		return false;
	if (r == KEY_CODE_YES)
		ungetch((int)ch);
	else
		unget_wch((wchar_t)ch);
	return true;
}

int tui_paste_read(void)
{
	tui_paste_clear();
	/* A terminal that never sends the end: a quiet second ends it. */
	timeout(1000);
	for (;;) {
		wint_t ch;
		int r = get_wch(&ch);
		if (r == ERR)
			break;
		if (r == KEY_CODE_YES) {
			if (ch == TUI_KEYCODE_PASTE_END)
				break;
			if (ch == KEY_ENTER)
				put_utf8('\n');
			continue;   /* other function keys are not text */
		}
		put_utf8(ch == '\r' ? '\n' : (unsigned)ch);
	}
	timeout(200);
	ivs_buf_puts(&paste, "");
	return TUI_KEY_PASTE;
}
