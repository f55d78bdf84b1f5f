/* test_filelock.c: file stamps (a change, a replacement by rename, a
 * removal are noticed) and the advisory project lock (one holder at a
 * time; a lock taken on a file that was replaced meanwhile moves to the
 * new file; no lock on what is not a regular file). */
#include "testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ivs/filelock.h"
#include "ivs/util.h"

static char dir[64];

static int setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/ivs-test-filelock.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char *cmd = ivs_xasprintf("rm -rf '%s'", dir);
	int rc = system(cmd);
	free(cmd);
	return rc == 0 ? 0 : -1;
}

static char *put(const char *name, const char *text)
{
	test_put_file(dir, name, text);
	return ivs_xasprintf("%s/%s", dir, name);
}

static void test_stamp(void **state)
{
	(void)state;
	struct ivs_file_stamp s;
	char *p = put("p.yaml", "stack:\n  name: a\n"), *q = put("q.yaml", "stack:\n  name: b\n");

	assert_true(ivs_file_stamp_take(p, &s));
	assert_false(ivs_file_stamp_changed(p, &s));
	/* Same size, mtime set back: ctime still tells. */
	struct stat st;
	assert_int_equal(stat(p, &st), 0);
	FILE *f = fopen(p, "r+");
	fputs("stack:\n  name: c\n", f);
	fclose(f);
	struct timespec ts[2] = {st.st_atim, st.st_mtim};
	assert_int_equal(utimensat(AT_FDCWD, p, ts, 0), 0);
	assert_true(ivs_file_stamp_changed(p, &s));

	/* Replaced by rename (an editor's save): a new inode. */
	assert_true(ivs_file_stamp_take(p, &s));
	assert_int_equal(rename(q, p), 0);
	assert_true(ivs_file_stamp_changed(p, &s));
	/* Removed. */
	assert_true(ivs_file_stamp_take(p, &s));
	assert_int_equal(unlink(p), 0);
	assert_true(ivs_file_stamp_changed(p, &s));
	/* Created after a stamp that found nothing. */
	assert_false(ivs_file_stamp_take(p, &s));
	assert_false(ivs_file_stamp_changed(p, &s));
	free(put("p.yaml", "x"));
	assert_true(ivs_file_stamp_changed(p, &s));
	free(p);
	free(q);
}

/* In a child: tries to lock path within timeout_ms; exit 0 when it got it. */
static int child_lock(const char *path, int timeout_ms)
{
	pid_t pid = fork();
	int st;
	assert_true(pid >= 0);
	if (pid == 0) {
		char *err = NULL;
		int fd = ivs_file_lock(path, timeout_ms, &err);
		_exit(fd >= 0 ? 0 : err && strstr(err, "another program is changing") ? 1 : 2);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 3;
}

static void test_lock_excludes(void **state)
{
	(void)state;
	char *err = NULL, *p = put("l.yaml", "stack: {}\n");
	int fd = ivs_file_lock(p, 0, &err);
	assert_true(fd >= 0);
	assert_int_equal(child_lock(p, 50), 1);     /* held: refused after waiting */
	ivs_file_unlock(fd);
	assert_int_equal(child_lock(p, 50), 0);     /* released: taken */
	free(p);
}

static void test_lock_follows_rename(void **state)
{
	(void)state;
	char *err = NULL, *p = put("r.yaml", "old\n"), *n = put("r.new", "new\n");
	int fd = ivs_file_lock(p, 0, &err);
	assert_true(fd >= 0);
	/* A holder replaces the file as a save does, and keeps its lock on the
	 * old inode: the next locker must get the new file, not wait on the
	 * old one nor share it. */
	assert_int_equal(rename(n, p), 0);
	int fd2 = ivs_file_lock(p, 0, &err);
	assert_true(fd2 >= 0);
	struct stat a, b;
	assert_int_equal(fstat(fd2, &a), 0);
	assert_int_equal(stat(p, &b), 0);
	assert_true(a.st_ino == b.st_ino);
	assert_int_equal(child_lock(p, 30), 1);     /* the new file is held by fd2 */
	ivs_file_unlock(fd2);
	ivs_file_unlock(fd);
	free(p);
	free(n);
}

/* The race a rename save makes: a waiter opened the old file, the holder
 * renames a new one over it and lets go; the waiter must end up holding
 * the new file, not the old inode nobody else will ever lock. */
static void test_lock_waiter_moves_to_new_file(void **state)
{
	(void)state;
	char *err = NULL, *p = put("w.yaml", "old\n"), *n = put("w.new", "new\n");
	int fd = ivs_file_lock(p, 0, &err), st;
	assert_true(fd >= 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char *e = NULL;
		int cfd = ivs_file_lock(p, 5000, &e);
		struct stat a, b;
		_exit(cfd < 0 ? 2 : fstat(cfd, &a) == 0 && stat(p, &b) == 0 && a.st_ino == b.st_ino ? 0 : 4);
	}
	struct timespec ts = {0, 100 * 1000000L};
	nanosleep(&ts, NULL);                       /* the child is waiting on the old file */
	assert_int_equal(rename(n, p), 0);
	ivs_file_unlock(fd);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	free(p);
	free(n);
}

static void test_lock_refuses(void **state)
{
	(void)state;
	char *err = NULL, *fifo = ivs_xasprintf("%s/fifo", dir), *none = ivs_xasprintf("%s/none", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(ivs_file_lock(fifo, 0, &err), -1);   /* does not block on the FIFO */
	assert_non_null(strstr(err, "is not a regular file"));
	free(err);
	err = NULL;
	assert_int_equal(ivs_file_lock(none, 0, &err), -1);
	assert_non_null(strstr(err, "No such file"));
	free(err);
	err = NULL;
	assert_int_equal(ivs_file_lock(dir, 0, &err), -1);
	assert_non_null(strstr(err, "is not a regular file"));
	free(err);
	ivs_file_unlock(-1);
	free(fifo);
	free(none);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stamp),
		cmocka_unit_test(test_lock_excludes),
		cmocka_unit_test(test_lock_follows_rename),
		cmocka_unit_test(test_lock_waiter_moves_to_new_file),
		cmocka_unit_test(test_lock_refuses),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
