/* test_strmap.c: the string multimap of util.c (the model's id index):
 * values under equal keys, removal, tombstones, growth, and keys borrowed
 * from the values that stay. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "ivs/util.h"

static void test_add_get_del(void **state)
{
	int a, b, c;
	void *out[4];
	(void)state;
	struct ivs_strmap *m = ivs_strmap_new();
	assert_int_equal(ivs_strmap_get(m, "x", out, 4), 0);
	ivs_strmap_add(m, "x", &a);
	ivs_strmap_add(m, "y", &b);
	ivs_strmap_add(m, "x", &c);
	assert_int_equal(ivs_strmap_get(m, "x", out, 4), 2);
	assert_true((out[0] == &a && out[1] == &c) || (out[0] == &c && out[1] == &a));
	assert_int_equal(ivs_strmap_get(m, "y", out, 4), 1);
	assert_ptr_equal(out[0], &b);
	/* max bounds what is copied, not what is counted */
	out[1] = NULL;
	assert_int_equal(ivs_strmap_get(m, "x", out, 1), 2);
	assert_null(out[1]);
	assert_false(ivs_strmap_del(m, "x", &b));
	assert_false(ivs_strmap_del(m, "z", &a));
	assert_true(ivs_strmap_del(m, "x", &a));
	assert_int_equal(ivs_strmap_get(m, "x", out, 4), 1);
	assert_ptr_equal(out[0], &c);
	assert_true(ivs_strmap_del(m, "x", &c));
	assert_int_equal(ivs_strmap_get(m, "x", out, 4), 0);
	/* the tombstone is reused, and y is still found past it */
	ivs_strmap_add(m, "x", &b);
	assert_int_equal(ivs_strmap_get(m, "x", out, 4), 1);
	assert_ptr_equal(out[0], &b);
	assert_int_equal(ivs_strmap_get(m, "y", out, 4), 1);
	ivs_strmap_clear(m);
	assert_int_equal(ivs_strmap_get(m, "y", out, 4), 0);
	ivs_strmap_free(m);
}

/* Keys are borrowed from each value: removing the value whose key was added
 * first must leave the others findable through their own keys. */
static void test_borrowed_keys(void **state)
{
	char *k1 = ivs_xstrdup("same"), *k2 = ivs_xstrdup("same");
	int a, b;
	void *out[2];
	(void)state;
	struct ivs_strmap *m = ivs_strmap_new();
	ivs_strmap_add(m, k1, &a);
	ivs_strmap_add(m, k2, &b);
	assert_true(ivs_strmap_del(m, k1, &a));
	free(k1);
	assert_int_equal(ivs_strmap_get(m, "same", out, 2), 1);
	assert_ptr_equal(out[0], &b);
	ivs_strmap_free(m);
	free(k2);
}

/* Many distinct keys (growth, rehash) and many values under one key. */
static void test_many(void **state)
{
	enum { N = 20000 };
	static char keys[N][16];
	static int vals[N];
	void *out[1];
	(void)state;
	struct ivs_strmap *m = ivs_strmap_new();
	for (int i = 0; i < N; i++) {
		snprintf(keys[i], sizeof keys[i], "k%d", i);
		ivs_strmap_add(m, keys[i], &vals[i]);
		ivs_strmap_add(m, "dup", &vals[i]);
	}
	for (int i = 0; i < N; i++) {
		assert_int_equal(ivs_strmap_get(m, keys[i], out, 1), 1);
		assert_ptr_equal(out[0], &vals[i]);
	}
	assert_int_equal(ivs_strmap_get(m, "dup", out, 1), N);
	for (int i = 0; i < N; i += 2)
		assert_true(ivs_strmap_del(m, keys[i], &vals[i]));
	for (int i = 0; i < N; i++)
		assert_int_equal(ivs_strmap_get(m, keys[i], out, 1), i % 2);
	for (int i = N - 1; i >= 0; i--)
		assert_true(ivs_strmap_del(m, "dup", &vals[i]));
	assert_int_equal(ivs_strmap_get(m, "dup", out, 1), 0);
	ivs_strmap_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_get_del),
		cmocka_unit_test(test_borrowed_keys),
		cmocka_unit_test(test_many),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
