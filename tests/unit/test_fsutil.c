/* test_fsutil.c: ivs_write_new on a file system without hard links (the
 * "link" fault): the no-overwrite promise holds through renameat2. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "ivs/fsutil.h"

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
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
