/* test_yaml_load.c: the project file loader. One test per diagnostic kind
 * (rule, exact line:col, path and message), then real files: the
 * conformance designs and the examples, checking model values. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "ivs/yamlio.h"

static struct ivs_project *load(const char *text, struct ivs_diags *d)
{
	ivs_diags_init(d);
	return ivs_load_buffer("t.yaml", text, strlen(text), d);
}

static void dump(const struct ivs_diags *d)
{
	ivs_diags_print(stderr, "t.yaml", d);
}

/* Asserts diagnostic i. */
static void check_diag(const struct ivs_diags *d, size_t i, enum ivs_rule rule, unsigned line,
                       unsigned col, const char *path, const char *msg)
{
	if (i >= d->n)
		dump(d);
	assert_true(i < d->n);
	const struct ivs_diag *g = &d->v[i];
	if (g->rule != rule || g->pos.line != line || g->pos.col != col || strcmp(g->path, path) ||
	    strcmp(g->msg, msg))
		dump(d);
	assert_string_equal(ivs_rule_id(g->rule), ivs_rule_id(rule));
	assert_int_equal(g->sev, IVS_SEV_ERROR);
	assert_int_equal(g->pos.line, line);
	assert_int_equal(g->pos.col, col);
	assert_string_equal(g->path, path);
	assert_string_equal(g->msg, msg);
}

/* The file fails with exactly one diagnostic. */
static void expect_one(const char *text, enum ivs_rule rule, unsigned line, unsigned col,
                       const char *path, const char *msg)
{
	struct ivs_diags d;
	struct ivs_project *p = load(text, &d);
	assert_null(p);
	if (d.n != 1)
		dump(&d);
	assert_int_equal(d.n, 1);
	check_diag(&d, 0, rule, line, col, path, msg);
	ivs_diags_free(&d);
}

#define HEAD "ivs_tui: 1\nstack:\n  name: t\n"

static void test_syntax(void **state)
{
	(void)state;
	/* The path says where reading was. */
	expect_one(HEAD "channels:\n  - id: a: b\n", IVS_RULE_YAML_SYNTAX, 5, 10, "channels[0]",
	           "not valid YAML: a `: ` is not allowed here; check the indentation of this line, or put quotes around a value that contains `: `.");
	expect_one(HEAD "channels:\n\t- id: a\n", IVS_RULE_YAML_SYNTAX, 5, 1, "",
	           "not valid YAML: this character cannot start a value; put quotes around the value, "
	           "and indent with spaces, not tabs.");
	expect_one(HEAD "channels: [{id: a}\n", IVS_RULE_YAML_SYNTAX, 5, 1, "channels",
	           "not valid YAML: expected `,` or `]` in this [list].");
}

static void test_syntax_stops_but_keeps_earlier(void **state)
{
	struct ivs_diags d;
	(void)state;
	assert_null(load(HEAD "channels:\n  - id: a\n    typo: 1\n  - id: b: c\n  - id: c\n    bad: 1\n", &d));
	assert_int_equal(d.n, 2);
	check_diag(&d, 0, IVS_RULE_YAML_UNKNOWN_KEY, 6, 5, "channels[0].typo",
	           "channels[0] has no key `typo`: did you mean `type`?");
	check_diag(&d, 1, IVS_RULE_YAML_SYNTAX, 7, 10, "channels[1]",
	           "not valid YAML: a `: ` is not allowed here; check the indentation of this line, or put quotes around a value that contains `: `.");
	ivs_diags_free(&d);
}

static void test_bad_utf8(void **state)
{
	(void)state;
	expect_one(HEAD "channels:\n  - id: \"ch\xc3\xa9\xff\"\n", IVS_RULE_YAML_SYNTAX, 5, 13, "",
	           "the file is not valid UTF-8 here (invalid leading UTF-8 octet, 0xFF); save it as UTF-8.");
	expect_one("ivs_tui: 1\nstack:\n  name: a\x01\n", IVS_RULE_YAML_SYNTAX, 3, 10, "",
	           "the file holds a control character (0x01) that YAML does not allow; remove it.");
}

static void test_bom_and_crlf(void **state)
{
	struct ivs_diags d;
	(void)state;
	struct ivs_project *p = load("\xef\xbb\xbfivs_tui: 1\r\nstack:\r\n  name: crlf\r\nchannels:\r\n"
	                             "  - id: A\r\n    type: BASIC\r\n", &d);
	assert_non_null(p);
	assert_int_equal(d.n, 0);
	assert_string_equal(ivs_project_stack(p)->name, "crlf");
	const struct ivs_res *c = ivs_project_list(p, IVS_KIND_CHANNEL)->v[0];
	assert_int_equal(ivs_res_get_num(c, IVS_CHANNEL_TYPE), IVS_CHANNEL_TYPE_BASIC);
	assert_int_equal(ivs_res_pos(c, IVS_CHANNEL_TYPE).line, 6);
	assert_int_equal(ivs_res_pos(c, IVS_CHANNEL_TYPE).col, 11);
	ivs_project_free(p);
	ivs_diags_free(&d);
	/* A literal block's lines end with \n whatever the file's line ends. */
	p = load("ivs_tui: 1\r\nplayback_key_pairs:\r\n  - id: K\r\n    public_key_material: |\r\n"
	         "      line one\r\n      line two\r\n", &d);
	assert_non_null(p);
	const struct ivs_res *k = ivs_project_list(p, IVS_KIND_KEY_PAIR)->v[0];
	assert_string_equal(ivs_res_get_str(k, IVS_KEY_PAIR_PUBLIC_KEY), "line one\nline two\n");
	ivs_project_free(p);
	ivs_diags_free(&d);
}

