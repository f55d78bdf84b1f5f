/* test_l1b.c: the chat kinds and outputs (issue 10, l1b): one edit
 * re-checks what it touches whatever the project's size, typed text of a
 * REF_LIST (the form's candidate check), the one-of set as the TUI reads it. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "ivs/validate.h"

static bool has_rule(const struct ivs_diags *d, enum ivs_rule rule)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].rule == rule)
			return true;
	return false;
}

/* 150 rooms, each logged by its own configuration, and 150 outputs: an
 * edit checks the entry, a rename the entries that name it. */
static void test_incremental_is_flat(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	struct ivs_res *room0 = NULL, *lg0 = NULL, *out0 = NULL;
	ivs_edit_set_str(p, &ivs_project_stack(p)->r, IVS_STACK_NAME, "big");
	for (int i = 0; i < 150; i++) {   /* 300 resources and 150 outputs */
		char id[32], ref[32];
		snprintf(id, sizeof id, "Logs%d", i);
		struct ivs_res *lg = ivs_edit_add(p, IVS_KIND_CHAT_LOGGING, NULL, id, SIZE_MAX);
		test_set_text(p, lg, IVS_CHAT_LOGGING_LOG_GROUP, "/ivs/chat");
		snprintf(id, sizeof id, "Room%d", i);
		struct ivs_res *room = ivs_edit_add(p, IVS_KIND_CHAT_ROOM, NULL, id, SIZE_MAX);
		snprintf(ref, sizeof ref, "Logs%d", i);
		test_set_text(p, room, IVS_CHAT_ROOM_LOGGING, ref);
		snprintf(id, sizeof id, "Out%d", i);
		struct ivs_res *o = ivs_edit_add(p, IVS_KIND_OUTPUT, NULL, id, SIZE_MAX);
		snprintf(ref, sizeof ref, "Room%d", i);
		test_set_text(p, o, IVS_OUTPUT_RESOURCE, ref);
		test_set_text(p, o, IVS_OUTPUT_ATTRIBUTE, "arn");
		snprintf(id, sizeof id, "export-%d", i);
		test_set_text(p, o, IVS_OUTPUT_EXPORT_NAME, id);
		if (!i) {
			lg0 = lg;
			room0 = room;
			out0 = o;
		}
	}
	ivs_validate_all(p);
	assert_int_equal(ivs_validate_errors(p), 0);

	test_set_text(p, room0, IVS_CHAT_ROOM_MAX_RATE, "11");
	ivs_validate_changes(p);
	assert_int_equal(ivs_validate_last_checked(p), 1);
	assert_int_equal(ivs_validate_errors(p), 1);
	test_set_text(p, out0, IVS_OUTPUT_ATTRIBUTE, "playback_url");
	ivs_validate_changes(p);
	assert_int_equal(ivs_validate_last_checked(p), 1);
	assert_int_equal(ivs_validate_errors(p), 2);   /* a chat room has no playback_url */
	/* a one-of set: giving the second destination */
	test_set_text(p, lg0, IVS_CHAT_LOGGING_DELIVERY_STREAM, "firehose");
	ivs_validate_changes(p);
	assert_int_equal(ivs_validate_last_checked(p), 1);
	assert_int_equal(ivs_validate_errors(p), 3);
	/* a rename: the configuration and the room whose list names it */
	assert_int_equal(ivs_edit_rename(p, lg0, "Main", NULL), 0);
	ivs_validate_changes(p);
	assert_int_equal(ivs_validate_last_checked(p), 2);
	/* the room: itself and the output naming it */
	assert_int_equal(ivs_edit_rename(p, room0, "Lobby", NULL), 0);
	ivs_validate_changes(p);
	assert_int_equal(ivs_validate_last_checked(p), 2);
	/* an export name: the output and the one holding the same name */
	test_set_text(p, out0, IVS_OUTPUT_EXPORT_NAME, "export-7");
	ivs_validate_changes(p);
	assert_true(ivs_validate_last_checked(p) <= 2);
	assert_int_equal(ivs_validate_errors(p), 4);   /* output-export-duplicate */
	ivs_project_free(p);
}

