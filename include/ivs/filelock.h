/* filelock.h: what a program that rewrites a project needs so that it
 * does not lose another writer's work: a stamp of the file it loaded
 * (to notice a change before it replaces it) and an advisory lock for the
 * whole load-edit-save. Shared by the TUI's save and the CLI commands that
 * rewrite a project (keygen --add). Engine code: no curses. */
#ifndef IVS_FILELOCK_H
#define IVS_FILELOCK_H

#include <stdbool.h>
#include <sys/types.h>

/* Who a file is: mtime and ctime (ctime cannot be set back: touch -d, cp
 * -p and rsync -t keep mtime), size, and device and inode (an editor's
 * save by rename gives a new inode). */
struct ivs_file_stamp {
	bool known;                /* false: the file did not exist (or stat failed) */
	long long mtime_ns, ctime_ns;
	off_t size;
	ino_t ino;
	dev_t dev;
};

/* Stamps the file path names now. Returns s->known. */
bool ivs_file_stamp_take(const char *path, struct ivs_file_stamp *s);
/* True when path no longer names the file s describes: changed, replaced,
 * removed, or created since a stamp that found nothing. */
bool ivs_file_stamp_changed(const char *path, const struct ivs_file_stamp *s);

/* Takes an exclusive advisory lock (flock) on the existing regular file
 * path, waiting up to timeout_ms while another process holds it. A save by
 * rename replaces the file, so once locked it checks that path still names
 * the locked file and otherwise locks the new one: whoever holds the lock
 * holds it on the file path names. Returns a descriptor for
 * ivs_file_unlock, or -1 with *err set (caller frees) when the file cannot
 * be opened, is not a regular file, or stays locked. */
int ivs_file_lock(const char *path, int timeout_ms, char **err);
/* Releases the lock (closes fd); -1 is ignored. */
void ivs_file_unlock(int fd);

#endif
