/* tdiff.c: two templates compared resource by resource (see tdiff.h).
 *
 * Steps: index both templates' resources; compare the ones with the same
 * logical id (type, then values, with create-only paths from the type
 * table); pair removed and added resources of one type whose values match
 * or nearly match as renamed; then, until nothing more changes, mark every
 * resource and output that refers to a replaced resource (replaced in turn
 * when the reference sits in a create-only property); last, the words. */
#include "ivs/tdiff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- values ---- */

/* A scalar's text: strings as they are, numbers as JSON writes them. */
static const char *scalar_text(const cJSON *v, char *tmp, size_t n)
{
	if (cJSON_IsString(v))
		return v->valuestring ? v->valuestring : "";
	if (cJSON_IsNumber(v)) {
		double d = v->valuedouble;
		if (d >= -1e15 && d <= 1e15 && d == (double)(long long)d)
			snprintf(tmp, n, "%lld", (long long)d);
		else
			snprintf(tmp, n, "%.17g", d);
		return tmp;
	}
	if (cJSON_IsTrue(v))
		return "true";
	if (cJSON_IsFalse(v))
		return "false";
	return "";   /* null: absent */
}

static bool is_collection(const cJSON *v)
{
	return cJSON_IsObject(v) || cJSON_IsArray(v);
}

/* An intrinsic: a mapping with one key, Ref, Condition or Fn::*. */
static bool is_intrinsic(const cJSON *v)
{
	return cJSON_IsObject(v) && v->child && !v->child->next && v->child->string &&
	       (!strcmp(v->child->string, "Ref") || !strcmp(v->child->string, "Condition") ||
	        !strncmp(v->child->string, "Fn::", 4));
}

static bool values_equal(const cJSON *a, const cJSON *b);

static size_t count_children(const cJSON *v)
{
	size_t n = 0;
	for (const cJSON *c = v ? v->child : NULL; c; c = c->next)
		n++;
	return n;
}

/* Mapping members by name, with a map for large mappings (so that large
 * inputs compare in linear time). */
struct members {
	const cJSON *obj;
	struct ivs_strmap *map;
};

static void members_init(struct members *m, const cJSON *obj)
{
	m->obj = obj;
	m->map = NULL;
	if (count_children(obj) > 16) {
		m->map = ivs_strmap_new();
		for (cJSON *c = obj->child; c; c = c->next)
			if (c->string)
				ivs_strmap_add(m->map, c->string, c);
	}
}

static const cJSON *members_get(const struct members *m, const char *key)
{
	if (!m->obj)
		return NULL;
	if (m->map) {
		void *v = NULL;
		return ivs_strmap_get(m->map, key, &v, 1) ? v : NULL;
	}
	for (const cJSON *c = m->obj->child; c; c = c->next)
		if (c->string && strcmp(c->string, key) == 0)
			return c;
	return NULL;
}

static void members_free(struct members *m)
{
	ivs_strmap_free(m->map);
}

static bool values_equal(const cJSON *a, const cJSON *b)
{
	if (!a || !b)
		return a == b;
	if (cJSON_IsObject(a) || cJSON_IsObject(b)) {
		if (!cJSON_IsObject(a) || !cJSON_IsObject(b) || count_children(a) != count_children(b))
			return false;
		struct members mb;
		bool eq = true;
		members_init(&mb, b);
		for (const cJSON *c = a->child; c && eq; c = c->next)
			eq = c->string && values_equal(c, members_get(&mb, c->string));
		members_free(&mb);
		return eq;
	}
	if (cJSON_IsArray(a) || cJSON_IsArray(b)) {
		if (!cJSON_IsArray(a) || !cJSON_IsArray(b))
			return false;
		const cJSON *x = a->child, *y = b->child;
		for (; x && y; x = x->next, y = y->next)
			if (!values_equal(x, y))
				return false;
		return !x && !y;
	}
	if (cJSON_IsNull(a) != cJSON_IsNull(b))
		return false;
	char ta[40], tb[40];
	return strcmp(scalar_text(a, ta, sizeof ta), scalar_text(b, tb, sizeof tb)) == 0;
}

static cJSON *dup_or_null(const cJSON *v)
{
	return v ? cJSON_Duplicate(v, true) : NULL;
}

/* ---- the result ---- */

static struct ivs_tdiff_prop *add_prop(struct ivs_tdiff_prop **v, size_t *n, const char *path,
                                       const cJSON *old_val, const cJSON *new_val)
{
	*v = ivs_xrealloc(*v, (*n + 1) * sizeof **v);
	struct ivs_tdiff_prop *p = &(*v)[(*n)++];
	memset(p, 0, sizeof *p);
	p->path = ivs_xstrdup(path);
	p->old_val = dup_or_null(old_val);
	p->new_val = dup_or_null(new_val);
	return p;
}

static void free_props(struct ivs_tdiff_prop *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].path);
		free(v[i].because);
		cJSON_Delete(v[i].old_val);
		cJSON_Delete(v[i].new_val);
	}
	free(v);
}

/* Appends, to list, what differs between old and new under path: one
 * entry per leaf (a scalar, a list, an intrinsic), mappings walked key by
 * key (old's order, then keys only new has). */
