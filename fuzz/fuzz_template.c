/* fuzz_template.c: arbitrary bytes as a CloudFormation template (JSON or
 * YAML). Whatever the bytes, the reader gives a tree or positioned
 * diagnostics, never a crash, a hang or a leak: a refusal always says why,
 * at a position inside the input; a tree has a position for every value and
 * goes through the shape check. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "ivs/diag.h"
#include "ivs/template.h"

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
