/* cmd_token.c: `ivs-tui token`: sign a playback token for a private channel
 * or a participant token for a real-time stage, or verify one.
 *
 *   token --key PRIVATE.pem --channel-arn ARN [options]
 *   token --key PRIVATE.pem --stage-arn ARN --public-key-arn ARN --whip-url URL [options]
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
#define TOKEN_MAX IVS_TOKEN_TEXT_MAX
#define ATTR_MAX 64

struct token_opts {
	const char *key, *pub, *arn, *channel, *project, *arn_prefix;
	const char *ttl, *now;
	bool verify;
	struct ivs_token_claims claims;
	/* stage participant tokens */
	bool playback_only;            /* an option only playback tokens have */
	const char *stage_only;        /* the first option only stage tokens have */
	const char *capabilities;
	struct ivs_stage_token_claims stage;
	struct ivs_stage_attr attrs[ATTR_MAX];
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
	      "Signing a stage participant token (IVS real-time streaming):\n"
	      "  -k, --key FILE             the private key of the stage's public key\n"
	      "  -s, --stage-arn ARN        arn:aws:ivs:REGION:ACCOUNT:stage/ID (resource, topic)\n"
	      "      --public-key-arn ARN   the public key IVS checks it with (the header's kid)\n"
	      "      --whip-url URL         the stage's WHIP endpoint (aws ivs-realtime get-stage\n"
	      "                             --arn ARN --query stage.endpoints.whip)\n"
	      "      --events-url URL       the events endpoint (default " IVS_STAGE_EVENTS_URL ")\n"
	      "      --participant-id ID    jti: up to 64 of A-Z a-z 0-9 - _ (default: random)\n"
	      "      --user-id ID           user_id, up to 128 characters (seen by all participants)\n"
	      "      --capabilities LIST    publish,subscribe (the default), publish or subscribe\n"
	      "      --attributes K=V       an attribute (repeat it; at most 1 KB in all; seen by\n"
	      "                             all participants)\n"
	      "  -t, --ttl DURATION         default 12h (IVS's recommendation), at most 14d\n\n"
	      "Verifying (a playback or a participant token):\n"
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

/* Prints s with control characters (C0, DEL and the C1 range U+0080 to
 * U+009F) as '?': a token from elsewhere must not drive the terminal. */
static void put_clean_to(FILE *f, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == 0xc2 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9f) {
			putc('?', f);
			s++;
		} else {
			putc(c < 0x20 || c == 0x7f ? '?' : c, f);
		}
	}
}

static int64_t now_of(const struct token_opts *o, bool *ok)
{
	int64_t n = (int64_t)time(NULL);
	*ok = !o->now || (parse_i64(o->now, &n) && n >= 0);
	return n;
}

static int64_t sub_sat(int64_t a, int64_t b)
{
	int64_t r;
	return __builtin_sub_overflow(a, b, &r) ? (b < 0 ? INT64_MAX : INT64_MIN) : r;
}

static void format_time(int64_t t, char *buf, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (t < 0 || t > INT64_C(253402300799) || !gmtime_r(&tt, &tm) ||
	    !strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, n, "out of range");
}

static void put_clean(const char *s)
{
	put_clean_to(stdout, s);
}

/* "header: {...}", then one "claim: value" line each, exp with its date. */
static void print_claims(const struct ivs_token_report *rep, int64_t now)
{
	cJSON *claims = cJSON_Parse(rep->claims_json ? rep->claims_json : "");
	const cJSON *it;
	char when[40];

	fputs("header: ", stdout);
	put_clean(rep->header_json ? rep->header_json : "");
	putchar('\n');
	cJSON_ArrayForEach(it, claims) {
		put_clean(it->string);
		fputs(": ", stdout);
		if (cJSON_IsString(it)) {
			put_clean(it->valuestring);
		} else if (strcmp(it->string, "exp") == 0 && rep->has_exp) {
			format_time(rep->exp, when, sizeof when);
			printf("%" PRId64 " (%s, %s %" PRId64 " s%s)", rep->exp, when,
			       rep->exp > now ? "in" : "expired",
			       rep->exp > now ? sub_sat(rep->exp, now) : sub_sat(now, rep->exp),
			       rep->exp > now ? "" : " ago");
		} else if (strcmp(it->string, "iat") == 0 && rep->stage && cJSON_IsNumber(it)) {
			format_time((int64_t)it->valuedouble, when, sizeof when);
			printf("%" PRId64 " (%s)", (int64_t)it->valuedouble, when);
		} else {
			char *v = cJSON_PrintUnformatted(it);
			put_clean(v ? v : "?");
			cJSON_free(v);
		}
		putchar('\n');
	}
	cJSON_Delete(claims);
}

