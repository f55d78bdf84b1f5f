/* token.c: IVS playback tokens: ES384 JSON Web Tokens (RFC 7519, 7515,
 * 7518) signed and verified with libcrypto's EVP API; JSON with cJSON.
 *
 * JWS wants an ECDSA signature as the fixed-size big-endian r || s (48 + 48
 * bytes for P-384); libcrypto speaks DER (ECDSA-Sig-Value). sig_der_to_raw
 * and sig_raw_to_der convert with ECDSA_SIG, never by hand. */
#include "ivs/token.h"

#include <ctype.h>
#include <errno.h>
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

/* ---- durations, resolutions, claims ---- */

int64_t ivs_parse_ttl(const char *s)
{
	char *end;
	long long v;
	int64_t mul = 1;

	if (!s || !isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || v <= 0)
		return -1;
	if (*end) {
		switch (*end) {
		case 's': mul = 1; break;
		case 'm': mul = 60; break;
		case 'h': mul = 3600; break;
		case 'd': mul = 86400; break;
		default: return -1;
		}
		if (end[1])
			return -1;
	}
	if (v > INT64_MAX / mul / 1000)
		return -1;
	return (int64_t)v * mul;
}

static const char *const res_names[] = {NULL, "SD", "HD", "FULL_HD"};

const char *ivs_max_resolution_name(enum ivs_max_resolution r)
{
	return (unsigned)r < IVS_ARRAY_LEN(res_names) ? res_names[r] : NULL;
}

int ivs_max_resolution_parse(const char *s)
{
	for (size_t i = 1; s && i < IVS_ARRAY_LEN(res_names); i++)
		if (strcmp(s, res_names[i]) == 0)
			return (int)i;
	return -1;
}

/* arn:<partition>:ivs:<region>:<account>:channel/<id> */
static bool channel_arn_ok(const char *arn)
{
	const char *p = arn;
	const char *part[6];
	size_t len[6];
	int n = 0;

	while (n < 6) {
		const char *c = n < 5 ? strchr(p, ':') : p + strlen(p);
		if (!c)
			return false;
		part[n] = p;
		len[n++] = (size_t)(c - p);
		p = *c ? c + 1 : c;
	}
	if (len[0] != 3 || memcmp(part[0], "arn", 3) != 0 || len[1] == 0 || len[2] != 3 ||
	    memcmp(part[2], "ivs", 3) != 0 || len[3] == 0 || len[4] != 12 || len[5] <= 8 ||
	    strncmp(part[5], "channel/", 8) != 0)
		return false;
	for (size_t i = 0; i < 12; i++)
		if (!isdigit((unsigned char)part[4][i]))
			return false;
	for (const char *c = arn; *c; c++)
		if ((unsigned char)*c <= ' ' || (unsigned char)*c >= 0x7f)
			return false;
	return true;
}

static size_t count_origins(const char *s)
{
	size_t n = 1;
	for (; *s; s++)
		n += *s == ',';
	return n;
}

/* Each comma-separated origin is scheme://host[:port], the host possibly
 * starting with "*." (IVS wildcard). Returns a problem or NULL. */
static char *check_origins(const char *list)
{
	const char *s = list;

	for (;;) {
		const char *e = strchr(s, ',');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		size_t skip = strncmp(s, "https://", 8) == 0 ? 8 : strncmp(s, "http://", 7) == 0 ? 7 : 0;
		for (size_t i = 0; i < n; i++)
			if (isspace((unsigned char)s[i]) || (unsigned char)s[i] < 0x20)
				return ivs_xstrdup("origins are separated by commas without spaces: "
				                   "https://a.example,https://b.example");
		if (n == 0)
			return ivs_xstrdup("the origin list has an empty item: remove the extra comma");
		if (!skip)
			return ivs_xasprintf("origin \"%.*s\" needs its scheme, e.g. https://%.*s", (int)n,
			                     s, (int)n, s);
		if (n == skip || memchr(s + skip, '/', n - skip))
			return ivs_xasprintf("origin \"%.*s\" is not scheme://host: an origin has a host "
			                     "and no path", (int)n, s);
		if (!e)
			return NULL;
		s = e + 1;
	}
}

