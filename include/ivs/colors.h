/* colors.h: the curses side of themes (src/tui/colors.c). Call
 * ivs_colors_start() once after initscr(); then draw each role with
 * attron(ivs_color(IVS_COLOR_TITLE)) and the like. */
#ifndef IVS_COLORS_H
#define IVS_COLORS_H

#include <curses.h>
#include <stdbool.h>

#include "ivs/theme.h"

/* Chooses and applies the theme. theme_name is --theme NAME, or NULL: then
 * the `theme:` key of $XDG_CONFIG_HOME/ivs-tui/config.yaml, else
 * "default". The file is looked up by ivs_theme_find() (config folder,
 * IVS_DATADIR, the source tree); "default" and "monochrome" are built
 * in and work without any file.
 *
 * NO_COLOR set and not empty, a terminal without colours, or too few
 * colour pairs: monochrome attributes only (whatever the theme).
 *
 * Returns 0, or -1 with *err set (caller frees) to a one-line message for
 * the status line, e.g. "theme dark: /path/dark.yaml:3:9: \"blu\" is not
 * a colour; did you mean \"blue\"? (using the default theme)"; the colours
 * are usable either way. Warnings in a theme that still loads also set
 * *err but return 0. Calling it again (e.g. to switch themes) is fine. */
int ivs_colors_start(const char *theme_name, char **err);

/* Attributes to draw role r with: COLOR_PAIR(n) | A_BOLD ... */
attr_t ivs_color(enum ivs_color_role r);

/* True when drawing without colours (NO_COLOR, colourless terminal, or
 * ivs_colors_start not called yet). */
bool ivs_colors_mono(void);
/* Name of the theme in use ("default", "dark", "monochrome"...). */
const char *ivs_colors_theme(void);
/* Frees what ivs_colors_start kept (call at exit; optional). */
void ivs_colors_stop(void);

#endif
