/* files.h: save, open, export and quit with their questions
 * (src/tui/files.c), and path completion for the prompts. */
#ifndef SRC_TUI_FILES_H
#define SRC_TUI_FILES_H

#include <stdbool.h>

#include "app.h"   /* enum tui_after */

/* Records the file's mtime and size (after load and save). */
void tui_note_disk(struct tui_app *a);
void tui_file_save(struct tui_app *a, bool save_as, enum tui_after then);
void tui_file_open(struct tui_app *a);
void tui_file_export(struct tui_app *a);
void tui_file_quit(struct tui_app *a);
/* Completes a path prefix (Tab): the longest common completion; NULL when
 * nothing matches. Caller frees. */
char *tui_complete_path(const char *prefix);

#endif
