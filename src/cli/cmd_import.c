/* cmd_import.c: `ivs-tui import TEMPLATE [-o PROJECT] [--stack-name NAME]
 * [--keep-going] [--force]`: a CloudFormation template (JSON or YAML) into a
 * project whose export gives the template back (import.h).
 *
 * The project goes to stdout, or with -o to PROJECT (written atomically; an
 * existing PROJECT is kept unless --force). The written project's own
 * problems follow, as validate lists them. Exit status: 0 the round trip is
 * exact and the project has no errors; 1 something was left out (listed on
 * stderr; without --keep-going nothing is written when a value had to be
 * left out) or the project has errors; 2 usage, I/O, or a file that is not
 * a CloudFormation template. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/cli.h"
#include "ivs/fsutil.h"
#include "ivs/import.h"
#include "ivs/validate.h"

static void usage_help(FILE *f)
{
	ivs_cli_usage(f, "import");
	fputs("\nTurn a CloudFormation template (JSON or YAML, - reads standard input) into a\n"
	      "project whose export gives the same template back, so that the stack is\n"
	      "adopted, not replaced.\n\n"
	      "  -o, --output PROJECT   write the project to PROJECT instead of standard output\n"
	      "  -s, --stack-name NAME  the stack's name (default: from the template's\n"
	      "                         aws:cdk:path metadata or generated channel names)\n"
	      "  -k, --keep-going       write the project even when values had to be left out\n"
	      "  -f, --force            replace an existing PROJECT\n"
	      "  -h, --help             show this help\n\n"
	      "Exit status: 0 exact, 1 something was left out (listed), 2 usage, I/O, or not\n"
	      "a CloudFormation template.\n",
	      f);
}

static int usage_error(void)
{
	ivs_cli_usage(stderr, "import");
	return IVS_EXIT_USAGE;
}

static int write_out(const char *out, bool force, const struct ivs_buf *text)
{
	if (out) {
		char *err = NULL;
		if (ivs_write_new(out, text->data, text->len, 0644, force, &err) != 0) {
			ivs_cli_error("import: %s%s", err ? err : "cannot write the project",
			              force ? "" : " (--force replaces an existing file)");
			free(err);
			return IVS_EXIT_USAGE;
		}
		return IVS_EXIT_OK;
	}
	if (fwrite(text->data, 1, text->len, stdout) != text->len || fflush(stdout) != 0) {
		ivs_cli_error("import: cannot write to standard output");
		return IVS_EXIT_USAGE;
	}
	return IVS_EXIT_OK;
}

int ivs_cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {
		{"output", required_argument, NULL, 'o'},
		{"stack-name", required_argument, NULL, 's'},
		{"keep-going", no_argument, NULL, 'k'},
		{"force", no_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *out = NULL, *stack = NULL;
	bool keep_going = false, force = false;
	int c, status;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:s:kfh", opts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 's': stack = optarg; break;
		case 'k': keep_going = true; break;
		case 'f': force = true; break;
		case 'h': usage_help(stdout); return IVS_EXIT_OK;
		default:
			if (optopt == 'o' || optopt == 's')
				ivs_cli_error("import: -%c needs a value", optopt);
			else if (optopt)
				ivs_cli_error("import: unknown option '-%c'", optopt);
			else
				ivs_cli_error("import: unknown option '%s'", argv[optind - 1]);
			return usage_error();
		}
	}
	if (optind >= argc) {
		ivs_cli_error("import: no TEMPLATE given");
		return usage_error();
	}
	if (argc - optind > 1) {
		ivs_cli_error("import: one TEMPLATE at a time ('%s' is one too many)", argv[optind + 1]);
		return usage_error();
	}
	if (out && !*out) {
		ivs_cli_error("import: -o needs a file name");
		return usage_error();
	}
	if (stack && !ivs_chars_stack_name(stack)) {
		ivs_cli_error("import: --stack-name '%s' must start with a letter and contain only "
		              "letters, digits and hyphens", stack);
		return usage_error();
	}
	const char *file = argv[optind];
	const char *name = strcmp(file, "-") ? file : "<stdin>";
	struct ivs_diags d;
	ivs_diags_init(&d);
	struct ivs_template *t = ivs_template_load(file, &d);
	if (!t) {
		ivs_diags_print(stderr, name, &d);
		ivs_diags_free(&d);
		return IVS_EXIT_USAGE;
	}
	char *stem = strcmp(file, "-") ? ivs_import_stack_name_of(file) : NULL;
	struct ivs_import_opts o = {.stack_name = stack, .fallback_stack_name = stem};
	struct ivs_import_result res;
	ivs_import(t, &o, &res, &d);
	ivs_diags_sort(&d);
	ivs_diags_print(stderr, name, &d);
	if (res.trouble || !res.p) {
		status = IVS_EXIT_USAGE;
	} else if (d.errors && !keep_going) {
		ivs_cli_error("import: %zu %s the project cannot hold as the template says; nothing "
		              "written (--keep-going writes it anyway, with a comment listing them)",
		              d.errors, d.errors == 1 ? "thing" : "things");
		status = IVS_EXIT_INVALID;
	} else {
		/* The project's own problems, as validate would list them: an
		 * exact import of a template CloudFormation would refuse (a name
		 * with a space) is still a project export refuses. */
		struct ivs_diags vd;
		ivs_diags_init(&vd);
		ivs_validate_all(res.p);
		ivs_validate_collect(res.p, &vd);
		ivs_diags_print(stderr, out ? out : "<project>", &vd);
		struct ivs_buf text;
		ivs_buf_init(&text);
		ivs_import_text(&res, name, &text);
		status = write_out(out, force, &text);
		ivs_buf_free(&text);
		if (status == IVS_EXIT_OK && (res.nleft_out || vd.errors))
			status = IVS_EXIT_INVALID;
		ivs_diags_free(&vd);
	}
	free(stem);
	ivs_import_result_free(&res);
	ivs_template_free(t);
	ivs_diags_free(&d);
	return status;
}
