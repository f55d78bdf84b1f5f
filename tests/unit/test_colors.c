/* test_colors.c: ivs_colors_start / ivs_color on a real curses screen made
 * with newterm() for xterm-256color (and a colourless "dumb"-like type)
 * writing to /dev/null: which theme wins (--theme, config.yaml,
 * default), NO_COLOR, the fallback and message for a broken theme. */
#include "testutil.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "ivs/colors.h"
#include "ivs/util.h"

static char tmp[64];
static SCREEN *scr;
static FILE *out, *in;

static void put(const char *rel, const char *text)
{
	test_put_file(tmp, rel, text);
}

static void screen_open(const char *term)
{
	out = fopen("/dev/null", "w");
	in = fopen("/dev/null", "r");
	assert_non_null(out);
	assert_non_null(in);
	scr = newterm(term, out, in);
	assert_non_null(scr);
	set_term(scr);
}

static void screen_close(void)
{
	ivs_colors_stop();
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
	scr = NULL;
}

static int setup(void **state)
{
	(void)state;
	strcpy(tmp, "/tmp/ivs-colors-test-XXXXXX");
	if (!mkdtemp(tmp))
		return -1;
	char *xdg = ivs_xasprintf("%s/xdg", tmp);
	setenv("XDG_CONFIG_HOME", xdg, 1);
	setenv("HOME", tmp, 1);
	free(xdg);
	unsetenv("NO_COLOR");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char *cmd = ivs_xasprintf("rm -rf '%s'", tmp);
	int rc = system(cmd);
	free(cmd);
	return rc == 0 ? 0 : -1;
}

static void test_default_theme_colours(void **state)
{
	(void)state;
	screen_open("xterm-256color");
	char *err = NULL;
	assert_int_equal(ivs_colors_start(NULL, &err), 0);
	assert_null(err);
	assert_false(ivs_colors_mono());
	assert_string_equal(ivs_colors_theme(), "default");
	/* one pair per role; title is black on cyan, bold */
	attr_t a = ivs_color(IVS_COLOR_TITLE);
	assert_int_equal(PAIR_NUMBER((int)a), IVS_COLOR_TITLE + 1);
	assert_true(a & A_BOLD);
	short fg, bg;
	assert_int_equal(pair_content((short)(IVS_COLOR_TITLE + 1), &fg, &bg), OK);
	assert_int_equal(fg, COLOR_BLACK);
	assert_int_equal(bg, COLOR_CYAN);
	attr_t e = ivs_color(IVS_COLOR_ERROR);
	assert_int_equal(PAIR_NUMBER((int)e), IVS_COLOR_ERROR + 1);
	/* normal is default on default: no pair */
	assert_int_equal(ivs_color(IVS_COLOR_NORMAL), A_NORMAL);
	assert_int_equal(ivs_color(IVS_COLOR_LABEL), A_BOLD);
	assert_int_equal(ivs_color(IVS_COLOR_COUNT), A_NORMAL);
	screen_close();
}

static void test_no_color_is_monochrome(void **state)
{
	(void)state;
	setenv("NO_COLOR", "1", 1);
	screen_open("xterm-256color");
	char *err = NULL;
	assert_int_equal(ivs_colors_start("high-contrast", &err), 0);
	assert_null(err);
	assert_true(ivs_colors_mono());
	assert_string_equal(ivs_colors_theme(), "monochrome");
	for (int r = 0; r < IVS_COLOR_COUNT; r++)
		assert_int_equal(PAIR_NUMBER((int)ivs_color((enum ivs_color_role)r)), 0);
	assert_int_equal(ivs_color(IVS_COLOR_SELECTED), A_REVERSE);
	assert_int_equal(ivs_color(IVS_COLOR_ERROR), A_BOLD | A_UNDERLINE);
	assert_int_equal(ivs_color(IVS_COLOR_NORMAL), A_NORMAL);
	screen_close();

	/* NO_COLOR set but empty: colours stay on (no-color.org) */
	setenv("NO_COLOR", "", 1);
	screen_open("xterm-256color");
	assert_int_equal(ivs_colors_start(NULL, &err), 0);
	assert_false(ivs_colors_mono());
	screen_close();
	unsetenv("NO_COLOR");
}

static void test_colourless_terminal(void **state)
{
	(void)state;
	screen_open("vt100");
	char *err = NULL;
	assert_int_equal(ivs_colors_start("dark", &err), 0);
	assert_true(ivs_colors_mono());
	assert_int_equal(ivs_color(IVS_COLOR_TITLE), A_REVERSE | A_BOLD);
	screen_close();
}

