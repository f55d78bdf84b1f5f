/* test_token.c: key generation, the 0600 key file, ES384 playback tokens
 * and stage participant tokens signed and verified, with a fixed `now`;
 * what verification refuses; the shared IVS ARN check. An independent ES384 signer
 * (made here from libcrypto directly) cross-checks the token code. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "ivs/arn.h"
#include "ivs/keys.h"
#include "ivs/token.h"
#include "ivs/util.h"

#define NOW INT64_C(1700000000)
#define ARN "arn:aws:ivs:us-west-2:123456789012:channel/AbCdEf12gH"

static char tmpdir[64];

static int setup_dir(void **state)
{
	(void)state;
	strcpy(tmpdir, "/tmp/ivs-test-token.XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_dir(void **state)
{
	(void)state;
	char *cmd = ivs_xasprintf("rm -rf '%s'", tmpdir);
	int rc = system(cmd);
	free(cmd);
	return rc == 0 ? 0 : -1;
}

static char *path_in(const char *name)
{
	return ivs_xasprintf("%s/%s", tmpdir, name);
}

static EVP_PKEY *load_priv_pem(const char *pem)
{
	BIO *b = BIO_new_mem_buf(pem, -1);
	EVP_PKEY *k = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);
	BIO_free(b);
	return k;
}

static EVP_PKEY *new_key(EVP_PKEY **pub)
{
	char *priv = NULL, *pubpem = NULL, *err = NULL;
	assert_int_equal(ivs_keygen(&priv, &pubpem, &err), 0);
	EVP_PKEY *k = load_priv_pem(priv);
	assert_non_null(k);
	*pub = ivs_public_key_from_pem(pubpem, &err);
	assert_non_null(*pub);
	ivs_secret_free(priv);
	free(pubpem);
	return k;
}

static char *decode_part(const char *tok, int which)
{
	const char *s = tok;
	for (int i = 0; i < which; i++)
		s = strchr(s, '.') + 1;
	const char *e = strchr(s, '.');
	size_t n = e ? (size_t)(e - s) : strlen(s), len = 0;
	char *out = (char *)ivs_b64url_decode(s, n, &len);
	assert_non_null(out);
	return out;
}

/* ---- keys ---- */

static void test_keygen_p384_and_loads_back(void **state)
{
	(void)state;
	char *priv = NULL, *pub = NULL, *err = NULL;
	assert_int_equal(ivs_keygen(&priv, &pub, &err), 0);
	assert_null(err);
	assert_int_equal(strncmp(priv, "-----BEGIN PRIVATE KEY-----\n", 28), 0);
	assert_int_equal(strncmp(pub, "-----BEGIN PUBLIC KEY-----\n", 27), 0);
	assert_int_equal(ivs_key_check_public(pub, NULL), IVS_RULE_COUNT);
	EVP_PKEY *k = load_priv_pem(priv);
	assert_true(ivs_pkey_is_p384(k));
	EVP_PKEY *p = ivs_public_key_from_pem(pub, &err);
	assert_non_null(p);
	assert_int_equal(EVP_PKEY_eq(k, p), 1);
	/* Two calls give two different keys. */
	char *priv2 = NULL, *pub2 = NULL;
	assert_int_equal(ivs_keygen(&priv2, &pub2, &err), 0);
	assert_string_not_equal(pub, pub2);
	EVP_PKEY_free(k);
	EVP_PKEY_free(p);
	ivs_secret_free(priv);
	ivs_secret_free(priv2);
	free(pub);
	free(pub2);
}

static mode_t mode_of(const char *path)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	return st.st_mode & 07777;
}

static void test_private_file_mode_and_refusal(void **state)
{
	(void)state;
	char *path = path_in("priv.pem"), *err = NULL, *pub = NULL, *pub2 = NULL;
	mode_t old = umask(0);  /* the most permissive umask */
	assert_int_equal(ivs_keygen_to_file(path, false, &pub, &err), 0);
	assert_int_equal(mode_of(path), 0600);

	/* The file holds the private half of the printed public key. */
	EVP_PKEY *k = ivs_private_key_load(path, &err);
	assert_non_null(k);
	EVP_PKEY *p = ivs_public_key_from_pem(pub, &err);
	assert_int_equal(EVP_PKEY_eq(k, p), 1);
	EVP_PKEY_free(p);

	/* No overwrite without force; the old key is still there. */
	assert_int_equal(ivs_keygen_to_file(path, false, &pub2, &err), -1);
	assert_null(pub2);
	assert_non_null(strstr(err, "exists"));
	assert_non_null(strstr(err, "--force"));
	free(err);
	err = NULL;
	EVP_PKEY *same = ivs_private_key_load(path, &err);
	assert_int_equal(EVP_PKEY_eq(k, same), 1);
	EVP_PKEY_free(same);

	/* With force: a new key, still 0600, even over a 0644 file. */
	assert_int_equal(chmod(path, 0644), 0);
	assert_int_equal(ivs_keygen_to_file(path, true, &pub2, &err), 0);
	assert_int_equal(mode_of(path), 0600);
	EVP_PKEY *k2 = ivs_private_key_load(path, &err);
	assert_int_not_equal(EVP_PKEY_eq(k, k2), 1);
	assert_string_not_equal(pub, pub2);

	/* A symlink is never replaced, even with force. */
	char *link_path = path_in("link.pem");
	assert_int_equal(symlink(path, link_path), 0);
	char *pub3 = NULL;
	assert_int_equal(ivs_keygen_to_file(link_path, true, &pub3, &err), -1);
	assert_non_null(strstr(err, "not a regular file"));
	free(err);
	assert_int_equal(ivs_keygen_to_file(link_path, false, &pub3, &err), -1);
	assert_non_null(strstr(err, "not a regular file"));
	free(err);
	assert_int_equal(ivs_keygen_to_file(tmpdir, false, &pub3, &err), -1);
	assert_non_null(strstr(err, "not a regular file"));
	free(err);
	umask(old);

	EVP_PKEY_free(k);
	EVP_PKEY_free(k2);
	free(pub);
	free(pub2);
	free(path);
	free(link_path);
}

static int refuse_publish(void *ctx, char **err)
{
	(*(int *)ctx)++;
	*err = ivs_xstrdup("stdout failed");
	return -1;
}

static int allow_publish(void *ctx, char **err)
{
	(void)err;
	(*(int *)ctx)++;
	return 0;
}

/* Issue 15: --force over a hard link leaves the other link alone; a
 * refused publish (keygen's failed print) leaves nothing behind. */
