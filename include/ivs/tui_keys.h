/* tui_keys.h: key codes, the actions of the TUI (one X-macro list, as
 * tig's REQ_INFO) and key bindings as data (tigrc-style "bind CONTEXT KEY
 * ACTION" lines compiled in, parsed by the same code a user file or a test
 * script would go through). The help screen and the key bar are generated
 * from these tables. No curses calls here: only the KEY_* constants.
 *
 * A key code is an int: a character is its Unicode code point (control
 * keys 1..31, <Esc> 27, <Enter> 10, <Tab> 9); a curses function key k is
 * TUI_FN(k). */
#ifndef IVS_TUI_KEYS_H
#define IVS_TUI_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <curses.h>

#include "ivs/util.h"

#define TUI_FN_BIT 0x40000000
#define TUI_FN(k) (TUI_FN_BIT | (k))
#define TUI_CTRL(c) ((c) & 0x1f)
#define TUI_ESC 27
#define TUI_ENTER 10

static inline bool tui_key_is_fn(int key)
{
	return (key & TUI_FN_BIT) != 0;
}

/* Bracketed paste (xterm's mode 2004): the terminal wraps pasted text in
 * ESC[200~ ... ESC[201~; curses is told these sequences (define_key) as
 * the two codes below. The reader (paste.c) collects the text between
 * them and hands it over as one key, TUI_KEY_PASTE, with the text in
 * tui_paste_text(): a screen inserts it where text goes and never runs it
 * as keys (a screen that takes no text ignores it). */
#define TUI_KEYCODE_PASTE_BEGIN (KEY_MAX + 1)
#define TUI_KEYCODE_PASTE_END (KEY_MAX + 2)
#define TUI_KEY_PASTE TUI_FN(TUI_KEYCODE_PASTE_BEGIN)
/* The most a paste keeps (the rest is read and dropped). */
#define TUI_PASTE_MAX (1024u * 1024u)

/* The text of the last TUI_KEY_PASTE (borrowed; "" when none). */
const char *tui_paste_text(size_t *len);
/* Sets it (a script's ":paste"; the reader); cut at TUI_PASTE_MAX. */
void tui_paste_set(const char *s, size_t len);
void tui_paste_clear(void);
/* Curses side (paste.c): tells curses the two sequences and turns the mode
 * on (on) or off on the terminal written through out (NULL: no writes). */
void tui_paste_mode(FILE *out, bool on);
/* Whether keys wait to be read (the terminal sent more than one): the
 * main loop draws only once they are in, and the editor stores and checks
 * typed text once per burst instead of once per key (linear time for a
 * paste the terminal did not bracket). */
bool tui_input_pending(void);
/* After TUI_KEYCODE_PASTE_BEGIN: reads up to the end sequence (or a quiet
 * second), keeps the text, returns TUI_KEY_PASTE. */
int tui_paste_read(void);

/* A key that types a character (not a control or function key). */
static inline bool tui_key_is_char(int key)
{
	return !tui_key_is_fn(key) && key >= 32 && key != 127;
}

/* Parses a key name: "a", "é", "<Enter>", "<C-s>", "<F5>", "<S-Tab>",
 * "<PgDn>", "<Space>", "<Lt>". Returns the key code, or -1. */
int tui_key_parse(const char *name);
/* The name of a key as the help shows it ("F5", "^S", "Enter", "q"),
 * written into buf (at least 16 bytes). */
const char *tui_key_name(int key, char *buf, size_t size);

/* Action groups, in help order. */
#define TUI_GROUP_INFO(X) \
	X(MOVE,   "Moving around") \
	X(EDIT,   "Editing") \
	X(RES,    "Resources") \
	X(FILE,   "Files") \
	X(VIEW,   "Views") \
	X(WIZARD, "Wizard") \
	X(APP,    "General")

enum tui_group {
#define TUI_GROUP_ENUM(n, t) TUI_GROUP_##n,
	TUI_GROUP_INFO(TUI_GROUP_ENUM)
#undef TUI_GROUP_ENUM
	TUI_GROUP_COUNT
};

