/* test_export.c: the exporter on models built through the edit API: each
 * CDK transformation, tags, references, the writers' exact text, fragments
 * and logical ids. Expected templates are written out in full and compared
 * with cJSON_Compare. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "ivs/export.h"

static const char PEM[] = "-----BEGIN PUBLIC KEY-----\nMHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE\n"
                          "-----END PUBLIC KEY-----\n";

static struct ivs_project *project(const char *stack)
{
	struct ivs_project *p = ivs_project_new();
	assert_int_equal(ivs_edit_set_str(p, &ivs_project_stack(p)->r, IVS_STACK_NAME, stack), 0);
	return p;
}

static struct ivs_res *add(struct ivs_project *p, enum ivs_kind k, struct ivs_res *parent,
                           const char *id)
{
	struct ivs_res *r = ivs_edit_add(p, k, parent, id, SIZE_MAX);
	assert_non_null(r);
	return r;
}

static void set(struct ivs_project *p, struct ivs_res *r, int field, const char *text)
{
	test_set_text(p, r, field, text);
}

/* Asserts that the tree equals the JSON text; prints both when not. */
static void assert_json(const cJSON *got, const char *expect_text)
{
	cJSON *expect = cJSON_Parse(expect_text);
	assert_non_null(expect);
	if (!cJSON_Compare(got, expect, 1)) {
		struct ivs_buf b;
		ivs_buf_init(&b);
		ivs_export_write(got, IVS_EXPORT_JSON, &b);
		fprintf(stderr, "got:\n%s\nexpected:\n%s\n", b.data, expect_text);
		ivs_buf_free(&b);
		cJSON_Delete(expect);
		fail();
	}
	cJSON_Delete(expect);
}

static void assert_template(const struct ivs_project *p, const char *expect)
{
	cJSON *t = ivs_export_template(p);
	assert_json(t, expect);
	cJSON_Delete(t);
}

static void test_default_channel(void **state)
{
	(void)state;
	struct ivs_project *p = project("ivs-seed");
	add(p, IVS_KIND_CHANNEL, NULL, "Channel");
	assert_template(p, "{\"Resources\": {\"Channel4048F119\": {\"Type\": \"AWS::IVS::Channel\","
	                   "\"Properties\": {\"Name\": \"ivs-seedChannel5B91FB9A\"}}}}");
	ivs_project_free(p);
}

static void test_description_and_given_name(void **state)
{
	(void)state;
	struct ivs_project *p = project("ivs-seed");
	set(p, &ivs_project_stack(p)->r, IVS_STACK_DESCRIPTION, "Live events");
	struct ivs_res *c = add(p, IVS_KIND_CHANNEL, NULL, "Channel");
	set(p, c, IVS_CHANNEL_NAME, "main-stage");
	set(p, c, IVS_CHANNEL_LATENCY_MODE, "NORMAL");
	set(p, c, IVS_CHANNEL_AUTHORIZED, "false");
	assert_template(p, "{\"Description\": \"Live events\", \"Resources\": {\"Channel4048F119\": "
	                   "{\"Type\": \"AWS::IVS::Channel\", \"Properties\": {\"Name\": \"main-stage\","
	                   "\"LatencyMode\": \"NORMAL\", \"Authorized\": false}}}}");
	ivs_project_free(p);
}

