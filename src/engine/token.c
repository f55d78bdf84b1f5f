/* token.c: IVS playback tokens: ES384 JSON Web Tokens (RFC 7519, 7515,
 * 7518) signed and verified with libcrypto's EVP API; JSON with cJSON.
 *
 * JWS wants an ECDSA signature as the fixed-size big-endian r || s (48 + 48
 * bytes for P-384); libcrypto speaks DER (ECDSA-Sig-Value). sig_der_to_raw
 * and sig_raw_to_der convert with ECDSA_SIG, never by hand. */
#include "token_int.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "ivs/util.h"

#define P384_BYTES 48
#define JWT_HEADER "{\"alg\":\"ES384\",\"typ\":\"JWT\"}"

static void set_err(char **err, char *msg)
{
	if (err)
		*err = msg;
	else
		free(msg);
}

/* ---- base64url ---- */

char *ivs_b64url_encode(const unsigned char *data, size_t len)
{
	char *out = ivs_xmalloc(4 * ((len + 2) / 3) + 1);
	int n = EVP_EncodeBlock((unsigned char *)out, data, (int)len);
	while (n > 0 && out[n - 1] == '=')
		n--;
	out[n] = '\0';
	for (int i = 0; i < n; i++)
		out[i] = out[i] == '+' ? '-' : out[i] == '/' ? '_' : out[i];
	return out;
}

unsigned char *ivs_b64url_decode(const char *s, size_t n, size_t *out_len)
{
	size_t pad = (4 - n % 4) % 4;
	char *std;
	unsigned char *out;
	int got;

	if (n % 4 == 1 || n > (size_t)1 << 24)
		return NULL;
	std = ivs_xmalloc(n + pad + 1);
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '-')
			c = '+';
		else if (c == '_')
			c = '/';
		else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
			free(std);
			return NULL;
		}
		std[i] = c;
	}
	memset(std + n, '=', pad);
	std[n + pad] = '\0';
	out = ivs_xmalloc((n + pad) / 4 * 3 + 1);
	got = n ? EVP_DecodeBlock(out, (const unsigned char *)std, (int)(n + pad)) : 0;
	free(std);
	if (got < 0 || (size_t)got < pad) {
		free(out);
		return NULL;
	}
	*out_len = (size_t)got - pad;  /* EVP_DecodeBlock counts padding as zero bytes */
	out[*out_len] = '\0';
	return out;
}

/* A random (version 4) UUID from RAND_bytes. */
static int uuid_v4(char out[37])
{
	unsigned char b[16];
	if (RAND_bytes(b, sizeof b) != 1)
		return -1;
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	snprintf(out, 37,
	         "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
	         b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
	         b[14], b[15]);
	return 0;
}

/* ---- signatures ---- */

/* DER ECDSA-Sig-Value -> 96-byte r||s. */
static int sig_der_to_raw(const unsigned char *der, size_t len, unsigned char raw[2 * P384_BYTES])
{
	const unsigned char *p = der;
	ECDSA_SIG *sig = d2i_ECDSA_SIG(NULL, &p, (long)len);
	const BIGNUM *r, *s;
	int rc = -1;

	if (!sig)
		return -1;
	ECDSA_SIG_get0(sig, &r, &s);
	if (BN_bn2binpad(r, raw, P384_BYTES) == P384_BYTES &&
	    BN_bn2binpad(s, raw + P384_BYTES, P384_BYTES) == P384_BYTES)
		rc = 0;
	ECDSA_SIG_free(sig);
	return rc;
}

