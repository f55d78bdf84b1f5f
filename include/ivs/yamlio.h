/* yamlio.h: the project file, read and written with libyaml.
 *
 * Loading reports every problem it finds (not only the first) into `diags`,
 * each with file position: not YAML, wrong type, unknown key (with "did you
 * mean"), bad enum value (listing the allowed ones), duplicate key,
 * missing or unsupported ivs_tui version, aliases and anchors (refused),
 * documents nested deeper than the format can be, oversized input.
 * It returns a project only when the file had no such structural problem
 * (values that break rules, like a 301-second window, load fine and are
 * the validator's business). The caller owns the project.
 *
 * Saving writes the canonical form (keys in table order, list order kept,
 * keys the user never set absent), atomically. Loading a saved file and
 * saving it again gives the same bytes. Comments are not kept. */
#ifndef IVS_YAMLIO_H
#define IVS_YAMLIO_H

#include <stdbool.h>
#include <stddef.h>

#include "ivs/diag.h"
#include "ivs/model.h"
#include "ivs/util.h"

/* Bounds on input: files larger than this, scalars longer, or documents
 * nested deeper are refused with a diagnostic, never processed. */
#define IVS_YAML_MAX_BYTES   (64u * 1024u * 1024u)
#define IVS_YAML_MAX_SCALAR  (64u * 1024u)
#define IVS_YAML_MAX_DEPTH   8

/* name is used in diagnostics only. */
struct ivs_project *ivs_load_buffer(const char *name, const char *data, size_t len,
                                    struct ivs_diags *diags);
/* Reads path; an unreadable file is one IO_ERROR diagnostic. */
struct ivs_project *ivs_load_file(const char *path, struct ivs_diags *diags);

/* Canonical YAML of the project into out (appended). */
void ivs_save_buffer(const struct ivs_project *p, struct ivs_buf *out);
/* Writes atomically (see fsutil.h). Returns 0, or -1 with *err set (caller
 * frees); on failure the file on disk is untouched. */
int ivs_save_file(const struct ivs_project *p, const char *path, char **err);

/* True when a YAML 1.1 or 1.2 reader would resolve the plain scalar s to
 * something other than a string: null, booleans, numbers (also hex, octal,
 * binary, sexagesimal, floats, .inf, .nan), timestamps, merge keys, and the
 * empty string. Errs on the side of quoting. The saver and the YAML export
 * quote such strings. */
bool ivs_yaml_reads_as_other(const char *s);

#endif
