/* cli.h: the command-line front end. Each subcommand is one function in
 * its own src/cli/cmd_*.c file and one row of the table in main.c (tmux's
 * cmd_entry). Conventions: data to stdout, messages to stderr prefixed
 * "ivs-tui: " (msg.h); exit 0 ok, 1 the input has errors (or a check
 * failed), 2 usage or I/O problem. argv[0] is the subcommand name. */
#ifndef IVS_CLI_H
#define IVS_CLI_H

#include <stdio.h>

#include "ivs/msg.h"

struct ivs_cmd {
	const char *name;
	const char *args;       /* "FILE [--format text|json]" */
	const char *summary;    /* one line for --help */
	int (*run)(int argc, char **argv);
};

int ivs_cmd_validate(int argc, char **argv);
int ivs_cmd_export(int argc, char **argv);
int ivs_cmd_import(int argc, char **argv);
int ivs_cmd_keygen(int argc, char **argv);
int ivs_cmd_token(int argc, char **argv);
int ivs_cmd_diff(int argc, char **argv);

/* The subcommands' name for ivs_error (msg.h), shared with the TUI. */
#define ivs_cli_error ivs_error
/* Prints the usage line of one command to f (main.c: the one usage text). */
void ivs_cli_usage(FILE *f, const char *cmd);

#endif
