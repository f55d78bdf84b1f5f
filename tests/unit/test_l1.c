/* test_l1.c: issue 10's real-time and playback kinds through the engine's
 * API (l1a): the NUMBER and STRING_LIST value types, the nested
 * CloudFormation paths (cfn_inner), logical_id (export, references,
 * duplicate, incremental validation after a rename) and removal_policy. */
#include "testutil.h"

#include <cjson/cJSON.h>

#include "ivs/export.h"
#include "ivs/validate.h"
#include "ivs/value.h"
#include "ivs/yamlio.h"

static bool has_rule(struct ivs_project *p, enum ivs_rule rule)
{
	struct ivs_diags d;
	bool hit = false;
	ivs_diags_init(&d);
	ivs_validate_collect(p, &d);
	for (size_t i = 0; i < d.n; i++)
		hit |= d.v[i].rule == rule;
	ivs_diags_free(&d);
	return hit;
}

static void test_number_canon(void **state)
{
	static const char *const cases[][2] = {
		{"30", "30"}, {"30.0", "30"}, {"29.970", "29.97"}, {"2.997e1", "29.97"},
		{"23.976", "23.976"}, {"0.5", "0.5"}, {"-2", "-2"}, {"+60", "60"}, {"0", "0"},
		{"-0", "0"}, {".5", "0.5"}, {"59.94", "59.94"}};
	(void)state;
	for (size_t i = 0; i < IVS_ARRAY_LEN(cases); i++) {
		char *c = ivs_number_canon(cases[i][0]);
		assert_non_null(c);
		assert_string_equal(c, cases[i][1]);
		free(c);
	}
	static const char *const bad[] = {"", "x", "0x1E", ".inf", "nan", "1e999", "30 fps", "--1",
	                                  "1,5", "."};
	for (size_t i = 0; i < IVS_ARRAY_LEN(bad); i++)
		assert_null(ivs_number_canon(bad[i]));
}

static void test_country_codes(void **state)
{
	(void)state;
	assert_true(ivs_chars_country("US"));
	assert_true(ivs_chars_country("AD"));   /* the first */
	assert_true(ivs_chars_country("ZW"));   /* the last */
	assert_true(ivs_chars_country("GB"));
	assert_false(ivs_chars_country("UK")); /* reserved, not assigned */
	assert_false(ivs_chars_country("XK")); /* user-assigned (Kosovo) */
	assert_false(ivs_chars_country("us"));
	assert_false(ivs_chars_country("USA"));
	assert_false(ivs_chars_country(""));
	assert_true(ivs_chars_logical_id("Abc123"));
	assert_false(ivs_chars_logical_id("a-b"));
	assert_false(ivs_chars_logical_id(""));
}

/* Typed text: the TUI's way in. */
static void test_typed_values(void **state)
{
	struct ivs_project *p = ivs_project_new();
	struct ivs_buf b;
	char *err = NULL;
	(void)state;

	struct ivs_res *e = ivs_edit_add(p, IVS_KIND_ENCODER, NULL, "Enc", SIZE_MAX);
	test_set_text(p, e, IVS_ENCODER_FRAMERATE, " 29.970 ");
	assert_string_equal(ivs_res_get_str(e, IVS_ENCODER_FRAMERATE), "29.97");
	assert_true(ivs_res_is_set(e, IVS_ENCODER_VIDEO));   /* a member sets its group */
	assert_int_equal(ivs_edit_set_text(p, e, IVS_ENCODER_FRAMERATE, "fast", &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "29.97"));
	free(err);

	struct ivs_res *pol = ivs_edit_add(p, IVS_KIND_PLAYBACK_POLICY, NULL, "Pol", SIZE_MAX);
	test_set_text(p, pol, IVS_PLAYBACK_POLICY_COUNTRIES, "US, CA ,, MX");
	assert_string_equal(ivs_res_get_str(pol, IVS_PLAYBACK_POLICY_COUNTRIES), "US\nCA\nMX");
	ivs_buf_init(&b);
	ivs_res_format(pol, IVS_PLAYBACK_POLICY_COUNTRIES, false, &b);
	assert_string_equal(b.data, "US, CA, MX");
	ivs_buf_free(&b);
	test_set_text(p, pol, IVS_PLAYBACK_POLICY_COUNTRIES, "");
	assert_false(ivs_res_is_set(pol, IVS_PLAYBACK_POLICY_COUNTRIES));
	assert_true(ivs_undo(p));
	assert_string_equal(ivs_res_get_str(pol, IVS_PLAYBACK_POLICY_COUNTRIES), "US\nCA\nMX");
	ivs_project_free(p);
}

