/* test_faults.c: no data is lost when a save fails or is cut short.
 *
 * Every failure fsutil can meet (open refused, disk full on write, I/O
 * error on fsync, read-only folder on rename) is injected with
 * ivs_fault_set into ivs_write_atomic, ivs_write_new and ivs_save_file: the
 * call must fail with a message naming the file and the reason, the old
 * file must keep its bytes and mode, no temporary file may stay behind, and
 * the next save must work. Then a child process saving a large project in
 * a loop is killed with SIGKILL at random moments: the file on disk must
 * always load and be exactly the old or the new save (fsutil's "delay"
 * fault widens the moment between writing the temporary file and renaming
 * it, so that many kills land there). */
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ivs/fsutil.h"
#include "ivs/model.h"
#include "ivs/util.h"
#include "ivs/validate.h"
#include "ivs/yamlio.h"

struct fault {
	const char *op;
	int err;
};
/* What a full disk, a failing disk, a read-only or a foreign folder give. */
static const struct fault faults[] = {
	{"open", EACCES},  {"open", EROFS},  {"open", ENOSPC}, {"open", EDQUOT},
	{"write", ENOSPC}, {"write", EIO},   {"write", EDQUOT}, {"fsync", EIO},
	{"fsync", ENOSPC}, {"rename", EROFS}, {"rename", EACCES}, {"rename", EBUSY},
};

static char *make_dir(void)
{
	const char *t = getenv("TMPDIR");
	char *tmpl = ivs_xasprintf("%s/ivs-faults-XXXXXX", t && *t ? t : "/tmp");
	assert_non_null(mkdtemp(tmpl));
	return tmpl;
}

static void remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	assert_non_null(d);
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char *p = ivs_xasprintf("%s/%s", dir, e->d_name);
		unlink(p);
		free(p);
	}
	closedir(d);
	rmdir(dir);
}

/* Names in dir other than . and .., joined by spaces (caller frees). */
static char *list_dir(const char *dir)
{
	struct ivs_buf b;
	DIR *d = opendir(dir);
	struct dirent *e;
	ivs_buf_init(&b);
	ivs_buf_puts(&b, "");
	assert_non_null(d);
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (b.len)
			ivs_buf_putc(&b, ' ');
		ivs_buf_puts(&b, e->d_name);
	}
	closedir(d);
	return ivs_buf_steal(&b);
}

static char *slurp(const char *path, size_t *len)
{
	char *err = NULL;
	char *s = ivs_read_file(path, (size_t)1 << 30, len, &err);
	if (!s)
		fail_msg("%s", err);
	return s;
}

static void put(const char *path, const char *text, mode_t mode)
{
	char *err = NULL;
	assert_int_equal(ivs_write_atomic(path, text, strlen(text), mode, &err), 0);
	assert_int_equal(chmod(path, mode), 0);
}

static void assert_file(const char *path, const char *text, mode_t mode)
{
	struct stat st;
	size_t len;
	char *s = slurp(path, &len);
	assert_int_equal(len, strlen(text));
	assert_string_equal(s, text);
	free(s);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, mode);
}

static void no_faults(void)
{
	for (size_t i = 0; i < IVS_ARRAY_LEN(faults); i++)
		ivs_fault_set(faults[i].op, 0, 0);
	ivs_fault_set("delay", 0, 0);
}

/* A failed test must not leave a fault armed for the next one. */
static int reset(void **state)
{
	(void)state;
	no_faults();
	return 0;
}

