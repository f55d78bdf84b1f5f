/* test_theme.c: theme files (src/ui/theme.c, config.c): the shipped themes, every
 * kind of problem with its exact position, colour names, and the search
 * for theme files and config.yaml (XDG rules). No curses here. */
#include "testutil.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ivs/fsutil.h"
#include "ivs/config.h"
#include "ivs/theme.h"
#include "ivs/util.h"

static const char *const shipped[] = {"default", "dark", "light", "high-contrast", "monochrome"};

static char *theme_path(const char *name)
{
	return ivs_xasprintf("%s/../themes/%s.yaml", test_dir(), name);
}

static void test_shipped_themes_parse_clean(void **state)
{
	(void)state;
	for (size_t i = 0; i < IVS_ARRAY_LEN(shipped); i++) {
		char *path = theme_path(shipped[i]);
		struct ivs_theme_diags d;
		ivs_theme_diags_init(&d);
		struct ivs_theme t;
		int rc = ivs_theme_load_file(path, &t, &d);
		if (d.n)
			ivs_theme_diags_print(stderr, path, &d);
		assert_int_equal(rc, 0);
		assert_int_equal(d.n, 0);
		assert_string_equal(t.name, shipped[i]);

		/* every role is written out in the file, not inherited */
		size_t len;
		char *err = NULL;
		char *data = ivs_read_file(path, 1u << 20, &len, &err);
		assert_non_null(data);
		for (int r = 0; r < IVS_COLOR_COUNT; r++) {
			char *needle = ivs_xasprintf("\n  %s:", ivs_color_role_key((enum ivs_color_role)r));
			if (!strstr(data, needle))
				fail_msg("%s does not give role %s", path, ivs_color_role_key((enum ivs_color_role)r));
			free(needle);
		}
		free(data);
		ivs_theme_free(&t);
		ivs_theme_diags_free(&d);
		free(path);
	}
}

static void load_shipped(const char *name, struct ivs_theme *t)
{
	char *path = theme_path(name);
	struct ivs_theme_diags d;
	ivs_theme_diags_init(&d);
	assert_int_equal(ivs_theme_load_file(path, t, &d), 0);
	assert_int_equal(d.n, 0);
	ivs_theme_diags_free(&d);
	free(path);
}

static void assert_same_roles(const struct ivs_theme *a, const struct ivs_theme *b)
{
	for (int r = 0; r < IVS_COLOR_COUNT; r++) {
		if (a->roles[r].fg != b->roles[r].fg || a->roles[r].bg != b->roles[r].bg ||
		    a->roles[r].attrs != b->roles[r].attrs)
			fail_msg("role %s differs: %d/%d/%u vs %d/%d/%u",
			         ivs_color_role_key((enum ivs_color_role)r), a->roles[r].fg, a->roles[r].bg,
			         a->roles[r].attrs, b->roles[r].fg, b->roles[r].bg, b->roles[r].attrs);
	}
}

static void test_builtin_match_files(void **state)
{
	(void)state;
	struct ivs_theme t;
	load_shipped("default", &t);
	assert_same_roles(&t, ivs_theme_builtin_default());
	ivs_theme_free(&t);
	load_shipped("monochrome", &t);
	assert_same_roles(&t, ivs_theme_builtin_mono());
	for (int r = 0; r < IVS_COLOR_COUNT; r++) {
		assert_int_equal(t.roles[r].fg, -1);
		assert_int_equal(t.roles[r].bg, -1);
	}
	ivs_theme_free(&t);
	assert_string_equal(ivs_theme_builtin_default()->name, "default");
	assert_string_equal(ivs_theme_builtin_mono()->name, "monochrome");
}

static void test_high_contrast_palette(void **state)
{
	(void)state;
	struct ivs_theme t;
	load_shipped("high-contrast", &t);
	/* only black (0), bright-yellow (11) and bright-white (15); fg != bg */
	for (int r = 0; r < IVS_COLOR_COUNT; r++) {
		short c[2] = {t.roles[r].fg, t.roles[r].bg};
		for (int k = 0; k < 2; k++)
			if (c[k] != 0 && c[k] != 11 && c[k] != 15)
				fail_msg("role %s uses colour %d", ivs_color_role_key((enum ivs_color_role)r), c[k]);
		assert_int_not_equal(t.roles[r].fg, t.roles[r].bg);
		/* yellow on white would be unreadable */
		assert_false((c[0] == 11 && c[1] == 15) || (c[0] == 15 && c[1] == 11));
	}
	assert_int_equal(t.roles[IVS_COLOR_SELECTED].bg, 11);
	assert_int_equal(t.roles[IVS_COLOR_ERROR].attrs, IVS_ATTR_BOLD | IVS_ATTR_UNDERLINE);
	ivs_theme_free(&t);
}

