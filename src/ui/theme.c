/* theme.c: colour themes from YAML, with no curses in sight: roles,
 * colour and attribute names, the built-in themes, and the walk of a theme
 * file's tree (ui_yaml.h reads it) where every problem becomes a
 * diagnostic at the position of the node it is about. */
#include "ivs/theme.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ivs/fsutil.h"
#include "ivs/util.h"
#include "ui_yaml.h"

/* ---- roles ---- */

static const struct {
	const char *key, *text;
} role_info[IVS_COLOR_COUNT] = {
#define IVS_COLOR_ROW(name, key, text) {key, text},
	IVS_COLOR_ROLES(IVS_COLOR_ROW)
#undef IVS_COLOR_ROW
};

const char *ivs_color_role_key(enum ivs_color_role r)
{
	return (unsigned)r < IVS_COLOR_COUNT ? role_info[r].key : "unknown";
}

const char *ivs_color_role_text(enum ivs_color_role r)
{
	return (unsigned)r < IVS_COLOR_COUNT ? role_info[r].text : "";
}

enum ivs_color_role ivs_color_role_by_key(const char *key)
{
	for (int i = 0; i < IVS_COLOR_COUNT; i++)
		if (strcmp(role_info[i].key, key) == 0)
			return (enum ivs_color_role)i;
	return IVS_COLOR_COUNT;
}

/* ---- colour and attribute names ---- */

static const char *const color_names[16] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
	"bright-black", "bright-red", "bright-green", "bright-yellow",
	"bright-blue", "bright-magenta", "bright-cyan", "bright-white",
};

/* Parses a decimal 0-255 that is the whole string. */
static int parse_index(const char *s, short *out)
{
	if (!*s || strlen(s) > 3)
		return -1;
	int v = 0;
	for (const char *c = s; *c; c++) {
		if (!isdigit((unsigned char)*c))
			return -1;
		v = v * 10 + (*c - '0');
	}
	if (v > 255)
		return -1;
	*out = (short)v;
	return 0;
}

int ivs_color_parse(const char *s, short *out)
{
	if (strcmp(s, "default") == 0) {
		*out = -1;
		return 0;
	}
	for (int i = 0; i < 16; i++) {
		if (strcmp(s, color_names[i]) == 0) {
			*out = (short)i;
			return 0;
		}
	}
	if (strcmp(s, "gray") == 0 || strcmp(s, "grey") == 0) {
		*out = 8;
		return 0;
	}
	if (strncmp(s, "colour", 6) == 0)
		return parse_index(s + 6, out);
	if (strncmp(s, "color", 5) == 0)
		return parse_index(s + 5, out);
	return parse_index(s, out);
}

static const struct {
	const char *name;
	unsigned bit;
} attr_names[] = {
	{"bold", IVS_ATTR_BOLD},       {"underline", IVS_ATTR_UNDERLINE},
	{"reverse", IVS_ATTR_REVERSE}, {"dim", IVS_ATTR_DIM},
	{"normal", 0},                 {"none", 0},
};

int ivs_attr_parse(const char *s)
{
	for (size_t i = 0; i < IVS_ARRAY_LEN(attr_names); i++)
		if (strcmp(s, attr_names[i].name) == 0)
			return (int)attr_names[i].bit;
	return -1;
}

/* ---- built-in themes ---- */

#define C_DEF (-1)
#define C_BLACK 0
#define C_RED 1
#define C_GREEN 2
#define C_YELLOW 3
#define C_BLUE 4
#define C_MAGENTA 5
#define C_CYAN 6
#define C_WHITE 7
#define A_B IVS_ATTR_BOLD
#define A_U IVS_ATTR_UNDERLINE
#define A_R IVS_ATTR_REVERSE
#define A_D IVS_ATTR_DIM

/* Must match themes/default.yaml and themes/monochrome.yaml (a unit test
 * checks that they do). */
static char default_name[] = "default", mono_name[] = "monochrome";

