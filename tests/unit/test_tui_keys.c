/* test_tui_keys.c: key names, bindings as data, lookup with fallback, the
 * generated help and key bar. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include "testutil.h"
#include "ivs/tui_keys.h"

static void test_parse_names(void **state)
{
	(void)state;
	char buf[24];
	assert_int_equal(tui_key_parse("q"), 'q');
	assert_int_equal(tui_key_parse("<Enter>"), TUI_ENTER);
	assert_int_equal(tui_key_parse("<C-s>"), 19);
	assert_int_equal(tui_key_parse("<C-S>"), 19);
	assert_int_equal(tui_key_parse("<F5>"), TUI_FN(KEY_F(5)));
	assert_int_equal(tui_key_parse("<S-Tab>"), TUI_FN(KEY_BTAB));
	assert_int_equal(tui_key_parse("<Space>"), ' ');
	assert_int_equal(tui_key_parse("<Lt>"), '<');
	assert_int_equal(tui_key_parse("\xc3\xa9"), 0xe9);
	assert_int_equal(tui_key_parse("<Nope>"), -1);
	assert_int_equal(tui_key_parse("ab"), -1);
	assert_int_equal(tui_key_parse(""), -1);
	assert_string_equal(tui_key_name(TUI_FN(KEY_F(10)), buf, sizeof buf), "F10");
	assert_string_equal(tui_key_name(19, buf, sizeof buf), "^S");
	assert_string_equal(tui_key_name(TUI_ENTER, buf, sizeof buf), "Enter");
	assert_string_equal(tui_key_name('?', buf, sizeof buf), "?");
}

static void test_lookup(void **state)
{
	(void)state;
	struct tui_keymap *km = tui_keymap_new();
	/* The usual keys. */
	assert_int_equal(tui_keymap_lookup(km, TUI_CTX_TREE, TUI_CTRL('s')), TUI_ACT_SAVE);
	assert_int_equal(tui_keymap_lookup(km, TUI_CTX_FORM, TUI_FN(KEY_F(2))), TUI_ACT_SAVE);
	assert_int_equal(tui_keymap_lookup(km, TUI_CTX_TREE, TUI_FN(KEY_F(1))), TUI_ACT_HELP);
	assert_int_equal(tui_keymap_lookup(km, TUI_CTX_TREE, '?'), TUI_ACT_HELP);
	assert_int_equal(tui_keymap_lookup(km, TUI_CTX_TREE, 'q'), TUI_ACT_QUIT);
	assert_int_equal(tui_keymap_lookup(km, TUI_CTX_FORM, TUI_FN(KEY_F(10))), TUI_ACT_QUIT);
	assert_int_equal(tui_keymap_lookup(km, TUI_CTX_FORM, TUI_FN(KEY_F(5))), TUI_ACT_EXPORT);
	assert_int_equal(tui_keymap_lookup(km, TUI_CTX_FORM, TUI_CTRL('z')), TUI_ACT_UNDO);
	assert_int_equal(tui_keymap_lookup(km, TUI_CTX_FORM, TUI_CTRL('y')), TUI_ACT_REDO);
	assert_int_equal(tui_keymap_lookup(km, TUI_CTX_FORM, ' '), TUI_ACT_TOGGLE);
	assert_int_equal(tui_keymap_lookup(km, TUI_CTX_TREE, 'a'), TUI_ACT_ADD);
	/* q quits only when not typing text. */
	assert_int_equal(tui_keymap_lookup(km, TUI_CTX_EDIT, 'q'), TUI_ACT_NONE);
	assert_int_equal(tui_keymap_lookup(km, TUI_CTX_PROMPT, '?'), TUI_ACT_NONE);
	assert_int_equal(tui_keymap_lookup(km, TUI_CTX_EDIT, TUI_FN(KEY_F(10))), TUI_ACT_QUIT);
	assert_int_equal(tui_keymap_lookup(km, TUI_CTX_EDIT, TUI_CTRL('s')), TUI_ACT_SAVE);
	assert_int_equal(tui_keymap_lookup(km, TUI_CTX_EDIT, TUI_ENTER), TUI_ACT_COMMIT);
	/* Moving keys belong to the line editor while typing. */
	assert_int_equal(tui_keymap_lookup(km, TUI_CTX_EDIT, TUI_FN(KEY_HOME)), TUI_ACT_NONE);
	/* The wizard's own keys. */
	assert_int_equal(tui_keymap_lookup(km, TUI_CTX_WIZARD, TUI_CTRL('n')), TUI_ACT_NEXT_STEP);
	tui_keymap_free(km);
}

static void test_bind_lines(void **state)
{
	(void)state;
	struct tui_keymap *km = tui_keymap_new();
	char *err = NULL;
	size_t n = tui_keymap_count(km);
	assert_int_equal(tui_keymap_parse_line(km, "bind tree x delete", &err), 0);
	assert_int_equal(tui_keymap_count(km), n + 1);
	assert_int_equal(tui_keymap_lookup(km, TUI_CTX_TREE, 'x'), TUI_ACT_DELETE);
	/* Rebinding replaces. */
	assert_int_equal(tui_keymap_parse_line(km, "bind tree x rename", &err), 0);
	assert_int_equal(tui_keymap_count(km), n + 1);
	assert_int_equal(tui_keymap_lookup(km, TUI_CTX_TREE, 'x'), TUI_ACT_RENAME);
	assert_int_equal(tui_keymap_parse_line(km, "# comment", &err), 0);
	assert_int_equal(tui_keymap_parse_line(km, "", &err), 0);
	assert_int_equal(tui_keymap_parse_line(km, "bind tree x fly", &err), -1);
	assert_string_equal(err, "unknown action: fly");
	free(err);
	assert_int_equal(tui_keymap_parse_line(km, "bind nowhere x save", &err), -1);
	assert_string_equal(err, "unknown context: nowhere");
	free(err);
	assert_int_equal(tui_keymap_parse_line(km, "bind tree <Bogus> save", &err), -1);
	assert_string_equal(err, "unknown key: <Bogus>");
	free(err);
	tui_keymap_free(km);
}