static struct ivs_project *load(const char *text)
{
	struct ivs_diags d;
	ivs_diags_init(&d);
	struct ivs_project *p = ivs_load_buffer("t.yaml", text, strlen(text), &d);
	if (!p || d.n)
		ivs_diags_print(stderr, "t.yaml", &d);
	assert_non_null(p);
	assert_int_equal(d.n, 0);
	ivs_diags_free(&d);
	ivs_validate_all(p);
	return p;
}

static const cJSON *path(const cJSON *o, const char *a, const char *b, const char *c)
{
	const char *k[3] = {a, b, c};
	for (int i = 0; i < 3 && o && k[i]; i++)
		o = cJSON_GetObjectItemCaseSensitive(o, k[i]);
	return o;
}

static void test_export_nesting_and_logical_ids(void **state)
{
	(void)state;
	struct ivs_project *p = load(
		"ivs_tui: 1\nstack:\n  name: s\n"
		"buckets:\n  - id: B\n    logical_id: OldBucket\n"
		"storage_configurations:\n  - id: S\n    bucket: B\n    removal_policy: DESTROY\n"
		"stages:\n  - id: St\n    logical_id: OldStage\n    removal_policy: RETAIN\n"
		"    auto_participant_recording_configuration:\n      storage_configuration: S\n"
		"      thumbnail_configuration:\n        recording_mode: INTERVAL\n"
		"      hls_configuration:\n        target_segment_duration_seconds: 4\n"
		"ingest_configurations:\n  - id: In\n    stage: St\n"
		"encoder_configurations:\n  - id: E\n    video:\n      framerate: 29.97\n");
	assert_false(has_rule(p, IVS_RULE_LOGICAL_ID_COLLISION));
	cJSON *t = ivs_export_template(p);
	const cJSON *res = cJSON_GetObjectItemCaseSensitive(t, "Resources");
	/* S3.BucketName: {"Ref": the bucket's own logical id} */
	const cJSON *bn = path(res, "S", "Properties", "S3");
	assert_non_null(bn);
	assert_string_equal(path(bn, "BucketName", "Ref", NULL)->valuestring, "OldBucket");
	assert_string_equal(path(res, "S", "DeletionPolicy", NULL)->valuestring, "Delete");
	assert_string_equal(path(res, "S", "UpdateReplacePolicy", NULL)->valuestring, "Delete");
	/* the stage under its own logical id, its groups one level deeper */
	assert_null(cJSON_GetObjectItemCaseSensitive(res, "St"));
	const cJSON *apr = path(res, "OldStage", "Properties", "AutoParticipantRecordingConfiguration");
	assert_non_null(apr);
	assert_string_equal(path(apr, "ThumbnailConfiguration", "ParticipantThumbnailConfiguration",
	                         "RecordingMode")->valuestring, "INTERVAL");
	assert_int_equal(path(apr, "HlsConfiguration", "ParticipantRecordingHlsConfiguration",
	                      "TargetSegmentDurationSeconds")->valueint, 4);
	assert_string_equal(path(res, "OldStage", "DeletionPolicy", NULL)->valuestring, "Retain");
	/* a reference follows the logical id */
	const cJSON *ga = path(res, "In", "Properties", "StageArn");
	assert_string_equal(cJSON_GetArrayItem(path(ga, "Fn::GetAtt", NULL, NULL), 0)->valuestring,
	                    "OldStage");
	/* unset removal_policy writes neither attribute */
	assert_null(path(res, "In", "DeletionPolicy", NULL));
	const cJSON *fr = path(path(res, "E", "Properties", "Video"), "Framerate", NULL, NULL);
	assert_true(cJSON_IsNumber(fr));
	assert_true(fr->valuedouble == 29.97);
	cJSON_Delete(t);
	ivs_project_free(p);
}

/* A copy does not adopt the logical id; a rename re-checks the entry that
 * named it in a collision message. */
