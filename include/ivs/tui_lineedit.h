/* tui_lineedit.h: a one-line wide-character text editor (htop's
 * LineEditor.c, bsddialog's fieldctl), without curses: the text is a
 * wchar_t array, the cursor counts characters, and the view scrolls
 * horizontally so the cursor stays visible in a window of given columns.
 *
 * Keys are tui_keys.h key codes: characters are their code point,
 * control keys are 1..31, special keys are TUI_FN(KEY_*).
 *
 * Ownership: the editor owns its text; tui_le_text() returns a pointer
 * valid until the next change or tui_le_free(). */
#ifndef IVS_TUI_LINEEDIT_H
#define IVS_TUI_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

struct tui_le;

enum tui_le_result {
	TUI_LE_IGNORED,   /* not an editing key: the caller may bind it */
	TUI_LE_MOVED,     /* cursor moved, text unchanged */
	TUI_LE_CHANGED,   /* text changed */
};

/* utf8 may be NULL (empty). Invalid UTF-8 bytes become U+FFFD. */
struct tui_le *tui_le_new(const char *utf8);
void tui_le_free(struct tui_le *le);
void tui_le_set(struct tui_le *le, const char *utf8);   /* cursor to the end */
/* The text as UTF-8 (borrowed). */
const char *tui_le_text(struct tui_le *le);
size_t tui_le_len(const struct tui_le *le);             /* in characters */
size_t tui_le_cursor(const struct tui_le *le);
void tui_le_set_cursor(struct tui_le *le, size_t pos);

/* Editing keys: printable characters insert; <Left> <Right> <Home> <End>
 * <C-a> <C-e> <C-b> <C-f> move; <Backspace> <C-h> <Del> <C-d> delete;
 * <C-k> kills to the end, <C-u> to the start, <C-w> the word before. */
enum tui_le_result tui_le_key(struct tui_le *le, int key);

/* The window onto the text for `width` columns: the first character shown
 * (*start), how many characters fit (*n), and the screen column of the
 * cursor relative to the window (*ccol). Wide characters count 2. */
void tui_le_view(struct tui_le *le, int width, size_t *start, size_t *n, int *ccol);
const wchar_t *tui_le_wtext(const struct tui_le *le);

#endif
