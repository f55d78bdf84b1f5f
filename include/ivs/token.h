/* token.h: playback key pairs and playback tokens for private IVS channels,
 * and participant tokens for real-time stages (both ES384 JWTs), with
 * libcrypto and cJSON. Engine code: no curses.
 *
 * Secrets: a private key lives in an EVP_PKEY, in a PEM string returned by
 * ivs_keygen (free it with ivs_secret_free, which cleanses it) and in the
 * 0600 file ivs_write_private_key writes. No function here puts private key
 * bytes into an error message. Tokens are bearer secrets too: callers print
 * them to stdout only.
 *
 * Time is always passed in (`now`, Unix seconds) so results are
 * deterministic in tests. */
#ifndef IVS_TOKEN_H
#define IVS_TOKEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/types.h>

/* IVS: with aws:viewer-id or aws:single-use-uuid, exp is at most 10 minutes
 * ahead. */
#define IVS_TOKEN_SHORT_TTL_MAX 600
#define IVS_TOKEN_VIEWER_ID_MAX 40
/* exp above this (the year 5138 in seconds) is read as milliseconds. */
#define IVS_TOKEN_EXP_MS_THRESHOLD INT64_C(100000000000)

/* ---- keys ---- */

/* Makes a new ECDSA P-384 key pair. *private_pem: PKCS#8 PEM ("BEGIN
 * PRIVATE KEY"), free it with ivs_secret_free. *public_pem: SPKI PEM
 * ("BEGIN PUBLIC KEY"), free(). Returns 0, or -1 with *err set (caller
 * frees) and both outputs NULL. */
int ivs_keygen(char **private_pem, char **public_pem, char **err);
/* Cleanses a NUL-terminated secret (OPENSSL_cleanse) and frees it. NULL ok. */
void ivs_secret_free(char *s);
/* Writes private_pem to path with mode 0600 whatever the umask: first to a
 * new file beside it (fsutil's ivs_write_new), then renamed (force) or
 * linked (no replacing) into place, so a replaced file's inode, and any
 * other hard link to it, is untouched. Never replaces a symlink or
 * anything but a regular file; replaces a regular file only with force.
 * Checks the mode on disk afterwards. Returns 0, or -1 with *err set
 * (naming path, never the temporary file). */
int ivs_write_private_key(const char *path, const char *private_pem, bool force, char **err);
/* The same, calling before_publish(ctx, err) once the key is safely
 * written under its temporary name and before it gets its own: when that
 * returns -1 (with *err set) nothing is left on disk. keygen prints the
 * public key there, so that a failed print leaves no private key file. */
int ivs_write_private_key_then(const char *path, const char *private_pem, bool force,
                               int (*before_publish)(void *ctx, char **err), void *ctx,
                               char **err);
/* What ivs_write_private_key would refuse before writing anything: path
 * exists and is not a regular file, or exists and force is false. 0 or -1
 * with *err set. A replaced file is a new inode: a hard link to the old
 * one keeps its contents and mode. */
int ivs_private_key_target_ok(const char *path, bool force, char **err);
/* For the TUI's playback-key form: ivs_keygen + ivs_write_private_key.
 * The private key never leaves this function (cleansed before return).
 * On success returns 0 and *public_pem (caller frees with free()); on
 * failure -1, *public_pem NULL and *err set (caller frees). */
int ivs_keygen_to_file(const char *private_path, bool force, char **public_pem, char **err);

/* Reads a private key file (PEM: PKCS#8 or SEC1 "EC PRIVATE KEY") and
 * checks it is P-384. The file's bytes are cleansed after parsing. Caller
 * frees the key with EVP_PKEY_free. NULL with *err set on failure. */
EVP_PKEY *ivs_private_key_load(const char *path, char **err);
/* Public key from PEM text (checked with ivs_key_check_public) or from a
 * file holding it. NULL with *err set (a sentence) on failure. */
