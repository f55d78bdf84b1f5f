/* cdkid.c: the AWS CDK's naming algorithms (aws-cdk-lib core/lib/private/
 * uniqueid.ts makeUniqueId, unique-resource-name.ts makeUniqueResourceName,
 * and constructs' sanitizeId), so that logical ids and generated names are
 * the ones the CDK gives the same construct tree. MD5 comes from libcrypto.
 * Also the CDK's tag order (TagManager sorts keys with localeCompare),
 * from ICU's root collator.
 *
 * Both algorithms work on ASCII once the disallowed characters are removed,
 * so byte lengths here are the CDK's (UTF-16) lengths. The hash is over the
 * UTF-8 bytes of the joined path, as Node's crypto hashes a string. */
#include "ivs/cdkid.h"

#include <openssl/evp.h>
#include <unicode/ucol.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

#include "ivs/util.h"

#define HIDDEN_ID "Default"        /* dropped from the path entirely */
#define HIDDEN_FROM_HUMAN "Resource" /* hashed, but not in the human part */
#define HASH_LEN 8
#define MAX_HUMAN_LEN 240
#define MAX_ID_LEN 255

/* constructs' sanitizeId: the path separator "/" and a line feed (the
 * address separator) both become "--". */
static bool id_separator(char c)
{
	return c == '/' || c == '\n';
}

bool ivs_cdk_id_needs_sanitizing(const char *id)
{
	for (const char *s = id; *s; s++)
		if (id_separator(*s))
			return true;
	return false;
}

char *ivs_cdk_sanitize_id(const char *id)
{
	size_t seps = 0, n = 0;
	for (const char *s = id; *s; s++, n++)
		seps += id_separator(*s);
	if (!seps)
		return ivs_xstrdup(id);
	char *out = ivs_xmalloc(n + seps + 1), *o = out;
	for (const char *s = id; *s; s++) {
		if (id_separator(*s)) {
			*o++ = '-';
			*o++ = '-';
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

bool ivs_cdk_same_id(const char *a, const char *b)
{
	if (!ivs_cdk_id_needs_sanitizing(a) && !ivs_cdk_id_needs_sanitizing(b))
		return strcmp(a, b) == 0;
	char *sa = ivs_cdk_sanitize_id(a), *sb = ivs_cdk_sanitize_id(b);
	bool same = strcmp(sa, sb) == 0;
	free(sa);
	free(sb);
	return same;
}

/* The components left after dropping "Default" ones (pointers borrowed). */
static size_t drop_hidden(const char *const *path, size_t n, const char **out)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(path[i], HIDDEN_ID) != 0)
			out[k++] = path[i];
	return k;
}

/* MD5 with the algorithm fetched once and one digest context reused: an
 * implicit fetch per call (EVP_Digest with EVP_md5()) costs more than the
 * hash itself, and an export hashes every resource. Both stay reachable
 * for the life of the process. */
static int md5(const void *data, size_t len, unsigned char *out, unsigned int *outlen)
{
	static EVP_MD *alg;
	static EVP_MD_CTX *ctx;

	if (!alg)
		alg = EVP_MD_fetch(NULL, "MD5", NULL);
	if (!ctx)
		ctx = EVP_MD_CTX_new();
	if (!alg || !ctx)
		return EVP_Digest(data, len, out, outlen, EVP_md5(), NULL);
	return EVP_DigestInit_ex(ctx, alg, NULL) && EVP_DigestUpdate(ctx, data, len) &&
	       EVP_DigestFinal_ex(ctx, out, outlen);
}

/* First 8 hex digits, upper case, of md5(components joined with '/'). */
static void path_hash(const char *const *c, size_t n, char out[HASH_LEN + 1])
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	char small[512], *buf = small;
	size_t len = 0, need = 1;

	for (size_t i = 0; i < n; i++)
		need += strlen(c[i]) + 1;
	if (need > sizeof small)
		buf = ivs_xmalloc(need);
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(c[i]);
		if (i)
			buf[len++] = '/';
		memcpy(buf + len, c[i], l);
		len += l;
	}
	if (!md5(buf, len, md, &mdlen) || mdlen < HASH_LEN / 2) {
		/* Only a broken libcrypto gets here; MD5 is always built in. */
		memset(md, 0, sizeof md);
	}
	if (buf != small)
		free(buf);
	for (int i = 0; i < HASH_LEN / 2; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[HASH_LEN] = '\0';
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return m <= n && memcmp(s + n - m, suffix, m) == 0;
}

