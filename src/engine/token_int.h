/* token_int.h: what token.c (signatures) and token_claims.c (claims)
 * share. Private to src/engine. */
#ifndef IVS_TOKEN_INT_H
#define IVS_TOKEN_INT_H

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

#endif
