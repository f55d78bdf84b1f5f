/* fsutil.c: atomic file writes (temporary file in the same folder, fsync,
 * rename, fsync of the folder) and bounded reads.
 *
 * Fault injection: ivs_fault_set("write"|"fsync"|"rename"|"open", nth, errno)
 * makes the nth such call from now fail ("rename" is the publishing step:
 * rename, or link for ivs_write_new); ivs_fault_set("delay", usec, 0) makes
 * every write pause with its temporary file written. Tests use them to
 * prove that a failed or killed save leaves the old file intact. Builds made with
 * -DIVS_FAULT_INJECTION also read IVS_FAULT="op:nth:errno" from the
 * environment, so that the real binary can be tested end to end. */
#define _GNU_SOURCE 1   /* renameat2 */
#include "ivs/fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ivs/util.h"

enum fault_op { FAULT_OPEN, FAULT_WRITE, FAULT_FSYNC, FAULT_RENAME, FAULT_DELAY, FAULT_LINK, FAULT_N };
static const char *const fault_names[FAULT_N] = {"open", "write", "fsync", "rename", "delay",
                                                  "link"};
static struct {
	int nth, err;
} faults[FAULT_N];

void ivs_fault_set(const char *op, int nth, int e)
{
	for (int i = 0; i < FAULT_N; i++) {
		if (strcmp(op, fault_names[i]) == 0) {
			faults[i].nth = nth;
			faults[i].err = e;
		}
	}
}

#ifdef IVS_FAULT_INJECTION
static void fault_env(void)
{
	static int done;
	const char *s = getenv("IVS_FAULT");
	if (done || !s)
		return;
	done = 1;
	char op[16];
	int nth, e;
	if (sscanf(s, "%15[a-z]:%d:%d", op, &nth, &e) == 3)
		ivs_fault_set(op, nth, e);
}
#else
static void fault_env(void)
{
}
#endif

/* "delay" is not a failure: with ivs_fault_set("delay", usec, 0) every
 * write pauses usec microseconds once its temporary file is written, so
 * that tests can kill the process inside a save. */
static void fault_delay(void)
{
	fault_env();
	if (faults[FAULT_DELAY].nth > 0)
		usleep((useconds_t)faults[FAULT_DELAY].nth);
}

/* True when this call of op must fail (errno is then set). */
static int fault_hit(enum fault_op op)
{
	fault_env();
	if (faults[op].nth <= 0)
		return 0;
	if (--faults[op].nth > 0)
		return 0;
	errno = faults[op].err;
	return 1;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		if (fault_hit(FAULT_WRITE))
			return -1;
		ssize_t n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Moves tmp to path only if path does not exist. link() is atomic about
 * that; file systems without hard links (vfat, some FUSE) refuse it, and
 * then renameat2's RENAME_NOREPLACE does the same job. On success tmp is
 * gone. */
static int publish_new(const char *tmp, const char *path)
{
	/* The "link" fault plays a file system without hard links. */
	if (!fault_hit(FAULT_LINK) && link(tmp, path) == 0) {
		unlink(tmp);
		return 0;
	}
	if (errno != EPERM && errno != EOPNOTSUPP && errno != ENOSYS)
		return -1;
	return renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE);
}

static char *dir_of(const char *path)
{
	char *copy = ivs_xstrdup(path);
	char *d = ivs_xstrdup(dirname(copy));
	free(copy);
	return d;
}

static int fail(char **err, const char *path, const char *what, int e)
{
	if (err)
		*err = ivs_xasprintf("cannot %s %s: %s", what, path, strerror(e));
	errno = e;
	return -1;
}

static int write_tmp_and_rename(const char *path, const char *data, size_t len, mode_t mode,
                                int overwrite, char **err)
{
	struct stat st;
	int have_old = stat(path, &st) == 0;
	char *dir = dir_of(path);
	char *tmpl = ivs_xasprintf("%s/.%s.tmp.XXXXXX", dir, strrchr(path, '/') ? strrchr(path, '/') + 1 : path);
	int fd = -1, e;

	if (have_old && !overwrite) {
		free(dir);
		free(tmpl);
		return fail(err, path, "write", EEXIST);
	}
	if (have_old && !S_ISREG(st.st_mode)) {
		free(dir);
		free(tmpl);
		return fail(err, path, "replace", EISDIR);
	}
	if (fault_hit(FAULT_OPEN)) {
		e = errno;
		goto out_fail;
	}
	fd = mkstemp(tmpl);
	if (fd < 0) {
		e = errno;
		goto out_fail;
	}
	if (fchmod(fd, have_old ? (st.st_mode & 07777) : mode) != 0 ||
	    write_all(fd, data, len) != 0) {
		e = errno;
		goto out_unlink;
	}
	fault_delay();
	if (fault_hit(FAULT_FSYNC) || fsync(fd) != 0) {
		e = errno;
		goto out_unlink;
	}
	if (close(fd) != 0) {
		fd = -1;
		e = errno;
		goto out_unlink;
	}
	fd = -1;
	if (!overwrite) {
		/* link() refuses an existing target: no window for a race. The
		 * "rename" fault covers this publishing step too. */
		if (fault_hit(FAULT_RENAME) || publish_new(tmpl, path) != 0) {
			e = errno;
			goto out_unlink;
		}
	} else if (fault_hit(FAULT_RENAME) || rename(tmpl, path) != 0) {
		e = errno;
		goto out_unlink;
	}
	int dfd = open(dir, O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		fsync(dfd);  /* best effort: some file systems refuse it */
		close(dfd);
	}
	free(dir);
	free(tmpl);
	return 0;

out_unlink:
	if (fd >= 0)
		close(fd);
	unlink(tmpl);
out_fail:
	free(dir);
	free(tmpl);
	return fail(err, path, "write", e);
}

int ivs_write_atomic(const char *path, const char *data, size_t len, mode_t mode, char **err)
{
	return write_tmp_and_rename(path, data, len, mode, 1, err);
}

int ivs_write_new(const char *path, const char *data, size_t len, mode_t mode, int overwrite,
                  char **err)
{
	return write_tmp_and_rename(path, data, len, mode, overwrite, err);
}

char *ivs_read_file(const char *path, size_t max, size_t *len, char **err)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	struct ivs_buf b;
	char chunk[65536];
	size_t n;

	if (!f) {
		if (err)
			*err = ivs_xasprintf("cannot read %s: %s", path, strerror(errno));
		return NULL;
	}
	ivs_buf_init(&b);
	ivs_buf_add(&b, "", 0);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > max) {
			if (err)
				*err = ivs_xasprintf("cannot read %s: larger than %zu bytes", path, max);
			if (f != stdin)
				fclose(f);
			ivs_buf_free(&b);
			return NULL;
		}
		ivs_buf_add(&b, chunk, n);
	}
	if (ferror(f)) {
		int e = errno;
		if (err)
			*err = ivs_xasprintf("cannot read %s: %s", path, strerror(e ? e : EIO));
		if (f != stdin)
			fclose(f);
		ivs_buf_free(&b);
		return NULL;
	}
	if (f != stdin)
		fclose(f);
	if (len)
		*len = b.len;
	return ivs_buf_steal(&b);
}
