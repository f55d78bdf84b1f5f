/* test_cdkid.c: the CDK's makeUniqueId and uniqueResourceName. Expected
 * values come from the CDK's own output (the conformance templates,
 * synthesis.md's example) and, for the edge cases, from a port of
 * uniqueid.ts / unique-resource-name.ts to Python with hashlib.md5. */
#include "testutil.h"

#include <string.h>

#include "ivs/cdkid.h"

static void check_lid(const char *expect, const char *const *path, size_t n)
{
	char *got = ivs_cdk_logical_id(path, n);
	assert_string_equal(got, expect);
	free(got);
}

static void check_name(const char *expect, const char *const *path, size_t n)
{
	char *got = ivs_cdk_unique_name(path, n, 128);
	assert_string_equal(got, expect);
	free(got);
}

static char *repeat(char c, size_t n)
{
	char *s = malloc(n + 1);
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

static void test_logical_ids_from_cdk(void **state)
{
	(void)state;
	check_lid("Channel4048F119", (const char *[]){"Channel", "Resource"}, 2);
	check_lid("ChannelStreamKey60BDC2BE", (const char *[]){"Channel", "StreamKey", "Resource"}, 3);
	check_lid("RecordingBucket03AEF6D2", (const char *[]){"RecordingBucket", "Resource"}, 2);
	check_lid("myChannel4B408FFD", (const char *[]){"myChannel", "Resource"}, 2);
	check_lid("ChannelWithMultitrackVideoE5332214",
	          (const char *[]){"ChannelWithMultitrackVideo", "Resource"}, 2);
}

static void test_logical_id_edges(void **state)
{
	(void)state;
	/* removeDupes: a component its predecessor ends with is dropped */
	check_lid("Key9BCD29C7", (const char *[]){"Key", "Key", "Resource"}, 3);
	check_lid("Channel572328A0", (const char *[]){"Channel", "nel", "Resource"}, 3);
	/* non-alphanumeric characters leave the human part, not the hash */
	check_lid("mychan1D3291B31", (const char *[]){"my-chan.1", "Resource"}, 2);
	/* Default is dropped; one component left: no hash at all */
	check_lid("Resource", (const char *[]){"Default", "Resource"}, 2);
	check_lid("C375D67C5", (const char *[]){"C", "Default", "Resource"}, 3);
	check_lid("ab", (const char *[]){"a-b"}, 1);
}

static void test_logical_id_long(void **state)
{
	(void)state;
	char *a300 = repeat('A', 300), *a250 = repeat('A', 250), *a240 = repeat('A', 240);
	char *expect;

	/* one component over 255: hash mode, human part cut to 240 */
	expect = ivs_xasprintf("%sEC11AEA0", a240);
	check_lid(expect, (const char *[]){a300}, 1);
	free(expect);
	char *got = ivs_cdk_logical_id((const char *[]){a250, "Resource"}, 2);
	assert_int_equal(strlen(got), 248);
	assert_memory_equal(got, a240, 240);
	assert_string_equal(got + 240, "AC351513");
	free(got);
	free(a300);
	free(a250);
	free(a240);
}

static void test_unique_names(void **state)
{
	(void)state;
	check_name("ivs-seedChannel5B91FB9A", (const char *[]){"ivs-seed", "Channel"}, 2);
	check_name("ivs-seedmyChannelE51F106F", (const char *[]){"ivs-seed", "myChannel"}, 2);
	check_name("ivs-seedChannelWithMultitrackVideo248F8758",
	           (const char *[]){"ivs-seed", "ChannelWithMultitrackVideo"}, 2);
	check_name("aws-cdk-ivs-multitarck-videoChannelWithMultitrackVideoCC53F319",
	           (const char *[]){"aws-cdk-ivs-multitarck-video", "ChannelWithMultitrackVideo"}, 2);
	/* a channel named Default: only the stack name is left, used as is */
	check_name("ivs-seed", (const char *[]){"ivs-seed", "Default"}, 2);
	check_name("C", (const char *[]){"Default", "C"}, 2);
	/* a component that filters to nothing leaves the human part, not the hash */
	check_name("stack3FB507CB", (const char *[]){"stack", "..."}, 2);
	/* names keep - and _, drop the rest */
	check_name("stabc_d-eB1CA45BD", (const char *[]){"st", "a b/c_d-e"}, 2);
	check_lid("056BBF00", (const char *[]){"...", "Resource"}, 2);
}

static void test_unique_name_split_in_middle(void **state)
{
	(void)state;
	char *s70 = repeat('s', 70), *c70 = repeat('C', 70), *s60 = repeat('s', 60),
	     *c60 = repeat('C', 60);
	char *expect = ivs_xasprintf("%s%s0FB97D54", s60, c60);
	char *got = ivs_cdk_unique_name((const char *[]){s70, c70}, 2, 128);
	assert_string_equal(got, expect);
	assert_int_equal(strlen(got), 128);
	free(got);
	free(expect);
	free(s70);
	free(c70);
	free(s60);
	free(c60);
}

static void test_sanitize(void **state)
{
	(void)state;
	char *s = ivs_cdk_sanitize_id("a/b");
	assert_string_equal(s, "a--b");
	free(s);
	s = ivs_cdk_sanitize_id("plain");
	assert_string_equal(s, "plain");
	free(s);
	/* the CDK hashes the sanitised id: "a/b" and "a--b" are one construct id */
	check_lid("abE8DB01CD", (const char *[]){"a--b", "Resource"}, 2);
	/* a line feed is a separator too (constructs' sanitizeId) */
	s = ivs_cdk_sanitize_id("Line\nBreak");
	assert_string_equal(s, "Line--Break");
	free(s);
	s = ivs_cdk_sanitize_id("\n/x\n");
	assert_string_equal(s, "----x--");
	free(s);
	assert_true(ivs_cdk_id_needs_sanitizing("a\nb"));
	assert_true(ivs_cdk_id_needs_sanitizing("a/b"));
	assert_false(ivs_cdk_id_needs_sanitizing("a--b"));
	assert_true(ivs_cdk_same_id("x\ny", "x--y"));
	assert_true(ivs_cdk_same_id("x/y", "x\ny"));
	assert_true(ivs_cdk_same_id("same", "same"));
	assert_false(ivs_cdk_same_id("x-y", "x\ny"));
	assert_false(ivs_cdk_same_id("xy", "x\ny"));
}

static int key_cmp(const void *a, const void *b)
{
	return ivs_cdk_tag_key_cmp(*(const char *const *)a, *(const char *const *)b);
}

/* The CLDR root collation, as read from the UCA's rules (not from ICU's
 * output): punctuation (variable) < symbols < digits < letters; "_" before
 * "-" before "#" among punctuation; digits one by one (no numeric order);
 * letters by base letter first, then accents (secondary), then lower case
 * before upper case (tertiary). */
static void test_tag_key_order(void **state)
{
	(void)state;
	static const char *const want[] = {
		"_lead", "-lead", "#x", "\xF0\x9F\x98\x80" /* emoji U+1F600 */, "1", "10", "9",
		"aa", "ab", "Ab", "\xC3\xA1" "b" /* U+00E1 b */, "app", "cost", "e", "E",
		"\xC3\xA9" /* U+00E9 */, "Env", "f", "Team", "zz", "ZZ",
	};
	const size_t n = sizeof want / sizeof *want;
	const char *got[sizeof want / sizeof *want];
	/* the issue's example: not byte order */
	static const char *const cdk[] = {"aa", "app", "cost", "Env", "Team", "ZZ"};
	for (size_t i = 0; i + 1 < sizeof cdk / sizeof *cdk; i++)
		assert_true(ivs_cdk_tag_key_cmp(cdk[i], cdk[i + 1]) < 0);
	for (size_t i = 0; i + 1 < n; i++) {
		assert_true(ivs_cdk_tag_key_cmp(want[i], want[i + 1]) < 0);
		assert_true(ivs_cdk_tag_key_cmp(want[i + 1], want[i]) > 0);
	}
	/* sorting a reversed copy gives the order back */
	for (size_t i = 0; i < n; i++)
		got[i] = want[n - 1 - i];
	qsort(got, n, sizeof *got, key_cmp);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(got[i], want[i]);
	/* canonically equivalent keys (precomposed and decomposed e-acute)
	 * are equal to the collator: byte order decides, so the order is total */
	assert_int_equal(ivs_cdk_tag_key_cmp("x", "x"), 0);
	assert_true(ivs_cdk_tag_key_cmp("e\xCC\x81", "\xC3\xA9") < 0);
	assert_true(ivs_cdk_tag_key_cmp("\xC3\xA9", "e\xCC\x81") > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_logical_ids_from_cdk),
		cmocka_unit_test(test_logical_id_edges),
		cmocka_unit_test(test_logical_id_long),
		cmocka_unit_test(test_unique_names),
		cmocka_unit_test(test_unique_name_split_in_middle),
		cmocka_unit_test(test_sanitize),
		cmocka_unit_test(test_tag_key_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
