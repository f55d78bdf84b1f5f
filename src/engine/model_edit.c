/* model_edit.c: the edit API (model.h, "editing"): each call records one
 * undo step and journals what it touched. */
#include "model_int.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ivs/value.h"

/* ---- editing ---- */

static struct op *op_new(enum op_type t, struct ivs_res *r)
{
	struct op *o = ivs_xcalloc(1, sizeof *o);
	o->type = t;
	o->res = r;
	o->field = -1;
	return o;
}

static const char *kind_label(const struct ivs_res *r)
{
	return ivs_kind_info(r->kind)->name;
}

/* Sets field to v (taken over), and its group when it has one. */
static int edit_field(struct ivs_project *p, struct ivs_res *r, int field, struct fval v)
{
	const struct ivs_field *f = ivs_m_field_of(r, field);
	char label[96];

	if (!f || f->type == IVS_FT_CHILDREN) {
		ivs_m_fval_free(f ? f : ivs_m_field_of(r, 0), &v);
		return -1;
	}
	label[0] = '\0';   /* only an undo step uses it (not the loader's edits) */
	if (p->history_on)
		snprintf(label, sizeof label, "set %s", f->key);
	bool need_group = v.set && f->parent >= 0 && !ivs_res_is_set(r, f->parent);
	if (need_group)
		ivs_edit_begin(p, label);
	/* every group it sits in that is not there yet (groups nest) */
	for (int gi = f->parent; need_group && gi >= 0 && !ivs_res_is_set(r, gi);
	     gi = ivs_res_info(r)->fields[gi].parent) {
		struct op *g = op_new(OP_FIELD, r);
		g->field = gi;
		g->before.set = false;
		g->after.set = true;
		ivs_m_record(p, g, label);
	}
	struct op *o = op_new(OP_FIELD, r);
	o->field = field;
	o->before = ivs_m_fval_get(r, field);
	o->after = v;
	ivs_m_record(p, o, label);
	if (need_group)
		ivs_edit_end(p);
	return 0;
}

static bool type_is(const struct ivs_res *r, int field, enum ivs_ftype t)
{
	const struct ivs_field *f = ivs_m_field_of(r, field);
	return f && f->type == t;
}

int ivs_edit_set_str(struct ivs_project *p, struct ivs_res *r, int field, const char *s)
{
	const struct ivs_field *f = ivs_m_field_of(r, field);
	if (!f || !s || (f->type != IVS_FT_STRING && f->type != IVS_FT_TEXT && f->type != IVS_FT_REF &&
	                 f->type != IVS_FT_ID && f->type != IVS_FT_NUMBER &&
	                 f->type != IVS_FT_STRING_LIST))
		return -1;
	if (!ivs_utf8_valid(s, strlen(s)))
		return -1;   /* the file is UTF-8: a value it cannot hold is refused */
	if (f->type == IVS_FT_ID)
		return ivs_edit_rename(p, r, s, NULL);
	struct fval v = {.set = true};
	if (f->type == IVS_FT_NUMBER) {
		/* held as its canonical text: "29.970" and "29.97" are one value */
		if (!(v.u.s = ivs_number_canon(s)))
			return -1;
	} else {
		v.u.s = ivs_xstrdup(s);
	}
	return edit_field(p, r, field, v);
}

int ivs_edit_set_int(struct ivs_project *p, struct ivs_res *r, int field, long i)
{
	if (!type_is(r, field, IVS_FT_INT))
		return -1;
	struct fval v = {.set = true};
	v.u.i = i;
	return edit_field(p, r, field, v);
}

int ivs_edit_set_bool(struct ivs_project *p, struct ivs_res *r, int field, bool b)
{
	if (!type_is(r, field, IVS_FT_BOOL))
		return -1;
	struct fval v = {.set = true};
	v.u.b = b;
	return edit_field(p, r, field, v);
}

int ivs_edit_set_enum(struct ivs_project *p, struct ivs_res *r, int field, int idx)
{
	const struct ivs_field *f = ivs_m_field_of(r, field);
	if (!f || f->type != IVS_FT_ENUM || idx < 0 || (size_t)idx >= ivs_choice_count(f->choices))
		return -1;
	struct fval v = {.set = true};
	v.u.e = idx;
	return edit_field(p, r, field, v);
}