static const struct ivs_theme builtin_default = {
	.name = default_name,
	.roles = {
		[IVS_COLOR_NORMAL]       = {C_DEF, C_DEF, 0},
		[IVS_COLOR_TITLE]        = {C_BLACK, C_CYAN, A_B},
		[IVS_COLOR_KEYBAR]       = {C_BLACK, C_CYAN, 0},
		[IVS_COLOR_KEYBAR_KEY]   = {C_WHITE, C_BLUE, A_B},
		[IVS_COLOR_BORDER]       = {C_CYAN, C_DEF, 0},
		[IVS_COLOR_TREE]         = {C_DEF, C_DEF, 0},
		[IVS_COLOR_TREE_KIND]    = {C_CYAN, C_DEF, A_B},
		[IVS_COLOR_SELECTED]     = {C_BLACK, C_CYAN, 0},
		[IVS_COLOR_SELECTED_DIM] = {C_DEF, C_DEF, A_R},
		[IVS_COLOR_LABEL]        = {C_DEF, C_DEF, A_B},
		[IVS_COLOR_VALUE]        = {C_DEF, C_DEF, 0},
		[IVS_COLOR_DEFAULT]      = {C_BLUE, C_DEF, A_B},
		[IVS_COLOR_FOCUS]        = {C_WHITE, C_BLUE, A_B},
		[IVS_COLOR_ERROR]        = {C_RED, C_DEF, A_B},
		[IVS_COLOR_WARNING]      = {C_YELLOW, C_DEF, A_B},
		[IVS_COLOR_OK]           = {C_GREEN, C_DEF, 0},
		[IVS_COLOR_DIALOG]       = {C_BLACK, C_WHITE, 0},
		[IVS_COLOR_PREVIEW]      = {C_DEF, C_DEF, 0},
		[IVS_COLOR_HELP]         = {C_DEF, C_DEF, 0},
	},
};

static const struct ivs_theme builtin_mono = {
	.name = mono_name,
	.roles = {
		[IVS_COLOR_NORMAL]       = {C_DEF, C_DEF, 0},
		[IVS_COLOR_TITLE]        = {C_DEF, C_DEF, A_R | A_B},
		[IVS_COLOR_KEYBAR]       = {C_DEF, C_DEF, A_R},
		[IVS_COLOR_KEYBAR_KEY]   = {C_DEF, C_DEF, A_B},
		[IVS_COLOR_BORDER]       = {C_DEF, C_DEF, 0},
		[IVS_COLOR_TREE]         = {C_DEF, C_DEF, 0},
		[IVS_COLOR_TREE_KIND]    = {C_DEF, C_DEF, A_B},
		[IVS_COLOR_SELECTED]     = {C_DEF, C_DEF, A_R},
		[IVS_COLOR_SELECTED_DIM] = {C_DEF, C_DEF, A_U},
		[IVS_COLOR_LABEL]        = {C_DEF, C_DEF, A_B},
		[IVS_COLOR_VALUE]        = {C_DEF, C_DEF, 0},
		[IVS_COLOR_DEFAULT]      = {C_DEF, C_DEF, A_D},
		[IVS_COLOR_FOCUS]        = {C_DEF, C_DEF, A_R | A_U},
		[IVS_COLOR_ERROR]        = {C_DEF, C_DEF, A_B | A_U},
		[IVS_COLOR_WARNING]      = {C_DEF, C_DEF, A_B},
		[IVS_COLOR_OK]           = {C_DEF, C_DEF, 0},
		[IVS_COLOR_DIALOG]       = {C_DEF, C_DEF, A_R},
		[IVS_COLOR_PREVIEW]      = {C_DEF, C_DEF, 0},
		[IVS_COLOR_HELP]         = {C_DEF, C_DEF, 0},
	},
};

const struct ivs_theme *ivs_theme_builtin_default(void)
{
	return &builtin_default;
}

const struct ivs_theme *ivs_theme_builtin_mono(void)
{
	return &builtin_mono;
}

void ivs_theme_free(struct ivs_theme *t)
{
	if (!t)
		return;
	free(t->name);
	t->name = NULL;
}

