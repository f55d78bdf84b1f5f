/* model.c: the project model, its edit operations, undo/redo and the
 * change journal. Values are reached through the field tables (schema.c):
 * one generic code path per value type, not one per field. */
#include "ivs/model.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- a field value, detached from its resource ---- */
struct fval {
	bool set;
	union {
		char *s;
		long i;
		int e;
		bool b;
		struct ivs_enum_list l;
		struct ivs_tags t;
	} u;
};

enum op_type { OP_FIELD, OP_INSERT, OP_REMOVE, OP_MOVE };

struct op {
	enum op_type type;
	struct ivs_res *res;
	int field;
	struct fval before, after;  /* OP_FIELD */
	size_t from, to;            /* OP_INSERT: to; OP_REMOVE: from; OP_MOVE: both */
};

struct step {
	char *label;
	struct op *ops;
	size_t n, cap;
	bool coalescable;
};

struct history {
	struct step **v;
	size_t n, cap;
};

struct ivs_project {
	struct ivs_stack stack;
	struct ivs_stack *stackp;                /* &stack, for const accessors */
	struct ivs_list lists[IVS_KIND_COUNT];  /* only the top kinds are used */
	struct ivs_strmap *ids;                 /* top-level id -> live res */
	uint32_t next_serial;
	unsigned long gen, saved_gen;
	size_t cfn_count;
	struct history undo, redo;
	bool history_on;
	int group_depth;
	struct step *open;                      /* the step edits go into */
	bool coalesce;
	struct ivs_change *journal;
	size_t njournal, capjournal;
	void *vstate;
	void (*vstate_free)(void *);
	struct ivs_diags diags;
	/* Removed resources freed while the journal still names them: kept
	 * until the journal is cleared, so its readers never see freed memory. */
	struct ivs_res **grave;
	size_t ngrave, capgrave;
};

/* ---- small helpers ---- */

static const struct ivs_field *field_of(const struct ivs_res *r, int field)
{
	const struct ivs_kind_info *ki = ivs_kind_info(r->kind);
	if (field < 0 || field >= ki->nfields)
		return NULL;
	return &ki->fields[field];
}

static void *slot(struct ivs_res *r, const struct ivs_field *f)
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

static void set_bit(struct ivs_res *r, int field, bool on)
{
	if (on)
		r->set |= (uint64_t)1 << field;
	else
		r->set &= ~((uint64_t)1 << field);
}

bool ivs_res_imported(const struct ivs_res *r)
{
	if (r->kind == IVS_KIND_BUCKET)
		return ivs_res_is_set(r, IVS_BUCKET_FROM_NAME);
	if (r->kind == IVS_KIND_CHANNEL)
		return ivs_res_is_set(r, IVS_CHANNEL_FROM_ARN);
	return false;
}

static bool res_live(const struct ivs_res *r)
{
	return r->in_model && (!r->parent || r->parent->in_model);
}

/* ---- tags ---- */

void ivs_tags_free(struct ivs_tags *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].key);
		free(t->v[i].value);
	}
	free(t->v);
	t->v = NULL;
	t->n = 0;
}

void ivs_tags_copy(struct ivs_tags *dst, const struct ivs_tags *src)
{
	dst->n = src->n;
	dst->v = src->n ? ivs_xcalloc(src->n, sizeof *dst->v) : NULL;
	for (size_t i = 0; i < src->n; i++) {
		dst->v[i].key = ivs_xstrdup(src->v[i].key);
		dst->v[i].value = ivs_xstrdup(src->v[i].value);
		dst->v[i].pos = src->v[i].pos;
	}
}

void ivs_tags_put(struct ivs_tags *t, const char *key, const char *value)
{
	for (size_t i = 0; i < t->n; i++) {
		if (strcmp(t->v[i].key, key) == 0) {
			free(t->v[i].value);
			t->v[i].value = ivs_xstrdup(value);
			return;
		}
	}
	t->v = ivs_xrealloc(t->v, (t->n + 1) * sizeof *t->v);
	t->v[t->n].key = ivs_xstrdup(key);
	t->v[t->n].value = ivs_xstrdup(value);
	t->v[t->n].pos = (struct ivs_pos){0, 0};
	t->n++;
}