struct prop_list {
	struct ivs_tdiff_prop *v;
	size_t n;
	const struct ivs_tdiff_type *type;   /* NULL: nothing is create-only */
};

static void diff_values(struct prop_list *l, struct ivs_buf *path, const cJSON *old_val,
                        const cJSON *new_val)
{
	bool old_map = cJSON_IsObject(old_val) && !is_intrinsic(old_val);
	bool new_map = cJSON_IsObject(new_val) && !is_intrinsic(new_val);

	if (old_map && new_map) {
		struct members mo, mn;
		members_init(&mo, old_val);
		members_init(&mn, new_val);
		for (const cJSON *c = old_val->child; c; c = c->next) {
			size_t at = path->len;
			ivs_buf_printf(path, "%s%s", at ? "." : "", c->string);
			diff_values(l, path, c, members_get(&mn, c->string));
			path->len = at;
			path->data[at] = '\0';
		}
		for (const cJSON *c = new_val->child; c; c = c->next) {
			if (members_get(&mo, c->string))
				continue;
			size_t at = path->len;
			ivs_buf_printf(path, "%s%s", at ? "." : "", c->string);
			diff_values(l, path, NULL, c);
			path->len = at;
			path->data[at] = '\0';
		}
		members_free(&mo);
		members_free(&mn);
		return;
	}
	if (values_equal(old_val, new_val))
		return;
	struct ivs_tdiff_prop *p = add_prop(&l->v, &l->n, path->data, old_val, new_val);
	p->replaces = l->type && ivs_tdiff_create_only(l->type, path->data);
}

/* ---- references ---- */

/* Calls fn for every resource a value refers to: Ref X, Fn::GetAtt [X, A]
 * or "X.A", ${X} and ${X.A} in Fn::Sub (not ${!X}, not pseudo parameters),
 * with the path of the leaf the reference sits in. */
typedef void (*ref_fn)(void *ctx, const char *id, size_t idlen, const char *leaf_path);

static void sub_refs(const char *s, const char *leaf, ref_fn fn, void *ctx)
{
	for (const char *p = s; (p = strstr(p, "${")) != NULL;) {
		const char *e = strchr(p + 2, '}');
		if (!e)
			return;
		if (p[2] != '!') {
			const char *id = p + 2, *dot = memchr(id, '.', (size_t)(e - id));
			size_t n = (size_t)((dot ? dot : e) - id);
			if (n && !(n > 5 && !strncmp(id, "AWS::", 5)))
				fn(ctx, id, n, leaf);
		}
		p = e + 1;
	}
}

static void find_refs(const cJSON *v, const char *leaf, ref_fn fn, void *ctx)
{
	if (!is_collection(v))
		return;
	if (is_intrinsic(v)) {
		const cJSON *arg = v->child;
		const char *name = arg->string;
		if (!strcmp(name, "Ref") && cJSON_IsString(arg)) {
			fn(ctx, arg->valuestring, strlen(arg->valuestring), leaf);
			return;
		}
		if (!strcmp(name, "Fn::GetAtt")) {
			if (cJSON_IsArray(arg) && cJSON_IsString(arg->child))
				fn(ctx, arg->child->valuestring, strlen(arg->child->valuestring), leaf);
			else if (cJSON_IsString(arg)) {
				const char *dot = strchr(arg->valuestring, '.');
				fn(ctx, arg->valuestring,
				   dot ? (size_t)(dot - arg->valuestring) : strlen(arg->valuestring), leaf);
			}
			return;
		}
		if (!strcmp(name, "Fn::Sub")) {
			if (cJSON_IsString(arg))
				sub_refs(arg->valuestring, leaf, fn, ctx);
			else if (cJSON_IsArray(arg) && cJSON_IsString(arg->child))
				sub_refs(arg->child->valuestring, leaf, fn, ctx);
		}
	}
	for (const cJSON *c = v->child; c; c = c->next)
		find_refs(c, leaf, fn, ctx);
}

/* Walks the leaves of a value the way diff_values does, calling
 * find_refs on each with its path. */
static void walk_leaves(const cJSON *v, struct ivs_buf *path, ref_fn fn, void *ctx)
{
	if (cJSON_IsObject(v) && !is_intrinsic(v)) {
		for (const cJSON *c = v->child; c; c = c->next) {
			size_t at = path->len;
			ivs_buf_printf(path, "%s%s", at ? "." : "", c->string);
			walk_leaves(c, path, fn, ctx);
			path->len = at;
			path->data[at] = '\0';
		}
		return;
	}
	find_refs(v, path->data, fn, ctx);
}

/* ---- resources ---- */

struct entry {
	struct ivs_tdiff_res r;
	const cJSON *old_node, *new_node;   /* the resource in each template */
	bool paired;                        /* removed/added taken by a rename */
	bool leaves_known;                  /* leaves: values of Properties, counted */
	size_t leaves;
};

struct cmp {
	struct entry *e;
	size_t n, cap;
	struct ivs_strmap *replaced;   /* new logical ids replaced so far -> entry index + 1 */
	struct ivs_tdiff *d;
};

static struct entry *new_entry(struct cmp *c)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 32;
		c->e = ivs_xrealloc(c->e, c->cap * sizeof *c->e);
	}
	memset(&c->e[c->n], 0, sizeof c->e[c->n]);
	return &c->e[c->n++];
}

