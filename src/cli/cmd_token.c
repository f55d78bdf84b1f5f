/* cmd_token.c: `ivs-tui token`: sign a playback token for a private channel,
 * or verify one.
 *
 *   token --key PRIVATE.pem --channel-arn ARN [options]
 *   token --verify --pub PUBLIC.pem TOKEN|-
 *
 * Signing prints the JWT on standard output and nothing else there (it is a
 * bearer secret: it never goes to stderr or into a message). Verifying
 * prints the header, the claims, the expiry and a last line "valid",
 * "expired" or "invalid"; exit 0 only for valid. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <cjson/cJSON.h>
#include <openssl/evp.h>

#include "ivs/cli.h"
#include "ivs/fsutil.h"
#include "ivs/token.h"
#include "ivs/util.h"
#include "keys_project.h"

#define DEFAULT_TTL (60 * 60)
#define TOKEN_MAX (64u * 1024u)

struct token_opts {
	const char *key, *pub, *arn, *channel, *project, *arn_prefix;
	const char *ttl, *now;
	bool verify;
	struct ivs_token_claims claims;
};

static void usage_help(FILE *f)
{
	ivs_cli_usage(f, "token");
	fputs("\nSign a playback token (an ES384 JWT) for a private IVS channel, or verify one.\n\n"
	      "Signing (the token goes to standard output, nothing else does):\n"
	      "  -k, --key FILE             the private key (from `ivs-tui keygen -o FILE`)\n"
	      "  -c, --channel-arn ARN      arn:aws:ivs:REGION:ACCOUNT:channel/ID\n"
	      "      --channel ID           instead of --channel-arn: a channel of --project\n"
	      "                             (an imported one: its from_channel_arn), or with\n"
	      "                             --arn-prefix arn:aws:ivs:REGION:ACCOUNT:channel/ the\n"
	      "                             channel id IVS gave it\n"
	      "      --project FILE         the project that holds --channel\n"
	      "      --arn-prefix PREFIX    see --channel\n"
	      "  -t, --ttl DURATION         1h, 30m, 90s or seconds (default 1h; 10m with\n"
	      "                             --viewer-id or --single-use, which allow at most 10m)\n"
	      "      --viewer-id ID         aws:viewer-id (at most 40 characters)\n"
	      "      --origin URL[,URL]     aws:access-control-allow-origin\n"
	      "      --strict-origin        aws:strict-origin-enforcement (at most 5 origins)\n"
	      "      --single-use           aws:single-use-uuid, a fresh random UUID\n"
	      "      --session-version N    aws:viewer-session-version\n"
	      "      --max-resolution RES   aws:maximum-resolution: SD, HD or FULL_HD\n\n"
	      "Verifying:\n"
	      "      --verify               check TOKEN (- reads standard input)\n"
	      "  -p, --pub FILE             the public key\n\n"
	      "      --now SECONDS          take this Unix time as now (reproducible output)\n"
	      "  -h, --help                 show this help\n\n"
	      "Exit status: 0 signed / valid, 1 invalid or expired, 2 usage or I/O problem.\n",
	      f);
}

static int usage_error(const char *msg)
{
	ivs_cli_error("token: %s", msg);
	ivs_cli_usage(stderr, "token");
	return IVS_EXIT_USAGE;
}

static bool parse_i64(const char *s, int64_t *v)
{
	char *end;
	long long x;
	errno = 0;
	x = strtoll(s, &end, 10);
	if (errno || end == s || *end)
		return false;
	*v = x;
	return true;
}

static int64_t now_of(const struct token_opts *o, bool *ok)
{
	int64_t n = (int64_t)time(NULL);
	*ok = !o->now || (parse_i64(o->now, &n) && n >= 0);
	return n;
}

static void format_time(int64_t t, char *buf, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (t < 0 || t > INT64_C(253402300799) || !gmtime_r(&tt, &tm) ||
	    !strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, n, "out of range");
}

/* Prints a string claim with control characters made visible: a token
 * from elsewhere must not drive the terminal. */
