/* test_recover.c: the recovery file: where it goes (next to the project,
 * the state folder when that fails or there is no path), mode 0600,
 * contents that load back to the same project, find (newer than the
 * project only) and discard. */
#include "testutil.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ivs/fsutil.h"
#include "ivs/recover.h"
#include "ivs/util.h"
#include "ivs/yamlio.h"

static char tmp[64];

static int setup(void **state)
{
	(void)state;
	strcpy(tmp, "/tmp/ivs-recover-test-XXXXXX");
	if (!mkdtemp(tmp))
		return -1;
	char *s = ivs_xasprintf("%s/state", tmp);
	setenv("XDG_STATE_HOME", s, 1);
	setenv("HOME", tmp, 1);
	free(s);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char *cmd = ivs_xasprintf("chmod -R u+w '%s'; rm -rf '%s'", tmp, tmp);
	int rc = system(cmd);
	free(cmd);
	return rc == 0 ? 0 : -1;
}

static struct ivs_project *sample(void)
{
	struct ivs_project *p = ivs_project_new();
	struct ivs_res *c = ivs_edit_add(p, IVS_KIND_CHANNEL, NULL, "Live", SIZE_MAX);
	assert_non_null(c);
	assert_int_equal(ivs_edit_set_text(p, c, IVS_CHANNEL_TYPE, "BASIC", NULL), 0);
	assert_int_equal(ivs_edit_set_text(p, c, IVS_CHANNEL_NAME, "live-events", NULL), 0);
	struct ivs_res *b = ivs_edit_add(p, IVS_KIND_BUCKET, NULL, "Archive", SIZE_MAX);
	assert_non_null(b);
	return p;
}

