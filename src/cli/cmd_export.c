/* cmd_export.c: `ivs-tui export FILE [-o OUT] [--format json|yaml]`.
 *
 * Loads and validates FILE ("-": stdin). A project with errors is refused:
 * the diagnostics go to stderr and the exit status is 1. Warnings go to
 * stderr too, and the export goes on. The template goes to stdout, or with
 * -o to OUT, written atomically (an existing OUT is untouched when anything
 * fails; exit status 2 with the reason). Without --format, an OUT ending in
 * .yaml or .yml gets YAML, anything else JSON. -o - is standard output; an
 * OUT that is FILE itself (same device and inode) is refused; a read-only
 * OUT is refused without --force; a symbolic link is followed (its target
 * replaced in its own folder); a device or FIFO is written directly. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_load.h"
#include "ivs/cli.h"
#include "ivs/export.h"
#include "ivs/fsutil.h"

static void usage_help(FILE *f)
{
	ivs_cli_usage(f, "export");
	fputs("\nWrite the CloudFormation template the AWS CDK (aws-ivs-alpha) synthesizes for\n"
	      "the project FILE (- reads standard input). A project with errors is refused.\n\n"
	      "  -o, --output OUT  write to OUT (atomically) instead of standard output;\n"
	      "                    - is standard output; a link is followed, a device or\n"
	      "                    a FIFO is written directly; never FILE itself\n"
	      "  -f, --format FMT  json (default) or yaml; with -o OUT.yaml/.yml, yaml\n"
	      "      --force       replace OUT even when it is read-only\n"
	      "  -h, --help        show this help\n\n"
	      "Exit status: 0 written, 1 the project has errors, 2 usage or I/O problem.\n",
	      f);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int usage_error(void)
{
	ivs_cli_usage(stderr, "export");
	return IVS_EXIT_USAGE;
}

/* Writes the template text; returns an exit status. */
static int write_out(const char *out, const struct ivs_buf *text, bool force)
{
	if (out && strcmp(out, "-") != 0) {
		char *err = NULL;
		if (ivs_write_file(out, text->data, text->len, 0644, force ? IVS_WRITE_FORCE : 0,
		                   &err) != 0) {
			if (errno == EACCES && err && strstr(err, "read-only")) {
				free(err);
				err = ivs_xasprintf("%s is read-only; nothing written (--force replaces it)",
				                    out);
			}
			ivs_cli_error("export: %s", err ? err : "cannot write the output");
			free(err);
			return IVS_EXIT_USAGE;
		}
		return IVS_EXIT_OK;
	}
	if (fwrite(text->data, 1, text->len, stdout) != text->len || fflush(stdout) != 0) {
		ivs_cli_error("export: cannot write to standard output");
		return IVS_EXIT_USAGE;
	}
	return IVS_EXIT_OK;
}

int ivs_cmd_export(int argc, char **argv)
{
	static const struct option opts[] = {
		{"output", required_argument, NULL, 'o'},
		{"format", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{"force", no_argument, NULL, 'F'},
		{NULL, 0, NULL, 0},
	};
	const char *out = NULL, *file, *name;
	int c, fmt = -1, status;
	struct ivs_diags d;
	bool io_error, force = false;

	optind = 0;     /* glibc: full re-initialisation */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:f:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'f':
			if (strcmp(optarg, "json") == 0) {
				fmt = IVS_EXPORT_JSON;
			} else if (strcmp(optarg, "yaml") == 0) {
				fmt = IVS_EXPORT_YAML;
			} else {
				ivs_cli_error("export: unknown format '%s' (json or yaml)", optarg);
				return usage_error();
			}
			break;
		case 'h': usage_help(stdout); return IVS_EXIT_OK;
		case 'F': force = true; break;
		default:
			if (optopt == 'o' || optopt == 'f')
				ivs_cli_error("export: -%c needs a value", optopt);
			else if (optopt)
				ivs_cli_error("export: unknown option '-%c'", optopt);
			else
				ivs_cli_error("export: unknown option '%s'", argv[optind - 1]);
			return usage_error();
		}
	}
	if (optind >= argc) {
		ivs_cli_error("export: no FILE given");
		return usage_error();
	}
	if (argc - optind > 1) {
		ivs_cli_error("export: one FILE at a time ('%s' is one too many)", argv[optind + 1]);
		return usage_error();
	}
	file = argv[optind];
	if (out && *out == '\0') {
		ivs_cli_error("export: -o needs a file name");
		return usage_error();
	}
	/* `export p.yaml -o p.yaml` (any spelling: the same device and
	 * inode) would replace the project with its template. */
	if (out && strcmp(out, "-") != 0 && strcmp(file, "-") != 0 && ivs_same_file(file, out)) {
		ivs_cli_error("export: %s is the project %s itself; nothing written (give another "
		              "output name)", out, file);
		return IVS_EXIT_USAGE;
	}
	if (fmt < 0)
		fmt = out && (ends_with(out, ".yaml") || ends_with(out, ".yml")) ? IVS_EXPORT_YAML
		                                                                 : IVS_EXPORT_JSON;

	ivs_diags_init(&d);
	struct ivs_project *p = ivs_cli_load(file, &name, &d, &io_error);
	if (io_error) {
		for (size_t i = 0; i < d.n; i++)
			if (d.v[i].rule == IVS_RULE_IO_ERROR) {
				struct ivs_buf b;   /* escaped, as diagnostics are */
				ivs_buf_init(&b);
				ivs_text_escape(&b, d.v[i].msg);
				ivs_cli_error("export: %s", b.data ? b.data : "");
				ivs_buf_free(&b);
			}
		status = IVS_EXIT_USAGE;
	} else {
		ivs_diags_print(stderr, name, &d);
		if (!p || d.errors) {
			ivs_cli_error("export: %s has %zu %s; nothing written", name, d.errors,
			              ivs_cli_plural(d.errors, "error", "errors"));
			status = IVS_EXIT_INVALID;
		} else {
			struct ivs_buf text;
			cJSON *tmpl = ivs_export_template(p);
			ivs_buf_init(&text);
			ivs_export_write(tmpl, (enum ivs_export_format)fmt, &text);
			cJSON_Delete(tmpl);
			status = write_out(out, &text, force);
			ivs_buf_free(&text);
		}
	}
	ivs_project_free(p);
	ivs_diags_free(&d);
	return status;
}