EVP_PKEY *ivs_public_key_from_pem(const char *pem, char **err);
EVP_PKEY *ivs_public_key_load(const char *path, char **err);
/* True when k is an EC key on P-384 (secp384r1). */
bool ivs_pkey_is_p384(const EVP_PKEY *k);

/* ---- tokens ---- */

enum ivs_max_resolution { IVS_TOKEN_RES_NONE, IVS_TOKEN_RES_SD, IVS_TOKEN_RES_HD, IVS_TOKEN_RES_FULL_HD };

/* What to sign. Strings are borrowed; NULL means "claim absent". */
struct ivs_token_claims {
	const char *channel_arn;       /* aws:channel-arn, required */
	const char *allow_origin;      /* aws:access-control-allow-origin, "a,b" */
	bool strict_origin;            /* aws:strict-origin-enforcement: true */
	const char *viewer_id;         /* aws:viewer-id, at most 40 characters */
	bool single_use;               /* aws:single-use-uuid: a fresh UUID v4 */
	const char *single_use_uuid;   /* use this UUID instead (tests); NULL: fresh */
	bool has_session_version;
	int64_t viewer_session_version;  /* aws:viewer-session-version */
	enum ivs_max_resolution max_resolution;  /* aws:maximum-resolution */
	int64_t exp;                   /* Unix seconds */
};

/* Names of enum ivs_max_resolution as IVS spells them ("SD", ...); NULL for
 * NONE. ivs_max_resolution_parse returns -1 for an unknown name. */
const char *ivs_max_resolution_name(enum ivs_max_resolution r);
int ivs_max_resolution_parse(const char *s);

/* Checks claims against IVS's rules at time now: channel ARN shape, exp in
 * the future and in seconds, at most 10 minutes ahead with viewer-id or
 * single-use, viewer-id length, at most 5 origins with strict origin
 * enforcement. Returns 0, or -1 with *err set. */
int ivs_token_check_claims(const struct ivs_token_claims *c, int64_t now, char **err);
/* Signs claims (after ivs_token_check_claims) with a P-384 private key:
 * header {"alg":"ES384","typ":"JWT"}, base64url without padding, signature
 * as the 96-byte r||s of JWS. Returns the JWT (caller frees), or NULL with
 * *err set. */
char *ivs_token_sign(EVP_PKEY *key, const struct ivs_token_claims *c, int64_t now, char **err);

enum ivs_token_status {
	IVS_TOKEN_VALID,          /* signature good, not expired */
	IVS_TOKEN_EXPIRED,        /* signature good, exp <= now */
	IVS_TOKEN_BAD_SIGNATURE,  /* well formed, but the key does not verify it */
	IVS_TOKEN_MALFORMED,      /* not a JWT, not ES384, or a required claim missing */
};

/* What a verification found. Owned strings; free with
 * ivs_token_report_free. */
struct ivs_token_report {
	char *header_json;         /* compact JSON, NULL when unreadable */
	char *claims_json;         /* compact JSON (cJSON escapes control characters) */
	bool stage;                /* a stage participant token (it has "resource") */
	char *channel_arn;         /* playback: aws:channel-arn; NULL when absent */
	char *stage_arn;           /* stage: resource; NULL when absent */
	bool has_exp;
	int64_t exp;
	bool exp_in_ms;            /* exp looks like milliseconds */
	char *problem;             /* why the status is not VALID, a sentence */
	char *warnings;            /* zero or more lines, each ending in '\n'; "" if none */
};

/* Verifies token (surrounding whitespace ignored) with a P-384 public key
 * at time now: a playback token, or a stage participant token when its
 * claims have "resource". Refused as malformed: a header or payload that
 * names a member twice (JWT libraries differ on which one wins), a header
 * with "crit" (no extension is understood), a NUL byte, more than
 * IVS_TOKEN_TEXT_MAX bytes. Always fills *rep (free it). */
