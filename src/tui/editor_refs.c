/* editor_refs.c: references between entries in the form, generic over the
 * tables' columns: the pick list of a REF field, with "+ new" that creates
 * the entry it names (one undo step); the multi-pick of a list of
 * references (REF_LIST); the one-of choice (rows sharing `one_of`: a chat
 * logging configuration's destination); and the outputs a channel needs
 * after deploy. */
#include <stdlib.h>
#include <string.h>

#include "ivs/validate.h"
#include "app.h"
#include "dialog.h"
#include "editor.h"
#include "editor_int.h"

/* ---- one REF ---- */

/* Adds an entry of the field's kind (a child of the holder for a child
 * REF) and points field of r at it, as one undo step. */
static struct ivs_res *add_referenced(struct tui_app *a, struct ivs_res *r, int field)
{
	const struct ivs_field *f = &ivs_res_info(r)->fields[field];
	const struct ivs_kind_info *ki = ivs_kind_info(f->ref);
	struct ivs_res *holder = NULL;
	char *id;
	if (ki->role == IVS_ROLE_CHILD) {
		holder = tui_form_ref_holder(a->p, r, field);
		if (!holder)
			return NULL;
		size_t n = ivs_res_children(holder)->n;
		id = n ? ivs_xasprintf("%s%zu", ki->id_prefix, n + 1) : ivs_xstrdup(ki->id_prefix);
	} else {
		id = ivs_project_unique_id(a->p, ki->id_prefix);
	}
	char *label = ivs_xasprintf("new %s", ki->name);
	ivs_edit_begin(a->p, label);
	struct ivs_res *n = ivs_edit_add(a->p, f->ref, holder, id, SIZE_MAX);
	if (n)
		ivs_edit_set_str(a->p, r, field, id);
	ivs_edit_end(a->p);
	free(label);
	free(id);
	return n;
}

static void structure_changed(struct tui_app *a)
{
	struct tui_editor *ed = tui_current_editor(a);
	tui_validate(a);
	if (ed)
		tui_editor_structure(a, ed);
}

static void picked_ref(struct tui_app *a, int choice, void *ctx)
{
	struct fctx *c = ctx;
	if (choice < 0)
		return;
	size_t n;
	const char **t = tui_form_ref_targets_for(a->p, c->r, c->field, &n);
	if (choice == 0) {
		ivs_edit_unset(a->p, c->r, c->field);
	} else if ((size_t)choice - 1 < n) {
		ivs_edit_set_str(a->p, c->r, c->field, t[choice - 1]);
	} else {
		free(t);
		struct ivs_res *nr = add_referenced(a, c->r, c->field);
		structure_changed(a);
		if (nr)
			tui_status(a, false, "Added and picked %s %s", ivs_res_info(nr)->name, nr->id);
		return;
	}
	free(t);
	tui_ed_after_edit(a);
}

void tui_ed_ref_pick(struct tui_app *a, struct ivs_res *r, int field)
{
	const struct ivs_field *f = &ivs_res_info(r)->fields[field];
	size_t n;
	const char **t = tui_form_ref_targets_for(a->p, r, field, &n);
	const char *v = ivs_res_get_str(r, field);
	int current = 0;
	for (size_t i = 0; v && i < n; i++)
		if (strcmp(t[i], v) == 0)
			current = (int)i + 1;
	/* "+ new": one kind to make, and for a child its holder must exist */
	bool can_new = !f->ref_mask && (!f->ref_parent || tui_form_ref_holder(a->p, r, field));
	const char **items = ivs_xcalloc(n + 3, sizeof *items);
	items[0] = "(none)";
	for (size_t i = 0; i < n; i++)
		items[i + 1] = t[i];
	char *add = ivs_xasprintf("+ new %s", ivs_kind_info(f->ref)->name);
	if (can_new)
		items[n + 1] = add;
	tui_pick(a, f->key, items, n + 1 + can_new, current, picked_ref, tui_ed_fctx_new(r, field));
	free(add);
	free(items);
	free(t);
}

/* ---- a list of references ---- */

/* The items of the multi-pick: the entries of the kind, then ids the
 * list holds that name nothing (kept unless unchecked). */