static void test_private_key_links_and_publish(void **state)
{
	(void)state;
	char *a = path_in("hl-a.pem"), *b = path_in("hl-b.pem"), *err = NULL, *pub = NULL;
	char *priv = NULL, *pubpem = NULL;
	int calls = 0;

	assert_int_equal(ivs_keygen_to_file(a, false, &pub, &err), 0);
	assert_int_equal(chmod(a, 0640), 0);
	assert_int_equal(link(a, b), 0);
	EVP_PKEY *old = ivs_private_key_load(b, &err);
	assert_non_null(old);
	assert_int_equal(ivs_keygen(&priv, &pubpem, &err), 0);
	assert_int_equal(ivs_write_private_key_then(a, priv, true, allow_publish, &calls, &err), 0);
	assert_int_equal(calls, 1);
	assert_int_equal(mode_of(a), 0600);
	assert_int_equal(mode_of(b), 0640);          /* the other link: mode kept */
	EVP_PKEY *still = ivs_private_key_load(b, &err), *now = ivs_private_key_load(a, &err);
	assert_int_equal(EVP_PKEY_eq(old, still), 1);  /* and contents kept */
	assert_int_not_equal(EVP_PKEY_eq(old, now), 1);

	/* Publishing refused: the error is the callback's, no file is made. */
	char *c = path_in("never.pem");
	assert_int_equal(ivs_write_private_key_then(c, priv, false, refuse_publish, &calls, &err), -1);
	assert_int_equal(calls, 2);
	assert_string_equal(err, "stdout failed");
	free(err);
	err = NULL;
	struct stat st;
	assert_int_not_equal(lstat(c, &st), 0);
	char *cmd = ivs_xasprintf("ls -a '%s' | grep -c 'never' >/dev/null", tmpdir);
	assert_int_not_equal(system(cmd), 0);        /* no temporary file either */
	free(cmd);
	/* With force over an existing key, a refused publish keeps the old one. */
	assert_int_equal(ivs_write_private_key_then(a, "x", true, refuse_publish, &calls, &err), -1);
	free(err);
	EVP_PKEY *kept = ivs_private_key_load(a, &err);
	assert_int_equal(EVP_PKEY_eq(now, kept), 1);

	EVP_PKEY_free(old);
	EVP_PKEY_free(still);
	EVP_PKEY_free(now);
	EVP_PKEY_free(kept);
	ivs_secret_free(priv);
	free(pubpem);
	free(pub);
	free(a);
	free(b);
	free(c);
}

static void test_key_load_errors(void **state)
{
	(void)state;
	char *path = path_in("pub-only.pem"), *err = NULL;
	EVP_PKEY *pub = NULL, *k = new_key(&pub);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	PEM_write_PUBKEY(f, pub);
	fclose(f);
	assert_null(ivs_private_key_load(path, &err));
	assert_non_null(strstr(err, "holds a public key"));
	free(err);

	/* A private key given where the public one is wanted. */
	char *priv = path_in("as-pub.pem");
	f = fopen(priv, "w");
	PEM_write_PrivateKey(f, k, NULL, NULL, 0, NULL, NULL);
	fclose(f);
	assert_null(ivs_public_key_load(priv, &err));
	assert_non_null(strstr(err, "holds a private key"));
	free(err);

	/* A P-256 private key is refused for signing. */
	EVP_PKEY *p256 = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	f = fopen(priv, "w");
	PEM_write_PrivateKey(f, p256, NULL, NULL, 0, NULL, NULL);
	fclose(f);
	assert_null(ivs_private_key_load(priv, &err));
	assert_non_null(strstr(err, "not an ECDSA P-384 private key"));
	free(err);

	char *missing = path_in("nope.pem");
	assert_null(ivs_private_key_load(missing, &err));
	assert_non_null(strstr(err, "No such file"));
	free(err);

	EVP_PKEY_free(p256);
	EVP_PKEY_free(k);
	EVP_PKEY_free(pub);
	free(path);
	free(priv);
	free(missing);
}

/* ---- base64url, durations ---- */

static void test_b64url(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} v[] = {{"", ""}, {"f", "Zg"}, {"fo", "Zm8"}, {"foo", "Zm9v"}, {"foob", "Zm9vYg"},
	         {"\xfb\xff", "-_8"}, {"\xff\xfe\xfd", "__79"}};
	for (size_t i = 0; i < IVS_ARRAY_LEN(v); i++) {
		char *e = ivs_b64url_encode((const unsigned char *)v[i].in, strlen(v[i].in));
		assert_string_equal(e, v[i].out);
		size_t n = 99;
		char *d = (char *)ivs_b64url_decode(e, strlen(e), &n);
		assert_non_null(d);
		assert_int_equal(n, strlen(v[i].in));
		assert_memory_equal(d, v[i].in, n);
		free(d);
		free(e);
	}
	size_t n;
	assert_null(ivs_b64url_decode("Zg==", 4, &n));   /* padding */
	assert_null(ivs_b64url_decode("Z", 1, &n));      /* impossible length */
	assert_null(ivs_b64url_decode("Zm9+", 4, &n));   /* standard alphabet */
	assert_null(ivs_b64url_decode("Zm 9", 4, &n));
}

static void test_ttl(void **state)
{
	(void)state;
	assert_int_equal(ivs_parse_ttl("1h"), 3600);
	assert_int_equal(ivs_parse_ttl("30m"), 1800);
	assert_int_equal(ivs_parse_ttl("90s"), 90);
	assert_int_equal(ivs_parse_ttl("90"), 90);
	assert_int_equal(ivs_parse_ttl("2d"), 172800);
	assert_int_equal(ivs_parse_ttl("0"), -1);
	assert_int_equal(ivs_parse_ttl("-5"), -1);
	assert_int_equal(ivs_parse_ttl("1x"), -1);
	assert_int_equal(ivs_parse_ttl("1hh"), -1);
	assert_int_equal(ivs_parse_ttl(""), -1);
	assert_int_equal(ivs_parse_ttl("h"), -1);
	assert_int_equal(ivs_parse_ttl("99999999999999999999"), -1);
}

/* ---- signing and verifying ---- */

