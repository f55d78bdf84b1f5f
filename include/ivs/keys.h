/* keys.h: playback key material, with OpenSSL's libcrypto only.
 * The private key never enters the project, a template, a log or the
 * screen: functions here that read one return only what is public. */
#ifndef IVS_KEYS_H
#define IVS_KEYS_H

#include <stddef.h>

#include "ivs/diag.h"

/* Checks PEM text meant as public_key_material. Returns IVS_RULE_COUNT when
 * it is one ECDSA P-384 public key and nothing else; otherwise the rule
 * (KEY_NOT_PEM, KEY_PRIVATE, KEY_CERTIFICATE, KEY_NOT_EC, KEY_WRONG_CURVE,
 * KEY_TRAILING_DATA; or the warning KEY_ENCODING for a P-384 key with a
 * compressed point or explicit curve parameters) with *msg set to a
 * sentence that says what was found and what to do (caller frees). */
enum ivs_rule ivs_key_check_public(const char *pem, char **msg);

#endif
