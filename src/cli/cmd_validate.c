/* cmd_validate.c: `ivs-tui validate [-q] [--format text|json] FILE...`.
 *
 * The diagnostics are the command's data: they go to stdout, one
 * "FILE:LINE:COL: error|warning: message [rule-id]" per line, or with
 * --format json one JSON array for all files, written as it goes (never
 * held whole in memory). At most IVS_DIAGS_LIMIT diagnostics a file are
 * listed; a last line (entry) "… and N more" counts the rest. A summary per file
 * ("FILE: 2 errors, 1 warning") goes to stderr unless -q. Exit status:
 * 0 no errors (warnings allowed), 1 some file has errors, 2 a usage
 * problem or a file that could not be read. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_load.h"
#include "ivs/cli.h"

static void usage_help(FILE *f)
{
	ivs_cli_usage(f, "validate");
	fputs("\nCheck project files; print every problem as FILE:LINE:COL: error|warning:\n"
	      "message [rule-id] on standard output (- reads standard input).\n\n"
	      "  -f, --format FMT  text (default) or json: one JSON array of diagnostics\n"
	      "  -q, --quiet       no summary line on standard error\n"
	      "  -h, --help        show this help\n\n"
	      "Exit status: 0 no errors (warnings allowed), 1 errors, 2 usage or I/O problem.\n",
	      f);
}

static void io_message(const char *name, const struct ivs_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		if (d->v[i].rule != IVS_RULE_IO_ERROR)
			continue;
		/* escaped: a file name must not drive the terminal */
		struct ivs_buf b;
		ivs_buf_init(&b);
		if (!strstr(d->v[i].msg, name)) {
			ivs_text_escape(&b, name);
			ivs_buf_puts(&b, ": ");
		}
		ivs_text_escape(&b, d->v[i].msg);
		ivs_cli_error("%s", b.data ? b.data : "");
		ivs_buf_free(&b);
	}
}

int ivs_cmd_validate(int argc, char **argv)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	bool json = false, quiet = false;
	int c, status = IVS_EXIT_OK;
	size_t count = 0;

	optind = 0;     /* glibc: full re-initialisation (the command may run twice) */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "f:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "json") == 0) {
				json = true;
			} else if (strcmp(optarg, "text") == 0) {
				json = false;
			} else {
				ivs_cli_error("validate: unknown format '%s' (text or json)", optarg);
				return IVS_EXIT_USAGE;
			}
			break;
		case 'q': quiet = true; break;
		case 'h': usage_help(stdout); return IVS_EXIT_OK;
		default:
			if (optopt == 'f')
				ivs_cli_error("validate: --format needs a value (text or json)");
			else if (optopt)
				ivs_cli_error("validate: unknown option '-%c'", optopt);
			else
				ivs_cli_error("validate: unknown option '%s'", argv[optind - 1]);
			ivs_cli_usage(stderr, "validate");
			return IVS_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		ivs_cli_error("validate: no FILE given");
		ivs_cli_usage(stderr, "validate");
		return IVS_EXIT_USAGE;
	}
	for (int i = optind; i < argc; i++) {
		struct ivs_diags d;
		const char *name;
		bool io_error;

		ivs_diags_init(&d);
		struct ivs_project *p = ivs_cli_load(argv[i], &name, &d, &io_error);
		if (io_error) {
			io_message(name, &d);
			status = IVS_EXIT_USAGE;
		} else {
			if (json)
				ivs_diags_json_write(stdout, name, &d, &count);
			else
				ivs_diags_print(stdout, name, &d);
			if (d.errors && status == IVS_EXIT_OK)
				status = IVS_EXIT_INVALID;
			if (!quiet) {
				struct ivs_buf shown;   /* the name, escaped as in the diagnostics */
				ivs_buf_init(&shown);
				ivs_text_escape(&shown, name);
				fprintf(stderr, "%s: %zu %s, %zu %s\n", shown.data ? shown.data : "", d.errors,
				        ivs_cli_plural(d.errors, "error", "errors"), d.warnings,
				        ivs_cli_plural(d.warnings, "warning", "warnings"));
				ivs_buf_free(&shown);
			}
		}
		ivs_project_free(p);
		ivs_diags_free(&d);
	}
	if (json)
		ivs_diags_json_end(stdout, count);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		ivs_cli_error("validate: cannot write to standard output");
		return IVS_EXIT_USAGE;
	}
	return status;
}