static int tag_cmp(const void *a, const void *b)
{
	return strcmp(((const struct ivs_tag *)a)->key, ((const struct ivs_tag *)b)->key);
}

void ivs_res_effective_tags(const struct ivs_res *r, struct ivs_tags *t)
{
	const struct ivs_tags *own = &r->tags;
	const struct ivs_tags *inh = r->parent ? &r->parent->tags : NULL;
	size_t cap = own->n + (inh ? inh->n : 0);

	t->n = 0;
	t->v = cap ? ivs_xcalloc(cap, sizeof *t->v) : NULL;
	for (size_t i = 0; inh && i < inh->n; i++) {
		bool overridden = false;
		for (size_t j = 0; j < own->n && !overridden; j++)
			overridden = strcmp(own->v[j].key, inh->v[i].key) == 0;
		if (!overridden)
			t->v[t->n++] = inh->v[i];
	}
	for (size_t j = 0; j < own->n; j++)
		t->v[t->n++] = own->v[j];
	if (t->n > 1)
		qsort(t->v, t->n, sizeof *t->v, tag_cmp);
}

/* ---- field values ---- */

static void fval_free(const struct ivs_field *f, struct fval *v)
{
	switch (f->type) {
	case IVS_FT_ID: case IVS_FT_STRING: case IVS_FT_TEXT: case IVS_FT_REF:
		free(v->u.s);
		v->u.s = NULL;
		break;
	case IVS_FT_TAGS:
		ivs_tags_free(&v->u.t);
		break;
	default:
		break;
	}
	v->set = false;
}

/* A deep copy of a resource's current value. */
static struct fval fval_get(const struct ivs_res *r, int field)
{
	const struct ivs_field *f = field_of(r, field);
	const void *s = cslot(r, f);
	struct fval v;

	memset(&v, 0, sizeof v);
	v.set = ivs_res_is_set(r, field);
	switch (f->type) {
	case IVS_FT_ID: case IVS_FT_STRING: case IVS_FT_TEXT: case IVS_FT_REF:
		v.u.s = ivs_xstrdup(*(char *const *)s);
		break;
	case IVS_FT_ENUM: v.u.e = *(const int *)s; break;
	case IVS_FT_BOOL: v.u.b = *(const bool *)s; break;
	case IVS_FT_INT: v.u.i = *(const long *)s; break;
	case IVS_FT_ENUM_LIST: v.u.l = *(const struct ivs_enum_list *)s; break;
	case IVS_FT_TAGS: ivs_tags_copy(&v.u.t, (const struct ivs_tags *)s); break;
	case IVS_FT_GROUP: case IVS_FT_CHILDREN: break;
	}
	return v;
}

static struct fval fval_dup(const struct ivs_field *f, const struct fval *src)
{
	struct fval v = *src;
	switch (f->type) {
	case IVS_FT_ID: case IVS_FT_STRING: case IVS_FT_TEXT: case IVS_FT_REF:
		v.u.s = ivs_xstrdup(src->u.s);
		break;
	case IVS_FT_TAGS:
		ivs_tags_copy(&v.u.t, &src->u.t);
		break;
	default:
		break;
	}
	return v;
}

/* Stores a copy of v into the resource, freeing what was there. */
static void fval_put(struct ivs_res *r, int field, const struct fval *v)
{
	const struct ivs_field *f = field_of(r, field);
	void *s = slot(r, f);
	struct fval copy = fval_dup(f, v);

	switch (f->type) {
	case IVS_FT_ID: case IVS_FT_STRING: case IVS_FT_TEXT: case IVS_FT_REF:
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
	case IVS_FT_GROUP: case IVS_FT_CHILDREN:
		break;
	}
	set_bit(r, field, v->set);
}

/* ---- resources ---- */