/* 96-byte r||s -> DER (caller OPENSSL_free's *der). Returns the length or -1. */
static int sig_raw_to_der(const unsigned char raw[2 * P384_BYTES], unsigned char **der)
{
	ECDSA_SIG *sig = ECDSA_SIG_new();
	BIGNUM *r = BN_bin2bn(raw, P384_BYTES, NULL), *s = BN_bin2bn(raw + P384_BYTES, P384_BYTES, NULL);
	int len = -1;

	if (sig && r && s && ECDSA_SIG_set0(sig, r, s) == 1) {
		r = s = NULL;  /* owned by sig now */
		*der = NULL;
		len = i2d_ECDSA_SIG(sig, der);
	}
	BN_free(r);
	BN_free(s);
	ECDSA_SIG_free(sig);
	return len;
}

char *ivs_jws_es384(EVP_PKEY *key, const char *header, const char *payload, char **err)
{
	char *h64, *p64, *s64 = NULL, *token = NULL;
	unsigned char *der = NULL, raw[2 * P384_BYTES];
	size_t dlen = 0;
	struct ivs_buf input;
	EVP_MD_CTX *md = NULL;

	h64 = ivs_b64url_encode((const unsigned char *)header, strlen(header));
	p64 = ivs_b64url_encode((const unsigned char *)payload, strlen(payload));
	ivs_buf_init(&input);
	ivs_buf_printf(&input, "%s.%s", h64, p64);

	md = EVP_MD_CTX_new();
	if (!md || EVP_DigestSignInit(md, NULL, EVP_sha384(), NULL, key) != 1 ||
	    EVP_DigestSign(md, NULL, &dlen, (const unsigned char *)input.data, input.len) != 1) {
		set_err(err, ivs_xstrdup("cannot sign the token: libcrypto failed"));
		goto out;
	}
	der = ivs_xmalloc(dlen);
	if (EVP_DigestSign(md, der, &dlen, (const unsigned char *)input.data, input.len) != 1 ||
	    sig_der_to_raw(der, dlen, raw) != 0) {
		set_err(err, ivs_xstrdup("cannot sign the token: libcrypto failed"));
		goto out;
	}
	s64 = ivs_b64url_encode(raw, sizeof raw);
	ivs_buf_printf(&input, ".%s", s64);
	token = ivs_buf_steal(&input);
out:
	ERR_clear_error();
	EVP_MD_CTX_free(md);
	free(der);
	free(s64);
	free(h64);
	free(p64);
	ivs_buf_free(&input);
	return token;
}

char *ivs_token_sign(EVP_PKEY *key, const struct ivs_token_claims *c, int64_t now, char **err)
{
	char uuid[37];
	char *payload, *token;

	if (!ivs_pkey_is_p384(key)) {
		set_err(err, ivs_xstrdup("the signing key is not an ECDSA P-384 private key"));
		return NULL;
	}
	if (ivs_token_check_claims(c, now, err) != 0)
		return NULL;
	if (c->single_use && !c->single_use_uuid && uuid_v4(uuid) != 0) {
		set_err(err, ivs_xstrdup("cannot make a random UUID: the random generator failed"));
		return NULL;
	}
	payload = ivs_token_claims_json(c, c->single_use ? (c->single_use_uuid ? c->single_use_uuid : uuid)
	                                       : NULL);
	token = ivs_jws_es384(key, JWT_HEADER, payload, err);
	free(payload);
	return token;
}

int ivs_token_exp_of(int64_t now, int64_t ttl, int64_t *exp)
{
	return __builtin_add_overflow(now, ttl, exp) ? -1 : 0;
}

bool ivs_json_whole(const cJSON *j, int64_t *v)
{
	if (!cJSON_IsNumber(j) || !(j->valuedouble > -9e18 && j->valuedouble < 9e18) ||
	    j->valuedouble != (double)(int64_t)j->valuedouble)
		return false;
	*v = (int64_t)j->valuedouble;
	return true;
}

/* ---- verification ---- */

void ivs_token_report_free(struct ivs_token_report *rep)
{
	free(rep->header_json);
	free(rep->claims_json);
	free(rep->channel_arn);
	free(rep->stage_arn);
	free(rep->problem);
	free(rep->warnings);
	memset(rep, 0, sizeof *rep);
}

