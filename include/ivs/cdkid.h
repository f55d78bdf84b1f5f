/* cdkid.h: the AWS CDK's naming algorithms, so that ivs-tui's template has
 * the logical ids and generated names the CDK gives the same design
 * (docs/synthesis.md): makeUniqueId and Names.uniqueResourceName,
 * MD5 from libcrypto; the tag order, ICU's root collation. All results are malloc'd; the caller frees. */
#ifndef IVS_CDKID_H
#define IVS_CDKID_H

#include <stdbool.h>
#include <stddef.h>

/* Logical id of a construct path under the stack, e.g. {"C","S","Resource"}. */
char *ivs_cdk_logical_id(const char *const *path, size_t n);
/* Names.uniqueResourceName: path starts with the stack name. max_len is
 * 128 for IVS names; allowed special characters "-_". */
char *ivs_cdk_unique_name(const char *const *path, size_t n, size_t max_len);
/* constructs' sanitizeId: every "/" and every line feed becomes "--". */
char *ivs_cdk_sanitize_id(const char *id);
/* Whether id holds a "/" or a line feed (sanitizing would change it). */
bool ivs_cdk_id_needs_sanitizing(const char *id);
/* Whether a and b are one construct id once sanitized ("a/b", "a--b"). */
bool ivs_cdk_same_id(const char *a, const char *b);
/* The order of tag keys in the CDK's template: JavaScript's
 * a.localeCompare(b), i.e. ICU's root collator (CLDR root collation,
 * tertiary strength, normalization on, as V8's Intl.Collator sets it).
 * Keys the collator calls equal fall back to byte order, so that the
 * result is a total order. <0, 0 or >0, as strcmp. */
int ivs_cdk_tag_key_cmp(const char *a, const char *b);

#endif