/* ivs_write_atomic over an existing file: each fault leaves it as it was. */
static void test_atomic_fault_keeps_old_file(void **state)
{
	(void)state;
	for (size_t i = 0; i < IVS_ARRAY_LEN(faults); i++) {
		char *dir = make_dir(), *path = ivs_xasprintf("%s/project.yaml", dir), *err = NULL;
		const char *old = "ivs_tui: 1\nstack:\n  name: old\n";
		const char *new = "ivs_tui: 1\nstack:\n  name: new\n";

		put(path, old, 0640);
		ivs_fault_set(faults[i].op, 1, faults[i].err);
		errno = 0;
		assert_int_equal(ivs_write_atomic(path, new, strlen(new), 0644, &err), -1);
		assert_int_equal(errno, faults[i].err);
		char *want = ivs_xasprintf("cannot write %s: %s", path, strerror(faults[i].err));
		assert_non_null(err);
		assert_string_equal(err, want);
		free(want);
		free(err);
		assert_file(path, old, 0640);
		char *names = list_dir(dir);
		assert_string_equal(names, "project.yaml");   /* no temporary file left */
		free(names);

		/* The fault was used up: the next save works and keeps the mode. */
		err = NULL;
		assert_int_equal(ivs_write_atomic(path, new, strlen(new), 0644, &err), 0);
		assert_null(err);
		assert_file(path, new, 0640);
		names = list_dir(dir);
		assert_string_equal(names, "project.yaml");
		free(names);
		no_faults();
		remove_dir(dir);
		free(dir);
		free(path);
	}
}

/* A new file that cannot be written is not created at all. */
static void test_atomic_fault_creates_nothing(void **state)
{
	(void)state;
	for (size_t i = 0; i < IVS_ARRAY_LEN(faults); i++) {
		char *dir = make_dir(), *path = ivs_xasprintf("%s/template.json", dir), *err = NULL;
		ivs_fault_set(faults[i].op, 1, faults[i].err);
		assert_int_equal(ivs_write_atomic(path, "{}\n", 3, 0644, &err), -1);
		assert_non_null(err);
		free(err);
		char *names = list_dir(dir);
		assert_string_equal(names, "");
		free(names);
		no_faults();
		remove_dir(dir);
		free(dir);
		free(path);
	}
}

/* The nth call fails, not the first: two saves in a row, the second hit. */
static void test_fault_nth_call(void **state)
{
	char *dir = make_dir(), *path = ivs_xasprintf("%s/p.yaml", dir), *err = NULL;
	(void)state;
	ivs_fault_set("rename", 2, EROFS);
	assert_int_equal(ivs_write_atomic(path, "one\n", 4, 0644, &err), 0);
	assert_int_equal(ivs_write_atomic(path, "two\n", 4, 0644, &err), -1);
	free(err);
	assert_file(path, "one\n", 0644);
	no_faults();
	remove_dir(dir);
	free(dir);
	free(path);
}

/* ivs_write_new (private keys): a fault leaves no key file and no
 * temporary file; an existing key is never replaced without overwrite, and
 * a failed overwrite keeps the old key. */
static void test_write_new_faults(void **state)
{
	(void)state;
	for (size_t i = 0; i < IVS_ARRAY_LEN(faults); i++) {
		char *dir = make_dir(), *path = ivs_xasprintf("%s/key.pem", dir), *err = NULL;
		const char *key = "-----BEGIN PRIVATE KEY-----\nold\n-----END PRIVATE KEY-----\n";

		ivs_fault_set(faults[i].op, 1, faults[i].err);
		assert_int_equal(ivs_write_new(path, key, strlen(key), 0600, 0, &err), -1);
		free(err);
		char *names = list_dir(dir);
		assert_string_equal(names, "");
		free(names);
		no_faults();

		err = NULL;
		assert_int_equal(ivs_write_new(path, key, strlen(key), 0600, 0, &err), 0);
		assert_file(path, key, 0600);
		assert_int_equal(ivs_write_new(path, "x\n", 2, 0600, 0, &err), -1);
		assert_non_null(strstr(err, strerror(EEXIST)));
		free(err);
		err = NULL;
		ivs_fault_set(faults[i].op, 1, faults[i].err);
		assert_int_equal(ivs_write_new(path, "x\n", 2, 0600, 1, &err), -1);
		free(err);
		assert_file(path, key, 0600);
		names = list_dir(dir);
		assert_string_equal(names, "key.pem");
		free(names);
		no_faults();
		remove_dir(dir);
		free(dir);
		free(path);
	}
}

