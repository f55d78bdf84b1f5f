/* test_validate.c: every rule the validator reports, failing and passing;
 * candidate text; the CDK's refused conformance designs. The incremental
 * machinery is proven in test_validate_incr.c. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "ivs/validate.h"

static const char PEM[] =
	"-----BEGIN PUBLIC KEY-----\n"
	"MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE9Qv8xlHZe/z8wNVoAa5rOvZ91/qnVsyW\n"
	"H7J26sYBZlRl0vUWAOwBiDqo8J4ZPXtEnmbf1CXRkc8w1Vhk1xpI+axeneD+jtRz\n"
	"iUXrBlpgHqamGlubPFRPqEje7L2FeRKF\n"
	"-----END PUBLIC KEY-----\n";

static struct ivs_diags got;

static struct ivs_project *proj(void)
{
	struct ivs_project *p = ivs_project_new();
	assert_int_equal(ivs_edit_set_str(p, &ivs_project_stack(p)->r, IVS_STACK_NAME, "ivs-seed"), 0);
	return p;
}

static struct ivs_res *add(struct ivs_project *p, enum ivs_kind k, const char *id)
{
	struct ivs_res *r = ivs_edit_add(p, k, NULL, id, SIZE_MAX);
	assert_non_null(r);
	return r;
}

static struct ivs_res *add_key(struct ivs_project *p, struct ivs_res *c, const char *id)
{
	struct ivs_res *r = ivs_edit_add(p, IVS_KIND_STREAM_KEY, c, id, SIZE_MAX);
	assert_non_null(r);
	return r;
}

static void set(struct ivs_project *p, struct ivs_res *r, int field, const char *text)
{
	test_set_text(p, r, field, text);
}

/* Validates what changed and collects the result into `got`. */
static void run(struct ivs_project *p)
{
	ivs_validate_changes(p);
	ivs_diags_clear(&got);
	ivs_validate_collect(p, &got);
	/* the O(1) totals agree with the list */
	assert_int_equal(ivs_validate_errors(p), got.errors);
	assert_int_equal(ivs_validate_warnings(p), got.warnings);
}

static void dump(void)
{
	for (size_t i = 0; i < got.n; i++)
		print_message("  %s %s: %s\n", ivs_rule_id(got.v[i].rule), got.v[i].path, got.v[i].msg);
}

static const struct ivs_diag *find(enum ivs_rule rule, const char *path)
{
	for (size_t i = 0; i < got.n; i++)
		if (got.v[i].rule == rule && strcmp(got.v[i].path, path) == 0)
			return &got.v[i];
	return NULL;
}

static size_t count(enum ivs_rule rule)
{
	size_t n = 0;
	for (size_t i = 0; i < got.n; i++)
		n += got.v[i].rule == rule;
	return n;
}