static void test_wrong_type(void **state)
{
	(void)state;
	expect_one(HEAD "channels:\n  - id: C\n    type: {a: 1}\n", IVS_RULE_YAML_WRONG_TYPE, 6, 11,
	           "channels[0].type",
	           "channels[0].type must be one of STANDARD, BASIC, ADVANCED_SD or ADVANCED_HD, not a mapping.");
	expect_one(HEAD "channels:\n  - id: C\n    authorized: \"true\"\n", IVS_RULE_YAML_WRONG_TYPE, 6,
	           17, "channels[0].authorized",
	           "channels[0].authorized must be true or false, not the quoted string \"true\": remove the quotes.");
	expect_one(HEAD "channels:\n  - id: C\n    tags: [a]\n", IVS_RULE_YAML_WRONG_TYPE, 6, 11,
	           "channels[0].tags",
	           "channels[0].tags must be a mapping of tag keys to values, such as {team: video}, not a list.");
	expect_one(HEAD "channels: {id: C}\n", IVS_RULE_YAML_WRONG_TYPE, 4, 11, "channels",
	           "channels must be a list of channels, not a mapping.");
	expect_one(HEAD "channels:\n  - C\n", IVS_RULE_YAML_WRONG_TYPE, 5, 5, "channels[0]",
	           "channels[0] must be a mapping that starts with `id:`, not \"C\".");
	expect_one("ivs_tui: 1\nstack: live\n", IVS_RULE_YAML_WRONG_TYPE, 2, 8, "stack",
	           "stack must be a mapping with name and description, not \"live\".");
	expect_one("- ivs_tui: 1\n", IVS_RULE_YAML_WRONG_TYPE, 1, 1, "",
	           "the file must be a mapping that starts with `ivs_tui: 1`, not a list.");
	expect_one(HEAD "recording_configurations:\n  - id: R\n    bucket: B\n"
	           "    rendition_configuration:\n      renditions: HD\n",
	           IVS_RULE_YAML_WRONG_TYPE, 8, 19, "recording_configurations[0].rendition_configuration.renditions",
	           "recording_configurations[0].rendition_configuration.renditions must be a list of "
	           "FULL_HD, HD, SD or LOWEST_RESOLUTION values, such as [FULL_HD], not \"HD\".");
}

static void test_unknown_key(void **state)
{
	(void)state;
	expect_one(HEAD "channels:\n  - id: C\n    latency_mod: LOW\n", IVS_RULE_YAML_UNKNOWN_KEY, 6, 5,
	           "channels[0].latency_mod", "channels[0] has no key `latency_mod`: did you mean `latency_mode`?");
	expect_one(HEAD "channels:\n  - id: C\n    latency: LOW\n", IVS_RULE_YAML_UNKNOWN_KEY, 6, 5,
	           "channels[0].latency",
	           "channels[0] has no key `latency`; its keys are id, channel_name, type, latency_mode, "
	           "preset, authorized, insecure_ingest, container_format, multitrack_input_configuration, "
	           "recording_configuration, tags, stream_keys, from_channel_arn, logical_id and "
	           "removal_policy.");
	expect_one(HEAD "chanels: []\n", IVS_RULE_YAML_UNKNOWN_KEY, 4, 1, "chanels",
	           "the file has no key `chanels`: did you mean `channels`?");
	expect_one(HEAD "channels:\n  - id: C\n    multitrack_input_configuration: {policy: ALLOW, max: HD}\n",
	           IVS_RULE_YAML_UNKNOWN_KEY, 6, 53, "channels[0].multitrack_input_configuration.max",
	           "channels[0].multitrack_input_configuration has no key `max`; its keys are "
	           "maximum_resolution and policy.");
}

static void test_bad_enum(void **state)
{
	(void)state;
	expect_one(HEAD "channels:\n  - id: C\n    latency_mode: low\n", IVS_RULE_YAML_BAD_ENUM, 6, 19,
	           "channels[0].latency_mode",
	           "channels[0].latency_mode must be one of LOW or NORMAL, not \"low\": write LOW, in capitals.");
	expect_one(HEAD "recording_configurations:\n  - id: R\n    thumbnail_configuration:\n"
	           "      storage: [LATEST, NEWEST]\n", IVS_RULE_YAML_BAD_ENUM, 7, 25,
	           "recording_configurations[0].thumbnail_configuration.storage[1]",
	           "recording_configurations[0].thumbnail_configuration.storage[1] must be one of "
	           "SEQUENTIAL or LATEST, not \"NEWEST\".");
}

