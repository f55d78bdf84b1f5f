/* test_tui_lineedit.c: the one-line editor without a terminal. */
#include <locale.h>
#include <string.h>

#include "testutil.h"
#include "ivs/tui_keys.h"
#include "ivs/tui_lineedit.h"

static void type(struct tui_le *le, const char *s)
{
	for (; *s; s++)
		tui_le_key(le, (unsigned char)*s);
}

static void test_insert_and_move(void **state)
{
	(void)state;
	struct tui_le *le = tui_le_new("");
	type(le, "hello");
	assert_string_equal(tui_le_text(le), "hello");
	assert_int_equal(tui_le_cursor(le), 5);
	assert_int_equal(tui_le_key(le, TUI_FN(KEY_HOME)), TUI_LE_MOVED);
	assert_int_equal(tui_le_cursor(le), 0);
	assert_int_equal(tui_le_key(le, '>'), TUI_LE_CHANGED);
	assert_string_equal(tui_le_text(le), ">hello");
	tui_le_key(le, TUI_CTRL('e'));
	assert_int_equal(tui_le_cursor(le), 6);
	tui_le_key(le, TUI_FN(KEY_LEFT));
	tui_le_key(le, TUI_FN(KEY_LEFT));
	tui_le_key(le, '-');
	assert_string_equal(tui_le_text(le), ">hel-lo");
	tui_le_key(le, TUI_CTRL('a'));
	tui_le_key(le, TUI_FN(KEY_RIGHT));
	assert_int_equal(tui_le_cursor(le), 1);
	tui_le_free(le);
}

static void test_delete_keys(void **state)
{
	(void)state;
	struct tui_le *le = tui_le_new("my channel!");
	assert_int_equal(tui_le_key(le, TUI_FN(KEY_BACKSPACE)), TUI_LE_CHANGED);
	assert_string_equal(tui_le_text(le), "my channel");
	tui_le_set_cursor(le, 2);
	assert_int_equal(tui_le_key(le, TUI_FN(KEY_DC)), TUI_LE_CHANGED);
	assert_string_equal(tui_le_text(le), "mychannel");
	assert_int_equal(tui_le_key(le, TUI_CTRL('k')), TUI_LE_CHANGED);
	assert_string_equal(tui_le_text(le), "my");
	assert_int_equal(tui_le_key(le, TUI_CTRL('k')), TUI_LE_MOVED);
	tui_le_set(le, "one two three");
	tui_le_key(le, TUI_CTRL('w'));
	assert_string_equal(tui_le_text(le), "one two ");
	tui_le_set_cursor(le, 4);
	tui_le_key(le, TUI_CTRL('u'));
	assert_string_equal(tui_le_text(le), "two ");
	assert_int_equal(tui_le_cursor(le), 0);
	assert_int_equal(tui_le_key(le, TUI_FN(KEY_BACKSPACE)), TUI_LE_MOVED);
	tui_le_free(le);
}

static void test_not_editing_keys(void **state)
{
	(void)state;
	struct tui_le *le = tui_le_new("x");
	assert_int_equal(tui_le_key(le, TUI_ENTER), TUI_LE_IGNORED);
	assert_int_equal(tui_le_key(le, TUI_ESC), TUI_LE_IGNORED);
	assert_int_equal(tui_le_key(le, TUI_FN(KEY_F(2))), TUI_LE_IGNORED);
	assert_int_equal(tui_le_key(le, TUI_CTRL('s')), TUI_LE_IGNORED);
	assert_string_equal(tui_le_text(le), "x");
	tui_le_free(le);
}

static void test_utf8(void **state)
{
	(void)state;
	struct tui_le *le = tui_le_new("caf\xc3\xa9");
	assert_int_equal(tui_le_len(le), 4);
	tui_le_key(le, 0x65e5);   /* 日 */
	assert_string_equal(tui_le_text(le), "caf\xc3\xa9\xe6\x97\xa5");
	tui_le_key(le, TUI_FN(KEY_BACKSPACE));
	tui_le_key(le, TUI_FN(KEY_BACKSPACE));
	assert_string_equal(tui_le_text(le), "caf");
	/* Invalid bytes become U+FFFD, never lost silently. */
	tui_le_set(le, "a\xff");
	assert_string_equal(tui_le_text(le), "a\xef\xbf\xbd");
	tui_le_free(le);
}

static void test_scrolling(void **state)
{
	(void)state;
	struct tui_le *le = tui_le_new("abcdefghijklmnopqrstuvwxyz");
	size_t start, n;
	int cc;
	tui_le_view(le, 10, &start, &n, &cc);
	/* The cursor is at the end: the window shows the tail and a cell for it. */
	assert_int_equal(start, 17);
	assert_int_equal(n, 9);
	assert_int_equal(cc, 9);
	tui_le_key(le, TUI_FN(KEY_HOME));
	tui_le_view(le, 10, &start, &n, &cc);
	assert_int_equal(start, 0);
	assert_int_equal(n, 10);
	assert_int_equal(cc, 0);
	/* Wide characters take two columns. */
	tui_le_set(le, "\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5");
	tui_le_view(le, 4, &start, &n, &cc);
	assert_int_equal(start, 2);
	assert_int_equal(cc, 2);
	tui_le_free(le);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_insert_and_move),
		cmocka_unit_test(test_delete_keys),
		cmocka_unit_test(test_not_editing_keys),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_scrolling),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