/* The diagnostic must be there, once, with this severity and these words. */
static void expect_words(enum ivs_rule rule, enum ivs_severity sev, const char *path,
                         const char *const *words)
{
	const struct ivs_diag *d = find(rule, path);
	if (!d) {
		dump();
		fail_msg("no %s at %s", ivs_rule_id(rule), path);
	}
	assert_int_equal(d->sev, sev);
	assert_non_null(d->res);
	for (; *words; words++)
		if (!strstr(d->msg, *words))
			fail_msg("%s at %s: message '%s' lacks '%s'", ivs_rule_id(rule), path, d->msg,
			         *words);
}
#define EXPECT(rule, sev, path, ...) \
	expect_words(IVS_RULE_##rule, IVS_SEV_##sev, path, (const char *const[]){__VA_ARGS__, NULL})

static void expect_msg(enum ivs_rule rule, const char *path, const char *msg)
{
	const struct ivs_diag *d = find(rule, path);
	if (!d) {
		dump();
		fail_msg("no %s at %s", ivs_rule_id(rule), path);
	}
	assert_string_equal(d->msg, msg);
}

static void none(enum ivs_rule rule)
{
	if (count(rule)) {
		dump();
		fail_msg("unexpected %s", ivs_rule_id(rule));
	}
}
#define NONE(rule) none(IVS_RULE_##rule)

static int teardown(void **state)
{
	(void)state;
	ivs_diags_free(&got);
	return 0;
}

/* ---- the stack ---- */

static void test_stack(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	struct ivs_res *s = &ivs_project_stack(p)->r;
	run(p);
	EXPECT(REQUIRED_MISSING, ERROR, "stack.name", "stack name is required");
	set(p, s, IVS_STACK_NAME, "1live");
	run(p);
	NONE(REQUIRED_MISSING);
	EXPECT(STACK_NAME, ERROR, "stack.name", "must start with a letter", "'1live'");
	set(p, s, IVS_STACK_NAME, "live_events");
	run(p);
	EXPECT(STACK_NAME, ERROR, "stack.name", "'live_events'");
	char longname[140];
	memset(longname, 'a', 129);
	longname[129] = '\0';
	set(p, s, IVS_STACK_NAME, longname);
	run(p);
	EXPECT(STACK_NAME, ERROR, "stack.name", "1 to 128 characters, got 129");
	set(p, s, IVS_STACK_NAME, "live-events");
	run(p);
	NONE(STACK_NAME);

	char desc[600];
	memset(desc, 'd', 513);
	desc[513] = '\0';
	set(p, s, IVS_STACK_DESCRIPTION, desc);
	run(p);
	EXPECT(STACK_DESCRIPTION, ERROR, "stack.description", "at most 512 characters, got 513");
	desc[512] = '\0';
	set(p, s, IVS_STACK_DESCRIPTION, desc);
	run(p);
	NONE(STACK_DESCRIPTION);
	/* 400 characters of 3 bytes: 1200 bytes, over CloudFormation's 1024 */
	char wide[1300] = "";
	for (int i = 0; i < 400; i++)
		strcat(wide, "\xe2\x82\xac");
	set(p, s, IVS_STACK_DESCRIPTION, wide);
	run(p);
	EXPECT(STACK_DESCRIPTION, ERROR, "stack.description", "1024 bytes", "got 1200");
	/* 300 characters outside the BMP: 600 UTF-16 units for the CDK */
	wide[0] = '\0';
	for (int i = 0; i < 300; i++)
		strcat(wide, "\xf0\x9f\x8e\xa5");
	set(p, s, IVS_STACK_DESCRIPTION, wide);
	run(p);
	EXPECT(STACK_DESCRIPTION, ERROR, "stack.description", "count twice", "got 600");
	set(p, s, IVS_STACK_DESCRIPTION, "Live events");
	run(p);
	NONE(STACK_DESCRIPTION);
	/* the project creates nothing: the one warning left says so */
	assert_int_equal(got.n, 1);
	assert_int_equal(got.v[0].rule, IVS_RULE_TEMPLATE_NO_RESOURCES);
	ivs_project_free(p);
}

/* ---- ids ---- */

static void test_ids(void **state)
{
	(void)state;
	struct ivs_project *p = proj();
	struct ivs_res *b = add(p, IVS_KIND_BUCKET, "---");
	run(p);
	EXPECT(ID_INVALID, ERROR, "buckets[0].id", "at least one ASCII letter or digit", "'---'");
	set(p, b, 0, "Main");
	struct ivs_res *c = add(p, IVS_KIND_CHANNEL, "Main");
	run(p);
	NONE(ID_INVALID);
	EXPECT(ID_DUPLICATE, ERROR, "channels[0].id", "'Main'", "bucket", "another id");
	assert_int_equal(count(IVS_RULE_ID_DUPLICATE), 1);
	set(p, c, 0, "Live");
	run(p);
	NONE(ID_DUPLICATE);

	char longid[300];
	memset(longid, 'x', 256);
	longid[256] = '\0';
	set(p, c, 0, longid);
	run(p);
	EXPECT(ID_INVALID, ERROR, "channels[0].id", "1 to 255 characters", "(256 characters)");
	set(p, c, 0, "Live");

	struct ivs_res *k1 = add_key(p, c, "Key");
	run(p);
	NONE(STREAM_KEY_MULTIPLE);
	add_key(p, c, "Key");
	run(p);
	EXPECT(STREAM_KEY_DUPLICATE, ERROR, "channels[0].stream_keys[1].id", "'Key'", "another id");
	EXPECT(STREAM_KEY_MULTIPLE, WARNING, "channels[0].stream_keys[1]", "allows one", "'Live'");
	NONE(LOGICAL_ID_COLLISION);
	ivs_edit_remove(p, k1);
	run(p);
	NONE(STREAM_KEY_DUPLICATE);
	NONE(STREAM_KEY_MULTIPLE);
	ivs_project_free(p);
}

static void test_logical_ids(void **state)
{
	(void)state;
	struct ivs_project *p = proj();
	struct ivs_res *c = add(p, IVS_KIND_CHANNEL, "Live");
	struct ivs_res *k = add_key(p, c, "Key");
	run(p);
	NONE(LOGICAL_ID_COLLISION);
	/* the CDK drops "Default": Live/Default/Resource is Live/Resource */
	set(p, k, 0, "Default");
	run(p);
	EXPECT(LOGICAL_ID_COLLISION, ERROR, "channels[0].stream_keys[0].id", "stream key",
	       "channel 'Live'", "Default");
	/* a second "Default" key: one duplicate, not a second collision */
	struct ivs_res *k2 = add_key(p, c, "Default");
	run(p);
	assert_int_equal(count(IVS_RULE_LOGICAL_ID_COLLISION), 1);
	EXPECT(STREAM_KEY_DUPLICATE, ERROR, "channels[0].stream_keys[1].id", "'Default'");
	ivs_edit_remove(p, k2);
	/* an imported channel makes no resource: nothing to collide with */
	set(p, c, IVS_CHANNEL_FROM_ARN, "arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh");
	run(p);
	NONE(LOGICAL_ID_COLLISION);
	ivs_edit_unset(p, c, IVS_CHANNEL_FROM_ARN);
	run(p);
	assert_int_equal(count(IVS_RULE_LOGICAL_ID_COLLISION), 1);
	/* a 255-character id still makes a logical id CloudFormation takes
	 * (the CDK keeps 240 characters and a hash) */
	char longid[256];
	memset(longid, 'y', 255);
	longid[255] = '\0';
	set(p, k, 0, "Key");
	set(p, c, 0, longid);
	run(p);
	NONE(LOGICAL_ID_TOO_LONG);
	NONE(LOGICAL_ID_COLLISION);
	ivs_project_free(p);
}

/* ---- tags ---- */

static void test_tags(void **state)
{
	(void)state;
	struct ivs_project *p = proj();
	struct ivs_res *c = add(p, IVS_KIND_CHANNEL, "Live");
	struct ivs_tags t = {0};
	char key[200], val[300];

	ivs_tags_put(&t, "team", "video");
	ivs_edit_set_tags(p, c, &t);
	run(p);
	assert_int_equal(got.n, 0);
	ivs_tags_put(&t, "aws:owner", "me");
	ivs_edit_set_tags(p, c, &t);
	run(p);
	EXPECT(TAG_KEY_INVALID, ERROR, "channels[0].tags", "'aws:owner'", "reserves");
	ivs_tags_free(&t);
	memset(key, 'k', 129);
	key[129] = '\0';
	ivs_tags_put(&t, key, "v");
	ivs_edit_set_tags(p, c, &t);
	run(p);
	EXPECT(TAG_KEY_INVALID, ERROR, "channels[0].tags", "1 to 128 characters, got 129");
	ivs_tags_free(&t);
	memset(val, 'v', 257);
	val[257] = '\0';
	ivs_tags_put(&t, "team", val);
	ivs_edit_set_tags(p, c, &t);
	run(p);
	NONE(TAG_KEY_INVALID);
	EXPECT(TAG_VALUE_INVALID, ERROR, "channels[0].tags", "'team'", "at most 256", "got 257");
	ivs_tags_free(&t);
	val[256] = '\0';
	ivs_tags_put(&t, "team", val);
	ivs_edit_set_tags(p, c, &t);
	run(p);
	NONE(TAG_VALUE_INVALID);
	ivs_tags_free(&t);

	for (int i = 0; i < 51; i++) {
		snprintf(key, sizeof key, "k%02d", i);
		ivs_tags_put(&t, key, "v");
	}
	ivs_edit_set_tags(p, c, &t);
	run(p);
	EXPECT(TAG_COUNT, ERROR, "channels[0].tags", "at most 50", "got 51");
	ivs_tags_free(&t);

	/* 30 on the channel and 30 others on its key: the key carries 60 */
	struct ivs_res *k = add_key(p, c, "Key");
	for (int i = 0; i < 30; i++) {
		snprintf(key, sizeof key, "c%02d", i);
		ivs_tags_put(&t, key, "v");
	}
	ivs_edit_set_tags(p, c, &t);
	ivs_tags_free(&t);
	for (int i = 0; i < 30; i++) {
		snprintf(key, sizeof key, "s%02d", i);
		ivs_tags_put(&t, key, "v");
	}
	ivs_edit_set_tags(p, k, &t);
	ivs_tags_free(&t);
	run(p);
	EXPECT(TAG_COUNT, ERROR, "channels[0].stream_keys[0].tags", "60 tags", "its channel's");
	assert_int_equal(count(IVS_RULE_TAG_COUNT), 1);
	/* fewer on the channel: the key is fine again (the channel's edit
	 * re-checks its keys) */
	for (int i = 0; i < 10; i++) {
		snprintf(key, sizeof key, "c%02d", i);
		ivs_tags_put(&t, key, "v");
	}
	ivs_edit_set_tags(p, c, &t);
	ivs_tags_free(&t);
	run(p);
	NONE(TAG_COUNT);
	ivs_project_free(p);
}

/* ---- buckets ---- */

static void test_buckets(void **state)
{
	(void)state;
	struct ivs_project *p = proj();
	struct ivs_res *b = add(p, IVS_KIND_BUCKET, "Bucket");
	set(p, b, IVS_BUCKET_NAME, "my-recordings");
	run(p);
	assert_int_equal(got.n, 0);
	set(p, b, IVS_BUCKET_NAME, "My_Recordings");
	run(p);
	EXPECT(BUCKET_NAME, ERROR, "buckets[0].bucket_name", "lower-case", "'My_Recordings'");
	set(p, b, IVS_BUCKET_NAME, "ab");
	run(p);
	EXPECT(BUCKET_NAME, ERROR, "buckets[0].bucket_name", "3 to 63", "'ab'");
	set(p, b, IVS_BUCKET_NAME, "192.168.1.2");
	run(p);
	EXPECT(BUCKET_NAME, ERROR, "buckets[0].bucket_name", "IP address");
	set(p, b, IVS_BUCKET_NAME, "xn--bucket");
	run(p);
	EXPECT(BUCKET_NAME, ERROR, "buckets[0].bucket_name", "'xn--'");
	set(p, b, IVS_BUCKET_NAME, "bucket-s3alias");
	run(p);
	EXPECT(BUCKET_NAME, ERROR, "buckets[0].bucket_name", "'-s3alias'");
	set(p, b, IVS_BUCKET_NAME, "recordings");
	run(p);
	NONE(BUCKET_NAME);

	set(p, b, IVS_BUCKET_FROM_NAME, "existing-archive");
	set(p, b, IVS_BUCKET_REMOVAL_POLICY, "DESTROY");
	run(p);
	EXPECT(BUCKET_IMPORTED_PROPS, ERROR, "buckets[0].bucket_name", "from_bucket_name",
	       "remove bucket_name");
	EXPECT(BUCKET_IMPORTED_PROPS, ERROR, "buckets[0].removal_policy", "remove removal_policy");
	ivs_edit_unset(p, b, IVS_BUCKET_NAME);
	ivs_edit_unset(p, b, IVS_BUCKET_REMOVAL_POLICY);
	run(p);
	NONE(BUCKET_IMPORTED_PROPS);
	set(p, b, IVS_BUCKET_FROM_NAME, "Bad..name");
	run(p);
	EXPECT(BUCKET_NAME, ERROR, "buckets[0].from_bucket_name", "'Bad..name'");
	ivs_project_free(p);
}

/* ---- channels ---- */

static void test_channel_name(void **state)
{
	(void)state;
	struct ivs_project *p = proj();
	struct ivs_res *c = add(p, IVS_KIND_CHANNEL, "Channel");
	set(p, c, IVS_CHANNEL_NAME, "main-stage_1");
	run(p);
	assert_int_equal(got.n, 0);
	set(p, c, IVS_CHANNEL_NAME, "my channel!");
	run(p);
	expect_msg(IVS_RULE_CHANNEL_NAME, "channels[0].channel_name",
	           "channel_name must contain only letters, digits, hyphens and underscores, got "
	           "'my channel!'.");
	char name[140];
	memset(name, 'n', 129);
	name[129] = '\0';
	set(p, c, IVS_CHANNEL_NAME, name);
	run(p);
	EXPECT(CHANNEL_NAME, ERROR, "channels[0].channel_name", "at most 128 characters, got 129");
	ivs_project_free(p);
}

static void test_channel_preset(void **state)
{
	(void)state;
	struct ivs_project *p = proj();
	struct ivs_res *c = add(p, IVS_KIND_CHANNEL, "Channel");
	set(p, c, IVS_CHANNEL_TYPE, "ADVANCED_HD");
	set(p, c, IVS_CHANNEL_PRESET, "CONSTRAINED_BANDWIDTH_DELIVERY");
	run(p);
	assert_int_equal(got.n, 0);
	set(p, c, IVS_CHANNEL_TYPE, "BASIC");
	run(p);
	EXPECT(CHANNEL_PRESET_IGNORED, WARNING, "channels[0].preset", "BASIC", "Preset \"\"",
	       "CONSTRAINED_BANDWIDTH_DELIVERY");
	set(p, c, IVS_CHANNEL_TYPE, "STANDARD");
	run(p);
	EXPECT(CHANNEL_PRESET_IGNORED, WARNING, "channels[0].preset", "STANDARD");
	NONE(CHANNEL_PRESET_TYPE_UNSET);
	ivs_edit_unset(p, c, IVS_CHANNEL_TYPE);
	run(p);
	NONE(CHANNEL_PRESET_IGNORED);
	EXPECT(CHANNEL_PRESET_TYPE_UNSET, WARNING, "channels[0].preset", "type unset",
	       "ADVANCED_SD or ADVANCED_HD");
	ivs_edit_unset(p, c, IVS_CHANNEL_PRESET);
	run(p);
	NONE(CHANNEL_PRESET_TYPE_UNSET);
	ivs_project_free(p);
}

static void test_channel_multitrack(void **state)
{
	(void)state;
	struct ivs_project *p = proj();
	struct ivs_res *c = add(p, IVS_KIND_CHANNEL, "Channel");
	set(p, c, IVS_CHANNEL_CONTAINER_FORMAT, "FRAGMENTED_MP4");
	set(p, c, IVS_CHANNEL_MT_MAX_RESOLUTION, "HD");
	set(p, c, IVS_CHANNEL_MT_POLICY, "ALLOW");
	run(p);
	assert_int_equal(got.n, 0);
	ivs_edit_unset(p, c, IVS_CHANNEL_MT_POLICY);
	run(p);
	EXPECT(REQUIRED_MISSING, ERROR, "channels[0].multitrack_input_configuration.policy",
	       "policy is required", "ALLOW or REQUIRE");
	set(p, c, IVS_CHANNEL_MT_POLICY, "REQUIRE");
	set(p, c, IVS_CHANNEL_TYPE, "ADVANCED_HD");
	run(p);
	NONE(REQUIRED_MISSING);
	expect_msg(IVS_RULE_MULTITRACK_TYPE, "channels[0].multitrack_input_configuration",
	           "multitrack_input_configuration is only supported for type STANDARD, got "
	           "ADVANCED_HD.");
	set(p, c, IVS_CHANNEL_TYPE, "STANDARD");
	set(p, c, IVS_CHANNEL_CONTAINER_FORMAT, "TS");
	run(p);
	NONE(MULTITRACK_TYPE);
	EXPECT(MULTITRACK_CONTAINER, ERROR, "channels[0].container_format", "FRAGMENTED_MP4",
	       "got TS");
	ivs_edit_unset(p, c, IVS_CHANNEL_CONTAINER_FORMAT);
	run(p);
	NONE(MULTITRACK_CONTAINER);
	EXPECT(MULTITRACK_CONTAINER_AUTO, WARNING, "channels[0].multitrack_input_configuration",
	       "FRAGMENTED_MP4", "container_format is unset");
	ivs_edit_unset(p, c, IVS_CHANNEL_MULTITRACK);
	run(p);
	assert_int_equal(got.n, 0);
	ivs_project_free(p);
}

static void test_channel_arn(void **state)
{
	(void)state;
	struct ivs_project *p = proj();
	struct ivs_res *c = add(p, IVS_KIND_CHANNEL, "Imported");
	add_key(p, c, "Key");
	set(p, c, IVS_CHANNEL_FROM_ARN, "arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh");
	run(p);
	assert_int_equal(got.n, 0);
	set(p, c, IVS_CHANNEL_FROM_ARN, "arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh");
	run(p);
	EXPECT(CHANNEL_ARN, ERROR, "channels[0].from_channel_arn", "type 'channel', got 'stage'");
	set(p, c, IVS_CHANNEL_FROM_ARN, "arn:aws:s3:us-west-2:123456789012:channel/abc");
	run(p);
	EXPECT(CHANNEL_ARN, ERROR, "channels[0].from_channel_arn", "service 'ivs', got 's3'");
	set(p, c, IVS_CHANNEL_FROM_ARN, "channel/abc");
	run(p);
	EXPECT(CHANNEL_ARN, ERROR, "channels[0].from_channel_arn", "not an ARN", "'channel/abc'");
	set(p, c, IVS_CHANNEL_FROM_ARN, "arn:aws:ivs:us-west-2:12345x:channel/abc");
	run(p);
	EXPECT(CHANNEL_ARN, ERROR, "channels[0].from_channel_arn", "numeric account");
	char arn[200];
	snprintf(arn, sizeof arn, "arn:aws:ivs:us-west-2:123456789012:channel/%0100d", 7);
	set(p, c, IVS_CHANNEL_FROM_ARN, arn);
	run(p);
	EXPECT(CHANNEL_ARN, ERROR, "channels[0].from_channel_arn", "at most 128 characters");
	set(p, c, IVS_CHANNEL_FROM_ARN, "arn:aws-cn:ivs:cn-north-1:123456789012:channel/abc");
	run(p);
	NONE(CHANNEL_ARN);

	set(p, c, IVS_CHANNEL_AUTHORIZED, "true");
	set(p, c, IVS_CHANNEL_MT_POLICY, "ALLOW");
	run(p);
	EXPECT(CHANNEL_IMPORTED_PROPS, ERROR, "channels[0].authorized", "from_channel_arn",
	       "remove authorized");
	EXPECT(CHANNEL_IMPORTED_PROPS, ERROR, "channels[0].multitrack_input_configuration",
	       "remove multitrack_input_configuration");
	assert_int_equal(count(IVS_RULE_CHANNEL_IMPORTED_PROPS), 2);
	NONE(AUTHORIZED_NO_KEY_PAIR);
	NONE(REQUIRED_MISSING);
	ivs_edit_unset(p, c, IVS_CHANNEL_AUTHORIZED);
	ivs_edit_unset(p, c, IVS_CHANNEL_MULTITRACK);
	run(p);
	assert_int_equal(got.n, 0);
	ivs_project_free(p);
}

static void test_references(void **state)
{
	(void)state;
	struct ivs_project *p = proj();
	struct ivs_res *b = add(p, IVS_KIND_BUCKET, "Bucket");
	struct ivs_res *rc = add(p, IVS_KIND_RECORDING, "Recording");
	struct ivs_res *c = add(p, IVS_KIND_CHANNEL, "Channel");
	run(p);
	EXPECT(REQUIRED_MISSING, ERROR, "recording_configurations[0].bucket", "bucket is required");
	set(p, rc, IVS_RECORDING_BUCKET, "Bucket");
	set(p, c, IVS_CHANNEL_RECORDING, "Recording");
	run(p);
	assert_int_equal(got.n, 0);
	set(p, c, IVS_CHANNEL_RECORDING, "Recordng");
	run(p);
	EXPECT(REF_MISSING, ERROR, "channels[0].recording_configuration", "'Recordng'",
	       "did you mean 'Recording'?");
	set(p, c, IVS_CHANNEL_RECORDING, "Bucket");
	run(p);
	NONE(REF_MISSING);
	EXPECT(REF_WRONG_KIND, ERROR, "channels[0].recording_configuration", "names a bucket",
	       "not a recording configuration");
	set(p, rc, IVS_RECORDING_BUCKET, "Nothing");
	run(p);
	EXPECT(REF_MISSING, ERROR, "recording_configurations[0].bucket", "'Nothing'",
	       "add one with that id to buckets");
	/* a bucket with that id appears: the reference is right again */
	set(p, b, 0, "Nothing");
	run(p);
	assert_null(find(IVS_RULE_REF_MISSING, "recording_configurations[0].bucket"));
	/* and the channel's 'Bucket' now names nothing at all */
	NONE(REF_WRONG_KIND);
	EXPECT(REF_MISSING, ERROR, "channels[0].recording_configuration", "'Bucket'");
	assert_int_equal(got.n, 1);
	ivs_project_free(p);
}

static void test_authorized(void **state)
{
	(void)state;
	struct ivs_project *p = proj();
	struct ivs_res *c = add(p, IVS_KIND_CHANNEL, "Private");
	set(p, c, IVS_CHANNEL_AUTHORIZED, "true");
	run(p);
	EXPECT(AUTHORIZED_NO_KEY_PAIR, WARNING, "channels[0].authorized", "no playback key pair");
	struct ivs_res *k = add(p, IVS_KIND_KEY_PAIR, "Key");
	set(p, k, IVS_KEY_PAIR_PUBLIC_KEY, PEM);
	run(p);
	NONE(AUTHORIZED_NO_KEY_PAIR);
	assert_int_equal(got.n, 0);
	ivs_edit_remove(p, k);
	run(p);
	EXPECT(AUTHORIZED_NO_KEY_PAIR, WARNING, "channels[0].authorized", "no playback key pair");
	ivs_project_free(p);
}

/* ---- playback key pairs ---- */

static void test_key_pairs(void **state)
{
	(void)state;
	struct ivs_project *p = proj();
	struct ivs_res *k = add(p, IVS_KIND_KEY_PAIR, "Key");
	run(p);
	EXPECT(REQUIRED_MISSING, ERROR, "playback_key_pairs[0].public_key_material",
	       "public_key_material is required", "P-384");
	set(p, k, IVS_KEY_PAIR_PUBLIC_KEY, "hello");
	run(p);
	NONE(REQUIRED_MISSING);
	EXPECT(KEY_NOT_PEM, ERROR, "playback_key_pairs[0].public_key_material",
	       "public_key_material: ");
	/* what keys.c finds is reported with its rule: a P-256 key */
	set(p, k, IVS_KEY_PAIR_PUBLIC_KEY,
	    "-----BEGIN PUBLIC KEY-----\n"
	    "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEerkyvuN4uNTuiGrvzep8DLqeQJWl\n"
	    "fyWQseZxB5grT1EOZLE2eA0n7lbtqPLWoHpW9/OXihhMocxrEyIp31NIfA==\n"
	    "-----END PUBLIC KEY-----\n");
	run(p);
	NONE(KEY_NOT_PEM);
	EXPECT(KEY_WRONG_CURVE, ERROR, "playback_key_pairs[0].public_key_material",
	       "public_key_material: ", "P-384");
	char trailing[sizeof PEM + 16];
	snprintf(trailing, sizeof trailing, "%sand more", PEM);
	set(p, k, IVS_KEY_PAIR_PUBLIC_KEY, trailing);
	run(p);
	NONE(KEY_WRONG_CURVE);
	EXPECT(KEY_TRAILING_DATA, ERROR, "playback_key_pairs[0].public_key_material",
	       "public_key_material: ");
	set(p, k, IVS_KEY_PAIR_PUBLIC_KEY, PEM);
	set(p, k, IVS_KEY_PAIR_NAME, "bad name");
	run(p);
	NONE(KEY_NOT_PEM);
	EXPECT(KEY_PAIR_NAME, ERROR, "playback_key_pairs[0].playback_key_pair_name", "'bad name'",
	       "hyphens and underscores");
	set(p, k, IVS_KEY_PAIR_NAME, "good_name");
	run(p);
	assert_int_equal(got.n, 0);
	for (int i = 0; i < 3; i++) {
		char id[16];
		snprintf(id, sizeof id, "K%d", i);
		struct ivs_res *o = add(p, IVS_KIND_KEY_PAIR, id);
		set(p, o, IVS_KEY_PAIR_PUBLIC_KEY, PEM);
		run(p);
		if (i < 2)
			NONE(KEY_PAIR_QUOTA);
	}
	const struct ivs_diag *d = find(IVS_RULE_KEY_PAIR_QUOTA, "playback_key_pairs");
	assert_non_null(d);
	assert_int_equal(d->sev, IVS_SEV_WARNING);
	assert_non_null(strstr(d->msg, "4 playback key pairs"));
	assert_null(d->res);
	ivs_edit_remove(p, k);
	run(p);
	NONE(KEY_PAIR_QUOTA);
	ivs_project_free(p);
}

/* ---- recording configurations ---- */

static struct ivs_res *recording(struct ivs_project *p)
{
	add(p, IVS_KIND_BUCKET, "RecordingBucket");
	struct ivs_res *r = add(p, IVS_KIND_RECORDING, "RecordingConfiguration");
	set(p, r, IVS_RECORDING_BUCKET, "RecordingBucket");
	return r;
}

static void test_recording_ranges(void **state)
{
	(void)state;
	struct ivs_project *p = proj();
	struct ivs_res *r = recording(p);
	set(p, r, IVS_RECORDING_RECONNECT_WINDOW, "300");
	set(p, r, IVS_RECORDING_THUMB_INTERVAL, "1");
	run(p);
	assert_int_equal(got.n, 0);
	set(p, r, IVS_RECORDING_RECONNECT_WINDOW, "301");
	set(p, r, IVS_RECORDING_THUMB_INTERVAL, "61");
	run(p);
	expect_msg(IVS_RULE_RECONNECT_WINDOW,
	           "recording_configurations[0].recording_reconnect_window_seconds",
	           "recording_reconnect_window_seconds must be between 0 and 300 seconds, got 301 "
	           "seconds.");
	expect_msg(IVS_RULE_THUMBNAIL_INTERVAL,
	           "recording_configurations[0].thumbnail_configuration.target_interval_seconds",
	           "target_interval_seconds must be between 1 and 60 seconds, got 61 seconds.");
	set(p, r, IVS_RECORDING_RECONNECT_WINDOW, "-1");
	set(p, r, IVS_RECORDING_THUMB_INTERVAL, "0");
	run(p);
	EXPECT(RECONNECT_WINDOW, ERROR, "recording_configurations[0].recording_reconnect_window_seconds",
	       "got -1 seconds");
	EXPECT(THUMBNAIL_INTERVAL, ERROR,
	       "recording_configurations[0].thumbnail_configuration.target_interval_seconds",
	       "got 0 seconds");
	set(p, r, IVS_RECORDING_RECONNECT_WINDOW, "0");
	set(p, r, IVS_RECORDING_THUMB_INTERVAL, "60");
	run(p);
	assert_int_equal(got.n, 0);

	char name[140];
	set(p, r, IVS_RECORDING_NAME, "rec ording");
	run(p);
	EXPECT(RECORDING_NAME, ERROR, "recording_configurations[0].recording_configuration_name",
	       "'rec ording'");
	memset(name, 'r', 129);
	name[129] = '\0';
	set(p, r, IVS_RECORDING_NAME, name);
	run(p);
	EXPECT(RECORDING_NAME, ERROR, "recording_configurations[0].recording_configuration_name",
	       "at most 128 characters, got 129");
	ivs_project_free(p);
}

static void test_recording_renditions(void **state)
{
	(void)state;
	struct ivs_project *p = proj();
	struct ivs_res *r = recording(p);
	const char *rp = "recording_configurations[0].rendition_configuration.renditions";
	set(p, r, IVS_RECORDING_RENDITION_SELECTION, "CUSTOM");
	set(p, r, IVS_RECORDING_RENDITIONS, "HD, SD");
	run(p);
	assert_int_equal(got.n, 0);
	set(p, r, IVS_RECORDING_RENDITIONS, "HD, SD, HD");
	run(p);
	EXPECT(LIST_DUPLICATE, ERROR, rp, "HD twice");
	set(p, r, IVS_RECORDING_RENDITIONS, "HD");
	set(p, r, IVS_RECORDING_RENDITION_SELECTION, "ALL");
	run(p);
	NONE(LIST_DUPLICATE);
	EXPECT(RENDITIONS_NOT_CUSTOM, ERROR, rp, "got ALL", "CUSTOM");
	set(p, r, IVS_RECORDING_RENDITION_SELECTION, "CUSTOM");
	ivs_edit_unset(p, r, IVS_RECORDING_RENDITIONS);
	run(p);
	NONE(RENDITIONS_NOT_CUSTOM);
	EXPECT(RENDITIONS_MISSING, ERROR, rp, "at least one rendition");
	struct ivs_enum_list empty = {0};
	ivs_edit_set_list(p, r, IVS_RECORDING_RENDITIONS, &empty);
	run(p);
	EXPECT(RENDITIONS_MISSING, ERROR, rp, "at least one rendition");
	ivs_edit_unset(p, r, IVS_RECORDING_RENDITIONS);
	ivs_edit_unset(p, r, IVS_RECORDING_RENDITION_SELECTION);
	run(p);
	EXPECT(REQUIRED_MISSING, ERROR,
	       "recording_configurations[0].rendition_configuration.rendition_selection",
	       "ALL, NONE or CUSTOM");
	ivs_project_free(p);
}

static void test_recording_thumbnails(void **state)
{
	(void)state;
	struct ivs_project *p = proj();
	struct ivs_res *r = recording(p);
	set(p, r, IVS_RECORDING_THUMB_MODE, "INTERVAL");
	set(p, r, IVS_RECORDING_THUMB_STORAGE, "LATEST, SEQUENTIAL");
	set(p, r, IVS_RECORDING_THUMB_INTERVAL, "30");
	run(p);
	assert_int_equal(got.n, 0);
	set(p, r, IVS_RECORDING_THUMB_STORAGE, "LATEST, LATEST");
	run(p);
	EXPECT(LIST_DUPLICATE, ERROR, "recording_configurations[0].thumbnail_configuration.storage",
	       "LATEST twice");
	set(p, r, IVS_RECORDING_THUMB_STORAGE, "LATEST");
	set(p, r, IVS_RECORDING_THUMB_MODE, "DISABLED");
	run(p);
	NONE(LIST_DUPLICATE);
	EXPECT(THUMBNAIL_DISABLED_PROPS, WARNING,
	       "recording_configurations[0].thumbnail_configuration.storage", "DISABLED");
	EXPECT(THUMBNAIL_DISABLED_PROPS, WARNING,
	       "recording_configurations[0].thumbnail_configuration.target_interval_seconds",
	       "target_interval_seconds has no effect");
	assert_int_equal(count(IVS_RULE_THUMBNAIL_DISABLED_PROPS), 2);
	ivs_edit_unset(p, r, IVS_RECORDING_THUMB_STORAGE);
	ivs_edit_unset(p, r, IVS_RECORDING_THUMB_INTERVAL);
	run(p);
	NONE(THUMBNAIL_DISABLED_PROPS);
	ivs_project_free(p);
}

/* ---- the template as a whole ---- */

static void test_resource_limit(void **state)
{
	(void)state;
	struct ivs_project *p = proj();
	char id[16];
	ivs_project_set_history(p, false);
	for (int i = 0; i < 500; i++) {
		snprintf(id, sizeof id, "C%d", i);
		add(p, IVS_KIND_CHANNEL, id);
	}
	run(p);
	NONE(RESOURCE_LIMIT);
	struct ivs_res *last = add(p, IVS_KIND_CHANNEL, "OneTooMany");
	run(p);
	const struct ivs_diag *d = find(IVS_RULE_RESOURCE_LIMIT, "");
	assert_non_null(d);
	assert_int_equal(d->sev, IVS_SEV_ERROR);
	assert_non_null(strstr(d->msg, "501 resources"));
	assert_non_null(strstr(d->msg, "500"));
	/* an imported channel creates nothing */
	set(p, last, IVS_CHANNEL_FROM_ARN, "arn:aws:ivs:us-west-2:123456789012:channel/abc");
	run(p);
	NONE(RESOURCE_LIMIT);
	ivs_project_free(p);
}

/* ---- collecting: project-wide first, then file order, fresh paths ---- */

static void test_collect_order(void **state)
{
	(void)state;
	struct ivs_project *p = proj();
	struct ivs_res *kp[4];
	for (int i = 0; i < 4; i++) {
		char id[16];
		snprintf(id, sizeof id, "K%d", i);
		kp[i] = add(p, IVS_KIND_KEY_PAIR, id);
	}
	struct ivs_res *c = add(p, IVS_KIND_CHANNEL, "C");
	set(p, c, IVS_CHANNEL_NAME, "bad name");
	run(p);
	assert_int_equal(got.n, 6);
	assert_int_equal(got.v[0].rule, IVS_RULE_KEY_PAIR_QUOTA);
	assert_null(got.v[0].res);
	assert_int_equal(got.v[1].rule, IVS_RULE_CHANNEL_NAME);   /* channels before key pairs */
	assert_ptr_equal(got.v[1].res, c);
	assert_int_equal(got.v[1].field, IVS_CHANNEL_NAME);
	for (int i = 0; i < 4; i++) {
		char path[64];
		snprintf(path, sizeof path, "playback_key_pairs[%d].public_key_material", i);
		assert_int_equal(got.v[2 + i].rule, IVS_RULE_REQUIRED_MISSING);
		assert_string_equal(got.v[2 + i].path, path);
		assert_ptr_equal(got.v[2 + i].res, kp[i]);
		assert_int_equal(got.v[2 + i].field, IVS_KEY_PAIR_PUBLIC_KEY);
	}
	/* the last key pair moves first: paths and order follow */
	ivs_edit_move(p, kp[3], 0);
	run(p);
	assert_ptr_equal(got.v[2].res, kp[3]);
	assert_string_equal(got.v[2].path, "playback_key_pairs[0].public_key_material");
	assert_string_equal(got.v[5].path, "playback_key_pairs[3].public_key_material");
	ivs_project_free(p);
}

/* ---- candidate text ---- */

static void test_candidate(void **state)
{
	(void)state;
	struct ivs_project *p = proj();
	struct ivs_res *r = recording(p);
	struct ivs_res *c = add(p, IVS_KIND_CHANNEL, "Channel");
	struct ivs_diags d;
	ivs_diags_init(&d);
	run(p);
	assert_int_equal(got.n, 0);

	ivs_validate_candidate(p, r, IVS_RECORDING_THUMB_INTERVAL, "3x", &d);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].rule, IVS_RULE_YAML_BAD_INT);
	assert_string_equal(d.v[0].msg, "target_interval_seconds is a whole number, not '3x'.");
	assert_string_equal(d.v[0].path,
	                    "recording_configurations[0].thumbnail_configuration.target_interval_seconds");
	assert_ptr_equal(d.v[0].res, r);
	ivs_diags_clear(&d);
	ivs_validate_candidate(p, r, IVS_RECORDING_THUMB_INTERVAL, "61", &d);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].rule, IVS_RULE_THUMBNAIL_INTERVAL);
	ivs_diags_clear(&d);
	ivs_validate_candidate(p, r, IVS_RECORDING_THUMB_INTERVAL, " 30 ", &d);
	assert_int_equal(d.n, 0);
	/* the model did not change */
	assert_false(ivs_res_is_set(r, IVS_RECORDING_THUMB_INTERVAL));
	assert_false(ivs_res_is_set(r, IVS_RECORDING_THUMBNAIL));

	ivs_validate_candidate(p, c, IVS_CHANNEL_TYPE, "premium", &d);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].rule, IVS_RULE_YAML_BAD_ENUM);
	assert_non_null(strstr(d.v[0].msg, "STANDARD, BASIC, ADVANCED_SD or ADVANCED_HD"));
	ivs_diags_clear(&d);
	ivs_validate_candidate(p, c, IVS_CHANNEL_AUTHORIZED, "maybe", &d);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].rule, IVS_RULE_YAML_BAD_BOOL);
	ivs_diags_clear(&d);
	/* a problem the text makes elsewhere: multitrack needs STANDARD */
	set(p, c, IVS_CHANNEL_MT_POLICY, "ALLOW");
	set(p, c, IVS_CHANNEL_MT_MAX_RESOLUTION, "SD");
	set(p, c, IVS_CHANNEL_CONTAINER_FORMAT, "FRAGMENTED_MP4");
	run(p);
	assert_int_equal(got.n, 0);
	ivs_validate_candidate(p, c, IVS_CHANNEL_TYPE, "advanced_hd", &d);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].rule, IVS_RULE_MULTITRACK_TYPE);
	ivs_diags_clear(&d);
	ivs_validate_candidate(p, c, IVS_CHANNEL_NAME, "bad name", &d);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].rule, IVS_RULE_CHANNEL_NAME);
	ivs_diags_clear(&d);
	/* ids: a clash with another entry, not with itself */
	ivs_validate_candidate(p, c, 0, "Channel", &d);
	assert_int_equal(d.n, 0);
	ivs_validate_candidate(p, c, 0, "RecordingBucket", &d);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].rule, IVS_RULE_ID_DUPLICATE);
	ivs_diags_clear(&d);
	ivs_validate_candidate(p, c, IVS_CHANNEL_RECORDING, "Nope", &d);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].rule, IVS_RULE_REF_MISSING);
	ivs_diags_clear(&d);
	ivs_validate_candidate(p, c, IVS_CHANNEL_TAGS, "team=video, aws:x=1", &d);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].rule, IVS_RULE_TAG_KEY_INVALID);
	ivs_diags_clear(&d);
	ivs_validate_candidate(p, r, IVS_RECORDING_BUCKET, "", &d);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].rule, IVS_RULE_REQUIRED_MISSING);
	ivs_diags_clear(&d);
	/* the model is as it was: nothing new on a full check */
	run(p);
	assert_int_equal(got.n, 0);
	ivs_diags_free(&d);

	/* also before any validation of the project */
	struct ivs_project *q = proj();
	struct ivs_res *b1 = add(q, IVS_KIND_BUCKET, "B1");
	add(q, IVS_KIND_BUCKET, "B2");
	ivs_validate_candidate(q, b1, 0, "B2", &d);
	assert_int_equal(d.n, 1);   /* stored, B2 would carry it; typed, B1 shows it */
	assert_int_equal(d.v[0].rule, IVS_RULE_ID_DUPLICATE);
	assert_string_equal(d.v[0].path, "buckets[0].id");
	ivs_diags_clear(&d);
	ivs_validate_candidate(q, b1, IVS_BUCKET_NAME, "UPPER", &d);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].rule, IVS_RULE_BUCKET_NAME);
	ivs_diags_clear(&d);
	struct ivs_res *qc = add(q, IVS_KIND_CHANNEL, "C");
	struct ivs_res *k1 = add_key(q, qc, "K1");
	add_key(q, qc, "K2");
	ivs_validate_candidate(q, k1, 0, "K2", &d);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].rule, IVS_RULE_STREAM_KEY_DUPLICATE);
	assert_string_equal(d.v[0].path, "channels[0].stream_keys[0].id");
	ivs_diags_clear(&d);
	ivs_validate_candidate(q, k1, 0, "Default", &d);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].rule, IVS_RULE_LOGICAL_ID_COLLISION);
	ivs_diags_free(&d);
	ivs_project_free(q);
	ivs_project_free(p);
}

