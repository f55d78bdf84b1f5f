/* model.c: the project model: resources, the lists that hold them, and the
 * project's life cycle and accessors. Values are reached through the field
 * tables (schema.c): one generic code path per value type, not one per
 * field. The model's other jobs: model_values.c, model_tags.c, model_ids.c,
 * model_history.c, model_edit.c (model_int.h). */
#include "model_int.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- resources ---- */

struct ivs_res *ivs_m_res_new(struct ivs_project *p, enum ivs_kind kind, const char *id)
{
	const struct ivs_kind_info *ki = ivs_kind_info(kind);
	struct ivs_res *r = ivs_xcalloc(1, ki->size);
	r->kind = kind;
	r->id = ivs_xstrdup(id);
	r->serial = p->next_serial++;
	ivs_diags_init(&r->diags);
	if (ki->role != IVS_ROLE_ROOT)
		ivs_m_set_bit(r, 0, true);   /* the id row is always given */
	return r;
}

static void list_free_all(struct ivs_list *l);

void ivs_m_res_free(struct ivs_res *r)
{
	if (!r)
		return;
	const struct ivs_kind_info *ki = ivs_kind_info(r->kind);
	for (int i = 0; i < ki->nfields; i++) {
		const struct ivs_field *f = &ki->fields[i];
		void *s = ivs_m_slot(r, f);
		switch (f->type) {
		case IVS_FT_ID: case IVS_FT_STRING: case IVS_FT_TEXT: case IVS_FT_REF:
		case IVS_FT_NUMBER: case IVS_FT_STRING_LIST:
			free(*(char **)s);
			break;
		case IVS_FT_TAGS:
			ivs_tags_free((struct ivs_tags *)s);
			break;
		case IVS_FT_REF_LIST:
			ivs_idlist_free((struct ivs_idlist *)s);
			break;
		case IVS_FT_CHILDREN:
			list_free_all((struct ivs_list *)s);
			break;
		default:
			break;
		}
	}
	free(r->fpos);
	ivs_diags_free(&r->diags);
	free(r);
}

static void list_free_all(struct ivs_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		ivs_m_res_free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

struct ivs_list *ivs_m_list_of(struct ivs_project *p, const struct ivs_res *r)
{
	if (r->parent)
		return ivs_m_children_of(r->parent);
	return &p->lists[r->kind];
}

const struct ivs_list *ivs_res_siblings(const struct ivs_project *p, const struct ivs_res *r)
{
	return ivs_m_list_of((struct ivs_project *)(uintptr_t)p, r);
}

void ivs_m_list_renumber(struct ivs_list *l, size_t from)
{
	for (size_t i = from; i < l->n; i++)
		l->v[i]->index = i;
}

void ivs_m_list_insert(struct ivs_list *l, struct ivs_res *r, size_t at)
{
	if (at > l->n)
		at = l->n;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = ivs_xrealloc(l->v, l->cap * sizeof *l->v);
	}
	memmove(&l->v[at + 1], &l->v[at], (l->n - at) * sizeof *l->v);
	l->v[at] = r;
	l->n++;
	ivs_m_list_renumber(l, at);
}

void ivs_m_list_remove_at(struct ivs_list *l, size_t at)
{
	memmove(&l->v[at], &l->v[at + 1], (l->n - at - 1) * sizeof *l->v);
	l->n--;
	ivs_m_list_renumber(l, at);
}

/* CloudFormation resources r accounts for, children included. */
size_t ivs_m_res_weight(const struct ivs_res *r)
{
	if (ivs_kind_info(r->kind)->role == IVS_ROLE_ROOT)
		return 0;
	const struct ivs_list *kids = ivs_res_children(r);
	/* an output (no cfn type) is no resource */
	return (ivs_res_imported(r) || !ivs_kind_info(r->kind)->cfn_type ? 0 : 1) +
	       (kids ? kids->n : 0);
}

/* ---- life cycle ---- */

struct ivs_project *ivs_project_new(void)
{
	struct ivs_project *p = ivs_xcalloc(1, sizeof *p);
	p->stackp = &p->stack;
	p->stack.r.kind = IVS_KIND_STACK;
	p->stack.r.in_model = true;
	p->stack.r.serial = p->next_serial++;
	ivs_diags_init(&p->stack.r.diags);
	ivs_diags_init(&p->diags);
	p->ids = ivs_strmap_new();
	p->history_on = true;
	return p;
}

void ivs_project_free(struct ivs_project *p)
{
	if (!p)
		return;
	if (p->vstate_free)
		p->vstate_free(p->vstate);
	/* Out-of-model resources are held by history; in-model ones by lists. */
	ivs_project_journal_clear(p);
	ivs_m_history_clear(NULL, &p->undo);
	ivs_m_history_clear(NULL, &p->redo);
	free(p->undo.v);
	free(p->redo.v);
	for (size_t k = 0; k < IVS_TOP_KIND_COUNT; k++)
		list_free_all(&p->lists[ivs_top_kinds[k]]);
	free(p->stack.name);
	free(p->stack.description);
	free(p->stack.r.fpos);
	ivs_diags_free(&p->stack.r.diags);
	ivs_project_journal_clear(p);
	free(p->journal);
	free(p->grave);
	ivs_strmap_free(p->ids);
	ivs_diags_free(&p->diags);
	free(p);
}

struct ivs_stack *ivs_project_stack(const struct ivs_project *p)
{
	return p->stackp;
}

const struct ivs_list *ivs_project_list(const struct ivs_project *p, enum ivs_kind kind)
{
	return &p->lists[kind];
}

size_t ivs_project_cfn_count(const struct ivs_project *p)
{
	return p->cfn_count;
}

unsigned long ivs_project_generation(const struct ivs_project *p)
{
	return p->gen;
}

bool ivs_project_modified(const struct ivs_project *p)
{
	return p->gen != p->saved_gen;
}

void ivs_project_mark_saved(struct ivs_project *p)
{
	p->saved_gen = p->gen;
}

void ivs_project_mark_modified(struct ivs_project *p)
{
	p->saved_gen = ULONG_MAX;   /* a generation no edit reaches */
}

void *ivs_project_vstate(const struct ivs_project *p)
{
	return p->vstate;
}

void ivs_project_set_vstate(struct ivs_project *p, void *state, void (*free_fn)(void *))
{
	if (p->vstate_free && p->vstate != state)
		p->vstate_free(p->vstate);
	p->vstate = state;
	p->vstate_free = free_fn;
}

struct ivs_diags *ivs_project_diags(struct ivs_project *p)
{
	return &p->diags;
}

void ivs_project_each(const struct ivs_project *p, void (*fn)(struct ivs_res *r, void *ctx),
                      void *ctx)
{
	fn(&p->stackp->r, ctx);
	for (size_t k = 0; k < IVS_TOP_KIND_COUNT; k++) {
		const struct ivs_list *l = &p->lists[ivs_top_kinds[k]];
		for (size_t i = 0; i < l->n; i++) {
			fn(l->v[i], ctx);
			const struct ivs_list *kids = ivs_res_children(l->v[i]);
			for (size_t j = 0; kids && j < kids->n; j++)
				fn(kids->v[j], ctx);
		}
	}
}
