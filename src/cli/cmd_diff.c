/* cmd_diff.c: `ivs-tui diff OLD NEW [--format text|json] [--fail-on-replace]
 * [--color auto|always|never]`.
 *
 * Each side is a project (a file with `ivs_tui:`; validated and exported
 * first, as `export` does) or a CloudFormation template, JSON or YAML
 * (short-form intrinsics too), as `aws cloudformation get-template`
 * returns. The two templates are compared (tdiff.h) and the result printed:
 * text (coloured on a terminal unless NO_COLOR is set; plain when piped)
 * or JSON. Exit status as diff(1): 0 no change, 1 changes, 2 trouble
 * (usage, unreadable file, a project with errors, a file that is not a
 * template); with --fail-on-replace, 3 when anything would be replaced. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd_load.h"
#include "ivs/cli.h"
#include "ivs/export.h"
#include "ivs/fsutil.h"
#include "ivs/tdiff.h"
#include "ivs/template.h"
#include "ivs/validate.h"
#include "ivs/yamlio.h"

enum { DIFF_SAME = 0, DIFF_CHANGES = 1, DIFF_TROUBLE = 2, DIFF_REPLACES = 3 };

static void usage_help(FILE *f)
{
	ivs_cli_usage(f, "diff");
	fputs("\nCompare what deploying NEW over OLD would do, resource by resource: added,\n"
	      "removed, updated in place, or replaced (a create-only property or the logical\n"
	      "id changed), with what each replacement or removal costs. Each side is a\n"
	      "project (exported first) or a CloudFormation template, JSON or YAML, such as\n"
	      "`aws cloudformation get-template` returns. - reads standard input (one side).\n\n"
	      "  -f, --format FMT     text (default) or json\n"
	      "      --fail-on-replace  exit 3 when any resource would be replaced\n"
	      "      --color WHEN     auto (default: on a terminal, unless NO_COLOR is set),\n"
	      "                       always or never\n"
	      "  -h, --help           show this help\n\n"
	      "Exit status: 0 no change, 1 changes, 2 trouble, 3 a replacement with\n"
	      "--fail-on-replace.\n",
	      f);
}

static int usage_error(void)
{
	ivs_cli_usage(stderr, "diff");
	return DIFF_TROUBLE;
}

static char *read_all(const char *path, size_t *len, char **err)
{
	if (strcmp(path, "-") != 0)
		return ivs_read_file(path, IVS_TEMPLATE_MAX_BYTES, len, err);
	struct ivs_buf b;
	char chunk[65536];
	size_t n;
	ivs_buf_init(&b);
	ivs_buf_add(&b, "", 0);
	while (b.len <= IVS_TEMPLATE_MAX_BYTES && (n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		ivs_buf_add(&b, chunk, n);
	if (ferror(stdin) || b.len > IVS_TEMPLATE_MAX_BYTES) {
		ivs_buf_free(&b);
		*err = ivs_xstrdup(ferror(stdin) ? "cannot read standard input"
		                                 : "standard input is larger than 64 MiB");
		return NULL;
	}
	*len = b.len;
	return ivs_buf_steal(&b);
}

/* A project file: `ivs_tui:` as a key at the start of a line. */
static bool looks_like_project(const char *data, size_t len)
{
	for (size_t i = 0; i + 8 <= len; i++) {
		if ((i == 0 || data[i - 1] == '\n') && strncmp(data + i, "ivs_tui", 7) == 0) {
			size_t k = i + 7;
			while (k < len && data[k] == ' ')
				k++;
			if (k < len && data[k] == ':')
				return true;
		}
	}
	return false;
}