static const char *type_of(const cJSON *res)
{
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(res, "Type");
	return cJSON_IsString(t) ? t->valuestring : "";
}

/* Values of two resources of one type, into r->props: Properties leaf by
 * leaf, the other attributes whole (Metadata is not compared). */
static void diff_resource(struct ivs_tdiff_res *r, const cJSON *old_res, const cJSON *new_res,
                          const char *type)
{
	struct prop_list l = {NULL, 0, ivs_tdiff_type_find(type)};
	struct ivs_buf path;
	const cJSON *op = cJSON_GetObjectItemCaseSensitive(old_res, "Properties");
	const cJSON *np = cJSON_GetObjectItemCaseSensitive(new_res, "Properties");
	cJSON *empty = cJSON_CreateObject();

	ivs_buf_init(&path);
	ivs_buf_puts(&path, "Properties");
	diff_values(&l, &path, cJSON_IsObject(op) ? op : empty, cJSON_IsObject(np) ? np : empty);
	if (op && !cJSON_IsObject(op) && !values_equal(op, np))
		add_prop(&l.v, &l.n, "Properties", op, np);
	else if (np && !cJSON_IsObject(np) && !values_equal(op, np))
		add_prop(&l.v, &l.n, "Properties", op, np);
	cJSON_Delete(empty);
	l.type = NULL;
	for (int side = 0; side < 2; side++) {
		const cJSON *from = side ? new_res : old_res, *other = side ? old_res : new_res;
		for (const cJSON *a = from->child; a; a = a->next) {
			if (!a->string || !strcmp(a->string, "Type") || !strcmp(a->string, "Properties") ||
			    !strcmp(a->string, "Metadata"))
				continue;
			const cJSON *b = cJSON_GetObjectItemCaseSensitive(other, a->string);
			if (side && b)
				continue;   /* compared from the old side */
			if (!values_equal(a, b))
				add_prop(&l.v, &l.n, a->string, side ? b : a, side ? a : b);
		}
	}
	ivs_buf_free(&path);
	r->props = l.v;
	r->nprops = l.n;
}

/* The letters a CDK logical id adds to its path: the 8 hex digits at the
 * end. Returns the length without them (the whole length otherwise). */
static size_t id_base_len(const char *id)
{
	size_t n = strlen(id);
	if (n <= 8)
		return n;
	for (size_t i = n - 8; i < n; i++)
		if (!((id[i] >= '0' && id[i] <= '9') || (id[i] >= 'A' && id[i] <= 'F')))
			return n;
	return n - 8;
}

/* s with the first occurrence of base replaced by \1 and every run of 8
 * upper-case hex digits by \2: names the CDK generates from the id. */
static char *normalize_name(const char *s, const char *base, size_t blen)
{
	struct ivs_buf b;
	const char *hit = blen ? strstr(s, base) : NULL;
	ivs_buf_init(&b);
	ivs_buf_add(&b, "", 0);
	for (const char *p = s; *p;) {
		if (p == hit) {
			ivs_buf_putc(&b, '\1');
			p += blen;
			continue;
		}
		size_t k = 0;
		while (k < 8 && ((p[k] >= '0' && p[k] <= '9') || (p[k] >= 'A' && p[k] <= 'F')))
			k++;
		if (k == 8) {
			ivs_buf_putc(&b, '\2');
			p += 8;
			continue;
		}
		ivs_buf_putc(&b, *p++);
	}
	return ivs_buf_steal(&b);
}

static bool is_reference(const cJSON *v)
{
	return is_intrinsic(v) && (!strcmp(v->child->string, "Ref") ||
	                           !strcmp(v->child->string, "Fn::GetAtt"));
}

#define RENAME_LIKENESS 80   /* percent of values that must match */

/* How alike two resources of one type are, for rename pairing: the share
 * of leaf values that match, where references match any reference and a
 * name generated from the id matches the one generated from the other id.
 * 0..100. */
/* Leaves of a resource's Properties (as diff_values splits them). */
static size_t count_leaves(const cJSON *v)
{
	if (!cJSON_IsObject(v) || is_intrinsic(v))
		return 1;
	size_t n = 0;
	for (const cJSON *c = v->child; c; c = c->next)
		n += count_leaves(c);
	return n;
}

static size_t prop_leaves(const cJSON *res)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(res, "Properties");
	return cJSON_IsObject(p) ? count_leaves(p) : 0;
}