static void test_color_names(void **state)
{
	(void)state;
	short c = 99;
	assert_int_equal(ivs_color_parse("default", &c), 0);
	assert_int_equal(c, -1);
	assert_int_equal(ivs_color_parse("black", &c), 0);
	assert_int_equal(c, 0);
	assert_int_equal(ivs_color_parse("white", &c), 0);
	assert_int_equal(c, 7);
	assert_int_equal(ivs_color_parse("bright-black", &c), 0);
	assert_int_equal(c, 8);
	assert_int_equal(ivs_color_parse("grey", &c), 0);
	assert_int_equal(c, 8);
	assert_int_equal(ivs_color_parse("bright-white", &c), 0);
	assert_int_equal(c, 15);
	assert_int_equal(ivs_color_parse("color0", &c), 0);
	assert_int_equal(c, 0);
	assert_int_equal(ivs_color_parse("colour255", &c), 0);
	assert_int_equal(c, 255);
	assert_int_equal(ivs_color_parse("123", &c), 0);
	assert_int_equal(c, 123);
	c = 42;
	assert_int_equal(ivs_color_parse("256", &c), -1);
	assert_int_equal(ivs_color_parse("color", &c), -1);
	assert_int_equal(ivs_color_parse("-1", &c), -1);
	assert_int_equal(ivs_color_parse("0255", &c), -1);
	assert_int_equal(ivs_color_parse("blu", &c), -1);
	assert_int_equal(ivs_color_parse("", &c), -1);
	assert_int_equal(ivs_color_parse("Red", &c), -1);
	assert_int_equal(c, 42);
	assert_int_equal(ivs_attr_parse("bold"), (int)IVS_ATTR_BOLD);
	assert_int_equal(ivs_attr_parse("reverse"), (int)IVS_ATTR_REVERSE);
	assert_int_equal(ivs_attr_parse("underline"), (int)IVS_ATTR_UNDERLINE);
	assert_int_equal(ivs_attr_parse("dim"), (int)IVS_ATTR_DIM);
	assert_int_equal(ivs_attr_parse("none"), 0);
	assert_int_equal(ivs_attr_parse("blink"), -1);
	assert_int_equal(ivs_color_role_by_key("keybar-key"), IVS_COLOR_KEYBAR_KEY);
	assert_int_equal(ivs_color_role_by_key("help"), IVS_COLOR_HELP);
	assert_int_equal(ivs_color_role_by_key("nope"), IVS_COLOR_COUNT);
	assert_string_equal(ivs_color_role_key(IVS_COLOR_SELECTED_DIM), "selected-dim");
}

/* Parses text; returns rc; *d gets the diagnostics (caller frees). */
static int parse(const char *text, struct ivs_theme *t, struct ivs_theme_diags *d)
{
	ivs_theme_diags_init(d);
	return ivs_theme_parse("t.yaml", text, strlen(text), t, d);
}

static void expect_one(const char *text, int want_rc, enum ivs_theme_rule rule, unsigned line,
                       unsigned col, const char *path, const char *msg_part)
{
	struct ivs_theme t;
	struct ivs_theme_diags d;
	int rc = parse(text, &t, &d);
	if (d.n != 1 || d.v[0].rule != rule || d.v[0].pos.line != line || d.v[0].pos.col != col) {
		ivs_theme_diags_print(stderr, "t.yaml", &d);
		fail_msg("want 1 diagnostic %s at %u:%u, got %zu", ivs_theme_rule_id(rule), line, col, d.n);
	}
	assert_int_equal(rc, want_rc);
	assert_string_equal(d.v[0].path, path);
	if (!strstr(d.v[0].msg, msg_part))
		fail_msg("message \"%s\" lacks \"%s\"", d.v[0].msg, msg_part);
	if (rc != 0) {
		/* a failed parse leaves the built-in default */
		assert_string_equal(t.name, "default");
		assert_same_roles(&t, ivs_theme_builtin_default());
	}
	ivs_theme_free(&t);
	ivs_theme_diags_free(&d);
}