static void test_sign_verify_exact(void **state)
{
	(void)state;
	EVP_PKEY *pub, *k = new_key(&pub);
	struct ivs_token_claims c = {.channel_arn = ARN, .exp = NOW + 3600};
	char *err = NULL;
	char *tok = ivs_token_sign(k, &c, NOW, &err);
	assert_non_null(tok);

	/* Three parts; no padding; header and claims exact. */
	assert_null(strchr(tok, '='));
	char *h = decode_part(tok, 0), *p = decode_part(tok, 1);
	assert_string_equal(h, "{\"alg\":\"ES384\",\"typ\":\"JWT\"}");
	assert_string_equal(p, "{\"aws:channel-arn\":\"" ARN "\",\"exp\":1700003600}");
	assert_int_equal(strlen(strrchr(tok, '.') + 1), 128);  /* 96 bytes in base64url */

	struct ivs_token_report r;
	assert_int_equal(ivs_token_verify(tok, pub, NOW, &r), IVS_TOKEN_VALID);
	assert_string_equal(r.channel_arn, ARN);
	assert_true(r.has_exp);
	assert_int_equal(r.exp, NOW + 3600);
	assert_false(r.exp_in_ms);
	assert_string_equal(r.warnings, "");
	assert_null(r.problem);
	ivs_token_report_free(&r);

	/* Expiry against the given now: valid one second before, not at exp. */
	assert_int_equal(ivs_token_verify(tok, pub, NOW + 3599, &r), IVS_TOKEN_VALID);
	ivs_token_report_free(&r);
	assert_int_equal(ivs_token_verify(tok, pub, NOW + 3600, &r), IVS_TOKEN_EXPIRED);
	assert_string_equal(r.problem, "the token expired 0 s ago");
	ivs_token_report_free(&r);
	assert_int_equal(ivs_token_verify(tok, pub, NOW + 7200, &r), IVS_TOKEN_EXPIRED);
	assert_string_equal(r.problem, "the token expired 3600 s ago");
	ivs_token_report_free(&r);

	/* Surrounding whitespace (a pasted line) is fine. */
	char *spaced = ivs_xasprintf("  %s\n", tok);
	assert_int_equal(ivs_token_verify(spaced, pub, NOW, &r), IVS_TOKEN_VALID);
	ivs_token_report_free(&r);
	free(spaced);

	free(h);
	free(p);
	free(tok);
	EVP_PKEY_free(k);
	EVP_PKEY_free(pub);
}

static void test_all_claims_exact(void **state)
{
	(void)state;
	EVP_PKEY *pub, *k = new_key(&pub);
	struct ivs_token_claims c = {
		.channel_arn = ARN, .allow_origin = "https://a.example,https://*.b.example",
		.strict_origin = true, .viewer_id = "viewer-42", .single_use = true,
		.single_use_uuid = "0b5a3b5e-8f1c-4c8e-9d2a-5e4f3c2b1a09", .has_session_version = true,
		.viewer_session_version = INT64_C(9007199254740993),  /* not a double */
		.max_resolution = IVS_TOKEN_RES_FULL_HD, .exp = NOW + 600,
	};
	char *err = NULL, *tok = ivs_token_sign(k, &c, NOW, &err);
	assert_non_null(tok);
	char *p = decode_part(tok, 1);
	assert_string_equal(p, "{\"aws:channel-arn\":\"" ARN "\","
	                       "\"aws:access-control-allow-origin\":\"https://a.example,https://*.b.example\","
	                       "\"aws:strict-origin-enforcement\":true,"
	                       "\"aws:single-use-uuid\":\"0b5a3b5e-8f1c-4c8e-9d2a-5e4f3c2b1a09\","
	                       "\"aws:viewer-id\":\"viewer-42\","
	                       "\"aws:viewer-session-version\":9007199254740993,"
	                       "\"aws:maximum-resolution\":\"FULL_HD\","
	                       "\"exp\":1700000600}");
	struct ivs_token_report r;
	assert_int_equal(ivs_token_verify(tok, pub, NOW, &r), IVS_TOKEN_VALID);
	assert_string_equal(r.warnings, "");
	assert_non_null(strstr(r.claims_json, "\"aws:viewer-id\":\"viewer-42\""));
	assert_string_equal(r.header_json, "{\"alg\":\"ES384\",\"typ\":\"JWT\"}");
	ivs_token_report_free(&r);
	free(p);
	free(tok);
	EVP_PKEY_free(k);
	EVP_PKEY_free(pub);
}

static void check_uuid_v4(const char *u)
{
	assert_int_equal(strlen(u), 36);
	for (int i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23)
			assert_int_equal(u[i], '-');
		else
			assert_non_null(strchr("0123456789abcdef", u[i]));
	}
	assert_int_equal(u[14], '4');
	assert_non_null(strchr("89ab", u[19]));
}

static void test_single_use_uuid_fresh(void **state)
{
	(void)state;
	EVP_PKEY *pub, *k = new_key(&pub);
	struct ivs_token_claims c = {.channel_arn = ARN, .single_use = true, .exp = NOW + 60};
	char *err = NULL, *t1 = ivs_token_sign(k, &c, NOW, &err), *t2 = ivs_token_sign(k, &c, NOW, &err);
	char *p1 = decode_part(t1, 1), *p2 = decode_part(t2, 1);
	const char *key = "\"aws:single-use-uuid\":\"";
	char *u1 = strstr(p1, key), *u2 = strstr(p2, key);
	assert_non_null(u1);
	assert_non_null(u2);
	u1 += strlen(key);
	u2 += strlen(key);
	u1[36] = u2[36] = '\0';
	check_uuid_v4(u1);
	check_uuid_v4(u2);
	assert_string_not_equal(u1, u2);
	free(p1);
	free(p2);
	free(t1);
	free(t2);
	EVP_PKEY_free(k);
	EVP_PKEY_free(pub);
}

/* Re-encodes one part of a token after fn changed its decoded bytes. */
static char *tamper(const char *tok, int which, void (*fn)(unsigned char *, size_t))
{
	const char *d1 = strchr(tok, '.'), *d2 = strchr(d1 + 1, '.');
	const char *s = which == 1 ? d1 + 1 : d2 + 1;
	size_t n = which == 1 ? (size_t)(d2 - s) : strlen(s), len;
	unsigned char *raw = ivs_b64url_decode(s, n, &len);
	fn(raw, len);
	char *enc = ivs_b64url_encode(raw, len);
	char *out = which == 1 ? ivs_xasprintf("%.*s.%s%s", (int)(d1 - tok), tok, enc, d2)
	                       : ivs_xasprintf("%.*s.%s", (int)(d2 - tok), tok, enc);
	free(raw);
	free(enc);
	return out;
}

static void bump_exp(unsigned char *b, size_t n)
{
	/* "exp":1700003600 -> "exp":1700003601: still valid JSON. */
	assert_int_equal(b[n - 2], '0');
	b[n - 2] = '1';
}

static void flip_sig_bit(unsigned char *b, size_t n)
{
	b[n / 3] ^= 0x01;
}