static const char **id_items(struct tui_app *a, const struct ivs_res *r, int field, size_t *n)
{
	size_t nt;
	const char **t = tui_form_ref_targets_for(a->p, r, field, &nt);
	const struct ivs_idlist *cur = ivs_res_get_ids(r, field);
	const char **items = ivs_xcalloc(nt + (cur ? cur->n : 0) + 1, sizeof *items);
	size_t k = 0;
	for (size_t i = 0; i < nt; i++)
		items[k++] = t[i];
	for (size_t i = 0; cur && i < cur->n; i++) {
		bool known = false;
		for (size_t j = 0; j < k && !known; j++)
			known = strcmp(items[j], cur->v[i]) == 0;
		if (!known)
			items[k++] = cur->v[i];
	}
	free(t);
	*n = k;
	return items;
}

static void picked_ids(struct tui_app *a, const bool *on, void *ctx)
{
	struct fctx *c = ctx;
	if (!on)
		return;
	size_t n;
	const char **items = id_items(a, c->r, c->field, &n);
	struct ivs_idlist l = {0};
	/* the order the list had, then the newly checked in list order */
	const struct ivs_idlist *cur = ivs_res_get_ids(c->r, c->field);
	for (size_t i = 0; cur && i < cur->n; i++)
		for (size_t j = 0; j < n; j++)
			if (on[j] && strcmp(items[j], cur->v[i]) == 0) {
				ivs_idlist_push(&l, items[j]);
				break;
			}
	for (size_t j = 0; j < n; j++) {
		bool had = false;
		for (size_t i = 0; i < l.n && !had; i++)
			had = strcmp(l.v[i], items[j]) == 0;
		if (on[j] && !had)
			ivs_idlist_push(&l, items[j]);
	}
	free(items);
	if (l.n)
		ivs_edit_set_ids(a->p, c->r, c->field, &l);
	else
		ivs_edit_unset(a->p, c->r, c->field);
	ivs_idlist_free(&l);
	tui_ed_after_edit(a);
}

void tui_ed_ids_pick(struct tui_app *a, struct ivs_res *r, int field)
{
	const struct ivs_field *f = &ivs_res_info(r)->fields[field];
	size_t n;
	const char **items = id_items(a, r, field, &n);
	if (!n) {
		tui_status(a, true, "There is no %s yet: add one in the tree first",
		           ivs_kind_info(f->ref)->name);
		free(items);
		return;
	}
	bool *on = ivs_xcalloc(n, sizeof *on);
	const struct ivs_idlist *cur = ivs_res_get_ids(r, field);
	for (size_t j = 0; j < n; j++)
		for (size_t i = 0; cur && i < cur->n; i++)
			if (strcmp(items[j], cur->v[i]) == 0)
				on[j] = true;
	tui_multi(a, f->key, items, n, on, picked_ids, tui_ed_fctx_new(r, field));
	free(on);
	free(items);
}

/* ---- one of ---- */

static void picked_one_of(struct tui_app *a, int choice, void *ctx)
{
	struct fctx *c = ctx;
	if (choice < 0)
		return;
	const struct ivs_kind_info *ki = ivs_res_info(c->r);
	const struct ivs_field *f = &ki->fields[c->field];
	int k = 0, target = -1;
	for (int i = 0; i < ki->nfields && target < 0; i++)
		if (ki->fields[i].one_of == f->one_of && ki->fields[i].parent == f->parent && k++ == choice)
			target = i;
	if (target < 0)
		return;
	/* the others of the set go (one undo step; what is typed next is
	 * another) */
	ivs_edit_begin(a->p, "one of");
	for (int i = 0; i < ki->nfields; i++)
		if (i != target && ki->fields[i].one_of == f->one_of && ki->fields[i].parent == f->parent &&
		    ivs_res_is_set(c->r, i))
			ivs_edit_unset(a->p, c->r, i);
	ivs_edit_end(a->p);
	tui_ed_after_edit(a);
	struct tui_editor *ed = tui_current_editor(a);
	if (!ed)
		return;
	int row = tui_form_row_of(&ed->form, target);
	if (row >= 0)
		ed->fsel = row;
	if (ivs_res_is_set(c->r, target))
		return;
	if (ki->fields[target].type == IVS_FT_REF)
		tui_ed_ref_pick(a, c->r, target);
	else if (tui_form_is_text(&ki->fields[target]))
		tui_ed_edit_start(a, ed, c->r, target);
}

