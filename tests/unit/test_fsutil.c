/* test_fsutil.c: ivs_write_new on a file system without hard links (the
 * "link" fault): the no-overwrite promise holds through renameat2. And
 * ivs_write_file / ivs_read_file: symbolic links followed to the target,
 * non-regular files written directly, read-only targets refused, the
 * umask, no setuid/setgid kept, temporary names within NAME_MAX (with and
 * without O_TMPFILE), FIFOs and devices refused without blocking. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"
#include "ivs/fsutil.h"
#include "ivs/yamlio.h"

static char dir[] = "/tmp/ivs-fsutil-XXXXXX";

static void test_write_new_without_hard_links(void **state)
{
	(void)state;
	char *path = ivs_xasprintf("%s/key.pem", dir), *err = NULL;
	size_t len;

	ivs_fault_set("link", 1, EPERM);
	assert_int_equal(ivs_write_new(path, "one\n", 4, 0600, 0, &err), 0);
	char *got = ivs_read_file(path, 100, &len, NULL);
	assert_string_equal(got, "one\n");
	free(got);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);

	/* An existing file is still refused, and stays as it was. */
	ivs_fault_set("link", 1, EOPNOTSUPP);
	assert_int_equal(ivs_write_new(path, "two\n", 4, 0600, 0, &err), -1);
	assert_non_null(strstr(err, "File exists"));
	free(err);
	got = ivs_read_file(path, 100, &len, NULL);
	assert_string_equal(got, "one\n");
	free(got);
	/* No temporary file is left behind. */
	char *ls = ivs_xasprintf("ls -A %s | wc -l", dir);
	FILE *f = popen(ls, "r");
	int n = -1;
	assert_int_equal(fscanf(f, "%d", &n), 1);
	pclose(f);
	assert_int_equal(n, 1);
	free(ls);
	unlink(path);
	free(path);
}

static void test_other_link_errors_are_reported(void **state)
{
	(void)state;
	char *path = ivs_xasprintf("%s/other.pem", dir), *err = NULL;
	ivs_fault_set("link", 1, EIO);
	assert_int_equal(ivs_write_new(path, "x", 1, 0600, 0, &err), -1);
	assert_non_null(strstr(err, "Input/output error"));
	assert_int_equal(access(path, F_OK), -1);
	free(err);
	free(path);
}


/* Files in dir other than the ones named (NULL-terminated): 0 when none. */
static int count_entries(const char *d)
{
	char *ls = ivs_xasprintf("ls -A '%s' | wc -l", d);
	FILE *f = popen(ls, "r");
	int n = -1;
	assert_int_equal(fscanf(f, "%d", &n), 1);
	pclose(f);
	free(ls);
	return n;
}

static char *slurp(const char *path)
{
	size_t len;
	char *err = NULL;
	char *s = ivs_read_file(path, 1 << 20, &len, &err);
	if (!s)
		fail_msg("%s", err);
	return s;
}

