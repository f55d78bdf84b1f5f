/* test_tui_app.c: the app without a terminal (tui_app.h, the benchmark's
 * entry too): typing is stored per keystroke and is one undo step, Esc
 * gives the old value back, an id commits on Enter and references follow,
 * quitting with unsaved changes asks. */
#include <locale.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>
#include <dirent.h>
#include <string.h>

#include "testutil.h"
#include "ivs/tui_app.h"
#include "ivs/tui_keys.h"
#include "ivs/tui_lineedit.h"
#include "tui/files.h"
#include "ivs/validate.h"
#include "ivs/yamlio.h"

static struct ivs_project *project(void)
{
	struct ivs_project *p = ivs_project_new();
	ivs_project_set_history(p, false);
	ivs_edit_set_str(p, &ivs_project_stack(p)->r, IVS_STACK_NAME, "s");
	ivs_edit_add(p, IVS_KIND_BUCKET, NULL, "B", SIZE_MAX);
	struct ivs_res *c = ivs_edit_add(p, IVS_KIND_CHANNEL, NULL, "C", SIZE_MAX);
	struct ivs_res *r = ivs_edit_add(p, IVS_KIND_RECORDING, NULL, "R", SIZE_MAX);
	ivs_edit_set_str(p, r, IVS_RECORDING_BUCKET, "B");
	ivs_edit_set_str(p, c, IVS_CHANNEL_RECORDING, "R");
	ivs_project_set_history(p, true);
	ivs_project_mark_saved(p);
	return p;
}

static void keys(struct tui_app *a, const int *k)
{
	for (; *k; k++) {
		tui_app_key(a, *k);
		tui_app_draw(a);
	}
}

static void type(struct tui_app *a, const char *s)
{
	for (; *s; s++) {
		tui_app_key(a, (unsigned char)*s);
		tui_app_draw(a);
	}
}

/* Tree rows: stack, Buckets, B, Channels, C, ... */
static const int to_channel_name[] = {TUI_FN(KEY_DOWN), TUI_FN(KEY_DOWN), TUI_FN(KEY_DOWN),
                                      TUI_FN(KEY_DOWN), TUI_ENTER, TUI_FN(KEY_DOWN), TUI_ENTER, 0};

static void test_typing_is_one_undo_step(void **state)
{
	(void)state;
	struct tui_app *a = tui_app_new(project(), NULL, 80, 24, false);
	assert_non_null(a);
	struct ivs_project *p = tui_app_project(a);
	struct ivs_res *c = ivs_project_find(p, "C");
	keys(a, to_channel_name);
	type(a, "my chan");
	/* Stored on each keystroke, and checked. */
	assert_string_equal(((struct ivs_channel *)(void *)c)->channel_name, "my chan");
	assert_true(c->diags.errors > 0);
	tui_app_key(a, TUI_FN(KEY_BACKSPACE));
	tui_app_key(a, TUI_FN(KEY_BACKSPACE));
	tui_app_key(a, TUI_FN(KEY_BACKSPACE));
	tui_app_key(a, TUI_FN(KEY_BACKSPACE));
	tui_app_key(a, TUI_FN(KEY_BACKSPACE));
	type(a, "-a");
	assert_string_equal(((struct ivs_channel *)(void *)c)->channel_name, "my-a");
	assert_int_equal(c->diags.errors, 0);
	tui_app_key(a, TUI_ENTER);
	assert_true(ivs_project_modified(p));
	assert_string_equal(ivs_undo_label(p), "set channel_name");
	/* One undo gives the field back as it was. */
	tui_app_key(a, TUI_CTRL('z'));
	assert_false(ivs_res_is_set(c, IVS_CHANNEL_NAME));
	assert_false(ivs_can_undo(p));
	tui_app_key(a, TUI_CTRL('y'));
	assert_string_equal(((struct ivs_channel *)(void *)c)->channel_name, "my-a");
	/* A second edit of the same field is a second step. */
	tui_app_key(a, TUI_ENTER);
	type(a, "b");
	tui_app_key(a, TUI_ENTER);
	tui_app_key(a, TUI_CTRL('z'));
	assert_string_equal(((struct ivs_channel *)(void *)c)->channel_name, "my-a");
	tui_app_free(a);
}