static int likeness(const char *old_id, const cJSON *old_res, size_t old_leaves,
                    const char *new_id, const cJSON *new_res, size_t new_leaves)
{
	struct prop_list l = {NULL, 0, NULL};
	struct ivs_buf path;
	const cJSON *op = cJSON_GetObjectItemCaseSensitive(old_res, "Properties");
	const cJSON *np = cJSON_GetObjectItemCaseSensitive(new_res, "Properties");
	size_t total = old_leaves > new_leaves ? old_leaves : new_leaves, bad = 0;
	size_t least = old_leaves < new_leaves ? old_leaves : new_leaves;

	if (total == 0)
		return 100;
	if (least * 100 < total * RENAME_LIKENESS)
		return 0;   /* too many values only one side has */
	cJSON *empty = cJSON_CreateObject();
	size_t ob = id_base_len(old_id), nb = id_base_len(new_id);
	char *obase = ivs_xstrndup(old_id, ob), *nbase = ivs_xstrndup(new_id, nb);
	ivs_buf_init(&path);
	ivs_buf_puts(&path, "Properties");
	diff_values(&l, &path, cJSON_IsObject(op) ? op : empty, cJSON_IsObject(np) ? np : empty);
	for (size_t i = 0; i < l.n; i++) {
		const cJSON *a = l.v[i].old_val, *b = l.v[i].new_val;
		if (a && b && is_reference(a) && is_reference(b))
			continue;
		if (cJSON_IsString(a) && cJSON_IsString(b)) {
			char *x = normalize_name(a->valuestring, obase, ob);
			char *y = normalize_name(b->valuestring, nbase, nb);
			bool same = strcmp(x, y) == 0 && strchr(x, '\1');
			free(x);
			free(y);
			if (same)
				continue;
		}
		bad++;
	}
	free_props(l.v, l.n);
	ivs_buf_free(&path);
	cJSON_Delete(empty);
	free(obase);
	free(nbase);
	return bad >= total ? 0 : (int)((total - bad) * 100 / total);
}
/* Pairs tried at most: 500 removed by 500 added resources (CloudFormation's
 * limit per template), so that no input makes the pairing quadratic beyond
 * what a real template can ask. Past it, removed and added stay apart. */
#define RENAME_TRIES 250000u

static void pair_renames(struct cmp *c)
{
	size_t tries = 0;
	for (size_t i = 0; i < c->n && tries < RENAME_TRIES; i++) {
		struct entry *rm = &c->e[i];
		if (rm->r.change != IVS_TDIFF_REMOVED)
			continue;
		int best = -1;
		size_t at = 0, rm_leaves = prop_leaves(rm->old_node);
		for (size_t j = 0; j < c->n; j++) {
			struct entry *ad = &c->e[j];
			if (ad->r.change != IVS_TDIFF_ADDED || ad->paired || strcmp(ad->r.type, rm->r.type))
				continue;
			if (++tries > RENAME_TRIES)
				break;
			if (!ad->leaves_known) {
				ad->leaves = prop_leaves(ad->new_node);
				ad->leaves_known = true;
			}
			int l = likeness(rm->r.id, rm->old_node, rm_leaves, ad->r.id, ad->new_node,
			                 ad->leaves);
			if (l >= RENAME_LIKENESS && l > best)
				best = l, at = j;
		}
		if (best < 0)
			continue;
		/* the added entry becomes the rename; the removed one is dropped */
		struct entry *ad = &c->e[at];
		ad->paired = rm->paired = true;
		ad->r.change = IVS_TDIFF_RENAMED;
		ad->r.old_id = ivs_xstrdup(rm->r.id);
		ad->old_node = rm->old_node;
		diff_resource(&ad->r, rm->old_node, ad->new_node, ad->r.type);
	}
}

/* ---- the cascade ---- */

struct ref_ctx {
	struct cmp *c;
	struct ivs_tdiff_out *o;
	const cJSON *value;       /* what leaf paths start from */
};

static void add_because(char ***v, size_t *n, const char *id)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*v)[i], id))
			return;
	*v = ivs_xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = ivs_xstrdup(id);
}

static struct ivs_tdiff_prop *find_prop(struct ivs_tdiff_prop *v, size_t n, const char *path)
{
	size_t pl = strlen(path);
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(v[i].path);
		if (!strcmp(v[i].path, path) ||
		    (l < pl && !strncmp(v[i].path, path, l) && (path[l] == '.' || path[l] == '[')))
			return &v[i];
	}
	return NULL;
}

/* The value at a dotted path below v ("Properties.A.B"), or NULL. */
static const cJSON *value_at(const cJSON *v, const char *path)
{
	char *p = ivs_xstrdup(path), *save = NULL;
	for (char *seg = strtok_r(p, ".", &save); seg && v; seg = strtok_r(NULL, ".", &save))
		v = cJSON_IsObject(v) ? cJSON_GetObjectItemCaseSensitive(v, seg) : NULL;
	free(p);
	return v;
}

/* Entry e refers, at leaf, to the replaced resource id: the value there
 * changes at deploy. True when that newly replaces e. */
static bool refers_to_replaced(struct cmp *c, struct entry *e, const char *id, const char *leaf)
{
	struct ivs_tdiff_res *r = &e->r;

	if (!strcmp(id, r->id))
		return false;
	add_because(&r->because, &r->nbecause, id);
	struct ivs_tdiff_prop *p = find_prop(r->props, r->nprops, leaf);
	if (!p) {
		const cJSON *v = value_at(e->new_node, leaf);
		p = add_prop(&r->props, &r->nprops, leaf, v, v);
		p->because = ivs_xstrdup(id);
		p->replaces = ivs_tdiff_create_only(ivs_tdiff_type_find(r->type), leaf);
	}
	if (p->replaces && (r->change == IVS_TDIFF_UNCHANGED || r->change == IVS_TDIFF_UPDATED)) {
		r->change = IVS_TDIFF_REPLACED;
		ivs_strmap_add(c->replaced, r->id, r->id);
		return true;
	}
	if (r->change == IVS_TDIFF_UNCHANGED)
		r->change = IVS_TDIFF_UPDATED;
	return false;
}

