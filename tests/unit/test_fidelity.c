/* test_fidelity.c: the CDK behaviours of issue 12 through the edit API,
 * the validator and the exporter: line feeds in ids, the tag order (ICU's
 * root collation), the empty stack, and the refusals the CDK makes (stream
 * key "Resource", stack and channel "Default", bucket names with ".-" or
 * "-."), with the messages that say what is wrong. Expected logical ids
 * and names were computed apart from this code (Python, hashlib.md5, the
 * rules of synthesis.md). */
#include "testutil.h"

#include <cjson/cJSON.h>
#include <string.h>

#include "ivs/export.h"
#include "ivs/schema.h"
#include "ivs/validate.h"
#include "ivs/yamlio.h"

static struct ivs_diags got;

static struct ivs_project *proj(const char *stack)
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

static void run(struct ivs_project *p)
{
	ivs_validate_changes(p);
	ivs_diags_clear(&got);
	ivs_validate_collect(p, &got);
	assert_int_equal(ivs_validate_errors(p), got.errors);
	assert_int_equal(ivs_validate_warnings(p), got.warnings);
}

static size_t count(enum ivs_rule rule)
{
	size_t n = 0;
	for (size_t i = 0; i < got.n; i++)
		n += got.v[i].rule == rule;
	return n;
}

/* The one diagnostic of `rule`, at path, with severity sev. */
static const struct ivs_diag *one(enum ivs_rule rule, enum ivs_severity sev, const char *path)
{
	const struct ivs_diag *d = NULL;
	for (size_t i = 0; i < got.n; i++) {
		if (got.v[i].rule != rule)
			continue;
		if (d)
			fail_msg("%s twice", ivs_rule_id(rule));
		d = &got.v[i];
	}
	if (!d) {
		for (size_t i = 0; i < got.n; i++)
			print_message("  %s %s: %s\n", ivs_rule_id(got.v[i].rule), got.v[i].path,
			              got.v[i].msg);
		fail_msg("no %s", ivs_rule_id(rule));
	}
	assert_string_equal(d->path, path);
	assert_int_equal(d->sev, sev);
	return d;
}

static int teardown(void **state)
{
	(void)state;
	ivs_diags_free(&got);
	return 0;
}

/* ---- 1. a line feed in an id ---- */

static void test_line_feed_ids(void **state)
{
	(void)state;
	struct ivs_project *p = proj("ivs-seed");
	struct ivs_res *c = add(p, IVS_KIND_CHANNEL, NULL, "Line\nBreak");
	struct ivs_res *k = add(p, IVS_KIND_STREAM_KEY, c, "Key\nOne");
	run(p);
	assert_int_equal(got.errors, 0);

	char *lid = ivs_export_logical_id(c);
	assert_string_equal(lid, "LineBreakBE87B344");
	free(lid);
	lid = ivs_export_logical_id(k);
	assert_string_equal(lid, "LineBreakKeyOne49EBF3AA");
	free(lid);
	cJSON *t = ivs_export_template(p);
	cJSON *name = cJSON_GetObjectItem(
	        cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(t, "Resources"),
	                                                "LineBreakBE87B344"),
	                            "Properties"),
	        "Name");
	assert_non_null(name);
	assert_string_equal(cJSON_GetStringValue(name), "ivs-seedLine--Break52F51C04");
	cJSON_Delete(t);

	/* "x" line feed "y", "x--y" and "x/y" are one construct id */
	add(p, IVS_KIND_CHANNEL, NULL, "x\ny");
	struct ivs_res *b = add(p, IVS_KIND_BUCKET, NULL, "x--y");
	run(p);
	const struct ivs_diag *d = one(IVS_RULE_ID_DUPLICATE, IVS_SEV_ERROR, "channels[1].id");
	assert_string_equal(d->msg, "this channel's id and the bucket id 'x--y' are one construct "
	                            "id, 'x--y', as the CDK turns '/' and a line feed into '--': "
	                            "give this channel another id.");
	assert_int_equal(count(IVS_RULE_LOGICAL_ID_COLLISION), 0);
	/* renaming one of them clears it, incrementally */
	assert_int_equal(ivs_edit_set_str(p, b, 0, "x-y"), 0);
	run(p);
	assert_int_equal(got.errors, 0);

	/* stream keys of one channel likewise */
	add(p, IVS_KIND_STREAM_KEY, c, "Key/One");
	run(p);
	d = one(IVS_RULE_STREAM_KEY_DUPLICATE, IVS_SEV_ERROR, "channels[0].stream_keys[1].id");
	assert_non_null(strstr(d->msg, "one construct id, 'Key--One'"));
	ivs_project_free(p);
}

/* ---- 2. tag order ---- */

