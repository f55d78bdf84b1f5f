/* help.h: the help screen (src/tui/help.c), generated from the key map. */
#ifndef SRC_TUI_HELP_H
#define SRC_TUI_HELP_H

struct tui_app;
struct tui_screen_ops;

extern const struct tui_screen_ops tui_help_screen;
void tui_help_open(struct tui_app *a);

#endif