static void test_duplicate_and_rename(void **state)
{
	(void)state;
	struct ivs_project *p = load(
		"ivs_tui: 1\nstack:\n  name: s\n"
		"stages:\n  - id: A\n    logical_id: Same\n  - id: B\n    logical_id: Same\n");
	assert_true(has_rule(p, IVS_RULE_LOGICAL_ID_COLLISION));
	struct ivs_res *a = ivs_project_list(p, IVS_KIND_STAGE)->v[0];
	struct ivs_res *b = ivs_project_list(p, IVS_KIND_STAGE)->v[1];
	assert_int_equal(b->diags.n, 1);
	assert_non_null(strstr(b->diags.v[0].msg, "stage 'A'"));
	assert_int_equal(ivs_edit_rename(p, a, "Renamed", NULL), 0);
	ivs_validate_changes(p);
	assert_int_equal(b->diags.n, 1);
	assert_non_null(strstr(b->diags.v[0].msg, "stage 'Renamed'"));
	test_set_text(p, b, IVS_STAGE_LOGICAL_ID, "");
	ivs_validate_changes(p);
	assert_false(has_rule(p, IVS_RULE_LOGICAL_ID_COLLISION));

	struct ivs_res *d = ivs_edit_duplicate(p, a);
	assert_non_null(d);
	assert_false(ivs_res_is_set(d, IVS_STAGE_LOGICAL_ID));
	ivs_validate_changes(p);
	assert_false(has_rule(p, IVS_RULE_LOGICAL_ID_COLLISION));
	ivs_project_free(p);
}

/* One edit re-checks what it touches, whatever the project's size. */
static void test_incremental_is_flat(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	ivs_edit_set_str(p, &ivs_project_stack(p)->r, IVS_STACK_NAME, "big");
	ivs_edit_add(p, IVS_KIND_BUCKET, NULL, "B", SIZE_MAX);
	struct ivs_res *sc = ivs_edit_add(p, IVS_KIND_STORAGE, NULL, "S", SIZE_MAX);
	ivs_edit_set_str(p, sc, IVS_STORAGE_BUCKET, "B");
	struct ivs_res *first = NULL, *ing = NULL;
	for (int i = 0; i < 160; i++) {   /* 482 resources: under the 500 limit */
		char id[32];
		snprintf(id, sizeof id, "Stage%d", i);
		struct ivs_res *st = ivs_edit_add(p, IVS_KIND_STAGE, NULL, id, SIZE_MAX);
		ivs_edit_set_str(p, st, IVS_STAGE_STORAGE, "S");
		first = first ? first : st;
		snprintf(id, sizeof id, "Ingest%d", i);
		struct ivs_res *in = ivs_edit_add(p, IVS_KIND_INGEST, NULL, id, SIZE_MAX);
		snprintf(id, sizeof id, "Stage%d", i);
		ivs_edit_set_str(p, in, IVS_INGEST_STAGE, id);
		ing = ing ? ing : in;
		snprintf(id, sizeof id, "Enc%d", i);
		ivs_edit_add(p, IVS_KIND_ENCODER, NULL, id, SIZE_MAX);
	}
	ivs_validate_all(p);
	assert_int_equal(ivs_validate_errors(p), 0);

	test_set_text(p, first, IVS_STAGE_NAME, "renamed-stage");
	ivs_validate_changes(p);
	assert_int_equal(ivs_validate_last_checked(p), 1);
	test_set_text(p, first, IVS_STAGE_LOGICAL_ID, "Adopted");
	ivs_validate_changes(p);
	assert_int_equal(ivs_validate_last_checked(p), 1);
	/* a rename: the stage and the one ingest configuration naming it */
	assert_int_equal(ivs_edit_rename(p, first, "Main", NULL), 0);
	ivs_validate_changes(p);
	assert_int_equal(ivs_validate_last_checked(p), 2);
	assert_string_equal(ivs_res_get_str(ing, IVS_INGEST_STAGE), "Main");
	test_set_text(p, ing, IVS_INGEST_PROTOCOL, "RTMP");
	ivs_validate_changes(p);
	assert_int_equal(ivs_validate_last_checked(p), 1);
	assert_int_equal(ivs_validate_errors(p), 1);   /* ingest-rtmp-insecure */
	ivs_project_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number_canon),
		cmocka_unit_test(test_country_codes),
		cmocka_unit_test(test_typed_values),
		cmocka_unit_test(test_export_nesting_and_logical_ids),
		cmocka_unit_test(test_duplicate_and_rename),
		cmocka_unit_test(test_incremental_is_flat),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