static void test_duplicate_key(void **state)
{
	(void)state;
	expect_one(HEAD "channels:\n  - id: C\n    type: BASIC\n    type: STANDARD\n",
	           IVS_RULE_YAML_DUPLICATE_KEY, 7, 5, "channels[0].type",
	           "`type` is given twice in channels[0]: line 6 already sets it; remove one of the two.");
	expect_one(HEAD "stack:\n  name: u\n", IVS_RULE_YAML_DUPLICATE_KEY, 4, 1, "stack",
	           "`stack` is given twice in the file: line 2 already sets it; remove one of the two.");
	expect_one(HEAD "channels:\n  - id: C\n    tags: {a: 1, b: 2, a: 3}\n",
	           IVS_RULE_YAML_DUPLICATE_KEY, 6, 24, "channels[0].tags.a",
	           "`a` is given twice in channels[0].tags: line 6 already sets it; remove one of the two.");
}

/* Unknown top-level keys are each reported once, and a repeat as such. */
static void test_duplicate_unknown_top_key(void **state)
{
	struct ivs_diags d;
	(void)state;
	assert_null(load(HEAD "foo: 1\nfoo: 2\n", &d));
	assert_int_equal(d.n, 2);
	check_diag(&d, 0, IVS_RULE_YAML_UNKNOWN_KEY, 4, 1, "foo",
	           "the file has no key `foo`; its keys are ivs_tui, stack, buckets, channels, "
	           "playback_key_pairs, recording_configurations, public_keys, "
	           "storage_configurations, stages, encoder_configurations, ingest_configurations, "
	           "playback_restriction_policies, chat_logging_configurations, chat_rooms and outputs.");
	check_diag(&d, 1, IVS_RULE_YAML_DUPLICATE_KEY, 5, 1, "foo",
	           "`foo` is given twice in the file: line 4 already sets it; remove one of the two.");
	ivs_diags_free(&d);
}

/* A mapping of many keys takes the hashed path. */
static void test_duplicate_key_many(void **state)
{
	struct ivs_buf b;
	struct ivs_diags d;
	(void)state;
	ivs_buf_init(&b);
	ivs_buf_puts(&b, HEAD "buckets:\n  - id: B\n    tags:\n");
	for (int i = 0; i < 40; i++)
		ivs_buf_printf(&b, "      k%d: v\n", i);
	ivs_buf_puts(&b, "      k7: again\n");
	assert_null(load(b.data, &d));
	assert_int_equal(d.n, 1);
	check_diag(&d, 0, IVS_RULE_YAML_DUPLICATE_KEY, 47, 7, "buckets[0].tags.k7",
	           "`k7` is given twice in buckets[0].tags: line 14 already sets it; remove one of the two.");
	ivs_diags_free(&d);
	ivs_buf_free(&b);
}

static void test_bad_int(void **state)
{
	(void)state;
	expect_one(HEAD "recording_configurations:\n  - id: R\n    recording_reconnect_window_seconds: 1.5\n",
	           IVS_RULE_YAML_BAD_INT, 6, 41, "recording_configurations[0].recording_reconnect_window_seconds",
	           "recording_configurations[0].recording_reconnect_window_seconds must be a whole number, not \"1.5\".");
	expect_one(HEAD "recording_configurations:\n  - id: R\n    recording_reconnect_window_seconds: 99999999999999999999\n",
	           IVS_RULE_YAML_BAD_INT, 6, 41, "recording_configurations[0].recording_reconnect_window_seconds",
	           "recording_configurations[0].recording_reconnect_window_seconds is too large a number "
	           "(\"99999999999999999999\"); give a whole number from 0 to 300.");
}

static void test_bad_bool(void **state)
{
	(void)state;
	expect_one(HEAD "channels:\n  - id: C\n    insecure_ingest: yes\n", IVS_RULE_YAML_BAD_BOOL, 6, 22,
	           "channels[0].insecure_ingest", "channels[0].insecure_ingest must be true or false, not \"yes\".");
}

static void test_bool_spellings(void **state)
{
	static const char *const ok[] = {"true", "True", "TRUE", "false", "False", "FALSE"};
	(void)state;
	for (size_t i = 0; i < 6; i++) {
		char text[128];
		struct ivs_diags d;
		snprintf(text, sizeof text, HEAD "channels:\n  - id: C\n    authorized: %s\n", ok[i]);
		struct ivs_project *p = load(text, &d);
		assert_non_null(p);
		const struct ivs_res *c = ivs_project_list(p, IVS_KIND_CHANNEL)->v[0];
		assert_true(ivs_res_is_set(c, IVS_CHANNEL_AUTHORIZED));
		assert_int_equal(ivs_res_get_num(c, IVS_CHANNEL_AUTHORIZED), i < 3);
		ivs_project_free(p);
		ivs_diags_free(&d);
	}
}