/* Checks the keys of a mapping: scalars, no duplicates (a hash of the
 * keys seen: a mapping can have thousands of keys in 256 KB). Returns
 * false (after a diagnostic) when the mapping cannot be used. */
static bool check_map(const struct ivs_ynode *m, const char *path, struct ivs_theme_diags *d)
{
	bool ok = true;
	struct ivs_strmap *seen = ivs_strmap_new();
	for (size_t i = 0; i + 1 < m->n; i += 2) {
		const struct ivs_ynode *k = m->kids[i];
		if (k->type != IVS_YN_SCALAR) {
			ivs_theme_diags_add(d, IVS_THEME_RULE_YAML_WRONG_TYPE, k->pos, path,
			              "a key must be a single word, not %s", ui_type_name(k));
			ok = false;
			continue;
		}
		void *prev = NULL;
		if (ivs_strmap_get(seen, k->value, &prev, 1) > 0) {
			ivs_theme_diags_add(d, IVS_THEME_RULE_YAML_DUPLICATE_KEY, k->pos, path,
			              "\"%s\" is given twice (first on line %u); keep one", k->value,
			              ((const struct ivs_ynode *)prev)->pos.line);
			ok = false;
			continue;
		}
		ivs_strmap_add(seen, k->value, m->kids[i]);
	}
	ivs_strmap_free(seen);
	return ok;
}

/* Closest candidate within edit distance 2, or NULL. */
static const char *closest(const char *s, const char *const *cands, size_t n)
{
	const char *best = NULL;
	size_t bestd = 3;
	for (size_t i = 0; i < n; i++) {
		size_t dist = ivs_edit_distance(s, cands[i], 2);
		if (dist < bestd) {
			bestd = dist;
			best = cands[i];
		}
	}
	return best;
}

static void bad_color(const struct ivs_ynode *v, const char *path, struct ivs_theme_diags *d)
{
	const char *cands[18];
	size_t n = 0;
	cands[n++] = "default";
	for (int i = 0; i < 16; i++)
		cands[n++] = color_names[i];
	cands[n++] = "gray";
	const char *hint = closest(v->value, cands, n);
	if (hint)
		ivs_theme_diags_add(d, IVS_THEME_RULE_BAD_COLOR, v->pos, path,
		              "\"%s\" is not a colour; did you mean \"%s\"?", v->value, hint);
	else
		ivs_theme_diags_add(d, IVS_THEME_RULE_BAD_COLOR, v->pos, path,
		              "\"%s\" is not a colour; use default, black, red, green, yellow, blue, "
		              "magenta, cyan, white, bright-NAME or a number 0-255",
		              v->value);
}

static void parse_attr_name(const struct ivs_ynode *v, const char *path, unsigned *attrs,
                            struct ivs_theme_diags *d)
{
	if (v->type != IVS_YN_SCALAR) {
		ivs_theme_diags_add(d, IVS_THEME_RULE_YAML_WRONG_TYPE, v->pos, path,
		              "an attribute must be a name such as bold, not %s", ui_type_name(v));
		return;
	}
	int a = ivs_attr_parse(v->value);
	if (a >= 0) {
		*attrs |= (unsigned)a;
		return;
	}
	const char *cands[IVS_ARRAY_LEN(attr_names)];
	for (size_t i = 0; i < IVS_ARRAY_LEN(attr_names); i++)
		cands[i] = attr_names[i].name;
	const char *hint = closest(v->value, cands, IVS_ARRAY_LEN(cands));
	if (hint)
		ivs_theme_diags_add(d, IVS_THEME_RULE_BAD_ATTR, v->pos, path,
		              "\"%s\" is not an attribute; did you mean \"%s\"?", v->value, hint);
	else
		ivs_theme_diags_add(d, IVS_THEME_RULE_BAD_ATTR, v->pos, path,
		              "\"%s\" is not an attribute; use bold, underline, reverse, dim or normal",
		              v->value);
}

