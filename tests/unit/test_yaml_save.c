/* test_yaml_save.c: the canonical file. A known model, built through the
 * edit API, is saved and compared byte for byte with the expected text. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ivs/fsutil.h"
#include "ivs/yamlio.h"

static char *save(const struct ivs_project *p)
{
	struct ivs_buf b;
	ivs_buf_init(&b);
	ivs_save_buffer(p, &b);
	return ivs_buf_steal(&b);
}

static void assert_text(const char *got, const char *want)
{
	if (strcmp(got, want) != 0)
		fprintf(stderr, "--- got:\n%s--- want:\n%s---\n", got, want);
	assert_string_equal(got, want);
}

static const char pem[] = "-----BEGIN PUBLIC KEY-----\n"
                          "MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE9Qv8xlHZe/z8wNVoAa5rOvZ91/qnVsyW\n"
                          "-----END PUBLIC KEY-----\n";

/* Keys in table order whatever the order they were set in; groups nested;
 * stream keys inside their channel; lists and tags in flow style. */
static void test_canonical(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	struct ivs_res *st = &ivs_project_stack(p)->r;
	assert_int_equal(ivs_edit_set_str(p, st, IVS_STACK_DESCRIPTION, "Live events"), 0);
	assert_int_equal(ivs_edit_set_str(p, st, IVS_STACK_NAME, "live-events"), 0);

	struct ivs_res *r = ivs_edit_add(p, IVS_KIND_RECORDING, NULL, "Rec", SIZE_MAX);
	struct ivs_enum_list l = {.n = 2, .v = {IVS_RES_HD, IVS_RES_SD}};
	assert_int_equal(ivs_edit_set_int(p, r, IVS_RECORDING_RECONNECT_WINDOW, 60), 0);
	assert_int_equal(ivs_edit_set_list(p, r, IVS_RECORDING_RENDITIONS, &l), 0);
	assert_int_equal(ivs_edit_set_enum(p, r, IVS_RECORDING_RENDITION_SELECTION,
	                                   IVS_RENDITION_SEL_CUSTOM), 0);
	assert_int_equal(ivs_edit_set_str(p, r, IVS_RECORDING_BUCKET, "Bucket"), 0);
	assert_int_equal(ivs_edit_set_group(p, r, IVS_RECORDING_THUMBNAIL), 0);

	struct ivs_res *b = ivs_edit_add(p, IVS_KIND_BUCKET, NULL, "Bucket", SIZE_MAX);
	assert_int_equal(ivs_edit_set_enum(p, b, IVS_BUCKET_REMOVAL_POLICY, IVS_REMOVAL_RETAIN), 0);

	struct ivs_res *c = ivs_edit_add(p, IVS_KIND_CHANNEL, NULL, "Channel", SIZE_MAX);
	struct ivs_tags t = {0};
	ivs_tags_put(&t, "team", "video");
	ivs_tags_put(&t, "env", "prod");
	assert_int_equal(ivs_edit_set_tags(p, c, &t), 0);
	ivs_tags_free(&t);
	assert_int_equal(ivs_edit_set_enum(p, c, IVS_CHANNEL_MT_POLICY, IVS_MT_POLICY_ALLOW), 0);
	assert_int_equal(ivs_edit_set_bool(p, c, IVS_CHANNEL_AUTHORIZED, false), 0);
	assert_int_equal(ivs_edit_set_enum(p, c, IVS_CHANNEL_TYPE, IVS_CHANNEL_TYPE_STANDARD), 0);
	assert_int_equal(ivs_edit_set_str(p, c, IVS_CHANNEL_RECORDING, "Rec"), 0);
	struct ivs_res *k = ivs_edit_add(p, IVS_KIND_STREAM_KEY, c, "Key", SIZE_MAX);
	struct ivs_tags empty = {0};
	assert_int_equal(ivs_edit_set_tags(p, k, &empty), 0);
	ivs_edit_add(p, IVS_KIND_STREAM_KEY, c, "Key2", SIZE_MAX);
	ivs_edit_add(p, IVS_KIND_CHANNEL, NULL, "Plain", SIZE_MAX);

	struct ivs_res *kp = ivs_edit_add(p, IVS_KIND_KEY_PAIR, NULL, "Keys", SIZE_MAX);
	assert_int_equal(ivs_edit_set_str(p, kp, IVS_KEY_PAIR_PUBLIC_KEY, pem), 0);

	char *got = save(p);
	assert_text(got,
	            "ivs_tui: 1\n"
	            "stack:\n"
	            "  name: live-events\n"
	            "  description: Live events\n"
	            "buckets:\n"
	            "  - id: Bucket\n"
	            "    removal_policy: RETAIN\n"
	            "channels:\n"
	            "  - id: Channel\n"
	            "    type: STANDARD\n"
	            "    authorized: false\n"
	            "    multitrack_input_configuration:\n"
	            "      policy: ALLOW\n"
	            "    recording_configuration: Rec\n"
	            "    tags: {team: video, env: prod}\n"
	            "    stream_keys:\n"
	            "      - id: Key\n"
	            "        tags: {}\n"
	            "      - id: Key2\n"
	            "  - id: Plain\n"
	            "playback_key_pairs:\n"
	            "  - id: Keys\n"
	            "    public_key_material: |\n"
	            "      -----BEGIN PUBLIC KEY-----\n"
	            "      MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE9Qv8xlHZe/z8wNVoAa5rOvZ91/qnVsyW\n"
	            "      -----END PUBLIC KEY-----\n"
	            "recording_configurations:\n"
	            "  - id: Rec\n"
	            "    bucket: Bucket\n"
	            "    rendition_configuration:\n"
	            "      rendition_selection: CUSTOM\n"
	            "      renditions: [HD, SD]\n"
	            "    thumbnail_configuration: {}\n"
	            "    recording_reconnect_window_seconds: 60\n");
	free(got);
	ivs_project_free(p);
}

