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
#include <stdbool.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ivs/util.h"

enum fault_op { FAULT_OPEN, FAULT_WRITE, FAULT_FSYNC, FAULT_RENAME, FAULT_DELAY, FAULT_LINK,
                FAULT_TMPFILE, FAULT_N };
static const char *const fault_names[FAULT_N] = {"open", "write", "fsync", "rename", "delay",
                                                  "link", "tmpfile"};
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
	/* "op:nth:errno", or several separated by commas */
	while (*s) {
		char op[16];
		int nth, e, used = 0;
		if (sscanf(s, "%15[a-z]:%d:%d%n", op, &nth, &e, &used) != 3 || used <= 0)
			break;
		ivs_fault_set(op, nth, e);
		s += used;
		if (*s == ',')
			s++;
	}
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

static const char *base_of(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static int fail(char **err, const char *path, const char *what, int e)
{
	if (err)
		*err = ivs_xasprintf("cannot %s %s: %s", what, path, strerror(e));
	errno = e;
	return -1;
}

/* The temporary name beside path: DIR/.NAME.tmp.XXXXXX, NAME cut so that
 * the whole file name stays within NAME_MAX (a legal 255-byte NAME still
 * gets a temporary file in its folder). */
static char *tmp_template(const char *dir, const char *base)
{
	size_t room = NAME_MAX - strlen("..tmp.XXXXXX");
	size_t n = strlen(base);
	return ivs_xasprintf("%s/.%.*s.tmp.XXXXXX", dir, (int)(n < room ? n : room), base);
}

/* The file mode a new file gets from open(..., mode): mode less the umask. */
static mode_t umasked(mode_t mode)
{
	mode_t um = umask(0);
	umask(um);
	return mode & ~um & 0777;
}

/* Follows path while it is a symbolic link (the target need not exist), so
 * that a save through a link replaces the link's target in its own folder,
 * as vim and emacs do. Returns a new string, or NULL with errno set. */
static char *follow_links(const char *path)
{
	char *cur = ivs_xstrdup(path);
	for (int hops = 0; hops < 40; hops++) {
		struct stat ls;
		char buf[PATH_MAX];
		if (lstat(cur, &ls) != 0 || !S_ISLNK(ls.st_mode))
			return cur;
		ssize_t n = readlink(cur, buf, sizeof buf - 1);
		if (n < 0) {
			int e = errno;
			free(cur);
			errno = e;
			return NULL;
		}
		buf[n] = '\0';
		char *next;
		if (buf[0] == '/') {
			next = ivs_xstrdup(buf);
		} else {
			char *dir = dir_of(cur);
			next = ivs_xasprintf("%s/%s", dir, buf);
			free(dir);
		}
		free(cur);
		cur = next;
	}
	free(cur);
	errno = ELOOP;
	return NULL;
}

/* SIGINT, SIGTERM and SIGHUP wait while a temporary file has a name: the
 * signal is delivered once it is renamed or removed, so an interrupted
 * write never leaves .NAME.tmp.XXXXXX behind. */
void ivs_signals_hold(sigset_t *old)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGQUIT);
	sigprocmask(SIG_BLOCK, &set, old);
}