static void test_good_small_theme(void **state)
{
	(void)state;
	struct ivs_theme t;
	struct ivs_theme_diags d;
	int rc = parse("colors:\n"
	               "  title: {fg: bright-yellow, bg: 17, attrs: bold}\n"
	               "  error:\n"
	               "    fg: red\n"
	               "    attrs: [underline, reverse]\n",
	               &t, &d);
	assert_int_equal(rc, 0);
	assert_int_equal(d.n, 0);
	assert_string_equal(t.name, "t");   /* from the file name */
	assert_int_equal(t.roles[IVS_COLOR_TITLE].fg, 11);
	assert_int_equal(t.roles[IVS_COLOR_TITLE].bg, 17);
	assert_int_equal(t.roles[IVS_COLOR_TITLE].attrs, IVS_ATTR_BOLD);
	assert_int_equal(t.roles[IVS_COLOR_ERROR].fg, 1);
	assert_int_equal(t.roles[IVS_COLOR_ERROR].bg, -1);
	assert_int_equal(t.roles[IVS_COLOR_ERROR].attrs, IVS_ATTR_UNDERLINE | IVS_ATTR_REVERSE);
	/* roles not given keep the built-in default */
	const struct ivs_color_spec *def = &ivs_theme_builtin_default()->roles[IVS_COLOR_FOCUS];
	assert_int_equal(t.roles[IVS_COLOR_FOCUS].fg, def->fg);
	assert_int_equal(t.roles[IVS_COLOR_FOCUS].bg, def->bg);
	assert_int_equal(t.roles[IVS_COLOR_FOCUS].attrs, def->attrs);
	ivs_theme_free(&t);
	ivs_theme_diags_free(&d);

	rc = parse("name: mine\ndescription: a test\ncolors: {}\n", &t, &d);
	assert_int_equal(rc, 0);
	assert_int_equal(d.n, 0);
	assert_string_equal(t.name, "mine");
	ivs_theme_free(&t);
	ivs_theme_diags_free(&d);
}

static void test_unknown_role_warns(void **state)
{
	(void)state;
	expect_one("colors:\n  titel: {fg: red}\n", 0, IVS_THEME_RULE_UNKNOWN_ROLE, 2, 3,
	           "colors.titel", "did you mean \"title\"?");
	expect_one("colors:\n  normal: {fg: red}\n  zzzzzzzz: {fg: red}\n", 0,
	           IVS_THEME_RULE_UNKNOWN_ROLE, 3, 3, "colors.zzzzzzzz", "unknown colour role");
	expect_one("colours:\n  title: {fg: red}\n", 0, IVS_THEME_RULE_UNKNOWN_KEY, 1, 1, "colours",
	           "did you mean \"colors\"?");
	expect_one("colors:\n  title: {fg: red, bgg: blue}\n", 0, IVS_THEME_RULE_UNKNOWN_KEY, 2, 20,
	           "colors.title.bgg", "did you mean \"bg\"?");
	/* the warning does not stop the rest of the file */
	struct ivs_theme t;
	struct ivs_theme_diags d;
	assert_int_equal(parse("colors:\n  titel: {fg: red}\n  ok: {fg: blue}\n", &t, &d), 0);
	assert_int_equal(t.roles[IVS_COLOR_OK].fg, 4);
	assert_int_equal(d.warnings, 1);
	assert_int_equal(d.errors, 0);
	ivs_theme_free(&t);
	ivs_theme_diags_free(&d);
}