static void test_symlink_followed(void **state)
{
	(void)state;
	char *sub = ivs_xasprintf("%s/real", dir), *target = ivs_xasprintf("%s/real/p.yaml", dir);
	char *link = ivs_xasprintf("%s/p.yaml", dir), *err = NULL;
	assert_int_equal(mkdir(sub, 0755), 0);
	assert_int_equal(ivs_write_atomic(target, "old\n", 4, 0640, &err), 0);
	assert_int_equal(chmod(target, 0640), 0);
	assert_int_equal(symlink("real/p.yaml", link), 0);
	assert_int_equal(ivs_write_atomic(link, "new\n", 4, 0644, &err), 0);
	struct stat st;
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	char *got = slurp(target);
	assert_string_equal(got, "new\n");
	free(got);
	assert_int_equal(stat(target, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	/* a chain of links, and a dangling one: the final target is made */
	char *link2 = ivs_xasprintf("%s/q.yaml", dir), *dang = ivs_xasprintf("%s/d.yaml", dir);
	assert_int_equal(symlink("p.yaml", link2), 0);
	assert_int_equal(ivs_write_atomic(link2, "two\n", 4, 0644, &err), 0);
	got = slurp(target);
	assert_string_equal(got, "two\n");
	free(got);
	assert_int_equal(symlink("real/new.yaml", dang), 0);
	assert_int_equal(ivs_write_atomic(dang, "n\n", 2, 0644, &err), 0);
	char *made = ivs_xasprintf("%s/real/new.yaml", dir);
	got = slurp(made);
	assert_string_equal(got, "n\n");
	free(got);
	assert_int_equal(lstat(dang, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	/* a loop is an error, not a hang */
	char *loop = ivs_xasprintf("%s/loop", dir);
	assert_int_equal(symlink("loop", loop), 0);
	assert_int_equal(ivs_write_atomic(loop, "x", 1, 0644, &err), -1);
	assert_non_null(strstr(err, "Too many levels of symbolic links"));
	free(err);
	assert_int_equal(count_entries(sub), 2);
	char *cmd = ivs_xasprintf("rm -rf '%s'/* '%s'/.[!.]*", dir, dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(sub); free(target); free(link); free(link2); free(dang); free(made); free(loop);
}

static void test_non_regular_written_directly(void **state)
{
	(void)state;
	char *err = NULL;
	assert_int_equal(ivs_write_atomic("/dev/null", "x\n", 2, 0644, &err), 0);
	struct stat st;
	assert_int_equal(stat("/dev/null", &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	/* a FIFO with a reader gets the bytes */
	char *fifo = ivs_xasprintf("%s/fifo", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	int rfd = open(fifo, O_RDONLY | O_NONBLOCK);
	assert_true(rfd >= 0);
	assert_int_equal(ivs_write_atomic(fifo, "through\n", 8, 0644, &err), 0);
	char buf[16] = {0};
	assert_int_equal(read(rfd, buf, sizeof buf), 8);
	assert_string_equal(buf, "through\n");
	close(rfd);
	/* a folder is refused */
	assert_int_equal(ivs_write_atomic(dir, "x", 1, 0644, &err), -1);
	assert_non_null(strstr(err, "Is a directory"));
	free(err);
	unlink(fifo);
	free(fifo);
}

static void test_read_only_target(void **state)
{
	(void)state;
	char *path = ivs_xasprintf("%s/ro.json", dir), *err = NULL;
	assert_int_equal(ivs_write_atomic(path, "old", 3, 0644, &err), 0);
	assert_int_equal(chmod(path, 0444), 0);
	assert_int_equal(ivs_write_atomic(path, "new", 3, 0644, &err), -1);
	assert_non_null(strstr(err, "read-only"));
	free(err);
	char *got = slurp(path);
	assert_string_equal(got, "old");
	free(got);
	assert_int_equal(ivs_write_file(path, "new", 3, 0644, IVS_WRITE_FORCE, &err), 0);
	got = slurp(path);
	assert_string_equal(got, "new");
	free(got);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0444);
	unlink(path);
	free(path);
}

static void test_modes(void **state)
{
	(void)state;
	char *path = ivs_xasprintf("%s/m.json", dir), *err = NULL;
	struct stat st;
	mode_t old = umask(077);
	assert_int_equal(ivs_write_atomic(path, "a", 1, 0644, &err), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	unlink(path);
	ivs_fault_set("tmpfile", 1, 0);       /* the mkstemp path honours it too */
	assert_int_equal(ivs_write_atomic(path, "a", 1, 0644, &err), 0);
	ivs_fault_set("tmpfile", 0, 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	umask(022);
	/* set-user-ID and set-group-ID are never kept */
	assert_int_equal(chmod(path, 06755), 0);
	assert_int_equal(ivs_write_atomic(path, "b", 1, 0644, &err), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0755);
	umask(old);
	unlink(path);
	free(path);
}

static void test_long_names(void **state)
{
	(void)state;
	char name[NAME_MAX + 1];
	memset(name, 'n', NAME_MAX);
	name[NAME_MAX] = '\0';
	memcpy(name + NAME_MAX - 5, ".json", 5);
	char *path = ivs_xasprintf("%s/%s", dir, name), *err = NULL;
	for (int named = 0; named < 2; named++) {
		ivs_fault_set("tmpfile", named, 0);
		if (ivs_write_atomic(path, "x", 1, 0644, &err) != 0)
			fail_msg("%s", err);
		assert_int_equal(ivs_write_atomic(path, "y", 1, 0644, &err), 0);
		char *got = slurp(path);
		assert_string_equal(got, "y");
		free(got);
		assert_int_equal(count_entries(dir), 1);
		unlink(path);
	}
	ivs_fault_set("tmpfile", 0, 0);
	free(path);
}

static void test_read_refuses_fifo_and_devices(void **state)
{
	(void)state;
	char *fifo = ivs_xasprintf("%s/in.fifo", dir), *err = NULL;
	size_t len;
	assert_int_equal(mkfifo(fifo, 0600), 0);
	/* no writer: a blocking open would hang here forever */
	assert_null(ivs_read_file(fifo, 100, &len, &err));
	assert_non_null(strstr(err, "it is a FIFO, not a regular file"));
	free(err);
	err = NULL;
	assert_null(ivs_read_file("/dev/zero", 100, &len, &err));
	assert_non_null(strstr(err, "a character device"));
	free(err);
	/* the loader the TUI's Open uses says the same, as an io-error */
	struct ivs_diags d;
	ivs_diags_init(&d);
	assert_null(ivs_load_file(fifo, &d));
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].rule, IVS_RULE_IO_ERROR);
	ivs_diags_free(&d);
	/* standard input under another name is read */
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], "piped", 5), 5);
	close(fds[1]);
	int saved = dup(0);
	assert_int_equal(dup2(fds[0], 0), 0);
	close(fds[0]);
	char *got = ivs_read_file("/dev/stdin", 100, &len, &err);
	assert_int_equal(dup2(saved, 0), 0);
	close(saved);
	assert_non_null(got);
	assert_string_equal(got, "piped");
	free(got);
	unlink(fifo);
	free(fifo);
}

static void test_signal_waits_for_the_temporary_name(void **state)
{
	(void)state;
	/* SIGTERM raised while a write is in progress (the "delay" pause
	 * stands for it) is delivered after the rename: no .NAME.tmp left. */
	char *path = ivs_xasprintf("%s/sig.json", dir);
	for (int named = 0; named < 2; named++) {
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			ivs_fault_set("tmpfile", named, 0);
			ivs_fault_set("delay", 300000, 0);
			_exit(ivs_write_atomic(path, "whole\n", 6, 0644, NULL) == 0 ? 0 : 3);
		}
		usleep(100000);
		kill(pid, SIGTERM);
		int status;
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
		char *got = slurp(path);
		assert_string_equal(got, "whole\n");
		free(got);
		assert_int_equal(count_entries(dir), 1);
		unlink(path);
	}
	free(path);
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_write_new_without_hard_links),
		cmocka_unit_test(test_other_link_errors_are_reported),
		cmocka_unit_test(test_symlink_followed),
		cmocka_unit_test(test_non_regular_written_directly),
		cmocka_unit_test(test_read_only_target),
		cmocka_unit_test(test_modes),
		cmocka_unit_test(test_long_names),
		cmocka_unit_test(test_read_refuses_fifo_and_devices),
		cmocka_unit_test(test_signal_waits_for_the_temporary_name),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
