/* model_values.c: field values: reading, formatting and paths, and the
 * detached values (struct fval) that edits and undo steps carry. */
#include "model_int.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- small helpers ---- */

const struct ivs_field *ivs_m_field_of(const struct ivs_res *r, int field)
{
	const struct ivs_kind_info *ki = ivs_kind_info(r->kind);
	if (field < 0 || field >= ki->nfields)
		return NULL;
	return &ki->fields[field];
}

void *ivs_m_slot(struct ivs_res *r, const struct ivs_field *f)
{
	return (char *)r + f->off;
}

static const void *cslot(const struct ivs_res *r, const struct ivs_field *f)
{
	return (const char *)r + f->off;
}

const struct ivs_kind_info *ivs_res_info(const struct ivs_res *r)
{
	return ivs_kind_info(r->kind);
}

bool ivs_res_is_set(const struct ivs_res *r, int field)
{
	return field >= 0 && field < 64 && (r->set >> field) & 1u;
}

void ivs_m_set_bit(struct ivs_res *r, int field, bool on)
{
	if (on)
		r->set |= (uint64_t)1 << field;
	else
		r->set &= ~((uint64_t)1 << field);
}

bool ivs_res_imported(const struct ivs_res *r)
{
	int f = ivs_kind_info(r->kind)->import_field;
	return f >= 0 && ivs_res_is_set(r, f);
}

struct ivs_list *ivs_m_children_of(struct ivs_res *r)
{
	const struct ivs_kind_info *ki = ivs_kind_info(r->kind);
	return ki->child_field >= 0 ? (struct ivs_list *)ivs_m_slot(r, &ki->fields[ki->child_field]) : NULL;
}

const struct ivs_list *ivs_res_children(const struct ivs_res *r)
{
	return ivs_m_children_of((struct ivs_res *)(uintptr_t)r);
}

bool ivs_m_res_live(const struct ivs_res *r)
{
	return r->in_model && (!r->parent || r->parent->in_model);
}

/* ---- id lists (REF_LIST values) ---- */