/* One role: {fg: C, bg: C, attrs: A | [A, ...]}. */
static void parse_role(const struct ivs_ynode *m, const char *role, struct ivs_color_spec *out,
                       struct ivs_theme_diags *d)
{
	char *path = ivs_xasprintf("colors.%s", role);
	if (m->type != IVS_YN_MAP) {
		ivs_theme_diags_add(d, IVS_THEME_RULE_YAML_WRONG_TYPE, m->pos, path,
		              "a role must be a mapping such as {fg: white, bg: blue, attrs: [bold]}, "
		              "not %s",
		              ui_type_name(m));
		free(path);
		return;
	}
	if (!check_map(m, path, d)) {
		free(path);
		return;
	}
	/* A role given in the file starts from nothing: what it does not say
	 * is the terminal's default, not the built-in theme's. */
	struct ivs_color_spec spec = {-1, -1, 0};
	for (size_t i = 0; i + 1 < m->n; i += 2) {
		const struct ivs_ynode *k = m->kids[i], *v = m->kids[i + 1];
		char *kpath = ivs_xasprintf("%s.%s", path, k->value);
		if (strcmp(k->value, "fg") == 0 || strcmp(k->value, "bg") == 0) {
			short c;
			if (v->type != IVS_YN_SCALAR)
				ivs_theme_diags_add(d, IVS_THEME_RULE_YAML_WRONG_TYPE, v->pos, kpath,
				              "a colour must be a name such as blue, not %s", ui_type_name(v));
			else if (ivs_color_parse(v->value, &c) != 0)
				bad_color(v, kpath, d);
			else if (k->value[0] == 'f')
				spec.fg = c;
			else
				spec.bg = c;
		} else if (strcmp(k->value, "attrs") == 0) {
			if (v->type == IVS_YN_SEQ)
				for (size_t j = 0; j < v->n; j++)
					parse_attr_name(v->kids[j], kpath, &spec.attrs, d);
			else
				parse_attr_name(v, kpath, &spec.attrs, d);
		} else {
			static const char *const keys[] = {"fg", "bg", "attrs"};
			const char *hint = closest(k->value, keys, IVS_ARRAY_LEN(keys));
			if (hint)
				ivs_theme_diags_add(d, IVS_THEME_RULE_UNKNOWN_KEY, k->pos, kpath,
				              "unknown key \"%s\" (ignored); did you mean \"%s\"?", k->value,
				              hint);
			else
				ivs_theme_diags_add(d, IVS_THEME_RULE_UNKNOWN_KEY, k->pos, kpath,
				              "unknown key \"%s\" (ignored); a role has fg, bg and attrs",
				              k->value);
		}
		free(kpath);
	}
	*out = spec;
	free(path);
}

static void parse_colors(const struct ivs_ynode *m, struct ivs_theme *t, struct ivs_theme_diags *d)
{
	if (m->type != IVS_YN_MAP) {
		ivs_theme_diags_add(d, IVS_THEME_RULE_YAML_WRONG_TYPE, m->pos, "colors",
		              "colors must be a mapping of role: {fg, bg, attrs}, not %s", ui_type_name(m));
		return;
	}
	if (!check_map(m, "colors", d))
		return;
	for (size_t i = 0; i + 1 < m->n; i += 2) {
		const struct ivs_ynode *k = m->kids[i], *v = m->kids[i + 1];
		enum ivs_color_role r = ivs_color_role_by_key(k->value);
		if (r != IVS_COLOR_COUNT) {
			parse_role(v, k->value, &t->roles[r], d);
			continue;
		}
		const char *keys[IVS_COLOR_COUNT];
		for (int j = 0; j < IVS_COLOR_COUNT; j++)
			keys[j] = role_info[j].key;
		const char *hint = closest(k->value, keys, IVS_COLOR_COUNT);
		char *path = ivs_xasprintf("colors.%s", k->value);
		if (hint)
			ivs_theme_diags_add(d, IVS_THEME_RULE_UNKNOWN_ROLE, k->pos, path,
			              "unknown colour role \"%s\" (ignored); did you mean \"%s\"?", k->value,
			              hint);
		else
			ivs_theme_diags_add(d, IVS_THEME_RULE_UNKNOWN_ROLE, k->pos, path,
			              "unknown colour role \"%s\" (ignored); see themes/default.yaml for "
			              "the roles",
			              k->value);
		free(path);
	}
}

