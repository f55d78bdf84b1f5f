/* script.h: the key script (src/tui/script.c, IVS_TUI_SCRIPT: one key
 * or command per line, as tig's TIG_SCRIPT). */
#ifndef SRC_TUI_SCRIPT_H
#define SRC_TUI_SCRIPT_H

#include <stdbool.h>

struct tui_app;

/* The next key of a->script; *stop at its end or on a bad line (then
 * a->exit_code is 2 and the reason is on stderr). */
int tui_script_key(struct tui_app *a, bool *stop);

#endif
