/* main.c: ivs-tui's entry point; dispatches to the subcommands. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ivs/cli.h"
#include "ivs/tui.h"

static const struct ivs_cmd commands[] = {
	{"validate", "[-q] [--format text|json] FILE...",
	 "check a project; print FILE:LINE:COL diagnostics", ivs_cmd_validate},
	{"export", "FILE [-o OUT] [--format json|yaml]",
	 "write the CloudFormation template of a project", ivs_cmd_export},
	{"keygen", "-o PRIVATE.pem [--force] [--add FILE --id NAME]",
	 "make a P-384 playback key pair; print the public key", ivs_cmd_keygen},
	{"diff", "OLD NEW [--format text|json] [--fail-on-replace] [--color WHEN]",
	 "what deploying NEW over OLD does: added, removed, updated, replaced", ivs_cmd_diff},
	{"token", "--key PRIVATE.pem --channel-arn ARN [options] | --verify --pub PUBLIC.pem TOKEN",
	 "sign or verify a playback token (ES384 JWT)", ivs_cmd_token},
};

void ivs_cli_usage(FILE *f, const char *cmd)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!cmd || strcmp(commands[i].name, cmd) == 0)
			fprintf(f, "usage: ivs-tui %s %s\n", commands[i].name, commands[i].args);
}

static void help(FILE *f)
{
	fputs("usage: ivs-tui [--theme NAME] [--no-mouse] [--baseline TEMPLATE] [FILE]\n"
	      "       ivs-tui COMMAND [ARGS]\n\n"
	      "Design Amazon IVS stacks in a terminal UI; export the CloudFormation template\n"
	      "the AWS CDK (aws-ivs-alpha) synthesizes for the same design.\n\n"
	      "With no FILE, a wizard starts a new stack; with FILE, the editor opens it\n"
	      "(a FILE that does not exist yet is created on save).\n\n"
	      "Commands:\n", f);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-9s %s\n            %s\n", commands[i].name, commands[i].args,
		        commands[i].summary);
	fputs("\nOptions:\n"
	      "  --theme NAME   colour theme (default, dark, light, high-contrast, monochrome)\n"
	      "  --no-mouse     do not take mouse clicks\n"
	      "  --baseline TEMPLATE  compare the design with this deployed template\n"
	      "  -h, --help     show this help\n"
	      "  -V, --version  show the version\n\n"
	      "Exit status: 0 ok, 1 the project has errors, 2 usage or I/O problem.\n"
	      "See ivs-tui(1).\n", f);
}

int main(int argc, char **argv)
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
		for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
			if (strcmp(argv[1], commands[i].name) == 0)
				return commands[i].run(argc - 1, argv + 1);
	}
	return ivs_tui_main(argc - 1, argv + 1);
}
