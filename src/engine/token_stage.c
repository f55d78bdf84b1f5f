/* token_stage.c: participant tokens for IVS real-time stages, signed with
 * a key pair (IVS real-time user guide, "Distribute participant tokens"):
 * IVS's rules for the claims, their JSON for signing, and what a verifier
 * reads back. The signature itself is token.c's (ivs_jws_es384). */
#include "token_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "ivs/arn.h"
#include "ivs/util.h"

static void set_err(char **err, char *msg)
{
	if (err)
		*err = msg;
	else
		free(msg);
}

static bool jti_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > IVS_STAGE_TOKEN_JTI_MAX)
		return false;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '-' || *s == '_'))
			return false;
	return true;
}

/* scheme://host[:port][/path]: printable ASCII without spaces or quotes,
 * a host of letters, digits, dots and hyphens. */
static bool url_ok(const char *s, const char *scheme)
{
	size_t sl = strlen(scheme), h = 0;
	if (strncmp(s, scheme, sl) != 0 || strncmp(s + sl, "://", 3) != 0)
		return false;
	s += sl + 3;
	while ((s[h] >= 'a' && s[h] <= 'z') || (s[h] >= 'A' && s[h] <= 'Z') ||
	       (s[h] >= '0' && s[h] <= '9') || s[h] == '.' || s[h] == '-')
		h++;
	if (h == 0 || s[0] == '.' || s[h - 1] == '.')
		return false;
	for (s += h; *s; s++)
		if ((unsigned char)*s <= ' ' || (unsigned char)*s >= 0x7f || *s == '"' || *s == '\\' ||
		    *s == '<' || *s == '>')
			return false;
	return true;
}

/* Bytes of keys and values: IVS's "1 KB total" of the attributes. */
static size_t attributes_size(const struct ivs_stage_token_claims *c)
{
	size_t n = 0;
	for (size_t i = 0; i < c->nattributes; i++)
		n += strlen(c->attributes[i].key) + strlen(c->attributes[i].value);
	return n;
}

int ivs_stage_token_check(const struct ivs_stage_token_claims *c, int64_t now, char **err)
{
	char *why;

	if (!c->stage_arn || !*c->stage_arn) {
		set_err(err, ivs_xstrdup("a participant token needs the stage ARN (resource)"));
		return -1;
	}
	if ((why = ivs_arn_check(c->stage_arn, "stage", "the stage ARN"))) {
		set_err(err, why);
		return -1;
	}
	if (!c->public_key_arn || !*c->public_key_arn) {
		set_err(err, ivs_xstrdup("a participant token needs the ARN of the public key IVS "
		                         "checks it with (the header's kid)"));
		return -1;
	}
	if ((why = ivs_arn_check(c->public_key_arn, "public-key", "the public key ARN"))) {
		set_err(err, why);
		return -1;
	}
	if (c->participant_id && !jti_ok(c->participant_id)) {
		set_err(err, ivs_xasprintf("the participant id (jti) must be 1 to %d letters, digits, "
		                           "hyphens and underscores", IVS_STAGE_TOKEN_JTI_MAX));
		return -1;
	}
	if (c->user_id && (!*c->user_id || !ivs_utf8_valid(c->user_id, strlen(c->user_id)) ||
	                   ivs_utf8_len(c->user_id) > IVS_STAGE_TOKEN_USER_ID_MAX)) {
		set_err(err, ivs_xasprintf("the user id must be 1 to %d characters of UTF-8 text",
		                           IVS_STAGE_TOKEN_USER_ID_MAX));
		return -1;
	}
	if (c->events_url && !url_ok(c->events_url, "wss")) {
		set_err(err, ivs_xstrdup("the events URL must be wss://HOST, the stage's events "
		                         "endpoint (" IVS_STAGE_EVENTS_URL ")"));
		return -1;
	}
	if (!c->whip_url || !url_ok(c->whip_url, "https")) {
		set_err(err, ivs_xstrdup("a participant token needs the stage's WHIP endpoint, "
		                         "https://HOST (aws ivs-realtime get-stage --arn ARN --query "
		                         "stage.endpoints.whip)"));
		return -1;
	}
	if (!c->allow_publish && !c->allow_subscribe) {
		set_err(err, ivs_xstrdup("a participant token needs a capability: publish, "
		                         "subscribe or both"));
		return -1;
	}
	for (size_t i = 0; i < c->nattributes; i++) {
		const struct ivs_stage_attr *a = &c->attributes[i];
		if (!a->key || !*a->key || !a->value) {
			set_err(err, ivs_xstrdup("an attribute needs a name: give key=value"));
			return -1;
		}
		if (!ivs_utf8_valid(a->key, strlen(a->key)) || !ivs_utf8_valid(a->value, strlen(a->value))) {
			set_err(err, ivs_xstrdup("attributes must be UTF-8 text"));
			return -1;
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(c->attributes[j].key, a->key) == 0) {
				set_err(err, ivs_xasprintf("attribute \"%s\" is given twice: give each "
				                           "name once", a->key));
				return -1;
			}
	}
	if (attributes_size(c) > IVS_STAGE_TOKEN_ATTRIBUTES_MAX) {
		set_err(err, ivs_xasprintf("the attributes hold %zu bytes; IVS allows %d in all "
		                           "(names and values)", attributes_size(c),
		                           IVS_STAGE_TOKEN_ATTRIBUTES_MAX));
		return -1;
	}
	if (c->exp <= now) {
		set_err(err, ivs_xstrdup("the expiry is not in the future: give a positive --ttl"));
		return -1;
	}
	if (ivs_i64_sub_sat(c->exp, now) > IVS_STAGE_TOKEN_TTL_MAX) {
		set_err(err, ivs_xasprintf("IVS accepts a participant token for at most 14 days after "
		                           "it is issued (this one: %" PRId64 " s): use --ttl 14d or "
		                           "less", ivs_i64_sub_sat(c->exp, now)));
		return -1;
	}
	return 0;
}