/* The theme name from a file name: basename without ".yaml". */
static char *name_from_file(const char *file)
{
	const char *b = strrchr(file, '/');
	b = b ? b + 1 : file;
	size_t n = strlen(b);
	if (n > 5 && strcmp(b + n - 5, ".yaml") == 0)
		n -= 5;
	return ivs_xstrndup(b, n);
}

int ivs_theme_parse(const char *file, const char *data, size_t len, struct ivs_theme *out,
                    struct ivs_theme_diags *diags)
{
	struct ivs_theme_diags d;
	ivs_theme_diags_init(&d);
	*out = builtin_default;
	out->name = NULL;
	char *name = NULL;

	struct ivs_ynode *root = ui_read_tree(data, len, "a theme file", &d);
	if (root && root->type != IVS_YN_MAP) {
		ivs_theme_diags_add(&d, IVS_THEME_RULE_YAML_WRONG_TYPE, root->pos, "",
		              "a theme file is a mapping with a colors: key, not %s", ui_type_name(root));
	} else if (root && check_map(root, "", &d)) {
		for (size_t i = 0; i + 1 < root->n; i += 2) {
			const struct ivs_ynode *k = root->kids[i], *v = root->kids[i + 1];
			if (strcmp(k->value, "colors") == 0) {
				parse_colors(v, out, &d);
			} else if (strcmp(k->value, "name") == 0 || strcmp(k->value, "description") == 0) {
				if (v->type != IVS_YN_SCALAR)
					ivs_theme_diags_add(&d, IVS_THEME_RULE_YAML_WRONG_TYPE, v->pos, k->value,
					              "%s must be a single value, not %s", k->value, ui_type_name(v));
				else if (k->value[0] == 'n') {
					free(name);
					name = ivs_xstrdup(v->value);
				}
			} else {
				static const char *const keys[] = {"name", "description", "colors"};
				const char *hint = closest(k->value, keys, IVS_ARRAY_LEN(keys));
				ivs_theme_diags_add(&d, IVS_THEME_RULE_UNKNOWN_KEY, k->pos, k->value,
				              "unknown key \"%s\" (ignored)%s%s%s", k->value,
				              hint ? "; did you mean \"" : "", hint ? hint : "",
				              hint ? "\"?" : "");
			}
		}
	}
	ivs_ynode_free(root);

	int rc = d.errors ? -1 : 0;
	if (rc != 0) {
		*out = builtin_default;
		out->name = ivs_xstrdup(builtin_default.name);
		free(name);
	} else {
		if (!name || !*name) {
			free(name);
			name = name_from_file(file);
		}
		out->name = name;
	}
	ivs_theme_diags_sort(&d);
	ivs_theme_diags_move(diags, &d);
	return rc;
}

int ivs_theme_load_file(const char *path, struct ivs_theme *out, struct ivs_theme_diags *diags)
{
	char *err = NULL;
	size_t len = 0;
	char *data = ivs_read_file(path, IVS_THEME_MAX_BYTES, &len, &err);
	if (!data) {
		struct ivs_pos none = {0, 0};
		/* an oversized file is the same refusal as in ivs_theme_parse */
		struct stat st;
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size > IVS_THEME_MAX_BYTES)
			ivs_theme_diags_add(diags, IVS_THEME_RULE_YAML_TOO_LARGE, none, "",
			              "the file is %lld bytes; theme files are limited to %u bytes",
			              (long long)st.st_size, IVS_THEME_MAX_BYTES);
		else
			ivs_theme_diags_add(diags, IVS_THEME_RULE_IO_ERROR, none, "", "%s", err ? err : "cannot read");
		free(err);
		*out = builtin_default;
		out->name = ivs_xstrdup(builtin_default.name);
		return -1;
	}
	int rc = ivs_theme_parse(path, data, len, out, diags);
	free(data);
	return rc;
}