static void test_escape_restores(void **state)
{
	(void)state;
	struct tui_app *a = tui_app_new(project(), NULL, 80, 24, false);
	struct ivs_project *p = tui_app_project(a);
	struct ivs_res *c = ivs_project_find(p, "C");
	keys(a, to_channel_name);
	type(a, "xyz");
	assert_true(ivs_res_is_set(c, IVS_CHANNEL_NAME));
	tui_app_key(a, TUI_ESC);
	assert_false(ivs_res_is_set(c, IVS_CHANNEL_NAME));
	/* Nothing changed: quitting does not ask. */
	assert_false(ivs_project_modified(p));
	tui_app_free(a);
}

static void test_rename_on_enter(void **state)
{
	(void)state;
	struct tui_app *a = tui_app_new(project(), NULL, 80, 24, false);
	struct ivs_project *p = tui_app_project(a);
	struct ivs_res *r = ivs_project_find(p, "R");
	struct ivs_res *c = ivs_project_find(p, "C");
	/* Tree: stack, Buckets, B, Channels, C, Playback keys, Recordings, R */
	for (int i = 0; i < 7; i++)
		tui_app_key(a, TUI_FN(KEY_DOWN));
	tui_app_key(a, 'r');   /* rename: edits the id */
	type(a, "2");
	/* Not renamed while typing... */
	assert_string_equal(r->id, "R");
	tui_app_key(a, TUI_ENTER);
	/* ...but on Enter, and the channel's reference follows. */
	assert_string_equal(r->id, "R2");
	assert_string_equal(((struct ivs_channel *)(void *)c)->recording_configuration, "R2");
	assert_int_equal(ivs_validate_errors(p), 0);
	tui_app_free(a);
}

/* Issue 15: a 100,000-character paste is cut at the loader's 64 KiB
 * value limit (with a message), so the saved project loads again; a
 * multi-line paste is text, its lines never keys. */
static void test_paste_limit(void **state)
{
	(void)state;
	struct tui_app *a = tui_app_new(project(), NULL, 80, 24, false);
	struct ivs_project *p = tui_app_project(a);
	struct ivs_res *c = ivs_project_find(p, "C");
	keys(a, to_channel_name);
	size_t n = 100000;
	char *big = malloc(n);
	assert_non_null(big);
	memset(big, 'a', n);
	tui_paste_set(big, n);
	free(big);
	tui_app_key(a, TUI_KEY_PASTE);
	tui_app_draw(a);
	tui_app_key(a, TUI_ENTER);
	const char *name = ((struct ivs_channel *)(void *)c)->channel_name;
	assert_non_null(name);
	assert_int_equal(strlen(name), TUI_LE_MAX_BYTES);
	assert_string_equal(ivs_undo_label(p), "set channel_name");
	struct ivs_buf b;
	ivs_buf_init(&b);
	ivs_save_buffer(p, &b);
	struct ivs_diags d;
	ivs_diags_init(&d);
	struct ivs_project *back = ivs_load_buffer("p.yaml", b.data, b.len, &d);
	assert_non_null(back);
	ivs_project_free(back);
	ivs_diags_free(&d);
	ivs_buf_free(&b);
	/* A multi-line paste on the field: text; q on its second line does
	 * not quit, d does not delete. */
	tui_app_key(a, TUI_CTRL('z'));
	tui_paste_set("x\nq\nd\n", 6);
	assert_true(tui_app_key(a, TUI_KEY_PASTE));
	assert_true(tui_app_key(a, TUI_ENTER));
	assert_string_equal(((struct ivs_channel *)(void *)c)->channel_name, "x q d");
	assert_non_null(ivs_project_find(p, "C"));
	tui_app_free(a);
}

/* Keys that arrive faster than they are drawn (a paste the terminal did
 * not bracket): the line editor takes them, the field is stored and
 * checked once they are in (the draw), not once per key; Enter stores
 * what is pending first. */
