/* tags.h: the tag editor (src/tui/tags.c) of one entry's tags field. */
#ifndef SRC_TUI_TAGS_H
#define SRC_TUI_TAGS_H

struct tui_app;
struct ivs_res;

void tui_tags_open(struct tui_app *a, struct ivs_res *r, int field);

#endif