/* An empty project still names its format and its stack. */
static void test_empty_project(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	char *got = save(p);
	assert_text(got, "ivs_tui: 1\nstack: {}\n");
	free(got);
	ivs_project_free(p);
}

/* Unset keys stay absent, even those with a default; unsetting removes. */
static void test_unset_absent(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	assert_int_equal(ivs_edit_set_str(p, &ivs_project_stack(p)->r, IVS_STACK_NAME, "s"), 0);
	struct ivs_res *c = ivs_edit_add(p, IVS_KIND_CHANNEL, NULL, "C", SIZE_MAX);
	assert_int_equal(ivs_edit_set_enum(p, c, IVS_CHANNEL_LATENCY_MODE, IVS_LATENCY_NORMAL), 0);
	assert_int_equal(ivs_edit_set_int(p, c, IVS_CHANNEL_TYPE, 1), -1);
	char *got = save(p);
	assert_text(got, "ivs_tui: 1\nstack:\n  name: s\nchannels:\n  - id: C\n    latency_mode: NORMAL\n");
	free(got);
	assert_int_equal(ivs_edit_unset(p, c, IVS_CHANNEL_LATENCY_MODE), 0);
	got = save(p);
	assert_text(got, "ivs_tui: 1\nstack:\n  name: s\nchannels:\n  - id: C\n");
	free(got);
	ivs_project_free(p);
}

/* Strings that would read back as something else are quoted. */
static void test_tricky_strings(void **state)
{
	static const char *const v[] = {
		"null", "~", "True", "off", "Yes", "123", "-1.5", "0x1F", ".inf", "", " lead",
		"trail ", "a: b", "#hash", "x #y", "two\nlines", "tab\there", "h\xc3\xa9llo w\xc3\xb6rld",
		"it's", "say \"hi\"", "- dash", "[x]", "a,b", "plain words", "2024-01-01", "<<"};
	(void)state;
	struct ivs_project *p = ivs_project_new();
	struct ivs_res *st = &ivs_project_stack(p)->r;
	struct ivs_res *b = ivs_edit_add(p, IVS_KIND_BUCKET, NULL, "true", SIZE_MAX);
	struct ivs_tags t = {0};
	for (size_t i = 0; i < IVS_ARRAY_LEN(v); i++) {
		char key[8];
		snprintf(key, sizeof key, "k%02zu", i);
		ivs_tags_put(&t, key, v[i]);
	}
	ivs_tags_put(&t, "null", "k");
	assert_int_equal(ivs_edit_set_tags(p, b, &t), 0);
	ivs_tags_free(&t);
	assert_int_equal(ivs_edit_set_str(p, st, IVS_STACK_NAME, "123"), 0);
	assert_int_equal(ivs_edit_set_str(p, st, IVS_STACK_DESCRIPTION, "a: b # c"), 0);
	char *got = save(p);
	assert_text(got,
	            "ivs_tui: 1\n"
	            "stack:\n"
	            "  name: \"123\"\n"
	            "  description: 'a: b # c'\n"
	            "buckets:\n"
	            "  - id: \"true\"\n"
	            "    tags: {k00: \"null\", k01: \"~\", k02: \"True\", k03: \"off\", k04: \"Yes\", "
	            "k05: \"123\", k06: \"-1.5\", k07: \"0x1F\", k08: \".inf\", k09: \"\", k10: \" lead\", "
	            "k11: \"trail \", k12: 'a: b', k13: '#hash', k14: 'x #y', k15: \"two\\nlines\", "
	            "k16: \"tab\\there\", k17: h\xc3\xa9llo w\xc3\xb6rld, k18: it's, k19: say \"hi\", "
	            "k20: '- dash', k21: '[x]', k22: 'a,b', k23: plain words, k24: \"2024-01-01\", "
	            "k25: \"<<\", \"null\": k}\n");
	/* And they read back as they were. */
	struct ivs_diags d;
	ivs_diags_init(&d);
	struct ivs_project *q = ivs_load_buffer("t", got, strlen(got), &d);
	assert_non_null(q);
	const struct ivs_res *qb = ivs_project_list(q, IVS_KIND_BUCKET)->v[0];
	assert_string_equal(qb->id, "true");
	assert_int_equal(qb->tags.n, IVS_ARRAY_LEN(v) + 1);
	for (size_t i = 0; i < IVS_ARRAY_LEN(v); i++)
		assert_string_equal(qb->tags.v[i].value, v[i]);
	assert_string_equal(qb->tags.v[IVS_ARRAY_LEN(v)].key, "null");
	assert_string_equal(ivs_project_stack(q)->name, "123");
	ivs_project_free(q);
	ivs_diags_free(&d);
	free(got);
	ivs_project_free(p);
}