void ivs_signals_release(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

/* Writes data into an unnamed file in dir (O_TMPFILE), then gives it a
 * temporary name (linkat through /proc/self/fd). Returns the open fd with
 * *tmp set, -1 with errno set on a failure to report, or -2 when the file
 * system (or /proc) does not allow it: then the caller uses mkstemp. */
static int tmpfile_named(const char *dir, const char *tmpl, mode_t mode, mode_t keep_mode,
                         int have_old, const char *data, size_t len, char **tmp)
{
	int fd = -1;
	fault_env();
	if (faults[FAULT_TMPFILE].nth > 0)   /* "tmpfile": no O_TMPFILE while set */
		return -2;
	fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, mode & 0777);
	if (fd < 0)
		return errno == EISDIR || errno == EOPNOTSUPP || errno == EINVAL || errno == ENOENT
		               ? -2 : -1;
	if ((have_old && fchmod(fd, keep_mode) != 0) || write_all(fd, data, len) != 0)
		goto fail;
	fault_delay();
	if (fault_hit(FAULT_FSYNC) || fsync(fd) != 0)
		goto fail;
	char proc[64];
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	for (int tries = 0; tries < 100; tries++) {
		char *name = ivs_xstrdup(tmpl);
		/* mkstemp's pattern, filled in without creating the file */
		char *x = name + strlen(name) - 6;
		static const char set[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
		unsigned long r = (unsigned long)random() ^ ((unsigned long)getpid() << 8);
		for (int i = 0; i < 6; i++, r /= 62)
			x[i] = set[r % 62];
		if (linkat(AT_FDCWD, proc, AT_FDCWD, name, AT_SYMLINK_FOLLOW) == 0) {
			*tmp = name;
			return fd;
		}
		int e = errno;
		free(name);
		if (e != EEXIST) {
			close(fd);
			errno = e;
			return e == ENOENT || e == EPERM || e == EOPNOTSUPP || e == EXDEV || e == EMLINK
			               ? -2 : -1;
		}
	}
	errno = EEXIST;
fail:;
	int e = errno;
	close(fd);
	errno = e;
	return -1;
}

/* The same with mkstemp: a named temporary file from the start. */
static int tmpfile_mkstemp(const char *tmpl, mode_t mode, const char *data, size_t len, char **tmp)
{
	char *name = ivs_xstrdup(tmpl);
	int fd = mkstemp(name);
	if (fd < 0) {
		int e = errno;
		free(name);
		errno = e;
		return -1;
	}
	*tmp = name;
	if (fchmod(fd, mode) != 0 || write_all(fd, data, len) != 0)
		goto fail;
	fault_delay();
	if (fault_hit(FAULT_FSYNC) || fsync(fd) != 0)
		goto fail;
	return fd;
fail:;
	int e = errno;
	close(fd);
	errno = e;
	return -1;
}

/* Writes straight into what is not a regular file (a device, a FIFO,
 * /dev/stdout): there is nothing to replace. */
static int write_direct(const char *path, const char *data, size_t len, char **err)
{
	if (fault_hit(FAULT_OPEN))
		return fail(err, path, "write", errno);
	int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return fail(err, path, "write", errno);
	if (write_all(fd, data, len) != 0) {
		int e = errno;
		close(fd);
		return fail(err, path, "write", e);
	}
	if (close(fd) != 0 && errno != EINTR)
		return fail(err, path, "write", errno);
	return 0;
}

/* The one writer. follow: the ivs_write_file behaviour (symbolic links
 * followed, non-regular files written directly, read-only targets refused
 * unless IVS_WRITE_FORCE); without it (ivs_write_new) only path itself
 * is looked at. */
static int write_tmp_and_rename(const char *path_in, const char *data, size_t len, mode_t mode,
                                int overwrite, int follow, unsigned flags, char **err)
{
	struct stat st;
	/* /dev/stdout on a pipe is a link to "pipe:[N]": what is not a regular
	 * file is written through its own name, not through a resolved one. */
	if (follow && stat(path_in, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
		return write_direct(path_in, data, len, err);
	char *path = follow ? follow_links(path_in) : ivs_xstrdup(path_in);
	if (!path)
		return fail(err, path_in, "write", errno);
	int have_old = (follow ? stat(path, &st) : lstat(path, &st)) == 0;
	int fd = -1, e = 0, rc = -1;
	char *tmp = NULL;

	if (have_old && !overwrite) {
		fail(err, path_in, "write", EEXIST);
		free(path);
		return -1;
	}
	if (have_old && follow && !S_ISREG(st.st_mode)) {
		free(path);
		if (S_ISDIR(st.st_mode))
			return fail(err, path_in, "replace", EISDIR);
		return write_direct(path_in, data, len, err);
	}
	if (have_old && follow && !(flags & IVS_WRITE_FORCE) && !(st.st_mode & 0222)) {
		if (err)
			*err = ivs_xasprintf("cannot replace %s: the file is read-only; make it "
			                     "writable first", path_in);
		free(path);
		errno = EACCES;
		return -1;
	}
	if (have_old && !follow && !S_ISREG(st.st_mode)) {
		fail(err, path_in, "replace", EISDIR);
		free(path);
		return -1;
	}
	/* An existing file keeps its permission bits, never set-user-ID or
	 * set-group-ID; a new one gets mode less the umask. */
	mode_t keep = have_old ? (st.st_mode & 0777) : umasked(mode);
	char *dir = dir_of(path);
	char *tmpl = tmp_template(dir, base_of(path));
	sigset_t oldmask;

	ivs_signals_hold(&oldmask);
	if (fault_hit(FAULT_OPEN)) {
		e = errno;
		goto out;
	}
	fd = tmpfile_named(dir, tmpl, mode, keep, have_old, data, len, &tmp);
	if (fd == -2)
		fd = tmpfile_mkstemp(tmpl, keep, data, len, &tmp);
	if (fd < 0) {
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
		if (fault_hit(FAULT_RENAME) || publish_new(tmp, path) != 0) {
			e = errno;
			goto out_unlink;
		}
	} else if (fault_hit(FAULT_RENAME) || rename(tmp, path) != 0) {
		e = errno;
		goto out_unlink;
	}
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);  /* best effort: some file systems refuse it */
		close(dfd);
	}
	rc = 0;
	goto out;

out_unlink:
	if (tmp)
		unlink(tmp);
out:
	ivs_signals_release(&oldmask);
	free(dir);
	free(tmpl);
	free(tmp);
	free(path);
	if (rc != 0)
		return fail(err, path_in, "write", e);
	return 0;
}

int ivs_write_file(const char *path, const char *data, size_t len, mode_t mode, unsigned flags,
                   char **err)
{
	return write_tmp_and_rename(path, data, len, mode, 1, 1, flags, err);
}

int ivs_write_atomic(const char *path, const char *data, size_t len, mode_t mode, char **err)
{
	return write_tmp_and_rename(path, data, len, mode, 1, 1, 0, err);
}

int ivs_write_new(const char *path, const char *data, size_t len, mode_t mode, int overwrite,
                  char **err)
{
	return write_tmp_and_rename(path, data, len, mode, overwrite, 0, 0, err);
}

int ivs_same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* Opens path for reading without blocking on a FIFO or a device, and
 * accepts only a regular file, or the process's own standard input under
 * another name (/dev/stdin, /dev/fd/0). Returns the fd (blocking again),
 * or -1 with *err set. */
int ivs_open_for_read(const char *path, char **err)
{
	struct stat st, in;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		if (err)
			*err = ivs_xasprintf("cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		int e = errno;
		close(fd);
		if (err)
			*err = ivs_xasprintf("cannot read %s: %s", path, strerror(e));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		if (err)
			*err = ivs_xasprintf("cannot read %s: %s", path, strerror(EISDIR));
		errno = EISDIR;
		return -1;
	}
	bool is_stdin = fstat(STDIN_FILENO, &in) == 0 && in.st_dev == st.st_dev &&
	                in.st_ino == st.st_ino;
	if (!S_ISREG(st.st_mode) && !is_stdin) {
		close(fd);
		if (err)
			*err = ivs_xasprintf("cannot read %s: it is %s, not a regular file (use - to read "
			                     "standard input)",
			                     path, S_ISFIFO(st.st_mode) ? "a FIFO"
			                           : S_ISCHR(st.st_mode) ? "a character device"
			                           : S_ISBLK(st.st_mode) ? "a block device"
			                           : S_ISSOCK(st.st_mode) ? "a socket" : "a special file");
		errno = EINVAL;
		return -1;
	}
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	return fd;
}

char *ivs_read_file(const char *path, size_t max, size_t *len, char **err)
{
	int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : ivs_open_for_read(path, err);
	struct ivs_buf b;
	char chunk[65536];

	if (fd < 0)
		return NULL;
	ivs_buf_init(&b);
	ivs_buf_add(&b, "", 0);
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			if (err)
				*err = ivs_xasprintf("cannot read %s: %s", path, strerror(e ? e : EIO));
			if (fd != STDIN_FILENO)
				close(fd);
			ivs_buf_free(&b);
			return NULL;
		}
		if (n == 0)
			break;
		if (b.len + (size_t)n > max) {
			if (err)
				*err = ivs_xasprintf("cannot read %s: larger than %zu bytes", path, max);
			if (fd != STDIN_FILENO)
				close(fd);
			ivs_buf_free(&b);
			return NULL;
		}
		ivs_buf_add(&b, chunk, (size_t)n);
	}
	if (fd != STDIN_FILENO)
		close(fd);
	if (len)
		*len = b.len;
	return ivs_buf_steal(&b);
}