static void test_preset_rules(void **state)
{
	(void)state;
	struct ivs_project *p = project("s");
	struct ivs_res *a = add(p, IVS_KIND_CHANNEL, NULL, "A");
	set(p, a, IVS_CHANNEL_TYPE, "STANDARD");
	set(p, a, IVS_CHANNEL_PRESET, "HIGHER_BANDWIDTH_DELIVERY");
	struct ivs_res *b = add(p, IVS_KIND_CHANNEL, NULL, "B");
	set(p, b, IVS_CHANNEL_TYPE, "BASIC");
	set(p, b, IVS_CHANNEL_PRESET, "CONSTRAINED_BANDWIDTH_DELIVERY");
	struct ivs_res *c = add(p, IVS_KIND_CHANNEL, NULL, "C");
	set(p, c, IVS_CHANNEL_PRESET, "CONSTRAINED_BANDWIDTH_DELIVERY");

	cJSON *fa = ivs_export_fragment(p, a), *fb = ivs_export_fragment(p, b),
	      *fc = ivs_export_fragment(p, c);
	const cJSON *pa = cJSON_GetObjectItem(cJSON_GetObjectItem(fa->child, "Properties"), "Preset");
	const cJSON *pb = cJSON_GetObjectItem(cJSON_GetObjectItem(fb->child, "Properties"), "Preset");
	const cJSON *pc = cJSON_GetObjectItem(cJSON_GetObjectItem(fc->child, "Properties"), "Preset");
	/* type given as STANDARD or BASIC: the CDK writes an empty preset */
	assert_string_equal(cJSON_GetStringValue(pa), "");
	assert_string_equal(cJSON_GetStringValue(pb), "");
	/* type unset: passed through */
	assert_string_equal(cJSON_GetStringValue(pc), "CONSTRAINED_BANDWIDTH_DELIVERY");
	cJSON_Delete(fa);
	cJSON_Delete(fb);
	cJSON_Delete(fc);
	ivs_project_free(p);
}

static void test_multitrack_container_auto(void **state)
{
	(void)state;
	struct ivs_project *p = project("ivs-seed");
	struct ivs_res *c = add(p, IVS_KIND_CHANNEL, NULL, "Mt");
	assert_int_equal(ivs_edit_set_group(p, c, IVS_CHANNEL_MULTITRACK), 0);
	set(p, c, IVS_CHANNEL_MT_MAX_RESOLUTION, "FULL_HD");
	set(p, c, IVS_CHANNEL_MT_POLICY, "REQUIRE");
	cJSON *f = ivs_export_fragment(p, c);
	char *lid = ivs_export_logical_id(c);
	assert_json(f, "{\"Mt7758CF88\": {\"Type\": \"AWS::IVS::Channel\", \"Properties\": {"
	               "\"ContainerFormat\": \"FRAGMENTED_MP4\", \"MultitrackInputConfiguration\": "
	               "{\"Enabled\": true, \"MaximumResolution\": \"FULL_HD\", \"Policy\": \"REQUIRE\"},"
	               "\"Name\": \"ivs-seedMt3E353485\"}}}");
	assert_string_equal(lid, f->child->string);
	free(lid);
	cJSON_Delete(f);
	ivs_project_free(p);
}

static void test_tags_inherit_and_override(void **state)
{
	(void)state;
	struct ivs_project *p = project("s");
	struct ivs_res *c = add(p, IVS_KIND_CHANNEL, NULL, "C");
	set(p, c, IVS_CHANNEL_NAME, "c");
	set(p, c, IVS_CHANNEL_TAGS, "team=video, env=prod");
	struct ivs_res *k = add(p, IVS_KIND_STREAM_KEY, c, "K");
	set(p, k, IVS_STREAM_KEY_TAGS, "env=dev, a=1");
	assert_template(p, "{\"Resources\": {"
	                   "\"C375D67C5\": {\"Type\": \"AWS::IVS::Channel\", \"Properties\": {\"Name\": \"c\","
	                   "\"Tags\": [{\"Key\": \"env\", \"Value\": \"prod\"}, {\"Key\": \"team\", \"Value\": \"video\"}]}},"
	                   "\"CK940A2D6D\": {\"Type\": \"AWS::IVS::StreamKey\", \"Properties\": {"
	                   "\"ChannelArn\": {\"Fn::GetAtt\": [\"C375D67C5\", \"Arn\"]},"
	                   "\"Tags\": [{\"Key\": \"a\", \"Value\": \"1\"}, {\"Key\": \"env\", \"Value\": \"dev\"},"
	                   "{\"Key\": \"team\", \"Value\": \"video\"}]}}}}");
	ivs_project_free(p);
}

