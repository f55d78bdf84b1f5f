/* cmd_load.h: what the validate and export commands share: loading one
 * project file (or stdin) and validating it. Private to src/cli. */
#ifndef IVS_CMD_LOAD_H
#define IVS_CMD_LOAD_H

#include <stdbool.h>

#include "ivs/diag.h"
#include "ivs/model.h"

/* Loads path ("-": standard input, named "<stdin>" in diagnostics) and,
 * when it loads, validates it. Every diagnostic (loader's, then the
 * validator's) goes into d, sorted by position; d keeps at most
 * IVS_DIAGS_LIMIT of them (the rest are counted: "… and N more"). *name is the name to print.
 * Returns the project (caller frees) or NULL. *io_error is true when the
 * file could not be read at all (exit status 2, not 1). */
struct ivs_project *ivs_cli_load(const char *path, const char **name, struct ivs_diags *d,
                                 bool *io_error);

/* "1 error", "2 warnings" */
const char *ivs_cli_plural(size_t n, const char *one, const char *many);

#endif
