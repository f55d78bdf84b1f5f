/* recover.h: the recovery file (src/engine/recover.c, no curses).
 *
 * When the TUI is told to stop (SIGHUP: the terminal went away; SIGTERM)
 * with unsaved changes, it writes the project to a recovery file instead
 * of losing it; the next start on the same project offers to restore it.
 *
 * Where: next to the project, DIR/.NAME.ivs-recover (NAME is the file
 * name, e.g. .live-events.yaml.ivs-recover). When that folder cannot be
 * written (read-only install, permissions), or the project has no path
 * yet, the file goes to the state folder, $XDG_STATE_HOME/ivs-tui/
 * (XDG_STATE_HOME unset, empty or relative: ~/.local/state): there a
 * project with no path is unsaved.ivs-recover, and a project with a path
 * is its absolute path percent-encoded ('/' is %2F, '%' is %25, control
 * bytes %XX: no two paths share a name), plus .ivs-recover; a name longer
 * than NAME_MAX (a deep folder, or a long NAME beside the project) is
 * sha256-HEX.ivs-recover, the hash of the absolute path.
 *
 * The file is an ordinary project file (canonical YAML from
 * ivs_save_buffer, after a comment line naming the project by its absolute
 * path, escaped as diagnostics are), mode 0600, written atomically and
 * never through a symbolic link (ivs_write_new). Everything here is plain code
 * with no static state: call it from the main loop once
 * ivs_term_signal_take() reports the signal, never from the handler. */
#ifndef IVS_RECOVER_H
#define IVS_RECOVER_H

#include "ivs/model.h"

/* The preferred recovery path for project_path (NULL: a project with no
 * path yet), or NULL when no usable folder is known. Caller frees. */
char *ivs_recover_path(const char *project_path);

/* Writes p to the recovery file. Returns 0, or -1 with *err set (caller
 * frees) when neither place could be written. */
int ivs_recover_write(const struct ivs_project *p, const char *project_path, char **err);

/* The recovery file of project_path (NULL: the unsaved one) when one
 * exists and is not older than the project file (or the project file is
 * gone); else NULL. Caller frees. Load it with ivs_load_file(). */
char *ivs_recover_find(const char *project_path);
/* ivs_recover_find, accepting only a regular file (never through a
 * symbolic link) owned by the effective user that no one else may read or
 * write; *ignored (may be NULL; caller frees) then says why a recovery
 * file was passed over ("Ignored the recovery file X: it belongs to
 * another user (uid 65534), not to you"), or is NULL. */
char *ivs_recover_find_checked(const char *project_path, char **ignored);

/* Removes the recovery files of project_path, in both places (after a
 * save, a restore, or when the user declines). Returns 0, or -1 when a
 * file exists and cannot be removed. */
int ivs_recover_discard(const char *project_path);

#endif
