/* model_history.c: primitive operations applied forward or backward, the
 * change journal the validator reads, and undo/redo history. */
#include "model_int.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- the journal ---- */

static void journal_push(struct ivs_project *p, enum ivs_change_what what, struct ivs_res *r,
                         int field, const char *old_id)
{
	if (p->njournal == p->capjournal) {
		p->capjournal = p->capjournal ? p->capjournal * 2 : 16;
		p->journal = ivs_xrealloc(p->journal, p->capjournal * sizeof *p->journal);
	}
	p->journal[p->njournal++] = (struct ivs_change){what, r, field, ivs_xstrdup(old_id)};
}

const struct ivs_change *ivs_project_journal(const struct ivs_project *p, size_t *n)
{
	*n = p->njournal;
	return p->journal;
}

void ivs_project_journal_clear(struct ivs_project *p)
{
	for (size_t i = 0; i < p->njournal; i++)
		free(p->journal[i].old_id);
	p->njournal = 0;
	for (size_t i = 0; i < p->ngrave; i++)
		ivs_m_res_free(p->grave[i]);
	p->ngrave = 0;
}

/* Frees a removed resource, or keeps it until the journal that names it is
 * cleared (p == NULL: free now). */
static void res_release(struct ivs_project *p, struct ivs_res *r)
{
	if (!p || p->njournal == 0) {
		ivs_m_res_free(r);
		return;
	}
	if (p->ngrave == p->capgrave) {
		p->capgrave = p->capgrave ? p->capgrave * 2 : 8;
		p->grave = ivs_xrealloc(p->grave, p->capgrave * sizeof *p->grave);
	}
	p->grave[p->ngrave++] = r;
}

/* ---- applying primitive operations (forward or backward) ---- */

static void apply_field(struct ivs_project *p, struct ivs_res *r, int field, const struct fval *v)
{
	const struct ivs_field *f = ivs_m_field_of(r, field);
	bool live = ivs_m_res_live(r);
	size_t w0 = live && !r->parent ? ivs_m_res_weight(r) : 0;
	char *old_id = NULL;

	if (f->type == IVS_FT_ID) {
		old_id = ivs_xstrdup(r->id);
		if (live)
			ivs_m_index_del(p, r);
	}
	ivs_m_fval_put(r, field, v);
	if (f->type == IVS_FT_ID) {
		if (live)
			ivs_m_index_add(p, r);
		journal_push(p, IVS_CHANGE_RENAME, r, field, old_id);
		free(old_id);
	} else {
		journal_push(p, IVS_CHANGE_FIELD, r, field, NULL);
	}
	if (live && !r->parent)
		p->cfn_count = p->cfn_count - w0 + ivs_m_res_weight(r);
}

static void mark_in_model(struct ivs_res *r, bool on)
{
	r->in_model = on;
}

static void apply_insert(struct ivs_project *p, struct ivs_res *r, size_t at)
{
	ivs_m_list_insert(ivs_m_list_of(p, r), r, at);
	mark_in_model(r, true);
	if (ivs_m_res_live(r)) {
		ivs_m_index_add(p, r);
		p->cfn_count += ivs_m_res_weight(r);
	}
	journal_push(p, IVS_CHANGE_ADD, r, -1, NULL);
}

static void apply_remove(struct ivs_project *p, struct ivs_res *r)
{
	if (ivs_m_res_live(r)) {
		ivs_m_index_del(p, r);
		p->cfn_count -= ivs_m_res_weight(r);
	}
	ivs_m_list_remove_at(ivs_m_list_of(p, r), r->index);
	mark_in_model(r, false);
	journal_push(p, IVS_CHANGE_REMOVE, r, -1, NULL);
}

static void apply_move(struct ivs_project *p, struct ivs_res *r, size_t to)
{
	struct ivs_list *l = ivs_m_list_of(p, r);
	size_t from = r->index;
	ivs_m_list_remove_at(l, from);
	ivs_m_list_insert(l, r, to);
	ivs_m_list_renumber(l, 0);
	journal_push(p, IVS_CHANGE_MOVE, r, -1, NULL);
}

static void op_apply(struct ivs_project *p, struct op *o, bool forward)
{
	switch (o->type) {
	case OP_FIELD:
		apply_field(p, o->res, o->field, forward ? &o->after : &o->before);
		break;
	case OP_INSERT:
		if (forward)
			apply_insert(p, o->res, o->to);
		else
			apply_remove(p, o->res);
		break;
	case OP_REMOVE:
		if (forward)
			apply_remove(p, o->res);
		else
			apply_insert(p, o->res, o->from);
		break;
	case OP_MOVE:
		apply_move(p, o->res, forward ? o->to : o->from);
		break;
	}
	p->gen++;
}

/* ---- history ---- */

static void step_free_ops(struct step *s)
{
	for (size_t i = 0; i < s->n; i++) {
		struct op *o = &s->ops[i];
		if (o->type == OP_FIELD) {
			const struct ivs_field *f = ivs_m_field_of(o->res, o->field);
			ivs_m_fval_free(f, &o->before);
			ivs_m_fval_free(f, &o->after);
		}
	}
	free(s->ops);
	free(s->label);
	free(s);
}

