/* fuzz_lineedit.c: the line editor (src/tui/lineedit.c, curses-free: only
 * the KEY_* constants of curses.h, no curses call, so it is compiled in
 * here) driven by the bytes: keys, pastes (the paste path: one insert of
 * arbitrary bytes, invalid UTF-8 and control characters included),
 * select-all, a small length limit, views of every width. After each step:
 *   - the UTF-8 text is valid, its length is tui_le_bytes, and it decodes
 *     back to the same number of characters;
 *   - what was inserted never passes the limit (unless the text was set
 *     longer to begin with);
 *   - the cursor is inside the text, the view's window inside the text and
 *     the cursor inside the window.
 * Any break aborts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/tui/lineedit.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(struct tui_le *le, size_t max, size_t floor_bytes)
{
	const char *t = tui_le_text(le);
	size_t n = strlen(t), chars = 0;
	if (n != tui_le_bytes(le)) {
		fprintf(stderr, "bytes %zu != strlen %zu\n", tui_le_bytes(le), n);
		abort();
	}
	for (size_t i = 0; i < n;) {
		wchar_t c;
		size_t k = utf8_decode((const unsigned char *)t + i, n - i, &c);
		if (c == 0xfffd && !(k == 3 && (unsigned char)t[i] == 0xef)) {
			fprintf(stderr, "invalid UTF-8 at %zu\n", i);
			abort();
		}
		i += k;
		chars++;
	}
	if (chars != tui_le_len(le) || tui_le_cursor(le) > tui_le_len(le)) {
		fprintf(stderr, "chars %zu, len %zu, cursor %zu\n", chars, tui_le_len(le),
		        tui_le_cursor(le));
		abort();
	}
	if (n > max && n > floor_bytes) {
		fprintf(stderr, "%zu bytes past the limit %zu\n", n, max);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int keys[] = {
		TUI_FN(KEY_LEFT), TUI_FN(KEY_RIGHT), TUI_FN(KEY_HOME), TUI_FN(KEY_END),
		TUI_FN(KEY_BACKSPACE), TUI_FN(KEY_DC), TUI_CTRL('a'), TUI_CTRL('b'), TUI_CTRL('d'),
		TUI_CTRL('e'), TUI_CTRL('f'), TUI_CTRL('h'), TUI_CTRL('k'), TUI_CTRL('u'),
		TUI_CTRL('w'), TUI_ENTER, TUI_ESC, 0x7f, 0x85, 0xd800, 0x10ffff, 0x110000, 0x65e5,
	};
	struct tui_le *le = tui_le_new("ab\xc3\xa9");
	size_t max = TUI_LE_MAX_BYTES, floor_bytes = tui_le_bytes(le);
	size_t i = 0;
	while (i < size) {
		uint8_t op = data[i++];
		switch (op % 8) {
		case 0: case 1:   /* a character */
			if (i < size)
				tui_le_key(le, data[i++]);
			break;
		case 2:   /* a named key */
			if (i < size)
				tui_le_key(le, keys[data[i++] % (sizeof keys / sizeof keys[0])]);
			break;
		case 3: case 4: {   /* a paste of the next n bytes */
			size_t n = i < size ? data[i++] : 0;
			if (op & 0x80)
				n *= 64;
			if (n > size - i)
				n = size - i;
			tui_le_paste(le, (const char *)data + i, n);
			i += n;
			break;
		}
		case 5:
			tui_le_select_all(le);
			break;
		case 6:   /* a small limit */
			if (i < size) {
				max = data[i++];
				floor_bytes = tui_le_bytes(le);
				tui_le_set_max(le, max);
			}
			break;
		case 7: {   /* a view */
			int w = i < size ? data[i++] % 90 : 1;
			size_t start, n;
			int cc;
			tui_le_view(le, w, &start, &n, &cc);
			if (start > tui_le_len(le) || start + n > tui_le_len(le) || cc < 0 ||
			    start > tui_le_cursor(le) || (w > 2 && cc > w)) {
				fprintf(stderr, "view: start %zu n %zu cc %d w %d len %zu cur %zu\n", start,
				        n, cc, w, tui_le_len(le), tui_le_cursor(le));
				abort();
			}
			break;
		}
		}
		check(le, max, floor_bytes);
		if (tui_le_bytes(le) < floor_bytes)
			floor_bytes = tui_le_bytes(le);
	}
	tui_le_free(le);
	return 0;
}