/* An output's reference: to a replaced resource, the value changes. */
static void on_output_ref(void *ctxp, const char *id, size_t idlen, const char *leaf)
{
	struct ref_ctx *x = ctxp;
	struct ivs_tdiff_out *o = x->o;
	char *name = ivs_xstrndup(id, idlen);
	void *hit = NULL;

	if (ivs_strmap_get(x->c->replaced, name, &hit, 1) && !find_prop(o->props, o->nprops, leaf)) {
		const cJSON *v = value_at(x->value, leaf);
		struct ivs_tdiff_prop *p = add_prop(&o->props, &o->nprops, leaf, v, v);
		p->because = ivs_xstrdup(name);
		if (o->change == IVS_TDIFF_UNCHANGED)
			o->change = IVS_TDIFF_UPDATED;
	}
	free(name);
}

/* Every reference of every resource in NEW, collected once; then each
 * replaced resource, as it becomes one, visits the references to it: linear
 * in the references, however far it cascades. */
struct ref_rec {
	size_t entry;
	char *id, *leaf;
};

struct collect {
	struct ref_rec *v;
	size_t n, cap, entry;
};

static void on_collect(void *ctxp, const char *id, size_t idlen, const char *leaf)
{
	struct collect *k = ctxp;
	if (k->n == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 64;
		k->v = ivs_xrealloc(k->v, k->cap * sizeof *k->v);
	}
	k->v[k->n++] = (struct ref_rec){k->entry, ivs_xstrndup(id, idlen), ivs_xstrdup(leaf)};
}

static void cascade(struct cmp *c)
{
	struct ivs_buf path;
	struct collect k = {NULL, 0, 0, 0};
	struct ivs_strmap *by_id = ivs_strmap_new();
	const char **queue = ivs_xcalloc(c->n + 1, sizeof *queue);
	size_t head = 0, tail = 0;

	ivs_buf_init(&path);
	for (size_t i = 0; i < c->n; i++) {
		struct entry *e = &c->e[i];
		if (e->r.change == IVS_TDIFF_REPLACED || e->r.change == IVS_TDIFF_RENAMED) {
			ivs_strmap_add(c->replaced, e->r.id, e->r.id);
			queue[tail++] = e->r.id;
		}
		if (e->r.change == IVS_TDIFF_ADDED || e->r.change == IVS_TDIFF_REMOVED || !e->new_node)
			continue;
		const cJSON *props = cJSON_GetObjectItemCaseSensitive(e->new_node, "Properties");
		ivs_buf_reset(&path);
		ivs_buf_puts(&path, "Properties");
		k.entry = i;
		if (props)
			walk_leaves(props, &path, on_collect, &k);
	}
	for (size_t i = 0; i < k.n; i++)
		ivs_strmap_add(by_id, k.v[i].id, &k.v[i]);
	while (head < tail) {
		const char *id = queue[head++];
		size_t n = ivs_strmap_get(by_id, id, NULL, 0);
		void **hits = ivs_xcalloc(n ? n : 1, sizeof *hits);
		ivs_strmap_get(by_id, id, hits, n);
		for (size_t i = 0; i < n; i++) {
			const struct ref_rec *rr = hits[i];
			struct entry *e = &c->e[rr->entry];
			if (refers_to_replaced(c, e, id, rr->leaf) && tail < c->n)
				queue[tail++] = e->r.id;
		}
		free(hits);
	}
	for (size_t i = 0; i < k.n; i++) {
		free(k.v[i].id);
		free(k.v[i].leaf);
	}
	free(k.v);
	free(queue);
	ivs_strmap_free(by_id);
	ivs_buf_free(&path);
}

/* ---- words ---- */

static bool retained(const cJSON *res, const char *policy)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(res, policy);
	return cJSON_IsString(p) && !strcmp(p->valuestring, "Retain");
}

/* The replaced resource a changed value refers to, among r's because
 * list (a stream key's ChannelArn to a renamed channel), or NULL. */
struct refers {
	const struct ivs_tdiff_res *r;
	const char *hit;
};

static void on_refers(void *ctxp, const char *id, size_t idlen, const char *leaf)
{
	struct refers *x = ctxp;
	(void)leaf;
	for (size_t i = 0; i < x->r->nbecause && !x->hit; i++)
		if (strlen(x->r->because[i]) == idlen && !strncmp(x->r->because[i], id, idlen))
			x->hit = x->r->because[i];
}

static const char *refers_to(const struct ivs_tdiff_res *r, const struct ivs_tdiff_prop *p)
{
	struct refers x = {r, NULL};
	if (p->because)
		return p->because;
	if (p->new_val)
		find_refs(p->new_val, "", on_refers, &x);
	return x.hit;
}

static void put_list(const struct ivs_tdiff_res *r, struct ivs_buf *b, struct ivs_tdiff_prop *v,
                     size_t n, bool replacing_only)
{
	bool first = true;
	for (size_t i = 0; i < n; i++) {
		if (replacing_only && (!v[i].replaces || refers_to(r, &v[i])))
			continue;
		const char *p = v[i].path;
		if (!strncmp(p, "Properties.", 11))
			p += 11;
		ivs_buf_printf(b, "%s%s", first ? "" : ", ", p);
		first = false;
	}
}

