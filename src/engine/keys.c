/* keys.c: checks the public key a playback key pair carries.
 *
 * The text is classified by its PEM label first (cheap, and it lets a
 * pasted private key be refused without ever decoding it), then the one
 * PUBLIC KEY block is base64-decoded (PEM_read_bio). A key in the usual
 * P-384 encoding is accepted once libcrypto confirms its point is on the
 * curve; anything else is decoded with d2i_PUBKEY to learn the key type and
 * curve. Messages name what was found and what to do; they never quote the
 * pasted text. Called on every keystroke in the key field: a few
 * microseconds for the common cases (see bench/keys.c). */
#include "ivs/keys.h"

#include <ctype.h>
#include <pthread.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "ivs/util.h"

#define KEYGEN_HINT "make a pair with `ivs-tui keygen -o private.pem`"

static const char *skip_space(const char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	return s;
}

static enum ivs_rule result(char **msg, enum ivs_rule r, char *text)
{
	if (msg)
		*msg = text;
	else
		free(text);
	return r;
}

/* OpenSSH one-line keys ("ecdsa-sha2-nistp384 AAAA... comment"). */
static enum ivs_rule check_openssh(const char *s, char **msg)
{
	static const char *const types[] = {"ssh-", "ecdsa-sha2-", "sk-ecdsa-", "sk-ssh-"};
	for (size_t i = 0; i < IVS_ARRAY_LEN(types); i++)
		if (strncmp(s, types[i], strlen(types[i])) == 0)
			return result(msg, IVS_RULE_KEY_NOT_PEM,
			              ivs_xstrdup("found an OpenSSH public key, not PEM: convert a P-384 "
			                          "one with `ssh-keygen -e -m PKCS8 -f key.pub`, or "
			                          KEYGEN_HINT));
	return IVS_RULE_COUNT;
}

static bool is_private_label(const char *label, size_t n)
{
	static const char tail[] = "PRIVATE KEY";
	size_t t = sizeof tail - 1;
	return n >= t && memcmp(label + n - t, tail, t) == 0;
}

static bool label_is(const char *label, size_t n, const char *want)
{
	return strlen(want) == n && memcmp(label, want, n) == 0;
}

/* Names a non-EC key type the way people write it. */
static const char *type_name(const EVP_PKEY *k)
{
	static const struct {
		const char *ossl, *human;
	} names[] = {
		{"RSA", "an RSA"}, {"RSA-PSS", "an RSA-PSS"}, {"ED25519", "an Ed25519"},
		{"ED448", "an Ed448"}, {"X25519", "an X25519"}, {"X448", "an X448"},
		{"DSA", "a DSA"}, {"DH", "a Diffie-Hellman"}, {"DHX", "a Diffie-Hellman"},
		{"SM2", "an SM2"},
	};
	for (size_t i = 0; i < IVS_ARRAY_LEN(names); i++)
		if (EVP_PKEY_is_a(k, names[i].ossl))
			return names[i].human;
	return NULL;
}

/* The usual SubjectPublicKeyInfo of a P-384 key, as `openssl ec -pubout`
 * and IVS's own instructions make it: SEQUENCE { SEQUENCE { id-ecPublicKey,
 * secp384r1 }, BIT STRING { 0x04 (uncompressed) X Y } }; 120 bytes. */
static const unsigned char p384_spki[] = {
	0x30, 0x76, 0x30, 0x10, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06,
	0x05, 0x2b, 0x81, 0x04, 0x00, 0x22, 0x03, 0x62, 0x00, 0x04,
};
#define P384_POINT_BYTES 97   /* 0x04 || X || Y */

/* The P-384 group, made once (building it costs far more than a check). */
static EC_GROUP *p384_group;
static pthread_once_t p384_once = PTHREAD_ONCE_INIT;

static void p384_init(void)
{
	p384_group = EC_GROUP_new_by_curve_name(NID_secp384r1);
}

/* Fast path for the usual encoding: libcrypto's generic decoder (d2i_PUBKEY)
 * costs hundreds of microseconds in OpenSSL 3.0, and the check runs on every
 * keystroke. The DER prefix fixes the key type and curve; EC_POINT_oct2point
 * checks that the point is on P-384. Anything else takes the slow path,
 * which also names what is wrong. */
static bool usual_p384(const unsigned char *der, long len)
{
	EC_POINT *pt;
	bool ok;

	if (len != (long)sizeof p384_spki + P384_POINT_BYTES - 1 ||
	    memcmp(der, p384_spki, sizeof p384_spki) != 0)
		return false;
	if (pthread_once(&p384_once, p384_init) != 0 || !p384_group)
		return false;
	pt = EC_POINT_new(p384_group);
	ok = pt && EC_POINT_oct2point(p384_group, pt, der + sizeof p384_spki - 1, P384_POINT_BYTES,
	                              NULL) == 1;
	EC_POINT_free(pt);
	ERR_clear_error();
	return ok;
}