int ivs_edit_set_list(struct ivs_project *p, struct ivs_res *r, int field,
                      const struct ivs_enum_list *l)
{
	const struct ivs_field *f = ivs_m_field_of(r, field);
	if (!f || f->type != IVS_FT_ENUM_LIST || l->n > IVS_ENUM_LIST_MAX)
		return -1;
	size_t nc = ivs_choice_count(f->choices);
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i] >= nc)
			return -1;
	struct fval v = {.set = true};
	v.u.l = *l;
	return edit_field(p, r, field, v);
}

int ivs_edit_set_ids(struct ivs_project *p, struct ivs_res *r, int field,
                     const struct ivs_idlist *l)
{
	if (!type_is(r, field, IVS_FT_REF_LIST) || !l)
		return -1;
	for (size_t i = 0; i < l->n; i++)
		if (!l->v[i] || !ivs_utf8_valid(l->v[i], strlen(l->v[i])))
			return -1;
	struct fval v = {.set = true};
	ivs_idlist_copy(&v.u.il, l);
	return edit_field(p, r, field, v);
}

int ivs_edit_set_tags(struct ivs_project *p, struct ivs_res *r, const struct ivs_tags *t)
{
	const struct ivs_kind_info *ki = ivs_kind_info(r->kind);
	for (int i = 0; i < ki->nfields; i++) {
		if (ki->fields[i].type == IVS_FT_TAGS) {
			struct fval v = {.set = true};
			ivs_tags_copy(&v.u.t, t);
			return edit_field(p, r, i, v);
		}
	}
	return -1;
}

int ivs_edit_set_group(struct ivs_project *p, struct ivs_res *r, int field)
{
	if (!type_is(r, field, IVS_FT_GROUP))
		return -1;
	if (ivs_res_is_set(r, field))
		return 0;
	struct fval v = {.set = true};
	return edit_field(p, r, field, v);
}

/* Unsets what a group holds, groups in it included. */
static void unset_members(struct ivs_project *p, struct ivs_res *r, int group)
{
	const struct ivs_kind_info *ki = ivs_kind_info(r->kind);
	for (int i = 0; i < ki->nfields; i++) {
		if (ki->fields[i].parent != group || !ivs_res_is_set(r, i))
			continue;
		if (ki->fields[i].type == IVS_FT_GROUP)
			unset_members(p, r, i);
		edit_field(p, r, i, (struct fval){.set = false});
	}
}

int ivs_edit_unset(struct ivs_project *p, struct ivs_res *r, int field)
{
	const struct ivs_field *f = ivs_m_field_of(r, field);

	if (!f || f->type == IVS_FT_ID || f->type == IVS_FT_CHILDREN)
		return -1;
	if (!ivs_res_is_set(r, field))
		return 0;
	ivs_edit_begin(p, "unset");
	if (f->type == IVS_FT_GROUP)
		unset_members(p, r, field);
	edit_field(p, r, field, (struct fval){.set = false});
	ivs_edit_end(p);
	return 0;
}

#define set_err ivs_set_err

int ivs_edit_set_text(struct ivs_project *p, struct ivs_res *r, int field, const char *text,
                      char **err)
{
	const struct ivs_field *f = ivs_m_field_of(r, field);
	struct ivs_value v;
	char *msg = NULL;
	int rc = -1;

	if (!f) {
		set_err(err, ivs_xstrdup("no such field."));
		return -1;
	}
	if (!ivs_utf8_valid(text, strlen(text))) {
		set_err(err, ivs_xasprintf("%s must be valid UTF-8 text.", f->key));
		return -1;
	}
	if (f->type == IVS_FT_ID)
		return ivs_edit_rename(p, r, text, err);
	if (ivs_value_parse(f, text, &v, &msg) != IVS_RULE_COUNT) {
		set_err(err, msg);
		return -1;
	}
	if (!v.set) {
		rc = ivs_edit_unset(p, r, field);
	} else {
		switch (f->type) {
		case IVS_FT_STRING: case IVS_FT_TEXT: case IVS_FT_REF: case IVS_FT_NUMBER:
		case IVS_FT_STRING_LIST:
			rc = ivs_edit_set_str(p, r, field, v.s);
			break;
		case IVS_FT_ENUM: rc = ivs_edit_set_enum(p, r, field, (int)v.n); break;
		case IVS_FT_BOOL: rc = ivs_edit_set_bool(p, r, field, v.n != 0); break;
		case IVS_FT_INT: rc = ivs_edit_set_int(p, r, field, v.n); break;
		case IVS_FT_ENUM_LIST: rc = ivs_edit_set_list(p, r, field, &v.list); break;
		case IVS_FT_TAGS: rc = ivs_edit_set_tags(p, r, &v.tags); break;
		case IVS_FT_REF_LIST: rc = ivs_edit_set_ids(p, r, field, &v.ids); break;
		case IVS_FT_GROUP: rc = ivs_edit_set_group(p, r, field); break;
		default: break;
		}
	}
	ivs_value_free(&v);
	return rc;
}

