/* model_ids.c: the index of top-level ids (one namespace for every
 * top-level list), lookups by id, and unique ids for new entries. */
#include "model_int.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void ivs_m_index_add(struct ivs_project *p, struct ivs_res *r)
{
	if (!r->parent && ivs_kind_info(r->kind)->role == IVS_ROLE_TOP && r->id)
		ivs_strmap_add(p->ids, r->id, r);
}

void ivs_m_index_del(struct ivs_project *p, struct ivs_res *r)
{
	if (!r->parent && ivs_kind_info(r->kind)->role == IVS_ROLE_TOP && r->id)
		ivs_strmap_del(p->ids, r->id, r);
}

static struct ivs_res *find_first(const struct ivs_project *p, const char *id, int kind)
{
	void *hits[16];
	size_t n = ivs_strmap_get(p->ids, id, hits, IVS_ARRAY_LEN(hits));
	struct ivs_res *best = NULL;

	if (n > IVS_ARRAY_LEN(hits)) {
		/* Many entries share the id: walk the lists in file order. */
		for (size_t k = 0; k < IVS_TOP_KIND_COUNT; k++) {
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

char *ivs_m_unique_child_id(const struct ivs_res *parent, const char *base)
{
	const struct ivs_list *kids = ivs_res_children(parent);
	for (unsigned long n = 1;; n++) {
		char *id = n == 1 ? ivs_xstrdup(base) : ivs_xasprintf("%s%lu", base, n);
		bool taken = false;
		for (size_t i = 0; i < kids->n && !taken; i++)
			taken = strcmp(kids->v[i]->id, id) == 0;
		if (!taken)
			return id;
		free(id);
	}
}