static void make_words(struct ivs_tdiff_res *r, const cJSON *old_res, const cJSON *new_res)
{
	const struct ivs_tdiff_type *t = ivs_tdiff_type_find(r->type);
	struct ivs_buf b;

	ivs_buf_init(&b);
	if (r->change == IVS_TDIFF_REPLACED || r->change == IVS_TDIFF_RENAMED) {
		bool any_co = false;
		for (size_t i = 0; i < r->nprops; i++)
			any_co |= r->props[i].replaces && !refers_to(r, &r->props[i]);
		if (r->change == IVS_TDIFF_RENAMED)
			ivs_buf_printf(&b, "the logical id changes from %s to %s", r->old_id, r->id);
		if (r->old_type)
			ivs_buf_printf(&b, "%sthe type changes from %s", b.len ? "; " : "", r->old_type);
		if (any_co) {
			ivs_buf_printf(&b, "%sa create-only property changes (", b.len ? "; " : "");
			put_list(r, &b, r->props, r->nprops, true);
			ivs_buf_putc(&b, ')');
		}
		for (size_t i = 0; i < r->nprops; i++) {
			const char *x = r->props[i].replaces ? refers_to(r, &r->props[i]) : NULL;
			char *words = x ? ivs_xasprintf("%s is replaced", x) : NULL;
			if (words && !(b.len && strstr(b.data, words)))
				ivs_buf_printf(&b, "%s%s", b.len ? "; " : "", words);
			free(words);
		}
		if (!b.len && r->nbecause)
			ivs_buf_printf(&b, "%s is replaced", r->because[0]);
		r->reason = ivs_buf_steal(&b);

		const cJSON *name = cJSON_GetObjectItemCaseSensitive(
			cJSON_GetObjectItemCaseSensitive(new_res, "Properties"), "BucketName");
		const cJSON *old_name = cJSON_GetObjectItemCaseSensitive(
			cJSON_GetObjectItemCaseSensitive(old_res, "Properties"), "BucketName");
		if (t->type && !strcmp(t->type, "AWS::S3::Bucket") && cJSON_IsString(name) &&
		    values_equal(name, old_name)) {
			ivs_buf_printf(&b, "the deploy fails: the new bucket needs the name %s, which the old "
			               "bucket still holds; remove BucketName or give a new name",
			               name->valuestring);
		} else {
			ivs_buf_puts(&b, t->replace_words);
			if (retained(old_res, "UpdateReplacePolicy"))
				ivs_buf_printf(&b, "; the old %s is kept, outside the stack "
				               "(UpdateReplacePolicy: Retain)", t->noun);
		}
		r->loss = ivs_buf_steal(&b);
	} else if (r->change == IVS_TDIFF_REMOVED) {
		if (retained(old_res, "DeletionPolicy"))
			ivs_buf_printf(&b, "the %s is left behind, outside the stack (DeletionPolicy: Retain)%s; "
			               "delete it by hand, or import it into a stack", t->noun,
			               t->type && !strcmp(t->type, "AWS::S3::Bucket") ? ", with its objects" : "");
		else
			ivs_buf_puts(&b, t->remove_words);
		r->loss = ivs_buf_steal(&b);
	}
	ivs_buf_free(&b);
}

/* ---- outputs and the rest ---- */

static void diff_outputs(struct cmp *c, const cJSON *old_outs, const cJSON *new_outs)
{
	struct ivs_tdiff *d = c->d;
	struct members mo, mn;
	struct ivs_buf path;

	if (!cJSON_IsObject(old_outs))
		old_outs = NULL;
	if (!cJSON_IsObject(new_outs))
		new_outs = NULL;
	members_init(&mo, old_outs);
	members_init(&mn, new_outs);
	ivs_buf_init(&path);
	for (int side = 0; side < 2; side++) {
		const cJSON *from = side ? new_outs : old_outs;
		for (const cJSON *o = from ? from->child : NULL; o; o = o->next) {
			const cJSON *other = members_get(side ? &mo : &mn, o->string);
			if (side && other)
				continue;
			d->outs = ivs_xrealloc(d->outs, (d->nouts + 1) * sizeof *d->outs);
			struct ivs_tdiff_out *out = &d->outs[d->nouts];
			memset(out, 0, sizeof *out);
			out->name = ivs_xstrdup(o->string);
			out->old_val = dup_or_null(side ? NULL : o);
			out->new_val = dup_or_null(side ? o : other);
			if (!other) {
				out->change = side ? IVS_TDIFF_ADDED : IVS_TDIFF_REMOVED;
			} else {
				struct prop_list l = {NULL, 0, NULL};
				ivs_buf_reset(&path);
				ivs_buf_add(&path, "", 0);
				diff_values(&l, &path, o, other);
				out->props = l.v;
				out->nprops = l.n;
				out->change = l.n ? IVS_TDIFF_UPDATED : IVS_TDIFF_UNCHANGED;
				struct ref_ctx x = {c, out, other};
				ivs_buf_reset(&path);
				ivs_buf_add(&path, "", 0);
				walk_leaves(other, &path, on_output_ref, &x);
			}
			if (out->change == IVS_TDIFF_UNCHANGED) {
				cJSON_Delete(out->old_val);
				cJSON_Delete(out->new_val);
				free(out->name);
				continue;
			}
			d->nouts++;
		}
	}
	ivs_buf_free(&path);
	members_free(&mo);
	members_free(&mn);
}

