/* main.c: ivs-tui's entry point. The program's one option parser and one
 * usage text: a subcommand (cli.h) gets its own arguments; anything else is
 * the TUI's options and FILE, parsed here and handed to ivs_tui_main. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "ivs/cli.h"
#include "ivs/tui.h"
#include "ivs/util.h"

static const struct ivs_cmd commands[] = {
	{"validate", "[-q] [--format text|json] FILE...",
	 "check a project; print FILE:LINE:COL diagnostics", ivs_cmd_validate},
	{"export", "FILE [-o OUT|-] [--force] [--format json|yaml]",
	 "write the CloudFormation template of a project", ivs_cmd_export},
	{"import", "TEMPLATE [-o PROJECT] [--stack-name NAME] [--keep-going] [--force]",
	 "turn a CloudFormation template into a project that exports it back", ivs_cmd_import},
	{"keygen", "-o PRIVATE.pem [--force] [--add FILE (--id NAME | --public-key NAME)]",
	 "make a P-384 key pair; print the public key (playback or stage tokens)", ivs_cmd_keygen},
	{"diff", "OLD NEW [--format text|json] [--fail-on-replace] [--color WHEN]",
	 "what deploying NEW over OLD does: added, removed, updated, replaced", ivs_cmd_diff},
	{"token", "--key PRIVATE.pem (--channel-arn ARN | --stage-arn ARN --public-key-arn ARN --whip-url URL)\n"
	 "            [options] | --verify --pub PUBLIC.pem TOKEN",
	 "sign or verify a playback or stage participant token (ES384 JWT)", ivs_cmd_token},
};

void ivs_cli_usage(FILE *f, const char *cmd)
{
	for (size_t i = 0; i < IVS_ARRAY_LEN(commands); i++)
		if (!cmd || strcmp(commands[i].name, cmd) == 0)
			fprintf(f, "usage: ivs-tui %s %s\n", commands[i].name, commands[i].args);
}

static const char synopsis[] = "usage: ivs-tui [--theme NAME] [--no-mouse] [--baseline TEMPLATE] [FILE]\n"
                               "       ivs-tui COMMAND [ARGS]\n";

static void help(FILE *f)
{
	fputs(synopsis, f);
	fputs("\nDesign Amazon IVS stacks in a terminal UI; export the CloudFormation template\n"
	      "the AWS CDK (aws-ivs-alpha) synthesizes for the same design.\n\n"
	      "With no FILE, a wizard starts a new stack; with FILE, the editor opens it\n"
	      "(a FILE that does not exist yet is created on save).\n\n"
	      "Commands:\n", f);
	for (size_t i = 0; i < IVS_ARRAY_LEN(commands); i++)
		fprintf(f, "  %-9s %s\n            %s\n", commands[i].name, commands[i].args,
		        commands[i].summary);
	fputs("\nOptions:\n"
	      "  --theme NAME          colour theme (default, dark, light, high-contrast,\n"
	      "                        monochrome)\n"
	      "  --no-mouse            do not take mouse clicks\n"
	      "  --baseline TEMPLATE   mark what a deploy over this template would add, change\n"
	      "                        or replace (default: the last export of the project)\n"
	      "  -h, --help            show this help\n"
	      "  -V, --version         show the version\n\n"
	      "Exit status: 0 ok, 1 the project has errors, 2 usage or I/O problem.\n"
	      "See ivs-tui(1).\n", f);
}

static int usage_error(void)
{
	fputs(synopsis, stderr);
	return IVS_EXIT_USAGE;
}

/* The TUI's options: [--theme NAME] [--theme=NAME] [--no-mouse]
 * [--baseline TEMPLATE] [FILE]. */
static int parse_tui_options(int argc, char **argv, struct ivs_tui_options *o)
{
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--theme") && i + 1 < argc) {
			o->theme = argv[++i];
		} else if (!strncmp(argv[i], "--theme=", 8)) {
			o->theme = argv[i] + 8;
		} else if (!strcmp(argv[i], "--baseline") && i + 1 < argc) {
			o->baseline = argv[++i];
		} else if (!strcmp(argv[i], "--no-mouse")) {
			o->no_mouse = true;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			ivs_error("unknown option: %s", argv[i]);
			return usage_error();
		} else if (o->file) {
			ivs_error("only one FILE can be opened");
			return usage_error();
		} else {
			o->file = argv[i];
		}
	}
	return IVS_EXIT_OK;
}

/* A FILE that does not exist and reads as a word (lower-case letters and
 * dashes, no '.' or '/': no project file is named so) is a mistyped
 * command, not a new project: say so instead of opening an editor. */
static bool mistyped_command(const char *file)
{
	size_t n = strlen(file);
	if (n < 2 || n > 40 || file[0] == '-')
		return false;
	for (const char *c = file; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || *c == '-'))
			return false;
	struct stat st;
	if (lstat(file, &st) == 0 || errno != ENOENT)
		return false;
	/* close: within a third of its length (at least 2 edits) */
	size_t limit = n / 3 > 2 ? n / 3 : 2, bestd = limit + 1;
	const char *best = NULL;
	for (size_t i = 0; i < IVS_ARRAY_LEN(commands); i++) {
		size_t d = ivs_edit_distance(file, commands[i].name, limit);
		if (d < bestd) {
			best = commands[i].name;
			bestd = d;
		}
	}
	if (best) {
		ivs_error("no command '%s' (did you mean '%s'?); a new project needs a file name "
		          "such as %s.yaml", file, best, file);
		return true;
	}
	char list[256] = "";
	for (size_t i = 0; i < IVS_ARRAY_LEN(commands); i++) {
		const char *sep = i == 0 ? "" : i + 1 < IVS_ARRAY_LEN(commands) ? ", " : " or ";
		size_t at = strlen(list);
		snprintf(list + at, sizeof list - at, "%s%s", sep, commands[i].name);
	}
	ivs_error("no command '%s' (did you mean %s?); a new project needs a file name such as "
	          "%s.yaml", file, list, file);
	return true;
}

/* What is left in stdout is written now: output that could not be written
 * (a full disk, /dev/full) is exit 2 with a message, never a silent 0. A
 * command that already failed with 2 has said why. */
static int finish_stdout(int rc)
{
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return rc;
	int e = errno;
	if (rc != IVS_EXIT_USAGE)
		ivs_error("cannot write to standard output: %s",
		          e ? strerror(e) : "write error");
	return IVS_EXIT_USAGE;
}

static int run(int argc, char **argv)
{
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	                  !strcmp(argv[1], "help"))) {
		help(stdout);
		return IVS_EXIT_OK;
	}
	if (argc >= 2 && (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V"))) {
		printf("ivs-tui %s\n", IVS_VERSION);
		return IVS_EXIT_OK;
	}
	if (argc >= 2) {
		for (size_t i = 0; i < IVS_ARRAY_LEN(commands); i++)
			if (strcmp(argv[1], commands[i].name) == 0)
				return commands[i].run(argc - 1, argv + 1);
	}
	/* "valdate x.yaml": the first word, before its arguments count as FILEs */
	if (argc >= 2 && mistyped_command(argv[1]))
		return IVS_EXIT_USAGE;
	struct ivs_tui_options o = {0};
	int rc = parse_tui_options(argc - 1, argv + 1, &o);
	if (rc != IVS_EXIT_OK)
		return rc;
	if (o.file && o.file != argv[1] && mistyped_command(o.file))
		return IVS_EXIT_USAGE;
	return ivs_tui_main(&o);
}

int main(int argc, char **argv)
{
	return finish_stdout(run(argc, argv));
}