static void test_imported_channel_tags_reach_keys_only(void **state)
{
	(void)state;
	struct ivs_project *p = project("s");
	struct ivs_res *c = add(p, IVS_KIND_CHANNEL, NULL, "Imp");
	set(p, c, IVS_CHANNEL_FROM_ARN, "arn:aws:ivs:us-west-2:123456789012:channel/abcd");
	set(p, c, IVS_CHANNEL_TAGS, "team=video");
	add(p, IVS_KIND_STREAM_KEY, c, "Key");
	assert_null(ivs_export_logical_id(c));
	assert_template(p, "{\"Resources\": {\"ImpKey63CCB938\": {\"Type\": \"AWS::IVS::StreamKey\","
	                   "\"Properties\": {\"ChannelArn\": \"arn:aws:ivs:us-west-2:123456789012:channel/abcd\","
	                   "\"Tags\": [{\"Key\": \"team\", \"Value\": \"video\"}]}}}}");
	ivs_project_free(p);
}

static void test_buckets_and_recording(void **state)
{
	(void)state;
	struct ivs_project *p = project("s");
	struct ivs_res *b = add(p, IVS_KIND_BUCKET, NULL, "Bkt");
	set(p, b, IVS_BUCKET_NAME, "my-recordings");
	set(p, b, IVS_BUCKET_REMOVAL_POLICY, "DESTROY");
	set(p, b, IVS_BUCKET_TAGS, "cost=ivs");
	struct ivs_res *ext = add(p, IVS_KIND_BUCKET, NULL, "Ext");
	set(p, ext, IVS_BUCKET_FROM_NAME, "existing-archive");
	struct ivs_res *r1 = add(p, IVS_KIND_RECORDING, NULL, "R1");
	set(p, r1, IVS_RECORDING_BUCKET, "Bkt");
	set(p, r1, IVS_RECORDING_NAME, "rec-one");
	set(p, r1, IVS_RECORDING_RECONNECT_WINDOW, "0");
	struct ivs_res *r2 = add(p, IVS_KIND_RECORDING, NULL, "R2");
	set(p, r2, IVS_RECORDING_BUCKET, "Ext");
	assert_int_equal(ivs_edit_set_group(p, r2, IVS_RECORDING_THUMBNAIL), 0);
	set(p, r2, IVS_RECORDING_THUMB_MODE, "DISABLED");
	struct ivs_res *c = add(p, IVS_KIND_CHANNEL, NULL, "C");
	set(p, c, IVS_CHANNEL_NAME, "c");
	set(p, c, IVS_CHANNEL_RECORDING, "R2");
	cJSON *empty = ivs_export_fragment(p, ext);
	assert_null(empty->child);
	cJSON_Delete(empty);
	assert_template(p, "{\"Resources\": {"
	                   "\"BktDACB3953\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"BucketName\": "
	                   "\"my-recordings\", \"Tags\": [{\"Key\": \"cost\", \"Value\": \"ivs\"}]},"
	                   "\"UpdateReplacePolicy\": \"Delete\", \"DeletionPolicy\": \"Delete\"},"
	                   "\"R18C979491\": {\"Type\": \"AWS::IVS::RecordingConfiguration\", \"Properties\": {"
	                   "\"DestinationConfiguration\": {\"S3\": {\"BucketName\": {\"Ref\": \"BktDACB3953\"}}},"
	                   "\"Name\": \"rec-one\", \"RecordingReconnectWindowSeconds\": 0}},"
	                   "\"R2D8F31528\": {\"Type\": \"AWS::IVS::RecordingConfiguration\", \"Properties\": {"
	                   "\"DestinationConfiguration\": {\"S3\": {\"BucketName\": \"existing-archive\"}},"
	                   "\"ThumbnailConfiguration\": {\"RecordingMode\": \"DISABLED\"}}},"
	                   "\"C375D67C5\": {\"Type\": \"AWS::IVS::Channel\", \"Properties\": {\"Name\": \"c\","
	                   "\"RecordingConfigurationArn\": {\"Fn::GetAtt\": [\"R2D8F31528\", \"Arn\"]}}}}}");
	ivs_project_free(p);
}