/* A section without what the CDK adds to every stack (bootstrap version
 * check, CDKMetadata's condition): export leaves them out, and they do not
 * change the design's resources. Caller frees. */
static cJSON *without_cdk(const cJSON *section)
{
	static const char *const skip[][2] = {
		{"Parameters", "BootstrapVersion"},
		{"Rules", "CheckBootstrapVersion"},
		{"Conditions", "CDKMetadataAvailable"},
	};
	if (!section)
		return NULL;
	cJSON *c = cJSON_Duplicate(section, true);
	for (size_t i = 0; i < IVS_ARRAY_LEN(skip); i++)
		if (cJSON_IsObject(c) && !strcmp(section->string, skip[i][0]))
			cJSON_DeleteItemFromObjectCaseSensitive(c, skip[i][1]);
	if (cJSON_IsObject(c) && !c->child) {
		cJSON_Delete(c);
		return NULL;
	}
	return c;
}

static void diff_sections(struct ivs_tdiff *d, const cJSON *old_t, const cJSON *new_t)
{
	for (int side = 0; side < 2; side++) {
		const cJSON *from = side ? new_t : old_t, *other = side ? old_t : new_t;
		for (const cJSON *s = cJSON_IsObject(from) ? from->child : NULL; s; s = s->next) {
			if (!strcmp(s->string, "Resources") || !strcmp(s->string, "Outputs") ||
			    !strcmp(s->string, "Description"))
				continue;
			const cJSON *o = cJSON_IsObject(other) ? cJSON_GetObjectItemCaseSensitive(other, s->string)
			                                       : NULL;
			if (side && o)
				continue;
			cJSON *x = without_cdk(s), *y = without_cdk(o);
			bool same = values_equal(x, y);
			cJSON_Delete(x);
			cJSON_Delete(y);
			if (same)
				continue;
			d->sections = ivs_xrealloc(d->sections, (d->nsections + 1) * sizeof *d->sections);
			d->sections[d->nsections++] = ivs_xstrdup(s->string);
		}
	}
}

struct ivs_tdiff *ivs_tdiff_compare(const cJSON *old_t, const cJSON *new_t)
{
	struct ivs_tdiff *d = ivs_xcalloc(1, sizeof *d);
	struct cmp c = {NULL, 0, 0, ivs_strmap_new(), d};
	const cJSON *old_res = cJSON_GetObjectItemCaseSensitive(old_t, "Resources");
	const cJSON *new_res = cJSON_GetObjectItemCaseSensitive(new_t, "Resources");
	struct members mo, mn;

	if (!cJSON_IsObject(old_res))
		old_res = NULL;
	if (!cJSON_IsObject(new_res))
		new_res = NULL;
	members_init(&mo, old_res);
	members_init(&mn, new_res);
	/* the same logical id, or only in OLD */
	for (const cJSON *o = old_res ? old_res->child : NULL; o; o = o->next) {
		if (!cJSON_IsObject(o) || !strcmp(type_of(o), "AWS::CDK::Metadata"))
			continue;
		const cJSON *n = members_get(&mn, o->string);
		struct entry *e = new_entry(&c);
		e->old_node = o;
		e->r.id = ivs_xstrdup(o->string);
		if (!cJSON_IsObject(n)) {
			e->r.change = IVS_TDIFF_REMOVED;
			e->r.type = ivs_xstrdup(type_of(o));
			continue;
		}
		e->new_node = n;
		e->r.type = ivs_xstrdup(type_of(n));
		diff_resource(&e->r, o, n, e->r.type);
		if (strcmp(type_of(o), type_of(n)) != 0) {
			e->r.old_type = ivs_xstrdup(type_of(o));
			e->r.change = IVS_TDIFF_REPLACED;
			continue;
		}
		e->r.change = IVS_TDIFF_UNCHANGED;
		for (size_t i = 0; i < e->r.nprops; i++) {
			if (e->r.props[i].replaces)
				e->r.change = IVS_TDIFF_REPLACED;
			else if (e->r.change == IVS_TDIFF_UNCHANGED)
				e->r.change = IVS_TDIFF_UPDATED;
		}
	}
	/* only in NEW */
	for (const cJSON *n = new_res ? new_res->child : NULL; n; n = n->next) {
		if (!cJSON_IsObject(n) || cJSON_IsObject(members_get(&mo, n->string)) ||
		    !strcmp(type_of(n), "AWS::CDK::Metadata"))
			continue;
		struct entry *e = new_entry(&c);
		e->new_node = n;
		e->r.id = ivs_xstrdup(n->string);
		e->r.type = ivs_xstrdup(type_of(n));
		e->r.change = IVS_TDIFF_ADDED;
	}
	members_free(&mo);
	members_free(&mn);

	pair_renames(&c);
	cascade(&c);
	diff_outputs(&c, cJSON_GetObjectItemCaseSensitive(old_t, "Outputs"),
	             cJSON_GetObjectItemCaseSensitive(new_t, "Outputs"));