/* What a form shows while a REF_LIST or an output is typed. */
static void test_candidates(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	ivs_edit_set_str(p, &ivs_project_stack(p)->r, IVS_STACK_NAME, "typing");
	struct ivs_res *lg = ivs_edit_add(p, IVS_KIND_CHAT_LOGGING, NULL, "Logs", SIZE_MAX);
	test_set_text(p, lg, IVS_CHAT_LOGGING_LOG_GROUP, "/a");
	struct ivs_res *room = ivs_edit_add(p, IVS_KIND_CHAT_ROOM, NULL, "Room", SIZE_MAX);
	struct ivs_res *o = ivs_edit_add(p, IVS_KIND_OUTPUT, NULL, "Out", SIZE_MAX);
	ivs_validate_all(p);

	struct ivs_diags d;
	ivs_diags_init(&d);
	ivs_validate_candidate(p, room, IVS_CHAT_ROOM_LOGGING, "Logs, Logs", &d);
	assert_true(has_rule(&d, IVS_RULE_LIST_DUPLICATE));
	ivs_diags_clear(&d);
	ivs_validate_candidate(p, room, IVS_CHAT_ROOM_LOGGING, "Logs, Lgs", &d);
	assert_true(has_rule(&d, IVS_RULE_REF_MISSING));
	ivs_diags_clear(&d);
	ivs_validate_candidate(p, room, IVS_CHAT_ROOM_LOGGING, "Logs", &d);
	assert_int_equal(d.n, 0);
	ivs_validate_candidate(p, o, IVS_OUTPUT_RESOURCE, "Room", &d);
	/* the attribute is still missing, but that is another field's */
	assert_false(has_rule(&d, IVS_RULE_REF_MISSING));
	ivs_validate_candidate(p, o, IVS_OUTPUT_RESOURCE, "Nothing", &d);
	assert_true(has_rule(&d, IVS_RULE_REF_MISSING));
	ivs_diags_clear(&d);
	/* unsetting the one destination of a one-of set */
	ivs_validate_candidate(p, lg, IVS_CHAT_LOGGING_LOG_GROUP, "", &d);
	assert_true(has_rule(&d, IVS_RULE_ONE_OF));
	ivs_diags_free(&d);
	ivs_project_free(p);
}

/* The table says which rows form a one-of set (the TUI's choice). */
static void test_one_of_rows(void **state)
{
	(void)state;
	const struct ivs_kind_info *ki = ivs_kind_info(IVS_KIND_CHAT_LOGGING);
	int set = ki->fields[IVS_CHAT_LOGGING_BUCKET].one_of;
	assert_true(set > 0);
	assert_int_equal(ki->fields[IVS_CHAT_LOGGING_LOG_GROUP].one_of, set);
	assert_int_equal(ki->fields[IVS_CHAT_LOGGING_DELIVERY_STREAM].one_of, set);
	assert_int_equal(ki->fields[IVS_CHAT_LOGGING_NAME].one_of, 0);
	/* outputs' resource names any kind that creates a resource, never an output */
	unsigned mask = ivs_kind_info(IVS_KIND_OUTPUT)->fields[IVS_OUTPUT_RESOURCE].ref_mask;
	assert_false((mask >> IVS_KIND_OUTPUT) & 1u);
	assert_false((mask >> IVS_KIND_STREAM_KEY) & 1u);
	for (size_t i = 0; i < IVS_TOP_KIND_COUNT; i++)
		if (ivs_kind_info(ivs_top_kinds[i])->cfn_type)
			assert_true((mask >> ivs_top_kinds[i]) & 1u);
	/* every kind an output can name has an arn */
	for (int k = 0; k < IVS_KIND_COUNT; k++)
		if ((mask >> k) & 1u)
			assert_true(ivs_output_attr_of((enum ivs_kind)k, IVS_ATTR_ARN));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_incremental_is_flat),
		cmocka_unit_test(test_candidates),
		cmocka_unit_test(test_one_of_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