static void test_burst_is_stored_once(void **state)
{
	(void)state;
	struct tui_app *a = tui_app_new(project(), NULL, 80, 24, false);
	struct ivs_project *p = tui_app_project(a);
	struct ivs_res *c = ivs_project_find(p, "C");
	keys(a, to_channel_name);
	unget_wch(L'w');   /* a key waiting to be read */
	assert_true(tui_input_pending());
	unsigned long gen = ivs_project_generation(p);
	tui_app_key(a, 'a');
	tui_app_key(a, 'b');
	assert_false(ivs_res_is_set(c, IVS_CHANNEL_NAME));   /* not yet */
	assert_int_equal(ivs_project_generation(p), gen);
	tui_app_draw(a);   /* the burst is in: stored once */
	assert_string_equal(((struct ivs_channel *)(void *)c)->channel_name, "ab");
	tui_app_key(a, 'c');   /* still pending: deferred */
	assert_string_equal(((struct ivs_channel *)(void *)c)->channel_name, "ab");
	tui_app_key(a, TUI_ENTER);   /* stores what is pending, then commits */
	assert_string_equal(((struct ivs_channel *)(void *)c)->channel_name, "abc");
	assert_string_equal(ivs_undo_label(p), "set channel_name");
	wint_t ch;
	nodelay(stdscr, TRUE);
	assert_int_equal(get_wch(&ch), OK);   /* the waiting key, read */
	assert_int_equal(ch, L'w');
	nodelay(stdscr, FALSE);
	assert_false(tui_input_pending());
	/* One undo step for the whole burst. */
	tui_app_key(a, TUI_CTRL('z'));
	assert_false(ivs_res_is_set(c, IVS_CHANNEL_NAME));
	tui_app_free(a);
}

static void test_quit_asks(void **state)
{
	(void)state;
	struct tui_app *a = tui_app_new(project(), NULL, 80, 24, false);
	assert_false(!tui_app_key(a, TUI_FN(KEY_DOWN)));
	tui_app_key(a, 'a');   /* adds a bucket: the project is modified */
	tui_app_key(a, TUI_ESC);
	assert_true(tui_app_key(a, 'q'));    /* asks */
	assert_true(tui_app_key(a, 'c'));    /* cancel: still running */
	assert_true(tui_app_key(a, 'q'));
	assert_false(tui_app_key(a, 'd'));   /* discard: quits */
	tui_app_free(a);
	/* Unmodified: q quits at once. */
	a = tui_app_new(project(), NULL, 80, 24, false);
	assert_false(tui_app_key(a, 'q'));
	tui_app_free(a);
}

static void test_dump_and_too_small(void **state)
{
	(void)state;
	struct tui_app *a = tui_app_new(project(), "x.yaml", 80, 24, false);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	tui_app_draw(a);
	tui_app_dump(a, f);
	fclose(f);
	assert_non_null(strstr(buf, "ivs-tui  x.yaml"));
	assert_non_null(strstr(buf, "Channels (1)"));
	free(buf);
	tui_app_free(a);
	a = tui_app_new(project(), NULL, 40, 10, false);
	buf = NULL;
	f = open_memstream(&buf, &len);
	tui_app_draw(a);
	tui_app_dump(a, f);
	fclose(f);
	assert_non_null(strstr(buf, "Terminal too small"));
	free(buf);
	tui_app_free(a);
}

/* Random keys (fixed seed) over every screen: no crash, no leak, the
 * project stays consistent. File actions are left out (they would write
 * into the working folder). */