static void test_null(void **state)
{
	(void)state;
	expect_one(HEAD "channels:\n  - id: C\n    type:\n", IVS_RULE_YAML_NULL, 6, 10, "channels[0].type",
	           "channels[0].type has no value; give one, or remove the key.");
	expect_one(HEAD "channels:\n  - id: C\n    channel_name: ~\n", IVS_RULE_YAML_NULL, 6, 19,
	           "channels[0].channel_name", "channels[0].channel_name has no value; give one, or remove the key.");
	expect_one(HEAD "buckets:\n", IVS_RULE_YAML_NULL, 4, 9, "buckets",
	           "buckets has no value; give a list, or remove the key.");
	expect_one(HEAD "channels:\n  - id: C\n    tags: {team: null}\n", IVS_RULE_YAML_NULL, 6, 18,
	           "channels[0].tags.team",
	           "channels[0].tags.team has no value; write \"\" for an empty value, or remove the tag.");
	expect_one(HEAD "channels:\n  -\n", IVS_RULE_YAML_NULL, 5, 4, "channels[0]",
	           "channels[0] is empty; give the channel an id, or remove the empty `-` line.");
}

static void test_version_missing(void **state)
{
	(void)state;
	expect_one("stack:\n  name: t\n", IVS_RULE_VERSION_MISSING, 1, 1, "",
	           "the file does not say its format version; add `ivs_tui: 1` as its first line.");
}

static void test_version_unsupported(void **state)
{
	(void)state;
	/* Only the version is reported: the rest is a format this build cannot know. */
	expect_one("stack:\n  nom: t\nfuture: {}\nivs_tui: 2\n", IVS_RULE_VERSION_UNSUPPORTED, 4, 10,
	           "ivs_tui", "this file is format 2; this ivs-tui reads format 1: upgrade ivs-tui.");
	expect_one("ivs_tui: 0\nstack:\n  name: t\n", IVS_RULE_VERSION_UNSUPPORTED, 1, 10, "ivs_tui",
	           "ivs_tui must be the format version 1, not 0.");
}

static void test_required_missing(void **state)
{
	(void)state;
	expect_one(HEAD "channels:\n  - id: A\n    stream_keys:\n      - tags: {a: b}\n",
	           IVS_RULE_REQUIRED_MISSING, 7, 9, "channels[0].stream_keys[0].id",
	           "channels[0].stream_keys[0] has no id; add `id:` with a name for this stream key.");
}

static void test_alias_and_anchor(void **state)
{
	struct ivs_diags d;
	(void)state;
	assert_null(load(HEAD "buckets:\n  - &b {id: B}\n  - *b\n", &d));
	assert_int_equal(d.n, 2);
	check_diag(&d, 0, IVS_RULE_YAML_ALIAS, 5, 5, "buckets[0]",
	           "anchors (&b) are not allowed in a project file; remove the anchor and write each value out in full.");
	check_diag(&d, 1, IVS_RULE_YAML_ALIAS, 6, 5, "buckets[1]",
	           "aliases (*b) are not allowed in a project file; write the value out in full.");
	ivs_diags_free(&d);
}

static void test_tag(void **state)
{
	struct ivs_project *p;
	struct ivs_diags d;
	(void)state;
	expect_one(HEAD "buckets:\n  - id: B\n    bucket_name: !secret abc\n", IVS_RULE_YAML_TAG, 6, 18,
	           "buckets[0].bucket_name", "the tag !secret is not allowed in a project file; remove it.");
	expect_one(HEAD "buckets:\n  - id: B\n    bucket_name: !!binary abc\n", IVS_RULE_YAML_TAG, 6, 18,
	           "buckets[0].bucket_name", "the tag !!binary is not allowed in a project file; remove it.");
	/* Core tags are fine; !!str makes a value a string. */
	p = load(HEAD "channels:\n  - id: !!str 12\n    channel_name: !!str null\n", &d);
	assert_non_null(p);
	const struct ivs_res *c = ivs_project_list(p, IVS_KIND_CHANNEL)->v[0];
	assert_string_equal(c->id, "12");
	assert_string_equal(ivs_res_get_str(c, IVS_CHANNEL_NAME), "null");
	ivs_project_free(p);
	ivs_diags_free(&d);
}

static void test_too_deep(void **state)
{
	(void)state;
	expect_one(HEAD "channels:\n  - id: C\n    tags: {a: [[[[[x]]]]]}\n", IVS_RULE_YAML_TOO_DEEP, 6, 19,
	           "channels[0].tags.a[0][0][0][0]",
	           "values are nested deeper here than a project file can be (more than 8 levels); check the indentation.");
}