static void test_bad_values_error(void **state)
{
	(void)state;
	expect_one("colors:\n  title: {fg: blu, bg: black}\n", -1, IVS_THEME_RULE_BAD_COLOR, 2, 15,
	           "colors.title.fg", "\"blu\" is not a colour; did you mean \"blue\"?");
	expect_one("colors:\n  title:\n    bg: 300\n", -1, IVS_THEME_RULE_BAD_COLOR, 3, 9,
	           "colors.title.bg", "a number 0-255");
	expect_one("colors:\n  title: {attrs: [bold, blod]}\n", -1, IVS_THEME_RULE_BAD_ATTR, 2, 25,
	           "colors.title.attrs", "did you mean \"bold\"?");
	expect_one("colors:\n  title: {attrs: blink}\n", -1, IVS_THEME_RULE_BAD_ATTR, 2, 18,
	           "colors.title.attrs", "use bold, underline, reverse, dim or normal");
	expect_one("colors:\n  title: red\n", -1, IVS_THEME_RULE_YAML_WRONG_TYPE, 2, 10, "colors.title",
	           "must be a mapping");
	expect_one("colors:\n  title: {fg: [red]}\n", -1, IVS_THEME_RULE_YAML_WRONG_TYPE, 2, 15,
	           "colors.title.fg", "not a list");
	expect_one("colors: [1, 2]\n", -1, IVS_THEME_RULE_YAML_WRONG_TYPE, 1, 9, "colors",
	           "must be a mapping");
	expect_one("- a\n- b\n", -1, IVS_THEME_RULE_YAML_WRONG_TYPE, 1, 1, "", "not a list");
	expect_one("name: [a]\n", -1, IVS_THEME_RULE_YAML_WRONG_TYPE, 1, 7, "name", "single value");
	expect_one("colors:\n  title: {fg: red}\n  title: {fg: blue}\n", -1,
	           IVS_THEME_RULE_YAML_DUPLICATE_KEY, 3, 3, "colors", "\"title\" is given twice (first on line 2)");
	expect_one("colors:\n  title: {fg: red, fg: blue}\n", -1, IVS_THEME_RULE_YAML_DUPLICATE_KEY, 2, 20,
	           "colors.title", "given twice");
}

static void test_yaml_refusals(void **state)
{
	(void)state;
	/* the shared YAML reader (yamlio.h) and its wording, naming the file */
	expect_one("colors:\n  title: &t {fg: red}\n", -1, IVS_THEME_RULE_YAML_ALIAS, 2, 10,
	           "colors.title", "anchors (&t) are not allowed in a theme file");
	expect_one("colors:\n  error: *t\n", -1, IVS_THEME_RULE_YAML_ALIAS, 2, 10, "colors.error",
	           "aliases (*t) are not allowed in a theme file");
	expect_one("colors:\n  title: {fg: !color red}\n", -1, IVS_THEME_RULE_YAML_TAG, 2, 15,
	           "colors.title.fg", "the tag !color is not allowed in a theme file");
	expect_one("colors:\n  title: {fg: red\n", -1, IVS_THEME_RULE_YAML_SYNTAX, 3, 1,
	           "colors.title", "not valid YAML");
	expect_one("colors: {}\n---\ncolors: {}\n", -1, IVS_THEME_RULE_YAML_MULTI_DOC, 2, 1, "",
	           "second YAML document here; a theme file holds one");
	expect_one("colors:\n  title: {attrs: [[bold]]}\n", -1, IVS_THEME_RULE_YAML_TOO_DEEP, 2, 19,
	           "colors.title.attrs[0]", "nested deeper here than a theme file can be");
	expect_one("a: {b: {c: {d: {e: 1}}}}\n", -1, IVS_THEME_RULE_YAML_TOO_DEEP, 1, 16, "a.b.c.d",
	           "nested deeper");

	/* empty file, comments only */
	struct ivs_theme t;
	struct ivs_theme_diags d;
	assert_int_equal(parse("", &t, &d), -1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].rule, IVS_THEME_RULE_YAML_EMPTY);
	ivs_theme_free(&t);
	ivs_theme_diags_free(&d);
	assert_int_equal(parse("# nothing\n", &t, &d), -1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].rule, IVS_THEME_RULE_YAML_EMPTY);
	ivs_theme_free(&t);
	ivs_theme_diags_free(&d);

	/* huge input is refused before parsing */
	size_t n = IVS_THEME_MAX_BYTES + 1;
	char *big = ivs_xmalloc(n + 1);
	memset(big, '#', n);
	big[n] = '\0';
	ivs_theme_diags_init(&d);
	assert_int_equal(ivs_theme_parse("big.yaml", big, n, &t, &d), -1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].rule, IVS_THEME_RULE_YAML_TOO_LARGE);
	ivs_theme_free(&t);
	ivs_theme_diags_free(&d);
	free(big);

	/* a billion-laughs style file: nothing is expanded, each anchor and
	 * alias is one diagnostic */
	assert_int_equal(parse("a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n", &t, &d), -1);
	assert_int_equal(d.n, 6);
	for (size_t i = 0; i < d.n; i++)
		assert_int_equal(d.v[i].rule, IVS_THEME_RULE_YAML_ALIAS);

	/* a NUL in a value */
	ivs_theme_free(&t);
	ivs_theme_diags_free(&d);
	assert_int_equal(parse("colors:\n  title: {fg: \"re\\0d\"}\n", &t, &d), -1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].rule, IVS_THEME_RULE_YAML_WRONG_TYPE);
	ivs_theme_free(&t);
	ivs_theme_diags_free(&d);
}