/*      ENUM            name              bar label  group   help text */
#define TUI_ACTION_INFO(X) \
	X(UP,            "move-up",        "Up",      MOVE,   "Move to the previous line") \
	X(DOWN,          "move-down",      "Down",    MOVE,   "Move to the next line") \
	X(PAGE_UP,       "page-up",        "PgUp",    MOVE,   "Move one page up") \
	X(PAGE_DOWN,     "page-down",      "PgDn",    MOVE,   "Move one page down") \
	X(FIRST,         "move-first",     "First",   MOVE,   "Move to the first line") \
	X(LAST,          "move-last",      "Last",    MOVE,   "Move to the last line") \
	X(JUMP,          "jump-field",     "Jump",    MOVE,   "Jump to a field by typing its name (Enter stays, Esc goes back)") \
	X(FOCUS_NEXT,    "focus-next",     "Pane",    MOVE,   "Focus the next pane (tree, form)") \
	X(FOCUS_PREV,    "focus-prev",     "Pane",    MOVE,   "Focus the previous pane") \
	X(ACTIVATE,      "activate",       "Edit",    EDIT,   "Edit the field, open the list, or enter the form") \
	X(NEXT_CHOICE,   "next-choice",    "Next",    EDIT,   "Next value of a choice or reference") \
	X(PREV_CHOICE,   "prev-choice",    "Prev",    EDIT,   "Previous value of a choice or reference") \
	X(TOGGLE,        "toggle",         "Toggle",  EDIT,   "Toggle a check box or a group") \
	X(UNSET,         "unset",          "Unset",   EDIT,   "Unset the field: back to its default") \
	X(COMMIT,        "commit",         "OK",      EDIT,   "Finish editing the field") \
	X(CANCEL,        "cancel",         "Back",    EDIT,   "Cancel editing, close the dialog or go back") \
	X(COMPLETE,      "complete",       "Complete",EDIT,   "Complete the file name") \
	X(UNDO,          "undo",           "Undo",    EDIT,   "Undo the last edit") \
	X(REDO,          "redo",           "Redo",    EDIT,   "Redo the last undone edit") \
	X(ADD,           "add",            "Add",     RES,    "Add a resource of the selected kind") \
	X(ADD_KEY,       "add-stream-key", "Key",     RES,    "Add a stream key to the selected channel") \
	X(ADD_OUTPUTS,   "add-outputs",    "Outputs", RES,    "Add the channel's outputs: ingest endpoint, playback URL, stream key ARNs") \
	X(DELETE,        "delete",         "Delete",  RES,    "Delete the selected resource (asks first)") \
	X(RENAME,        "rename",         "Rename",  RES,    "Rename the selected resource (edit its id)") \
	X(DUPLICATE,     "duplicate",      "Dup",     RES,    "Duplicate the selected resource") \
	X(MOVE_UP,       "move-entry-up",  "MoveUp",  RES,    "Move the selected resource up in its list") \
	X(MOVE_DOWN,     "move-entry-down","MoveDn",  RES,    "Move the selected resource down in its list") \
	X(READ_FILE,     "read-file",      "File",    RES,    "Read the public key from a file") \
	X(GENKEY,        "generate-key",   "GenKey",  RES,    "Generate a key pair (asks for the private key path)") \
	X(SAVE,          "save",           "Save",    FILE,   "Save the project") \
	X(SAVE_AS,       "save-as",        "SaveAs",  FILE,   "Save the project under another name") \
	X(OPEN,          "open",           "Open",    FILE,   "Open another project file") \
	X(EXPORT,        "export",         "Export",  FILE,   "Export the CloudFormation template (JSON or YAML)") \
	X(PREVIEW,       "toggle-preview", "Preview", VIEW,   "Show or hide the template preview") \
	X(PROBLEMS,      "toggle-problems","Problems",VIEW,   "Show or hide the problems panel") \
	X(HELP,          "help",           "Help",    VIEW,   "Show this help") \
	X(NEXT_STEP,     "next-step",      "Next",    WIZARD, "Go to the next wizard step") \
	X(PREV_STEP,     "prev-step",      "Back",    WIZARD, "Go to the previous wizard step") \
	X(REDRAW,        "redraw",         "Redraw",  APP,    "Redraw the screen") \
	X(QUIT,          "quit",           "Quit",    APP,    "Quit (asks first when there are unsaved changes)")

