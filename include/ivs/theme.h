/* theme.h: colour themes (src/ui/theme.c, in libivsui: the UI library
 * beside the engine, with no curses in it, so the fuzzers and the tests
 * drive it directly; src/tui/colors.c turns a theme into curses
 * attributes). Themes are YAML files (themes/NAME.yaml) that give each
 * semantic colour role a foreground, a background and attributes. Roles
 * are listed once, here (ncdu's UI_COLORS); so are the theme module's own
 * problem codes (IVS_THEME_RULES): they are not the engine's rule ids and
 * not part of `validate --format json`. Finding theme files and the config
 * folder is config.h. */
#ifndef IVS_THEME_H
#define IVS_THEME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "ivs/diag.h"   /* enum ivs_severity, struct ivs_pos */

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
const char *ivs_color_role_text(enum ivs_color_role r);
/* The role whose theme-file key is `key`, or IVS_COLOR_COUNT. */
enum ivs_color_role ivs_color_role_by_key(const char *key);

/* Colour names in theme files: default, black, red, green, yellow, blue,
 * magenta, cyan, white, bright-black ... bright-white (8-15), gray/grey
 * (= bright-black), colorN / colourN / a bare number N (0-255).
 * Returns 0 with *out set, or -1. */
int ivs_color_parse(const char *s, short *out);
/* Attribute names: bold, underline, reverse, dim, normal/none (0).
 * Returns the IVS_ATTR_* bit (0 for normal), or -1. */
int ivs_attr_parse(const char *s);

/* ---- problems in theme and config files ----
 *
 *      ENUM               id                          severity */
#define IVS_THEME_RULES(X) \
	X(IO_ERROR,          "theme-io-error",           ERROR) \
	X(YAML_SYNTAX,       "theme-yaml-syntax",        ERROR) \
	X(YAML_ALIAS,        "theme-yaml-alias",         ERROR) \
	X(YAML_TAG,          "theme-yaml-tag",           ERROR) \
	X(YAML_TOO_DEEP,     "theme-yaml-too-deep",      ERROR) \
	X(YAML_TOO_LARGE,    "theme-yaml-too-large",     ERROR) \
	X(YAML_MULTI_DOC,    "theme-yaml-multiple-documents", ERROR) \
	X(YAML_EMPTY,        "theme-yaml-empty",         ERROR) \
	X(YAML_DUPLICATE_KEY, "theme-yaml-duplicate-key", ERROR) \
	X(YAML_WRONG_TYPE,   "theme-yaml-wrong-type",    ERROR) \
	X(UNKNOWN_ROLE,      "theme-unknown-role",       WARNING) \
	X(UNKNOWN_KEY,       "theme-unknown-key",        WARNING) \
	X(BAD_COLOR,         "theme-bad-color",          ERROR) \
	X(BAD_ATTR,          "theme-bad-attribute",      ERROR)

enum ivs_theme_rule {
#define IVS_THEME_RULE_ENUM(name, id, sev) IVS_THEME_RULE_##name,
	IVS_THEME_RULES(IVS_THEME_RULE_ENUM)
#undef IVS_THEME_RULE_ENUM
	IVS_THEME_RULE_COUNT
};

const char *ivs_theme_rule_id(enum ivs_theme_rule r);

/* One problem: rule, severity, position (line 0: none), the key path
 * ("colors.title.fg", "" for the file) and a sentence that says what to
 * do. Owns path and msg. */
struct ivs_theme_diag {
	enum ivs_theme_rule rule;
	enum ivs_severity sev;
	struct ivs_pos pos;
	char *path;
	char *msg;
};

struct ivs_theme_diags {
	struct ivs_theme_diag *v;
	size_t n, cap;
	size_t errors, warnings;
};

void ivs_theme_diags_init(struct ivs_theme_diags *d);
void ivs_theme_diags_free(struct ivs_theme_diags *d);
void ivs_theme_diags_add(struct ivs_theme_diags *d, enum ivs_theme_rule rule, struct ivs_pos pos,
                         const char *path, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Moves every entry of src to the end of dst; src is left empty. */
void ivs_theme_diags_move(struct ivs_theme_diags *dst, struct ivs_theme_diags *src);
/* Sorts by position, keeping the order of equal positions. */
void ivs_theme_diags_sort(struct ivs_theme_diags *d);
/* "FILE:LINE:COL: error|warning: message [theme-rule-id]" per line,
 * control characters escaped. */
void ivs_theme_diags_print(FILE *out, const char *file, const struct ivs_theme_diags *d);

/* ---- the theme file format ----
 *
 *   # comments
 *   name: dark                       # optional; defaults to the file name
 *   description: "..."               # optional, ignored
 *   colors:                          # one entry per role; missing roles
 *     normal:   {fg: default, bg: default}   # keep the built-in default
 *     title:    {fg: black, bg: cyan, attrs: [bold]}
 *     keybar-key: {fg: yellow, attrs: bold}   # attrs: a name or a list
 *
 * Problems are diagnostics with file:line:col. Unknown role or top-level
 * key: warning with "did you mean". Bad colour or attribute name: error.
 * Aliases/anchors, tags, deep nesting (> 4 levels), input over
 * IVS_THEME_MAX_BYTES, duplicate keys, wrong types: errors. */
#define IVS_THEME_MAX_BYTES (256u * 1024u)

/* The built-in themes: "default" and "monochrome" (attributes only: what
 * NO_COLOR and colourless terminals get). Static; never freed. */
const struct ivs_theme *ivs_theme_builtin_default(void);
const struct ivs_theme *ivs_theme_builtin_mono(void);

/* Parses a theme from memory into *out (which starts as a copy of the
 * built-in default: missing roles keep their default). `file` is used in
 * diagnostics and as the theme name when the file has no `name:`.
 * Returns 0 when there were no errors (warnings allowed) and *out is
 * usable (free with ivs_theme_free); -1 on errors, *out then holds the
 * built-in default (still free it). */
int ivs_theme_parse(const char *file, const char *data, size_t len, struct ivs_theme *out,
                    struct ivs_theme_diags *diags);
/* The same, reading path (an unreadable file is one IO_ERROR). */
int ivs_theme_load_file(const char *path, struct ivs_theme *out, struct ivs_theme_diags *diags);
void ivs_theme_free(struct ivs_theme *t);

#endif