/* Text without a final newline, or with leading spaces, still reads back. */
static void test_literal_variants(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	struct ivs_res *a = ivs_edit_add(p, IVS_KIND_KEY_PAIR, NULL, "A", SIZE_MAX);
	struct ivs_res *b = ivs_edit_add(p, IVS_KIND_KEY_PAIR, NULL, "B", SIZE_MAX);
	struct ivs_res *c = ivs_edit_add(p, IVS_KIND_KEY_PAIR, NULL, "C", SIZE_MAX);
	assert_int_equal(ivs_edit_set_str(p, a, IVS_KEY_PAIR_PUBLIC_KEY, "one\ntwo"), 0);
	assert_int_equal(ivs_edit_set_str(p, b, IVS_KEY_PAIR_PUBLIC_KEY, "  indented\n- item\n"), 0);
	assert_int_equal(ivs_edit_set_str(p, c, IVS_KEY_PAIR_PUBLIC_KEY, "single line"), 0);
	char *got = save(p);
	assert_text(got,
	            "ivs_tui: 1\n"
	            "stack: {}\n"
	            "playback_key_pairs:\n"
	            "  - id: A\n"
	            "    public_key_material: |-\n"
	            "      one\n"
	            "      two\n"
	            "  - id: B\n"
	            "    public_key_material: |2\n"
	            "        indented\n"
	            "      - item\n"
	            "  - id: C\n"
	            "    public_key_material: single line\n");
	free(got);
	ivs_project_free(p);
}

static void test_save_file(void **state)
{
	char dir[] = "/tmp/ivs-yaml-save-XXXXXX";
	char path[64], *err = NULL, *data;
	size_t len;
	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/p.yaml", dir);
	struct ivs_project *p = ivs_project_new();
	assert_int_equal(ivs_edit_set_str(p, &ivs_project_stack(p)->r, IVS_STACK_NAME, "f"), 0);
	assert_int_equal(ivs_save_file(p, path, &err), 0);
	assert_null(err);
	data = ivs_read_file(path, 1 << 20, &len, &err);
	assert_non_null(data);
	assert_text(data, "ivs_tui: 1\nstack:\n  name: f\n");
	free(data);
	unlink(path);
	rmdir(dir);
	/* A folder that does not exist: an error, nothing written. */
	assert_int_equal(ivs_save_file(p, "/nonexistent/dir/p.yaml", &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "/nonexistent/dir/p.yaml"));
	free(err);
	ivs_project_free(p);
}

/* Bytes that are not UTF-8 cannot be written as YAML: they become U+FFFD,
 * and the rest of the value is kept. */
static void test_invalid_utf8_value(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	/* The model refuses bytes a UTF-8 file cannot hold, so what is saved
	 * is always what the model has. */
	assert_int_equal(ivs_edit_set_str(p, &ivs_project_stack(p)->r, IVS_STACK_DESCRIPTION, "a\xff" "b"), -1);
	assert_int_equal(ivs_edit_set_str(p, &ivs_project_stack(p)->r, IVS_STACK_DESCRIPTION, "a\xc3\xa9" "b"), 0);
	char *got = save(p);
	assert_text(got, "ivs_tui: 1\nstack:\n  description: a\xc3\xa9" "b\n");
	free(got);
	ivs_project_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_canonical),
		cmocka_unit_test(test_empty_project),
		cmocka_unit_test(test_unset_absent),
		cmocka_unit_test(test_tricky_strings),
		cmocka_unit_test(test_literal_variants),
		cmocka_unit_test(test_save_file),
		cmocka_unit_test(test_invalid_utf8_value),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
