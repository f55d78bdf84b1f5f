/* testutil.h: shared helpers for the cmocka unit tests. */
#ifndef IVS_TESTUTIL_H
#define IVS_TESTUTIL_H

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ivs/model.h"

/* Directory of test data: tests/ (the runner sets IVS_TEST_DIR). */
static inline const char *test_dir(void)
{
	const char *d = getenv("IVS_TEST_DIR");
	return d && *d ? d : "tests";
}

/* Sets a field from text through the edit API; the test fails with the
 * model's message when the field cannot hold it. */
static inline void test_set_text(struct ivs_project *p, struct ivs_res *r, int field,
                                 const char *text)
{
	char *err = NULL;
	if (ivs_edit_set_text(p, r, field, text, &err) != 0)
		fail_msg("set_text(%d, '%s'): %s", field, text, err ? err : "?");
	free(err);
}

/* Writes text to dir/rel, making the folders on the way. */
static inline void test_put_file(const char *dir, const char *rel, const char *text)
{
	char *p = ivs_xasprintf("%s/%s", dir, rel);
	char *slash = strrchr(p, '/');
	*slash = '\0';
	char *cmd = ivs_xasprintf("mkdir -p '%s'", p);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	*slash = '/';
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(p);
}

#endif