static void test_tampered_rejected(void **state)
{
	(void)state;
	EVP_PKEY *pub, *k = new_key(&pub), *pub2, *k2 = new_key(&pub2);
	struct ivs_token_claims c = {.channel_arn = ARN, .exp = NOW + 3600};
	char *err = NULL, *tok = ivs_token_sign(k, &c, NOW, &err);
	struct ivs_token_report r;

	char *t1 = tamper(tok, 1, bump_exp);
	assert_int_equal(ivs_token_verify(t1, pub, NOW, &r), IVS_TOKEN_BAD_SIGNATURE);
	assert_non_null(strstr(r.problem, "does not match"));
	ivs_token_report_free(&r);

	char *t2 = tamper(tok, 2, flip_sig_bit);
	assert_int_equal(ivs_token_verify(t2, pub, NOW, &r), IVS_TOKEN_BAD_SIGNATURE);
	ivs_token_report_free(&r);

	/* One bit of the base64 text of the payload. */
	char *t3 = ivs_xstrdup(tok);
	char *pc = strchr(t3, '.') + 5;
	*pc = (char)(*pc ^ 0x01);
	assert_int_not_equal(ivs_token_verify(t3, pub, NOW, &r), IVS_TOKEN_VALID);
	ivs_token_report_free(&r);

	/* Another key. */
	assert_int_equal(ivs_token_verify(tok, pub2, NOW, &r), IVS_TOKEN_BAD_SIGNATURE);
	ivs_token_report_free(&r);

	/* A signature cut short, and not a JWT at all. */
	char *t4 = ivs_xstrndup(tok, strlen(tok) - 4);
	assert_int_equal(ivs_token_verify(t4, pub, NOW, &r), IVS_TOKEN_BAD_SIGNATURE);
	assert_string_equal(r.problem, "the signature is not the 96-byte r||s of ES384 (93 bytes)");
	ivs_token_report_free(&r);
	assert_int_equal(ivs_token_verify("abc.def", pub, NOW, &r), IVS_TOKEN_MALFORMED);
	ivs_token_report_free(&r);
	assert_int_equal(ivs_token_verify("", pub, NOW, &r), IVS_TOKEN_MALFORMED);
	ivs_token_report_free(&r);

	free(t1);
	free(t2);
	free(t3);
	free(t4);
	free(tok);
	EVP_PKEY_free(k);
	EVP_PKEY_free(pub);
	EVP_PKEY_free(k2);
	EVP_PKEY_free(pub2);
}

/* An independent ES384 signer: raw header and payload JSON in, JWT out. */
static char *sign_by_hand(EVP_PKEY *k, const char *header, const char *payload)
{
	char *h = ivs_b64url_encode((const unsigned char *)header, strlen(header));
	char *p = ivs_b64url_encode((const unsigned char *)payload, strlen(payload));
	char *in = ivs_xasprintf("%s.%s", h, p);
	unsigned char der[128], raw[96];
	size_t dlen = sizeof der;
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	assert_int_equal(EVP_DigestSignInit(md, NULL, EVP_sha384(), NULL, k), 1);
	assert_int_equal(EVP_DigestSign(md, der, &dlen, (unsigned char *)in, strlen(in)), 1);
	EVP_MD_CTX_free(md);
	const unsigned char *q = der;
	ECDSA_SIG *sig = d2i_ECDSA_SIG(NULL, &q, (long)dlen);
	const BIGNUM *r, *s;
	ECDSA_SIG_get0(sig, &r, &s);
	BN_bn2binpad(r, raw, 48);
	BN_bn2binpad(s, raw + 48, 48);
	ECDSA_SIG_free(sig);
	char *sg = ivs_b64url_encode(raw, 96);
	char *tok = ivs_xasprintf("%s.%s", in, sg);
	free(h);
	free(p);
	free(in);
	free(sg);
	return tok;
}

static void test_verify_foreign_tokens(void **state)
{
	(void)state;
	EVP_PKEY *pub, *k = new_key(&pub);
	struct ivs_token_report r;
	const char *hdr = "{\"alg\":\"ES384\",\"typ\":\"JWT\"}";

	/* exp in milliseconds (the Node.js sample's mistake): flagged. */
	char *t = sign_by_hand(k, hdr, "{\"aws:channel-arn\":\"" ARN "\",\"exp\":1700000060000}");
	assert_int_equal(ivs_token_verify(t, pub, NOW, &r), IVS_TOKEN_VALID);
	assert_true(r.exp_in_ms);
	assert_int_equal(r.exp, INT64_C(1700000060000));
	assert_non_null(strstr(r.warnings, "looks like milliseconds"));
	ivs_token_report_free(&r);
	free(t);

	/* Viewer id with exp 20 minutes ahead: warned. */
	t = sign_by_hand(k, hdr, "{\"aws:channel-arn\":\"" ARN "\",\"aws:viewer-id\":\"v\","
	                         "\"exp\":1700001200}");
	assert_int_equal(ivs_token_verify(t, pub, NOW, &r), IVS_TOKEN_VALID);
	assert_string_equal(r.warnings, "with aws:viewer-id or aws:single-use-uuid IVS accepts exp "
	                                "at most 10 minutes ahead; this one is 1200 s ahead\n");
	ivs_token_report_free(&r);
	free(t);

	/* Claims of the wrong type, an unknown aws: claim, a bad resolution. */
	t = sign_by_hand(k, hdr, "{\"aws:channel-arn\":\"" ARN "\",\"aws:channel_arn\":1,"
	                         "\"aws:strict-origin-enforcement\":\"yes\","
	                         "\"aws:viewer-session-version\":1.5,"
	                         "\"aws:maximum-resolution\":\"4K\",\"iat\":1,\"exp\":1700000060}");
	assert_int_equal(ivs_token_verify(t, pub, NOW, &r), IVS_TOKEN_VALID);
	assert_string_equal(r.warnings,
	                    "unknown IVS claim \"aws:channel_arn\" (a typo?): IVS ignores it\n"
	                    "aws:strict-origin-enforcement should be true or false\n"
	                    "aws:viewer-session-version should be a whole number\n"
	                    "aws:maximum-resolution should be SD, HD or FULL_HD\n");
	ivs_token_report_free(&r);
	free(t);

	/* Missing claims. */
	t = sign_by_hand(k, hdr, "{\"exp\":1700001200}");
	assert_int_equal(ivs_token_verify(t, pub, NOW, &r), IVS_TOKEN_MALFORMED);
	assert_non_null(strstr(r.problem, "aws:channel-arn"));
	ivs_token_report_free(&r);
	free(t);
	t = sign_by_hand(k, hdr, "{\"aws:channel-arn\":\"" ARN "\"}");
	assert_int_equal(ivs_token_verify(t, pub, NOW, &r), IVS_TOKEN_MALFORMED);
	assert_non_null(strstr(r.problem, "exp"));
	ivs_token_report_free(&r);
	free(t);

	/* Another algorithm in the header. */
	t = sign_by_hand(k, "{\"alg\":\"none\"}", "{\"aws:channel-arn\":\"" ARN "\",\"exp\":1}");
	assert_int_equal(ivs_token_verify(t, pub, NOW, &r), IVS_TOKEN_MALFORMED);
	assert_string_equal(r.problem, "the token's algorithm is \"none\"; IVS tokens are ES384");
	ivs_token_report_free(&r);
	free(t);

	EVP_PKEY_free(k);
	EVP_PKEY_free(pub);
}

