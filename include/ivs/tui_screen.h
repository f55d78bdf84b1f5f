/* tui_screen.h: what the TUI's screens share (src/tui/). A screen is a
 * small module with one ops struct (tig's view_ops, ncdu's x_init/x_draw/
 * x_key): the editor, the wizard, help, problems, dialogs. The app keeps a
 * stack of screens; the top one gets the keys; drawing goes from the
 * lowest full screen up, so a dialog draws over what is under it.
 *
 * Everything here runs inside the app (tui_app.h is the outside API). The
 * app owns the project, the key map and the screens; a screen owns its
 * state (`st`), which its leave() frees. */
#ifndef IVS_TUI_SCREEN_H
#define IVS_TUI_SCREEN_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>
#include <curses.h>

#include "ivs/model.h"
#include "ivs/theme.h"
#include "ivs/tui_keys.h"

struct tui_app;

struct tui_screen_ops {
	const char *name;
	void (*enter)(struct tui_app *a, void *st);           /* may be NULL */
	void (*draw)(struct tui_app *a, void *st);
	/* Returns true when the key was used. */
	bool (*key)(struct tui_app *a, void *st, int key);
	void (*leave)(struct tui_app *a, void *st);            /* frees st */
	enum tui_context (*context)(struct tui_app *a, void *st); /* key bar */
	bool overlay;                                          /* draws over the screen below */
};

#define TUI_STACK_MAX 16

/* What to do once a save finished (quit, open another file...). */
enum tui_after { TUI_AFTER_NONE, TUI_AFTER_QUIT, TUI_AFTER_OPEN_PROMPT, TUI_AFTER_NEW_EDITOR };

struct tui_editor;

struct tui_app {
	struct ivs_project *p;
	char *path;                   /* project file, NULL: not saved yet */
	bool disk_known;              /* disk_mtime/size describe path */
	long long disk_mtime_ns;
	off_t disk_size;
	long long disk_ctime_ns;      /* ctime and inode too: a change that keeps */
	ino_t disk_ino;               /* size and mtime, or a replacement by rename */
	dev_t disk_dev;
	struct tui_keymap *km;
	bool utf8, mouse, no_display, curses_on;
	SCREEN *scr;
	FILE *out_fp, *in_fp;
	int cols, rows;
	struct {
		const struct tui_screen_ops *ops;
		void *st;
	} stack[TUI_STACK_MAX];
	int nstack;
	char status[512];
	bool status_err;
	bool quit;
	int exit_code;
	bool wizard;                  /* started without FILE */
	bool recovered;               /* holds a restored recovery file, not saved yet */
	FILE *script;
	int mouse_x, mouse_y;         /* last click */
	char title[96];               /* the base screen's title, for overlays */
	bool cur_on;                  /* a screen placed the text cursor */
	int cur_y, cur_x;
	bool mouse_click;
};

