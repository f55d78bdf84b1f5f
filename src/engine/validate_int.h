/* validate_int.h: what validate.c (indexes, cross-resource rules, the
 * public API) and validate_fields.c (the rules one entry checks alone)
 * share. Not a public header: nothing outside src/engine/validate*.c
 * includes it. */
#ifndef IVS_VALIDATE_INT_H
#define IVS_VALIDATE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "ivs/diag.h"
#include "ivs/model.h"

/* Adds a diagnostic about field `field` of r (-1: the entry), with r's
 * path and the field's file position. */
void ivs_vdiag(struct ivs_diags *out, enum ivs_rule rule, const struct ivs_res *r, int field,
               const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* The rules r can check alone: every row of its field table (required,
 * lengths, character rules, ranges, lists, tags, imported entries) and
 * its kind's own rules (preset, multitrack, ARN, key material,
 * renditions, thumbnails). A stream key also reads its channel's tags.
 * Cross-resource rules (ids, references, logical ids, counts) are in
 * validate.c. */
void ivs_vcheck_entry(const struct ivs_res *r, struct ivs_diags *out);

/* True while r is part of the project (a stream key: its channel too). */
bool ivs_vlive(const struct ivs_res *r);

/* How a field is named in messages: "channel_name", "stack name". */
const char *ivs_vlabel(const struct ivs_res *r, int field, char *buf, size_t n);

/* s for a message: at most about 60 characters, one line. */
const char *ivs_vshow(const char *s, char *buf, size_t n);

/* ---- containers (validate_index.c) ---- */

/* Pointer -> pointer hash map. Zero-initialised is empty. */
struct ptrmap {
	struct ivs_vpm_slot {
		const void *key;        /* NULL: empty slot */
		void *val;
	} *v;
	size_t cap, n;
};
void ivs_vpm_free(struct ptrmap *m);
void *ivs_vpm_get(const struct ptrmap *m, const void *key);
void ivs_vpm_put(struct ptrmap *m, const void *key, void *val);   /* add or replace */
void ivs_vpm_del(struct ptrmap *m, const void *key);

/* String -> set of resources; the keys are copied. */
struct kbucket {
	char *key;
	struct ptrmap set;
};
struct kidx {
	struct ivs_strmap *map;     /* key -> struct kbucket * (one per key) */
	struct ptrmap all;          /* the buckets, to free them */
};
void ivs_vkidx_init(struct kidx *x);
void ivs_vkidx_free(struct kidx *x);
void ivs_vkidx_add(struct kidx *x, const char *key, struct ivs_res *r);
void ivs_vkidx_del(struct kidx *x, const char *key, const struct ivs_res *r);
/* The resources under key, as the keys of a set (in no order), or NULL. */
const struct ptrmap *ivs_vkidx_set(const struct kidx *x, const char *key);

/* ---- the validator's state and cross-resource rules (validate.c) ---- */

struct vstate;

/* The values checked (r: maybe a temporary copy) and the resource in the
 * project they stand for (self). */
struct ivs_vview {
	const struct ivs_res *r;
	const struct ivs_res *self;
};

/* Indexes of p without checking anything; free with ivs_vstate_free. */
struct vstate *ivs_vstate_build(const struct ivs_project *p);
void ivs_vstate_free(void *vs);
/* Every rule of one resource (lid: its logical id, or NULL). Returns the
 * kinds its references name nothing of (bit k: kind k), or 0. */
unsigned ivs_vcheck_view(const struct ivs_project *p, const struct vstate *vs,
                    const struct ivs_vview *v, const char *lid, struct ivs_diags *out);

/* The key of r in the logical-id index (an output's marked: the
 * template's Outputs are a section of their own); caller frees. */
char *ivs_vlid_key(const struct ivs_res *r);

#endif
