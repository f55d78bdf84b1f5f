/* filelock.c: file stamps and advisory project locks (see filelock.h). */
#include "ivs/filelock.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ivs/util.h"

static void fill(struct ivs_file_stamp *s, const struct stat *st)
{
	s->known = true;
	s->mtime_ns = (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
	s->ctime_ns = (long long)st->st_ctim.tv_sec * 1000000000LL + st->st_ctim.tv_nsec;
	s->size = st->st_size;
	s->ino = st->st_ino;
	s->dev = st->st_dev;
}

bool ivs_file_stamp_take(const char *path, struct ivs_file_stamp *s)
{
	struct stat st;
	memset(s, 0, sizeof *s);
	if (path && stat(path, &st) == 0)
		fill(s, &st);
	return s->known;
}

bool ivs_file_stamp_changed(const char *path, const struct ivs_file_stamp *s)
{
	struct ivs_file_stamp now;
	if (!ivs_file_stamp_take(path, &now))
		return s->known;
	return !s->known || now.mtime_ns != s->mtime_ns || now.ctime_ns != s->ctime_ns ||
	       now.size != s->size || now.ino != s->ino || now.dev != s->dev;
}

static void nap_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

int ivs_file_lock(const char *path, int timeout_ms, char **err)
{
	int waited = 0;

	for (;;) {
		struct stat fst, pst;
		/* O_NONBLOCK: a FIFO in the project's place must not block the open. */
		int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
		if (fd < 0) {
			*err = ivs_xasprintf("cannot open %s to lock it: %s", path, strerror(errno));
			return -1;
		}
		if (fstat(fd, &fst) != 0 || !S_ISREG(fst.st_mode)) {
			close(fd);
			*err = ivs_xasprintf("%s is not a regular file: not changing it", path);
			return -1;
		}
		if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
			int e = errno;
			close(fd);
			if (e != EWOULDBLOCK && e != EINTR) {
				*err = ivs_xasprintf("cannot lock %s: %s", path, strerror(e));
				return -1;
			}
			if (waited >= timeout_ms) {
				*err = ivs_xasprintf("another program is changing %s (it holds the file's "
				                     "lock): try again when it is done", path);
				return -1;
			}
			nap_ms(10);
			waited += 10;
			continue;
		}
		/* Locked. Still the file the path names? A writer that renamed a new
		 * file over it while we waited leaves us holding the old one. */
		if (stat(path, &pst) == 0 && pst.st_dev == fst.st_dev && pst.st_ino == fst.st_ino)
			return fd;
		close(fd);
		if (waited >= timeout_ms) {
			*err = ivs_xasprintf("%s keeps being replaced by another program: try again "
			                     "when it is done", path);
			return -1;
		}
		waited++;
	}
}

void ivs_file_unlock(int fd)
{
	if (fd >= 0)
		close(fd);   /* closing the last descriptor releases the flock */
}