/* Decodes one PUBLIC KEY block (text[0..len)) and checks type and curve. */
static enum ivs_rule check_pubkey(const char *text, size_t len, char **msg)
{
	BIO *bio = BIO_new_mem_buf(text, (int)len);
	char *name = NULL, *header = NULL;
	unsigned char *der = NULL;
	long dlen = 0;
	EVP_PKEY *k = NULL;
	enum ivs_rule r = IVS_RULE_COUNT;
	char *m = NULL;

	if (!bio || !PEM_read_bio(bio, &name, &header, &der, &dlen)) {
		r = IVS_RULE_KEY_NOT_PEM;
		m = ivs_xstrdup("the base64 between the BEGIN and END lines is damaged or cut short: "
		                "paste the whole public key again");
		goto out;
	}
	if (usual_p384(der, dlen))
		goto out;
	const unsigned char *p = der;
	k = d2i_PUBKEY(NULL, &p, dlen);
	if (!k || p != der + dlen) {
		r = IVS_RULE_KEY_NOT_PEM;
		m = ivs_xstrdup("the PUBLIC KEY block does not hold a readable public key (damaged or "
		                "cut short): paste the whole key again, or " KEYGEN_HINT);
		goto out;
	}
	if (!EVP_PKEY_is_a(k, "EC")) {
		const char *t = type_name(k);
		r = IVS_RULE_KEY_NOT_EC;
		if (t)
			m = ivs_xasprintf("found %s public key; IVS needs an ECDSA P-384 (secp384r1) "
			                  "key: " KEYGEN_HINT, t);
		else
			m = ivs_xasprintf("found a %s public key; IVS needs an ECDSA P-384 (secp384r1) "
			                  "key: " KEYGEN_HINT,
			                  EVP_PKEY_get0_type_name(k) ? EVP_PKEY_get0_type_name(k)
			                                             : "non-EC");
		goto out;
	}
	char group[80];
	size_t glen = 0;
	if (!EVP_PKEY_get_group_name(k, group, sizeof group, &glen)) {
		r = IVS_RULE_KEY_WRONG_CURVE;
		m = ivs_xstrdup("found an EC public key with explicit curve parameters; IVS needs "
		                "the named curve P-384: re-export it with `openssl ec -pubin -in "
		                "public.pem -pubout -param_enc named_curve`, or " KEYGEN_HINT);
		goto out;
	}
	if (strcmp(group, "secp384r1") != 0) {
		const char *nist = EC_curve_nid2nist(OBJ_sn2nid(group));
		r = IVS_RULE_KEY_WRONG_CURVE;
		if (nist)
			m = ivs_xasprintf("found an EC public key on curve %s (%s); IVS needs P-384 "
			                  "(secp384r1): " KEYGEN_HINT, nist, group);
		else
			m = ivs_xasprintf("found an EC public key on curve %s; IVS needs P-384 "
			                  "(secp384r1): " KEYGEN_HINT, group);
		goto out;
	}
	if (dlen != (long)sizeof p384_spki + P384_POINT_BYTES - 1 ||
	    memcmp(der, p384_spki, sizeof p384_spki) != 0) {
		r = IVS_RULE_KEY_ENCODING;
		m = ivs_xstrdup("the P-384 key is in an unusual encoding (a compressed point or "
		                "explicit curve parameters) that IVS may refuse: convert it with "
		                "`openssl ec -pubin -in public.pem -pubout -conv_form uncompressed "
		                "-param_enc named_curve`");
	}
out:
	EVP_PKEY_free(k);
	OPENSSL_free(name);
	OPENSSL_free(header);
	OPENSSL_free(der);
	BIO_free(bio);
	return r == IVS_RULE_COUNT ? r : result(msg, r, m);
}

/* The lines between the BEGIN marker's end (body) and the END marker: PEM
 * wants the markers and each base64 line on lines of their own, unindented,
 * with no empty line between. Names the common ways a paste breaks that. */
static enum ivs_rule check_layout(const char *body, const char *end, char **msg)
{
	const char *s = body;

	while (s < end && (*s == ' ' || *s == '\t' || *s == '\r'))
		s++;
	if (s == end || *s != '\n')
		return result(msg, IVS_RULE_KEY_NOT_PEM,
		              ivs_xstrdup("the key has lost its line breaks: PEM needs the BEGIN line, "
		                          "each base64 line and the END line on lines of their own (in "
		                          "YAML, a | block)"));
	for (s++; s <= end; s++) {
		const char *eol = s;
		while (eol < end && *eol != '\n')
			eol++;
		const char *t = s;
		while (t < eol && isspace((unsigned char)*t))
			t++;
		if (t == eol && eol < end)
			return result(msg, IVS_RULE_KEY_NOT_PEM,
			              ivs_xstrdup("there is an empty line inside the key: remove it"));
		if (t != s)
			return result(msg, IVS_RULE_KEY_NOT_PEM,
			              ivs_xstrdup("the lines of the key are indented: remove the spaces "
			                          "at the start of each line"));
		if (eol == end && s != end)
			return result(msg, IVS_RULE_KEY_NOT_PEM,
			              ivs_xstrdup("the -----END PUBLIC KEY----- line must start a line of "
			                          "its own"));
		s = eol;
	}
	return IVS_RULE_COUNT;
}