int ivs_token_check_claims(const struct ivs_token_claims *c, int64_t now, char **err)
{
	bool short_ttl = c->viewer_id || c->single_use;

	if (!c->channel_arn || !*c->channel_arn) {
		set_err(err, ivs_xstrdup("a token needs the channel ARN (aws:channel-arn)"));
		return -1;
	}
	if (!channel_arn_ok(c->channel_arn)) {
		set_err(err, ivs_xasprintf("\"%s\" is not a channel ARN: expected "
		                           "arn:<partition>:ivs:<region>:<account>:channel/<id>",
		                           c->channel_arn));
		return -1;
	}
	if (c->exp >= IVS_TOKEN_EXP_MS_THRESHOLD) {
		set_err(err, ivs_xasprintf("exp %" PRId64 " looks like milliseconds: IVS reads exp "
		                           "as Unix seconds", c->exp));
		return -1;
	}
	if (c->exp <= now) {
		set_err(err, ivs_xstrdup("the expiry is not in the future: give a positive --ttl"));
		return -1;
	}
	if (short_ttl && c->exp - now > IVS_TOKEN_SHORT_TTL_MAX) {
		set_err(err, ivs_xasprintf("with %s IVS accepts an expiry at most 10 minutes ahead "
		                           "(this one is %" PRId64 " s): use --ttl 10m or less",
		                           c->viewer_id ? "a viewer id" : "a single-use token",
		                           c->exp - now));
		return -1;
	}
	if (c->viewer_id && (!*c->viewer_id || ivs_utf8_len(c->viewer_id) > IVS_TOKEN_VIEWER_ID_MAX ||
	                     !ivs_utf8_valid(c->viewer_id, strlen(c->viewer_id)))) {
		set_err(err, ivs_xasprintf("the viewer id must be 1 to %d characters (it has %zu)",
		                           IVS_TOKEN_VIEWER_ID_MAX, ivs_utf8_len(c->viewer_id)));
		return -1;
	}
	if (c->allow_origin && !*c->allow_origin) {
		set_err(err, ivs_xstrdup("the allowed origin list is empty: give origins such as "
		                         "https://example.com, or leave the option out"));
		return -1;
	}
	char *why = c->allow_origin ? check_origins(c->allow_origin) : NULL;
	if (why) {
		set_err(err, why);
		return -1;
	}
	if (c->strict_origin && !c->allow_origin) {
		set_err(err, ivs_xstrdup("strict origin enforcement needs allowed origins "
		                         "(--origin URL[,URL])"));
		return -1;
	}
	if (c->strict_origin && count_origins(c->allow_origin) > 5) {
		set_err(err, ivs_xasprintf("with strict origin enforcement IVS allows at most 5 "
		                           "origins (%zu given)", count_origins(c->allow_origin)));
		return -1;
	}
	if ((unsigned)c->max_resolution >= IVS_ARRAY_LEN(res_names)) {
		set_err(err, ivs_xstrdup("the maximum resolution must be SD, HD or FULL_HD"));
		return -1;
	}
	return 0;
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

static void add_int(cJSON *o, const char *key, int64_t v)
{
	char num[32];
	snprintf(num, sizeof num, "%" PRId64, v);
	cJSON_AddRawToObject(o, key, num);  /* exact, whatever the size */
}

/* The claims as compact JSON, in the order the IVS docs list them. */
static char *claims_json(const struct ivs_token_claims *c, const char *uuid)
{
	cJSON *o = cJSON_CreateObject();
	char *s;

	cJSON_AddStringToObject(o, "aws:channel-arn", c->channel_arn);
	if (c->allow_origin)
		cJSON_AddStringToObject(o, "aws:access-control-allow-origin", c->allow_origin);
	if (c->strict_origin)
		cJSON_AddTrueToObject(o, "aws:strict-origin-enforcement");
	if (uuid)
		cJSON_AddStringToObject(o, "aws:single-use-uuid", uuid);
	if (c->viewer_id)
		cJSON_AddStringToObject(o, "aws:viewer-id", c->viewer_id);
	if (c->has_session_version)
		add_int(o, "aws:viewer-session-version", c->viewer_session_version);
	if (c->max_resolution != IVS_TOKEN_RES_NONE)
		cJSON_AddStringToObject(o, "aws:maximum-resolution",
		                        ivs_max_resolution_name(c->max_resolution));
	add_int(o, "exp", c->exp);
	s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (!s)
		abort();  /* out of memory, as ivs_xmalloc */
	return s;
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

char *ivs_token_sign(EVP_PKEY *key, const struct ivs_token_claims *c, int64_t now, char **err)
{
	char uuid[37];
	char *payload, *h64, *p64, *s64 = NULL, *token = NULL;
	unsigned char *der = NULL, raw[2 * P384_BYTES];
	size_t dlen = 0;
	struct ivs_buf input;
	EVP_MD_CTX *md = NULL;

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
	payload = claims_json(c, c->single_use ? (c->single_use_uuid ? c->single_use_uuid : uuid)
	                                       : NULL);
	h64 = ivs_b64url_encode((const unsigned char *)JWT_HEADER, strlen(JWT_HEADER));
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
	free(payload);
	free(h64);
	free(p64);
	ivs_buf_free(&input);
	return token;
}

/* ---- verification ---- */

void ivs_token_report_free(struct ivs_token_report *rep)
{
	free(rep->header_json);
	free(rep->claims_json);
	free(rep->channel_arn);
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

/* The IVS claims and the JSON type each must have. */
static const struct {
	const char *name;
	int type;   /* cJSON_String, cJSON_True (a boolean), cJSON_Number (whole) */
} ivs_claims[] = {
	{"aws:channel-arn", cJSON_String},
	{"aws:access-control-allow-origin", cJSON_String},
	{"aws:strict-origin-enforcement", cJSON_True},
	{"aws:single-use-uuid", cJSON_String},
	{"aws:viewer-id", cJSON_String},
	{"aws:viewer-session-version", cJSON_Number},
	{"aws:maximum-resolution", cJSON_String},
};

/* Warns about IVS claims of the wrong type, unknown "aws:" claims (a typo
 * IVS would ignore), and a maximum resolution IVS does not know. */
static void check_claim_types(const cJSON *claims, struct ivs_buf *warn)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, claims) {
		size_t i;
		for (i = 0; i < IVS_ARRAY_LEN(ivs_claims); i++)
			if (strcmp(it->string, ivs_claims[i].name) == 0)
				break;
		if (i == IVS_ARRAY_LEN(ivs_claims)) {
			if (strncmp(it->string, "aws:", 4) == 0)
				ivs_buf_printf(warn, "unknown IVS claim \"%s\" (a typo?): IVS ignores it\n",
				               it->string);
			continue;
		}
		bool ok = ivs_claims[i].type == cJSON_String   ? cJSON_IsString(it)
		          : ivs_claims[i].type == cJSON_True   ? cJSON_IsBool(it)
		          : cJSON_IsNumber(it) && it->valuedouble > -9e18 && it->valuedouble < 9e18 &&
		            it->valuedouble == (double)(long long)it->valuedouble;
		if (!ok)
			ivs_buf_printf(warn, "%s should be %s\n", it->string,
			               ivs_claims[i].type == cJSON_String ? "a string"
			               : ivs_claims[i].type == cJSON_True ? "true or false"
			                                                  : "a whole number");
		else if (strcmp(it->string, "aws:maximum-resolution") == 0 &&
		         ivs_max_resolution_parse(it->valuestring) < 0)
			ivs_buf_printf(warn, "aws:maximum-resolution should be SD, HD or FULL_HD\n");
	}
}

/* Reads the claims IVS cares about into rep; returns a problem or NULL. */
static char *read_claims(const cJSON *claims, int64_t now, struct ivs_token_report *rep,
                         struct ivs_buf *warn)
{
	const cJSON *arn = cJSON_GetObjectItemCaseSensitive(claims, "aws:channel-arn");
	const cJSON *exp = cJSON_GetObjectItemCaseSensitive(claims, "exp");
	const cJSON *vid = cJSON_GetObjectItemCaseSensitive(claims, "aws:viewer-id");
	const cJSON *uuid = cJSON_GetObjectItemCaseSensitive(claims, "aws:single-use-uuid");

	if (!cJSON_IsString(arn) || !*arn->valuestring)
		return ivs_xstrdup("the token has no aws:channel-arn claim (IVS requires one)");
	rep->channel_arn = ivs_xstrdup(arn->valuestring);
	if (!channel_arn_ok(arn->valuestring))
		ivs_buf_printf(warn, "aws:channel-arn is not a channel ARN "
		               "(arn:<partition>:ivs:<region>:<account>:channel/<id>)\n");
	if (!cJSON_IsNumber(exp) || !(exp->valuedouble > -9e18 && exp->valuedouble < 9e18) ||
	    exp->valuedouble != (double)(int64_t)exp->valuedouble)
		return ivs_xstrdup("the token has no whole-number exp claim (Unix seconds)");
	rep->has_exp = true;
	rep->exp = (int64_t)exp->valuedouble;
	if (rep->exp >= IVS_TOKEN_EXP_MS_THRESHOLD) {
		rep->exp_in_ms = true;
		ivs_buf_printf(warn, "exp %" PRId64 " looks like milliseconds; IVS reads it as "
		               "seconds (the year is past 5000): sign with exp in seconds\n", rep->exp);
	}
	if (cJSON_IsString(vid) && ivs_utf8_len(vid->valuestring) > IVS_TOKEN_VIEWER_ID_MAX)
		ivs_buf_printf(warn, "aws:viewer-id is longer than %d characters\n",
		               IVS_TOKEN_VIEWER_ID_MAX);
	if ((vid || uuid) && rep->exp - now > IVS_TOKEN_SHORT_TTL_MAX)
		ivs_buf_printf(warn, "with aws:viewer-id or aws:single-use-uuid IVS accepts exp at "
		               "most 10 minutes ahead; this one is %" PRId64 " s ahead\n",
		               rep->exp - now);
	check_claim_types(claims, warn);
	return NULL;
}

enum ivs_token_status ivs_token_verify(const char *token, EVP_PKEY *pub, int64_t now,
                                       struct ivs_token_report *rep)
{
	const char *t, *d1, *d2, *end;
	cJSON *header = NULL, *claims = NULL;
	unsigned char *sig = NULL;
	size_t slen = 0;
	struct ivs_buf warn;
	enum ivs_token_status st;
	char *problem;

	memset(rep, 0, sizeof *rep);
	ivs_buf_init(&warn);
	t = token ? token : "";
	while (isspace((unsigned char)*t))
		t++;
	end = t + strlen(t);
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
	const cJSON *alg = cJSON_GetObjectItemCaseSensitive(header, "alg");
	if (!cJSON_IsString(alg) || strcmp(alg->valuestring, "ES384") != 0) {
		st = bad(rep, IVS_TOKEN_MALFORMED,
		         ivs_xasprintf("the token's algorithm is %s%s%s; IVS playback tokens are ES384",
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
	if ((problem = read_claims(claims, now, rep, &warn))) {
		st = bad(rep, IVS_TOKEN_MALFORMED, problem);
		goto out;
	}
	if (rep->exp <= now)
		st = bad(rep, IVS_TOKEN_EXPIRED,
		         ivs_xasprintf("the token expired %" PRId64 " s ago", now - rep->exp));
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
