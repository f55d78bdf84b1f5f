/* cdkid.h: the AWS CDK's naming algorithms, so that ivs-tui's template has
 * the logical ids and generated names the CDK gives the same design
 * (docs/synthesis.md): makeUniqueId and Names.uniqueResourceName,
 * MD5 from libcrypto. All results are malloc'd; the caller frees. */
#ifndef IVS_CDKID_H
#define IVS_CDKID_H

#include <stddef.h>

/* Logical id of a construct path under the stack, e.g. {"C","S","Resource"}. */
char *ivs_cdk_logical_id(const char *const *path, size_t n);
/* Names.uniqueResourceName: path starts with the stack name. max_len is
 * 128 for IVS names; allowed special characters "-_". */
char *ivs_cdk_unique_name(const char *const *path, size_t n, size_t max_len);
/* The CDK's construct id sanitising ("/" becomes "--"). */
char *ivs_cdk_sanitize_id(const char *id);

#endif
