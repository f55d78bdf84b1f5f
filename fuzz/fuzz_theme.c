/* fuzz_theme.c: arbitrary bytes as a theme file: diagnostics or a theme,
 * never a crash, a hang or a leak; a theme that parses has every role in
 * range. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "ivs/diag.h"
#include "ivs/theme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ivs_theme t;
	struct ivs_theme_diags diags;

	ivs_theme_diags_init(&diags);
	int rc = ivs_theme_parse("fuzz.yaml", (const char *)data, size, &t, &diags);
	if (rc != 0 && diags.errors == 0)
		abort();   /* refused without saying why */
	for (int i = 0; i < IVS_COLOR_COUNT; i++) {
		const struct ivs_color_spec *c = &t.roles[i];
		if (c->fg < -1 || c->fg > 255 || c->bg < -1 || c->bg > 255 ||
		    (c->attrs & ~(IVS_ATTR_BOLD | IVS_ATTR_UNDERLINE | IVS_ATTR_REVERSE | IVS_ATTR_DIM)))
			abort();
	}
	FILE *null = fopen("/dev/null", "w");
	if (null) {
		ivs_theme_diags_print(null, "fuzz.yaml", &diags);
		fclose(null);
	}
	ivs_theme_free(&t);
	ivs_theme_diags_free(&diags);
	return 0;
}
