/* fuzz_load.c: arbitrary bytes as a project file. Whatever the bytes, the
 * loader gives diagnostics or a model, never a crash, a hang or a leak; a
 * model is then validated (fully, and again incrementally after an edit),
 * and exported the way the CLI and the TUI preview do. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "ivs/diag.h"
#include "ivs/export.h"
#include "ivs/model.h"
#include "ivs/validate.h"
#include "ivs/yamlio.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void preview(struct ivs_res *r, void *ctx)
{
	const struct ivs_project *p = ctx;
	cJSON *frag = ivs_export_fragment(p, r);
	char *id = ivs_export_logical_id(r);
	struct ivs_buf path;

	ivs_buf_init(&path);
	ivs_res_path(r, -1, &path);
	ivs_buf_free(&path);
	free(id);
	cJSON_Delete(frag);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ivs_diags diags, all;
	struct ivs_project *p;
	struct ivs_buf out;

	ivs_diags_init(&diags);
	ivs_diags_init(&all);
	ivs_buf_init(&out);
	p = ivs_load_buffer("fuzz.yaml", (const char *)data, size, &diags);
	/* The CLI prints diagnostics as text and JSON: both must cope with
	 * whatever the loader quoted from the input. */
	FILE *null = fopen("/dev/null", "w");
	if (null) {
		ivs_diags_print(null, "fuzz.yaml", &diags);
		fclose(null);
	}
	free(ivs_diags_json("fuzz.yaml", &diags));
	if (!p) {
		if (diags.errors == 0)
			abort();   /* refused without saying why */
		goto out;
	}
	ivs_validate_all(p);
	ivs_validate_collect(p, &all);
	free(ivs_diags_json("fuzz.yaml", &all));
	ivs_project_each(p, preview, p);
	if (ivs_validate_errors(p) == 0) {
		cJSON *t = ivs_export_template(p);
		ivs_export_write(t, IVS_EXPORT_JSON, &out);
		ivs_export_write(t, IVS_EXPORT_YAML, &out);
		cJSON_Delete(t);
	}
out:
	ivs_buf_free(&out);
	ivs_diags_free(&all);
	ivs_diags_free(&diags);
	ivs_project_free(p);
	return 0;
}
