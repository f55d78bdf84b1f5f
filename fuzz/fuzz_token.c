/* fuzz_token.c: playback and stage participant token verification on
 * arbitrary bytes.
 *
 * Three kinds of input, told apart by the first byte:
 *   '{'    a claims object: the target signs header.claims with a key made
 *          at start-up and verifies it, so that the claim checks behind the
 *          signature check are reached too (with a stage token's header,
 *          kid included, when the claims mention "resource");
 *   '-'    PEM text for ivs_public_key_from_pem;
 *   other  a token, verified with the fixed public key below (the seeds in
 *          fuzz/seeds/token/ were signed with its private key, which was
 *          thrown away), and the bytes also go through the base64url decoder
 *          and the TTL parser.
 * Time is fixed, so the same input always takes the same path. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "ivs/arn.h"
#include "ivs/token.h"
#include "ivs/util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NOW INT64_C(1700000100)

static const char fixed_public_pem[] =
	"-----BEGIN PUBLIC KEY-----\n"
	"MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAELzjp1dN7qZE1ORyYU89erKdj47qPT96y\n"
	"k3Jff4VEE4Plpt3hzpb1Va6uQmInzGym7giTePRiP1XRx7+QwNh1/PuV4/Amfw3z\n"
	"A4r12uRZC9MXgRO/YS0QVAk6pZVYN/nN\n"
	"-----END PUBLIC KEY-----\n";

static EVP_PKEY *fixed_pub, *own_priv, *own_pub;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *err = NULL, *priv_pem = NULL, *pub_pem = NULL;
	(void)argc;
	(void)argv;
	fixed_pub = ivs_public_key_from_pem(fixed_public_pem, &err);
	if (!fixed_pub || ivs_keygen(&priv_pem, &pub_pem, &err) != 0)
		abort();
	BIO *b = BIO_new_mem_buf(priv_pem, -1);
	own_priv = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);
	BIO_free(b);
	own_pub = ivs_public_key_from_pem(pub_pem, &err);
	ivs_secret_free(priv_pem);
	free(pub_pem);
	if (!own_priv || !own_pub)
		abort();
	return 0;
}

static void verify_n(const char *token, size_t n, EVP_PKEY *pub)
{
	struct ivs_token_report rep;
	enum ivs_token_status st = ivs_token_verify_n(token, n, pub, NOW, &rep);
	if (st != IVS_TOKEN_VALID && !rep.problem)
		abort();   /* refused without saying why */
	if (!rep.warnings)
		abort();   /* the header promises "" when there are none */
	if (st == IVS_TOKEN_VALID && rep.stage && !rep.stage_arn)
		abort();   /* a valid participant token names its stage */
	ivs_token_report_free(&rep);
}

static void verify(const char *token, EVP_PKEY *pub)
{
	verify_n(token, strlen(token), pub);
}

/* The shared ARN check: a sentence, or an ARN whose id can be taken. */
static void check_arn(const char *text)
{
	static const char *const types[] = {"channel", "stage", "public-key"};
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		char *why = ivs_arn_check(text, types[i], "arn");
		if (!why && !ivs_arn_resource_id(text))
			abort();   /* accepted, but has no id */
		if (why && (!*why || why[strlen(why) - 1] != '.'))
			abort();   /* the reason is a sentence */
		free(why);
	}
}

/* Signs the claims text as it is (ES384 over header.claims), then verifies. */
static void sign_and_verify(const char *claims, size_t n)
{
	static const char header[] = "{\"alg\":\"ES384\",\"typ\":\"JWT\"}";
	static const char stage_header[] = "{\"alg\":\"ES384\",\"typ\":\"JWT\",\"kid\":"
	                                   "\"arn:aws:ivs:us-east-1:123456789012:public-key/abc\"}";
	char *copy = ivs_xstrndup(claims, n);
	const char *hd = strstr(copy, "\"resource\"") ? stage_header : header;
	free(copy);
	char *h = ivs_b64url_encode((const unsigned char *)hd, strlen(hd));
	char *c = ivs_b64url_encode((const unsigned char *)claims, n);
	char *input = ivs_xasprintf("%s.%s", h, c);
	unsigned char der[160], raw[96];
	size_t dlen = sizeof der;
	EVP_MD_CTX *md = EVP_MD_CTX_new();

	if (!md || EVP_DigestSignInit(md, NULL, EVP_sha384(), NULL, own_priv) != 1 ||
	    EVP_DigestSign(md, der, &dlen, (const unsigned char *)input, strlen(input)) != 1)
		abort();
	EVP_MD_CTX_free(md);
	/* DER ECDSA-Sig-Value -> the 96-byte r||s of JWS. */
	const unsigned char *q = der;
	ECDSA_SIG *sig = d2i_ECDSA_SIG(NULL, &q, (long)dlen);
	if (!sig)
		abort();
	const BIGNUM *r, *s;
	ECDSA_SIG_get0(sig, &r, &s);
	if (BN_bn2binpad(r, raw, 48) != 48 || BN_bn2binpad(s, raw + 48, 48) != 48)
		abort();
	ECDSA_SIG_free(sig);
	char *sg = ivs_b64url_encode(raw, sizeof raw);
	char *token = ivs_xasprintf("%s.%s", input, sg);
	verify(token, own_pub);
	free(token);
	free(sg);
	free(input);
	free(c);
	free(h);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = ivs_xstrndup((const char *)data, size);   /* stops at a NUL */
	char *err = NULL;

	if (size > 0 && data[0] == '{') {
		sign_and_verify((const char *)data, size);
	} else if (size > 0 && data[0] == '-') {
		EVP_PKEY *k = ivs_public_key_from_pem(text, &err);
		if (!k == !err)
			abort();   /* exactly one of a key and a reason */
		EVP_PKEY_free(k);
		free(err);
	} else {
		size_t n = 0;
		unsigned char *raw = ivs_b64url_decode((const char *)data, size, &n);
		if (raw) {
			/* Encoding what was decoded and decoding it again gives
			 * the same bytes. (The text itself may differ: unused
			 * trailing bits are not checked, as most JWT libraries.) */
			char *again = ivs_b64url_encode(raw, n);
			size_t n2 = 0;
			unsigned char *raw2 = ivs_b64url_decode(again, strlen(again), &n2);
			if (!raw2 || n2 != n || memcmp(raw, raw2, n) != 0)
				abort();
			free(raw2);
			free(again);
		}
		free(raw);
		(void)ivs_parse_ttl(text);
		check_arn(text);
		verify(text, fixed_pub);
		verify_n((const char *)data, size, fixed_pub);   /* NUL bytes included */
	}
	free(text);
	return 0;
}