/* Frees resources that only the given steps hold (out of the model). */
static void free_orphans(struct ivs_project *p, struct step **steps, size_t n)
{
	struct ivs_strmap *seen = NULL;
	struct ivs_res **orphans = NULL;
	size_t norph = 0, cap = 0;

	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < steps[i]->n; j++) {
			struct op *o = &steps[i]->ops[j];
			if ((o->type != OP_INSERT && o->type != OP_REMOVE) || o->res->in_model)
				continue;
			bool dup = false;
			for (size_t k = 0; k < norph && !dup; k++)
				dup = orphans[k] == o->res;
			if (dup)
				continue;
			if (norph == cap) {
				cap = cap ? cap * 2 : 8;
				orphans = ivs_xrealloc(orphans, cap * sizeof *orphans);
			}
			orphans[norph++] = o->res;
		}
	}
	/* A resource the undo history still names stays (removed again after
	 * an undo and a redo, it is out of the model in both histories). */
	for (size_t i = 0; p && norph && i < p->undo.n; i++)
		for (size_t j = 0; j < p->undo.v[i]->n; j++)
			for (size_t k = 0; k < norph; k++)
				if (orphans[k] == p->undo.v[i]->ops[j].res)
					orphans[k--] = orphans[--norph];
	/* Field ops hold field values only; free them before the resources
	 * whose tables they need. */
	for (size_t i = 0; i < n; i++)
		step_free_ops(steps[i]);
	for (size_t k = 0; k < norph; k++)
		res_release(p, orphans[k]);
	free(orphans);
	ivs_strmap_free(seen);
}

void ivs_m_history_clear(struct ivs_project *p, struct history *h)
{
	free_orphans(p, h->v, h->n);
	h->n = 0;
}

static void history_push(struct history *h, struct step *s)
{
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 32;
		h->v = ivs_xrealloc(h->v, h->cap * sizeof *h->v);
	}
	h->v[h->n++] = s;
}

void ivs_project_set_history(struct ivs_project *p, bool on)
{
	p->history_on = on;
}

void ivs_edit_begin(struct ivs_project *p, const char *label)
{
	if (p->group_depth++ == 0 && p->history_on) {
		p->open = ivs_xcalloc(1, sizeof *p->open);
		p->open->label = ivs_xstrdup(label ? label : "edit");
	}
}

void ivs_edit_end(struct ivs_project *p)
{
	if (p->group_depth == 0 || --p->group_depth > 0)
		return;
	struct step *s = p->open;
	p->open = NULL;
	if (!s)
		return;
	if (s->n == 0) {
		step_free_ops(s);
		return;
	}
	history_push(&p->undo, s);
	ivs_m_history_clear(p, &p->redo);
}

void ivs_edit_coalesce(struct ivs_project *p, bool on)
{
	p->coalesce = on;
}

void ivs_edit_coalesce_break(struct ivs_project *p)
{
	if (p->undo.n)
		p->undo.v[p->undo.n - 1]->coalescable = false;
}

/* Records and applies an operation. With history off, the op's values are
 * freed (and a removed resource too) right away. */
void ivs_m_record(struct ivs_project *p, struct op *o, const char *label)
{
	bool own_step = p->group_depth == 0;

	op_apply(p, o, true);
	if (!p->history_on) {
		struct step tmp = {.ops = o, .n = 1};
		if (o->type == OP_FIELD) {
			const struct ivs_field *f = ivs_m_field_of(o->res, o->field);
			ivs_m_fval_free(f, &o->before);
			ivs_m_fval_free(f, &o->after);
		}
		if (o->type == OP_REMOVE && !o->res->in_model)
			res_release(p, o->res);
		(void)tmp;
		free(o);
		return;
	}
	/* Typing into one field: merge with the previous step. */
	if (own_step && p->coalesce && o->type == OP_FIELD && p->undo.n && p->redo.n == 0) {
		struct step *last = p->undo.v[p->undo.n - 1];
		if (last->coalescable && last->n == 1 && last->ops[0].type == OP_FIELD &&
		    last->ops[0].res == o->res && last->ops[0].field == o->field) {
			const struct ivs_field *f = ivs_m_field_of(o->res, o->field);
			ivs_m_fval_free(f, &last->ops[0].after);
			last->ops[0].after = o->after;
			ivs_m_fval_free(f, &o->before);
			free(o);
			if (label && *label) {   /* the step says what it did last */
				free(last->label);
				last->label = ivs_xstrdup(label);
			}
			return;
		}
	}
	if (own_step)
		ivs_edit_begin(p, label);
	struct step *s = p->open;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 4;
		s->ops = ivs_xrealloc(s->ops, s->cap * sizeof *s->ops);
	}
	s->ops[s->n++] = *o;
	free(o);
	if (own_step) {
		s->coalescable = p->coalesce;
		ivs_edit_end(p);
	}
}

bool ivs_can_undo(const struct ivs_project *p)
{
	return p->undo.n > 0;
}

bool ivs_can_redo(const struct ivs_project *p)
{
	return p->redo.n > 0;
}

const char *ivs_undo_label(const struct ivs_project *p)
{
	return p->undo.n ? p->undo.v[p->undo.n - 1]->label : NULL;
}

const char *ivs_redo_label(const struct ivs_project *p)
{
	return p->redo.n ? p->redo.v[p->redo.n - 1]->label : NULL;
}

bool ivs_undo(struct ivs_project *p)
{
	if (!p->undo.n || p->group_depth)
		return false;
	struct step *s = p->undo.v[--p->undo.n];
	for (size_t i = s->n; i-- > 0;)
		op_apply(p, &s->ops[i], false);
	s->coalescable = false;
	history_push(&p->redo, s);
	return true;
}

bool ivs_redo(struct ivs_project *p)
{
	if (!p->redo.n || p->group_depth)
		return false;
	struct step *s = p->redo.v[--p->redo.n];
	for (size_t i = 0; i < s->n; i++)
		op_apply(p, &s->ops[i], true);
	history_push(&p->undo, s);
	return true;
}
