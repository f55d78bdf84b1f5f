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
	TUI_LE_FULL,      /* (some of) the text was refused: it would pass the
	                   * length limit; what fit is inserted */
};

/* The editing operations and their help (one X-macro list: the key table
 * in lineedit.c maps keys to them; the F1 help lists them from there). */
#define TUI_LE_OP_INFO(X) \
	X(LEFT,      "Move one character left") \
	X(RIGHT,     "Move one character right") \
	X(HOME,      "Move to the start of the text") \
	X(END,       "Move to the end of the text") \
	X(BACKSPACE, "Delete the character before the cursor") \
	X(DELETE,    "Delete the character under the cursor") \
	X(KILL_END,  "Delete from the cursor to the end") \
	X(KILL_START,"Delete from the start to the cursor (clear the field)") \
	X(KILL_WORD, "Delete the word before the cursor")

enum tui_le_op {
	TUI_LE_OP_NONE = 0,
#define TUI_LE_OP_ENUM(n, help) TUI_LE_OP_##n,
	TUI_LE_OP_INFO(TUI_LE_OP_ENUM)
#undef TUI_LE_OP_ENUM
	TUI_LE_OP_COUNT
};

/* The longest text (in UTF-8 bytes) an editor holds unless told otherwise:
 * the loader's limit on one value (IVS_YAML_MAX_SCALAR), so that what is
 * typed or pasted can always be saved and loaded again. */
#define TUI_LE_MAX_BYTES (64u * 1024u)

/* utf8 may be NULL (empty). Invalid UTF-8 bytes become U+FFFD. */
struct tui_le *tui_le_new(const char *utf8);
void tui_le_free(struct tui_le *le);
void tui_le_set(struct tui_le *le, const char *utf8);   /* cursor to the end */
/* The text as UTF-8 (borrowed). */
const char *tui_le_text(struct tui_le *le);
size_t tui_le_len(const struct tui_le *le);             /* in characters */
size_t tui_le_cursor(const struct tui_le *le);
void tui_le_set_cursor(struct tui_le *le, size_t pos);

/* The length limit in UTF-8 bytes (default TUI_LE_MAX_BYTES). Text that
 * is already longer (tui_le_set) is kept; only insertions are refused. */
void tui_le_set_max(struct tui_le *le, size_t max_bytes);
size_t tui_le_bytes(const struct tui_le *le);           /* UTF-8 length */

/* Editing keys: printable characters insert; <Left> <Right> <Home> <End>
 * <C-a> <C-e> <C-b> <C-f> move; <Backspace> <C-h> <Del> <C-d> delete;
 * <C-k> kills to the end, <C-u> to the start, <C-w> the word before.
 * A character that would pass the limit: TUI_LE_FULL, text unchanged. */
enum tui_le_result tui_le_key(struct tui_le *le, int key);

/* Inserts pasted UTF-8 text at the cursor in one step (linear in its
 * length): line breaks and tabs become one space each (a trailing line
 * break is dropped), other control characters are dropped. Replaces the
 * selection. Text past the limit is cut: TUI_LE_FULL (what fit is in). */
enum tui_le_result tui_le_paste(struct tui_le *le, const char *utf8, size_t n);

/* Selects the whole text (a proposed default, as a new entry's id): the
 * next character typed or pasted replaces it, a deleting key deletes it,
 * a moving key keeps the text and drops the selection. */
void tui_le_select_all(struct tui_le *le);
bool tui_le_selected(const struct tui_le *le);

/* The key table, for the help: the i-th binding (key code, operation);
 * false past the end. */
bool tui_le_binding(size_t i, int *key, enum tui_le_op *op);
const char *tui_le_op_help(enum tui_le_op op);

/* The window onto the text for `width` columns: the first character shown
 * (*start), how many characters fit (*n), and the screen column of the
 * cursor relative to the window (*ccol). Wide characters count 2. */
void tui_le_view(struct tui_le *le, int width, size_t *start, size_t *n, int *ccol);
const wchar_t *tui_le_wtext(const struct tui_le *le);

#endif