#define IVS_TOKEN_TEXT_MAX (64u * 1024u)
enum ivs_token_status ivs_token_verify(const char *token, EVP_PKEY *pub, int64_t now,
                                       struct ivs_token_report *rep);
/* The same for len bytes that may hold a NUL (read from a file). */
enum ivs_token_status ivs_token_verify_n(const char *token, size_t len, EVP_PKEY *pub,
                                         int64_t now, struct ivs_token_report *rep);
void ivs_token_report_free(struct ivs_token_report *rep);

/* base64url without padding (RFC 7515), exposed for the tests. decode
 * refuses characters outside the alphabet, padding and impossible lengths;
 * returns the bytes (caller frees; a NUL is appended, not counted) or
 * NULL. */
char *ivs_b64url_encode(const unsigned char *data, size_t len);
unsigned char *ivs_b64url_decode(const char *s, size_t n, size_t *out_len);

/* Parses a duration: "90", "90s", "30m", "1h", "2d". Returns seconds > 0,
 * or -1. */
int64_t ivs_parse_ttl(const char *s);
/* *exp = now + ttl. Returns 0, or -1 when the sum does not fit in int64_t
 * (--now near INT64_MAX): no undefined behaviour, the caller refuses. */
int ivs_token_exp_of(int64_t now, int64_t ttl, int64_t *exp);

/* ---- stage participant tokens (IVS real-time streaming) ----
 *
 * IVS real-time user guide, "Distribute participant tokens", creating
 * tokens with a key pair: header {"alg":"ES384","typ":"JWT","kid":<public
 * key ARN>}; claims exp, iat, jti (the participant id), user_id
 * (optional), resource (the stage ARN), topic (the stage id), events_url,
 * whip_url (the stage's endpoints, from CreateStage or GetStage),
 * capabilities {allow_publish, allow_subscribe}, attributes (optional
 * string map, at most 1 KB) and version "1.0". exp is at most 14 days
 * after iat; IVS recommends (and its API defaults to) 12 hours. */
#define IVS_STAGE_TOKEN_TTL_DEFAULT (12 * 60 * 60)
#define IVS_STAGE_TOKEN_TTL_MAX (14 * 24 * 60 * 60)
#define IVS_STAGE_TOKEN_JTI_MAX 64
#define IVS_STAGE_TOKEN_USER_ID_MAX 128
#define IVS_STAGE_TOKEN_ATTRIBUTES_MAX 1024
#define IVS_STAGE_TOKEN_VERSION "1.0"
#define IVS_STAGE_EVENTS_URL "wss://global.events.live-video.net"

struct ivs_stage_attr {
	const char *key, *value;
};

/* What to sign. Strings are borrowed; NULL means "claim absent". */
struct ivs_stage_token_claims {
	const char *stage_arn;         /* resource, required; topic is its id */
	const char *public_key_arn;    /* the header's kid, required */
	const char *participant_id;    /* jti; NULL: a fresh random one */
	const char *user_id;           /* user_id, at most 128 characters */
	const char *events_url;        /* NULL: IVS_STAGE_EVENTS_URL */
	const char *whip_url;          /* required: the stage's WHIP endpoint */
	bool allow_publish, allow_subscribe;   /* at least one */
	const struct ivs_stage_attr *attributes;
	size_t nattributes;
	int64_t exp;                   /* Unix seconds; iat is `now` */
};

/* Checks claims against IVS's rules at time now (ARNs with ivs_arn_check,
 * participant id characters and length, user id length, URLs, a
 * capability, unique attribute keys within 1 KB, exp in the future and at
 * most 14 days ahead). Returns 0, or -1 with *err set. */
int ivs_stage_token_check(const struct ivs_stage_token_claims *c, int64_t now, char **err);
/* Signs claims (after ivs_stage_token_check) with a P-384 private key.
 * Returns the JWT (caller frees), or NULL with *err set. */
char *ivs_stage_token_sign(EVP_PKEY *key, const struct ivs_stage_token_claims *c, int64_t now,
                           char **err);

#endif