static char *canonical(const struct ivs_project *p)
{
	struct ivs_buf b;
	ivs_buf_init(&b);
	ivs_save_buffer(p, &b);
	return ivs_buf_steal(&b);
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Sets the modification time of path to `sec` seconds since the epoch. */
static void set_mtime(const char *path, time_t sec)
{
	struct timespec ts[2] = {{sec, 0}, {sec, 0}};
	assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
}

static void test_paths(void **state)
{
	(void)state;
	char *p = ivs_recover_path("/some/dir/live-events.yaml");
	assert_string_equal(p, "/some/dir/.live-events.yaml.ivs-recover");
	free(p);
	p = ivs_recover_path("plain.yaml");
	assert_string_equal(p, "./.plain.yaml.ivs-recover");
	free(p);
	char *want = ivs_xasprintf("%s/state/ivs-tui/unsaved.ivs-recover", tmp);
	p = ivs_recover_path(NULL);
	assert_string_equal(p, want);
	free(p);
	p = ivs_recover_path("");
	assert_string_equal(p, want);
	free(p);
	free(want);

	/* XDG_STATE_HOME empty or relative: ~/.local/state */
	char *saved = ivs_xstrdup(getenv("XDG_STATE_HOME"));
	setenv("XDG_STATE_HOME", "rel/state", 1);
	want = ivs_xasprintf("%s/.local/state/ivs-tui/unsaved.ivs-recover", tmp);
	p = ivs_recover_path(NULL);
	assert_string_equal(p, want);
	free(p);
	setenv("XDG_STATE_HOME", "", 1);
	p = ivs_recover_path(NULL);
	assert_string_equal(p, want);
	free(p);
	free(want);
	setenv("XDG_STATE_HOME", saved, 1);
	free(saved);
}

static void test_write_find_discard_beside(void **state)
{
	(void)state;
	char *proj = ivs_xasprintf("%s/live.yaml", tmp);
	struct ivs_project *p = sample();
	char *err = NULL;
	assert_int_equal(ivs_save_file(p, proj, &err), 0);
	set_mtime(proj, 1000000000);

	/* nothing to recover yet */
	assert_null(ivs_recover_find(proj));

	assert_int_equal(ivs_edit_set_text(p, ivs_project_find(p, "Live"), IVS_CHANNEL_NAME,
	                                   "changed-name", NULL),
	                 0);
	assert_int_equal(ivs_recover_write(p, proj, &err), 0);
	assert_null(err);

	char *want = ivs_xasprintf("%s/.live.yaml.ivs-recover", tmp);
	struct stat st;
	assert_int_equal(stat(want, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);

	char *found = ivs_recover_find(proj);
	assert_non_null(found);
	assert_string_equal(found, want);

	/* the file names the project and loads back to the same project */
	size_t len;
	char *text = ivs_read_file(found, 1u << 20, &len, &err);
	assert_non_null(text);
	char *head = ivs_xasprintf("# ivs-tui recovery file for %s: unsaved changes\n", proj);
	assert_memory_equal(text, head, strlen(head));
	char *canon = canonical(p);
	assert_string_equal(text + strlen(head), canon);
	free(head);
	free(text);

	struct ivs_diags d;
	ivs_diags_init(&d);
	struct ivs_project *q = ivs_load_file(found, &d);
	assert_non_null(q);
	assert_int_equal(d.errors, 0);
	char *canon2 = canonical(q);
	assert_string_equal(canon2, canon);
	assert_non_null(strstr(canon2, "changed-name"));
	free(canon2);
	ivs_project_free(q);
	ivs_diags_free(&d);
	free(canon);

	/* a second write replaces it, still 0600 even if someone widened it */
	assert_int_equal(chmod(want, 0644), 0);
	assert_int_equal(ivs_recover_write(p, proj, &err), 0);
	assert_int_equal(stat(want, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);

	/* older than the project (the project was saved since): not offered */
	set_mtime(want, 999999999);
	assert_null(ivs_recover_find(proj));
	set_mtime(want, 1000000000);   /* same time: offered (never lose work) */
	char *again = ivs_recover_find(proj);
	assert_non_null(again);
	free(again);

	/* the project file is gone: the recovery is offered */
	char *moved = ivs_xasprintf("%s/live.yaml.bak", tmp);
	assert_int_equal(rename(proj, moved), 0);
	again = ivs_recover_find(proj);
	assert_non_null(again);
	free(again);
	assert_int_equal(rename(moved, proj), 0);
	free(moved);

	assert_int_equal(ivs_recover_discard(proj), 0);
	assert_int_equal(stat(want, &st), -1);
	assert_null(ivs_recover_find(proj));
	/* discarding nothing is fine */
	assert_int_equal(ivs_recover_discard(proj), 0);

	free(found);
	free(want);
	free(proj);
	ivs_project_free(p);
}

static void test_unsaved_project(void **state)
{
	(void)state;
	struct ivs_project *p = sample();
	char *err = NULL;
	assert_null(ivs_recover_find(NULL));
	assert_int_equal(ivs_recover_write(p, NULL, &err), 0);
	assert_null(err);
	char *want = ivs_xasprintf("%s/state/ivs-tui/unsaved.ivs-recover", tmp);
	char *found = ivs_recover_find(NULL);
	assert_non_null(found);
	assert_string_equal(found, want);
	struct stat st;
	assert_int_equal(stat(want, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	/* the folders it made are private too */
	char *dir = ivs_xasprintf("%s/state/ivs-tui", tmp);
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	free(dir);

	struct ivs_diags d;
	ivs_diags_init(&d);
	struct ivs_project *q = ivs_load_file(found, &d);
	assert_non_null(q);
	char *a = canonical(p), *b = canonical(q);
	assert_string_equal(a, b);
	free(a);
	free(b);
	ivs_project_free(q);
	ivs_diags_free(&d);

	assert_int_equal(ivs_recover_discard(NULL), 0);
	assert_null(ivs_recover_find(NULL));
	free(found);
	free(want);
	ivs_project_free(p);
}

/* The project's folder cannot be written (here: it does not exist, which
 * fails even for root): the state folder takes the file. */
static void test_unwritable_folder_uses_state(void **state)
{
	(void)state;
	char *proj = ivs_xasprintf("%s/gone/show.yaml", tmp);
	struct ivs_project *p = sample();
	char *err = NULL;
	assert_int_equal(ivs_recover_write(p, proj, &err), 0);
	assert_null(err);
	/* the folder part is kept as given when it cannot be resolved */
	struct ivs_buf mb;
	ivs_buf_init(&mb);
	for (const char *c = proj; *c; c++) {
		if (*c == '/')
			ivs_buf_puts(&mb, "%2F");
		else
			ivs_buf_putc(&mb, *c);
	}
	char *mangled = ivs_buf_steal(&mb);
	char *want = ivs_xasprintf("%s/state/ivs-tui/%s.ivs-recover", tmp, mangled);
	char *found = ivs_recover_find(proj);
	assert_non_null(found);
	assert_string_equal(found, want);
	struct stat st;
	assert_int_equal(stat(want, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(ivs_recover_discard(proj), 0);
	assert_null(ivs_recover_find(proj));

	/* and when the state folder cannot be made either: an error naming
	 * both places, no crash */
	char *file = ivs_xasprintf("%s/plainfile", tmp);
	write_text(file, "x\n");
	setenv("XDG_STATE_HOME", file, 1);   /* a file, not a folder */
	assert_int_equal(ivs_recover_write(p, proj, &err), -1);
	assert_non_null(err);
	char *w1 = ivs_xasprintf("cannot write %s/gone/.show.yaml.ivs-recover", tmp);
	char *w2 = ivs_xasprintf("cannot create %s/ivs-tui", file);
	if (!strstr(err, w1) || !strstr(err, w2))
		fail_msg("err \"%s\"", err);
	free(w1);
	free(w2);
	free(err);
	char *s = ivs_xasprintf("%s/state", tmp);
	setenv("XDG_STATE_HOME", s, 1);
	free(s);

	free(file);
	free(found);
	free(want);
	free(mangled);
	free(proj);
	ivs_project_free(p);
}


/* Only the user's own private regular file is offered; the others are
 * named with the reason (the other-user case, which needs root, is in
 * tests/faults/test-recover-planted.sh). */
static void test_untrusted_files_ignored(void **state)
{
	(void)state;
	char *proj = ivs_xasprintf("%s/trust.yaml", tmp), *err = NULL, *why = NULL;
	char *rp = ivs_xasprintf("%s/.trust.yaml.ivs-recover", tmp);
	struct ivs_project *p = sample();
	assert_int_equal(ivs_save_file(p, proj, &err), 0);
	set_mtime(proj, 1000000000);
	assert_int_equal(ivs_recover_write(p, proj, &err), 0);
	char *found = ivs_recover_find_checked(proj, &why);
	assert_non_null(found);
	assert_null(why);
	free(found);

	/* readable by others */
	assert_int_equal(chmod(rp, 0644), 0);
	assert_null(ivs_recover_find_checked(proj, &why));
	assert_non_null(why);
	assert_non_null(strstr(why, "others may read or write it (mode 0644"));
	assert_non_null(strstr(why, rp));
	free(why);
	assert_null(ivs_recover_find(proj));

	/* a symbolic link (to a file that would pass) */
	char *real = ivs_xasprintf("%s/elsewhere.yaml", tmp);
	assert_int_equal(rename(rp, real), 0);
	assert_int_equal(chmod(real, 0600), 0);
	assert_int_equal(symlink(real, rp), 0);
	assert_null(ivs_recover_find_checked(proj, &why));
	assert_non_null(why);
	assert_non_null(strstr(why, "it is a symbolic link"));
	free(why);
	/* writing the recovery file never goes through the link: it goes to
	 * the state folder, which is then offered (the link still ignored) */
	write_text(real, "target\n");
	assert_int_equal(ivs_recover_write(p, proj, &err), 0);
	size_t len;
	char *t = ivs_read_file(real, 100, &len, &err);
	assert_string_equal(t, "target\n");
	free(t);
	found = ivs_recover_find_checked(proj, &why);
	assert_non_null(found);
	assert_non_null(strstr(found, "/state/ivs-tui/"));
	assert_non_null(why);
	free(why);
	free(found);
	assert_int_equal(ivs_recover_discard(proj), 0);
	unlink(real);
	unlink(proj);
	free(real);
	free(rp);
	free(proj);
	ivs_project_free(p);
}

/* Paths that once shared a state-folder name get two files; a newline in
 * the name stays inside the header comment; a deep folder and a 255-byte
 * name still get a recovery file (a hash name within NAME_MAX). */
static void test_state_names(void **state)
{
	(void)state;
	char *a = ivs_xasprintf("%s/no/a%%b/p.yaml", tmp), *b = ivs_xasprintf("%s/no/a/b/p.yaml", tmp);
	struct ivs_project *pa = sample(), *pb = sample();
	char *err = NULL;
	assert_int_equal(ivs_edit_set_text(pb, ivs_project_find(pb, "Live"), IVS_CHANNEL_NAME,
	                                   "second", NULL), 0);
	assert_int_equal(ivs_recover_write(pa, a, &err), 0);
	assert_int_equal(ivs_recover_write(pb, b, &err), 0);
	char *fa = ivs_recover_find(a), *fb = ivs_recover_find(b);
	assert_non_null(fa);
	assert_non_null(fb);
	assert_string_not_equal(fa, fb);
	size_t len;
	char *ta = ivs_read_file(fa, 1 << 20, &len, &err), *tb = ivs_read_file(fb, 1 << 20, &len, &err);
	assert_null(strstr(ta, "second"));
	assert_non_null(strstr(tb, "second"));
	free(ta); free(tb); free(fa); free(fb);
	assert_int_equal(ivs_recover_discard(a), 0);
	assert_int_equal(ivs_recover_discard(b), 0);

	/* a newline in the file name */
	char *nl = ivs_xasprintf("%s/we\nird: [x].yaml", tmp);
	assert_int_equal(ivs_recover_write(pa, nl, &err), 0);
	char *fn = ivs_recover_find(nl);
	assert_non_null(fn);
	char *tn = ivs_read_file(fn, 1 << 20, &len, &err);
	char *head = ivs_xasprintf("# ivs-tui recovery file for %s/we\\nird: [x].yaml: unsaved changes\n",
	                           tmp);
	assert_memory_equal(tn, head, strlen(head));
	struct ivs_diags d;
	ivs_diags_init(&d);
	struct ivs_project *q = ivs_load_file(fn, &d);
	assert_non_null(q);
	assert_int_equal(d.n, 0);
	ivs_project_free(q);
	ivs_diags_free(&d);
	free(tn); free(head); free(fn);
	assert_int_equal(ivs_recover_discard(nl), 0);
	free(nl);

	/* a deep folder that cannot be written: the state folder, by hash */
	struct ivs_buf deep;
	ivs_buf_init(&deep);
	ivs_buf_printf(&deep, "%s/gone", tmp);
	for (int i = 0; i < 30; i++)
		ivs_buf_puts(&deep, "/a-rather-long-folder-name");
	ivs_buf_puts(&deep, "/p.yaml");
	assert_int_equal(ivs_recover_write(pa, deep.data, &err), 0);
	char *fd = ivs_recover_find(deep.data);
	assert_non_null(fd);
	assert_non_null(strstr(fd, "/ivs-tui/sha256-"));
	assert_true(strlen(strrchr(fd, '/') + 1) <= NAME_MAX);
	free(fd);
	assert_int_equal(ivs_recover_discard(deep.data), 0);
	ivs_buf_free(&deep);

	/* a 255-byte project name: ".NAME.ivs-recover" cannot exist beside it */
	char name[NAME_MAX + 1];
	memset(name, 'n', NAME_MAX);
	name[NAME_MAX] = '\0';
	char *longp = ivs_xasprintf("%s/%s", tmp, name);
	assert_int_equal(ivs_save_file(pa, longp, &err), 0);
	assert_int_equal(ivs_recover_write(pa, longp, &err), 0);
	char *fl = ivs_recover_find(longp);
	assert_non_null(fl);
	assert_non_null(strstr(fl, "/ivs-tui/"));
	free(fl);
	assert_int_equal(ivs_recover_discard(longp), 0);
	unlink(longp);
	free(longp);
	free(a);
	free(b);
	ivs_project_free(pa);
	ivs_project_free(pb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_write_find_discard_beside),
		cmocka_unit_test(test_unsaved_project),
		cmocka_unit_test(test_unwritable_folder_uses_state),
		cmocka_unit_test(test_untrusted_files_ignored),
		cmocka_unit_test(test_state_names),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