static bool alnum(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* Copies s without the characters outside [A-Za-z0-9] (with dash_under,
 * [A-Za-z0-9_-]: the special characters IVS names allow) to o; returns the
 * end. */
static char *put_filtered(char *o, const char *s, bool dash_under)
{
	for (; *s; s++)
		if (alnum(*s) || (dash_under && (*s == '-' || *s == '_')))
			*o++ = *s;
	return o;
}

/* The human-readable part into o (room for every component's bytes):
 * removeDupes, drop "Resource", filter, join. Components that filter to
 * nothing add nothing, so dropping them (as makeUniqueResourceName does)
 * and keeping them (makeUniqueId) agree. Returns its length. */
static size_t human_part(const char *const *c, size_t n, bool dash_under, char *o)
{
	const char *prev = NULL;
	char *start = o;
	for (size_t i = 0; i < n; i++) {
		if (prev && ends_with(prev, c[i]))
			continue;
		prev = c[i];
		if (strcmp(c[i], HIDDEN_FROM_HUMAN) != 0)
			o = put_filtered(o, c[i], dash_under);
	}
	return (size_t)(o - start);
}

/* Both algorithms: max_human is where the human part is cut (makeUniqueId
 * keeps the head; makeUniqueResourceName, split, keeps head and tail). */
static char *unique(const char *const *path, size_t n, bool dash_under, size_t max_single,
                    size_t max_human, bool split)
{
	const char *small[8], **c = n <= 8 ? small : ivs_xcalloc(n, sizeof *c);
	size_t k = drop_hidden(path, n, c), room = HASH_LEN + 1, len;
	char *out;

	for (size_t i = 0; i < k; i++)
		room += strlen(c[i]);
	out = ivs_xmalloc(room);
	if (k == 1) {
		len = (size_t)(put_filtered(out, c[0], dash_under) - out);
		if (len <= max_single) {
			out[len] = '\0';
			goto done;
		}
	}
	/* An empty path (the CDK throws) gives the hash of "" as a last resort. */
	len = human_part(c, k, dash_under, out);
	if (len > max_human) {
		if (split) {
			/* splitInMiddle: the first and the last half of what is allowed */
			size_t half = max_human / 2;
			memmove(out + half, out + len - half, half);
			len = 2 * half;
		} else {
			len = max_human;
		}
	}
	path_hash(c, k, out + len);
done:
	if (c != small)
		free(c);
	return out;
}

char *ivs_cdk_logical_id(const char *const *path, size_t n)
{
	return unique(path, n, false, MAX_ID_LEN, MAX_HUMAN_LEN, false);
}

char *ivs_cdk_unique_name(const char *const *path, size_t n, size_t max_len)
{
	return unique(path, n, true, max_len, max_len > HASH_LEN ? max_len - HASH_LEN : 0, true);
}

/* One root collator for the life of the process (opening one loads the
 * collation data: far more than a comparison costs); it stays reachable
 * through the static. NULL if ICU could not open it (no data): byte order
 * is the fallback then. */
static UCollator *root_collator(void)
{
	static UCollator *coll;
	static bool tried;

	if (!tried) {
		UErrorCode st = U_ZERO_ERROR;
		tried = true;
		coll = ucol_open("", &st);
		if (U_FAILURE(st)) {
			coll = NULL;
		} else {
			/* V8's Intl.Collator (which localeCompare uses) always
			 * normalizes: canonically equivalent keys compare equal. */
			ucol_setAttribute(coll, UCOL_NORMALIZATION_MODE, UCOL_ON, &st);
		}
	}
	return coll;
}

int ivs_cdk_tag_key_cmp(const char *a, const char *b)
{
	UCollator *coll = root_collator();
	if (coll) {
		UErrorCode st = U_ZERO_ERROR;
		UCollationResult r = ucol_strcollUTF8(coll, a, -1, b, -1, &st);
		if (U_SUCCESS(st) && r != UCOL_EQUAL)
			return r == UCOL_LESS ? -1 : 1;
	}
	return strcmp(a, b);
}