static void test_key_pair(void **state)
{
	(void)state;
	struct ivs_project *p = project("s");
	struct ivs_res *k = add(p, IVS_KIND_KEY_PAIR, NULL, "Kp");
	assert_int_equal(ivs_edit_set_str(p, k, IVS_KEY_PAIR_PUBLIC_KEY, PEM), 0);
	set(p, k, IVS_KEY_PAIR_NAME, "viewers");
	cJSON *f = ivs_export_fragment(p, k);
	cJSON *props = cJSON_GetObjectItem(f->child, "Properties");
	assert_string_equal(f->child->string, "Kp9C1C6B90");
	assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(props, "Name")), "viewers");
	assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(props, "PublicKeyMaterial")), PEM);
	cJSON_Delete(f);
	ivs_project_free(p);
}

/* The JSON text is the CDK's: one-space indent, "key": value, sorted
 * properties, escapes as JSON.stringify writes them, a final newline. */
static void test_json_text(void **state)
{
	(void)state;
	struct ivs_project *p = project("s");
	set(p, &ivs_project_stack(p)->r, IVS_STACK_DESCRIPTION, "a \"quoted\"\tline\x01");
	struct ivs_res *c = add(p, IVS_KIND_CHANNEL, NULL, "C");
	set(p, c, IVS_CHANNEL_TYPE, "BASIC");
	set(p, c, IVS_CHANNEL_NAME, "c");
	add(p, IVS_KIND_STREAM_KEY, c, "K");
	cJSON *t = ivs_export_template(p);
	struct ivs_buf b;
	ivs_buf_init(&b);
	ivs_export_write(t, IVS_EXPORT_JSON, &b);
	assert_string_equal(b.data, "{\n"
	                            " \"Description\": \"a \\\"quoted\\\"\\tline\\u0001\",\n"
	                            " \"Resources\": {\n"
	                            "  \"C375D67C5\": {\n"
	                            "   \"Type\": \"AWS::IVS::Channel\",\n"
	                            "   \"Properties\": {\n"
	                            "    \"Name\": \"c\",\n"
	                            "    \"Type\": \"BASIC\"\n"
	                            "   }\n"
	                            "  },\n"
	                            "  \"CK940A2D6D\": {\n"
	                            "   \"Type\": \"AWS::IVS::StreamKey\",\n"
	                            "   \"Properties\": {\n"
	                            "    \"ChannelArn\": {\n"
	                            "     \"Fn::GetAtt\": [\n"
	                            "      \"C375D67C5\",\n"
	                            "      \"Arn\"\n"
	                            "     ]\n"
	                            "    }\n"
	                            "   }\n"
	                            "  }\n"
	                            " }\n"
	                            "}\n");
	/* and it reads back as the same tree */
	cJSON *back = cJSON_Parse(b.data);
	assert_true(cJSON_Compare(back, t, 1));
	cJSON_Delete(back);
	ivs_buf_free(&b);
	cJSON_Delete(t);
	ivs_project_free(p);
}

static void test_json_empty_containers(void **state)
{
	(void)state;
	cJSON *t = cJSON_Parse("{\"a\": {}, \"b\": [], \"n\": 300, \"f\": false}");
	struct ivs_buf b;
	ivs_buf_init(&b);
	ivs_export_write(t, IVS_EXPORT_JSON, &b);
	assert_string_equal(b.data, "{\n \"a\": {},\n \"b\": [],\n \"n\": 300,\n \"f\": false\n}\n");
	ivs_buf_free(&b);
	cJSON_Delete(t);
}

