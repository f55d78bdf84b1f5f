/* changes.h: the editor against a baseline template (src/tui/
 * changes.c; the engine part is baseline.h). The baseline is the template
 * given with --baseline FILE, or the one last exported for the project
 * (remembered in the XDG state folder). With one:
 * - the tree marks entries a deploy would add (+), update in place (~) or
 *   replace (±, R without UTF-8);
 * - the Changes panel (F7 again from the Problems panel) lists every change
 *   in the words of `ivs-tui diff`; Enter jumps to the entry;
 * - an edit that would replace or remove a resource of the baseline
 *   (renaming an id, changing a create-only field, deleting) is undone at
 *   once and the user is asked, "Keep it as it was" being the default
 *   (Enter, Esc); "Apply anyway" redoes it. */
#ifndef TUI_CHANGES_H
#define TUI_CHANGES_H

#include <stdbool.h>

#include "ivs/model.h"
#include "ivs/util.h"

struct tui_app;

/* At start: path (--baseline), else the one remembered for the project.
 * A given path is remembered for the project. Problems go to the status
 * line. */
void tui_baseline_start(struct tui_app *a, const char *path);
/* The project was replaced (open): the remembered baseline of the new one. */
void tui_baseline_project_changed(struct tui_app *a);
/* After an export to path: it becomes the baseline, remembered. */
void tui_baseline_exported(struct tui_app *a, const char *path);
/* After any edit (tui_validate): notes it; the check runs after the key. */
void tui_baseline_edited(struct tui_app *a);
/* After each key: asks about an edit that replaces baseline resources. */
void tui_baseline_after_key(struct tui_app *a);
/* Appends the tree marker of r and a space ("~ "), or two spaces without
 * a change; nothing without a baseline or when no entry differs (removed
 * resources have no entry: the Changes panel lists them). */
void tui_baseline_label(struct tui_app *a, const struct ivs_res *r, struct ivs_buf *out);
void tui_baseline_free(struct tui_app *a);

void tui_changes_open(struct tui_app *a);
bool tui_changes_is_open(struct tui_app *a);

#endif