static struct ivs_res *res_new(struct ivs_project *p, enum ivs_kind kind, const char *id)
{
	const struct ivs_kind_info *ki = ivs_kind_info(kind);
	struct ivs_res *r = ivs_xcalloc(1, ki->size);
	r->kind = kind;
	r->id = ivs_xstrdup(id);
	r->serial = p->next_serial++;
	ivs_diags_init(&r->diags);
	if (kind != IVS_KIND_STACK)
		set_bit(r, 0, true);   /* the id row is always given */
	return r;
}

static void list_free_all(struct ivs_list *l);

static void res_free(struct ivs_res *r)
{
	if (!r)
		return;
	const struct ivs_kind_info *ki = ivs_kind_info(r->kind);
	for (int i = 0; i < ki->nfields; i++) {
		const struct ivs_field *f = &ki->fields[i];
		void *s = slot(r, f);
		switch (f->type) {
		case IVS_FT_ID: case IVS_FT_STRING: case IVS_FT_TEXT: case IVS_FT_REF:
			free(*(char **)s);
			break;
		case IVS_FT_TAGS:
			ivs_tags_free((struct ivs_tags *)s);
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
		res_free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

static struct ivs_list *list_of(struct ivs_project *p, const struct ivs_res *r)
{
	if (r->kind == IVS_KIND_STREAM_KEY)
		return &((struct ivs_channel *)r->parent)->stream_keys;
	return &p->lists[r->kind];
}

static void list_renumber(struct ivs_list *l, size_t from)
{
	for (size_t i = from; i < l->n; i++)
		l->v[i]->index = i;
}

static void list_insert(struct ivs_list *l, struct ivs_res *r, size_t at)
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
	list_renumber(l, at);
}

static void list_remove_at(struct ivs_list *l, size_t at)
{
	memmove(&l->v[at], &l->v[at + 1], (l->n - at - 1) * sizeof *l->v);
	l->n--;
	list_renumber(l, at);
}

/* CloudFormation resources r accounts for, children included. */
static size_t res_weight(const struct ivs_res *r)
{
	switch (r->kind) {
	case IVS_KIND_BUCKET:
		return ivs_res_imported(r) ? 0 : 1;
	case IVS_KIND_CHANNEL:
		return (ivs_res_imported(r) ? 0 : 1) + ((const struct ivs_channel *)r)->stream_keys.n;
	case IVS_KIND_STREAM_KEY: case IVS_KIND_KEY_PAIR: case IVS_KIND_RECORDING:
		return 1;
	default:
		return 0;
	}
}

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
		res_free(p->grave[i]);
	p->ngrave = 0;
}

/* Frees a removed resource, or keeps it until the journal that names it is
 * cleared (p == NULL: free now). */
static void res_release(struct ivs_project *p, struct ivs_res *r)
{
	if (!p || p->njournal == 0) {
		res_free(r);
		return;
	}
	if (p->ngrave == p->capgrave) {
		p->capgrave = p->capgrave ? p->capgrave * 2 : 8;
		p->grave = ivs_xrealloc(p->grave, p->capgrave * sizeof *p->grave);
	}
	p->grave[p->ngrave++] = r;
}

/* ---- applying primitive operations (forward or backward) ---- */

static void index_add(struct ivs_project *p, struct ivs_res *r)
{
	if (!r->parent && r->kind != IVS_KIND_STACK && r->id)
		ivs_strmap_add(p->ids, r->id, r);
}

static void index_del(struct ivs_project *p, struct ivs_res *r)
{
	if (!r->parent && r->kind != IVS_KIND_STACK && r->id)
		ivs_strmap_del(p->ids, r->id, r);
}

static void apply_field(struct ivs_project *p, struct ivs_res *r, int field, const struct fval *v)
{
	const struct ivs_field *f = field_of(r, field);
	bool live = res_live(r);
	size_t w0 = live && !r->parent ? res_weight(r) : 0;
	char *old_id = NULL;

	if (f->type == IVS_FT_ID) {
		old_id = ivs_xstrdup(r->id);
		if (live)
			index_del(p, r);
	}
	fval_put(r, field, v);
	if (f->type == IVS_FT_ID) {
		if (live)
			index_add(p, r);
		journal_push(p, IVS_CHANGE_RENAME, r, field, old_id);
		free(old_id);
	} else {
		journal_push(p, IVS_CHANGE_FIELD, r, field, NULL);
	}
	if (live && !r->parent)
		p->cfn_count = p->cfn_count - w0 + res_weight(r);
}

static void mark_in_model(struct ivs_res *r, bool on)
{
	r->in_model = on;
}

static void apply_insert(struct ivs_project *p, struct ivs_res *r, size_t at)
{
	list_insert(list_of(p, r), r, at);
	mark_in_model(r, true);
	if (res_live(r)) {
		index_add(p, r);
		p->cfn_count += res_weight(r);
	}
	journal_push(p, IVS_CHANGE_ADD, r, -1, NULL);
}

static void apply_remove(struct ivs_project *p, struct ivs_res *r)
{
	if (res_live(r)) {
		index_del(p, r);
		p->cfn_count -= res_weight(r);
	}
	list_remove_at(list_of(p, r), r->index);
	mark_in_model(r, false);
	journal_push(p, IVS_CHANGE_REMOVE, r, -1, NULL);
}

static void apply_move(struct ivs_project *p, struct ivs_res *r, size_t to)
{
	struct ivs_list *l = list_of(p, r);
	size_t from = r->index;
	list_remove_at(l, from);
	list_insert(l, r, to);
	list_renumber(l, 0);
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
			const struct ivs_field *f = field_of(o->res, o->field);
			fval_free(f, &o->before);
			fval_free(f, &o->after);
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

static void history_clear(struct ivs_project *p, struct history *h)
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
	history_clear(p, &p->redo);
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
static void record(struct ivs_project *p, struct op *o, const char *label)
{
	bool own_step = p->group_depth == 0;

	op_apply(p, o, true);
	if (!p->history_on) {
		struct step tmp = {.ops = o, .n = 1};
		if (o->type == OP_FIELD) {
			const struct ivs_field *f = field_of(o->res, o->field);
			fval_free(f, &o->before);
			fval_free(f, &o->after);
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
			const struct ivs_field *f = field_of(o->res, o->field);
			fval_free(f, &last->ops[0].after);
			last->ops[0].after = o->after;
			fval_free(f, &o->before);
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
	history_clear(NULL, &p->undo);
	history_clear(NULL, &p->redo);
	free(p->undo.v);
	free(p->redo.v);
	for (size_t k = 0; k < 4; k++)
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

static struct ivs_res *find_first(const struct ivs_project *p, const char *id, int kind)
{
	void *hits[16];
	size_t n = ivs_strmap_get(p->ids, id, hits, IVS_ARRAY_LEN(hits));
	struct ivs_res *best = NULL;

	if (n > IVS_ARRAY_LEN(hits)) {
		/* Many entries share the id: walk the lists in file order. */
		for (size_t k = 0; k < 4; k++) {
			const struct ivs_list *l = &p->lists[ivs_top_kinds[k]];
			if (kind >= 0 && (int)ivs_top_kinds[k] != kind)
				continue;
			for (size_t i = 0; i < l->n; i++)
				if (strcmp(l->v[i]->id, id) == 0)
					return l->v[i];
		}
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		struct ivs_res *r = hits[i];
		if (kind >= 0 && (int)r->kind != kind)
			continue;
		if (!best || r->kind < best->kind || (r->kind == best->kind && r->index < best->index))
			best = r;
	}
	return best;
}

struct ivs_res *ivs_project_find(const struct ivs_project *p, const char *id)
{
	return id ? find_first(p, id, -1) : NULL;
}

struct ivs_res *ivs_project_find_kind(const struct ivs_project *p, enum ivs_kind kind,
                                      const char *id)
{
	return id ? find_first(p, id, (int)kind) : NULL;
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
	for (size_t k = 0; k < 4; k++) {
		const struct ivs_list *l = &p->lists[ivs_top_kinds[k]];
		for (size_t i = 0; i < l->n; i++) {
			fn(l->v[i], ctx);
			if (l->v[i]->kind == IVS_KIND_CHANNEL) {
				const struct ivs_list *sk = &((struct ivs_channel *)l->v[i])->stream_keys;
				for (size_t j = 0; j < sk->n; j++)
					fn(sk->v[j], ctx);
			}
		}
	}
}

/* ---- reading values ---- */

struct ivs_pos ivs_res_pos(const struct ivs_res *r, int field)
{
	if (r->fpos && field >= 0 && r->fpos[field].line)
		return r->fpos[field];
	if (r->fpos && field >= 0) {
		/* a group child without its own position: the group's */
		const struct ivs_field *f = field_of(r, field);
		if (f && f->parent >= 0 && r->fpos[f->parent].line)
			return r->fpos[f->parent];
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
	const struct ivs_field *f = field_of(r, field);
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
	const struct ivs_field *f = field_of(r, field);
	if (!f || (f->type != IVS_FT_ID && f->type != IVS_FT_STRING && f->type != IVS_FT_TEXT &&
	           f->type != IVS_FT_REF))
		return NULL;
	return ivs_res_is_set(r, field) ? *(char *const *)cslot(r, f) : NULL;
}

const struct ivs_enum_list *ivs_res_get_list(const struct ivs_res *r, int field)
{
	const struct ivs_field *f = field_of(r, field);
	if (!f || f->type != IVS_FT_ENUM_LIST || !ivs_res_is_set(r, field))
		return NULL;
	return cslot(r, f);
}

void ivs_res_format(const struct ivs_res *r, int field, bool effective, struct ivs_buf *out)
{
	const struct ivs_field *f = field_of(r, field);
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
		}
		return;
	}
	const void *s = cslot(r, f);
	switch (f->type) {
	case IVS_FT_ID: case IVS_FT_STRING: case IVS_FT_TEXT: case IVS_FT_REF:
		if (*(char *const *)s)
			ivs_buf_puts(out, *(char *const *)s);
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
	case IVS_FT_GROUP: case IVS_FT_CHILDREN:
		break;
	}
}

void ivs_res_path(const struct ivs_res *r, int field, struct ivs_buf *out)
{
	const struct ivs_kind_info *ki = ivs_kind_info(r->kind);
	if (r->kind == IVS_KIND_STACK) {
		ivs_buf_puts(out, "stack");
	} else if (r->parent) {
		ivs_res_path(r->parent, -1, out);
		ivs_buf_printf(out, ".stream_keys[%zu]", r->index);
	} else {
		ivs_buf_printf(out, "%s[%zu]", ki->list_key, r->index);
	}
	if (field >= 0 && field < ki->nfields) {
		const struct ivs_field *f = &ki->fields[field];
		if (f->parent >= 0)
			ivs_buf_printf(out, ".%s", ki->fields[f->parent].key);
		ivs_buf_printf(out, ".%s", f->key);
	}
}

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
	const struct ivs_field *f = field_of(r, field);
	char label[96];

	if (!f || f->type == IVS_FT_CHILDREN) {
		fval_free(f ? f : field_of(r, 0), &v);
		return -1;
	}
	label[0] = '\0';   /* only an undo step uses it (not the loader's edits) */
	if (p->history_on)
		snprintf(label, sizeof label, "%s %s", v.set ? "set" : "unset", f->key);
	bool need_group = v.set && f->parent >= 0 && !ivs_res_is_set(r, f->parent);
	if (need_group)
		ivs_edit_begin(p, label);
	if (need_group) {
		struct op *g = op_new(OP_FIELD, r);
		g->field = f->parent;
		g->before.set = false;
		g->after.set = true;
		record(p, g, label);
	}
	struct op *o = op_new(OP_FIELD, r);
	o->field = field;
	o->before = fval_get(r, field);
	o->after = v;
	record(p, o, label);
	if (need_group)
		ivs_edit_end(p);
	return 0;
}

static bool type_is(const struct ivs_res *r, int field, enum ivs_ftype t)
{
	const struct ivs_field *f = field_of(r, field);
	return f && f->type == t;
}

int ivs_edit_set_str(struct ivs_project *p, struct ivs_res *r, int field, const char *s)
{
	const struct ivs_field *f = field_of(r, field);
	if (!f || !s || (f->type != IVS_FT_STRING && f->type != IVS_FT_TEXT && f->type != IVS_FT_REF &&
	                 f->type != IVS_FT_ID))
		return -1;
	if (!ivs_utf8_valid(s, strlen(s)))
		return -1;   /* the file is UTF-8: a value it cannot hold is refused */
	if (f->type == IVS_FT_ID)
		return ivs_edit_rename(p, r, s, NULL);
	struct fval v = {.set = true};
	v.u.s = ivs_xstrdup(s);
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
	const struct ivs_field *f = field_of(r, field);
	if (!f || f->type != IVS_FT_ENUM || idx < 0 || (size_t)idx >= ivs_choice_count(f->choices))
		return -1;
	struct fval v = {.set = true};
	v.u.e = idx;
	return edit_field(p, r, field, v);
}

int ivs_edit_set_list(struct ivs_project *p, struct ivs_res *r, int field,
                      const struct ivs_enum_list *l)
{
	const struct ivs_field *f = field_of(r, field);
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

int ivs_edit_unset(struct ivs_project *p, struct ivs_res *r, int field)
{
	const struct ivs_field *f = field_of(r, field);
	const struct ivs_kind_info *ki = ivs_kind_info(r->kind);

	if (!f || f->type == IVS_FT_ID || f->type == IVS_FT_CHILDREN)
		return -1;
	if (!ivs_res_is_set(r, field))
		return 0;
	if (f->type != IVS_FT_GROUP) {
		/* One field: one op, so that emptying a field while typing
		 * merges into the typing's undo step (coalescing). */
		return edit_field(p, r, field, (struct fval){.set = false});
	}
	char label[96];
	snprintf(label, sizeof label, "unset %s", f->key);
	ivs_edit_begin(p, label);
	for (int i = 0; i < ki->nfields; i++)
		if (ki->fields[i].parent == field && ivs_res_is_set(r, i))
			edit_field(p, r, i, (struct fval){.set = false});
	edit_field(p, r, field, (struct fval){.set = false});
	ivs_edit_end(p);
	return 0;
}

static char *trim_dup(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return ivs_xstrndup(s, n);
}

static void set_err(char **err, char *msg)
{
	if (err)
		*err = msg;
	else
		free(msg);
}

static char *choices_text(const char *const *choices)
{
	struct ivs_buf b;
	ivs_buf_init(&b);
	for (size_t i = 0; choices[i]; i++)
		ivs_buf_printf(&b, "%s%s", i ? (choices[i + 1] ? ", " : " or ") : "", choices[i]);
	return ivs_buf_steal(&b);
}

static int parse_choice(const struct ivs_field *f, const char *word, char **err)
{
	for (int i = 0; f->choices[i]; i++)
		if (strcasecmp(f->choices[i], word) == 0)
			return i;
	char *c = choices_text(f->choices);
	set_err(err, ivs_xasprintf("%s must be one of %s, not \"%s\".", f->key, c, word));
	free(c);
	return -1;
}

int ivs_edit_set_text(struct ivs_project *p, struct ivs_res *r, int field, const char *text,
                      char **err)
{
	const struct ivs_field *f = field_of(r, field);
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
	if (f->type == IVS_FT_TEXT) {
		if (!*text)
			return ivs_edit_unset(p, r, field);
		return ivs_edit_set_str(p, r, field, text);
	}
	char *t = trim_dup(text);
	if (!*t && f->type != IVS_FT_GROUP) {
		free(t);
		return ivs_edit_unset(p, r, field);
	}
	switch (f->type) {
	case IVS_FT_STRING: case IVS_FT_REF:
		rc = ivs_edit_set_str(p, r, field, text);
		break;
	case IVS_FT_ENUM: {
		int i = parse_choice(f, t, err);
		rc = i < 0 ? -1 : ivs_edit_set_enum(p, r, field, i);
		break;
	}
	case IVS_FT_BOOL:
		if (!strcasecmp(t, "true") || !strcasecmp(t, "yes") || !strcasecmp(t, "on") || !strcmp(t, "1"))
			rc = ivs_edit_set_bool(p, r, field, true);
		else if (!strcasecmp(t, "false") || !strcasecmp(t, "no") || !strcasecmp(t, "off") ||
		         !strcmp(t, "0"))
			rc = ivs_edit_set_bool(p, r, field, false);
		else
			set_err(err, ivs_xasprintf("%s is true or false, not \"%s\".", f->key, t));
		break;
	case IVS_FT_INT: {
		char *end;
		errno = 0;
		long v = strtol(t, &end, 10);
		if (errno || *end || end == t)
			set_err(err, ivs_xasprintf("%s is a whole number, not \"%s\".", f->key, t));
		else
			rc = ivs_edit_set_int(p, r, field, v);
		break;
	}
	case IVS_FT_ENUM_LIST: {
		struct ivs_enum_list l = {0};
		char *save = NULL;
		rc = 0;
		for (char *w = strtok_r(t, ", \t", &save); w; w = strtok_r(NULL, ", \t", &save)) {
			int i = parse_choice(f, w, err);
			if (i < 0 || l.n == IVS_ENUM_LIST_MAX) {
				if (i >= 0)
					set_err(err, ivs_xasprintf("%s holds at most %d values.", f->key,
					                           IVS_ENUM_LIST_MAX));
				rc = -1;
				break;
			}
			l.v[l.n++] = (uint8_t)i;
		}
		if (rc == 0)
			rc = ivs_edit_set_list(p, r, field, &l);
		break;
	}
	case IVS_FT_TAGS: {
		struct ivs_tags tags = {0};
		char *save = NULL;
		rc = 0;
		for (char *w = strtok_r(t, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
			char *eq = strchr(w, '=');
			if (!eq) {
				set_err(err, ivs_xasprintf("a tag is key=value, not \"%s\".", w));
				rc = -1;
				break;
			}
			*eq = '\0';
			char *k = trim_dup(w), *v = trim_dup(eq + 1);
			ivs_tags_put(&tags, k, v);
			free(k);
			free(v);
		}
		if (rc == 0)
			rc = ivs_edit_set_tags(p, r, &tags);
		ivs_tags_free(&tags);
		break;
	}
	case IVS_FT_GROUP:
		rc = ivs_edit_set_group(p, r, field);
		break;
	default:
		set_err(err, ivs_xasprintf("%s cannot be typed in.", f->key));
		break;
	}
	free(t);
	return rc;
}

struct ivs_res *ivs_edit_add(struct ivs_project *p, enum ivs_kind kind, struct ivs_res *parent,
                             const char *id, size_t index)
{
	if (kind == IVS_KIND_STACK || kind >= IVS_KIND_COUNT || !id)
		return NULL;
	if ((kind == IVS_KIND_STREAM_KEY) != (parent != NULL))
		return NULL;
	if (parent && parent->kind != IVS_KIND_CHANNEL)
		return NULL;
	struct ivs_res *r = res_new(p, kind, id);
	r->parent = parent;
	struct op *o = op_new(OP_INSERT, r);
	o->to = index == SIZE_MAX ? list_of(p, r)->n : index;
	char label[64] = "";
	if (p->history_on)
		snprintf(label, sizeof label, "add %s", kind_label(r));
	record(p, o, label);
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
	record(p, o, label);
}

/* Collects the REF fields that point at id (top-level entries only). */
static void rename_refs(struct ivs_project *p, const struct ivs_res *target, const char *old_id,
                        const char *new_id)
{
	for (size_t k = 0; k < 4; k++) {
		struct ivs_list *l = &p->lists[ivs_top_kinds[k]];
		for (size_t i = 0; i < l->n; i++) {
			struct ivs_res *r = l->v[i];
			const struct ivs_kind_info *ki = ivs_kind_info(r->kind);
			for (int fi = 0; fi < ki->nfields; fi++) {
				const struct ivs_field *f = &ki->fields[fi];
				if (f->type != IVS_FT_REF || f->ref != target->kind || !ivs_res_is_set(r, fi))
					continue;
				if (strcmp(*(char **)slot(r, f), old_id) != 0)
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
	if (!r->parent && res_live(r)) {
		void *hits[2];
		unique = ivs_strmap_get(p->ids, old_id, hits, 2) == 1;
	}
	ivs_edit_begin(p, "rename");
	struct fval v = {.set = true};
	v.u.s = ivs_xstrdup(id);
	edit_field(p, r, 0, v);
	if (unique)
		rename_refs(p, r, old_id, id);
	ivs_edit_end(p);
	free(old_id);
	return 0;
}

void ivs_edit_move(struct ivs_project *p, struct ivs_res *r, size_t index)
{
	if (!r || r->kind == IVS_KIND_STACK || !r->in_model)
		return;
	struct ivs_list *l = list_of(p, r);
	if (index >= l->n)
		index = l->n - 1;
	if (index == r->index)
		return;
	struct op *o = op_new(OP_MOVE, r);
	o->from = r->index;
	o->to = index;
	record(p, o, "move");
}

char *ivs_project_unique_id(const struct ivs_project *p, const char *base)
{
	void *hit;
	if (ivs_strmap_get(p->ids, base, &hit, 1) == 0)
		return ivs_xstrdup(base);
	for (unsigned long n = 2;; n++) {
		char *id = ivs_xasprintf("%s%lu", base, n);
		if (ivs_strmap_get(p->ids, id, &hit, 1) == 0)
			return id;
		free(id);
	}
}

static char *unique_child_id(const struct ivs_channel *c, const char *base)
{
	for (unsigned long n = 1;; n++) {
		char *id = n == 1 ? ivs_xstrdup(base) : ivs_xasprintf("%s%lu", base, n);
		bool taken = false;
		for (size_t i = 0; i < c->stream_keys.n && !taken; i++)
			taken = strcmp(c->stream_keys.v[i]->id, id) == 0;
		if (!taken)
			return id;
		free(id);
	}
}

static void copy_fields(struct ivs_project *p, struct ivs_res *dst, const struct ivs_res *src)
{
	const struct ivs_kind_info *ki = ivs_kind_info(src->kind);
	for (int i = 1; i < ki->nfields; i++) {
		const struct ivs_field *f = &ki->fields[i];
		if (f->type == IVS_FT_CHILDREN || !ivs_res_is_set(src, i))
			continue;
		edit_field(p, dst, i, fval_get(src, i));
	}
}

struct ivs_res *ivs_edit_duplicate(struct ivs_project *p, struct ivs_res *r)
{
	if (!r || r->kind == IVS_KIND_STACK || !r->in_model)
		return NULL;
	char *id = r->parent ? unique_child_id((struct ivs_channel *)r->parent, r->id)
	                     : ivs_project_unique_id(p, r->id);
	ivs_edit_begin(p, "duplicate");
	struct ivs_res *d = ivs_edit_add(p, r->kind, r->parent, id, r->index + 1);
	copy_fields(p, d, r);
	if (r->kind == IVS_KIND_CHANNEL) {
		const struct ivs_list *sk = &((struct ivs_channel *)r)->stream_keys;
		for (size_t i = 0; i < sk->n; i++) {
			struct ivs_res *k = ivs_edit_add(p, IVS_KIND_STREAM_KEY, d, sk->v[i]->id, SIZE_MAX);
			copy_fields(p, k, sk->v[i]);
		}
	}
	ivs_edit_end(p);
	free(id);
	return d;
}
