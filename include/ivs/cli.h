/* cli.h: the command-line front end. Each subcommand is one function in
 * its own src/cli/cmd_*.c file and one row of the table in main.c (tmux's
 * cmd_entry). Conventions: data to stdout, messages to stderr prefixed
 * "ivs-tui: "; exit 0 ok, 1 the input has errors (or a check failed),
 * 2 usage or I/O problem. argv[0] is the subcommand name. */
#ifndef IVS_CLI_H
#define IVS_CLI_H

#include <stdio.h>

enum { IVS_EXIT_OK = 0, IVS_EXIT_INVALID = 1, IVS_EXIT_USAGE = 2 };

struct ivs_cmd {
	const char *name;
	const char *args;       /* "FILE [--format text|json]" */
	const char *summary;    /* one line for --help */
	int (*run)(int argc, char **argv);
};

int ivs_cmd_validate(int argc, char **argv);
int ivs_cmd_export(int argc, char **argv);
int ivs_cmd_keygen(int argc, char **argv);
int ivs_cmd_token(int argc, char **argv);
int ivs_cmd_diff(int argc, char **argv);

/* Prints "ivs-tui: " + message + "\n" to stderr. */
void ivs_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the usage line of one command to f. */
void ivs_cli_usage(FILE *f, const char *cmd);

#endif
