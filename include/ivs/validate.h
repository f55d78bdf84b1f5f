/* validate.h: every rule of the project format, of CloudFormation's schemas
 * for these types and of the CDK, plus the cross-resource rules.
 *
 * Diagnostics live with what they are about: each resource's own problems
 * in r->diags, the project-wide ones in ivs_project_diags(p). The validator
 * keeps indexes (ids, references, logical ids) in the project's vstate
 * slot, so that ivs_validate_changes re-checks only what the change
 * journal names, and what depends on it (holders and referrers of a
 * renamed id): typing in one field of a 5,000-channel project re-checks one
 * resource, not the project.
 *
 * Where a problem shared by two entries is reported: on the later one in
 * file order (a repeated id, a repeated stream key id, a second stream key,
 * a logical id some earlier resource already has). Project-wide problems
 * have res == NULL: RESOURCE_LIMIT with path "", KEY_PAIR_QUOTA with path
 * "playback_key_pairs". Messages are stable: scripts and screen tests
 * assert them. */
#ifndef IVS_VALIDATE_H
#define IVS_VALIDATE_H

#include <stddef.h>

#include "ivs/diag.h"
#include "ivs/model.h"

/* Re-checks everything and rebuilds the indexes; clears the journal. */
void ivs_validate_all(struct ivs_project *p);
/* Re-checks what changed since the last call; clears the journal. The
 * first call on a project is a full validation. */
void ivs_validate_changes(struct ivs_project *p);

size_t ivs_validate_errors(const struct ivs_project *p);
size_t ivs_validate_warnings(const struct ivs_project *p);
/* How many resources the last ivs_validate_all / ivs_validate_changes
 * checked (a debug counter: tests prove that one edit re-checks little). */
size_t ivs_validate_last_checked(const struct ivs_project *p);

/* Copies every current diagnostic into out (project-wide first, then in
 * file order of the resources), with paths filled in. */
void ivs_validate_collect(const struct ivs_project *p, struct ivs_diags *out);

/* Checks text for a field of r without storing it (the TUI shows the
 * problem of what is being typed, also for text the field cannot hold,
 * like "3x" in a number field). Adds the diagnostics to out. */
void ivs_validate_candidate(const struct ivs_project *p, const struct ivs_res *r, int field,
                            const char *text, struct ivs_diags *out);

#endif
