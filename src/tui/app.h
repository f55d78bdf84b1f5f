/* app.h: inside the TUI (src/tui/app.c): the app and its screen stack. A
 * screen is a small module with one ops struct (tig's view_ops, ncdu's
 * x_init/x_draw/x_key): the editor, the wizard, help, problems, dialogs.
 * The app keeps a stack of screens; the top one gets the keys; drawing
 * goes from the lowest full screen up, so a dialog draws over what is
 * under it. The app owns the project, the key map and the screens; a
 * screen owns its state (`st`), which its leave() frees. tui_app.h is the
 * outside API. */
#ifndef SRC_TUI_APP_H
#define SRC_TUI_APP_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>
#include <curses.h>

#include "ivs/filelock.h"
#include "ivs/model.h"
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
	bool disk_known;              /* disk describes path */
	struct ivs_file_stamp disk;   /* the file as loaded or saved (filelock.h) */
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
	struct ivs_baseline *baseline;  /* changes.h; NULL: none */
	bool baseline_quiet, baseline_dirty, baseline_accept;
};

/* ---- the screen stack (app.c) ---- */
void tui_push(struct tui_app *a, const struct tui_screen_ops *ops, void *st);
void tui_pop(struct tui_app *a);          /* calls leave() of the top screen */
void *tui_top_state(struct tui_app *a, const struct tui_screen_ops *ops); /* NULL: not on top */
void tui_status(struct tui_app *a, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Replaces the project (after open): the app takes p; screens restart. */
void tui_set_project(struct tui_app *a, struct ivs_project *p, const char *path);
/* After any edit: runs the incremental validator. */
void tui_validate(struct tui_app *a);
/* Undo/redo with the label in the status line. */
void tui_undo(struct tui_app *a, bool redo);
/* Starts the editor on the current project (replacing every screen). */
void tui_start_editor(struct tui_app *a);

/* The editor of the screen stack's base (editor or wizard), or NULL. */
struct tui_editor *tui_current_editor(struct tui_app *a);
/* Handles the app-wide actions (save, export, help, quit...), for the
 * editor and the wizard. */
bool tui_app_action(struct tui_app *a, enum tui_action act);

#endif
