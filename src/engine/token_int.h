/* token_int.h: what token.c (signatures) and token_claims.c (claims)
 * share. Private to src/engine. */
#ifndef IVS_TOKEN_INT_H
#define IVS_TOKEN_INT_H

#include <stdint.h>

#include <cjson/cJSON.h>

#include "ivs/token.h"
#include "ivs/util.h"

/* The claims as compact JSON, in the order the IVS docs list them; uuid is
 * the aws:single-use-uuid value or NULL. Caller frees. */
char *ivs_token_claims_json(const struct ivs_token_claims *c, const char *uuid);
/* Reads the verified claims IVS cares about into rep and appends warnings
 * (one line each) to warn. Returns why the token is malformed (caller
 * frees), or NULL. */
char *ivs_token_read_claims(const cJSON *claims, int64_t now, struct ivs_token_report *rep,
                            struct ivs_buf *warn);

/* a - b, saturated at the int64_t limits (claims come from anywhere). */
static inline int64_t ivs_i64_sub_sat(int64_t a, int64_t b)
{
	int64_t r;
	if (__builtin_sub_overflow(a, b, &r))
		return b < 0 ? INT64_MAX : INT64_MIN;
	return r;
}

/* Signs header.payload (both JSON text) with ES384 and returns the compact
 * JWS, or NULL with *err set. token.c. */
char *ivs_jws_es384(EVP_PKEY *key, const char *header, const char *payload, char **err);
/* A JSON number that is a whole int64 (|v| < 9e18). */
bool ivs_json_whole(const cJSON *j, int64_t *v);

/* Stage participant tokens (token_stage.c): the payload as compact JSON in
 * the guide's order (jti the participant id to use); and what a verifier
 * reads from a verified header and payload, like ivs_token_read_claims. */
char *ivs_stage_claims_json(const struct ivs_stage_token_claims *c, const char *jti, int64_t now);
char *ivs_stage_read_claims(const cJSON *header, const cJSON *claims, int64_t now,
                            struct ivs_token_report *rep, struct ivs_buf *warn);

#endif