static void test_tag_order_in_template(void **state)
{
	(void)state;
	static const char yaml[] =
	        "ivs_tui: 1\nstack:\n  name: tagged\nchannels:\n  - id: C\n"
	        "    tags: {ZZ: z, Team: t, cost: c, \"1\": one}\n"
	        "    stream_keys:\n      - id: K\n        tags: {Env: e, aa: a, app: p, _x: u, -x: h}\n";
	/* CLDR root: "_" before "-" before digits before letters; letters
	 * without regard to case first (aa, app, cost, Env, Team, ZZ) */
	static const char *const want[] = {"_x", "-x", "1", "aa", "app", "cost", "Env", "Team", "ZZ"};
	struct ivs_diags d;
	ivs_diags_init(&d);
	struct ivs_project *p = ivs_load_buffer("t.yaml", yaml, sizeof yaml - 1, &d);
	assert_non_null(p);
	assert_int_equal(d.n, 0);
	cJSON *t = ivs_export_template(p);
	cJSON *res = cJSON_GetObjectItem(t, "Resources"), *key = NULL;
	cJSON_ArrayForEach(key, res) {
		if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(key, "Type")),
		           "AWS::IVS::StreamKey") == 0)
			break;
	}
	assert_non_null(key);
	cJSON *tags = cJSON_GetObjectItem(cJSON_GetObjectItem(key, "Properties"), "Tags");
	assert_int_equal(cJSON_GetArraySize(tags), 9);
	for (int i = 0; i < 9; i++)
		assert_string_equal(
		        cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetArrayItem(tags, i), "Key")),
		        want[i]);
	cJSON_Delete(t);
	ivs_project_free(p);
	ivs_diags_free(&d);
}

/* ---- 3. an empty stack ---- */

static void test_empty_stack(void **state)
{
	(void)state;
	struct ivs_project *p = proj("empty");
	run(p);
	const struct ivs_diag *d = one(IVS_RULE_TEMPLATE_NO_RESOURCES, IVS_SEV_WARNING, "");
	assert_non_null(strstr(d->msg, "CloudFormation will not deploy it"));
	cJSON *t = ivs_export_template(p);
	assert_null(cJSON_GetObjectItem(t, "Resources"));
	assert_null(t->child);
	cJSON_Delete(t);

	/* imports create nothing */
	struct ivs_res *b = add(p, IVS_KIND_BUCKET, NULL, "Archive");
	assert_int_equal(ivs_edit_set_str(p, b, IVS_BUCKET_FROM_NAME, "my-archive"), 0);
	struct ivs_res *c = add(p, IVS_KIND_CHANNEL, NULL, "Imported");
	assert_int_equal(ivs_edit_set_str(p, c, IVS_CHANNEL_FROM_ARN,
	                                  "arn:aws:ivs:us-west-2:123456789012:channel/abcd"), 0);
	run(p);
	one(IVS_RULE_TEMPLATE_NO_RESOURCES, IVS_SEV_WARNING, "");
	t = ivs_export_template(p);
	assert_null(cJSON_GetObjectItem(t, "Resources"));
	cJSON_Delete(t);

	/* a stream key of the imported channel is a resource */
	struct ivs_res *k = add(p, IVS_KIND_STREAM_KEY, c, "Key");
	run(p);
	assert_int_equal(count(IVS_RULE_TEMPLATE_NO_RESOURCES), 0);
	t = ivs_export_template(p);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(t, "Resources")), 1);
	cJSON_Delete(t);
	ivs_edit_remove(p, k);
	run(p);
	one(IVS_RULE_TEMPLATE_NO_RESOURCES, IVS_SEV_WARNING, "");
	ivs_project_free(p);
}

/* ---- 4. refusals ---- */

static void test_stream_key_resource(void **state)
{
	(void)state;
	struct ivs_project *p = proj("live");
	struct ivs_res *c = add(p, IVS_KIND_CHANNEL, NULL, "Channel");
	struct ivs_res *k = add(p, IVS_KIND_STREAM_KEY, c, "Resource");
	run(p);
	const struct ivs_diag *d = one(IVS_RULE_ID_RESERVED, IVS_SEV_ERROR,
	                               "channels[0].stream_keys[0].id");
	assert_non_null(strstr(d->msg, "There is already a Construct with name 'Resource'"));
	assert_int_equal(ivs_edit_set_str(p, k, 0, "Resources"), 0);
	run(p);
	assert_int_equal(got.errors, 0);
	/* a channel (top level) may be called Resource */
	add(p, IVS_KIND_CHANNEL, NULL, "Resource");
	run(p);
	assert_int_equal(count(IVS_RULE_ID_RESERVED), 0);
	ivs_project_free(p);
}

static void test_default_default(void **state)
{
	(void)state;
	struct ivs_project *p = proj("Default");
	struct ivs_res *st = &ivs_project_stack(p)->r;
	struct ivs_res *c = add(p, IVS_KIND_CHANNEL, NULL, "Default");
	run(p);
	const struct ivs_diag *d = one(IVS_RULE_CHANNEL_NAME_DEFAULT, IVS_SEV_ERROR, "channels[0].id");
	assert_non_null(strstr(d->msg, "set channel_name"));
	/* a name of its own: nothing to generate */
	assert_int_equal(ivs_edit_set_str(p, c, IVS_CHANNEL_NAME, "main"), 0);
	run(p);
	assert_int_equal(got.errors, 0);
	assert_int_equal(ivs_edit_unset(p, c, IVS_CHANNEL_NAME), 0);
	run(p);
	one(IVS_RULE_CHANNEL_NAME_DEFAULT, IVS_SEV_ERROR, "channels[0].id");
	/* the stack's name alone changes it: the channel is checked again */
	assert_int_equal(ivs_edit_set_str(p, st, IVS_STACK_NAME, "live"), 0);
	run(p);
	assert_int_equal(got.errors, 0);
	assert_int_equal(ivs_edit_set_str(p, st, IVS_STACK_NAME, "Default"), 0);
	run(p);
	one(IVS_RULE_CHANNEL_NAME_DEFAULT, IVS_SEV_ERROR, "channels[0].id");
	/* and the channel's id */
	assert_int_equal(ivs_edit_set_str(p, c, 0, "Main"), 0);
	run(p);
	assert_int_equal(got.errors, 0);
	ivs_project_free(p);
}