static void expect_refused(const struct ivs_token_claims *c, const char *needle)
{
	EVP_PKEY *pub, *k = new_key(&pub);
	char *err = NULL;
	assert_null(ivs_token_sign(k, c, NOW, &err));
	assert_non_null(err);
	if (!strstr(err, needle))
		fail_msg("error \"%s\" lacks \"%s\"", err, needle);
	free(err);
	EVP_PKEY_free(k);
	EVP_PKEY_free(pub);
}

static void test_verify_with_compressed_key(void **state)
{
	(void)state;
	EVP_PKEY *pub, *k = new_key(&pub);
	struct ivs_token_claims c = {.channel_arn = ARN, .exp = NOW + 60};
	char *err = NULL, *tok = ivs_token_sign(k, &c, NOW, &err);
	assert_int_equal(EVP_PKEY_set_utf8_string_param(
		k, OSSL_PKEY_PARAM_EC_POINT_CONVERSION_FORMAT, "compressed"), 1);
	BIO *b = BIO_new(BIO_s_mem());
	assert_int_equal(PEM_write_bio_PUBKEY(b, k), 1);
	char *pem = NULL;
	long n = BIO_get_mem_data(b, &pem);
	char *text = ivs_xstrndup(pem, (size_t)n);
	BIO_free(b);
	assert_int_equal(ivs_key_check_public(text, NULL), IVS_RULE_KEY_ENCODING);
	EVP_PKEY *cpub = ivs_public_key_from_pem(text, &err);
	assert_non_null(cpub);
	struct ivs_token_report r;
	assert_int_equal(ivs_token_verify(tok, cpub, NOW, &r), IVS_TOKEN_VALID);
	ivs_token_report_free(&r);
	EVP_PKEY_free(cpub);
	free(text);
	free(tok);
	EVP_PKEY_free(k);
	EVP_PKEY_free(pub);
}

static void test_claims_refused(void **state)
{
	(void)state;
	struct ivs_token_claims c = {.channel_arn = ARN, .viewer_id = "v", .exp = NOW + 601};
	expect_refused(&c, "at most 10 minutes ahead (this one is 601 s)");
	c.viewer_id = NULL;
	c.single_use = true;
	expect_refused(&c, "with a single-use token");
	c.single_use = false;
	assert_int_equal(ivs_token_check_claims(&c, NOW, NULL), 0);  /* no viewer id: any ttl */

	c.viewer_id = "v";
	c.exp = NOW + 600;
	assert_int_equal(ivs_token_check_claims(&c, NOW, NULL), 0);
	c.viewer_id = "0123456789012345678901234567890123456789";   /* 40 */
	assert_int_equal(ivs_token_check_claims(&c, NOW, NULL), 0);
	c.viewer_id = "01234567890123456789012345678901234567890";  /* 41 */
	expect_refused(&c, "1 to 40 characters (it has 41)");
	c.viewer_id = NULL;

	c.exp = NOW;
	expect_refused(&c, "not in the future");
	c.exp = NOW * 1000;
	expect_refused(&c, "looks like milliseconds");
	c.exp = NOW + 60;
	c.channel_arn = "arn:aws:ivs:us-west-2:123456789012:stream-key/x";
	expect_refused(&c, "must name a resource of type 'channel', got 'stream-key'");
	c.channel_arn = "arn:aws:s3:us-west-2:123456789012:channel/x";
	expect_refused(&c, "must name service 'ivs', got 's3'");
	/* The validator's check (arn.c): what `validate` refuses is refused here. */
	c.channel_arn = "arn:aws:ivs:us-west-2:123456789012:channel/ab\"cd";
	expect_refused(&c, "a channel id of letters, digits and hyphens");
	c.channel_arn = "arn:aws:ivs:us-west-2:123456789012:channel/../../x";
	expect_refused(&c, "a channel id of letters, digits and hyphens");
	c.channel_arn = NULL;
	expect_refused(&c, "needs the channel ARN");
	c.channel_arn = ARN;
	c.strict_origin = true;
	expect_refused(&c, "needs allowed origins");
	c.allow_origin = "https://1,https://2,https://3,https://4,https://5,https://6";
	expect_refused(&c, "at most 5 origins (6 given)");
	c.allow_origin = "https://1,https://2,https://3,https://4,https://5";
	assert_int_equal(ivs_token_check_claims(&c, NOW, NULL), 0);
	c.strict_origin = false;

	/* Origins are scheme://host, comma-separated, wildcards allowed. */
	c.allow_origin = "https://*.example.com,http://localhost:8080";
	assert_int_equal(ivs_token_check_claims(&c, NOW, NULL), 0);
	c.allow_origin = "example.com";
	expect_refused(&c, "origin \"example.com\" needs its scheme, e.g. https://example.com");
	c.allow_origin = "https://a.example, https://b.example";
	expect_refused(&c, "without spaces");
	c.allow_origin = "https://a.example/player";
	expect_refused(&c, "no path");
	c.allow_origin = "https://a.example,,https://b.example";
	expect_refused(&c, "empty item");
	c.allow_origin = "https://";
	expect_refused(&c, "is not scheme://host");
}

/* ---- stage participant tokens ---- */

#define STAGE "arn:aws:ivs:us-east-1:123456789012:stage/oRmLNwuCeMlQ"
#define PKARN "arn:aws:ivs:us-east-1:123456789012:public-key/f99cde61-c2b0"
#define WHIP "https://114ddfabadaf.global-bm.whip.live-video.net"
#define SHDR "{\"alg\":\"ES384\",\"typ\":\"JWT\",\"kid\":\"" PKARN "\"}"
/* A good payload, as the guide lists it, with exp and iat filled in. */
#define SPAY(exp, iat, rest)                                                              \
	"{\"exp\":" #exp ",\"iat\":" #iat ",\"jti\":\"Mx6clRRHODPy\",\"resource\":\"" STAGE  \
	"\",\"topic\":\"oRmLNwuCeMlQ\",\"events_url\":\"wss://global.events.live-video.net\","  \
	"\"whip_url\":\"" WHIP "\",\"capabilities\":{\"allow_publish\":true,"                  \
	"\"allow_subscribe\":true}" rest ",\"version\":\"1.0\"}"