static void test_yaml_text(void **state)
{
	(void)state;
	struct ivs_project *p = project("s");
	set(p, &ivs_project_stack(p)->r, IVS_STACK_DESCRIPTION, "true");
	struct ivs_res *b = add(p, IVS_KIND_BUCKET, NULL, "B");
	set(p, b, IVS_BUCKET_TAGS, "n=300, x=null, ok=plain");
	struct ivs_res *r = add(p, IVS_KIND_RECORDING, NULL, "R");
	set(p, r, IVS_RECORDING_BUCKET, "B");
	set(p, r, IVS_RECORDING_RECONNECT_WINDOW, "60");
	struct ivs_res *k = add(p, IVS_KIND_KEY_PAIR, NULL, "K");
	assert_int_equal(ivs_edit_set_str(p, k, IVS_KEY_PAIR_PUBLIC_KEY, PEM), 0);
	struct ivs_res *c = add(p, IVS_KIND_CHANNEL, NULL, "C");
	set(p, c, IVS_CHANNEL_NAME, "c");
	set(p, c, IVS_CHANNEL_AUTHORIZED, "true");
	set(p, c, IVS_CHANNEL_RECORDING, "R");
	cJSON *t = ivs_export_template(p);
	struct ivs_buf y;
	ivs_buf_init(&y);
	ivs_export_write(t, IVS_EXPORT_YAML, &y);
	assert_string_equal(y.data,
	                    "Description: \"true\"\n"
	                    "Resources:\n"
	                    "  B08E7C7AF:\n"
	                    "    Type: AWS::S3::Bucket\n"
	                    "    Properties:\n"
	                    "      Tags:\n"
	                    "      - Key: \"n\"\n"
	                    "        Value: \"300\"\n"
	                    "      - Key: ok\n"
	                    "        Value: plain\n"
	                    "      - Key: x\n"
	                    "        Value: \"null\"\n"
	                    "    UpdateReplacePolicy: Retain\n"
	                    "    DeletionPolicy: Retain\n"
	                    "  RC21A1702:\n"
	                    "    Type: AWS::IVS::RecordingConfiguration\n"
	                    "    Properties:\n"
	                    "      DestinationConfiguration:\n"
	                    "        S3:\n"
	                    "          BucketName:\n"
	                    "            Ref: B08E7C7AF\n"
	                    "      RecordingReconnectWindowSeconds: 60\n"
	                    "  K485CC42E:\n"
	                    "    Type: AWS::IVS::PlaybackKeyPair\n"
	                    "    Properties:\n"
	                    "      PublicKeyMaterial: |\n"
	                    "        -----BEGIN PUBLIC KEY-----\n"
	                    "        MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE\n"
	                    "        -----END PUBLIC KEY-----\n"
	                    "  C375D67C5:\n"
	                    "    Type: AWS::IVS::Channel\n"
	                    "    Properties:\n"
	                    "      Authorized: true\n"
	                    "      Name: c\n"
	                    "      RecordingConfigurationArn:\n"
	                    "        Fn::GetAtt: [RC21A1702, Arn]\n");
	ivs_buf_free(&y);
	cJSON_Delete(t);
	ivs_project_free(p);
}

static void test_logical_ids(void **state)
{
	(void)state;
	struct ivs_project *p = project("s");
	struct ivs_res *c = add(p, IVS_KIND_CHANNEL, NULL, "Channel");
	struct ivs_res *k = add(p, IVS_KIND_STREAM_KEY, c, "StreamKey");
	struct ivs_res *d = add(p, IVS_KIND_CHANNEL, NULL, "Default");
	char *lc = ivs_export_logical_id(c), *lk = ivs_export_logical_id(k),
	     *ld = ivs_export_logical_id(d);
	assert_string_equal(lc, "Channel4048F119");
	assert_string_equal(lk, "ChannelStreamKey60BDC2BE");
	assert_string_equal(ld, "Resource");     /* "Default" leaves the path */
	assert_null(ivs_export_logical_id(&ivs_project_stack(p)->r));
	free(lc);
	free(lk);
	free(ld);
	ivs_project_free(p);
}

