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

/* ---- other small YAML files (theme files, config.yaml) ----
 *
 * The project loader's reader (yaml_tree.c) for files that are not
 * projects: one document into a tree of positioned nodes. It refuses, each
 * as a diagnostic with the loader's rule ids and wording (`what` names the
 * file: "a theme file"): what libyaml refuses, anchors and aliases, tags
 * other than YAML's core ones, nesting deeper than max_depth collections,
 * scalars over IVS_YAML_MAX_SCALAR, NUL characters, a second document, an
 * empty file. Duplicate keys are the caller's to check (it knows the
 * paths). Returns the root (free with ivs_ynode_free), or NULL when there
 * were errors. Callers bound len themselves. */
enum ivs_ynode_type { IVS_YN_SCALAR, IVS_YN_SEQ, IVS_YN_MAP };

struct ivs_ynode {
	enum ivs_ynode_type type;
	struct ivs_pos pos;          /* 1-based */
	char *value;                 /* IVS_YN_SCALAR: the text; NULL otherwise */
	bool plain;                  /* scalar without quotes (and not !!str) */
	struct ivs_ynode **kids;     /* SEQ: items; MAP: key, value, key, value... */
	size_t n;
};

struct ivs_ynode *ivs_yaml_read_doc(const char *data, size_t len, const char *what,
                                    unsigned max_depth, struct ivs_diags *diags);
void ivs_ynode_free(struct ivs_ynode *n);

/* libyaml's parser problem reworded into advice ("a `: ` is not allowed
 * here; check the indentation ..."), or NULL when it has none; an
 * undefined tag handle gets undefined_tag (the project loader and the
 * template reader say different things of tags). */
const char *ivs_yaml_syntax_advice(const char *problem, const char *undefined_tag);

#endif