static void test_too_large(void **state)
{
	struct ivs_diags d;
	struct ivs_buf b;
	(void)state;

	ivs_buf_init(&b);
	ivs_buf_puts(&b, HEAD "channels:\n  - id: C\n    channel_name: ");
	for (unsigned i = 0; i < IVS_YAML_MAX_SCALAR + 1; i++)
		ivs_buf_putc(&b, 'x');
	ivs_buf_puts(&b, "\n");
	expect_one(b.data, IVS_RULE_YAML_TOO_LARGE, 6, 19, "channels[0].channel_name",
	           "this value is 65537 bytes long; a value holds at most 65536 bytes.");

	ivs_buf_reset(&b);
	ivs_buf_puts(&b, HEAD "buckets:\n  - id: B\n    tags: {");
	for (unsigned i = 0; i <= 100000; i++)
		ivs_buf_printf(&b, "k%u: v, ", i);
	ivs_buf_puts(&b, "}\n");
	expect_one(b.data, IVS_RULE_YAML_TOO_LARGE, 6, 11, "buckets[0].tags",
	           "this mapping holds more than 100000 entries; split the project.");

	/* A top-level list is read entry by entry: its bound is its own. */
	ivs_buf_reset(&b);
	ivs_buf_puts(&b, HEAD "buckets:\n");
	for (unsigned i = 0; i <= 100000; i++)
		ivs_buf_puts(&b, "- id: B\n");
	expect_one(b.data, IVS_RULE_YAML_TOO_LARGE, 5, 1, "buckets",
	           "buckets holds more than 100000 entries; split the project.");

	/* One entry too large as a whole (lists and mappings each within
	 * bounds): 41 stream keys of 50000 tags. */
	ivs_buf_reset(&b);
	ivs_buf_puts(&b, HEAD "channels:\n  - id: C\n    stream_keys:\n");
	for (unsigned i = 0; i < 41; i++) {
		ivs_buf_puts(&b, "      - tags: {");
		for (unsigned j = 0; j < 50000; j++)
			ivs_buf_puts(&b, "k: v, ");
		ivs_buf_puts(&b, "}\n");
	}
	expect_one(b.data, IVS_RULE_YAML_TOO_LARGE, 46, 15, "channels[0].stream_keys[39].tags",
	           "this entry holds more than 4000000 values; split the project.");
	ivs_buf_free(&b);

	/* Input larger than the bound is refused before it is read. */
	size_t big = IVS_YAML_MAX_BYTES + 1u;
	char *huge = calloc(big, 1);
	assert_non_null(huge);
	ivs_diags_init(&d);
	assert_null(ivs_load_buffer("t.yaml", huge, big, &d));
	assert_int_equal(d.n, 1);
	check_diag(&d, 0, IVS_RULE_YAML_TOO_LARGE, 0, 0, "",
	           "the file is 67108865 bytes; a project file holds at most 67108864 bytes (64 MiB).");
	ivs_diags_free(&d);
	free(huge);
}

static void test_multi_doc_and_empty(void **state)
{
	(void)state;
	expect_one(HEAD "---\nivs_tui: 1\n", IVS_RULE_YAML_MULTI_DOC, 4, 1, "",
	           "the file holds a second YAML document here; keep one project per file.");
	expect_one("", IVS_RULE_YAML_EMPTY, 1, 1, "",
	           "the file is empty; a project file starts with `ivs_tui: 1` and a `stack:`.");
	expect_one("# only a comment\n\n", IVS_RULE_YAML_EMPTY, 1, 1, "",
	           "the file is empty; a project file starts with `ivs_tui: 1` and a `stack:`.");
}

/* Every problem is reported, not only the first, each at its place. */
static void test_every_problem(void **state)
{
	struct ivs_diags d;
	(void)state;
	assert_null(load("stack:\n  name: t\n  colour: red\nchannels:\n  - id: A\n    type: basic\n"
	                 "  - type: BASIC\n    authorized: maybe\nrecording_configurations:\n"
	                 "  - id: R\n    recording_reconnect_window_seconds: soon\n", &d));
	assert_int_equal(d.n, 6);
	check_diag(&d, 0, IVS_RULE_YAML_UNKNOWN_KEY, 3, 3, "stack.colour",
	           "stack has no key `colour`; its keys are name and description.");
	check_diag(&d, 1, IVS_RULE_YAML_BAD_ENUM, 6, 11, "channels[0].type",
	           "channels[0].type must be one of STANDARD, BASIC, ADVANCED_SD or ADVANCED_HD, not "
	           "\"basic\": write BASIC, in capitals.");
	check_diag(&d, 2, IVS_RULE_REQUIRED_MISSING, 7, 5, "channels[1].id",
	           "channels[1] has no id; add `id:` with a name for this channel.");
	check_diag(&d, 3, IVS_RULE_YAML_BAD_BOOL, 8, 17, "channels[1].authorized",
	           "channels[1].authorized must be true or false, not \"maybe\".");
	check_diag(&d, 4, IVS_RULE_YAML_BAD_INT, 11, 41,
	           "recording_configurations[0].recording_reconnect_window_seconds",
	           "recording_configurations[0].recording_reconnect_window_seconds must be a whole number, not \"soon\".");
	check_diag(&d, 5, IVS_RULE_VERSION_MISSING, 1, 1, "",
	           "the file does not say its format version; add `ivs_tui: 1` as its first line.");
	ivs_diags_free(&d);
}