static void test_bucket_dot_hyphen(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		const char *words;   /* NULL: accepted */
	} cases[] = {
		{"my.-bucket", "dot next to a hyphen ('.-')"},
		{"my-.bucket", "dot next to a hyphen ('-.')"},
		{"my..bucket", "without '..'"},
		{"192.168.1.10", "IP address"},
		{"xn--bucket", "must not start with 'xn--'"},
		{"my.bucket-1", NULL},
		{"a-b.c-d", NULL},
	};
	for (int field = 0; field < 2; field++) {
		for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
			struct ivs_project *p = proj("live");
			struct ivs_res *b = add(p, IVS_KIND_BUCKET, NULL, "B");
			int fi = field ? IVS_BUCKET_FROM_NAME : IVS_BUCKET_NAME;
			add(p, IVS_KIND_CHANNEL, NULL, "C");   /* not an empty stack */
			assert_int_equal(ivs_edit_set_str(p, b, fi, cases[i].name), 0);
			run(p);
			if (!cases[i].words) {
				assert_int_equal(got.n, 0);
			} else {
				const struct ivs_diag *d = one(IVS_RULE_BUCKET_NAME, IVS_SEV_ERROR,
				                               field ? "buckets[0].from_bucket_name"
				                                     : "buckets[0].bucket_name");
				if (!strstr(d->msg, cases[i].words))
					fail_msg("'%s': %s", cases[i].name, d->msg);
			}
			ivs_project_free(p);
		}
	}
}

/* ---- 5. messages ---- */

static void test_messages(void **state)
{
	(void)state;
	struct ivs_project *p = proj("live");
	add(p, IVS_KIND_CHANNEL, NULL, "\xe3\x83\x81\xe3\x83\xa3\xe3\x83\xb3");   /* チャン */
	run(p);
	const struct ivs_diag *d = one(IVS_RULE_ID_INVALID, IVS_SEV_ERROR, "channels[0].id");
	assert_string_equal(d->msg, "id must contain at least one ASCII letter or digit (A-Z, a-z, "
	                            "0-9): the logical id is made of them, got "
	                            "'\xe3\x83\x81\xe3\x83\xa3\xe3\x83\xb3'.");
	ivs_project_free(p);

	static const struct {
		const char *arn, *msg;
	} arns[] = {
		{"arn:aws:ivs:us-west-2:123456789012:channel:abcd",
		 "from_channel_arn separates the channel id with ':' (got 'channel:abcd'), but a "
		 "channel ARN ends in channel/<id>, with '/': write channel/abcd."},
		{"arn:aws:ivs:us-west-2:123456789012:",
		 "from_channel_arn ends after the account: the resource part, channel/<id>, is "
		 "missing; write arn:<partition>:ivs:<region>:<account>:channel/<id>."},
		{"arn:aws:ivs:us-west-2:123456789012:channel",
		 "from_channel_arn has no channel id after 'channel': a channel ARN ends in "
		 "channel/<id>; copy the whole ARN from the IVS console or `aws ivs list-channels`."},
		{"arn:aws:ivs:us-west-2:123456789012:stage/abcd",
		 "from_channel_arn must name a resource of type 'channel', got 'stage': use the ARN "
		 "of a channel, not of another IVS resource."},
	};
	for (size_t i = 0; i < sizeof arns / sizeof *arns; i++) {
		p = proj("live");
		struct ivs_res *c = add(p, IVS_KIND_CHANNEL, NULL, "C");
		assert_int_equal(ivs_edit_set_str(p, c, IVS_CHANNEL_FROM_ARN, arns[i].arn), 0);
		add(p, IVS_KIND_STREAM_KEY, c, "K");
		run(p);
		d = one(IVS_RULE_CHANNEL_ARN, IVS_SEV_ERROR, "channels[0].from_channel_arn");
		assert_string_equal(d->msg, arns[i].msg);
		ivs_project_free(p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_line_feed_ids, teardown),
		cmocka_unit_test_teardown(test_tag_order_in_template, teardown),
		cmocka_unit_test_teardown(test_empty_stack, teardown),
		cmocka_unit_test_teardown(test_stream_key_resource, teardown),
		cmocka_unit_test_teardown(test_default_default, teardown),
		cmocka_unit_test_teardown(test_bucket_dot_hyphen, teardown),
		cmocka_unit_test_teardown(test_messages, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
