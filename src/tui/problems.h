/* problems.h: the problems panel (src/tui/problems.c): every diagnostic;
 * Enter jumps to its entry and field. */
#ifndef SRC_TUI_PROBLEMS_H
#define SRC_TUI_PROBLEMS_H

#include <stdbool.h>

struct tui_app;

void tui_problems_open(struct tui_app *a);
bool tui_problems_is_open(struct tui_app *a);

#endif