/* ---- the screen stack (app.c) ---- */
void tui_push(struct tui_app *a, const struct tui_screen_ops *ops, void *st);
void tui_pop(struct tui_app *a);          /* calls leave() of the top screen */
void *tui_top_state(struct tui_app *a, const struct tui_screen_ops *ops); /* NULL: not on top */
void tui_status(struct tui_app *a, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Replaces the project (after open): the app takes p; screens restart. */
void tui_set_project(struct tui_app *a, struct ivs_project *p, const char *path);
/* Records the file's mtime and size (after load and save). */
void tui_note_disk(struct tui_app *a);
/* After any edit: runs the incremental validator. */
void tui_validate(struct tui_app *a);
/* Undo/redo with the label in the status line. */
void tui_undo(struct tui_app *a, bool redo);
/* Starts the editor on the current project (replacing every screen). */
void tui_start_editor(struct tui_app *a);

/* ---- the key script (script.c) ----
 * The next key of a->script; *stop at its end or on a bad line (then
 * a->exit_code is 2 and the reason is on stderr). */
int tui_script_key(struct tui_app *a, bool *stop);

/* ---- drawing helpers (draw.c) ---- */
attr_t tui_attr(enum ivs_color_role r);
/* Draws UTF-8 text at (y, x), at most w columns; returns the columns used. */
int tui_put(int y, int x, int w, attr_t attr, const char *s);
void tui_fill(int y, int x, int w, attr_t attr);
/* Word-wraps s into at most maxlines lines of w columns from (y, x);
 * returns the lines used. With draw false, only counts them. */
int tui_put_wrapped(int y, int x, int w, int maxlines, attr_t attr, const char *s, bool draw);
/* Draws the lines of text from line `skip` on, one per row from (y, x),
 * at most `rows` rows of w columns. With bold_headings, a line that does
 * not start with a space is drawn bold (the help's section titles). */
void tui_put_lines(int y, int x, int w, int rows, attr_t attr, const char *text, int skip,
                   bool bold_headings);
/* A frame with a title; ASCII when the locale is not UTF-8. */
void tui_frame(struct tui_app *a, int y, int x, int h, int w, attr_t attr, const char *title);
/* "✗"/"!" (or "E"/"W" without UTF-8) for a severity. */
const char *tui_marker(const struct tui_app *a, enum ivs_severity s);
/* Display width of UTF-8 text. */
int tui_width(const char *s);
/* Puts the text cursor there once drawing is done. */
void tui_cursor(struct tui_app *a, int y, int x);
/* Title bar, status line and key bar; ctx picks the bar. */
void tui_draw_chrome(struct tui_app *a, enum tui_context ctx, const char *title);

/* ---- the editor component (editor.c), also inside the wizard ---- */
/* kinds: TUI_TREE_ALL or a mask of (1u << IVS_KIND_x). */
struct tui_editor *tui_editor_new(struct tui_app *a, unsigned kinds);
void tui_editor_free(struct tui_editor *ed);
void tui_editor_set_kinds(struct tui_app *a, struct tui_editor *ed, unsigned kinds);
void tui_editor_draw(struct tui_app *a, struct tui_editor *ed, int y, int x, int h, int w);
bool tui_editor_key(struct tui_app *a, struct tui_editor *ed, int key);
enum tui_context tui_editor_context(const struct tui_editor *ed);
/* The tree must be rebuilt (structure changed: add, delete, undo...). */
void tui_editor_structure(struct tui_app *a, struct tui_editor *ed);
/* Selects r (and field, -1: none) and focuses the form when field >= 0. */
void tui_editor_select(struct tui_app *a, struct tui_editor *ed, const struct ivs_res *r,
                       int field);
bool tui_editor_editing(const struct tui_editor *ed);
void tui_editor_toggle_preview(struct tui_editor *ed);
extern const struct tui_screen_ops tui_editor_screen;   /* st: struct tui_editor */
/* The editor of the screen stack's base (editor or wizard), or NULL. */
struct tui_editor *tui_current_editor(struct tui_app *a);

/* ---- other screens ---- */
extern const struct tui_screen_ops tui_help_screen;
void tui_help_open(struct tui_app *a);
void tui_problems_open(struct tui_app *a);
bool tui_problems_is_open(struct tui_app *a);
void tui_wizard_open(struct tui_app *a);
struct tui_editor *tui_wizard_editor(struct tui_app *a);
/* In the wizard: goes to the page that edits r's kind (a problem's jump). */
void tui_wizard_reveal(struct tui_app *a, const struct ivs_res *r);
void tui_tags_open(struct tui_app *a, struct ivs_res *r, int field);

/* ---- dialogs (dialog.c) ----
 * Callbacks run after the dialog left the stack; ctx is freed with free()
 * after the callback (pass NULL or a malloc'd block). */
typedef void (*tui_prompt_fn)(struct tui_app *a, const char *text, void *ctx); /* NULL: cancel */
typedef void (*tui_choice_fn)(struct tui_app *a, int choice, void *ctx);       /* -1: cancel */
typedef void (*tui_multi_fn)(struct tui_app *a, const bool *on, void *ctx);    /* NULL: cancel */
/* A one-line prompt; complete_paths: Tab completes file names. */
void tui_prompt(struct tui_app *a, const char *title, const char *initial, bool complete_paths,
                tui_prompt_fn fn, void *ctx);
/* A question with answers chosen by their first letter: "sdc" and labels
 * {"Save", "Discard", "Cancel"}; the callback gets the letter (or -1 for
 * Esc). Enter gives the LAST answer, which must be the harmless one
 * (Cancel, Later); the dialog shows "Enter: Cancel". */
void tui_confirm(struct tui_app *a, const char *title, const char *message,
                 const char *letters, const char *const *labels, tui_choice_fn fn, void *ctx);
/* Pick one of items (copied); the callback gets the index. */
void tui_pick(struct tui_app *a, const char *title, const char *const *items, size_t n,
              int current, tui_choice_fn fn, void *ctx);
/* Check several of items; on[] initial state (copied). */
void tui_multi(struct tui_app *a, const char *title, const char *const *items, size_t n,
               const bool *on, tui_multi_fn fn, void *ctx);
/* A text shown until a key (loader diagnostics, a long error). */
void tui_message(struct tui_app *a, const char *title, const char *text);
/* Several lines of text (a pasted PEM key): Enter adds a line, ^D or F2
 * finishes, Esc cancels. */
void tui_textarea(struct tui_app *a, const char *title, const char *initial, tui_prompt_fn fn,
                  void *ctx);

/* ---- files (files.c) ---- */
void tui_file_save(struct tui_app *a, bool save_as, enum tui_after then);
void tui_file_open(struct tui_app *a);
void tui_file_export(struct tui_app *a);
void tui_file_quit(struct tui_app *a);
/* Completes a path prefix (Tab): the longest common completion; NULL when
 * nothing matches. Caller frees. */
char *tui_complete_path(const char *prefix);

/* ---- actions shared by the editor and the wizard ---- */
/* Handles the app-wide actions (save, export, help, quit...). */
bool tui_app_action(struct tui_app *a, enum tui_action act);

#endif
