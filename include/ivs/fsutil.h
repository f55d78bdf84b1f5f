/* fsutil.h: file I/O that never loses data.
 *
 * ivs_write_atomic writes to a temporary file in the same folder (mkstemp),
 * fsyncs it, renames it over the target and fsyncs the folder. On any
 * failure the temporary file is removed and the target is untouched; the
 * existing file's permission bits are kept. */
#ifndef IVS_FSUTIL_H
#define IVS_FSUTIL_H

#include <stddef.h>
#include <sys/types.h>

/* Returns 0, or -1 with *err set to "cannot write FILE: reason" (caller
 * frees). mode is used for a new file (existing files keep theirs). */
int ivs_write_atomic(const char *path, const char *data, size_t len, mode_t mode, char **err);
/* Like ivs_write_atomic but refuses to replace an existing file unless
 * overwrite is true; used for private keys (mode 0600). */
int ivs_write_new(const char *path, const char *data, size_t len, mode_t mode, int overwrite,
                  char **err);
/* Reads a whole file (at most max bytes; larger is an error). Returns a
 * NUL-terminated buffer the caller frees, or NULL with *err set. */
char *ivs_read_file(const char *path, size_t max, size_t *len, char **err);

/* Fault injection for tests (the IVS_FAULT variable only in builds with
 * -DIVS_FAULT_INJECTION): the Nth open/write/fsync/rename call from now
 * fails with errno e (0: off). op "delay": every write pauses nth
 * microseconds with its temporary file written (a window for SIGKILL).
 * op "link": ivs_write_new's link() fails with e, as on a file system
 * without hard links, so the RENAME_NOREPLACE path is taken. */
void ivs_fault_set(const char *op, int nth, int e);

#endif
