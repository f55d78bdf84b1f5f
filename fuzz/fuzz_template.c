/* fuzz_template.c: arbitrary bytes as a CloudFormation template (JSON or
 * YAML). Whatever the bytes, the reader gives a tree or positioned
 * diagnostics, never a crash, a hang or a leak: a refusal always says why,
 * at a position inside the input; a tree has a position for every value and
 * goes through the shape check, compares equal to itself, and compares
 * against an empty template as all added (and back as all removed).
 * Then import (import.h): never a crash or a leak, never an inexact round
 * trip (import-inexact is a bug), and the project file it writes, comment
 * included, loads back as the same design. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "ivs/diag.h"
#include "ivs/export.h"
#include "ivs/import.h"
#include "ivs/tdiff.h"
#include "ivs/template.h"
#include "ivs/yamlio.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned lines_of(const uint8_t *data, size_t size)
{
	unsigned n = 1;
	for (size_t i = 0; i < size; i++)
		if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= size || data[i + 1] != '\n')))
			n++;
	return n;
}

/* Every value of the tree has a position inside the input. */
static void walk(const struct ivs_template *t, const cJSON *node, unsigned lines, unsigned depth)
{
	struct ivs_pos p = ivs_template_pos(t, node);
	if (p.line == 0 || p.line > lines || p.col == 0)
		abort();
	if (depth > IVS_TEMPLATE_MAX_DEPTH + 1)
		abort();
	for (const cJSON *c = node->child; c; c = c->next)
		walk(t, c, lines, depth + 1);
}

/* Import t: exact when it says so; what it writes loads back. */
static void check_import(const struct ivs_template *t, unsigned lines)
{
	struct ivs_diags d;
	struct ivs_import_result res;
	ivs_diags_init(&d);
	ivs_import(t, NULL, &res, &d);
	for (size_t i = 0; i < d.n; i++)
		if (d.v[i].rule == IVS_RULE_IMPORT_INEXACT || d.v[i].pos.line > lines)
			abort();
	if (res.p) {
		struct ivs_buf text;
		struct ivs_diags ld;
		ivs_buf_init(&text);
		ivs_diags_init(&ld);
		ivs_import_text(&res, "fuzz", &text);
		struct ivs_project *back = ivs_load_buffer("fuzz", text.data, text.len, &ld);
		if (!back)
			abort();   /* the project import wrote does not load */
		cJSON *a = ivs_export_template(res.p), *b = ivs_export_template(back);
		if (!cJSON_Compare(a, b, 1))
			abort();   /* it loads as another design */
		cJSON_Delete(a);
		cJSON_Delete(b);
		ivs_project_free(back);
		ivs_diags_free(&ld);
		ivs_buf_free(&text);
	}
	ivs_import_result_free(&res);
	ivs_diags_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ivs_diags d;
	unsigned lines = lines_of(data, size);

	ivs_diags_init(&d);
	struct ivs_template *t = ivs_template_parse("fuzz", (const char *)data, size, &d);
	if (!t) {
		if (d.errors == 0)
			abort();   /* refused without saying why */
	} else {
		walk(t, t->root, lines, 1);
		ivs_template_check(t, &d);
		/* the comparison: a template against itself changes nothing;
		 * against an empty one, everything is added, and both writers cope */
		struct ivs_tdiff *same = ivs_tdiff_compare(t->root, t->root);
		if (ivs_tdiff_changed(same))
			abort();
		ivs_tdiff_free(same);
		cJSON *empty = cJSON_Parse("{\"Resources\": {}}");
		struct ivs_tdiff *all = ivs_tdiff_compare(empty, t->root);
		struct ivs_buf text;
		ivs_buf_init(&text);
		ivs_tdiff_write_text(all, "a", "b", true, &text);
		ivs_buf_free(&text);
		free(ivs_tdiff_write_json(all, "a", "b"));
		for (size_t i = 0; i < all->nres; i++)
			if (all->res[i].change != IVS_TDIFF_ADDED)
				abort();
		ivs_tdiff_free(all);
		all = ivs_tdiff_compare(t->root, empty);
		for (size_t i = 0; i < all->nres; i++)
			if (all->res[i].change != IVS_TDIFF_REMOVED)
				abort();
		ivs_tdiff_free(all);
		cJSON_Delete(empty);
		check_import(t, lines);
	}
	for (size_t i = 0; i < d.n; i++)
		if (d.v[i].pos.line > lines)
			abort();   /* a position outside the input */
	FILE *null = fopen("/dev/null", "w");
	if (null) {
		ivs_diags_print(null, "fuzz", &d);
		fclose(null);
	}
	free(ivs_diags_json("fuzz", &d));
	ivs_template_free(t);
	ivs_diags_free(&d);
	return 0;
}