static void test_help_lists_every_binding(void **state)
{
	(void)state;
	struct tui_keymap *km = tui_keymap_new();
	struct ivs_buf b;
	ivs_buf_init(&b);
	tui_keymap_help(km, &b);
	/* Every action that has a key shows, with its help text. */
	for (int a = 1; a < TUI_ACT_COUNT; a++) {
		bool bound = false;
		for (int c = 0; c < TUI_CTX_COUNT; c++)
			if (tui_keymap_key_for(km, (enum tui_context)c, (enum tui_action)a) >= 0)
				bound = true;
		assert_true(bound);
		assert_non_null(strstr(b.data, tui_action_help((enum tui_action)a)));
	}
	assert_non_null(strstr(b.data, "F2, ^S"));
	/* A new binding shows in the help without other changes. */
	tui_keymap_parse_line(km, "bind form Z undo", NULL);
	ivs_buf_reset(&b);
	tui_keymap_help(km, &b);
	assert_non_null(strstr(b.data, "\n  Z                undo "));
	ivs_buf_reset(&b);
	tui_keymap_bar(km, TUI_CTX_TREE, &b);
	assert_true(strncmp(b.data, "F1 Help  Enter Edit  a Add", 26) == 0);
	ivs_buf_free(&b);
	tui_keymap_free(km);
}

static void test_user_file(void **state)
{
	(void)state;
	char path[] = "/tmp/ivs-keys-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs("# my keys\nbind tree x delete\nbind tree y nothing\nbind form <C-t> toggle\n", f);
	fclose(f);
	struct tui_keymap *km = tui_keymap_new();
	char *err = tui_keymap_load(km, path);
	/* The bad line is reported with its number; the others apply. */
	assert_non_null(err);
	assert_non_null(strstr(err, ":3: unknown action: nothing"));
	free(err);
	assert_int_equal(tui_keymap_lookup(km, TUI_CTX_TREE, 'x'), TUI_ACT_DELETE);
	assert_int_equal(tui_keymap_lookup(km, TUI_CTX_FORM, TUI_CTRL('t')), TUI_ACT_TOGGLE);
	assert_null(tui_keymap_load(km, "/nonexistent/keys"));
	tui_keymap_free(km);
	unlink(path);
	setenv("XDG_CONFIG_HOME", "/cfg", 1);
	char *p = tui_keymap_user_path();
	assert_string_equal(p, "/cfg/ivs-tui/keys");
	free(p);
	setenv("XDG_CONFIG_HOME", "relative", 1);
	setenv("HOME", "/home/u", 1);
	p = tui_keymap_user_path();
	assert_string_equal(p, "/home/u/.config/ivs-tui/keys");
	free(p);
}

/* Issue 11's keys: / jumps to a field, the multi-line editor's bar says
 * F2 for OK (not Enter, which adds a line), typing there never runs a
 * command, the wizard can say what a adds, the paste is its own key. */
static void test_frictions(void **state)
{
	(void)state;
	struct tui_keymap *km = tui_keymap_new();
	assert_int_equal(tui_keymap_lookup(km, TUI_CTX_FORM, '/'), TUI_ACT_JUMP);
	assert_int_equal(tui_keymap_lookup(km, TUI_CTX_TREE, '/'), TUI_ACT_JUMP);
	assert_int_equal(tui_keymap_lookup(km, TUI_CTX_EDIT, '/'), TUI_ACT_NONE);
	struct ivs_buf b;
	ivs_buf_init(&b);
	tui_keymap_bar(km, TUI_CTX_TEXT, &b);
	assert_string_equal(b.data, "F2 OK  Esc Back");
	assert_int_equal(tui_keymap_lookup(km, TUI_CTX_TEXT, 'q'), TUI_ACT_NONE);
	assert_int_equal(tui_keymap_lookup(km, TUI_CTX_TEXT, TUI_ENTER), TUI_ACT_NONE);
	assert_int_equal(tui_keymap_lookup(km, TUI_CTX_TEXT, TUI_CTRL('d')), TUI_ACT_COMMIT);
	ivs_buf_reset(&b);
	tui_keymap_set_bar_label(km, TUI_ACT_ADD, "Add channel");
	tui_keymap_bar(km, TUI_CTX_WIZARD, &b);
	assert_non_null(strstr(b.data, "a Add channel"));
	tui_keymap_set_bar_label(km, TUI_ACT_ADD, NULL);
	ivs_buf_reset(&b);
	tui_keymap_bar(km, TUI_CTX_WIZARD, &b);
	assert_non_null(strstr(b.data, "a Add  "));
	/* The paste key binds to nothing anywhere: it never runs a command. */
	for (int c = 0; c < TUI_CTX_COUNT; c++)
		assert_int_equal(tui_keymap_lookup(km, (enum tui_context)c, TUI_KEY_PASTE), TUI_ACT_NONE);
	tui_paste_set("a\nb", 3);
	size_t n;
	assert_string_equal(tui_paste_text(&n), "a\nb");
	assert_int_equal(n, 3);
	tui_paste_clear();
	assert_string_equal(tui_paste_text(&n), "");
	ivs_buf_free(&b);
	tui_keymap_free(km);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_names),
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_bind_lines),
		cmocka_unit_test(test_help_lists_every_binding),
		cmocka_unit_test(test_user_file),
		cmocka_unit_test(test_frictions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