static void test_random_keys(void **state)
{
	(void)state;
	static const int pool[] = {
		TUI_FN(KEY_UP), TUI_FN(KEY_DOWN), TUI_FN(KEY_LEFT), TUI_FN(KEY_RIGHT), TUI_ENTER,
		TUI_ENTER, TUI_ESC, '\t', TUI_FN(KEY_BTAB), TUI_FN(KEY_PPAGE), TUI_FN(KEY_NPAGE),
		TUI_FN(KEY_HOME), TUI_FN(KEY_END), TUI_FN(KEY_DC), TUI_FN(KEY_BACKSPACE), ' ', 'a', 's',
		'd', 'y', 'c', 'r', 'K', 'J', 'u', 'x', '1', '-', '!', 0xe9, TUI_CTRL('z'),
		TUI_CTRL('y'), TUI_CTRL('u'), TUI_CTRL('k'), TUI_CTRL('n'), TUI_CTRL('p'),
		TUI_FN(KEY_F(1)), TUI_FN(KEY_F(6)), TUI_FN(KEY_F(7)), TUI_FN(KEY_F(8)), '?', 'p', '!',
		TUI_FN(KEY_RESIZE), TUI_FN(KEY_MOUSE), 'q',
	};
	/* Random keys reach the save prompts too: run in a folder of our own
	 * so that whatever they save never lands in the working tree. */
	char here[4096], tmpl[] = "/tmp/ivs-random-keys-XXXXXX";
	assert_non_null(getcwd(here, sizeof here));
	assert_non_null(mkdtemp(tmpl));
	assert_int_equal(chdir(tmpl), 0);
	for (int round = 0; round < 2; round++) {
		struct tui_app *a = tui_app_new(project(), NULL, 80, 24, round == 1);
		unsigned seed = 12345u + (unsigned)round;
		for (int i = 0; i < 6000; i++) {
			seed = seed * 1103515245u + 12345u;
			int k = pool[(seed >> 16) % (sizeof pool / sizeof pool[0])];
			if (k == 'q')
				k = TUI_ESC;   /* quitting ends the run */
			tui_app_key(a, k);
			if (i % 7 == 0)
				tui_app_draw(a);
		}
		struct ivs_project *p = tui_app_project(a);
		/* The keys did edit (the run is not stuck in a dialog). */
		assert_true(ivs_project_generation(p) > 100);
		/* The incremental validator agrees with a full run. */
		size_t e = ivs_validate_errors(p), w = ivs_validate_warnings(p);
		ivs_validate_all(p);
		assert_int_equal(e, ivs_validate_errors(p));
		assert_int_equal(w, ivs_validate_warnings(p));
		tui_app_free(a);
	}
	DIR *dir = opendir(".");
	assert_non_null(dir);
	for (struct dirent *e; (e = readdir(dir));)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			unlink(e->d_name);
	closedir(dir);
	assert_int_equal(chdir(here), 0);
	assert_int_equal(rmdir(tmpl), 0);
}

static void touch(const char *path)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
}

static void test_complete_path(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/ivs-complete-XXXXXX";
	char *d = mkdtemp(tmpl);
	assert_non_null(d);
	char *p1 = ivs_xasprintf("%s/live-events.yaml", d);
	char *p2 = ivs_xasprintf("%s/live-other.yaml", d);
	char *sub = ivs_xasprintf("%s/projects", d);
	touch(p1);
	touch(p2);
	assert_int_equal(mkdir(sub, 0700), 0);
	char *pre = ivs_xasprintf("%s/li", d), *c = tui_complete_path(pre);
	char *want = ivs_xasprintf("%s/live-", d);
	assert_string_equal(c, want);   /* the common part of two names */
	free(c);
	free(pre);
	free(want);
	pre = ivs_xasprintf("%s/live-e", d);
	c = tui_complete_path(pre);
	assert_string_equal(c, p1);
	free(c);
	free(pre);
	pre = ivs_xasprintf("%s/pro", d);
	c = tui_complete_path(pre);
	want = ivs_xasprintf("%s/projects/", d);   /* a folder gets its slash */
	assert_string_equal(c, want);
	free(c);
	free(pre);
	free(want);
	pre = ivs_xasprintf("%s/zzz", d);
	assert_null(tui_complete_path(pre));
	free(pre);
	remove(p1);
	remove(p2);
	rmdir(sub);
	rmdir(d);
	free(p1);
	free(p2);
	free(sub);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	setenv("TERM", "xterm", 0);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_typing_is_one_undo_step),
		cmocka_unit_test(test_escape_restores),
		cmocka_unit_test(test_rename_on_enter),
		cmocka_unit_test(test_paste_limit),
		cmocka_unit_test(test_burst_is_stored_once),
		cmocka_unit_test(test_quit_asks),
		cmocka_unit_test(test_dump_and_too_small),
		cmocka_unit_test(test_random_keys),
		cmocka_unit_test(test_complete_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
