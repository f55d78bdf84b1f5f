/* test_model.c: the project model: edits, undo/redo, rename with
 * references, the journal, counts, paths, tags. */
#include <string.h>

#include "testutil.h"
#include "ivs/model.h"

static struct ivs_channel *add_channel(struct ivs_project *p, const char *id)
{
	return (struct ivs_channel *)ivs_edit_add(p, IVS_KIND_CHANNEL, NULL, id, SIZE_MAX);
}

static char *fmt(const struct ivs_res *r, int field, bool eff)
{
	struct ivs_buf b;
	ivs_buf_init(&b);
	ivs_res_format(r, field, eff, &b);
	return ivs_buf_steal(&b);
}

static void test_tables_match_enums(void **state)
{
	(void)state;
	assert_int_equal(ivs_kind_info(IVS_KIND_CHANNEL)->nfields, IVS_CHANNEL_NFIELDS);
	assert_string_equal(ivs_kind_info(IVS_KIND_CHANNEL)->fields[IVS_CHANNEL_PRESET].key, "preset");
	assert_string_equal(ivs_kind_info(IVS_KIND_CHANNEL)->fields[IVS_CHANNEL_MT_POLICY].key, "policy");
	assert_int_equal(ivs_kind_info(IVS_KIND_CHANNEL)->fields[IVS_CHANNEL_MT_POLICY].parent,
	                 IVS_CHANNEL_MULTITRACK);
	assert_string_equal(ivs_kind_info(IVS_KIND_RECORDING)->fields[IVS_RECORDING_THUMB_INTERVAL].key,
	                    "target_interval_seconds");
	assert_string_equal(ivs_kind_info(IVS_KIND_RECORDING)->list_key, "recording_configurations");
	assert_int_equal(ivs_field_find(IVS_KIND_RECORDING, IVS_RECORDING_THUMBNAIL, "storage"),
	                 IVS_RECORDING_THUMB_STORAGE);
	assert_int_equal(ivs_field_find(IVS_KIND_RECORDING, -1, "storage"), -1);
	assert_int_equal(ivs_field_find(IVS_KIND_CHANNEL, -1, "nope"), -1);
}

static void test_set_and_defaults(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	struct ivs_channel *c = add_channel(p, "Channel");
	char *s;

	assert_false(ivs_res_is_set(&c->r, IVS_CHANNEL_TYPE));
	s = fmt(&c->r, IVS_CHANNEL_TYPE, true);
	assert_string_equal(s, "STANDARD");
	free(s);
	s = fmt(&c->r, IVS_CHANNEL_TYPE, false);
	assert_string_equal(s, "");
	free(s);
	assert_int_equal(ivs_edit_set_enum(p, &c->r, IVS_CHANNEL_TYPE, IVS_CHANNEL_TYPE_ADVANCED_HD), 0);
	assert_true(ivs_res_is_set(&c->r, IVS_CHANNEL_TYPE));
	assert_int_equal(c->type, IVS_CHANNEL_TYPE_ADVANCED_HD);
	assert_int_equal(ivs_edit_set_enum(p, &c->r, IVS_CHANNEL_TYPE, 9), -1);
	assert_int_equal(ivs_edit_set_int(p, &c->r, IVS_CHANNEL_TYPE, 3), -1);
	assert_int_equal(ivs_res_get_num(&c->r, IVS_CHANNEL_LATENCY_MODE), IVS_LATENCY_LOW);
	assert_int_equal(ivs_res_get_num(&c->r, IVS_CHANNEL_PRESET), IVS_NO_DEFAULT);
	ivs_project_free(p);
}

