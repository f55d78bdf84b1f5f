/* dialog.h: the dialogs (src/tui/dialog.c): prompt, confirm, pick,
 * multi, message, textarea; each a screen drawn over the one below. */
#ifndef SRC_TUI_DIALOG_H
#define SRC_TUI_DIALOG_H

#include <stdbool.h>
#include <stddef.h>

struct tui_app;

/* Callbacks run after the dialog left the stack; ctx is freed with free()
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

#endif
