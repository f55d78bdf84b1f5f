/* testutil.h: shared helpers for the cmocka unit tests. */
#ifndef IVS_TESTUTIL_H
#define IVS_TESTUTIL_H

#include <setjmp.h>
#include <stdlib.h>
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

#endif
