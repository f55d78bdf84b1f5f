/* theme.h: colour themes. Themes are YAML files (themes/NAME.yaml) that
 * give each semantic colour role a foreground, a background and
 * attributes. Parsing (src/engine/theme.c) has no curses in it, so the
 * fuzzers and the tests drive it directly; src/tui/colors.c turns a theme
 * into curses attributes. Roles are listed once, here (ncdu's UI_COLORS). */
#ifndef IVS_THEME_H
#define IVS_THEME_H

#include <stdbool.h>
#include <stddef.h>

#include "ivs/diag.h"

/*      ENUM            key in theme files   what it colours */
#define IVS_COLOR_ROLES(X) \
	X(NORMAL,        "normal",        "text and background of the screen") \
	X(TITLE,         "title",         "title bar: file name, modified marker") \
	X(KEYBAR,        "keybar",        "bottom key bar text") \
	X(KEYBAR_KEY,    "keybar-key",    "key names in the key bar") \
	X(BORDER,        "border",        "pane borders and headings") \
	X(TREE,          "tree",          "resource tree entries") \
	X(TREE_KIND,     "tree-kind",     "resource kind headings and counts") \
	X(SELECTED,      "selected",      "selected line in a list with focus") \
	X(SELECTED_DIM,  "selected-dim",  "selected line in a list without focus") \
	X(LABEL,         "label",         "form field labels") \
	X(VALUE,         "value",         "form field values") \
	X(DEFAULT,       "default",       "defaults shown for unset fields") \
	X(FOCUS,         "focus",         "field being edited") \
	X(ERROR,         "error",         "error markers and messages") \
	X(WARNING,       "warning",       "warning markers and messages") \
	X(OK,            "ok",            "no-problem markers") \
	X(DIALOG,        "dialog",        "prompts and confirmations") \
	X(PREVIEW,       "preview",       "template preview text") \
	X(HELP,          "help",          "help screen")

enum ivs_color_role {
#define IVS_COLOR_ENUM(name, key, text) IVS_COLOR_##name,
	IVS_COLOR_ROLES(IVS_COLOR_ENUM)
#undef IVS_COLOR_ENUM
	IVS_COLOR_COUNT
};

/* A colour: -1 is the terminal's default; 0-7 the ANSI colours; 8-255
 * the extended palette (used only where the terminal has it). */
struct ivs_color_spec {
	short fg, bg;
	unsigned attrs;   /* IVS_ATTR_* */
};
#define IVS_ATTR_BOLD      0x1u
#define IVS_ATTR_UNDERLINE 0x2u
#define IVS_ATTR_REVERSE   0x4u
#define IVS_ATTR_DIM       0x8u

struct ivs_theme {
	char *name;
	struct ivs_color_spec roles[IVS_COLOR_COUNT];
};

const char *ivs_color_role_key(enum ivs_color_role r);

#endif
