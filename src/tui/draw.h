/* draw.h: drawing helpers of every screen (src/tui/draw.c): text, frames,
 * markers and the chrome (title bar, status line, key bar). */
#ifndef SRC_TUI_DRAW_H
#define SRC_TUI_DRAW_H

#include <stdbool.h>
#include <curses.h>

#include "ivs/diag.h"
#include "ivs/theme.h"
#include "ivs/tui_keys.h"

struct tui_app;

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

#endif
