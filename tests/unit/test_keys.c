/* test_keys.c: ivs_key_check_public against keys of every wrong kind, made
 * here with libcrypto, and the conformance P-384 public key. */
#include "testutil.h"

#include <string.h>

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "ivs/keys.h"
#include "ivs/util.h"

static const char conformance_pub[] =
	"-----BEGIN PUBLIC KEY-----\n"
	"MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE9Qv8xlHZe/z8wNVoAa5rOvZ91/qnVsyW\n"
	"H7J26sYBZlRl0vUWAOwBiDqo8J4ZPXtEnmbf1CXRkc8w1Vhk1xpI+axeneD+jtRz\n"
	"iUXrBlpgHqamGlubPFRPqEje7L2FeRKF\n"
	"-----END PUBLIC KEY-----\n";

static EVP_PKEY *gen(const char *type, const char *arg)
{
	EVP_PKEY *k = NULL;
	if (strcmp(type, "EC") == 0)
		k = EVP_PKEY_Q_keygen(NULL, NULL, "EC", arg);
	else if (strcmp(type, "RSA") == 0)
		k = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048);
	else
		k = EVP_PKEY_Q_keygen(NULL, NULL, type);
	assert_non_null(k);
	return k;
}

static char *bio_text(BIO *b)
{
	char *p;
	long n = BIO_get_mem_data(b, &p);
	char *s = ivs_xstrndup(p, (size_t)n);
	BIO_free(b);
	return s;
}

static char *pub_pem(EVP_PKEY *k)
{
	BIO *b = BIO_new(BIO_s_mem());
	assert_int_equal(PEM_write_bio_PUBKEY(b, k), 1);
	return bio_text(b);
}

static char *priv_pkcs8(EVP_PKEY *k)
{
	BIO *b = BIO_new(BIO_s_mem());
	assert_int_equal(PEM_write_bio_PrivateKey(b, k, NULL, NULL, 0, NULL, NULL), 1);
	return bio_text(b);
}

static char *priv_traditional(EVP_PKEY *k)
{
	BIO *b = BIO_new(BIO_s_mem());
	assert_int_equal(PEM_write_bio_PrivateKey_traditional(b, k, NULL, NULL, 0, NULL, NULL), 1);
	return bio_text(b);
}

/* Checks pem gives rule `want` and that the message contains `needle`. */
static void expect(const char *pem, enum ivs_rule want, const char *needle)
{
	char *msg = NULL;
	enum ivs_rule got = ivs_key_check_public(pem, &msg);
	assert_string_equal(ivs_rule_id(got), ivs_rule_id(want));
	if (want == IVS_RULE_COUNT) {
		assert_null(msg);
		return;
	}
	assert_non_null(msg);
	if (!strstr(msg, needle))
		fail_msg("message \"%s\" lacks \"%s\"", msg, needle);
	free(msg);
}

static void test_conformance_key_accepted(void **state)
{
	(void)state;
	expect(conformance_pub, IVS_RULE_COUNT, NULL);
	/* Surrounding whitespace and CRLF line ends are fine. */
	char *crlf = ivs_xstrdup("\n  -----BEGIN PUBLIC KEY-----\r\n"
	                         "MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE9Qv8xlHZe/z8wNVoAa5rOvZ91/qnVsyW\r\n"
	                         "H7J26sYBZlRl0vUWAOwBiDqo8J4ZPXtEnmbf1CXRkc8w1Vhk1xpI+axeneD+jtRz\r\n"
	                         "iUXrBlpgHqamGlubPFRPqEje7L2FeRKF\r\n"
	                         "-----END PUBLIC KEY-----\r\n\n\t ");
	expect(crlf, IVS_RULE_COUNT, NULL);
	free(crlf);
	/* No final newline. */
	char *bare = ivs_xstrndup(conformance_pub, strlen(conformance_pub) - 1);
	expect(bare, IVS_RULE_COUNT, NULL);
	free(bare);
	/* msg may be NULL. */
	assert_int_equal(ivs_key_check_public(conformance_pub, NULL), IVS_RULE_COUNT);
}

static void test_generated_p384_accepted(void **state)
{
	(void)state;
	EVP_PKEY *k = gen("EC", "P-384");
	char *pem = pub_pem(k);
	expect(pem, IVS_RULE_COUNT, NULL);
	free(pem);
	EVP_PKEY_free(k);
}