static const char project_text[] =
	"ivs_tui: 1\n"
	"stack:\n"
	"  name: live-events\n"
	"buckets:\n"
	"  - id: RecordingBucket\n"
	"channels:\n"
	"  - id: Channel\n"
	"    type: ADVANCED_HD\n"
	"    recording_configuration: Recording\n"
	"    tags: {team: video}\n"
	"    stream_keys:\n"
	"      - id: StreamKey\n"
	"recording_configurations:\n"
	"  - id: Recording\n"
	"    bucket: RecordingBucket\n"
	"    recording_reconnect_window_seconds: 60\n";

static struct ivs_project *load_text(const char *text, size_t len)
{
	struct ivs_diags d;
	ivs_diags_init(&d);
	struct ivs_project *p = ivs_load_buffer("test.yaml", text, len, &d);
	if (!p) {
		ivs_diags_print(stderr, "test.yaml", &d);
		fail_msg("the project does not load");
	}
	ivs_diags_free(&d);
	return p;
}

/* ivs_save_file: the same guarantees through the saver. */
static void test_save_file_faults(void **state)
{
	struct ivs_project *p = load_text(project_text, strlen(project_text));
	struct ivs_buf want;
	(void)state;
	ivs_buf_init(&want);
	ivs_save_buffer(p, &want);
	for (size_t i = 0; i < IVS_ARRAY_LEN(faults); i++) {
		char *dir = make_dir(), *path = ivs_xasprintf("%s/live.yaml", dir), *err = NULL;
		const char *old = "# the user's file, before the save\nivs_tui: 1\nstack:\n  name: old\n";

		put(path, old, 0600);
		ivs_fault_set(faults[i].op, 1, faults[i].err);
		assert_int_equal(ivs_save_file(p, path, &err), -1);
		assert_non_null(err);
		assert_non_null(strstr(err, path));
		assert_non_null(strstr(err, strerror(faults[i].err)));
		free(err);
		assert_file(path, old, 0600);
		char *names = list_dir(dir);
		assert_string_equal(names, "live.yaml");
		free(names);

		err = NULL;
		assert_int_equal(ivs_save_file(p, path, &err), 0);
		assert_null(err);
		assert_file(path, want.data, 0600);
		no_faults();
		remove_dir(dir);
		free(dir);
		free(path);
	}
	ivs_buf_free(&want);
	ivs_project_free(p);
}

/* A project of n channels, each with a stream key and tags; `variant`
 * changes every channel's tags, so two variants differ everywhere. */
