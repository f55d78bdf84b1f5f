/* fsutil.h: file I/O that never loses data.
 *
 * ivs_write_atomic writes to a temporary file in the same folder (O_TMPFILE
 * or mkstemp), fsyncs it, renames it over the target and fsyncs the folder. On any
 * failure the temporary file is removed and the target is untouched; the
 * existing file's permission bits are kept. */
#ifndef IVS_FSUTIL_H
#define IVS_FSUTIL_H

#include <signal.h>
#include <stddef.h>
#include <sys/types.h>

/* Returns 0, or -1 with *err set to "cannot write FILE: reason" (caller
 * frees). mode is used for a new file (existing files keep theirs). */
int ivs_write_atomic(const char *path, const char *data, size_t len, mode_t mode, char **err);

/* ivs_write_file(path, ..., flags): ivs_write_atomic with flags.
 * - A symbolic link is followed: its target is replaced, atomically, in
 *   the target's own folder (the link stays a link), as vim and emacs do.
 * - What exists and is not a regular file (/dev/null, a FIFO, a terminal,
 *   /dev/stdout) is written directly; a folder is refused.
 * - A read-only file (no write bit) is refused unless IVS_WRITE_FORCE.
 * - A new file gets mode less the umask; an existing file keeps its
 *   permission bits, but never set-user-ID or set-group-ID.
 * - The temporary file has no name while it is written (O_TMPFILE, where
 *   the file system allows), else .NAME.tmp.XXXXXX with NAME cut to stay
 *   within NAME_MAX; SIGINT, SIGTERM, SIGHUP and SIGQUIT wait until the
 *   temporary name is gone, so an interrupted write leaves none behind.
 * ivs_write_atomic is ivs_write_file with flags 0. */
#define IVS_WRITE_FORCE 1u
int ivs_write_file(const char *path, const char *data, size_t len, mode_t mode, unsigned flags,
                   char **err);
/* SIGINT, SIGTERM, SIGHUP and SIGQUIT wait (blocked) from ivs_signals_hold
 * until ivs_signals_release(old): around a write whose temporary or staged
 * names must not be left behind. Nests: the inner release restores the
 * outer hold. */
void ivs_signals_hold(sigset_t *old);
void ivs_signals_release(const sigset_t *old);
/* 1 when a and b both exist and are the same file (device and inode). */
int ivs_same_file(const char *a, const char *b);
/* Like ivs_write_atomic but refuses to replace an existing file unless
 * overwrite is true; used for private keys (mode 0600). */
int ivs_write_new(const char *path, const char *data, size_t len, mode_t mode, int overwrite,
                  char **err);
/* Reads a whole file (at most max bytes; larger is an error). Returns a
 * NUL-terminated buffer the caller frees, or NULL with *err set. "-" is
 * standard input. The file is opened without blocking and checked before
 * it is read: a FIFO, a device or a socket is refused ("it is a FIFO, not a
 * regular file") unless it is this process's standard input (/dev/stdin). */
char *ivs_read_file(const char *path, size_t max, size_t *len, char **err);
/* The open of ivs_read_file, for readers of their own (key files): an fd
 * (O_CLOEXEC, blocking again) of a regular file or of standard input under
 * another name, or -1 with *err set ("cannot read PATH: it is a FIFO, not
 * a regular file ..."); never blocks on a FIFO or a device. */
int ivs_open_for_read(const char *path, char **err);

/* Fault injection for tests (the IVS_FAULT variable only in builds with
 * -DIVS_FAULT_INJECTION): the Nth open/write/fsync/rename call from now
 * fails with errno e (0: off). op "delay": every write pauses nth
 * microseconds with its temporary file written (a window for SIGKILL).
 * op "link": ivs_write_new's link() fails with e, as on a file system
 * without hard links, so the RENAME_NOREPLACE path is taken. op
 * "tmpfile": while nth > 0, O_TMPFILE is taken as unsupported (mkstemp
 * names the temporary file from the start). IVS_FAULT may list several,
 * separated by commas: "tmpfile:1:0,delay:5000000:0". */
void ivs_fault_set(const char *op, int nth, int e);

#endif