static enum ivs_token_status bad(struct ivs_token_report *rep, enum ivs_token_status st,
                                 char *why)
{
	free(rep->problem);
	rep->problem = why;
	return st;
}

/* Decodes one base64url part into a JSON value. */
static cJSON *json_part(const char *s, size_t n)
{
	size_t len;
	unsigned char *raw = ivs_b64url_decode(s, n, &len);
	cJSON *j = NULL;

	if (raw && ivs_utf8_valid((const char *)raw, len) && strlen((const char *)raw) == len)
		j = cJSON_ParseWithLength((const char *)raw, len);
	free(raw);
	return j;
}

static bool verify_sig(EVP_PKEY *pub, const char *input, size_t ilen, const unsigned char *raw)
{
	unsigned char *der = NULL;
	int dlen = sig_raw_to_der(raw, &der);
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	bool ok = dlen > 0 && md && EVP_DigestVerifyInit(md, NULL, EVP_sha384(), NULL, pub) == 1 &&
	          EVP_DigestVerify(md, der, (size_t)dlen, (const unsigned char *)input, ilen) == 1;
	EVP_MD_CTX_free(md);
	OPENSSL_free(der);
	ERR_clear_error();
	return ok;
}

/* The first member name that an object (or an object inside it) holds
 * twice, or NULL. JWT libraries differ on which duplicate wins (RFC 7515
 * section 4: "MUST reject ... or use a JSON parser that returns only the
 * lexically last"): refused. */
static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static const char *duplicate_name(const cJSON *o)
{
	const cJSON *it;
	const char **names;
	const char *dup = NULL;
	size_t n = 0, k = 0;

	cJSON_ArrayForEach(it, o) {
		n++;
		if ((cJSON_IsObject(it) || cJSON_IsArray(it)) && (dup = duplicate_name(it)))
			return dup;
	}
	if (!cJSON_IsObject(o) || n < 2)
		return NULL;
	names = ivs_xmalloc(n * sizeof *names);
	cJSON_ArrayForEach(it, o)
		names[k++] = it->string ? it->string : "";
	qsort(names, n, sizeof *names, cmp_name);   /* n log n: a payload can be 64 KiB */
	for (k = 1; k < n && !dup; k++)
		if (strcmp(names[k - 1], names[k]) == 0)
			dup = names[k];
	free(names);
	return dup;
}

enum ivs_token_status ivs_token_verify(const char *token, EVP_PKEY *pub, int64_t now,
                                       struct ivs_token_report *rep)
{
	return ivs_token_verify_n(token ? token : "", token ? strlen(token) : 0, pub, now, rep);
}