static void add_int(cJSON *o, const char *key, int64_t v)
{
	char num[32];
	snprintf(num, sizeof num, "%" PRId64, v);
	cJSON_AddRawToObject(o, key, num);  /* exact, whatever the size */
}

char *ivs_stage_claims_json(const struct ivs_stage_token_claims *c, const char *jti, int64_t now)
{
	cJSON *o = cJSON_CreateObject(), *caps, *attrs;
	char *s;

	add_int(o, "exp", c->exp);
	add_int(o, "iat", now);
	cJSON_AddStringToObject(o, "jti", jti);
	if (c->user_id)
		cJSON_AddStringToObject(o, "user_id", c->user_id);
	cJSON_AddStringToObject(o, "resource", c->stage_arn);
	cJSON_AddStringToObject(o, "topic", ivs_arn_resource_id(c->stage_arn));
	cJSON_AddStringToObject(o, "events_url", c->events_url ? c->events_url : IVS_STAGE_EVENTS_URL);
	cJSON_AddStringToObject(o, "whip_url", c->whip_url);
	caps = cJSON_AddObjectToObject(o, "capabilities");
	/* The guide: "for subscribe-only tokens, set only allow_subscribe". */
	if (c->allow_publish)
		cJSON_AddTrueToObject(caps, "allow_publish");
	if (c->allow_subscribe)
		cJSON_AddTrueToObject(caps, "allow_subscribe");
	if (c->nattributes) {
		attrs = cJSON_AddObjectToObject(o, "attributes");
		for (size_t i = 0; i < c->nattributes; i++)
			cJSON_AddStringToObject(attrs, c->attributes[i].key, c->attributes[i].value);
	}
	cJSON_AddStringToObject(o, "version", IVS_STAGE_TOKEN_VERSION);
	s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (!s)
		abort();  /* out of memory, as ivs_xmalloc */
	return s;
}

/* 12 random letters and digits, as the participant ids IVS makes. */
static int random_jti(char out[13])
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	size_t n = 0;
	while (n < 12) {
		unsigned char b[16];
		if (RAND_bytes(b, sizeof b) != 1)
			return -1;
		for (size_t i = 0; i < sizeof b && n < 12; i++)
			if (b[i] < 248)   /* 4 * 62: no bias */
				out[n++] = abc[b[i] % 62];
	}
	out[12] = '\0';
	return 0;
}

char *ivs_stage_token_sign(EVP_PKEY *key, const struct ivs_stage_token_claims *c, int64_t now,
                           char **err)
{
	char jti[13], *payload, *header, *tok;
	cJSON *h;

	if (!ivs_pkey_is_p384(key)) {
		set_err(err, ivs_xstrdup("the signing key is not an ECDSA P-384 private key"));
		return NULL;
	}
	if (ivs_stage_token_check(c, now, err) != 0)
		return NULL;
	if (!c->participant_id && random_jti(jti) != 0) {
		set_err(err, ivs_xstrdup("cannot make a participant id: the random generator failed"));
		return NULL;
	}
	h = cJSON_CreateObject();
	cJSON_AddStringToObject(h, "alg", "ES384");
	cJSON_AddStringToObject(h, "typ", "JWT");
	cJSON_AddStringToObject(h, "kid", c->public_key_arn);
	header = cJSON_PrintUnformatted(h);
	cJSON_Delete(h);
	if (!header)
		abort();
	payload = ivs_stage_claims_json(c, c->participant_id ? c->participant_id : jti, now);
	tok = ivs_jws_es384(key, header, payload, err);
	cJSON_free(header);
	free(payload);
	return tok;
}

/* ---- verification ---- */

static const char *const stage_claims[] = {
	"exp", "iat", "jti", "user_id", "resource", "topic", "events_url", "whip_url",
	"capabilities", "attributes", "version",
};

static const cJSON *get(const cJSON *o, const char *k)
{
	return cJSON_GetObjectItemCaseSensitive(o, k);
}

/* A required string claim, or NULL after setting *why. */
static const char *need_str(const cJSON *claims, const char *k, char **why)
{
	const cJSON *j = get(claims, k);
	if (*why)
		return NULL;
	if (!cJSON_IsString(j)) {
		*why = ivs_xasprintf("the token has no string claim \"%s\" (IVS requires one in a "
		                     "participant token)", k);
		return NULL;
	}
	return j->valuestring;
}

