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

#endif
