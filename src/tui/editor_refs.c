/* editor_refs.c: references between entries in the form: the pick list of
 * a REF field, with "+ new" that creates the entry it names (one undo
 * step), generic over every REF row of the tables. */
#include <stdlib.h>
#include <string.h>

#include "ivs/validate.h"
#include "app.h"
#include "dialog.h"
#include "editor.h"
#include "editor_int.h"

/* Adds an entry of kind k and points field of r at it, as one undo step.
 * Returns the new entry. */
static struct ivs_res *add_referenced(struct tui_app *a, struct ivs_res *r, int field,
                                      enum ivs_kind k)
{
	const struct ivs_kind_info *ki = ivs_kind_info(k);
	char *id = ivs_project_unique_id(a->p, ki->id_prefix);
	char *label = ivs_xasprintf("new %s", ki->name);
	ivs_edit_begin(a->p, label);
	struct ivs_res *n = ivs_edit_add(a->p, k, NULL, id, SIZE_MAX);
	if (n)
		ivs_edit_set_str(a->p, r, field, id);
	ivs_edit_end(a->p);
	free(label);
	free(id);
	return n;
}

static void new_done(struct tui_app *a, struct ivs_res *n)
{
	struct tui_editor *ed = tui_current_editor(a);
	tui_validate(a);
	if (ed)
		tui_editor_structure(a, ed);
	if (n)
		tui_status(a, false, "Added %s %s and picked it: select it in the tree to fill it in",
		           ivs_res_info(n)->name, n->id);
}

static void picked_ref(struct tui_app *a, int choice, void *ctx)
{
	struct fctx *c = ctx;
	if (choice < 0)
		return;
	const struct ivs_field *f = &ivs_res_info(c->r)->fields[c->field];
	size_t n;
	const char **t = tui_form_ref_targets(a->p, f, &n);
	if (choice == 0) {
		ivs_edit_unset(a->p, c->r, c->field);
	} else if ((size_t)choice - 1 < n) {
		ivs_edit_set_str(a->p, c->r, c->field, t[choice - 1]);
	} else {
		free(t);
		new_done(a, add_referenced(a, c->r, c->field, f->ref));
		return;
	}
	free(t);
	tui_ed_after_edit(a);
}

void tui_ed_ref_pick(struct tui_app *a, struct ivs_res *r, int field)
{
	const struct ivs_field *f = &ivs_res_info(r)->fields[field];
	size_t n;
	const char **t = tui_form_ref_targets(a->p, f, &n);
	const char *v = ivs_res_get_str(r, field);
	int current = 0;
	for (size_t i = 0; v && i < n; i++)
		if (strcmp(t[i], v) == 0)
			current = (int)i + 1;
	const char **items = ivs_xcalloc(n + 3, sizeof *items);
	items[0] = "(none)";
	for (size_t i = 0; i < n; i++)
		items[i + 1] = t[i];
	char *add = ivs_xasprintf("+ new %s", ivs_kind_info(f->ref)->name);
	items[n + 1] = add;
	tui_pick(a, f->key, items, n + 2, current, picked_ref, tui_ed_fctx_new(r, field));
	free(add);
	free(items);
	free(t);
}
