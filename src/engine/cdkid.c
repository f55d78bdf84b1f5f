/* cdkid.c: the AWS CDK's naming algorithms (aws-cdk-lib core/lib/private/
 * uniqueid.ts makeUniqueId, unique-resource-name.ts makeUniqueResourceName,
 * and constructs' sanitizeId), so that logical ids and generated names are
 * the ones the CDK gives the same construct tree. MD5 comes from libcrypto.
 *
 * Both algorithms work on ASCII once the disallowed characters are removed,
 * so byte lengths here are the CDK's (UTF-16) lengths. The hash is over the
 * UTF-8 bytes of the joined path, as Node's crypto hashes a string. */
#include "ivs/cdkid.h"

#include <openssl/evp.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

#include "ivs/util.h"

#define HIDDEN_ID "Default"        /* dropped from the path entirely */
#define HIDDEN_FROM_HUMAN "Resource" /* hashed, but not in the human part */
#define HASH_LEN 8
#define MAX_HUMAN_LEN 240
#define MAX_ID_LEN 255

char *ivs_cdk_sanitize_id(const char *id)
{
	struct ivs_buf b;
	ivs_buf_init(&b);
	for (const char *s = id; *s; s++) {
		if (*s == '/')
			ivs_buf_puts(&b, "--");
		else
			ivs_buf_putc(&b, *s);
	}
	if (!b.data)
		ivs_buf_puts(&b, "");
	return ivs_buf_steal(&b);
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

/* MD5 through a method fetched once and a context kept for reuse: the
 * one-shot EVP_Digest(..., EVP_md5(), ...) fetches the provider's method
 * (taking its locks) and allocates a context on every call, which cost
 * more than the hash itself (one to three hashes per resource on export). */
static bool md5_digest(const void *data, size_t len, unsigned char *md, unsigned int *mdlen)
{
	static EVP_MD *method;
	static EVP_MD_CTX *ctx;

	if (!method)
		method = EVP_MD_fetch(NULL, "MD5", NULL);
	if (!ctx)
		ctx = EVP_MD_CTX_new();
	if (!method || !ctx)
		return EVP_Digest(data, len, md, mdlen, EVP_md5(), NULL) != 0;
	return EVP_DigestInit_ex2(ctx, method, NULL) && EVP_DigestUpdate(ctx, data, len) &&
	       EVP_DigestFinal_ex(ctx, md, mdlen);
}

/* First 8 hex digits, upper case, of md5(components joined with '/'). */
static void path_hash(const char *const *c, size_t n, char out[HASH_LEN + 1])
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	struct ivs_buf b;

	ivs_buf_init(&b);
	for (size_t i = 0; i < n; i++) {
		if (i)
			ivs_buf_putc(&b, '/');
		ivs_buf_puts(&b, c[i]);
	}
	if (!md5_digest(b.data ? b.data : "", b.len, md, &mdlen) || mdlen < HASH_LEN / 2) {
		/* Only a broken libcrypto gets here; MD5 is always built in. */
		memset(md, 0, sizeof md);
	}
	ivs_buf_free(&b);
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

static bool allowed(char c, const char *special)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       (c && special && strchr(special, c));
}

/* Appends s without the characters outside [A-Za-z0-9] + special. */
static void put_filtered(struct ivs_buf *b, const char *s, const char *special)
{
	for (; *s; s++)
		if (allowed(*s, special))
			ivs_buf_putc(b, *s);
}

/* The human-readable part: removeDupes, drop "Resource", filter, join.
 * Components that filter to nothing add nothing, so dropping them (as
 * makeUniqueResourceName does) and keeping them (makeUniqueId) agree. */
static void human_part(const char *const *c, size_t n, const char *special, struct ivs_buf *b)
{
	const char *prev = NULL;
	for (size_t i = 0; i < n; i++) {
		if (prev && ends_with(prev, c[i]))
			continue;
		prev = c[i];
		if (strcmp(c[i], HIDDEN_FROM_HUMAN) != 0)
			put_filtered(b, c[i], special);
	}
}

char *ivs_cdk_logical_id(const char *const *path, size_t n)
{
	const char **c = ivs_xcalloc(n ? n : 1, sizeof *c);
	size_t k = drop_hidden(path, n, c);
	struct ivs_buf b;
	char hash[HASH_LEN + 1];

	ivs_buf_init(&b);
	if (k == 1) {
		put_filtered(&b, c[0], NULL);
		if (b.len <= MAX_ID_LEN) {
			free(c);
			if (!b.data)
				ivs_buf_puts(&b, "");
			return ivs_buf_steal(&b);
		}
		ivs_buf_reset(&b);
	}
	/* An empty path (the CDK throws) gives the hash of "" as a last resort. */
	path_hash(c, k, hash);
	human_part(c, k, NULL, &b);
	if (b.len > MAX_HUMAN_LEN)
		b.len = MAX_HUMAN_LEN;
	if (b.data)
		b.data[b.len] = '\0';
	ivs_buf_puts(&b, hash);
	free(c);
	return ivs_buf_steal(&b);
}

char *ivs_cdk_unique_name(const char *const *path, size_t n, size_t max_len)
{
	static const char special[] = "-_";
	const char **c = ivs_xcalloc(n ? n : 1, sizeof *c);
	size_t k = drop_hidden(path, n, c);
	struct ivs_buf b;
	char hash[HASH_LEN + 1];

	ivs_buf_init(&b);
	if (k == 1) {
		put_filtered(&b, c[0], special);
		if (b.len <= max_len) {
			free(c);
			if (!b.data)
				ivs_buf_puts(&b, "");
			return ivs_buf_steal(&b);
		}
		ivs_buf_reset(&b);
	}
	path_hash(c, k, hash);
	human_part(c, k, special, &b);
	size_t max_human = max_len > HASH_LEN ? max_len - HASH_LEN : 0;
	if (b.len > max_human) {
		/* splitInMiddle: the first and the last half of the allowed length. */
		size_t half = max_human / 2;
		memmove(b.data + half, b.data + b.len - half, half);
		b.len = 2 * half;
		b.data[b.len] = '\0';
	}
	ivs_buf_puts(&b, hash);
	free(c);
	return ivs_buf_steal(&b);
}