enum tui_action {
	TUI_ACT_NONE = 0,
#define TUI_ACTION_ENUM(n, name, bar, g, help) TUI_ACT_##n,
	TUI_ACTION_INFO(TUI_ACTION_ENUM)
#undef TUI_ACTION_ENUM
	TUI_ACT_COUNT
};

/* Key contexts. A lookup tries the context, then its fallback. */
#define TUI_CONTEXT_INFO(X) \
	X(GENERIC,  "generic",  "Everywhere") \
	X(TREE,     "tree",     "Resource tree") \
	X(FORM,     "form",     "Form") \
	X(EDIT,     "edit",     "Editing a text field") \
	X(LIST,     "list",     "Lists, pick lists and dialogs") \
	X(PROMPT,   "prompt",   "Prompts (file names, values)") \
	X(TEXT,     "textarea", "Several lines of text (the public key)") \
	X(CONFIRM,  "confirm",  "Questions (answer with the letter shown)") \
	X(HELP,     "help",     "Help screen") \
	X(PROBLEMS, "problems", "Problems panel") \
	X(WIZARD,   "wizard",   "Wizard") \
	X(REVIEW,   "review",   "Wizard review step")

enum tui_context {
#define TUI_CONTEXT_ENUM(n, name, title) TUI_CTX_##n,
	TUI_CONTEXT_INFO(TUI_CONTEXT_ENUM)
#undef TUI_CONTEXT_ENUM
	TUI_CTX_COUNT
};

const char *tui_action_name(enum tui_action a);
const char *tui_action_help(enum tui_action a);
const char *tui_action_bar(enum tui_action a);
enum tui_group tui_action_group(enum tui_action a);
enum tui_action tui_action_by_name(const char *name);   /* TUI_ACT_NONE: unknown */
const char *tui_context_name(enum tui_context c);
const char *tui_context_title(enum tui_context c);
const char *tui_group_title(enum tui_group g);

/* The key map. Owns its bindings. */
struct tui_keymap;
/* A key map with the built-in bindings (the compiled-in "keys" text). */
struct tui_keymap *tui_keymap_new(void);
void tui_keymap_free(struct tui_keymap *km);
/* One line of configuration: "bind CONTEXT KEY ACTION", "bar CONTEXT
 * ACTION...", a comment or blank. Returns 0, or -1 with *err set (caller
 * frees): "unknown action: x". A later bind of the same key replaces. */
int tui_keymap_parse_line(struct tui_keymap *km, const char *line, char **err);
/* Reads a user's key file (same lines as the built-in ones; tig's
 * ~/.tigrc). Bad lines are skipped; the first problem is returned as
 * "PATH:LINE: message" (caller frees), NULL when none. A missing file is
 * not a problem. */
char *tui_keymap_load(struct tui_keymap *km, const char *path);
/* $XDG_CONFIG_HOME/ivs-tui/keys (XDG_CONFIG_HOME unset, empty or relative:
 * ~/.config); NULL without HOME. Caller frees. */
char *tui_keymap_user_path(void);
/* The action bound to key in ctx; falls back to "generic" (for EDIT, LIST
 * and PROMPT only for non-character keys, so typing never triggers a command). */
enum tui_action tui_keymap_lookup(const struct tui_keymap *km, enum tui_context ctx, int key);
/* First key bound to action in ctx or its fallback; -1 when none. */
int tui_keymap_key_for(const struct tui_keymap *km, enum tui_context ctx, enum tui_action a);
/* Overrides an action's key-bar label ("Add channel" for add in the
 * wizard); NULL: back to the table's. The text is copied. */
void tui_keymap_set_bar_label(struct tui_keymap *km, enum tui_action a, const char *label);
/* The key bar of a context: "F1 Help  ^S Save  ..." (appended). */
void tui_keymap_bar(const struct tui_keymap *km, enum tui_context ctx, struct ivs_buf *out);
/* The help text: one line per binding, grouped by context, '\n'-separated,
 * every binding of every context (appended). */
void tui_keymap_help(const struct tui_keymap *km, struct ivs_buf *out);
/* Number of bindings (for tests). */
size_t tui_keymap_count(const struct tui_keymap *km);

#endif