static void test_set_text_parses_each_type(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	struct ivs_channel *c = add_channel(p, "C");
	struct ivs_recording *r =
		(struct ivs_recording *)ivs_edit_add(p, IVS_KIND_RECORDING, NULL, "R", SIZE_MAX);
	char *err = NULL, *s;

	assert_int_equal(ivs_edit_set_text(p, &c->r, IVS_CHANNEL_TYPE, "basic", &err), 0);
	assert_int_equal(c->type, IVS_CHANNEL_TYPE_BASIC);
	assert_int_equal(ivs_edit_set_text(p, &c->r, IVS_CHANNEL_TYPE, "ULTRA", &err), -1);
	assert_string_equal(err, "type must be one of STANDARD, BASIC, ADVANCED_SD or ADVANCED_HD, not 'ULTRA'.");
	free(err);
	assert_int_equal(ivs_edit_set_text(p, &c->r, IVS_CHANNEL_AUTHORIZED, "yes", NULL), 0);
	assert_true(c->authorized);
	assert_int_equal(ivs_edit_set_text(p, &r->r, IVS_RECORDING_RECONNECT_WINDOW, "301", NULL), 0);
	assert_int_equal(r->reconnect_window, 301);
	err = NULL;
	assert_int_equal(ivs_edit_set_text(p, &r->r, IVS_RECORDING_RECONNECT_WINDOW, "3x", &err), -1);
	assert_string_equal(err, "recording_reconnect_window_seconds is a whole number, not '3x'.");
	free(err);
	assert_int_equal(ivs_edit_set_text(p, &r->r, IVS_RECORDING_RENDITIONS, "HD, sd", NULL), 0);
	assert_true(ivs_res_is_set(&r->r, IVS_RECORDING_RENDITION));   /* group follows */
	s = fmt(&r->r, IVS_RECORDING_RENDITIONS, false);
	assert_string_equal(s, "HD, SD");
	free(s);
	assert_int_equal(ivs_edit_set_text(p, &c->r, IVS_CHANNEL_TAGS, "team=video, b = 2", NULL), 0);
	s = fmt(&c->r, IVS_CHANNEL_TAGS, false);
	assert_string_equal(s, "team=video, b=2");
	free(s);
	/* The file is UTF-8: invalid bytes are refused, not stored. */
	err = NULL;
	assert_int_equal(ivs_edit_set_text(p, &c->r, IVS_CHANNEL_NAME, "ab\xff", &err), -1);
	assert_string_equal(err, "channel_name must be valid UTF-8 text.");
	free(err);
	assert_int_equal(ivs_edit_set_str(p, &c->r, IVS_CHANNEL_NAME, "\xc3"), -1);
	assert_int_equal(ivs_edit_rename(p, &c->r, "C\xe9", NULL), -1);
	assert_false(ivs_res_is_set(&c->r, IVS_CHANNEL_NAME));
	assert_int_equal(ivs_edit_set_str(p, &c->r, IVS_CHANNEL_NAME, "caf\xc3\xa9"), 0);
	/* Empty text unsets. */
	assert_int_equal(ivs_edit_set_text(p, &c->r, IVS_CHANNEL_TYPE, "  ", NULL), 0);
	assert_false(ivs_res_is_set(&c->r, IVS_CHANNEL_TYPE));
	ivs_project_free(p);
}

static void test_group_unset_clears_children(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	struct ivs_channel *c = add_channel(p, "C");
	ivs_edit_set_enum(p, &c->r, IVS_CHANNEL_MT_POLICY, IVS_MT_POLICY_REQUIRE);
	assert_true(ivs_res_is_set(&c->r, IVS_CHANNEL_MULTITRACK));
	assert_true(ivs_res_is_set(&c->r, IVS_CHANNEL_MT_POLICY));
	ivs_edit_unset(p, &c->r, IVS_CHANNEL_MULTITRACK);
	assert_false(ivs_res_is_set(&c->r, IVS_CHANNEL_MULTITRACK));
	assert_false(ivs_res_is_set(&c->r, IVS_CHANNEL_MT_POLICY));
	/* One undo step brings both back. */
	assert_true(ivs_undo(p));
	assert_true(ivs_res_is_set(&c->r, IVS_CHANNEL_MULTITRACK));
	assert_int_equal(c->mt_policy, IVS_MT_POLICY_REQUIRE);
	ivs_project_free(p);
}