static void test_theme_choice_order(void **state)
{
	(void)state;
	put("xdg/ivs-tui/themes/mine.yaml", "name: mine\ncolors:\n  title: {fg: red, bg: green}\n");
	put("xdg/ivs-tui/themes/other.yaml", "name: other\ncolors:\n  title: {fg: blue, bg: white}\n");
	put("xdg/ivs-tui/config.yaml", "theme: mine\n");
	short fg, bg;
	char *err = NULL;

	/* config.yaml names the theme */
	screen_open("xterm-256color");
	assert_int_equal(ivs_colors_start(NULL, &err), 0);
	assert_null(err);
	assert_string_equal(ivs_colors_theme(), "mine");
	assert_int_equal(pair_content((short)(IVS_COLOR_TITLE + 1), &fg, &bg), OK);
	assert_int_equal(fg, COLOR_RED);
	assert_int_equal(bg, COLOR_GREEN);
	screen_close();

	/* --theme wins over config.yaml */
	screen_open("xterm-256color");
	assert_int_equal(ivs_colors_start("other", &err), 0);
	assert_null(err);
	assert_string_equal(ivs_colors_theme(), "other");
	assert_int_equal(pair_content((short)(IVS_COLOR_TITLE + 1), &fg, &bg), OK);
	assert_int_equal(fg, COLOR_BLUE);
	assert_int_equal(bg, COLOR_WHITE);
	screen_close();

	char *cfg = ivs_xasprintf("%s/xdg/ivs-tui/config.yaml", tmp);
	assert_int_equal(remove(cfg), 0);
	free(cfg);
}

static void test_broken_theme_falls_back(void **state)
{
	(void)state;
	put("xdg/ivs-tui/themes/broken.yaml", "colors:\n  title: {fg: blu}\n  error: {bg: 999}\n");
	screen_open("xterm-256color");
	char *err = NULL;
	assert_int_equal(ivs_colors_start("broken", &err), -1);
	assert_non_null(err);
	/* HOME is tmp: the path is written from "~" */
	const char *want = "~/xdg/ivs-tui/themes/broken.yaml:2:15: \"blu\" is not a colour; did you "
	                   "mean \"blue\"? (and 1 more); using the default theme";
	assert_string_equal(err, want);
	free(err);
	assert_string_equal(ivs_colors_theme(), "default");
	short fg, bg;
	assert_int_equal(pair_content((short)(IVS_COLOR_TITLE + 1), &fg, &bg), OK);
	assert_int_equal(fg, COLOR_BLACK);
	assert_int_equal(bg, COLOR_CYAN);
	screen_close();

	/* a theme that does not exist */
	screen_open("xterm-256color");
	err = NULL;
	assert_int_equal(ivs_colors_start("nosuch", &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "theme \"nosuch\" not found"));
	assert_non_null(strstr(err, "using the default theme"));
	free(err);
	assert_string_equal(ivs_colors_theme(), "default");
	screen_close();

	/* "monochrome" is built in: no file needed (none in this test's
	 * folders), no error, attributes only, pairs of default colours */
	screen_open("xterm-256color");
	err = NULL;
	assert_int_equal(ivs_colors_start("monochrome", &err), 0);
	assert_null(err);
	assert_string_equal(ivs_colors_theme(), "monochrome");
	/* default on default needs no colour pair: attributes only */
	assert_int_equal(ivs_color(IVS_COLOR_SELECTED), A_REVERSE);
	assert_int_equal(ivs_color(IVS_COLOR_ERROR), A_BOLD | A_UNDERLINE);
	assert_int_equal(ivs_color(IVS_COLOR_NORMAL), A_NORMAL);
	screen_close();

	/* a warning only: the theme is used and the message says why */
	put("xdg/ivs-tui/themes/warn.yaml", "colors:\n  titel: {fg: red}\n");
	screen_open("xterm-256color");
	err = NULL;
	assert_int_equal(ivs_colors_start("warn", &err), 0);
	assert_non_null(err);
	assert_non_null(strstr(err, "warn.yaml:2:3: warning: unknown colour role \"titel\""));
	free(err);
	assert_string_equal(ivs_colors_theme(), "warn");
	screen_close();
}

static void test_8_colour_terminal_fits_colours(void **state)
{
	(void)state;
	put("xdg/ivs-tui/themes/wide.yaml",
	    "colors:\n  title: {fg: bright-red, bg: 21}\n  ok: {fg: 250, bg: 232}\n");
	screen_open("xterm");   /* 8 colours */
	char *err = NULL;
	assert_int_equal(ivs_colors_start("wide", &err), 0);
	assert_null(err);
	assert_false(ivs_colors_mono());
	short fg, bg;
	assert_int_equal(pair_content((short)(IVS_COLOR_TITLE + 1), &fg, &bg), OK);
	assert_int_equal(fg, COLOR_RED);
	assert_int_equal(bg, COLOR_BLUE);   /* 21 = rgb(0,0,5) */
	assert_true(ivs_color(IVS_COLOR_TITLE) & A_BOLD);   /* bright -> bold */
	assert_int_equal(pair_content((short)(IVS_COLOR_OK + 1), &fg, &bg), OK);
	assert_int_equal(fg, COLOR_WHITE);
	assert_int_equal(bg, COLOR_BLACK);
	screen_close();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_theme_colours),
		cmocka_unit_test(test_no_color_is_monochrome),
		cmocka_unit_test(test_colourless_terminal),
		cmocka_unit_test(test_theme_choice_order),
		cmocka_unit_test(test_broken_theme_falls_back),
		cmocka_unit_test(test_8_colour_terminal_fits_colours),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
