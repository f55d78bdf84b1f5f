/* keys.c (bench): the playback-key work. The validator checks the key
 * field on every keystroke, so ivs_key_check_public is timed three ways:
 * eight different keys in turn, one key again and again (no cache, so the
 * two should agree), and a pasted private key (refused by its PEM label,
 * never decoded). Then signing and verifying one token. */
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include "bench.h"
#include "ivs/keys.h"
#include "ivs/token.h"

#define NKEYS 8   /* keys checked in turn */
#define CALLS 200 /* calls per sample, so a sample is well above clock noise */

struct keys_ctx {
	char *pub[NKEYS];
	char *priv0;
	EVP_PKEY *key, *pubkey;
	char *token;
	size_t next;
};

static double run_check_new(void *p)
{
	struct keys_ctx *c = p;
	double t0 = bench_now();
	for (int i = 0; i < CALLS; i++)
		if (ivs_key_check_public(c->pub[c->next++ % NKEYS], NULL) != IVS_RULE_COUNT)
			abort();
	return (bench_now() - t0) / CALLS;
}

static double run_check_same(void *p)
{
	struct keys_ctx *c = p;
	double t0 = bench_now();
	for (int i = 0; i < CALLS; i++)
		if (ivs_key_check_public(c->pub[0], NULL) != IVS_RULE_COUNT)
			abort();
	return (bench_now() - t0) / CALLS;
}

static double run_check_private(void *p)
{
	struct keys_ctx *c = p;
	double t0 = bench_now();
	for (int i = 0; i < CALLS; i++)
		if (ivs_key_check_public(c->priv0, NULL) != IVS_RULE_KEY_PRIVATE)
			abort();
	return (bench_now() - t0) / CALLS;
}

static double run_sign(void *p)
{
	struct keys_ctx *c = p;
	struct ivs_token_claims cl = {
		.channel_arn = "arn:aws:ivs:us-west-2:123456789012:channel/AbCdEf12gH",
		.exp = 1700003600,
	};
	double t0 = bench_now();
	char *t = ivs_token_sign(c->key, &cl, 1700000000, NULL);
	double dt = bench_now() - t0;
	if (!t)
		abort();
	free(t);
	return dt;
}

static double run_verify(void *p)
{
	struct keys_ctx *c = p;
	struct ivs_token_report rep;
	double t0 = bench_now();
	enum ivs_token_status st = ivs_token_verify(c->token, c->pubkey, 1700000000, &rep);
	double dt = bench_now() - t0;
	if (st != IVS_TOKEN_VALID)
		abort();
	ivs_token_report_free(&rep);
	return dt;
}

static void row(struct ivs_buf *out, const char *what, const struct bench_stats *st)
{
	ivs_buf_printf(out, "| %s | %.1f µs (%.1f – %.1f) | %zu |\n", what, st->med * 1e6,
	               st->p25 * 1e6, st->p75 * 1e6, st->n);
}

void bench_keys(struct ivs_buf *out, double min_time, size_t min_n, size_t max_n)
{
	struct keys_ctx c = {0};
	struct bench_stats st;
	char *err = NULL;

	for (int i = 0; i < NKEYS; i++) {
		char *priv = NULL;
		if (ivs_keygen(&priv, &c.pub[i], &err) != 0)
			abort();
		if (i == 0) {
			BIO *b = BIO_new_mem_buf(priv, -1);
			c.key = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);
			BIO_free(b);
			c.priv0 = priv;
		} else {
			ivs_secret_free(priv);
		}
	}
	c.pubkey = ivs_public_key_from_pem(c.pub[0], &err);
	struct ivs_token_claims cl = {
		.channel_arn = "arn:aws:ivs:us-west-2:123456789012:channel/AbCdEf12gH",
		.exp = 1700003600,
	};
	c.token = c.key ? ivs_token_sign(c.key, &cl, 1700000000, &err) : NULL;
	if (!c.key || !c.pubkey || !c.token)
		abort();

	ivs_buf_puts(out, "\n## Playback keys\n\n"
	                  "Per call; median (p25 – p75) over samples.\n\n"
	                  "| operation | time | samples |\n|---|---|---|\n");
	bench_measure(run_check_new, &c, min_time, min_n, max_n, &st);
	row(out, "key check, 8 different keys in turn", &st);
	bench_measure(run_check_same, &c, min_time, min_n, max_n, &st);
	row(out, "key check, the same key again", &st);
	bench_measure(run_check_private, &c, min_time, min_n, max_n, &st);
	row(out, "key check, a pasted private key (refused by label)", &st);
	bench_measure(run_sign, &c, min_time, min_n, max_n, &st);
	row(out, "token sign (ES384)", &st);
	bench_measure(run_verify, &c, min_time, min_n, max_n, &st);
	row(out, "token verify (ES384)", &st);

	for (int i = 0; i < NKEYS; i++)
		free(c.pub[i]);
	ivs_secret_free(c.priv0);
	free(c.token);
	EVP_PKEY_free(c.key);
	EVP_PKEY_free(c.pubkey);
}