static void test_undo_redo_fields_and_structure(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	struct ivs_channel *c = add_channel(p, "C");
	ivs_edit_set_str(p, &c->r, IVS_CHANNEL_NAME, "one");
	ivs_edit_set_str(p, &c->r, IVS_CHANNEL_NAME, "two");
	assert_string_equal(c->channel_name, "two");
	assert_string_equal(ivs_undo_label(p), "set channel_name");
	assert_true(ivs_undo(p));
	assert_string_equal(c->channel_name, "one");
	assert_true(ivs_undo(p));
	assert_null(c->channel_name);
	assert_false(ivs_res_is_set(&c->r, IVS_CHANNEL_NAME));
	assert_true(ivs_redo(p));
	assert_string_equal(c->channel_name, "one");
	/* A new edit drops the redo branch. */
	ivs_edit_set_str(p, &c->r, IVS_CHANNEL_NAME, "three");
	assert_false(ivs_can_redo(p));
	/* Remove and undo: the same pointer comes back at the same index. */
	add_channel(p, "D");
	ivs_edit_remove(p, &c->r);
	assert_int_equal(ivs_project_list(p, IVS_KIND_CHANNEL)->n, 1);
	assert_true(ivs_undo(p));
	assert_int_equal(ivs_project_list(p, IVS_KIND_CHANNEL)->n, 2);
	assert_ptr_equal(ivs_project_list(p, IVS_KIND_CHANNEL)->v[0], &c->r);
	assert_int_equal(c->r.index, 0);
	/* Undo everything, then free with a full redo history: no leak. */
	while (ivs_undo(p))
		;
	assert_int_equal(ivs_project_list(p, IVS_KIND_CHANNEL)->n, 0);
	ivs_project_free(p);
}

static void test_history_discard_frees_orphans(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	struct ivs_channel *c = add_channel(p, "C");
	ivs_edit_add(p, IVS_KIND_STREAM_KEY, &c->r, "K", SIZE_MAX);
	ivs_edit_remove(p, &c->r);
	ivs_undo(p);
	ivs_undo(p);
	ivs_undo(p);
	/* C and K are out of the model, held by the redo branch; a new edit
	 * frees them (ASan/LSan would catch a leak or a double free). */
	add_channel(p, "E");
	assert_false(ivs_can_redo(p));
	ivs_project_free(p);
}

static void test_coalesce_typing(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	struct ivs_channel *c = add_channel(p, "C");
	ivs_edit_coalesce(p, true);
	ivs_edit_set_str(p, &c->r, IVS_CHANNEL_NAME, "a");
	ivs_edit_set_str(p, &c->r, IVS_CHANNEL_NAME, "ab");
	ivs_edit_set_str(p, &c->r, IVS_CHANNEL_NAME, "abc");
	ivs_edit_coalesce(p, false);
	assert_true(ivs_undo(p));
	assert_false(ivs_res_is_set(&c->r, IVS_CHANNEL_NAME));
	assert_true(ivs_undo(p));   /* the add */
	assert_false(ivs_can_undo(p));
	ivs_project_free(p);
}

/* Emptying a field while typing is part of the same edit: one undo step
 * (it was an extra "unset" step, showing a state never committed), and
 * the step's label names the field. */
