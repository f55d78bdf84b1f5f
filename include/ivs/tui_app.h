/* tui_app.h: the TUI application from outside: ivs_tui_main (tui.h) runs
 * it on a terminal; the functions here run it without one, for tests and
 * benchmarks: an app on a project with a NO_DISPLAY screen (newterm on
 * /dev/null, cols x rows), fed one key at a time.
 *
 * Ownership: tui_app_new takes the project (freed by tui_app_free). */
#ifndef IVS_TUI_APP_H
#define IVS_TUI_APP_H

#include <stdbool.h>
#include <stdio.h>

#include "ivs/model.h"

struct tui_app;

/* An editor on p (path may be NULL) drawing to a /dev/null terminal of
 * cols x rows. wizard: start the new-stack wizard instead. Runs the full
 * validation once. Returns NULL when curses cannot start. */
struct tui_app *tui_app_new(struct ivs_project *p, const char *path, int cols, int rows,
                            bool wizard);
/* One key (tui_keys.h code, e.g. 'x', TUI_ENTER, TUI_FN(KEY_DOWN)): the
 * engine work it causes (edit, validation) and nothing else. Returns
 * false once the app wants to quit. */
bool tui_app_key(struct tui_app *a, int key);
/* Redraws the screen (only the visible rows) and flushes it. */
void tui_app_draw(struct tui_app *a);
/* Writes the screen, one line per row, trailing blanks trimmed. */
void tui_app_dump(struct tui_app *a, FILE *out);
/* The project the app edits (borrowed). */
struct ivs_project *tui_app_project(struct tui_app *a);
void tui_app_free(struct tui_app *a);

#endif