void ivs_idlist_free(struct ivs_idlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void ivs_idlist_push(struct ivs_idlist *l, const char *id)
{
	l->v = ivs_xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	l->v[l->n++] = ivs_xstrdup(id);
}

void ivs_idlist_copy(struct ivs_idlist *dst, const struct ivs_idlist *src)
{
	dst->v = NULL;
	dst->n = 0;
	for (size_t i = 0; src && i < src->n; i++)
		ivs_idlist_push(dst, src->v[i]);
}

/* ---- field values ---- */

void ivs_m_fval_free(const struct ivs_field *f, struct fval *v)
{
	switch (f->type) {
	case IVS_FT_ID: case IVS_FT_STRING: case IVS_FT_TEXT: case IVS_FT_REF:
	case IVS_FT_NUMBER: case IVS_FT_STRING_LIST:
		free(v->u.s);
		v->u.s = NULL;
		break;
	case IVS_FT_TAGS:
		ivs_tags_free(&v->u.t);
		break;
	case IVS_FT_REF_LIST:
		ivs_idlist_free(&v->u.il);
		break;
	default:
		break;
	}
	v->set = false;
}

/* A deep copy of a resource's current value. */
struct fval ivs_m_fval_get(const struct ivs_res *r, int field)
{
	const struct ivs_field *f = ivs_m_field_of(r, field);
	const void *s = cslot(r, f);
	struct fval v;

	memset(&v, 0, sizeof v);
	v.set = ivs_res_is_set(r, field);
	switch (f->type) {
	case IVS_FT_ID: case IVS_FT_STRING: case IVS_FT_TEXT: case IVS_FT_REF:
	case IVS_FT_NUMBER: case IVS_FT_STRING_LIST:
		v.u.s = ivs_xstrdup(*(char *const *)s);
		break;
	case IVS_FT_ENUM: v.u.e = *(const int *)s; break;
	case IVS_FT_BOOL: v.u.b = *(const bool *)s; break;
	case IVS_FT_INT: v.u.i = *(const long *)s; break;
	case IVS_FT_ENUM_LIST: v.u.l = *(const struct ivs_enum_list *)s; break;
	case IVS_FT_TAGS: ivs_tags_copy(&v.u.t, (const struct ivs_tags *)s); break;
	case IVS_FT_REF_LIST: ivs_idlist_copy(&v.u.il, (const struct ivs_idlist *)s); break;
	case IVS_FT_GROUP: case IVS_FT_CHILDREN: break;
	}
	return v;
}

static struct fval fval_dup(const struct ivs_field *f, const struct fval *src)
{
	struct fval v = *src;
	switch (f->type) {
	case IVS_FT_ID: case IVS_FT_STRING: case IVS_FT_TEXT: case IVS_FT_REF:
	case IVS_FT_NUMBER: case IVS_FT_STRING_LIST:
		v.u.s = ivs_xstrdup(src->u.s);
		break;
	case IVS_FT_TAGS:
		ivs_tags_copy(&v.u.t, &src->u.t);
		break;
	case IVS_FT_REF_LIST:
		ivs_idlist_copy(&v.u.il, &src->u.il);
		break;
	default:
		break;
	}
	return v;
}

/* Stores a copy of v into the resource, freeing what was there. */
void ivs_m_fval_put(struct ivs_res *r, int field, const struct fval *v)
{
	const struct ivs_field *f = ivs_m_field_of(r, field);
	void *s = ivs_m_slot(r, f);
	struct fval copy = fval_dup(f, v);

	switch (f->type) {
	case IVS_FT_ID: case IVS_FT_STRING: case IVS_FT_TEXT: case IVS_FT_REF:
	case IVS_FT_NUMBER: case IVS_FT_STRING_LIST:
		free(*(char **)s);
		*(char **)s = copy.set || f->type == IVS_FT_ID ? copy.u.s : NULL;
		if (!copy.set && f->type != IVS_FT_ID)
			free(copy.u.s);
		break;
	case IVS_FT_ENUM: *(int *)s = copy.set ? copy.u.e : 0; break;
	case IVS_FT_BOOL: *(bool *)s = copy.set ? copy.u.b : false; break;
	case IVS_FT_INT: *(long *)s = copy.set ? copy.u.i : 0; break;
	case IVS_FT_ENUM_LIST:
		if (!copy.set)
			memset(&copy.u.l, 0, sizeof copy.u.l);
		*(struct ivs_enum_list *)s = copy.u.l;
		break;
	case IVS_FT_TAGS:
		ivs_tags_free((struct ivs_tags *)s);
		*(struct ivs_tags *)s = copy.u.t;
		break;
	case IVS_FT_REF_LIST:
		ivs_idlist_free((struct ivs_idlist *)s);
		if (!copy.set)
			ivs_idlist_free(&copy.u.il);
		*(struct ivs_idlist *)s = copy.u.il;
		break;
	case IVS_FT_GROUP: case IVS_FT_CHILDREN:
		break;
	}
	ivs_m_set_bit(r, field, v->set);
}

/* ---- reading values ---- */

struct ivs_pos ivs_res_pos(const struct ivs_res *r, int field)
{
	if (r->fpos && field >= 0 && r->fpos[field].line)
		return r->fpos[field];
	if (r->fpos && field >= 0 && ivs_m_field_of(r, field)) {
		/* a group member without its own position: its group's */
		const struct ivs_field *fs = ivs_res_info(r)->fields;
		for (int g = fs[field].parent; g >= 0; g = fs[g].parent)
			if (r->fpos[g].line)
				return r->fpos[g];
	}
	return r->at;
}

void ivs_res_set_pos(struct ivs_res *r, int field, struct ivs_pos pos)
{
	if (field < 0) {
		r->at = pos;
		return;
	}
	if (!r->fpos)
		r->fpos = ivs_xcalloc((size_t)ivs_kind_info(r->kind)->nfields, sizeof *r->fpos);
	r->fpos[field] = pos;
}

long ivs_res_get_num(const struct ivs_res *r, int field)
{
	const struct ivs_field *f = ivs_m_field_of(r, field);
	if (!f)
		return IVS_NO_DEFAULT;
	if (!ivs_res_is_set(r, field))
		return f->def;
	switch (f->type) {
	case IVS_FT_ENUM: return *(const int *)cslot(r, f);
	case IVS_FT_BOOL: return *(const bool *)cslot(r, f);
	case IVS_FT_INT: return *(const long *)cslot(r, f);
	default: return IVS_NO_DEFAULT;
	}
}

const char *ivs_res_get_str(const struct ivs_res *r, int field)
{
	const struct ivs_field *f = ivs_m_field_of(r, field);
	if (!f || (f->type != IVS_FT_ID && f->type != IVS_FT_STRING && f->type != IVS_FT_TEXT &&
	           f->type != IVS_FT_REF && f->type != IVS_FT_NUMBER && f->type != IVS_FT_STRING_LIST))
		return NULL;
	return ivs_res_is_set(r, field) ? *(char *const *)cslot(r, f) : NULL;
}

const struct ivs_enum_list *ivs_res_get_list(const struct ivs_res *r, int field)
{
	const struct ivs_field *f = ivs_m_field_of(r, field);
	if (!f || f->type != IVS_FT_ENUM_LIST || !ivs_res_is_set(r, field))
		return NULL;
	return cslot(r, f);
}

const struct ivs_idlist *ivs_res_get_ids(const struct ivs_res *r, int field)
{
	const struct ivs_field *f = ivs_m_field_of(r, field);
	if (!f || f->type != IVS_FT_REF_LIST || !ivs_res_is_set(r, field))
		return NULL;
	return cslot(r, f);
}

void ivs_res_format(const struct ivs_res *r, int field, bool effective, struct ivs_buf *out)
{
	const struct ivs_field *f = ivs_m_field_of(r, field);
	bool set;

	if (!f)
		return;
	set = ivs_res_is_set(r, field);
	if (!set) {
		if (effective && f->def != IVS_NO_DEFAULT) {
			if (f->type == IVS_FT_ENUM)
				ivs_buf_puts(out, f->choices[f->def]);
			else if (f->type == IVS_FT_BOOL)
				ivs_buf_puts(out, f->def ? "true" : "false");
			else if (f->type == IVS_FT_INT)
				ivs_buf_printf(out, "%ld", f->def);
			else if (f->type == IVS_FT_NUMBER && f->def_text)
				ivs_buf_puts(out, f->def_text);
		}
		return;
	}
	const void *s = cslot(r, f);
	switch (f->type) {
	case IVS_FT_ID: case IVS_FT_STRING: case IVS_FT_TEXT: case IVS_FT_REF:
	case IVS_FT_NUMBER:
		if (*(char *const *)s)
			ivs_buf_puts(out, *(char *const *)s);
		break;
	case IVS_FT_STRING_LIST:
		/* "US, CA": the items, as they are typed */
		for (const char *c = *(char *const *)s; c && *c; c++) {
			if (*c == '\n')
				ivs_buf_puts(out, ", ");
			else
				ivs_buf_putc(out, *c);
		}
		break;
	case IVS_FT_ENUM: ivs_buf_puts(out, f->choices[*(const int *)s]); break;
	case IVS_FT_BOOL: ivs_buf_puts(out, *(const bool *)s ? "true" : "false"); break;
	case IVS_FT_INT: ivs_buf_printf(out, "%ld", *(const long *)s); break;
	case IVS_FT_ENUM_LIST: {
		const struct ivs_enum_list *l = s;
		for (size_t i = 0; i < l->n; i++) {
			if (i)
				ivs_buf_puts(out, ", ");
			ivs_buf_puts(out, f->choices[l->v[i]]);
		}
		break;
	}
	case IVS_FT_TAGS: {
		const struct ivs_tags *t = s;
		for (size_t i = 0; i < t->n; i++)
			ivs_buf_printf(out, "%s%s=%s", i ? ", " : "", t->v[i].key, t->v[i].value);
		break;
	}
	case IVS_FT_REF_LIST: {
		const struct ivs_idlist *l = s;
		for (size_t i = 0; i < l->n; i++)
			ivs_buf_printf(out, "%s%s", i ? ", " : "", l->v[i]);
		break;
	}
	case IVS_FT_GROUP: case IVS_FT_CHILDREN:
		break;
	}
}

void ivs_res_path(const struct ivs_res *r, int field, struct ivs_buf *out)
{
	const struct ivs_kind_info *ki = ivs_kind_info(r->kind);
	if (ki->role == IVS_ROLE_ROOT) {
		ivs_buf_puts(out, ki->list_key);
	} else if (r->parent) {
		ivs_res_path(r->parent, -1, out);
		ivs_buf_printf(out, ".%s[%zu]", ki->list_key, r->index);
	} else {
		ivs_buf_printf(out, "%s[%zu]", ki->list_key, r->index);
	}
	if (field >= 0 && field < ki->nfields) {
		/* the groups it sits in, outermost first */
		int chain[16], n = 0;
		for (int g = field; g >= 0 && n < 16; g = ki->fields[g].parent)
			chain[n++] = g;
		while (n > 0)
			ivs_buf_printf(out, ".%s", ki->fields[chain[--n]].key);
	}
}
