/* baseline.h: the template a project is compared against while it is
 * edited (the TUI's baseline): the one last exported for the project, or
 * one given with --baseline FILE, as `ivs-tui diff` would compare it. No
 * curses.
 *
 * Where: the baseline path of each project is remembered in
 * $XDG_STATE_HOME/ivs-tui/baselines (or ~/.local/state/ivs-tui/baselines),
 * one "PROJECT<TAB>TEMPLATE" line per project (absolute paths), written
 * atomically.
 *
 * Ownership: struct ivs_baseline owns its template and its last comparison;
 * the resources it is asked about are borrowed. */
#ifndef IVS_BASELINE_H
#define IVS_BASELINE_H

#include <cjson/cJSON.h>
#include <stdbool.h>

#include "ivs/diag.h"
#include "ivs/model.h"
#include "ivs/tdiff.h"

struct ivs_baseline {
	char *path;               /* the template file */
	cJSON *tmpl;              /* its tree */
	struct ivs_tdiff *d;      /* baseline -> project, as of generation gen */
	unsigned long gen;
	const struct ivs_project *proj;  /* the project d is about (not owned) */
	struct ivs_tdiff *accepted;      /* the TUI: the comparison the user last accepted */
	bool have;                /* d describes the project (it had no errors once) */
};

/* Reads a template (JSON or YAML, as diff does). NULL with diagnostics in d. */
struct ivs_baseline *ivs_baseline_load(const char *path, struct ivs_diags *d);
void ivs_baseline_free(struct ivs_baseline *b);

/* Compares the project with the baseline again when it changed since the
 * last time. A project with errors is not exported: the last comparison
 * stays. Returns the comparison (NULL before the first one). */
const struct ivs_tdiff *ivs_baseline_sync(struct ivs_baseline *b, const struct ivs_project *p);

/* Forgets the last comparison (call when the project is replaced: a
 * project's generation counts only its own edits). */
void ivs_baseline_forget(struct ivs_baseline *b);

/* The change of one entry (by its logical id) in the last comparison, or
 * NULL when the baseline has it as it is. */
const struct ivs_tdiff_res *ivs_baseline_res(const struct ivs_baseline *b, const struct ivs_res *r);

/* What an edit would cost: the resources of the baseline that the project
 * p (after the edit) replaces or removes and `before` (the comparison
 * before the edit, may be NULL) did not, in words, one per line; NULL when
 * none. Caller frees. */
char *ivs_baseline_new_losses(const struct ivs_tdiff *before, const struct ivs_tdiff *after);

/* The baseline remembered for a project (caller frees), or NULL. */
char *ivs_baseline_lookup(const char *project_path);
/* Remembers template_path as the baseline of project_path. 0, or -1 with
 * *err set (caller frees). */
int ivs_baseline_remember(const char *project_path, const char *template_path, char **err);

#endif