static void test_coalesce_through_unset(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	struct ivs_channel *c = add_channel(p, "C");
	ivs_edit_set_str(p, &c->r, IVS_CHANNEL_NAME, "old");
	ivs_edit_coalesce_break(p);
	ivs_edit_coalesce(p, true);
	ivs_edit_set_str(p, &c->r, IVS_CHANNEL_NAME, "ol");
	ivs_edit_set_str(p, &c->r, IVS_CHANNEL_NAME, "o");
	ivs_edit_unset(p, &c->r, IVS_CHANNEL_NAME);
	ivs_edit_set_str(p, &c->r, IVS_CHANNEL_NAME, "n");
	ivs_edit_set_str(p, &c->r, IVS_CHANNEL_NAME, "new");
	ivs_edit_coalesce(p, false);
	assert_string_equal(ivs_undo_label(p), "set channel_name");
	assert_true(ivs_undo(p));
	assert_string_equal(ivs_res_get_str(&c->r, IVS_CHANNEL_NAME), "old");
	assert_string_equal(ivs_undo_label(p), "set channel_name");
	assert_true(ivs_undo(p));
	assert_false(ivs_res_is_set(&c->r, IVS_CHANNEL_NAME));
	/* An unset on its own is one step that names the field. */
	ivs_edit_set_str(p, &c->r, IVS_CHANNEL_NAME, "x");
	ivs_edit_unset(p, &c->r, IVS_CHANNEL_NAME);
	assert_string_equal(ivs_undo_label(p), "unset channel_name");
	assert_true(ivs_undo(p));
	assert_string_equal(ivs_res_get_str(&c->r, IVS_CHANNEL_NAME), "x");
	ivs_project_free(p);
}

static void test_rename_updates_references(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	struct ivs_res *b = ivs_edit_add(p, IVS_KIND_BUCKET, NULL, "Bucket", SIZE_MAX);
	struct ivs_recording *r =
		(struct ivs_recording *)ivs_edit_add(p, IVS_KIND_RECORDING, NULL, "Rec", SIZE_MAX);
	struct ivs_channel *c1 = add_channel(p, "C1"), *c2 = add_channel(p, "C2");
	ivs_edit_set_str(p, &r->r, IVS_RECORDING_BUCKET, "Bucket");
	ivs_edit_set_str(p, &c1->r, IVS_CHANNEL_RECORDING, "Rec");
	ivs_edit_set_str(p, &c2->r, IVS_CHANNEL_RECORDING, "Rec");

	assert_int_equal(ivs_edit_rename(p, &r->r, "Recording", NULL), 0);
	assert_string_equal(r->r.id, "Recording");
	assert_string_equal(c1->recording_configuration, "Recording");
	assert_string_equal(c2->recording_configuration, "Recording");
	assert_ptr_equal(ivs_project_find(p, "Recording"), &r->r);
	assert_null(ivs_project_find(p, "Rec"));
	/* One undo step restores the id and both references. */
	assert_true(ivs_undo(p));
	assert_string_equal(r->r.id, "Rec");
	assert_string_equal(c1->recording_configuration, "Rec");
	assert_ptr_equal(ivs_project_find(p, "Rec"), &r->r);
	/* A bucket's references are of another kind: renaming a channel to
	 * "Bucket" doesn't touch them; a shared id doesn't move references. */
	ivs_edit_rename(p, &c1->r, "Bucket", NULL);
	assert_string_equal(r->bucket, "Bucket");
	ivs_edit_rename(p, b, "B2", NULL);
	assert_string_equal(r->bucket, "Bucket");  /* old id was shared: left alone */
	char *err = NULL;
	assert_int_equal(ivs_edit_rename(p, b, "", &err), -1);
	assert_non_null(err);
	free(err);
	ivs_project_free(p);
}