struct ivs_res *ivs_edit_add(struct ivs_project *p, enum ivs_kind kind, struct ivs_res *parent,
                             const char *id, size_t index)
{
	const struct ivs_kind_info *ki = ivs_kind_info(kind);
	if (!ki || ki->role == IVS_ROLE_ROOT || !id)
		return NULL;
	if ((ki->role == IVS_ROLE_CHILD) != (parent != NULL))
		return NULL;
	if (parent && parent->kind != ki->parent)
		return NULL;
	struct ivs_res *r = ivs_m_res_new(p, kind, id);
	r->parent = parent;
	struct op *o = op_new(OP_INSERT, r);
	o->to = index == SIZE_MAX ? ivs_m_list_of(p, r)->n : index;
	char label[64] = "";
	if (p->history_on)
		snprintf(label, sizeof label, "add %s", kind_label(r));
	ivs_m_record(p, o, label);
	return r;
}

void ivs_edit_remove(struct ivs_project *p, struct ivs_res *r)
{
	if (!r || r->kind == IVS_KIND_STACK || !r->in_model)
		return;
	struct op *o = op_new(OP_REMOVE, r);
	o->from = r->index;
	char label[64];
	snprintf(label, sizeof label, "delete %s", kind_label(r));
	ivs_m_record(p, o, label);
}

/* Whether a REF or REF_LIST row may name an entry of kind k. */
static bool ref_names_kind(const struct ivs_field *f, enum ivs_kind k)
{
	return f->ref_mask ? (f->ref_mask >> k) & 1u : f->ref == k;
}

/* A REF_LIST's ids with old_id replaced by new_id (one undo step). */
static void rename_in_list(struct ivs_project *p, struct ivs_res *r, int fi, const char *old_id,
                           const char *new_id)
{
	const struct ivs_idlist *l = ivs_res_get_ids(r, fi);
	bool hit = false;
	for (size_t i = 0; l && i < l->n && !hit; i++)
		hit = strcmp(l->v[i], old_id) == 0;
	if (!hit)
		return;
	struct fval v = {.set = true};
	for (size_t i = 0; i < l->n; i++)
		ivs_idlist_push(&v.u.il, strcmp(l->v[i], old_id) == 0 ? new_id : l->v[i]);
	edit_field(p, r, fi, v);
}

/* A child reference (an output's stream_key) to a renamed stream key:
 * rows whose parent row names the key's parent entry follow it. */
static void rename_child_refs(struct ivs_project *p, const struct ivs_res *target,
                              const char *old_id, const char *new_id)
{
	for (size_t k = 0; k < IVS_TOP_KIND_COUNT; k++) {
		struct ivs_list *l = &p->lists[ivs_top_kinds[k]];
		for (size_t i = 0; i < l->n; i++) {
			struct ivs_res *r = l->v[i];
			const struct ivs_kind_info *ki = ivs_kind_info(r->kind);
			for (int fi = 0; fi < ki->nfields; fi++) {
				const struct ivs_field *f = &ki->fields[fi];
				if (f->type != IVS_FT_REF || !f->ref_parent || f->ref != target->kind ||
				    !ivs_res_is_set(r, fi) || !ivs_res_is_set(r, f->ref_parent))
					continue;
				if (strcmp(*(char **)ivs_m_slot(r, f), old_id) != 0 ||
				    strcmp(*(char **)ivs_m_slot(r, &ki->fields[f->ref_parent]),
				           target->parent->id) != 0)
					continue;
				struct fval v = {.set = true};
				v.u.s = ivs_xstrdup(new_id);
				edit_field(p, r, fi, v);
			}
		}
	}
}

