/* validate_index.c: the two containers the validator's indexes are made
 * of: a pointer -> pointer hash map (linear probing, backward-shift
 * deletion) and a string -> set-of-resources index (one bucket per key, so
 * 5,000 channels naming one recording configuration cost O(1) to add or
 * remove). Both own only their own memory; keys and values are borrowed
 * unless said otherwise. */
#include "validate_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/util.h"

/* ---- a small pointer -> pointer hash map (linear probing) ---- */


static size_t pm_hash(const void *k, size_t cap)
{
	uint64_t x = (uint64_t)(uintptr_t)k;
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return (size_t)x & (cap - 1);
}

void ivs_vpm_free(struct ptrmap *m)
{
	free(m->v);
	memset(m, 0, sizeof *m);
}

void ivs_vpm_put(struct ptrmap *m, const void *key, void *val);

static void pm_grow(struct ptrmap *m)
{
	struct ptrmap old = *m;
	m->cap = old.cap ? old.cap * 2 : 4;
	m->v = ivs_xcalloc(m->cap, sizeof *m->v);
	m->n = 0;
	for (size_t i = 0; i < old.cap; i++)
		if (old.v[i].key)
			ivs_vpm_put(m, old.v[i].key, old.v[i].val);
	free(old.v);
}

static struct ivs_vpm_slot *pm_find(const struct ptrmap *m, const void *key)
{
	if (!m->cap)
		return NULL;
	for (size_t j = pm_hash(key, m->cap); m->v[j].key; j = (j + 1) & (m->cap - 1))
		if (m->v[j].key == key)
			return &m->v[j];
	return NULL;
}

void *ivs_vpm_get(const struct ptrmap *m, const void *key)
{
	struct ivs_vpm_slot *s = pm_find(m, key);
	return s ? s->val : NULL;
}

/* Adds key, or replaces its value. */
void ivs_vpm_put(struct ptrmap *m, const void *key, void *val)
{
	struct ivs_vpm_slot *s = pm_find(m, key);
	if (s) {
		s->val = val;
		return;
	}
	if ((m->n + 1) * 4 >= m->cap * 3)
		pm_grow(m);
	size_t j = pm_hash(key, m->cap);
	while (m->v[j].key)
		j = (j + 1) & (m->cap - 1);
	m->v[j].key = key;
	m->v[j].val = val;
	m->n++;
}

/* Deletes key (backward-shift deletion: no tombstones). */
void ivs_vpm_del(struct ptrmap *m, const void *key)
{
	struct ivs_vpm_slot *s = pm_find(m, key);
	if (!s)
		return;
	size_t i = (size_t)(s - m->v), j = i;
	m->v[i].key = NULL;
	m->n--;
	for (;;) {
		j = (j + 1) & (m->cap - 1);
		if (!m->v[j].key)
			break;
		size_t h = pm_hash(m->v[j].key, m->cap);
		/* can the entry at j move to the hole at i? */
		if ((j > i && (h <= i || h > j)) || (j < i && (h <= i && h > j))) {
			m->v[i] = m->v[j];
			m->v[j].key = NULL;
			i = j;
		}
	}
}

/* ---- string -> set of resources (many channels share one reference) ---- */



void ivs_vkidx_init(struct kidx *x)
{
	x->map = ivs_strmap_new();
	memset(&x->all, 0, sizeof x->all);
}

void ivs_vkidx_free(struct kidx *x)
{
	for (size_t i = 0; i < x->all.cap; i++)
		if (x->all.v[i].key) {
			struct kbucket *b = x->all.v[i].val;
			ivs_vpm_free(&b->set);
			free(b->key);
			free(b);
		}
	ivs_vpm_free(&x->all);
	ivs_strmap_free(x->map);
}

static struct kbucket *bucket_of(const struct kidx *x, const char *key)
{
	void *b = NULL;
	return ivs_strmap_get(x->map, key, &b, 1) ? b : NULL;
}

void ivs_vkidx_add(struct kidx *x, const char *key, struct ivs_res *r)
{
	struct kbucket *b = bucket_of(x, key);
	if (!b) {
		b = ivs_xcalloc(1, sizeof *b);
		b->key = ivs_xstrdup(key);
		ivs_strmap_add(x->map, b->key, b);
		ivs_vpm_put(&x->all, b, b);
	}
	ivs_vpm_put(&b->set, r, r);
}

void ivs_vkidx_del(struct kidx *x, const char *key, const struct ivs_res *r)
{
	struct kbucket *b = bucket_of(x, key);
	if (!b)
		return;
	ivs_vpm_del(&b->set, r);
	if (b->set.n)
		return;
	ivs_strmap_del(x->map, b->key, b);
	ivs_vpm_del(&x->all, b);
	ivs_vpm_free(&b->set);
	free(b->key);
	free(b);
}

/* The set of resources under key (keys of the map), or NULL. */
const struct ptrmap *ivs_vkidx_set(const struct kidx *x, const char *key)
{
	const struct kbucket *b = bucket_of(x, key);
	return b ? &b->set : NULL;
}