static void test_cfn_count(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	struct ivs_channel *c = add_channel(p, "C");
	struct ivs_res *b = ivs_edit_add(p, IVS_KIND_BUCKET, NULL, "B", SIZE_MAX);
	ivs_edit_add(p, IVS_KIND_STREAM_KEY, &c->r, "K", SIZE_MAX);
	ivs_edit_add(p, IVS_KIND_STREAM_KEY, &c->r, "K2", SIZE_MAX);
	assert_int_equal(ivs_project_cfn_count(p), 4);
	ivs_edit_set_str(p, &c->r, IVS_CHANNEL_FROM_ARN, "arn:aws:ivs:us-west-2:1:channel/x");
	assert_int_equal(ivs_project_cfn_count(p), 3);   /* imported: only its keys */
	ivs_edit_set_str(p, b, IVS_BUCKET_FROM_NAME, "my-bucket");
	assert_int_equal(ivs_project_cfn_count(p), 2);
	ivs_edit_remove(p, &c->r);
	assert_int_equal(ivs_project_cfn_count(p), 0);
	ivs_undo(p);
	ivs_undo(p);
	assert_int_equal(ivs_project_cfn_count(p), 4 - 1);
	ivs_project_free(p);
}

static void test_paths_and_move(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	struct ivs_channel *a = add_channel(p, "A");
	struct ivs_channel *b = add_channel(p, "B");
	struct ivs_res *k = ivs_edit_add(p, IVS_KIND_STREAM_KEY, &b->r, "K", SIZE_MAX);
	struct ivs_buf buf;
	ivs_buf_init(&buf);
	ivs_res_path(k, IVS_STREAM_KEY_TAGS, &buf);
	assert_string_equal(buf.data, "channels[1].stream_keys[0].tags");
	ivs_edit_move(p, &b->r, 0);
	assert_int_equal(a->r.index, 1);
	ivs_buf_reset(&buf);
	ivs_res_path(k, -1, &buf);
	assert_string_equal(buf.data, "channels[0].stream_keys[0]");
	ivs_buf_reset(&buf);
	ivs_res_path(&a->r, IVS_CHANNEL_MT_POLICY, &buf);
	assert_string_equal(buf.data, "channels[1].multitrack_input_configuration.policy");
	ivs_buf_reset(&buf);
	ivs_res_path(&ivs_project_stack(p)->r, IVS_STACK_NAME, &buf);
	assert_string_equal(buf.data, "stack.name");
	ivs_buf_free(&buf);
	ivs_undo(p);
	assert_int_equal(a->r.index, 0);
	ivs_project_free(p);
}

static void test_journal(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	struct ivs_channel *c = add_channel(p, "C");
	size_t n;
	const struct ivs_change *j = ivs_project_journal(p, &n);
	assert_int_equal(n, 1);
	assert_int_equal(j[0].what, IVS_CHANGE_ADD);
	ivs_project_journal_clear(p);
	ivs_edit_rename(p, &c->r, "D", NULL);
	ivs_edit_set_bool(p, &c->r, IVS_CHANNEL_AUTHORIZED, true);
	j = ivs_project_journal(p, &n);
	assert_int_equal(n, 2);
	assert_int_equal(j[0].what, IVS_CHANGE_RENAME);
	assert_string_equal(j[0].old_id, "C");
	assert_int_equal(j[1].what, IVS_CHANGE_FIELD);
	assert_int_equal(j[1].field, IVS_CHANNEL_AUTHORIZED);
	ivs_project_journal_clear(p);
	ivs_undo(p);
	j = ivs_project_journal(p, &n);
	assert_int_equal(n, 1);
	assert_int_equal(j[0].field, IVS_CHANNEL_AUTHORIZED);
	ivs_project_free(p);
}