static void test_stage_sign_verify_exact(void **state)
{
	(void)state;
	EVP_PKEY *pub, *k = new_key(&pub);
	const struct ivs_stage_attr attrs[] = {{"seat", "3"}, {"role", "host"}};
	struct ivs_stage_token_claims c = {
		.stage_arn = STAGE, .public_key_arn = PKARN, .participant_id = "p_1-A",
		.user_id = "alice", .whip_url = WHIP, .allow_subscribe = true,
		.attributes = attrs, .nattributes = 2, .exp = NOW + 43200,
	};
	char *err = NULL, *tok = ivs_stage_token_sign(k, &c, NOW, &err);
	assert_non_null(tok);
	char *h = decode_part(tok, 0), *p = decode_part(tok, 1);
	assert_string_equal(h, SHDR);
	assert_string_equal(p, "{\"exp\":1700043200,\"iat\":1700000000,\"jti\":\"p_1-A\","
	                       "\"user_id\":\"alice\",\"resource\":\"" STAGE "\","
	                       "\"topic\":\"oRmLNwuCeMlQ\","
	                       "\"events_url\":\"wss://global.events.live-video.net\","
	                       "\"whip_url\":\"" WHIP "\",\"capabilities\":{\"allow_subscribe\":true},"
	                       "\"attributes\":{\"seat\":\"3\",\"role\":\"host\"},\"version\":\"1.0\"}");
	struct ivs_token_report r;
	assert_int_equal(ivs_token_verify(tok, pub, NOW, &r), IVS_TOKEN_VALID);
	assert_true(r.stage);
	assert_string_equal(r.stage_arn, STAGE);
	assert_int_equal(r.exp, NOW + 43200);
	assert_string_equal(r.warnings, "");
	ivs_token_report_free(&r);
	assert_int_equal(ivs_token_verify(tok, pub, NOW + 43200, &r), IVS_TOKEN_EXPIRED);
	ivs_token_report_free(&r);

	/* A fresh participant id each time: 12 letters and digits. */
	c.participant_id = NULL;
	char *t2 = ivs_stage_token_sign(k, &c, NOW, &err), *t3 = ivs_stage_token_sign(k, &c, NOW, &err);
	char *p2 = decode_part(t2, 1), *p3 = decode_part(t3, 1);
	const char *j2 = strstr(p2, "\"jti\":\"") + 7, *j3 = strstr(p3, "\"jti\":\"") + 7;
	assert_int_equal(strcspn(j2, "\""), 12);
	assert_int_equal(strspn(j2, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"), 12);
	assert_memory_not_equal(j2, j3, 12);
	free(p2);
	free(p3);
	free(t2);
	free(t3);
	free(h);
	free(p);
	free(tok);
	EVP_PKEY_free(k);
	EVP_PKEY_free(pub);
}

static void expect_stage_refused(const struct ivs_stage_token_claims *c, const char *needle)
{
	char *err = NULL;
	assert_int_equal(ivs_stage_token_check(c, NOW, &err), -1);
	assert_non_null(err);
	if (!strstr(err, needle))
		fail_msg("error \"%s\" lacks \"%s\"", err, needle);
	free(err);
}

static void test_stage_claims_refused(void **state)
{
	(void)state;
	struct ivs_stage_token_claims c = {
		.stage_arn = STAGE, .public_key_arn = PKARN, .whip_url = WHIP,
		.allow_publish = true, .exp = NOW + IVS_STAGE_TOKEN_TTL_MAX,
	};
	assert_int_equal(ivs_stage_token_check(&c, NOW, NULL), 0);
	c.exp++;
	expect_stage_refused(&c, "at most 14 days");
	c.exp = NOW;
	expect_stage_refused(&c, "not in the future");
	c.exp = NOW + 60;
	c.stage_arn = "arn:aws:ivs:us-east-1:123456789012:channel/oRmLNwuCeMlQ";
	expect_stage_refused(&c, "must name a resource of type 'stage', got 'channel'");
	c.stage_arn = "arn:aws:ivs:us-east-1:123456789012:stage/../../x";
	expect_stage_refused(&c, "a stage id of letters, digits and hyphens");
	c.stage_arn = NULL;
	expect_stage_refused(&c, "needs the stage ARN");
	c.stage_arn = STAGE;
	c.public_key_arn = NULL;
	expect_stage_refused(&c, "the header's kid");
	c.public_key_arn = "arn:aws:ivs:us-east-1:123456789012:playback-key/x";
	expect_stage_refused(&c, "must name a resource of type 'public-key'");
	c.public_key_arn = PKARN;
	c.participant_id = "a b";
	expect_stage_refused(&c, "1 to 64 letters, digits, hyphens and underscores");
	c.participant_id = "0123456789012345678901234567890123456789012345678901234567890123";  /* 64 */
	assert_int_equal(ivs_stage_token_check(&c, NOW, NULL), 0);
	c.participant_id = "01234567890123456789012345678901234567890123456789012345678901234";  /* 65 */
	expect_stage_refused(&c, "1 to 64");
	c.participant_id = NULL;
	c.whip_url = NULL;
	expect_stage_refused(&c, "WHIP endpoint");
	c.whip_url = "http://x.example";
	expect_stage_refused(&c, "WHIP endpoint");
	c.whip_url = WHIP;
	c.events_url = "https://global.events.live-video.net";
	expect_stage_refused(&c, "events URL must be wss://");
	c.events_url = NULL;
	c.allow_publish = false;
	expect_stage_refused(&c, "needs a capability");
	c.allow_subscribe = true;
	char uid[130];
	memset(uid, 'u', 129);
	uid[129] = '\0';
	c.user_id = uid;
	expect_stage_refused(&c, "1 to 128 characters");
	uid[128] = '\0';
	assert_int_equal(ivs_stage_token_check(&c, NOW, NULL), 0);
	c.user_id = NULL;
	struct ivs_stage_attr dup[] = {{"a", "1"}, {"a", "2"}};
	c.attributes = dup;
	c.nattributes = 2;
	expect_stage_refused(&c, "attribute \"a\" is given twice");
	char big[1100];
	memset(big, 'v', 1023);
	big[1023] = '\0';
	struct ivs_stage_attr one[] = {{"k", big}};   /* 1 + 1023 = 1024 bytes: allowed */
	c.attributes = one;
	c.nattributes = 1;
	assert_int_equal(ivs_stage_token_check(&c, NOW, NULL), 0);
	big[1023] = 'v';
	big[1024] = '\0';
	expect_stage_refused(&c, "IVS allows 1024 in all");
}

static void expect_verify(EVP_PKEY *k, EVP_PKEY *pub, const char *hdr, const char *payload,
                          enum ivs_token_status want, const char *needle)
{
	struct ivs_token_report r;
	char *t = sign_by_hand(k, hdr, payload);
	enum ivs_token_status got = ivs_token_verify(t, pub, NOW, &r);
	const char *text = want == IVS_TOKEN_VALID ? r.warnings : r.problem;
	if (got != want || !text || !strstr(text, needle))
		fail_msg("status %d (want %d), \"%s\" lacks \"%s\"", got, want, text ? text : "(null)",
		         needle);
	ivs_token_report_free(&r);
	free(t);
}

static void test_stage_verify_rules(void **state)
{
	(void)state;
	EVP_PKEY *pub, *k = new_key(&pub);

	expect_verify(k, pub, SHDR, SPAY(1700043200, 1700000000, ""), IVS_TOKEN_VALID, "");
	expect_verify(k, pub, "{\"alg\":\"ES384\",\"typ\":\"JWT\"}",
	              SPAY(1700043200, 1700000000, ""), IVS_TOKEN_MALFORMED, "has no kid");
	expect_verify(k, pub, SHDR, SPAY(1701209601, 1700000000, ""), IVS_TOKEN_MALFORMED,
	              "exp is 1209601 s after iat; IVS accepts at most 14 days");
	expect_verify(k, pub, SHDR, SPAY(1700043200, "x", ""), IVS_TOKEN_MALFORMED,
	              "no whole-number iat");
	expect_verify(k, pub, SHDR,
	              "{\"exp\":1700043200,\"iat\":1700000000,\"jti\":\"a\",\"resource\":\"" STAGE
	              "\",\"topic\":\"other\",\"events_url\":\"e\",\"whip_url\":\"w\","
	              "\"capabilities\":{},\"version\":\"1.0\"}",
	              IVS_TOKEN_MALFORMED, "topic claim is not the id of the stage");
	expect_verify(k, pub, SHDR,
	              "{\"exp\":1700043200,\"iat\":1700000000,\"jti\":\"a\",\"resource\":\"" STAGE
	              "\",\"topic\":\"oRmLNwuCeMlQ\",\"events_url\":\"e\","
	              "\"capabilities\":{},\"version\":\"1.0\"}",
	              IVS_TOKEN_MALFORMED, "no string claim \"whip_url\"");
	expect_verify(k, pub, SHDR,
	              "{\"exp\":1700043200,\"iat\":1700000000,\"jti\":\"a/b\",\"resource\":\"" STAGE
	              "\",\"topic\":\"oRmLNwuCeMlQ\",\"events_url\":\"e\",\"whip_url\":\"w\","
	              "\"capabilities\":{},\"version\":\"1.0\"}",
	              IVS_TOKEN_MALFORMED, "the jti claim");
	expect_verify(k, pub, SHDR,
	              "{\"exp\":1700043200,\"iat\":1700000000,\"jti\":\"a\",\"resource\":\"" STAGE
	              "\",\"topic\":\"oRmLNwuCeMlQ\",\"events_url\":\"e\",\"whip_url\":\"w\","
	              "\"capabilities\":{\"allow_publish\":false},\"version\":\"1.0\"}",
	              IVS_TOKEN_VALID, "allows neither publishing nor subscribing");
	expect_verify(k, pub, SHDR,
	              "{\"exp\":1700043200,\"iat\":1700000000,\"jti\":\"a\",\"resource\":\"" STAGE
	              "\",\"topic\":\"oRmLNwuCeMlQ\",\"events_url\":\"e\",\"whip_url\":\"w\","
	              "\"capabilities\":{\"allow_publish\":true},\"version\":\"2\"}",
	              IVS_TOKEN_MALFORMED, "version claim must be \"1.0\"");
	expect_verify(k, pub, SHDR, SPAY(1700043200, 1700000000, ",\"roles\":1"), IVS_TOKEN_VALID,
	              "unknown claim \"roles\" in a participant token");
	expect_verify(k, pub, SHDR, SPAY(1700043200, 1700000000, ",\"attributes\":{\"a\":1}"),
	              IVS_TOKEN_MALFORMED, "attribute \"a\" must be a string");
	expect_verify(k, pub, SHDR, SPAY(1700043200, 1700000100, ""), IVS_TOKEN_VALID,
	              "iat is 100 s in the future");
	/* The resource goes through the same ARN check as everything else. */
	expect_verify(k, pub, SHDR,
	              "{\"exp\":1700043200,\"iat\":1700000000,\"jti\":\"a\",\"resource\":"
	              "\"arn:aws:ivs:us-east-1:123456789012:stage/a\\\"b\",\"topic\":\"a\\\"b\"}",
	              IVS_TOKEN_MALFORMED, "the resource claim must be arn:");
	EVP_PKEY_free(k);
	EVP_PKEY_free(pub);
}

/* Issue 15: what --verify refuses. */
static void test_verify_hardening(void **state)
{
	(void)state;
	EVP_PKEY *pub, *k = new_key(&pub);
	const char *hdr = "{\"alg\":\"ES384\",\"typ\":\"JWT\"}";
	struct ivs_token_report r;

	/* Duplicate claims: common JWT libraries take the last, cJSON the first. */
	expect_verify(k, pub, hdr,
	              "{\"aws:channel-arn\":\"" ARN "\",\"exp\":1,\"exp\":1800000000}",
	              IVS_TOKEN_MALFORMED, "the token's payload names \"exp\" twice");
	expect_verify(k, pub, "{\"alg\":\"ES384\",\"alg\":\"none\"}",
	              "{\"aws:channel-arn\":\"" ARN "\",\"exp\":1800000000}",
	              IVS_TOKEN_MALFORMED, "the token's header names \"alg\" twice");
	expect_verify(k, pub, SHDR,
	              SPAY(1700043200, 1700000000,
	                   ",\"attributes\":{\"a\":\"1\",\"b\":\"2\",\"a\":\"3\"}"),
	              IVS_TOKEN_MALFORMED, "names \"a\" twice");
	/* An unknown critical header. */
	expect_verify(k, pub, "{\"alg\":\"ES384\",\"typ\":\"JWT\",\"crit\":[\"b64\"],\"b64\":false}",
	              "{\"aws:channel-arn\":\"" ARN "\",\"exp\":1800000000}",
	              IVS_TOKEN_MALFORMED, "\"crit\"");

	/* Bytes after a NUL are not ignored. */
	struct ivs_token_claims c = {.channel_arn = ARN, .exp = NOW + 60};
	char *err = NULL, *tok = ivs_token_sign(k, &c, NOW, &err);
	size_t n = strlen(tok);
	char *buf = ivs_xmalloc(n + 8);
	memcpy(buf, tok, n + 1);
	assert_int_equal(ivs_token_verify_n(buf, n, pub, NOW, &r), IVS_TOKEN_VALID);
	ivs_token_report_free(&r);
	memcpy(buf + n + 1, "junk", 5);
	assert_int_equal(ivs_token_verify_n(buf, n + 5, pub, NOW, &r), IVS_TOKEN_MALFORMED);
	assert_non_null(strstr(r.problem, "NUL byte"));
	ivs_token_report_free(&r);
	free(buf);

	/* Longer than any token: refused before any decoding. */
	size_t big = IVS_TOKEN_TEXT_MAX + 1;
	buf = ivs_xmalloc(big + 1);
	memset(buf, 'A', big);
	buf[big] = '\0';
	assert_int_equal(ivs_token_verify(buf, pub, NOW, &r), IVS_TOKEN_MALFORMED);
	assert_non_null(strstr(r.problem, "bytes long"));
	ivs_token_report_free(&r);
	free(buf);

	/* Expiry arithmetic at the int64 edges: no overflow (UBSan checks). */
	int64_t exp = 0;
	assert_int_equal(ivs_token_exp_of(INT64_MAX - 5, 10, &exp), -1);
	assert_int_equal(ivs_token_exp_of(INT64_MAX - 10, 10, &exp), 0);
	assert_true(exp == INT64_MAX);
	free(tok);
	tok = sign_by_hand(k, hdr, "{\"aws:channel-arn\":\"" ARN "\",\"exp\":-8000000000000000000}");
	assert_int_equal(ivs_token_verify(tok, pub, INT64_MAX, &r), IVS_TOKEN_EXPIRED);
	assert_non_null(strstr(r.problem, "expired 9223372036854775807 s ago"));
	ivs_token_report_free(&r);
	free(tok);
	tok = sign_by_hand(k, hdr, "{\"aws:channel-arn\":\"" ARN "\",\"aws:viewer-id\":\"v\","
	                           "\"exp\":8000000000000000000}");
	assert_int_equal(ivs_token_verify(tok, pub, INT64_MIN, &r), IVS_TOKEN_VALID);
	ivs_token_report_free(&r);
	free(tok);
	EVP_PKEY_free(k);
	EVP_PKEY_free(pub);
}

static void test_arn_check_shared(void **state)
{
	(void)state;
	char *why;
	assert_null(ivs_arn_check(STAGE, "stage", "x"));
	assert_null(ivs_arn_check(PKARN, "public-key", "x"));
	assert_null(ivs_arn_check("arn:aws-cn:ivs:cn-north-1:123456789012:channel/a-B", "channel", "x"));
	assert_string_equal(ivs_arn_resource_id(STAGE), "oRmLNwuCeMlQ");
	assert_null(ivs_arn_resource_id("arn:aws:ivs:r:1:stage"));
	why = ivs_arn_check("arn:aws:ivs:us-east-1:123456789012:public-key/", "public-key", "kid");
	assert_string_equal(why, "kid has no public key id after 'public-key': a public key ARN "
	                         "ends in public-key/<id>; copy the whole ARN from the IVS console "
	                         "or `aws ivs list-public-keys`.");
	free(why);
	why = ivs_arn_check("my-stage", "stage", "--stage-arn");
	assert_string_equal(why, "--stage-arn is not an ARN, got 'my-stage': write "
	                         "arn:<partition>:ivs:<region>:<account>:stage/<id>.");
	free(why);
	why = ivs_arn_check("arn:aws:ivs:US-EAST-1:123456789012:stage/a", "stage", "s");
	assert_non_null(why);
	free(why);
	why = ivs_arn_check("arn:aws:ivs:us-east-1:12345678901a:stage/a", "stage", "s");
	assert_non_null(why);
	free(why);
	char long_arn[200];
	snprintf(long_arn, sizeof long_arn, "arn:aws:ivs:us-east-1:123456789012:stage/%0120d", 0);
	why = ivs_arn_check(long_arn, "stage", "s");
	assert_string_equal(why, "s must be at most 128 characters (an IVS stage ARN), got 161.");
	free(why);
}

static void test_resolution_names(void **state)
{
	(void)state;
	assert_int_equal(ivs_max_resolution_parse("SD"), IVS_TOKEN_RES_SD);
	assert_int_equal(ivs_max_resolution_parse("HD"), IVS_TOKEN_RES_HD);
	assert_int_equal(ivs_max_resolution_parse("FULL_HD"), IVS_TOKEN_RES_FULL_HD);
	assert_int_equal(ivs_max_resolution_parse("4K"), -1);
	assert_int_equal(ivs_max_resolution_parse("hd"), -1);
	assert_string_equal(ivs_max_resolution_name(IVS_TOKEN_RES_FULL_HD), "FULL_HD");
	assert_null(ivs_max_resolution_name(IVS_TOKEN_RES_NONE));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keygen_p384_and_loads_back),
		cmocka_unit_test(test_private_file_mode_and_refusal),
		cmocka_unit_test(test_private_key_links_and_publish),
		cmocka_unit_test(test_key_load_errors),
		cmocka_unit_test(test_b64url),
		cmocka_unit_test(test_ttl),
		cmocka_unit_test(test_sign_verify_exact),
		cmocka_unit_test(test_all_claims_exact),
		cmocka_unit_test(test_single_use_uuid_fresh),
		cmocka_unit_test(test_tampered_rejected),
		cmocka_unit_test(test_verify_foreign_tokens),
		cmocka_unit_test(test_verify_with_compressed_key),
		cmocka_unit_test(test_claims_refused),
		cmocka_unit_test(test_resolution_names),
		cmocka_unit_test(test_stage_sign_verify_exact),
		cmocka_unit_test(test_stage_claims_refused),
		cmocka_unit_test(test_stage_verify_rules),
		cmocka_unit_test(test_verify_hardening),
		cmocka_unit_test(test_arn_check_shared),
	};
	return cmocka_run_group_tests(tests, setup_dir, remove_dir);
}