enum ivs_rule ivs_key_check_public(const char *pem, char **msg)
{
	static const char begin[] = "-----BEGIN ";
	const char *s, *b, *label, *lend, *end, *after;
	size_t llen;
	enum ivs_rule r;

	if (msg)
		*msg = NULL;
	s = skip_space(pem ? pem : "");
	if (!*s)
		return result(msg, IVS_RULE_KEY_NOT_PEM,
		              ivs_xstrdup("the public key is empty: paste a PEM public key "
		                          "(-----BEGIN PUBLIC KEY-----), or " KEYGEN_HINT));
	/* A private key anywhere in the text is the worst case: say so first. */
	for (b = strstr(s, begin); b; b = strstr(b + 1, begin)) {
		label = b + sizeof begin - 1;
		lend = strstr(label, "-----");
		if (lend && !memchr(label, '\n', (size_t)(lend - label)) &&
		    is_private_label(label, (size_t)(lend - label)))
			return result(msg, IVS_RULE_KEY_PRIVATE,
			              ivs_xasprintf("this is a private key (%.*s): a private key must "
			                            "never go into the project; paste only the public "
			                            "key, e.g. from `ivs-tui keygen` or `openssl ec -in "
			                            "priv.pem -pubout`",
			                            (int)(lend - label), label));
	}
	if ((r = check_openssh(s, msg)) != IVS_RULE_COUNT)
		return r;
	b = strstr(s, begin);
	if (!b)
		return result(msg, IVS_RULE_KEY_NOT_PEM,
		              ivs_xstrdup("this is not PEM (no -----BEGIN PUBLIC KEY----- line): paste "
		                          "the public key in PEM form, or " KEYGEN_HINT));
	if (b != s)
		return result(msg, IVS_RULE_KEY_NOT_PEM,
		              ivs_xstrdup("there is text before the -----BEGIN line: remove it and "
		                          "keep only the PEM public key"));
	label = b + sizeof begin - 1;
	lend = strstr(label, "-----");
	if (!lend || memchr(label, '\n', (size_t)(lend - label)))
		return result(msg, IVS_RULE_KEY_NOT_PEM,
		              ivs_xstrdup("the -----BEGIN line is incomplete: paste the whole PEM "
		                          "public key"));
	llen = (size_t)(lend - label);
	if (label_is(label, llen, "CERTIFICATE") || label_is(label, llen, "X509 CERTIFICATE") ||
	    label_is(label, llen, "TRUSTED CERTIFICATE"))
		return result(msg, IVS_RULE_KEY_CERTIFICATE,
		              ivs_xstrdup("this is a certificate, not a public key: IVS wants the bare "
		                          "P-384 public key, e.g. from `openssl x509 -in cert.pem "
		                          "-pubkey -noout`"));
	if (label_is(label, llen, "CERTIFICATE REQUEST") ||
	    label_is(label, llen, "NEW CERTIFICATE REQUEST"))
		return result(msg, IVS_RULE_KEY_CERTIFICATE,
		              ivs_xstrdup("this is a certificate signing request, not a public key: "
		                          "IVS wants the bare P-384 public key, e.g. from `openssl req "
		                          "-in req.pem -pubkey -noout`"));
	if (label_is(label, llen, "RSA PUBLIC KEY"))
		return result(msg, IVS_RULE_KEY_NOT_EC,
		              ivs_xstrdup("found an RSA public key (PKCS#1); IVS needs an ECDSA P-384 "
		                          "(secp384r1) key: " KEYGEN_HINT));
	if (!label_is(label, llen, "PUBLIC KEY"))
		return result(msg, IVS_RULE_KEY_NOT_PEM,
		              ivs_xasprintf("found a PEM block labelled \"%.*s\", not a public key: "
		                            "paste a -----BEGIN PUBLIC KEY----- block, or " KEYGEN_HINT,
		                            (int)(llen > 40 ? 40 : llen), label));

	end = strstr(lend, "-----END PUBLIC KEY-----");
	if (!end)
		return result(msg, IVS_RULE_KEY_NOT_PEM,
		              ivs_xstrdup("the -----END PUBLIC KEY----- line is missing (the key is "
		                          "cut short): paste the whole public key"));
	after = end + strlen("-----END PUBLIC KEY-----");
	if ((r = check_layout(lend + 5, end, msg)) != IVS_RULE_COUNT)
		return r;
	r = check_pubkey(b, (size_t)(after - b), msg);
	if (r != IVS_RULE_COUNT)
		return r;
	if (*skip_space(after))
		return result(msg, IVS_RULE_KEY_TRAILING_DATA,
		              ivs_xstrdup("there is text after the -----END PUBLIC KEY----- line: keep "
		                          "exactly one public key and remove the rest"));
	return IVS_RULE_COUNT;
}