char *ivs_stage_read_claims(const cJSON *header, const cJSON *claims, int64_t now,
                            struct ivs_token_report *rep, struct ivs_buf *warn)
{
	const cJSON *kid = get(header, "kid"), *caps = get(claims, "capabilities");
	const cJSON *attrs = get(claims, "attributes"), *uid = get(claims, "user_id"), *it;
	char *why = NULL;
	int64_t iat = 0;
	const char *res, *topic, *jti, *version;

	rep->stage = true;
	if (!cJSON_IsString(kid))
		return ivs_xstrdup("the header has no kid: a participant token names the ARN of the "
		                   "public key IVS checks it with");
	if ((why = ivs_arn_check(kid->valuestring, "public-key", "the header's kid")))
		return why;
	if (!(res = need_str(claims, "resource", &why)))
		return why;
	rep->stage_arn = ivs_xstrdup(res);
	if ((why = ivs_arn_check(res, "stage", "the resource claim")))
		return why;
	if (!ivs_json_whole(get(claims, "exp"), &rep->exp))
		return ivs_xstrdup("the token has no whole-number exp claim (Unix seconds)");
	rep->has_exp = true;
	if (!ivs_json_whole(get(claims, "iat"), &iat))
		return ivs_xstrdup("the token has no whole-number iat claim (when it was issued, "
		                   "Unix seconds)");
	topic = need_str(claims, "topic", &why);
	jti = need_str(claims, "jti", &why);
	need_str(claims, "events_url", &why);
	need_str(claims, "whip_url", &why);
	version = need_str(claims, "version", &why);
	if (why)
		return why;
	if (strcmp(topic, ivs_arn_resource_id(res)) != 0)
		return ivs_xstrdup("the topic claim is not the id of the stage in resource: IVS "
		                   "wants the last part of the stage ARN");
	if (!jti_ok(jti))
		return ivs_xasprintf("the jti claim (participant id) must be 1 to %d letters, digits, "
		                     "hyphens and underscores", IVS_STAGE_TOKEN_JTI_MAX);
	if (strcmp(version, IVS_STAGE_TOKEN_VERSION) != 0)
		return ivs_xstrdup("the version claim must be \"" IVS_STAGE_TOKEN_VERSION "\"");
	if (uid && (!cJSON_IsString(uid) ||
	            ivs_utf8_len(uid->valuestring) > IVS_STAGE_TOKEN_USER_ID_MAX))
		return ivs_xasprintf("the user_id claim must be a string of at most %d characters",
		                     IVS_STAGE_TOKEN_USER_ID_MAX);
	if (!cJSON_IsObject(caps))
		return ivs_xstrdup("the token has no capabilities object ({\"allow_publish\": true, "
		                   "\"allow_subscribe\": true})");
	bool any = false;
	cJSON_ArrayForEach(it, caps) {
		if (strcmp(it->string, "allow_publish") != 0 && strcmp(it->string, "allow_subscribe") != 0)
			ivs_buf_printf(warn, "unknown capability \"%s\": IVS knows allow_publish and "
			               "allow_subscribe\n", it->string);
		else if (!cJSON_IsBool(it))
			return ivs_xasprintf("capability %s must be true or false", it->string);
		else
			any = any || cJSON_IsTrue(it);
	}
	if (!any)
		ivs_buf_printf(warn, "the token allows neither publishing nor subscribing\n");
	if (attrs) {
		size_t n = 0;
		if (!cJSON_IsObject(attrs))
			return ivs_xstrdup("the attributes claim must be an object of strings");
		cJSON_ArrayForEach(it, attrs) {
			if (!cJSON_IsString(it))
				return ivs_xasprintf("attribute \"%s\" must be a string", it->string);
			n += strlen(it->string) + strlen(it->valuestring);
		}
		if (n > IVS_STAGE_TOKEN_ATTRIBUTES_MAX)
			ivs_buf_printf(warn, "the attributes hold %zu bytes; IVS allows %d in all\n", n,
			               IVS_STAGE_TOKEN_ATTRIBUTES_MAX);
	}
	if (ivs_i64_sub_sat(rep->exp, iat) > IVS_STAGE_TOKEN_TTL_MAX)
		return ivs_xasprintf("exp is %" PRId64 " s after iat; IVS accepts at most 14 days",
		                     ivs_i64_sub_sat(rep->exp, iat));
	if (iat > now)
		ivs_buf_printf(warn, "iat is %" PRId64 " s in the future: is the signer's clock "
		               "right?\n", ivs_i64_sub_sat(iat, now));
	cJSON_ArrayForEach(it, claims) {
		size_t i;
		for (i = 0; i < IVS_ARRAY_LEN(stage_claims); i++)
			if (strcmp(it->string, stage_claims[i]) == 0)
				break;
		if (i == IVS_ARRAY_LEN(stage_claims))
			ivs_buf_printf(warn, "unknown claim \"%s\" in a participant token: IVS ignores "
			               "it\n", it->string);
	}
	return NULL;
}