/* Collects the REF fields that point at id (top-level entries only). */
static void rename_refs(struct ivs_project *p, const struct ivs_res *target, const char *old_id,
                        const char *new_id)
{
	for (size_t k = 0; k < IVS_TOP_KIND_COUNT; k++) {
		struct ivs_list *l = &p->lists[ivs_top_kinds[k]];
		for (size_t i = 0; i < l->n; i++) {
			struct ivs_res *r = l->v[i];
			const struct ivs_kind_info *ki = ivs_kind_info(r->kind);
			for (int fi = 0; fi < ki->nfields; fi++) {
				const struct ivs_field *f = &ki->fields[fi];
				if (f->type == IVS_FT_REF_LIST && f->ref == target->kind)
					rename_in_list(p, r, fi, old_id, new_id);
				if (f->type != IVS_FT_REF || f->ref_parent ||
				    !ref_names_kind(f, target->kind) || !ivs_res_is_set(r, fi))
					continue;
				if (strcmp(*(char **)ivs_m_slot(r, f), old_id) != 0)
					continue;
				struct fval v = {.set = true};
				v.u.s = ivs_xstrdup(new_id);
				edit_field(p, r, fi, v);
			}
		}
	}
}

int ivs_edit_rename(struct ivs_project *p, struct ivs_res *r, const char *id, char **err)
{
	if (!r || r->kind == IVS_KIND_STACK) {
		set_err(err, ivs_xstrdup("the stack has no id."));
		return -1;
	}
	if (!id || !*id) {
		set_err(err, ivs_xstrdup("an id cannot be empty: type at least one letter or digit."));
		return -1;
	}
	if (!ivs_utf8_valid(id, strlen(id))) {
		set_err(err, ivs_xstrdup("an id must be valid UTF-8 text."));
		return -1;
	}
	if (strcmp(r->id, id) == 0)
		return 0;
	char *old_id = ivs_xstrdup(r->id);
	bool unique = false;
	if (!r->parent && ivs_m_res_live(r)) {
		void *hits[2];
		unique = ivs_strmap_get(p->ids, old_id, hits, 2) == 1;
	}
	ivs_edit_begin(p, "rename");
	struct fval v = {.set = true};
	v.u.s = ivs_xstrdup(id);
	edit_field(p, r, 0, v);
	if (unique)
		rename_refs(p, r, old_id, id);
	else if (r->parent && ivs_m_res_live(r))
		rename_child_refs(p, r, old_id, id);
	ivs_edit_end(p);
	free(old_id);
	return 0;
}

void ivs_edit_move(struct ivs_project *p, struct ivs_res *r, size_t index)
{
	if (!r || r->kind == IVS_KIND_STACK || !r->in_model)
		return;
	struct ivs_list *l = ivs_m_list_of(p, r);
	if (index >= l->n)
		index = l->n - 1;
	if (index == r->index)
		return;
	struct op *o = op_new(OP_MOVE, r);
	o->from = r->index;
	o->to = index;
	ivs_m_record(p, o, "move");
}

static void copy_fields(struct ivs_project *p, struct ivs_res *dst, const struct ivs_res *src)
{
	const struct ivs_kind_info *ki = ivs_kind_info(src->kind);
	for (int i = 1; i < ki->nfields; i++) {
		const struct ivs_field *f = &ki->fields[i];
		if (f->type == IVS_FT_CHILDREN || !ivs_res_is_set(src, i))
			continue;
		/* a copy is a new resource: it does not adopt the logical id of
		 * the one it copies (issue 10), which would collide */
		if (strcmp(f->key, "logical_id") == 0)
			continue;
		edit_field(p, dst, i, ivs_m_fval_get(src, i));
	}
}

struct ivs_res *ivs_edit_duplicate(struct ivs_project *p, struct ivs_res *r)
{
	if (!r || r->kind == IVS_KIND_STACK || !r->in_model)
		return NULL;
	char *id = r->parent ? ivs_m_unique_child_id(r->parent, r->id)
	                     : ivs_project_unique_id(p, r->id);
	ivs_edit_begin(p, "duplicate");
	struct ivs_res *d = ivs_edit_add(p, r->kind, r->parent, id, r->index + 1);
	copy_fields(p, d, r);
	const struct ivs_list *kids = ivs_res_children(r);
	for (size_t i = 0; kids && i < kids->n; i++) {
		struct ivs_res *k = ivs_edit_add(p, kids->v[i]->kind, d, kids->v[i]->id, SIZE_MAX);
		copy_fields(p, k, kids->v[i]);
	}
	ivs_edit_end(p);
	free(id);
	return d;
}