/* Rule breakers that fit the model load: they are the validator's. */
static void test_rule_breakers_load(void **state)
{
	struct ivs_diags d;
	(void)state;
	struct ivs_project *p = load(
		"recording_configurations:\n  - id: R\n    bucket: Nowhere\n"
		"    recording_reconnect_window_seconds: 301\n"
		"    thumbnail_configuration: {target_interval_seconds: -4, storage: []}\n"
		"channels:\n  - id: \"\"\n    channel_name: my channel!\n    preset: HIGHER_BANDWIDTH_DELIVERY\n"
		"  - id: two\n    channel_name: 123\n    tags: {1: 2, \"\": x, k: \"\"}\n"
		"    multitrack_input_configuration: {}\n"
		"ivs_tui: 1\n", &d);
	if (!p)
		dump(&d);
	assert_non_null(p);
	assert_int_equal(d.n, 0);
	const struct ivs_res *r = ivs_project_list(p, IVS_KIND_RECORDING)->v[0];
	assert_string_equal(ivs_res_get_str(r, IVS_RECORDING_BUCKET), "Nowhere");
	assert_int_equal(ivs_res_get_num(r, IVS_RECORDING_RECONNECT_WINDOW), 301);
	assert_int_equal(ivs_res_get_num(r, IVS_RECORDING_THUMB_INTERVAL), -4);
	assert_true(ivs_res_is_set(r, IVS_RECORDING_THUMBNAIL));
	assert_int_equal(ivs_res_get_list(r, IVS_RECORDING_THUMB_STORAGE)->n, 0);
	assert_false(ivs_res_is_set(r, IVS_RECORDING_RENDITION));
	const struct ivs_list *cl = ivs_project_list(p, IVS_KIND_CHANNEL);
	assert_int_equal(cl->n, 2);
	assert_string_equal(cl->v[0]->id, "");
	assert_string_equal(ivs_res_get_str(cl->v[0], IVS_CHANNEL_NAME), "my channel!");
	assert_int_equal(ivs_res_get_num(cl->v[0], IVS_CHANNEL_PRESET), IVS_PRESET_HIGHER);
	assert_string_equal(ivs_res_get_str(cl->v[1], IVS_CHANNEL_NAME), "123");
	assert_true(ivs_res_is_set(cl->v[1], IVS_CHANNEL_MULTITRACK));
	assert_false(ivs_res_is_set(cl->v[1], IVS_CHANNEL_MT_POLICY));
	const struct ivs_tags *t = &cl->v[1]->tags;
	assert_int_equal(t->n, 3);
	assert_string_equal(t->v[0].key, "1");
	assert_string_equal(t->v[0].value, "2");
	assert_string_equal(t->v[1].key, "");
	assert_string_equal(t->v[1].value, "x");
	assert_string_equal(t->v[2].key, "k");
	assert_string_equal(t->v[2].value, "");
	assert_int_equal(t->v[2].pos.line, 12);
	assert_int_equal(t->v[2].pos.col, 25);
	/* No stack name: the validator's to report. */
	assert_false(ivs_res_is_set(&ivs_project_stack(p)->r, IVS_STACK_NAME));
	ivs_project_free(p);
	ivs_diags_free(&d);
}

/* The model is ready: history on, journal empty, not modified. */
static void test_model_state_and_positions(void **state)
{
	struct ivs_diags d;
	size_t nj;
	(void)state;
	struct ivs_project *p = load(HEAD "channels:\n  - id: A\n    stream_keys:\n      - id: K\n"
	                             "  - type: BASIC\n    id: B\n", &d);
	assert_non_null(p);
	assert_false(ivs_can_undo(p));
	assert_false(ivs_project_modified(p));
	ivs_project_journal(p, &nj);
	assert_int_equal(nj, 0);
	const struct ivs_list *cl = ivs_project_list(p, IVS_KIND_CHANNEL);
	assert_int_equal(cl->n, 2);
	assert_int_equal(cl->v[0]->at.line, 5);
	assert_int_equal(cl->v[0]->at.col, 5);
	assert_int_equal(ivs_res_pos(cl->v[1], 0).line, 9);
	assert_int_equal(ivs_res_pos(cl->v[1], 0).col, 9);
	assert_string_equal(cl->v[1]->id, "B");
	const struct ivs_channel *a = (const struct ivs_channel *)cl->v[0];
	assert_int_equal(a->stream_keys.n, 1);
	assert_string_equal(a->stream_keys.v[0]->id, "K");
	assert_ptr_equal(a->stream_keys.v[0]->parent, cl->v[0]);
	assert_int_equal(a->stream_keys.v[0]->at.line, 7);
	assert_int_equal(a->stream_keys.v[0]->at.col, 9);
	/* The edit API works on the loaded project, with undo. */
	assert_int_equal(ivs_edit_set_enum(p, cl->v[0], IVS_CHANNEL_TYPE, IVS_CHANNEL_TYPE_BASIC), 0);
	assert_true(ivs_can_undo(p));
	assert_true(ivs_project_modified(p));
	ivs_project_free(p);
	ivs_diags_free(&d);
}