static void put_clean(const char *s)
{
	for (; *s; s++)
		putchar((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s);
}

/* "header: {...}", then one "claim: value" line each, exp with its date. */
static void print_claims(const struct ivs_token_report *rep, int64_t now)
{
	cJSON *claims = cJSON_Parse(rep->claims_json ? rep->claims_json : "");
	const cJSON *it;
	char when[40];

	printf("header: %s\n", rep->header_json ? rep->header_json : "");
	cJSON_ArrayForEach(it, claims) {
		put_clean(it->string);
		fputs(": ", stdout);
		if (cJSON_IsString(it)) {
			put_clean(it->valuestring);
		} else if (strcmp(it->string, "exp") == 0 && rep->has_exp) {
			format_time(rep->exp, when, sizeof when);
			printf("%" PRId64 " (%s, %s %" PRId64 " s%s)", rep->exp, when,
			       rep->exp > now ? "in" : "expired", rep->exp > now ? rep->exp - now
			                                                        : now - rep->exp,
			       rep->exp > now ? "" : " ago");
		} else {
			char *v = cJSON_PrintUnformatted(it);
			fputs(v ? v : "?", stdout);
			cJSON_free(v);
		}
		putchar('\n');
	}
	cJSON_Delete(claims);
}

static int run_verify(const struct token_opts *o, const char *arg)
{
	char *err = NULL, *text;
	bool ok;
	int64_t now = now_of(o, &ok);
	EVP_PKEY *pub;
	struct ivs_token_report rep;
	enum ivs_token_status st;

	if (!ok)
		return usage_error("--now needs a Unix time in seconds");
	if (!o->pub)
		return usage_error("--verify needs --pub PUBLIC.pem");
	if (!(pub = ivs_public_key_load(o->pub, &err))) {
		ivs_cli_error("token: %s", err);
		free(err);
		return IVS_EXIT_USAGE;
	}
	if (strcmp(arg, "-") != 0)
		text = ivs_xstrdup(arg);
	else if (!(text = ivs_read_file(arg, TOKEN_MAX, NULL, &err))) {
		ivs_cli_error("token: %s", err);
		free(err);
		EVP_PKEY_free(pub);
		return IVS_EXIT_USAGE;
	}
	st = ivs_token_verify(text, pub, now, &rep);
	if (st == IVS_TOKEN_VALID || st == IVS_TOKEN_EXPIRED)
		print_claims(&rep, now);
	for (char *w = rep.warnings, *nl; w && *w; w = nl + 1) {
		nl = strchr(w, '\n');
		ivs_cli_error("warning: %.*s", (int)(nl - w), w);
	}
	if (rep.problem)
		ivs_cli_error("token: %s", rep.problem);
	puts(st == IVS_TOKEN_VALID ? "valid" : st == IVS_TOKEN_EXPIRED ? "expired" : "invalid");
	ivs_token_report_free(&rep);
	free(text);
	EVP_PKEY_free(pub);
	return st == IVS_TOKEN_VALID ? IVS_EXIT_OK : IVS_EXIT_INVALID;
}

/* Works out the channel ARN from --channel-arn, or --channel with
 * --project / --arn-prefix. *owned is what the caller frees. */
static const char *channel_arn(const struct token_opts *o, char **owned, int *status)
{
	char *err = NULL;

	*owned = NULL;
	if (o->arn && o->channel) {
		*status = usage_error("give --channel-arn or --channel, not both");
		return NULL;
	}
	if (o->arn)
		return o->arn;
	if (!o->channel) {
		*status = usage_error("signing needs --channel-arn ARN (or --channel ID with "
		                      "--project or --arn-prefix)");
		return NULL;
	}
	if (o->project) {
		*owned = ivs_token_project_arn(o->project, o->channel, &err);
		if (!*owned) {
			ivs_cli_error("token: %s", err);
			free(err);
			*status = IVS_EXIT_USAGE;
		}
		return *owned;
	}
	if (!o->arn_prefix) {
		*status = usage_error("--channel needs --project FILE or --arn-prefix PREFIX");
		return NULL;
	}
	*owned = ivs_xasprintf("%s%s", o->arn_prefix, o->channel);
	return *owned;
}

/* As ssh does: a private key others can read is worth a word. */
static void warn_key_mode(const char *path)
{
	struct stat st;
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 077))
		ivs_cli_error("token: warning: %s can be read by others (mode %04o): chmod 600 %s",
		              path, (unsigned)(st.st_mode & 07777), path);
}

static int run_sign(struct token_opts *o)
{
	char *err = NULL, *owned = NULL, *tok;
	int status = IVS_EXIT_USAGE;
	bool ok;
	int64_t now = now_of(o, &ok), ttl;
	bool short_ttl = o->claims.viewer_id || o->claims.single_use;
	EVP_PKEY *key;

	if (!ok)
		return usage_error("--now needs a Unix time in seconds");
	if (!o->key)
		return usage_error("signing needs --key PRIVATE.pem (or --verify to check a token)");
	ttl = o->ttl ? ivs_parse_ttl(o->ttl) : short_ttl ? IVS_TOKEN_SHORT_TTL_MAX : DEFAULT_TTL;
	if (ttl < 0)
		return usage_error("--ttl wants a duration such as 1h, 30m, 90s or 600");
	o->claims.channel_arn = channel_arn(o, &owned, &status);
	if (!o->claims.channel_arn)
		return status;
	o->claims.exp = now + ttl;
	if (ivs_token_check_claims(&o->claims, now, &err) != 0) {
		ivs_cli_error("token: %s", err);
		free(err);
		free(owned);
		return IVS_EXIT_USAGE;
	}
	warn_key_mode(o->key);
	if (!(key = ivs_private_key_load(o->key, &err))) {
		ivs_cli_error("token: %s", err);
		free(err);
		free(owned);
		return IVS_EXIT_USAGE;
	}
	tok = ivs_token_sign(key, &o->claims, now, &err);
	EVP_PKEY_free(key);
	free(owned);
	if (!tok) {
		ivs_cli_error("token: %s", err);
		free(err);
		return IVS_EXIT_USAGE;
	}
	printf("%s\n", tok);
	ivs_secret_free(tok);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		ivs_cli_error("token: cannot write to standard output");
		return IVS_EXIT_USAGE;
	}
	return IVS_EXIT_OK;
}