void tui_ed_one_of_pick(struct tui_app *a, struct ivs_res *r, int field)
{
	const struct ivs_kind_info *ki = ivs_res_info(r);
	const struct ivs_field *f = &ki->fields[field];
	const char *items[16];
	size_t n = 0;
	int current = 0;
	for (int i = 0; i < ki->nfields && n < IVS_ARRAY_LEN(items); i++)
		if (ki->fields[i].one_of == f->one_of && ki->fields[i].parent == f->parent) {
			if (ivs_res_is_set(r, i))
				current = (int)n;
			items[n++] = ki->fields[i].key;
		}
	char *title = ivs_xasprintf("%s: exactly one of", ki->name);
	tui_pick(a, title, items, n, current, picked_one_of, tui_ed_fctx_new(r, field));
	free(title);
}

/* ---- the outputs of a channel ---- */

/* Whether an output already shows attr of resource (or of its stream key). */
static bool has_output(const struct ivs_project *p, const char *resource, const char *key,
                       int attr)
{
	const struct ivs_list *l = ivs_project_list(p, IVS_KIND_OUTPUT);
	for (size_t i = 0; i < l->n; i++) {
		const struct ivs_res *o = l->v[i];
		const char *res = ivs_res_get_str(o, IVS_OUTPUT_RESOURCE);
		const char *sk = ivs_res_get_str(o, IVS_OUTPUT_STREAM_KEY);
		if (res && strcmp(res, resource) == 0 && ivs_res_is_set(o, IVS_OUTPUT_ATTRIBUTE) &&
		    ivs_res_get_num(o, IVS_OUTPUT_ATTRIBUTE) == attr &&
		    ((!key && !sk) || (key && sk && strcmp(key, sk) == 0)))
			return true;
	}
	return false;
}

/* Adds output <base> = attr of channel c (of its stream key when key). */
static struct ivs_res *add_output(struct tui_app *a, const struct ivs_res *c, const char *key,
                                  int attr, const char *suffix)
{
	if (has_output(a->p, c->id, key, attr))
		return NULL;
	char *base = ivs_xasprintf("%s%s", key ? key : c->id, suffix);
	char *id = ivs_project_unique_id(a->p, base);
	struct ivs_res *o = ivs_edit_add(a->p, IVS_KIND_OUTPUT, NULL, id, SIZE_MAX);
	if (o) {
		ivs_edit_set_str(a->p, o, IVS_OUTPUT_RESOURCE, c->id);
		if (key)
			ivs_edit_set_str(a->p, o, IVS_OUTPUT_STREAM_KEY, key);
		ivs_edit_set_enum(a->p, o, IVS_OUTPUT_ATTRIBUTE, attr);
	}
	free(id);
	free(base);
	return o;
}

void tui_ed_add_outputs(struct tui_app *a, struct tui_editor *ed)
{
	struct ivs_res *r = tui_ed_sel_res(ed);
	struct ivs_res *c = r && r->parent ? r->parent : r;
	if (!c || c->kind != IVS_KIND_CHANNEL || !c->id) {
		tui_status(a, true, "Select a channel to add its outputs (ingest endpoint, playback URL, "
		           "stream key ARNs)");
		return;
	}
	size_t added = 0;
	struct ivs_res *first = NULL, *o;
	ivs_edit_begin(a->p, "add outputs");
	/* An imported channel has no attributes here; the stream keys made
	 * for it do. */
	if (!ivs_res_imported(c)) {
		if ((o = add_output(a, c, NULL, IVS_ATTR_INGEST_ENDPOINT, "IngestEndpoint")) && ++added)
			first = first ? first : o;
		if ((o = add_output(a, c, NULL, IVS_ATTR_PLAYBACK_URL, "PlaybackUrl")) && ++added)
			first = first ? first : o;
	}
	const struct ivs_list *keys = ivs_res_children(c);
	for (size_t i = 0; keys && i < keys->n; i++)
		if (keys->v[i]->id &&
		    (o = add_output(a, c, keys->v[i]->id, IVS_ATTR_ARN, "Arn")) && ++added)
			first = first ? first : o;
	ivs_edit_end(a->p);
	if (!added) {
		tui_status(a, false, "%s has its outputs already", c->id);
		return;
	}
	structure_changed(a);
	tui_status(a, false, "Added %zu output%s for %s, from %s (in Outputs)", added,
	           added == 1 ? "" : "s", c->id, first->id);
}