static struct ivs_project *load_path(const char *dir, const char *name)
{
	char path[512];
	struct ivs_diags d;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	ivs_diags_init(&d);
	struct ivs_project *p = ivs_load_file(path, &d);
	if (!p || d.n)
		ivs_diags_print(stderr, path, &d);
	assert_non_null(p);
	assert_int_equal(d.n, 0);
	ivs_diags_free(&d);
	return p;
}

static void test_load_file_errors(void **state)
{
	struct ivs_diags d;
	(void)state;
	ivs_diags_init(&d);
	assert_null(ivs_load_file("/nonexistent/dir/x.yaml", &d));
	assert_int_equal(d.n, 1);
	check_diag(&d, 0, IVS_RULE_IO_ERROR, 0, 0, "",
	           "cannot read /nonexistent/dir/x.yaml: No such file or directory; check the file name "
	           "and its permissions.");
	ivs_diags_free(&d);
}

static void test_conformance(void **state)
{
	char dir[256];
	(void)state;
	snprintf(dir, sizeof dir, "%s/conformance", test_dir());

	struct ivs_project *p = load_path(dir, "seed-channel-advanced.yaml");
	const struct ivs_res *c = ivs_project_list(p, IVS_KIND_CHANNEL)->v[0];
	assert_string_equal(ivs_project_stack(p)->name, "ivs-seed");
	assert_string_equal(c->id, "myChannel");
	assert_int_equal(ivs_res_get_num(c, IVS_CHANNEL_TYPE), IVS_CHANNEL_TYPE_ADVANCED_HD);
	assert_int_equal(ivs_res_get_num(c, IVS_CHANNEL_PRESET), IVS_PRESET_CONSTRAINED);
	assert_false(ivs_res_is_set(c, IVS_CHANNEL_LATENCY_MODE));
	ivs_project_free(p);

	p = load_path(dir, "seed-playback-key-pair.yaml");
	const struct ivs_res *k = ivs_project_list(p, IVS_KIND_KEY_PAIR)->v[0];
	const char *pem = ivs_res_get_str(k, IVS_KEY_PAIR_PUBLIC_KEY);
	assert_non_null(pem);
	assert_int_equal(strncmp(pem, "-----BEGIN PUBLIC KEY-----\nMHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE9Qv8", 62), 0);
	assert_string_equal(pem + strlen(pem) - 26, "\n-----END PUBLIC KEY-----\n");
	assert_int_equal(strlen(pem), 27 + 65 * 2 + 33 + 25);
	ivs_project_free(p);

	p = load_path(dir, "seed-recording-thumbnails.yaml");
	const struct ivs_res *r = ivs_project_list(p, IVS_KIND_RECORDING)->v[0];
	const struct ivs_enum_list *st = ivs_res_get_list(r, IVS_RECORDING_THUMB_STORAGE);
	assert_int_equal(st->n, 2);
	assert_int_equal(st->v[0], IVS_STORAGE_LATEST);
	assert_int_equal(st->v[1], IVS_STORAGE_SEQUENTIAL);
	assert_int_equal(ivs_res_get_num(r, IVS_RECORDING_THUMB_INTERVAL), 30);
	assert_int_equal(ivs_res_get_num(r, IVS_RECORDING_THUMB_RESOLUTION), IVS_RES_HD);
	assert_string_equal(ivs_res_get_str(r, IVS_RECORDING_BUCKET), "RecordingBucket");
	ivs_project_free(p);

	p = load_path(dir, "seed-imported-channel-stream-key.yaml");
	c = ivs_project_list(p, IVS_KIND_CHANNEL)->v[0];
	assert_true(ivs_res_imported(c));
	assert_int_equal(((const struct ivs_channel *)c)->stream_keys.n, 1);
	assert_int_equal(ivs_project_cfn_count(p), 1);
	ivs_project_free(p);

	p = load_path(dir, "bad-seed-reconnect-301.yaml");
	r = ivs_project_list(p, IVS_KIND_RECORDING)->v[0];
	assert_int_equal(ivs_res_get_num(r, IVS_RECORDING_RECONNECT_WINDOW), 301);
	ivs_project_free(p);

	/* Every design of the folder loads without a loader problem. */
	static const char *const all[] = {
		"bad-seed-channel-name.yaml", "bad-seed-imported-not-channel.yaml",
		"bad-seed-multitrack-advanced.yaml", "bad-seed-multitrack-ts.yaml",
		"bad-seed-thumbnail-61.yaml", "seed-channel-default.yaml", "seed-channel-multitrack.yaml",
		"seed-channel-rtmp.yaml", "seed-channel-with-recording.yaml", "seed-private-channel.yaml",
		"seed-recording-basic.yaml", "seed-recording-reconnect-window.yaml",
		"seed-recording-renditions.yaml", "seed-stream-key.yaml"};
	for (size_t i = 0; i < IVS_ARRAY_LEN(all); i++)
		ivs_project_free(load_path(dir, all[i]));
}

