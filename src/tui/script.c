/* script.c: keys from a file (IVS_TUI_SCRIPT, as tig's TIG_SCRIPT): one
 * per line, named as in the key map ("q", "<Enter>", "<C-s>", "<F5>"),
 * plus commands: ":dump FILE" writes the screen (mvwinnwstr, one line per
 * row, trailing blanks trimmed), ":resize COLS ROWS", ":click X Y" (a
 * mouse click at column X, row Y), ":type TEXT" types
 * each character, ":paste TEXT" pastes TEXT as a bracketed paste (a
 * backslash and n is a line break, and t a tab), ":touch FILE" appends a line to FILE (another program
 * changing the project on disk). Lines starting with "# " are comments. */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ivs/msg.h"
#include "ivs/tui_app.h"
#include "app.h"
#include "script.h"

void tui_app_dump(struct tui_app *a, FILE *out)
{
	wchar_t w[1024];
	for (int y = 0; y < a->rows; y++) {
		int n = a->cols < 1023 ? a->cols : 1023;
		if (mvwinnwstr(stdscr, y, 0, w, n) == ERR)
			w[0] = 0;
		char line[4096];
		size_t len = 0;
		mbstate_t st;
		memset(&st, 0, sizeof st);
		for (int i = 0; w[i] && len + MB_LEN_MAX < sizeof line; i++) {
			size_t k = wcrtomb(line + len, w[i], &st);
			if (k == (size_t)-1)
				line[len++] = '?';
			else
				len += k;
		}
		while (len && line[len - 1] == ' ')
			len--;
		fprintf(out, "%.*s\n", (int)len, line);
	}
}

/* ---- the script (IVS_TUI_SCRIPT) ---- */

static void queue_text(struct tui_app *a, const char *s);

static int script_pending[256];
static int script_npending, script_pos;

int tui_script_key(struct tui_app *a, bool *stop)
{
	char line[1024];
	*stop = false;
	if (script_pos < script_npending)
		return script_pending[script_pos++];
	script_pos = script_npending = 0;
	while (fgets(line, sizeof line, a->script)) {
		size_t n = strlen(line);
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = 0;
		if (!n || (line[0] == '#' && n > 1))
			continue;
		if (line[0] == ':' && n > 1) {
			if (!strncmp(line, ":dump ", 6)) {
				tui_app_draw(a);
				FILE *f = fopen(line + 6, "w");
				if (f) {
					tui_app_dump(a, f);
					fclose(f);
				}
			} else if (!strncmp(line, ":resize ", 8)) {
				int c, r;
				if (sscanf(line + 8, "%d %d", &c, &r) == 2) {
					resizeterm(r, c);
					return TUI_FN(KEY_RESIZE);
				}
			} else if (!strncmp(line, ":click ", 7)) {
				int x, y;
				if (sscanf(line + 7, "%d %d", &x, &y) == 2) {
					a->mouse_x = x;
					a->mouse_y = y;
					return TUI_FN(KEY_MOUSE);
				}
			} else if (!strncmp(line, ":type ", 6)) {
				queue_text(a, line + 6);
				if (script_npending)
					return script_pending[script_pos++];
			} else if (!strncmp(line, ":paste ", 7)) {
				struct ivs_buf b;
				ivs_buf_init(&b);
				for (const char *c = line + 7; *c; c++) {
					char ch = *c;
					if (ch == '\\' && c[1]) {
						c++;
						ch = *c == 'n' ? '\n' : *c == 't' ? '\t' : *c;
					}
					ivs_buf_add(&b, &ch, 1);
				}
				tui_paste_set(b.data ? b.data : "", b.len);
				ivs_buf_free(&b);
				return TUI_KEY_PASTE;
			} else if (!strncmp(line, ":touch ", 7)) {
				/* Another program changes the file: for the on-disk check. */
				FILE *f = fopen(line + 7, "a");
				if (f) {
					fputs("# changed by another program\n", f);
					fclose(f);
				}
			}
			continue;
		}
		int key = tui_key_parse(line);
		if (key < 0) {
			fprintf(stderr, "ivs-tui: IVS_TUI_SCRIPT: unknown key: %s\n", line);
			a->exit_code = IVS_EXIT_USAGE;
			*stop = true;
			return -1;
		}
		return key;
	}
	*stop = true;
	return -1;
}

static void queue_text(struct tui_app *a, const char *s)
{
	(void)a;
	size_t n = strlen(s);
	mbstate_t st;
	memset(&st, 0, sizeof st);
	script_npending = script_pos = 0;
	for (size_t i = 0; i < n && script_npending < (int)IVS_ARRAY_LEN(script_pending);) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s + i, n - i, &st);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0)
			break;
		script_pending[script_npending++] = (int)wc;
		i += k;
	}
}