static void test_duplicate(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	struct ivs_channel *c = add_channel(p, "Chan");
	ivs_edit_set_enum(p, &c->r, IVS_CHANNEL_TYPE, IVS_CHANNEL_TYPE_BASIC);
	ivs_edit_set_text(p, &c->r, IVS_CHANNEL_TAGS, "a=1", NULL);
	ivs_edit_add(p, IVS_KIND_STREAM_KEY, &c->r, "Key", SIZE_MAX);
	struct ivs_channel *d = (struct ivs_channel *)ivs_edit_duplicate(p, &c->r);
	assert_string_equal(d->r.id, "Chan2");
	assert_int_equal(d->r.index, 1);
	assert_int_equal(d->type, IVS_CHANNEL_TYPE_BASIC);
	assert_int_equal(d->r.tags.n, 1);
	assert_int_equal(d->stream_keys.n, 1);
	assert_string_equal(d->stream_keys.v[0]->id, "Key");
	assert_int_equal(ivs_project_cfn_count(p), 4);
	assert_true(ivs_undo(p));   /* one step */
	assert_int_equal(ivs_project_list(p, IVS_KIND_CHANNEL)->n, 1);
	assert_int_equal(ivs_project_cfn_count(p), 2);
	char *id = ivs_project_unique_id(p, "Chan");
	assert_string_equal(id, "Chan2");
	free(id);
	ivs_project_free(p);
}

static void test_effective_tags(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	struct ivs_channel *c = add_channel(p, "C");
	struct ivs_res *k = ivs_edit_add(p, IVS_KIND_STREAM_KEY, &c->r, "K", SIZE_MAX);
	ivs_edit_set_text(p, &c->r, IVS_CHANNEL_TAGS, "z=1, team=video", NULL);
	ivs_edit_set_text(p, k, IVS_STREAM_KEY_TAGS, "team=audio, a=2", NULL);
	struct ivs_tags t;
	ivs_res_effective_tags(k, &t);
	assert_int_equal(t.n, 3);
	assert_string_equal(t.v[0].key, "a");
	assert_string_equal(t.v[1].key, "team");
	assert_string_equal(t.v[1].value, "audio");   /* the key's own tag wins */
	assert_string_equal(t.v[2].key, "z");
	free(t.v);
	ivs_project_free(p);
}

static void test_modified_marker(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	assert_false(ivs_project_modified(p));
	struct ivs_channel *c = add_channel(p, "C");
	assert_true(ivs_project_modified(p));
	ivs_project_mark_saved(p);
	assert_false(ivs_project_modified(p));
	ivs_edit_set_bool(p, &c->r, IVS_CHANNEL_AUTHORIZED, true);
	assert_true(ivs_project_modified(p));
	ivs_project_mark_saved(p);
	ivs_project_mark_modified(p);   /* restored from a recovery file */
	assert_true(ivs_project_modified(p));
	assert_false(ivs_can_undo(p) && strcmp(ivs_undo_label(p), "set authorized") != 0);
	ivs_project_mark_saved(p);
	assert_false(ivs_project_modified(p));
	ivs_project_free(p);
}

static void test_find_with_many_duplicates(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	struct ivs_res *first = ivs_edit_add(p, IVS_KIND_BUCKET, NULL, "X", SIZE_MAX);
	for (int i = 0; i < 40; i++)
		add_channel(p, "X");
	assert_ptr_equal(ivs_project_find(p, "X"), first);
	assert_ptr_equal(ivs_project_find_kind(p, IVS_KIND_CHANNEL, "X"),
	                 ivs_project_list(p, IVS_KIND_CHANNEL)->v[0]);
	ivs_project_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tables_match_enums),
		cmocka_unit_test(test_set_and_defaults),
		cmocka_unit_test(test_set_text_parses_each_type),
		cmocka_unit_test(test_group_unset_clears_children),
		cmocka_unit_test(test_undo_redo_fields_and_structure),
		cmocka_unit_test(test_history_discard_frees_orphans),
		cmocka_unit_test(test_coalesce_typing),
		cmocka_unit_test(test_coalesce_through_unset),
		cmocka_unit_test(test_rename_updates_references),
		cmocka_unit_test(test_cfn_count),
		cmocka_unit_test(test_paths_and_move),
		cmocka_unit_test(test_journal),
		cmocka_unit_test(test_duplicate),
		cmocka_unit_test(test_effective_tags),
		cmocka_unit_test(test_modified_marker),
		cmocka_unit_test(test_find_with_many_duplicates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