static void test_every_problem_reported(void **state)
{
	(void)state;
	struct ivs_theme t;
	struct ivs_theme_diags d;
	int rc = parse("colors:\n"
	               "  title: {fg: blu}\n"
	               "  titel: {fg: red}\n"
	               "  error: {bg: rde, attrs: [bolt]}\n",
	               &t, &d);
	assert_int_equal(rc, -1);
	assert_int_equal(d.n, 4);
	assert_int_equal(d.errors, 3);
	assert_int_equal(d.warnings, 1);
	/* sorted by position */
	assert_int_equal(d.v[0].pos.line, 2);
	assert_int_equal(d.v[1].pos.line, 3);
	assert_int_equal(d.v[1].rule, IVS_THEME_RULE_UNKNOWN_ROLE);
	assert_int_equal(d.v[2].pos.line, 4);
	assert_int_equal(d.v[2].pos.col, 15);
	assert_int_equal(d.v[3].pos.col, 28);
	ivs_theme_free(&t);
	ivs_theme_diags_free(&d);
}

static void test_many_keys(void **state)
{
	(void)state;
	/* 5000 unknown roles, then a duplicate of the 18th: every warning,
	 * and the duplicate points back at its first line */
	struct ivs_buf b;
	ivs_buf_init(&b);
	ivs_buf_puts(&b, "colors:\n");
	for (int i = 0; i < 5000; i++)
		ivs_buf_printf(&b, "  k%d: {}\n", i);
	ivs_buf_puts(&b, "  k17: {}\n");
	struct ivs_theme t;
	struct ivs_theme_diags d;
	ivs_theme_diags_init(&d);
	assert_int_equal(ivs_theme_parse("t.yaml", b.data, b.len, &t, &d), -1);
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.warnings, 0);   /* a mapping with a duplicate is not read further */
	assert_int_equal(d.v[0].rule, IVS_THEME_RULE_YAML_DUPLICATE_KEY);
	assert_int_equal(d.v[0].pos.line, 5002);
	assert_string_equal(d.v[0].msg, "\"k17\" is given twice (first on line 19); keep one");
	ivs_theme_free(&t);
	ivs_theme_diags_free(&d);
	ivs_buf_free(&b);
}

static void test_load_missing_file(void **state)
{
	(void)state;
	struct ivs_theme t;
	struct ivs_theme_diags d;
	ivs_theme_diags_init(&d);
	assert_int_equal(ivs_theme_load_file("/nonexistent/x.yaml", &t, &d), -1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].rule, IVS_THEME_RULE_IO_ERROR);
	assert_string_equal(t.name, "default");
	ivs_theme_free(&t);
	ivs_theme_diags_free(&d);
}

/* ---- finding files ---- */

static char tmp[64];

static void put(const char *rel, const char *text)
{
	test_put_file(tmp, rel, text);
}

static int setup_tmp(void **state)
{
	(void)state;
	strcpy(tmp, "/tmp/ivs-theme-test-XXXXXX");
	if (!mkdtemp(tmp))
		return -1;
	return 0;
}

static int teardown_tmp(void **state)
{
	(void)state;
	char *cmd = ivs_xasprintf("rm -rf '%s'", tmp);
	int rc = system(cmd);
	free(cmd);
	unsetenv("XDG_CONFIG_HOME");
	return rc == 0 ? 0 : -1;
}