static char *big_project(int n, const char *variant, size_t *len)
{
	struct ivs_buf b;
	ivs_buf_init(&b);
	ivs_buf_puts(&b, "ivs_tui: 1\nstack:\n  name: big\n  description: a large project\nchannels:\n");
	for (int i = 0; i < n; i++)
		ivs_buf_printf(&b,
		               "  - id: Channel%d\n    channel_name: channel-%d-%s\n"
		               "    tags: {team: %s, index: '%d'}\n    stream_keys:\n      - id: Key\n",
		               i, i, variant, variant, i);
	*len = b.len;
	return ivs_buf_steal(&b);
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Kills a saving child at random moments: the file is always whole. */
static void test_sigkill_during_save(void **state)
{
	char *dir = make_dir(), *path = ivs_xasprintf("%s/big.yaml", dir), *err = NULL;
	size_t la, lb;
	char *ta = big_project(1000, "video", &la), *tb = big_project(1000, "audio", &lb);
	struct ivs_project *pa = load_text(ta, la), *pb = load_text(tb, lb);
	struct ivs_buf sa, sb;
	int mid_save = 0, seen_a = 0, seen_b = 0;
	int round;
	(void)state;

	ivs_buf_init(&sa);
	ivs_buf_init(&sb);
	ivs_save_buffer(pa, &sa);
	ivs_save_buffer(pb, &sb);
	assert_true(sa.len > 20000);
	/* How long one save takes here, to aim the kills inside saves. */
	double t0 = now_ms();
	for (int i = 0; i < 5; i++)
		assert_int_equal(ivs_save_file(i % 2 ? pa : pb, path, &err), 0);
	double per_save = (now_ms() - t0) / 5;
	assert_int_equal(ivs_save_file(pa, path, &err), 0);
	/* Each save of the child then pauses as long with its temporary file
	 * written (fsutil's "delay" fault): about half the kills land there,
	 * the others while the project is being turned into YAML. */
	int delay_us = per_save < 5 ? 5000 : (int)(per_save * 1000);
	per_save += delay_us / 1000.0;

	srand(20261127);
	/* Rounds until enough kills landed inside a save (on tmpfs, where
	 * fsync is free, the window is small), at most 600. */
	for (round = 0; round < 600 && (round < 25 || mid_save < 3 || !seen_a || !seen_b); round++) {
		/* Each round starts from the first save on disk; the child
		 * then saves the second, the first, the second... */
		assert_int_equal(ivs_save_file(pa, path, &err), 0);
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			ivs_fault_set("delay", delay_us, 0);
			ivs_fault_set("tmpfile", 1, 0);   /* a named temporary file: visible */
			for (unsigned k = 0;; k++)
				if (ivs_save_file(k % 2 ? pa : pb, path, NULL) != 0)
					_exit(3);
		}
		/* Anywhere in the first saves, at microsecond resolution. */
		useconds_t us = (useconds_t)((double)rand() / RAND_MAX * per_save * 2.5 * 1000);
		usleep(us);
		kill(pid, SIGKILL);
		int status;
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

		size_t len;
		char *s = slurp(path, &len);
		if (len == sa.len && memcmp(s, sa.data, len) == 0) {
			seen_a++;
		} else if (len == sb.len && memcmp(s, sb.data, len) == 0) {
			seen_b++;
		} else {
			fail_msg("round %d (kill after %u us): the file is neither save (%zu bytes)", round,
			         (unsigned)us, len);
		}
		struct ivs_project *q = load_text(s, len);
		ivs_project_free(q);
		free(s);
		/* A kill inside a save leaves its hidden temporary file: proof
		 * that this round hit a save in progress. Tidy it for the next. */
		DIR *d = opendir(dir);
		struct dirent *e;
		int tmp = 0;
		while ((e = readdir(d))) {
			if (strncmp(e->d_name, ".big.yaml.tmp.", 14) == 0) {
				char *p = ivs_xasprintf("%s/%s", dir, e->d_name);
				unlink(p);
				free(p);
				tmp = 1;
			}
		}
		closedir(d);
		mid_save += tmp;
	}
	fprintf(stderr, "sigkill: %d rounds, %.1f ms a save, %d kills inside a save, "
	        "file was the first save %d times, the second %d times\n",
	        round, per_save, mid_save, seen_a, seen_b);
	/* The test proves something only if kills did land inside saves and
	 * saves did complete between kills. */
	assert_true(mid_save > 0);
	assert_true(seen_a > 0 && seen_b > 0);
	ivs_buf_free(&sa);
	ivs_buf_free(&sb);
	ivs_project_free(pa);
	ivs_project_free(pb);
	free(ta);
	free(tb);
	remove_dir(dir);
	free(dir);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_atomic_fault_keeps_old_file, reset),
		cmocka_unit_test_setup(test_atomic_fault_creates_nothing, reset),
		cmocka_unit_test_setup(test_fault_nth_call, reset),
		cmocka_unit_test_setup(test_write_new_faults, reset),
		cmocka_unit_test_setup(test_save_file_faults, reset),
		cmocka_unit_test_setup(test_sigkill_during_save, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
