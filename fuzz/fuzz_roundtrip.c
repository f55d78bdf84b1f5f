/* fuzz_roundtrip.c: what loads must save, load back, and save to the same
 * bytes; the saved file must mean the same (same diagnostics count, same
 * template). Any difference aborts, with both texts on stderr. Comments
 * are kept (comments.c), so the same holds for them: the seeds
 * (fuzz/seeds/roundtrip, tests/comments) and the dictionary have them in
 * every place. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/diag.h"
#include "ivs/export.h"
#include "ivs/model.h"
#include "ivs/validate.h"
#include "ivs/yamlio.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void die(const char *what, const struct ivs_buf *a, const struct ivs_buf *b,
                const struct ivs_diags *d)
{
	fprintf(stderr, "roundtrip: %s\n--- first save:\n%s\n", what, a ? a->data : "");
	if (b)
		fprintf(stderr, "--- second save:\n%s\n", b->data);
	if (d)
		ivs_diags_print(stderr, "saved.yaml", d);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ivs_diags diags;
	struct ivs_buf s1, s2;
	struct ivs_project *p, *q;

	ivs_diags_init(&diags);
	p = ivs_load_buffer("fuzz.yaml", (const char *)data, size, &diags);
	ivs_diags_free(&diags);
	if (!p)
		return 0;
	ivs_buf_init(&s1);
	ivs_buf_init(&s2);
	ivs_save_buffer(p, &s1);
	ivs_diags_init(&diags);
	q = ivs_load_buffer("saved.yaml", s1.data, s1.len, &diags);
	if (!q)
		die("the saved file does not load", &s1, NULL, &diags);
	ivs_save_buffer(q, &s2);
	if (s1.len != s2.len || memcmp(s1.data, s2.data, s1.len) != 0)
		die("saving the loaded save gives other bytes", &s1, &s2, NULL);

	ivs_validate_all(p);
	ivs_validate_all(q);
	if (ivs_validate_errors(p) != ivs_validate_errors(q) ||
	    ivs_validate_warnings(p) != ivs_validate_warnings(q))
		die("the saved file validates differently", &s1, NULL, NULL);
	if (ivs_validate_errors(p) == 0) {
		cJSON *a = ivs_export_template(p), *b = ivs_export_template(q);
		if (!cJSON_Compare(a, b, 1))
			die("the saved file exports another template", &s1, NULL, NULL);
		cJSON_Delete(a);
		cJSON_Delete(b);
	}
	ivs_diags_free(&diags);
	ivs_buf_free(&s1);
	ivs_buf_free(&s2);
	ivs_project_free(p);
	ivs_project_free(q);
	return 0;
}
