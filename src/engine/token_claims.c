/* token_claims.c: the claims of an IVS playback token: IVS's rules for
 * them (channel ARN, expiry in seconds and at most 10 minutes ahead with a
 * viewer id or single use, viewer id length, origins), their JSON for
 * signing, and what a verifier reads and warns about. Durations and the
 * maximum-resolution names too. No crypto here (token.c signs). */
#include "token_int.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/arn.h"
#include "ivs/util.h"

static void set_err(char **err, char *msg)
{
	if (err)
		*err = msg;
	else
		free(msg);
}

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
	char *bad_arn = ivs_arn_check(c->channel_arn, "channel", "the channel ARN");
	if (bad_arn) {
		set_err(err, bad_arn);
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
	if (short_ttl && ivs_i64_sub_sat(c->exp, now) > IVS_TOKEN_SHORT_TTL_MAX) {
		set_err(err, ivs_xasprintf("with %s IVS accepts an expiry at most 10 minutes ahead "
		                           "(this one is %" PRId64 " s): use --ttl 10m or less",
		                           c->viewer_id ? "a viewer id" : "a single-use token",
		                           ivs_i64_sub_sat(c->exp, now)));
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

static void add_int(cJSON *o, const char *key, int64_t v)
{
	char num[32];
	snprintf(num, sizeof num, "%" PRId64, v);
	cJSON_AddRawToObject(o, key, num);  /* exact, whatever the size */
}

char *ivs_token_claims_json(const struct ivs_token_claims *c, const char *uuid)
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

char *ivs_token_read_claims(const cJSON *claims, int64_t now, struct ivs_token_report *rep,
                            struct ivs_buf *warn)
{
	const cJSON *arn = cJSON_GetObjectItemCaseSensitive(claims, "aws:channel-arn");
	const cJSON *exp = cJSON_GetObjectItemCaseSensitive(claims, "exp");
	const cJSON *vid = cJSON_GetObjectItemCaseSensitive(claims, "aws:viewer-id");
	const cJSON *uuid = cJSON_GetObjectItemCaseSensitive(claims, "aws:single-use-uuid");

	if (!cJSON_IsString(arn) || !*arn->valuestring)
		return ivs_xstrdup("the token has no aws:channel-arn claim (IVS requires one)");
	rep->channel_arn = ivs_xstrdup(arn->valuestring);
	char *bad_arn = ivs_arn_check(arn->valuestring, "channel", "aws:channel-arn");
	if (bad_arn)
		ivs_buf_printf(warn, "%s\n", bad_arn);
	free(bad_arn);
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
	if ((vid || uuid) && ivs_i64_sub_sat(rep->exp, now) > IVS_TOKEN_SHORT_TTL_MAX)
		ivs_buf_printf(warn, "with aws:viewer-id or aws:single-use-uuid IVS accepts exp at "
		               "most 10 minutes ahead; this one is %" PRId64 " s ahead\n",
		               ivs_i64_sub_sat(rep->exp, now));
	check_claim_types(claims, warn);
	return NULL;
}