/* A fragment is what one entry exports to: an imported channel only its
 * stream keys, a stream key itself, the stack nothing. */
static void test_fragments(void **state)
{
	(void)state;
	struct ivs_project *p = project("s");
	struct ivs_res *c = add(p, IVS_KIND_CHANNEL, NULL, "Imp");
	set(p, c, IVS_CHANNEL_FROM_ARN, "arn:aws:ivs:us-west-2:123456789012:channel/abcd");
	struct ivs_res *k = add(p, IVS_KIND_STREAM_KEY, c, "Key");
	const char *expect = "{\"ImpKey63CCB938\": {\"Type\": \"AWS::IVS::StreamKey\", \"Properties\": "
	                     "{\"ChannelArn\": \"arn:aws:ivs:us-west-2:123456789012:channel/abcd\"}}}";
	cJSON *fc = ivs_export_fragment(p, c), *fk = ivs_export_fragment(p, k),
	      *fs = ivs_export_fragment(p, &ivs_project_stack(p)->r);
	assert_json(fc, expect);
	assert_json(fk, expect);
	assert_json(fs, "{}");
	cJSON_Delete(fc);
	cJSON_Delete(fk);
	cJSON_Delete(fs);
	ivs_project_free(p);
}

/* Text libyaml's emitter refuses (not UTF-8) still gives a correct
 * template: the JSON text, which is YAML too. */
static void test_yaml_falls_back_to_json(void **state)
{
	(void)state;
	cJSON *t = cJSON_CreateObject();
	cJSON_AddStringToObject(t, "Description", "bad \xff byte");
	struct ivs_buf y, j;
	ivs_buf_init(&y);
	ivs_buf_init(&j);
	ivs_buf_puts(&y, "prefix:");
	ivs_buf_puts(&j, "prefix:");
	ivs_export_write(t, IVS_EXPORT_YAML, &y);
	ivs_export_write(t, IVS_EXPORT_JSON, &j);
	assert_string_equal(y.data, j.data);
	assert_string_equal(j.data, "prefix:{\n \"Description\": \"bad \xff byte\"\n}\n");
	ivs_buf_free(&y);
	ivs_buf_free(&j);
	cJSON_Delete(t);
}

/* Many channels: every one is in the template, each with its stream key;
 * nothing is lost or merged (the appends use the tail pointer). */
static void test_many_channels(void **state)
{
	(void)state;
	struct ivs_project *p = project("s");
	char id[32];
	ivs_project_set_history(p, false);
	for (int i = 0; i < 2000; i++) {
		snprintf(id, sizeof id, "Ch%d", i);
		struct ivs_res *c = add(p, IVS_KIND_CHANNEL, NULL, id);
		add(p, IVS_KIND_STREAM_KEY, c, "Key");
	}
	cJSON *t = ivs_export_template(p);
	cJSON *res = cJSON_GetObjectItem(t, "Resources");
	assert_int_equal(cJSON_GetArraySize(res), 4000);
	/* order kept: the last channel and its key close the list */
	assert_string_equal(res->child->prev->string, "Ch1999Key3055DD81");
	cJSON_Delete(t);
	ivs_project_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_channel),
		cmocka_unit_test(test_description_and_given_name),
		cmocka_unit_test(test_preset_rules),
		cmocka_unit_test(test_multitrack_container_auto),
		cmocka_unit_test(test_tags_inherit_and_override),
		cmocka_unit_test(test_imported_channel_tags_reach_keys_only),
		cmocka_unit_test(test_buckets_and_recording),
		cmocka_unit_test(test_key_pair),
		cmocka_unit_test(test_json_text),
		cmocka_unit_test(test_json_empty_containers),
		cmocka_unit_test(test_yaml_text),
		cmocka_unit_test(test_logical_ids),
		cmocka_unit_test(test_fragments),
		cmocka_unit_test(test_yaml_falls_back_to_json),
		cmocka_unit_test(test_many_channels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