enum ivs_token_status ivs_token_verify_n(const char *token, size_t len, EVP_PKEY *pub,
                                         int64_t now, struct ivs_token_report *rep)
{
	const char *t, *d1, *d2, *end;
	cJSON *header = NULL, *claims = NULL;
	unsigned char *sig = NULL;
	size_t slen = 0;
	struct ivs_buf warn;
	enum ivs_token_status st;
	char *problem;
	const char *dup;

	memset(rep, 0, sizeof *rep);
	ivs_buf_init(&warn);
	t = token ? token : "";
	end = t + (token ? len : 0);
	if (memchr(t, '\0', (size_t)(end - t))) {
		st = bad(rep, IVS_TOKEN_MALFORMED,
		         ivs_xstrdup("the token holds a NUL byte: a JWT is base64url text only"));
		goto out;
	}
	if ((size_t)(end - t) > IVS_TOKEN_TEXT_MAX) {
		st = bad(rep, IVS_TOKEN_MALFORMED,
		         ivs_xasprintf("the token is %zu bytes long; more than %u is no IVS token",
		                       (size_t)(end - t), IVS_TOKEN_TEXT_MAX));
		goto out;
	}
	while (t < end && isspace((unsigned char)*t))
		t++;
	while (end > t && isspace((unsigned char)end[-1]))
		end--;
	d1 = memchr(t, '.', (size_t)(end - t));
	d2 = d1 ? memchr(d1 + 1, '.', (size_t)(end - d1 - 1)) : NULL;
	if (!d1 || !d2 || memchr(d2 + 1, '.', (size_t)(end - d2 - 1))) {
		st = bad(rep, IVS_TOKEN_MALFORMED,
		         ivs_xstrdup("not a JWT: expected three base64url parts separated by dots"));
		goto out;
	}
	header = json_part(t, (size_t)(d1 - t));
	claims = json_part(d1 + 1, (size_t)(d2 - d1 - 1));
	if (header)
		rep->header_json = cJSON_PrintUnformatted(header);
	if (claims)
		rep->claims_json = cJSON_PrintUnformatted(claims);
	if (!cJSON_IsObject(header) || !cJSON_IsObject(claims)) {
		st = bad(rep, IVS_TOKEN_MALFORMED,
		         ivs_xasprintf("the token's %s is not base64url-encoded JSON",
		                       !cJSON_IsObject(header) ? "header" : "payload"));
		goto out;
	}
	if ((dup = duplicate_name(header)) || (dup = duplicate_name(claims))) {
		st = bad(rep, IVS_TOKEN_MALFORMED,
		         ivs_xasprintf("the token's %s names \"%s\" twice: a token must name each "
		                       "member once", duplicate_name(header) ? "header" : "payload",
		                       dup));
		goto out;
	}
	if (cJSON_GetObjectItemCaseSensitive(header, "crit")) {
		st = bad(rep, IVS_TOKEN_MALFORMED,
		         ivs_xstrdup("the token's header has \"crit\": it requires extensions that "
		                     "neither ivs-tui nor IVS understand (RFC 7515 says to refuse it)"));
		goto out;
	}
	const cJSON *alg = cJSON_GetObjectItemCaseSensitive(header, "alg");
	if (!cJSON_IsString(alg) || strcmp(alg->valuestring, "ES384") != 0) {
		st = bad(rep, IVS_TOKEN_MALFORMED,
		         ivs_xasprintf("the token's algorithm is %s%s%s; IVS tokens are ES384",
		                       cJSON_IsString(alg) ? "\"" : "",
		                       cJSON_IsString(alg) ? alg->valuestring : "missing",
		                       cJSON_IsString(alg) ? "\"" : ""));
		goto out;
	}
	sig = ivs_b64url_decode(d2 + 1, (size_t)(end - d2 - 1), &slen);
	if (!sig || slen != 2 * P384_BYTES) {
		st = bad(rep, IVS_TOKEN_BAD_SIGNATURE,
		         ivs_xasprintf("the signature is not the 96-byte r||s of ES384 (%zu bytes)",
		                       sig ? slen : 0));
		goto out;
	}
	if (!verify_sig(pub, t, (size_t)(d2 - t), sig)) {
		st = bad(rep, IVS_TOKEN_BAD_SIGNATURE,
		         ivs_xstrdup("the signature does not match: the token was changed, or was "
		                     "signed with another key"));
		goto out;
	}
	problem = cJSON_GetObjectItemCaseSensitive(claims, "resource")
	                  ? ivs_stage_read_claims(header, claims, now, rep, &warn)
	                  : ivs_token_read_claims(claims, now, rep, &warn);
	if (problem) {
		st = bad(rep, IVS_TOKEN_MALFORMED, problem);
		goto out;
	}
	if (rep->exp <= now)
		st = bad(rep, IVS_TOKEN_EXPIRED,
		         ivs_xasprintf("the token expired %" PRId64 " s ago",
		                       ivs_i64_sub_sat(now, rep->exp)));
	else
		st = IVS_TOKEN_VALID;
out:
	rep->warnings = ivs_buf_steal(&warn);
	ivs_buf_free(&warn);
	cJSON_Delete(header);
	cJSON_Delete(claims);
	free(sig);
	return st;
}