static void test_config_dir_xdg_rules(void **state)
{
	(void)state;
	setenv("HOME", "/home/someone", 1);
	setenv("XDG_CONFIG_HOME", "/cfg", 1);
	char *d = ivs_config_dir();
	assert_string_equal(d, "/cfg/ivs-tui");
	free(d);
	setenv("XDG_CONFIG_HOME", "", 1);
	d = ivs_config_dir();
	assert_string_equal(d, "/home/someone/.config/ivs-tui");
	free(d);
	setenv("XDG_CONFIG_HOME", "relative/cfg", 1);   /* relative: ignored */
	d = ivs_config_dir();
	assert_string_equal(d, "/home/someone/.config/ivs-tui");
	free(d);
	unsetenv("XDG_CONFIG_HOME");
	d = ivs_config_dir();
	assert_string_equal(d, "/home/someone/.config/ivs-tui");
	free(d);
	unsetenv("HOME");
	assert_null(ivs_config_dir());
}

static void test_theme_find_order(void **state)
{
	(void)state;
	char *xdg = ivs_xasprintf("%s/xdg", tmp);
	setenv("XDG_CONFIG_HOME", xdg, 1);
	setenv("HOME", tmp, 1);

	/* the user's theme folder wins over the shipped one */
	put("xdg/ivs-tui/themes/dark.yaml", "colors: {}\n");
	char *p = ivs_theme_find("dark");
	char *want = ivs_xasprintf("%s/ivs-tui/themes/dark.yaml", xdg);
	assert_string_equal(p, want);
	free(p);
	free(want);

	/* (the data folder and the folder next to the executable are not
	 * under this test's control: tests/e2e/test-colors.sh finds the
	 * shipped themes through build/../themes) */

	/* bad names are refused, never looked up */
	put("xdg/ivs-tui/evil.yaml", "colors: {}\n");
	assert_null(ivs_theme_find("../evil"));
	assert_null(ivs_theme_find(".hidden"));
	assert_null(ivs_theme_find(""));
	assert_null(ivs_theme_find("a b"));
	assert_null(ivs_theme_find(NULL));
	assert_null(ivs_theme_find("no-such-theme"));

	/* a name with a slash is a path */
	char *direct = ivs_xasprintf("%s/ivs-tui/evil.yaml", xdg);
	p = ivs_theme_find(direct);
	assert_string_equal(p, direct);
	free(p);
	free(direct);
	free(xdg);
}

static void test_config_theme(void **state)
{
	(void)state;
	char *xdg = ivs_xasprintf("%s/cfg2", tmp);
	setenv("XDG_CONFIG_HOME", xdg, 1);
	char *err = NULL;
	/* no file: no theme, no error */
	assert_null(ivs_config_theme(&err));
	assert_null(err);

	put("cfg2/ivs-tui/config.yaml", "# settings\nother: 1\ntheme: high-contrast\n");
	char *t = ivs_config_theme(&err);
	assert_string_equal(t, "high-contrast");
	assert_null(err);
	free(t);

	put("cfg2/ivs-tui/config.yaml", "theme: [dark]\n");
	assert_null(ivs_config_theme(&err));
	assert_non_null(err);
	char *want = ivs_xasprintf("%s/ivs-tui/config.yaml:1:8: theme must be", xdg);
	if (strncmp(err, want, strlen(want)) != 0)
		fail_msg("err \"%s\"", err);
	free(want);
	free(err);
	err = NULL;

	put("cfg2/ivs-tui/config.yaml", "theme: dark\n  bad: indent\n");
	assert_null(ivs_config_theme(&err));
	assert_non_null(err);
	want = ivs_xasprintf("%s/ivs-tui/config.yaml:2:", xdg);
	if (strncmp(err, want, strlen(want)) != 0)
		fail_msg("err \"%s\"", err);
	free(want);
	free(err);
	free(xdg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_themes_parse_clean),
		cmocka_unit_test(test_builtin_match_files),
		cmocka_unit_test(test_high_contrast_palette),
		cmocka_unit_test(test_color_names),
		cmocka_unit_test(test_good_small_theme),
		cmocka_unit_test(test_unknown_role_warns),
		cmocka_unit_test(test_bad_values_error),
		cmocka_unit_test(test_yaml_refusals),
		cmocka_unit_test(test_every_problem_reported),
		cmocka_unit_test(test_many_keys),
		cmocka_unit_test(test_load_missing_file),
		cmocka_unit_test(test_config_dir_xdg_rules),
		cmocka_unit_test(test_theme_find_order),
		cmocka_unit_test(test_config_theme),
	};
	return cmocka_run_group_tests(tests, setup_tmp, teardown_tmp);
}
