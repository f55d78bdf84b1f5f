/* model_tags.c: tag lists and the tags an entry carries after
 * inheritance. */
#include "model_int.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