static void test_not_pem(void **state)
{
	(void)state;
	expect("", IVS_RULE_KEY_NOT_PEM, "empty");
	expect(NULL, IVS_RULE_KEY_NOT_PEM, "empty");
	expect("  \n ", IVS_RULE_KEY_NOT_PEM, "empty");
	expect("hello world, this is not a key", IVS_RULE_KEY_NOT_PEM, "not PEM");
	expect("MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE9Qv8xlHZe", IVS_RULE_KEY_NOT_PEM, "not PEM");
	expect("ecdsa-sha2-nistp384 AAAAE2VjZHNh user@host", IVS_RULE_KEY_NOT_PEM, "OpenSSH");
	expect("my key:\n-----BEGIN PUBLIC KEY-----\n", IVS_RULE_KEY_NOT_PEM, "text before");
	expect("-----BEGIN EC PARAMETERS-----\nBgUrgQQAIg==\n-----END EC PARAMETERS-----\n",
	       IVS_RULE_KEY_NOT_PEM, "\"EC PARAMETERS\"");
}

static void test_truncated(void **state)
{
	(void)state;
	/* Cut inside the base64: no END line. */
	char *cut = ivs_xstrndup(conformance_pub, 90);
	expect(cut, IVS_RULE_KEY_NOT_PEM, "-----END PUBLIC KEY----- line is missing");
	free(cut);
	/* A line removed: the END line is there, the DER is short. */
	char *gap = ivs_xstrdup("-----BEGIN PUBLIC KEY-----\n"
	                        "MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE9Qv8xlHZe/z8wNVoAa5rOvZ91/qnVsyW\n"
	                        "iUXrBlpgHqamGlubPFRPqEje7L2FeRKF\n"
	                        "-----END PUBLIC KEY-----\n");
	expect(gap, IVS_RULE_KEY_NOT_PEM, "cut short");
	free(gap);
	/* Damaged base64 character. */
	char *bad = ivs_xstrdup(conformance_pub);
	bad[40] = '#';
	expect(bad, IVS_RULE_KEY_NOT_PEM, "damaged");
	free(bad);
	/* A point that is not on the curve: the last byte changed. */
	char *off = ivs_xstrdup(conformance_pub);
	char *last = strstr(off, "eRKF");
	last[3] = 'G';
	expect(off, IVS_RULE_KEY_NOT_PEM, "damaged");
	free(off);
}

static void test_layout(void **state)
{
	(void)state;
	/* Pasted on one line (a YAML flow scalar, a flattened paste). */
	expect("-----BEGIN PUBLIC KEY----- MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE9Qv8xlHZe/z8wNVoAa5rOvZ91"
	       "/qnVsyWH7J26sYBZlRl0vUWAOwBiDqo8J4ZPXtEnmbf1CXRkc8w1Vhk1xpI+axeneD+jtRziUXrBlpgHqa"
	       "mGlubPFRPqEje7L2FeRKF -----END PUBLIC KEY-----",
	       IVS_RULE_KEY_NOT_PEM, "lost its line breaks");
	/* Indented body lines, an indented END line. */
	expect("-----BEGIN PUBLIC KEY-----\n"
	       "  MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE9Qv8xlHZe/z8wNVoAa5rOvZ91/qnVsyW\n"
	       "  H7J26sYBZlRl0vUWAOwBiDqo8J4ZPXtEnmbf1CXRkc8w1Vhk1xpI+axeneD+jtRz\n"
	       "  iUXrBlpgHqamGlubPFRPqEje7L2FeRKF\n"
	       "-----END PUBLIC KEY-----\n",
	       IVS_RULE_KEY_NOT_PEM, "indented");
	expect("-----BEGIN PUBLIC KEY-----\n"
	       "MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE9Qv8xlHZe/z8wNVoAa5rOvZ91/qnVsyW\n"
	       "H7J26sYBZlRl0vUWAOwBiDqo8J4ZPXtEnmbf1CXRkc8w1Vhk1xpI+axeneD+jtRz\n"
	       "iUXrBlpgHqamGlubPFRPqEje7L2FeRKF\n"
	       "  -----END PUBLIC KEY-----\n",
	       IVS_RULE_KEY_NOT_PEM, "indented");
	/* An empty (or blank) line inside. */
	expect("-----BEGIN PUBLIC KEY-----\n"
	       "MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE9Qv8xlHZe/z8wNVoAa5rOvZ91/qnVsyW\n"
	       " \t\n"
	       "H7J26sYBZlRl0vUWAOwBiDqo8J4ZPXtEnmbf1CXRkc8w1Vhk1xpI+axeneD+jtRz\n"
	       "iUXrBlpgHqamGlubPFRPqEje7L2FeRKF\n"
	       "-----END PUBLIC KEY-----\n",
	       IVS_RULE_KEY_NOT_PEM, "empty line inside the key");
	/* END on the last base64 line. */
	expect("-----BEGIN PUBLIC KEY-----\n"
	       "MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE9Qv8xlHZe/z8wNVoAa5rOvZ91/qnVsyW\n"
	       "H7J26sYBZlRl0vUWAOwBiDqo8J4ZPXtEnmbf1CXRkc8w1Vhk1xpI+axeneD+jtRz\n"
	       "iUXrBlpgHqamGlubPFRPqEje7L2FeRKF-----END PUBLIC KEY-----\n",
	       IVS_RULE_KEY_NOT_PEM, "must start a line of its own");
	/* Trailing spaces after lines, and one long base64 line, are fine. */
	expect("-----BEGIN PUBLIC KEY-----  \n"
	       "MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE9Qv8xlHZe/z8wNVoAa5rOvZ91/qnVsyW  \n"
	       "H7J26sYBZlRl0vUWAOwBiDqo8J4ZPXtEnmbf1CXRkc8w1Vhk1xpI+axeneD+jtRz\n"
	       "iUXrBlpgHqamGlubPFRPqEje7L2FeRKF\n"
	       "-----END PUBLIC KEY-----  \n",
	       IVS_RULE_COUNT, NULL);
	expect("-----BEGIN PUBLIC KEY-----\n"
	       "MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE9Qv8xlHZe/z8wNVoAa5rOvZ91/qnVsyWH7J26sYBZlRl0vUWAOwBiDqo8J4"
	       "ZPXtEnmbf1CXRkc8w1Vhk1xpI+axeneD+jtRziUXrBlpgHqamGlubPFRPqEje7L2FeRKF\n"
	       "-----END PUBLIC KEY-----\n",
	       IVS_RULE_COUNT, NULL);
}

