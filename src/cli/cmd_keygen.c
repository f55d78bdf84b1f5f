/* cmd_keygen.c: `ivs-tui keygen -o PRIVATE.pem [--force]
 * [--add FILE (--id NAME | --public-key NAME)]`.
 *
 * Makes an ECDSA P-384 key pair. The private key goes only to the -o file
 * (mode 0600, never replaced without --force); the public key is printed on
 * standard output and, with --add, stored in project FILE as a new playback
 * key pair (--id) or a stage public key (--public-key), under the
 * project's lock and saved atomically. The private key is never printed,
 * logged or put into the project. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ivs/cli.h"
#include "ivs/token.h"
#include "ivs/util.h"
#include "keys_project.h"

static void usage_help(FILE *f)
{
	ivs_cli_usage(f, "keygen");
	fputs("\nMake an ECDSA P-384 key pair for playback tokens of private channels.\n"
	      "The private key is written to PRIVATE.pem (mode 0600); the public key is\n"
	      "printed on standard output: paste it into a playback key pair, or use --add.\n\n"
	      "  -o, --output FILE  where to write the private key (required)\n"
	      "  -f, --force        replace FILE if it exists\n"
	      "  -a, --add PROJECT  also add the public key to PROJECT, as a playback key pair\n"
	      "                     (--id) or as a public key for stage tokens (--public-key)\n"
	      "  -i, --id NAME      the id of the new playback key pair\n"
	      "  -P, --public-key NAME  the id of the new entry of public_keys\n"
	      "  -h, --help         show this help\n\n"
	      "Exit status: 0 ok, 1 the --add project does not load, 2 usage or I/O problem.\n",
	      f);
}

static int usage_error(const char *msg)
{
	ivs_cli_error("keygen: %s", msg);
	ivs_cli_usage(stderr, "keygen");
	return IVS_EXIT_USAGE;
}

struct print_ctx {
	const char *pub, *out;
};

static int print_public(void *ctx, char **err)
{
	const struct print_ctx *pc = ctx;
	errno = 0;
	if (fputs(pc->pub, stdout) < 0 || fflush(stdout) != 0 || ferror(stdout)) {
		*err = ivs_xasprintf("cannot write the public key to standard output (%s): no key "
		                     "pair made, %s not written", errno ? strerror(errno) : "error",
		                     pc->out);
		return -1;
	}
	return 0;
}

int ivs_cmd_keygen(int argc, char **argv)
{
	static const struct option opts[] = {
		{"output", required_argument, NULL, 'o'},
		{"force", no_argument, NULL, 'f'},
		{"add", required_argument, NULL, 'a'},
		{"id", required_argument, NULL, 'i'},
		{"public-key", required_argument, NULL, 'P'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *out = NULL, *project = NULL, *id = NULL, *pk_id = NULL;
	bool force = false;
	char *pub = NULL, *priv = NULL, *err = NULL;
	int c, status;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:fa:i:P:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'f': force = true; break;
		case 'a': project = optarg; break;
		case 'i': id = optarg; break;
		case 'P': pk_id = optarg; break;
		case 'h':
			usage_help(stdout);
			if (fflush(stdout) != 0 || ferror(stdout)) {
				ivs_cli_error("%s: cannot write the help to standard output", "keygen");
				return IVS_EXIT_USAGE;
			}
			return IVS_EXIT_OK;
		default:
			if (optopt && strncmp(argv[optind - 1], "--", 2) == 0)
				ivs_cli_error("keygen: %s needs a value", argv[optind - 1]);
			else if (optopt && strchr("oaiP", optopt))
				ivs_cli_error("keygen: -%c needs a value", optopt);
			else if (optopt)
				ivs_cli_error("keygen: unknown option '-%c'", optopt);
			else
				ivs_cli_error("keygen: unknown option '%s'", argv[optind - 1]);
			ivs_cli_usage(stderr, "keygen");
			return IVS_EXIT_USAGE;
		}
	}
	if (optind != argc)
		return usage_error("unexpected argument");
	if (!out)
		return usage_error("-o PRIVATE.pem is required (the private key is never printed)");
	if (strcmp(out, "-") == 0)
		return usage_error("the private key is never printed: give a file to -o");
	if (id && pk_id)
		return usage_error("give --id (a playback key pair) or --public-key (a public key "
		                   "for stage tokens), not both");
	if (!project != !(id || pk_id))
		return usage_error("--add PROJECT goes with --id NAME or --public-key NAME");
	if (project)
		return ivs_keygen_add(out, force, project, id ? "playback_key_pairs" : "public_keys",
		                      id ? id : pk_id);

	/* The public key is printed once the private key is safely written
	 * under a temporary name, and before it gets its own: if standard
	 * output fails, no private key file is left whose public half nobody
	 * has; if writing fails, nothing was printed. */
	if (ivs_keygen(&priv, &pub, &err) != 0) {
		ivs_cli_error("keygen: %s", err);
		free(err);
		return IVS_EXIT_USAGE;
	}
	struct print_ctx pc = {pub, out};
	status = IVS_EXIT_OK;
	if (ivs_write_private_key_then(out, priv, force, print_public, &pc, &err) != 0) {
		ivs_cli_error("keygen: %s", err);
		free(err);
		status = IVS_EXIT_USAGE;
	}
	ivs_secret_free(priv);
	free(pub);
	return status;
}