enum { OPT_CHANNEL = 256, OPT_PROJECT, OPT_PREFIX, OPT_VIEWER, OPT_ORIGIN, OPT_STRICT,
       OPT_SINGLE, OPT_SESSION, OPT_MAXRES, OPT_VERIFY, OPT_NOW };

int ivs_cmd_token(int argc, char **argv)
{
	static const struct option opts[] = {
		{"key", required_argument, NULL, 'k'},
		{"channel-arn", required_argument, NULL, 'c'},
		{"channel", required_argument, NULL, OPT_CHANNEL},
		{"project", required_argument, NULL, OPT_PROJECT},
		{"arn-prefix", required_argument, NULL, OPT_PREFIX},
		{"ttl", required_argument, NULL, 't'},
		{"viewer-id", required_argument, NULL, OPT_VIEWER},
		{"origin", required_argument, NULL, OPT_ORIGIN},
		{"strict-origin", no_argument, NULL, OPT_STRICT},
		{"single-use", no_argument, NULL, OPT_SINGLE},
		{"session-version", required_argument, NULL, OPT_SESSION},
		{"max-resolution", required_argument, NULL, OPT_MAXRES},
		{"verify", no_argument, NULL, OPT_VERIFY},
		{"pub", required_argument, NULL, 'p'},
		{"now", required_argument, NULL, OPT_NOW},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct token_opts o = {0};
	int c, res;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "k:c:t:p:h", opts, NULL)) != -1) {
		switch (c) {
		case 'k': o.key = optarg; break;
		case 'c': o.arn = optarg; break;
		case OPT_CHANNEL: o.channel = optarg; break;
		case OPT_PROJECT: o.project = optarg; break;
		case OPT_PREFIX: o.arn_prefix = optarg; break;
		case 't': o.ttl = optarg; break;
		case OPT_VIEWER: o.claims.viewer_id = optarg; break;
		case OPT_ORIGIN: o.claims.allow_origin = optarg; break;
		case OPT_STRICT: o.claims.strict_origin = true; break;
		case OPT_SINGLE: o.claims.single_use = true; break;
		case OPT_SESSION:
			if (!parse_i64(optarg, &o.claims.viewer_session_version))
				return usage_error("--session-version wants a whole number");
			o.claims.has_session_version = true;
			break;
		case OPT_MAXRES:
			if ((res = ivs_max_resolution_parse(optarg)) < 0)
				return usage_error("--max-resolution is SD, HD or FULL_HD");
			o.claims.max_resolution = (enum ivs_max_resolution)res;
			break;
		case OPT_VERIFY: o.verify = true; break;
		case 'p': o.pub = optarg; break;
		case OPT_NOW: o.now = optarg; break;
		case 'h': usage_help(stdout); return IVS_EXIT_OK;
		default:
			if (optopt && strncmp(argv[optind - 1], "--", 2) == 0)
				ivs_cli_error("token: %s needs a value", argv[optind - 1]);
			else if (optopt && optopt < 256 && strchr("kctp", optopt))
				ivs_cli_error("token: -%c needs a value", optopt);
			else if (optopt)
				ivs_cli_error("token: unknown option '-%c'", optopt);
			else
				ivs_cli_error("token: unknown option '%s'", argv[optind - 1]);
			ivs_cli_usage(stderr, "token");
			return IVS_EXIT_USAGE;
		}
	}
	if (o.verify) {
		if (o.key)
			return usage_error("--verify checks with --pub PUBLIC.pem, not --key");
		if (optind != argc - 1)
			return usage_error("--verify wants one TOKEN (or - for standard input)");
		return run_verify(&o, argv[optind]);
	}
	if (optind != argc)
		return usage_error("unexpected argument (a token to check needs --verify)");
	if (o.pub)
		return usage_error("--pub is for --verify; signing needs --key PRIVATE.pem");
	return run_sign(&o);
}
