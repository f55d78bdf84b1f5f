/* test_validate_files.c: the conformance designs through the loader. Each
 * design the CDK refuses (tests/conformance/bad-*.yaml) gives exactly one
 * error, with the rule of the CDK's meaning and the line of the offending
 * value; each design the CDK synthesizes (seed-*.yaml) and each shipped
 * example gives nothing at all. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "ivs/validate.h"
#include "ivs/yamlio.h"

static struct ivs_project *load(const char *dir, const char *name, struct ivs_diags *d)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	struct ivs_project *p = ivs_load_file(path, d);
	if (!p) {
		ivs_diags_print(stderr, path, d);
		fail_msg("%s did not load", path);
	}
	assert_int_equal(d->n, 0);
	ivs_validate_changes(p);   /* the first call validates everything */
	ivs_validate_collect(p, d);
	return p;
}

static void test_refused_designs(void **state)
{
	(void)state;
	static const struct {
		const char *file;
		enum ivs_rule rule;
		const char *path;
		unsigned line;
		const char *words;   /* the CDK's meaning */
	} bad[] = {
		{"bad-seed-channel-name.yaml", IVS_RULE_CHANNEL_NAME, "channels[0].channel_name", 6,
		 "must contain only letters, digits, hyphens and underscores, got 'my channel!'"},
		{"bad-seed-imported-not-channel.yaml", IVS_RULE_CHANNEL_ARN,
		 "channels[0].from_channel_arn", 6, "'channel', got 'stage'"},
		{"bad-seed-multitrack-advanced.yaml", IVS_RULE_MULTITRACK_TYPE,
		 "channels[0].multitrack_input_configuration", 8,
		 "only supported for type STANDARD, got ADVANCED_HD"},
		{"bad-seed-multitrack-ts.yaml", IVS_RULE_MULTITRACK_CONTAINER,
		 "channels[0].container_format", 7, "must be FRAGMENTED_MP4"},
		{"bad-seed-reconnect-301.yaml", IVS_RULE_RECONNECT_WINDOW,
		 "recording_configurations[0].recording_reconnect_window_seconds", 9,
		 "between 0 and 300 seconds, got 301 seconds"},
		{"bad-seed-thumbnail-61.yaml", IVS_RULE_THUMBNAIL_INTERVAL,
		 "recording_configurations[0].thumbnail_configuration.target_interval_seconds", 11,
		 "between 1 and 60 seconds, got 61 seconds"},
	};
	char dir[256];
	snprintf(dir, sizeof dir, "%s/conformance", test_dir());
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct ivs_diags d;
		ivs_diags_init(&d);
		struct ivs_project *p = load(dir, bad[i].file, &d);
		assert_int_equal(ivs_validate_errors(p), 1);
		const struct ivs_diag *e = NULL;
		for (size_t k = 0; k < d.n; k++)
			if (d.v[k].sev == IVS_SEV_ERROR)
				e = &d.v[k];
		assert_non_null(e);
		if (e->rule != bad[i].rule)
			fail_msg("%s: %s, expected %s", bad[i].file, ivs_rule_id(e->rule),
			         ivs_rule_id(bad[i].rule));
		assert_string_equal(e->path, bad[i].path);
		assert_int_equal(e->pos.line, bad[i].line);
		if (!strstr(e->msg, bad[i].words))
			fail_msg("%s: '%s' lacks '%s'", bad[i].file, e->msg, bad[i].words);
		ivs_diags_free(&d);
		ivs_project_free(p);
	}
}

static void test_accepted_designs(void **state)
{
	(void)state;
	static const char *const good[] = {
		"conformance/seed-channel-advanced.yaml", "conformance/seed-channel-default.yaml",
		"conformance/seed-channel-multitrack.yaml", "conformance/seed-channel-rtmp.yaml",
		"conformance/seed-channel-with-recording.yaml",
		"conformance/seed-imported-channel-stream-key.yaml",
		"conformance/seed-playback-key-pair.yaml", "conformance/seed-private-channel.yaml",
		"conformance/seed-recording-basic.yaml",
		"conformance/seed-recording-reconnect-window.yaml",
		"conformance/seed-recording-renditions.yaml",
		"conformance/seed-recording-thumbnails.yaml", "conformance/seed-stream-key.yaml",
		"../examples/live-events.yaml", "../examples/minimal.yaml",
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		struct ivs_diags d;
		ivs_diags_init(&d);
		struct ivs_project *p = load(test_dir(), good[i], &d);
		if (d.n) {
			ivs_diags_print(stderr, good[i], &d);
			fail_msg("%s: %zu diagnostics, expected none", good[i], d.n);
		}
		assert_int_equal(ivs_validate_errors(p), 0);
		assert_int_equal(ivs_validate_warnings(p), 0);
		ivs_diags_free(&d);
		ivs_project_free(p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refused_designs),
		cmocka_unit_test(test_accepted_designs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