static void test_private_keys(void **state)
{
	(void)state;
	EVP_PKEY *k = gen("EC", "P-384");
	char *sec1 = priv_traditional(k), *p8 = priv_pkcs8(k), *pub = pub_pem(k);
	assert_non_null(strstr(sec1, "-----BEGIN EC PRIVATE KEY-----"));
	assert_non_null(strstr(p8, "-----BEGIN PRIVATE KEY-----"));
	expect(sec1, IVS_RULE_KEY_PRIVATE, "must never go into the project");
	expect(p8, IVS_RULE_KEY_PRIVATE, "paste only the public key");
	expect(p8, IVS_RULE_KEY_PRIVATE, "openssl ec -in priv.pem -pubout");
	/* The public key followed by its private key: the private key wins. */
	char *both = ivs_xasprintf("%s%s", pub, sec1);
	expect(both, IVS_RULE_KEY_PRIVATE, "ivs-tui keygen");
	/* The message never quotes key material. */
	char *msg = NULL;
	ivs_key_check_public(sec1, &msg);
	char line[40];
	memcpy(line, sec1 + strlen("-----BEGIN EC PRIVATE KEY-----\n"), 32);
	line[32] = '\0';
	assert_null(strstr(msg, line));
	free(msg);
	free(both);
	free(sec1);
	free(p8);
	free(pub);
	EVP_PKEY_free(k);

	EVP_PKEY *rsa = gen("RSA", NULL);
	char *rp = priv_traditional(rsa);
	expect(rp, IVS_RULE_KEY_PRIVATE, "RSA PRIVATE KEY");
	free(rp);
	EVP_PKEY_free(rsa);
	expect("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"
	       "-----END OPENSSH PRIVATE KEY-----\n", IVS_RULE_KEY_PRIVATE, "OPENSSH PRIVATE KEY");
	expect("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n", IVS_RULE_KEY_PRIVATE,
	       "must never go into the project");
}

static void test_not_ec(void **state)
{
	(void)state;
	EVP_PKEY *rsa = gen("RSA", NULL), *ed = gen("ED25519", NULL);
	char *rp = pub_pem(rsa), *ep = pub_pem(ed);
	expect(rp, IVS_RULE_KEY_NOT_EC, "found an RSA public key");
	expect(ep, IVS_RULE_KEY_NOT_EC, "found an Ed25519 public key");
	expect(ep, IVS_RULE_KEY_NOT_EC, "P-384");
	free(rp);
	free(ep);
	/* PKCS#1 "RSA PUBLIC KEY" (i2d_PublicKey gives the PKCS#1 DER). */
	unsigned char *der = NULL;
	int dlen = i2d_PublicKey(rsa, &der);
	assert_true(dlen > 0);
	BIO *b = BIO_new(BIO_s_mem());
	assert_true(PEM_write_bio(b, "RSA PUBLIC KEY", "", der, dlen) > 0);
	OPENSSL_free(der);
	char *pk1 = bio_text(b);
	assert_non_null(strstr(pk1, "-----BEGIN RSA PUBLIC KEY-----"));
	expect(pk1, IVS_RULE_KEY_NOT_EC, "RSA");
	free(pk1);
	EVP_PKEY_free(rsa);
	EVP_PKEY_free(ed);
}