static int run_verify(const struct token_opts *o, const char *arg)
{
	char *err = NULL, *text;
	size_t len = 0;
	bool ok;
	int64_t now = now_of(o, &ok);
	EVP_PKEY *pub;
	struct ivs_token_report rep;
	enum ivs_token_status st;

	if (!ok)
		return usage_error("--now needs a Unix time in seconds");
	if (!o->pub)
		return usage_error("--verify needs --pub PUBLIC.pem");
	if (strlen(arg) > TOKEN_MAX)   /* as standard input is capped */
		return usage_error("the token is longer than 64 KiB: no IVS token is");
	if (!(pub = ivs_public_key_load(o->pub, &err))) {
		ivs_cli_error("token: %s", err);
		free(err);
		return IVS_EXIT_USAGE;
	}
	if (strcmp(arg, "-") != 0) {
		text = ivs_xstrdup(arg);
		len = strlen(text);
	} else if (!(text = ivs_read_file(arg, TOKEN_MAX, &len, &err))) {
		ivs_cli_error("token: %s", err);
		free(err);
		EVP_PKEY_free(pub);
		return IVS_EXIT_USAGE;
	}
	st = ivs_token_verify_n(text, len, pub, now, &rep);
	if (st == IVS_TOKEN_VALID || st == IVS_TOKEN_EXPIRED)
		print_claims(&rep, now);
	fflush(stdout);
	/* Warnings and problems quote claim names from the token: cleaned too. */
	for (char *w = rep.warnings, *nl; w && *w; w = nl + 1) {
		nl = strchr(w, '\n');
		*nl = '\0';
		fputs("ivs-tui: warning: ", stderr);
		put_clean_to(stderr, w);
		putc('\n', stderr);
	}
	if (rep.problem) {
		fputs("ivs-tui: token: ", stderr);
		put_clean_to(stderr, rep.problem);
		putc('\n', stderr);
	}
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

/* A signed token (secret, freed here) to standard output, or the signer's
 * error (freed here): the exit code of both signing paths. */
static int put_token(char *tok, char *err)
{
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
	if (ivs_token_exp_of(now, ttl, &o->claims.exp) != 0) {
		free(owned);
		return usage_error("--now plus --ttl is past the end of time (int64 seconds)");
	}
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
	return put_token(tok, err);
}

/* "publish,subscribe", "publish" or "subscribe" (in any order, once each). */
static bool parse_capabilities(const char *list, struct ivs_stage_token_claims *c)
{
	const char *s = list;
	c->allow_publish = c->allow_subscribe = false;
	for (;;) {
		size_t n = strcspn(s, ",");
		bool *b = n == 7 && strncmp(s, "publish", 7) == 0     ? &c->allow_publish
		          : n == 9 && strncmp(s, "subscribe", 9) == 0 ? &c->allow_subscribe
		                                                      : NULL;
		if (!b || *b)
			return false;
		*b = true;
		if (!s[n])
			return true;
		s += n + 1;
	}
}

static int run_sign_stage(struct token_opts *o)
{
	char *err = NULL, *tok;
	bool ok;
	int64_t now = now_of(o, &ok), ttl;
	EVP_PKEY *key;

	if (!ok)
		return usage_error("--now needs a Unix time in seconds");
	if (!o->key)
		return usage_error("signing needs --key PRIVATE.pem (or --verify to check a token)");
	if (!o->stage.public_key_arn)
		return usage_error("a participant token needs --public-key-arn ARN (the public key "
		                   "IVS checks it with)");
	if (!o->stage.whip_url)
		return usage_error("a participant token needs --whip-url URL, the stage's WHIP "
		                   "endpoint (aws ivs-realtime get-stage --arn ARN --query "
		                   "stage.endpoints.whip)");
	if (o->capabilities && !parse_capabilities(o->capabilities, &o->stage))
		return usage_error("--capabilities is publish,subscribe, publish or subscribe");
	if (!o->capabilities)
		o->stage.allow_publish = o->stage.allow_subscribe = true;  /* IVS's default */
	ttl = o->ttl ? ivs_parse_ttl(o->ttl) : IVS_STAGE_TOKEN_TTL_DEFAULT;
	if (ttl < 0)
		return usage_error("--ttl wants a duration such as 12h, 30m, 90s or 600");
	if (ivs_token_exp_of(now, ttl, &o->stage.exp) != 0)
		return usage_error("--now plus --ttl is past the end of time (int64 seconds)");
	o->stage.attributes = o->attrs;
	if (ivs_stage_token_check(&o->stage, now, &err) != 0) {
		ivs_cli_error("token: %s", err);
		free(err);
		return IVS_EXIT_USAGE;
	}
	warn_key_mode(o->key);
	if (!(key = ivs_private_key_load(o->key, &err))) {
		ivs_cli_error("token: %s", err);
		free(err);
		return IVS_EXIT_USAGE;
	}
	tok = ivs_stage_token_sign(key, &o->stage, now, &err);
	EVP_PKEY_free(key);
	return put_token(tok, err);
}

static int add_attribute(struct token_opts *o, char *kv)
{
	char *eq = strchr(kv, '=');
	if (!eq || eq == kv)
		return usage_error("--attributes wants KEY=VALUE");
	if (o->stage.nattributes == ATTR_MAX)
		return usage_error("too many --attributes (IVS allows 1 KB in all)");
	*eq = '\0';   /* argv is writable: split it in place, nothing to free */
	o->attrs[o->stage.nattributes].key = kv;
	o->attrs[o->stage.nattributes++].value = eq + 1;
	return 0;
}

enum { OPT_CHANNEL = 256, OPT_PROJECT, OPT_PREFIX, OPT_VIEWER, OPT_ORIGIN, OPT_STRICT,
       OPT_SINGLE, OPT_SESSION, OPT_MAXRES, OPT_VERIFY, OPT_NOW, OPT_PUBKEY_ARN, OPT_WHIP,
       OPT_EVENTS, OPT_PARTICIPANT, OPT_USER, OPT_CAPS, OPT_ATTR };

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
		{"stage-arn", required_argument, NULL, 's'},
		{"public-key-arn", required_argument, NULL, OPT_PUBKEY_ARN},
		{"whip-url", required_argument, NULL, OPT_WHIP},
		{"events-url", required_argument, NULL, OPT_EVENTS},
		{"participant-id", required_argument, NULL, OPT_PARTICIPANT},
		{"user-id", required_argument, NULL, OPT_USER},
		{"capabilities", required_argument, NULL, OPT_CAPS},
		{"attributes", required_argument, NULL, OPT_ATTR},
		{"attribute", required_argument, NULL, OPT_ATTR},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct token_opts o = {0};
	int c, res, li = -1;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "k:c:t:p:s:h", opts, &li)) != -1) {
		if (c == OPT_CHANNEL || c == OPT_PROJECT || c == OPT_PREFIX || c == OPT_VIEWER ||
		    c == OPT_ORIGIN || c == OPT_STRICT || c == OPT_SINGLE || c == OPT_SESSION ||
		    c == OPT_MAXRES || c == 'c')
			o.playback_only = true;
		if ((c == OPT_PUBKEY_ARN || c == OPT_WHIP || c == OPT_EVENTS || c == OPT_PARTICIPANT ||
		     c == OPT_USER || c == OPT_CAPS || c == OPT_ATTR) && !o.stage_only && li >= 0)
			o.stage_only = opts[li].name;   /* long options only */
		switch (c) {
		case 's': o.stage.stage_arn = optarg; break;
		case OPT_PUBKEY_ARN: o.stage.public_key_arn = optarg; break;
		case OPT_WHIP: o.stage.whip_url = optarg; break;
		case OPT_EVENTS: o.stage.events_url = optarg; break;
		case OPT_PARTICIPANT: o.stage.participant_id = optarg; break;
		case OPT_USER: o.stage.user_id = optarg; break;
		case OPT_CAPS: o.capabilities = optarg; break;
		case OPT_ATTR:
			if ((res = add_attribute(&o, optarg)) != 0)
				return res;
			break;
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
		case 'h':
			usage_help(stdout);
			if (fflush(stdout) != 0 || ferror(stdout)) {
				ivs_cli_error("%s: cannot write the help to standard output", "token");
				return IVS_EXIT_USAGE;
			}
			return IVS_EXIT_OK;
		default:
			if (optopt && strncmp(argv[optind - 1], "--", 2) == 0)
				ivs_cli_error("token: %s needs a value", argv[optind - 1]);
			else if (optopt && optopt < 256 && strchr("kctps", optopt))
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
		if (o.playback_only || o.stage_only || o.stage.stage_arn || o.ttl)
			return usage_error("--verify takes only --pub, --now and the TOKEN");
		if (optind != argc - 1)
			return usage_error("--verify wants one TOKEN (or - for standard input)");
		return run_verify(&o, argv[optind]);
	}
	if (optind != argc)
		return usage_error("unexpected argument (a token to check needs --verify)");
	if (o.pub)
		return usage_error("--pub is for --verify; signing needs --key PRIVATE.pem");
	if (o.stage.stage_arn) {
		if (o.playback_only)
			return usage_error("--stage-arn signs a participant token: the playback token "
			                   "options (--channel-arn, --viewer-id, ...) do not apply");
		return run_sign_stage(&o);
	}
	if (o.stage_only) {
		ivs_cli_error("token: --%s is for a stage participant token: give --stage-arn ARN",
		              o.stage_only);
		ivs_cli_usage(stderr, "token");
		return IVS_EXIT_USAGE;
	}
	return run_sign(&o);
}