/* The template of one side (caller frees), or NULL with the reason printed. */
static cJSON *side_template(const char *path, bool *is_project)
{
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	struct ivs_diags d;
	char *err = NULL;
	size_t len = 0;
	cJSON *out = NULL;

	*is_project = false;
	char *data = read_all(path, &len, &err);
	if (!data) {
		ivs_cli_error("diff: %s; check the file name and its permissions", err ? err : path);
		free(err);
		return NULL;
	}
	ivs_diags_init(&d);
	if (looks_like_project(data, len)) {
		*is_project = true;
		struct ivs_project *p = ivs_load_buffer(name, data, len, &d);
		if (p) {
			ivs_validate_all(p);
			ivs_validate_collect(p, &d);
		}
		ivs_diags_sort(&d);
		ivs_diags_print(stderr, name, &d);
		if (!p || d.errors)
			ivs_cli_error("diff: %s has %zu %s; fix the project before comparing it", name,
			              d.errors, ivs_cli_plural(d.errors, "error", "errors"));
		else
			out = ivs_export_template(p);
		ivs_project_free(p);
	} else {
		struct ivs_template *t = ivs_template_parse(name, data, len, &d);
		if (t && ivs_template_check(t, &d)) {
			out = t->root;
			t->root = NULL;
		}
		ivs_template_free(t);
		ivs_diags_print(stderr, name, &d);
		if (!out)
			ivs_cli_error("diff: %s cannot be read as a CloudFormation template or a project",
			              name);
	}
	ivs_diags_free(&d);
	free(data);
	return out;
}

int ivs_cmd_diff(int argc, char **argv)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{"fail-on-replace", no_argument, NULL, 'r'},
		{"color", required_argument, NULL, 'c'},
		{"colour", required_argument, NULL, 'c'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	bool json = false, fail_on_replace = false, old_project, new_project;
	int c, color = -1;

	optind = 0;     /* glibc: full re-initialisation */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "f:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "json") == 0) {
				json = true;
			} else if (strcmp(optarg, "text") == 0) {
				json = false;
			} else {
				ivs_cli_error("diff: unknown format '%s' (text or json)", optarg);
				return usage_error();
			}
			break;
		case 'r': fail_on_replace = true; break;
		case 'c':
			if (strcmp(optarg, "always") == 0) {
				color = 1;
			} else if (strcmp(optarg, "never") == 0) {
				color = 0;
			} else if (strcmp(optarg, "auto") == 0) {
				color = -1;
			} else {
				ivs_cli_error("diff: unknown --color '%s' (auto, always or never)", optarg);
				return usage_error();
			}
			break;
		case 'h': usage_help(stdout); return DIFF_SAME;
		default:
			if (optopt == 'f')
				ivs_cli_error("diff: -%c needs a value", optopt);
			else if (optopt)
				ivs_cli_error("diff: unknown option '-%c'", optopt);
			else
				ivs_cli_error("diff: unknown option '%s'", argv[optind - 1]);
			return usage_error();
		}
	}
	if (argc - optind != 2) {
		ivs_cli_error("diff: give two files, OLD and NEW (%d given)", argc - optind);
		return usage_error();
	}
	const char *old_path = argv[optind], *new_path = argv[optind + 1];
	if (strcmp(old_path, "-") == 0 && strcmp(new_path, "-") == 0) {
		ivs_cli_error("diff: only one side can be standard input");
		return usage_error();
	}
	if (color < 0) {
		const char *nc = getenv("NO_COLOR");
		color = !json && isatty(STDOUT_FILENO) && !(nc && *nc);
	}

	cJSON *old_t = side_template(old_path, &old_project);
	cJSON *new_t = old_t ? side_template(new_path, &new_project) : NULL;
	if (!old_t || !new_t) {
		cJSON_Delete(old_t);
		return DIFF_TROUBLE;
	}
	struct ivs_tdiff *d = ivs_tdiff_compare(old_t, new_t);
	const char *on = strcmp(old_path, "-") == 0 ? "<stdin>" : old_path;
	const char *nn = strcmp(new_path, "-") == 0 ? "<stdin>" : new_path;
	int status = !ivs_tdiff_changed(d) ? DIFF_SAME
	           : fail_on_replace && ivs_tdiff_replaces(d) ? DIFF_REPLACES : DIFF_CHANGES;
	bool ok;
	if (json) {
		char *s = ivs_tdiff_write_json(d, on, nn);
		ok = fputs(s, stdout) >= 0 && fputc('\n', stdout) != EOF;
		free(s);
	} else {
		struct ivs_buf text;
		ivs_buf_init(&text);
		ivs_tdiff_write_text(d, on, nn, color != 0, &text);
		ok = fwrite(text.data, 1, text.len, stdout) == text.len;
		ivs_buf_free(&text);
	}
	if (fflush(stdout) != 0 || !ok) {
		ivs_cli_error("diff: cannot write to standard output");
		status = DIFF_TROUBLE;
	}
	ivs_tdiff_free(d);
	cJSON_Delete(old_t);
	cJSON_Delete(new_t);
	return status;
}
