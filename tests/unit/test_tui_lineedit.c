/* test_tui_lineedit.c: the one-line editor without a terminal. */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

/* A paste goes in as text: line breaks become spaces, controls go, a
 * trailing line break is dropped; nothing of it is a key. */
static void test_paste(void **state)
{
	(void)state;
	struct tui_le *le = tui_le_new("ab");
	tui_le_set_cursor(le, 1);
	const char p[] = "x\ty\r\nq\x1b[A\n";
	assert_int_equal(tui_le_paste(le, p, strlen(p)), TUI_LE_CHANGED);
	assert_string_equal(tui_le_text(le), "ax y q[Ab");
	assert_int_equal(tui_le_cursor(le), 8);
	assert_int_equal(tui_le_bytes(le), 9);
	assert_int_equal(tui_le_paste(le, "\n", 1), TUI_LE_MOVED);
	assert_string_equal(tui_le_text(le), "ax y q[Ab");
	tui_le_free(le);
}

/* The length limit: typing past it is refused, a paste is cut at it (in
 * UTF-8 bytes, never inside a character); deleting makes room again. */
static void test_limit(void **state)
{
	(void)state;
	struct tui_le *le = tui_le_new("");
	tui_le_set_max(le, 6);
	type(le, "abcde");
	assert_int_equal(tui_le_key(le, 0xe9), TUI_LE_FULL);   /* 2 bytes: no room */
	assert_string_equal(tui_le_text(le), "abcde");
	assert_int_equal(tui_le_key(le, 'f'), TUI_LE_CHANGED);
	assert_int_equal(tui_le_key(le, 'g'), TUI_LE_FULL);
	assert_string_equal(tui_le_text(le), "abcdef");
	tui_le_key(le, TUI_CTRL('u'));
	assert_int_equal(tui_le_bytes(le), 0);
	const char p[] = "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9";   /* 4 x 2 bytes */
	assert_int_equal(tui_le_paste(le, p, strlen(p)), TUI_LE_FULL);
	assert_string_equal(tui_le_text(le), "\xc3\xa9\xc3\xa9\xc3\xa9");
	tui_le_free(le);
	/* The default is the loader's limit on one value. */
	le = tui_le_new("");
	char *big = malloc(TUI_LE_MAX_BYTES + 10);
	assert_non_null(big);
	memset(big, 'x', TUI_LE_MAX_BYTES + 10);
	assert_int_equal(tui_le_paste(le, big, TUI_LE_MAX_BYTES + 10), TUI_LE_FULL);
	assert_int_equal(tui_le_bytes(le), TUI_LE_MAX_BYTES);
	assert_int_equal(strlen(tui_le_text(le)), TUI_LE_MAX_BYTES);
	assert_int_equal(tui_le_key(le, 'y'), TUI_LE_FULL);
	free(big);
	tui_le_free(le);
}

/* A proposed default: typing replaces it, moving keeps it. */
static void test_select_all(void **state)
{
	(void)state;
	struct tui_le *le = tui_le_new("Channel");
	tui_le_select_all(le);
	assert_true(tui_le_selected(le));
	type(le, "Stage");
	assert_false(tui_le_selected(le));
	assert_string_equal(tui_le_text(le), "Stage");
	tui_le_set(le, "Channel");
	tui_le_select_all(le);
	assert_int_equal(tui_le_key(le, TUI_FN(KEY_LEFT)), TUI_LE_MOVED);
	assert_false(tui_le_selected(le));
	type(le, "2");
	assert_string_equal(tui_le_text(le), "Channe2l");
	tui_le_set(le, "Channel");
	tui_le_select_all(le);
	assert_int_equal(tui_le_key(le, TUI_FN(KEY_BACKSPACE)), TUI_LE_CHANGED);
	assert_string_equal(tui_le_text(le), "");
	tui_le_set(le, "Channel");
	tui_le_select_all(le);
	assert_int_equal(tui_le_paste(le, "Left\n", 5), TUI_LE_CHANGED);
	assert_string_equal(tui_le_text(le), "Left");
	tui_le_free(le);
}

/* 100,000 characters pasted, then the view computed at the end and at the
 * start: linear (was quadratic, 75 s). A generous bound for slow CI. */
static void test_paste_linear(void **state)
{
	(void)state;
	size_t n = 100000;
	char *big = malloc(n);
	assert_non_null(big);
	memset(big, 'a', n);
	struct tui_le *le = tui_le_new("");
	tui_le_set_max(le, SIZE_MAX);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(tui_le_paste(le, big, n), TUI_LE_CHANGED);
	size_t start, cnt;
	int cc;
	tui_le_view(le, 40, &start, &cnt, &cc);
	assert_int_equal(start, n - 39);
	assert_int_equal(cc, 39);
	for (int i = 0; i < 1000; i++)
		tui_le_key(le, 'b');
	tui_le_view(le, 40, &start, &cnt, &cc);
	assert_int_equal(strlen(tui_le_text(le)), n + 1000);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
	assert_true(s < 2.0);
	free(big);
	tui_le_free(le);
}

/* The key table the help is generated from names every operation. */
static void test_bindings(void **state)
{
	(void)state;
	bool seen[TUI_LE_OP_COUNT] = {0};
	int key;
	enum tui_le_op op;
	size_t i = 0;
	for (; tui_le_binding(i, &key, &op); i++) {
		assert_true(op > TUI_LE_OP_NONE && op < TUI_LE_OP_COUNT);
		assert_true(*tui_le_op_help(op));
		seen[op] = true;
	}
	assert_true(i >= TUI_LE_OP_COUNT - 1);
	for (int k = 1; k < TUI_LE_OP_COUNT; k++)
		assert_true(seen[k]);
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
		cmocka_unit_test(test_paste),
		cmocka_unit_test(test_limit),
		cmocka_unit_test(test_select_all),
		cmocka_unit_test(test_paste_linear),
		cmocka_unit_test(test_bindings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