static void test_examples(void **state)
{
	const char *dir = getenv("IVS_EXAMPLES_DIR") ? getenv("IVS_EXAMPLES_DIR") : "examples";
	(void)state;
	struct ivs_project *p = load_path(dir, "live-events.yaml");
	assert_string_equal(ivs_project_stack(p)->name, "live-events");
	assert_string_equal(ivs_project_stack(p)->description, "Live events with recording");
	assert_int_equal(ivs_project_list(p, IVS_KIND_BUCKET)->n, 2);
	assert_int_equal(ivs_project_list(p, IVS_KIND_CHANNEL)->n, 5);
	assert_int_equal(ivs_project_list(p, IVS_KIND_KEY_PAIR)->n, 1);
	assert_int_equal(ivs_project_list(p, IVS_KIND_RECORDING)->n, 1);
	const struct ivs_res *c = ivs_project_find_kind(p, IVS_KIND_CHANNEL, "myChannel");
	assert_non_null(c);
	assert_int_equal(ivs_res_get_num(c, IVS_CHANNEL_AUTHORIZED), 1);
	assert_true(ivs_res_is_set(c, IVS_CHANNEL_INSECURE_INGEST));
	assert_int_equal(ivs_res_get_num(c, IVS_CHANNEL_INSECURE_INGEST), 0);
	assert_string_equal(ivs_res_get_str(c, IVS_CHANNEL_RECORDING), "RecordingConfiguration");
	assert_string_equal(c->tags.v[0].key, "team");
	assert_string_equal(c->tags.v[0].value, "video");
	const struct ivs_res *b = ivs_project_find_kind(p, IVS_KIND_BUCKET, "RecordingBucket");
	assert_string_equal(b->tags.v[1].key, "cost-center");
	assert_string_equal(b->tags.v[1].value, "1234");
	c = ivs_project_find_kind(p, IVS_KIND_CHANNEL, "ChannelWithMultitrackVideo");
	assert_int_equal(ivs_res_get_num(c, IVS_CHANNEL_MT_MAX_RESOLUTION), IVS_MT_RES_HD);
	assert_int_equal(ivs_res_get_num(c, IVS_CHANNEL_MT_POLICY), IVS_MT_POLICY_ALLOW);
	const struct ivs_res *r = ivs_project_list(p, IVS_KIND_RECORDING)->v[0];
	const struct ivs_enum_list *rl = ivs_res_get_list(r, IVS_RECORDING_RENDITIONS);
	assert_int_equal(rl->n, 2);
	assert_int_equal(rl->v[0], IVS_RES_HD);
	assert_int_equal(rl->v[1], IVS_RES_SD);
	ivs_project_free(p);

	p = load_path(dir, "minimal.yaml");
	assert_string_equal(ivs_project_stack(p)->name, "minimal");
	assert_int_equal(ivs_project_list(p, IVS_KIND_CHANNEL)->n, 1);
	assert_int_equal(ivs_project_list(p, IVS_KIND_CHANNEL)->v[0]->set, 1);
	ivs_project_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_syntax),
		cmocka_unit_test(test_syntax_stops_but_keeps_earlier),
		cmocka_unit_test(test_bad_utf8),
		cmocka_unit_test(test_bom_and_crlf),
		cmocka_unit_test(test_wrong_type),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_bad_enum),
		cmocka_unit_test(test_duplicate_key),
		cmocka_unit_test(test_duplicate_key_many),
		cmocka_unit_test(test_duplicate_unknown_top_key),
		cmocka_unit_test(test_bad_int),
		cmocka_unit_test(test_bad_bool),
		cmocka_unit_test(test_bool_spellings),
		cmocka_unit_test(test_null),
		cmocka_unit_test(test_version_missing),
		cmocka_unit_test(test_version_unsupported),
		cmocka_unit_test(test_required_missing),
		cmocka_unit_test(test_alias_and_anchor),
		cmocka_unit_test(test_tag),
		cmocka_unit_test(test_too_deep),
		cmocka_unit_test(test_too_large),
		cmocka_unit_test(test_multi_doc_and_empty),
		cmocka_unit_test(test_every_problem),
		cmocka_unit_test(test_rule_breakers_load),
		cmocka_unit_test(test_model_state_and_positions),
		cmocka_unit_test(test_load_file_errors),
		cmocka_unit_test(test_conformance),
		cmocka_unit_test(test_examples),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