	/* keep what changed; a rename sits where its old resource was */
	d->res = ivs_xcalloc(c.n ? c.n : 1, sizeof *d->res);
	for (size_t i = 0; i < c.n; i++) {
		struct entry *e = &c.e[i];
		if (e->r.change == IVS_TDIFF_REMOVED && e->paired) {
			for (size_t j = 0; j < c.n; j++) {
				struct entry *a = &c.e[j];
				if (a->r.change == IVS_TDIFF_RENAMED && a->old_node == e->old_node) {
					make_words(&a->r, a->old_node, a->new_node);
					d->res[d->nres++] = a->r;
					memset(&a->r, 0, sizeof a->r);
					a->r.change = IVS_TDIFF_UNCHANGED;
				}
			}
		} else if (e->r.change != IVS_TDIFF_UNCHANGED && e->r.change != IVS_TDIFF_RENAMED) {
			make_words(&e->r, e->old_node, e->new_node);
			d->res[d->nres++] = e->r;
			memset(&e->r, 0, sizeof e->r);
			e->r.change = IVS_TDIFF_UNCHANGED;
		}
	}
	for (size_t i = 0; i < d->nres; i++) {
		switch (d->res[i].change) {
		case IVS_TDIFF_ADDED: d->added++; break;
		case IVS_TDIFF_REMOVED: d->removed++; break;
		case IVS_TDIFF_UPDATED: d->updated++; break;
		case IVS_TDIFF_RENAMED: d->renamed++; d->replaced++; break;
		case IVS_TDIFF_REPLACED: d->replaced++; break;
		default: break;
		}
	}
	/* what was not handed over: removed halves of renames, unchanged */
	for (size_t i = 0; i < c.n; i++) {
		struct ivs_tdiff_res *r = &c.e[i].r;
		free(r->id);
		free(r->old_id);
		free(r->type);
		free(r->old_type);
		free(r->reason);
		free(r->loss);
		free_props(r->props, r->nprops);
		for (size_t k = 0; k < r->nbecause; k++)
			free(r->because[k]);
		free(r->because);
	}
	free(c.e);
	ivs_strmap_free(c.replaced);

	const cJSON *od = cJSON_IsObject(old_t) ? cJSON_GetObjectItemCaseSensitive(old_t, "Description") : NULL;
	const cJSON *nd = cJSON_IsObject(new_t) ? cJSON_GetObjectItemCaseSensitive(new_t, "Description") : NULL;
	if (!values_equal(od, nd)) {
		d->desc_changed = true;
		d->old_desc = dup_or_null(od);
		d->new_desc = dup_or_null(nd);
	}
	diff_sections(d, old_t, new_t);
	return d;
}

void ivs_tdiff_free(struct ivs_tdiff *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->nres; i++) {
		struct ivs_tdiff_res *r = &d->res[i];
		free(r->id);
		free(r->old_id);
		free(r->type);
		free(r->old_type);
		free(r->reason);
		free(r->loss);
		free_props(r->props, r->nprops);
		for (size_t k = 0; k < r->nbecause; k++)
			free(r->because[k]);
		free(r->because);
	}
	free(d->res);
	for (size_t i = 0; i < d->nouts; i++) {
		free(d->outs[i].name);
		free_props(d->outs[i].props, d->outs[i].nprops);
		cJSON_Delete(d->outs[i].old_val);
		cJSON_Delete(d->outs[i].new_val);
	}
	free(d->outs);
	cJSON_Delete(d->old_desc);
	cJSON_Delete(d->new_desc);
	for (size_t i = 0; i < d->nsections; i++)
		free(d->sections[i]);
	free(d->sections);
	free(d);
}

bool ivs_tdiff_changed(const struct ivs_tdiff *d)
{
	return d->nres || d->nouts || d->desc_changed || d->nsections;
}

bool ivs_tdiff_replaces(const struct ivs_tdiff *d)
{
	return d->replaced > 0;
}

const char *ivs_tdiff_change_name(enum ivs_tdiff_change c)
{
	switch (c) {
	case IVS_TDIFF_ADDED: return "added";
	case IVS_TDIFF_REMOVED: return "removed";
	case IVS_TDIFF_UPDATED: return "updated";
	case IVS_TDIFF_REPLACED: return "replaced";
	case IVS_TDIFF_RENAMED: return "renamed";
	default: return "unchanged";
	}
}

char *ivs_tdiff_res_words(const struct ivs_tdiff_res *r)
{
	switch (r->change) {
	case IVS_TDIFF_ADDED:
		return ivs_xstrdup("added");
	case IVS_TDIFF_REMOVED:
		return ivs_xasprintf("removed: %s", r->loss ? r->loss : "");
	case IVS_TDIFF_UPDATED:
		if (r->nbecause)
			return ivs_xasprintf("updated in place because %s is replaced", r->because[0]);
		return ivs_xstrdup("updated in place");
	case IVS_TDIFF_REPLACED:
		return ivs_xasprintf("replaced because %s: %s", r->reason ? r->reason : "",
		                     r->loss ? r->loss : "");
	case IVS_TDIFF_RENAMED:
		return ivs_xasprintf("renamed from %s, therefore replaced: %s", r->old_id ? r->old_id : "",
		                     r->loss ? r->loss : "");
	default:
		return ivs_xstrdup("unchanged");
	}
}