/* ---- the CDK's refused conformance designs (tests/conformance/bad-*) ---- */

static void test_conformance_bad(void **state)
{
	(void)state;
	struct ivs_project *p = proj();
	struct ivs_res *c = add(p, IVS_KIND_CHANNEL, "Channel");
	set(p, c, IVS_CHANNEL_NAME, "my channel!");           /* bad-seed-channel-name */
	run(p);
	assert_int_equal(got.errors, 1);
	assert_int_equal(got.v[0].rule, IVS_RULE_CHANNEL_NAME);
	ivs_project_free(p);

	p = proj();
	c = add(p, IVS_KIND_CHANNEL, "Channel");               /* bad-seed-imported-not-channel */
	set(p, c, IVS_CHANNEL_FROM_ARN, "arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh");
	run(p);
	assert_int_equal(got.errors, 1);
	EXPECT(CHANNEL_ARN, ERROR, "channels[0].from_channel_arn", "'channel', got 'stage'");
	ivs_project_free(p);

	p = proj();
	c = add(p, IVS_KIND_CHANNEL, "Channel");               /* bad-seed-multitrack-advanced */
	set(p, c, IVS_CHANNEL_TYPE, "ADVANCED_HD");
	set(p, c, IVS_CHANNEL_MT_MAX_RESOLUTION, "HD");
	set(p, c, IVS_CHANNEL_MT_POLICY, "ALLOW");
	run(p);
	assert_int_equal(got.errors, 1);
	EXPECT(MULTITRACK_TYPE, ERROR, "channels[0].multitrack_input_configuration", "ADVANCED_HD");
	ivs_project_free(p);

	p = proj();
	c = add(p, IVS_KIND_CHANNEL, "Channel");               /* bad-seed-multitrack-ts */
	set(p, c, IVS_CHANNEL_TYPE, "STANDARD");
	set(p, c, IVS_CHANNEL_CONTAINER_FORMAT, "TS");
	set(p, c, IVS_CHANNEL_MT_MAX_RESOLUTION, "HD");
	set(p, c, IVS_CHANNEL_MT_POLICY, "REQUIRE");
	run(p);
	assert_int_equal(got.errors, 1);
	EXPECT(MULTITRACK_CONTAINER, ERROR, "channels[0].container_format", "got TS");
	ivs_project_free(p);

	p = proj();
	struct ivs_res *r = recording(p);                      /* bad-seed-reconnect-301 */
	set(p, r, IVS_RECORDING_RECONNECT_WINDOW, "301");
	run(p);
	assert_int_equal(got.errors, 1);
	EXPECT(RECONNECT_WINDOW, ERROR,
	       "recording_configurations[0].recording_reconnect_window_seconds", "301 seconds");
	ivs_project_free(p);

	p = proj();
	r = recording(p);                                      /* bad-seed-thumbnail-61 */
	set(p, r, IVS_RECORDING_THUMB_MODE, "INTERVAL");
	set(p, r, IVS_RECORDING_THUMB_INTERVAL, "61");
	run(p);
	assert_int_equal(got.errors, 1);
	EXPECT(THUMBNAIL_INTERVAL, ERROR,
	       "recording_configurations[0].thumbnail_configuration.target_interval_seconds",
	       "61 seconds");
	ivs_project_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_stack, teardown),
		cmocka_unit_test_teardown(test_ids, teardown),
		cmocka_unit_test_teardown(test_logical_ids, teardown),
		cmocka_unit_test_teardown(test_tags, teardown),
		cmocka_unit_test_teardown(test_buckets, teardown),
		cmocka_unit_test_teardown(test_channel_name, teardown),
		cmocka_unit_test_teardown(test_channel_preset, teardown),
		cmocka_unit_test_teardown(test_channel_multitrack, teardown),
		cmocka_unit_test_teardown(test_channel_arn, teardown),
		cmocka_unit_test_teardown(test_references, teardown),
		cmocka_unit_test_teardown(test_authorized, teardown),
		cmocka_unit_test_teardown(test_key_pairs, teardown),
		cmocka_unit_test_teardown(test_recording_ranges, teardown),
		cmocka_unit_test_teardown(test_recording_renditions, teardown),
		cmocka_unit_test_teardown(test_recording_thumbnails, teardown),
		cmocka_unit_test_teardown(test_resource_limit, teardown),
		cmocka_unit_test_teardown(test_collect_order, teardown),
		cmocka_unit_test_teardown(test_candidate, teardown),
		cmocka_unit_test_teardown(test_conformance_bad, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