static void test_wrong_curve(void **state)
{
	(void)state;
	EVP_PKEY *p256 = gen("EC", "P-256"), *p521 = gen("EC", "P-521"),
	         *k1 = gen("EC", "secp256k1");
	char *a = pub_pem(p256), *b = pub_pem(p521), *c = pub_pem(k1);
	expect(a, IVS_RULE_KEY_WRONG_CURVE, "curve P-256 (prime256v1)");
	expect(b, IVS_RULE_KEY_WRONG_CURVE, "curve P-521 (secp521r1)");
	expect(c, IVS_RULE_KEY_WRONG_CURVE, "curve secp256k1");
	free(a);
	free(b);
	free(c);
	EVP_PKEY_free(p256);
	EVP_PKEY_free(p521);
	EVP_PKEY_free(k1);
}

static char *pub_pem_encoded(EVP_PKEY *k, const char *enc, const char *form)
{
	assert_int_equal(EVP_PKEY_set_utf8_string_param(k, OSSL_PKEY_PARAM_EC_ENCODING, enc), 1);
	assert_int_equal(
		EVP_PKEY_set_utf8_string_param(k, OSSL_PKEY_PARAM_EC_POINT_CONVERSION_FORMAT, form), 1);
	return pub_pem(k);
}

static void test_unusual_encoding(void **state)
{
	(void)state;
	EVP_PKEY *k = gen("EC", "P-384");
	char *compressed = pub_pem_encoded(k, "named_curve", "compressed");
	char *explicit = pub_pem_encoded(k, "explicit", "uncompressed");
	char *usual = pub_pem_encoded(k, "named_curve", "uncompressed");
	expect(compressed, IVS_RULE_KEY_ENCODING, "compressed point");
	expect(explicit, IVS_RULE_KEY_ENCODING, "-conv_form uncompressed -param_enc named_curve");
	expect(usual, IVS_RULE_COUNT, NULL);
	assert_int_equal(ivs_rule_severity(IVS_RULE_KEY_ENCODING), IVS_SEV_WARNING);
	free(compressed);
	free(explicit);
	free(usual);
	EVP_PKEY_free(k);
}

static void test_certificate(void **state)
{
	(void)state;
	EVP_PKEY *k = gen("EC", "P-384");
	X509 *x = X509_new();
	assert_non_null(x);
	ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
	X509_gmtime_adj(X509_getm_notBefore(x), 0);
	X509_gmtime_adj(X509_getm_notAfter(x), 3600);
	X509_set_pubkey(x, k);
	X509_NAME *n = X509_get_subject_name(x);
	X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC, (const unsigned char *)"test", -1, -1, 0);
	X509_set_issuer_name(x, n);
	assert_true(X509_sign(x, k, EVP_sha384()) > 0);
	BIO *b = BIO_new(BIO_s_mem());
	assert_int_equal(PEM_write_bio_X509(b, x), 1);
	char *pem = bio_text(b);
	expect(pem, IVS_RULE_KEY_CERTIFICATE, "openssl x509 -in cert.pem -pubkey -noout");
	free(pem);
	X509_free(x);
	EVP_PKEY_free(k);
}

static void test_trailing(void **state)
{
	(void)state;
	EVP_PKEY *k = gen("EC", "P-384");
	char *pub = pub_pem(k);
	char *two = ivs_xasprintf("%s%s", conformance_pub, pub);
	expect(two, IVS_RULE_KEY_TRAILING_DATA, "exactly one public key");
	char *junk = ivs_xasprintf("%s# my key\n", conformance_pub);
	expect(junk, IVS_RULE_KEY_TRAILING_DATA, "after the -----END PUBLIC KEY----- line");
	free(junk);
	free(two);
	free(pub);
	EVP_PKEY_free(k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conformance_key_accepted),
		cmocka_unit_test(test_generated_p384_accepted),
		cmocka_unit_test(test_not_pem),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_private_keys),
		cmocka_unit_test(test_not_ec),
		cmocka_unit_test(test_wrong_curve),
		cmocka_unit_test(test_unusual_encoding),
		cmocka_unit_test(test_certificate),
		cmocka_unit_test(test_trailing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
