/* test_kinds.c: walks every resource kind of the kind table (schema.h,
 * IVS_KIND_INFO) and checks that each has what the loader, saver,
 * validator, exporter and TUI need of it: labels, list key, id prefix,
 * CloudFormation type, a builder in the exporter, a consistent parent and
 * child list, field rows that fit the value types, and that an entry of
 * each kind can be added, saved, loaded and exported through the generic
 * code paths, with nothing counted by hand. */
#include "testutil.h"

#include "ivs/export.h"
#include "ivs/validate.h"
#include "ivs/yamlio.h"

static void test_every_kind_is_described(void **state)
{
	(void)state;
	int roots = 0, tops = 0;
	for (int k = 0; k < IVS_KIND_COUNT; k++) {
		const struct ivs_kind_info *ki = ivs_kind_info((enum ivs_kind)k);
		assert_non_null(ki);
		assert_int_equal(ki->kind, k);
		assert_non_null(ki->name);
		assert_non_null(ki->plural);
		assert_non_null(ki->list_key);
		assert_non_null(ki->heading);
		assert_non_null(ki->fields);
		assert_true(ki->nfields > 0 && ki->nfields <= 64);   /* ivs_res.set */
		assert_true(ki->size >= sizeof(struct ivs_res));
		if (ki->role == IVS_ROLE_ROOT) {
			roots++;
			assert_int_equal(ki->path, IVS_PATH_NONE);
			assert_false(ivs_export_has_builder((enum ivs_kind)k));
			continue;
		}
		/* every entry has an id row first, a prefix for new ids that is
		 * itself a valid id, a resource type and an exporter */
		assert_int_equal(ki->fields[0].type, IVS_FT_ID);
		assert_non_null(ki->id_prefix);
		assert_true(ivs_chars_id(ki->id_prefix));
		assert_true(ki->path == IVS_PATH_L1 || ki->path == IVS_PATH_L2);
		/* a kind with no resource type (outputs) is no resource: no
		 * builder, a TOP list of the template's Outputs */
		if (ki->cfn_type) {
			assert_true(ivs_export_has_builder((enum ivs_kind)k));
		} else {
			assert_int_equal(k, IVS_KIND_OUTPUT);
			assert_false(ivs_export_has_builder((enum ivs_kind)k));
			assert_int_equal(ki->path, IVS_PATH_L1);
		}
		if (ki->role == IVS_ROLE_TOP) {
			tops++;
			assert_int_equal(ki->parent, IVS_KIND_STACK);
			assert_true(ki->export_rank >= 0 && ki->export_rank < IVS_TOP_KIND_COUNT);
		} else {
			/* a child kind: its parent holds it in a CHILDREN row */
			assert_int_equal(ki->role, IVS_ROLE_CHILD);
			assert_int_equal(ivs_kind_child(ki->parent), k);
			const struct ivs_kind_info *pk = ivs_kind_info(ki->parent);
			assert_true(pk->child_field >= 0);
			assert_string_equal(pk->fields[pk->child_field].key, ki->list_key);
		}
	}
	assert_int_equal(roots, 1);
	assert_int_equal(ivs_kind_info(IVS_KIND_STACK)->role, IVS_ROLE_ROOT);
	assert_int_equal(tops, IVS_TOP_KIND_COUNT);
}

static void test_top_kinds_and_export_order(void **state)
{
	(void)state;
	bool seen[IVS_KIND_COUNT] = {false}, rank[IVS_TOP_KIND_COUNT] = {false};
	for (size_t i = 0; i < IVS_TOP_KIND_COUNT; i++) {
		enum ivs_kind k = ivs_top_kinds[i];
		assert_true((unsigned)k < IVS_KIND_COUNT);
		assert_false(seen[k]);
		seen[k] = true;
		const struct ivs_kind_info *ki = ivs_kind_info(k);
		assert_int_equal(ki->role, IVS_ROLE_TOP);
		assert_false(rank[ki->export_rank]);   /* the ranks are a permutation */
		rank[ki->export_rank] = true;
		if (i > 0)
			assert_true(ivs_top_kinds[i - 1] < k);   /* file order: the table's */
	}
	/* list keys are unique (one YAML key per list) */
	for (int a = 0; a < IVS_KIND_COUNT; a++)
		for (int b = a + 1; b < IVS_KIND_COUNT; b++)
			assert_string_not_equal(ivs_kind_info((enum ivs_kind)a)->list_key,
			                        ivs_kind_info((enum ivs_kind)b)->list_key);
}

static void test_field_rows_fit_their_types(void **state)
{
	(void)state;
	for (int k = 0; k < IVS_KIND_COUNT; k++) {
		const struct ivs_kind_info *ki = ivs_kind_info((enum ivs_kind)k);
		int children = 0, imports = 0, refs = 0;
		for (int i = 0; i < ki->nfields; i++) {
			const struct ivs_field *f = &ki->fields[i];
			assert_non_null(f->key);
			assert_non_null(f->help);
			assert_int_equal(ivs_field_find((enum ivs_kind)k, f->parent, f->key), i);
			if (f->parent >= 0) {
				assert_true(f->parent < i);
				assert_int_equal(ki->fields[f->parent].type, IVS_FT_GROUP);
			}
			if (f->type != IVS_FT_GROUP)
				assert_true(f->off >= sizeof(struct ivs_res) || f->type == IVS_FT_ID ||
				            f->type == IVS_FT_TAGS ||
				            f->off == offsetof(struct ivs_res, logical_id) ||
				            f->off == offsetof(struct ivs_res, removal_policy));
			assert_true(f->off < ki->size);
			if (f->type == IVS_FT_ENUM || f->type == IVS_FT_ENUM_LIST)
				assert_true(ivs_choice_count(f->choices) > 0);
			if (f->type == IVS_FT_REF && f->ref_parent) {
				/* a child reference goes through a REF row before it */
				assert_true(f->ref_parent > 0 && f->ref_parent < i);
				assert_int_equal(ki->fields[f->ref_parent].type, IVS_FT_REF);
				assert_int_equal(ivs_kind_info(f->ref)->role, IVS_ROLE_CHILD);
				unsigned pm = ki->fields[f->ref_parent].ref_mask;
				assert_true(pm ? (pm >> ivs_kind_info(f->ref)->parent) & 1u
				               : ki->fields[f->ref_parent].ref == ivs_kind_info(f->ref)->parent);
			} else if (f->type == IVS_FT_REF) {
				refs++;
				assert_int_equal(ivs_kind_info(f->ref)->role, IVS_ROLE_TOP);
				/* several kinds: each a TOP kind that creates a resource */
				for (int m = 0; m < IVS_KIND_COUNT; m++)
					if ((f->ref_mask >> m) & 1u) {
						assert_int_equal(ivs_kind_info((enum ivs_kind)m)->role, IVS_ROLE_TOP);
						assert_non_null(ivs_kind_info((enum ivs_kind)m)->cfn_type);
					}
			} else {
				assert_int_equal(f->ref_mask, 0);
				assert_int_equal(f->ref_parent, 0);
			}
			if (f->type == IVS_FT_REF_LIST) {
				assert_int_equal(ivs_kind_info(f->ref)->role, IVS_ROLE_TOP);
				assert_true(f->max > 0);
			}
			if (f->one_of) {
				/* a one-of set has at least two rows, none required */
				int same = 0;
				for (int j = 0; j < ki->nfields; j++)
					same += ki->fields[j].one_of == f->one_of && ki->fields[j].parent == f->parent;
				assert_true(same >= 2);
				assert_false(f->flags & IVS_FF_REQUIRED);
			}
			if (f->type == IVS_FT_CHILDREN) {
				children++;
				assert_int_equal(ki->child_field, i);
				assert_int_equal(ivs_kind_info(f->ref)->parent, k);
			}
			if (f->flags & IVS_FF_IMPORT) {
				imports++;
				assert_int_equal(ki->import_field, i);
			}
			if (f->flags & IVS_FF_PEM_P384)
				assert_int_equal(f->type, IVS_FT_TEXT);
			if (f->chars) {
				assert_true(f->type == IVS_FT_STRING || f->type == IVS_FT_ID ||
				            f->type == IVS_FT_STRING_LIST);
				assert_non_null(f->chars->ok);
				assert_non_null(f->chars->must);
			}
		}
		assert_true(children <= 1 && imports <= 1);
		assert_true(refs <= IVS_REFS_MAX);   /* the validator's reverse index */
		if (!children)
			assert_int_equal(ki->child_field, -1);
		if (!imports)
			assert_int_equal(ki->import_field, -1);
	}
}

/* One entry of every kind, added the way the TUI adds them (the kind's id
 * prefix; a child under an entry of its parent kind), then saved, loaded,
 * validated and exported by the generic code paths. */
static void test_every_kind_goes_through(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	struct ivs_res *made[IVS_KIND_COUNT] = {NULL};
	test_set_text(p, &ivs_project_stack(p)->r, IVS_STACK_NAME, "kinds");
	for (size_t i = 0; i < IVS_TOP_KIND_COUNT; i++) {
		const struct ivs_kind_info *ki = ivs_kind_info(ivs_top_kinds[i]);
		char *id = ivs_project_unique_id(p, ki->id_prefix);
		made[ki->kind] = ivs_edit_add(p, ki->kind, NULL, id, SIZE_MAX);
		assert_non_null(made[ki->kind]);
		free(id);
	}
	for (int k = 0; k < IVS_KIND_COUNT; k++) {
		const struct ivs_kind_info *ki = ivs_kind_info((enum ivs_kind)k);
		if (ki->role != IVS_ROLE_CHILD)
			continue;
		assert_null(ivs_edit_add(p, (enum ivs_kind)k, NULL, ki->id_prefix, SIZE_MAX));
		made[k] = ivs_edit_add(p, (enum ivs_kind)k, made[ki->parent], ki->id_prefix, SIZE_MAX);
		assert_non_null(made[k]);
		assert_int_equal(ivs_res_children(made[ki->parent])->n, 1);
	}
	for (int k = 0; k < IVS_KIND_COUNT; k++) {
		const struct ivs_kind_info *ki = ivs_kind_info((enum ivs_kind)k);
		if (ki->role == IVS_ROLE_ROOT)
			continue;
		/* its path names its list; its logical id follows its path rule */
		struct ivs_buf b;
		ivs_buf_init(&b);
		ivs_res_path(made[k], -1, &b);
		assert_non_null(strstr(b.data, ki->list_key));
		ivs_buf_free(&b);
		char *lid = ivs_export_logical_id(made[k]);
		assert_non_null(lid);
		if (ki->path == IVS_PATH_L1)
			assert_string_equal(lid, ki->id_prefix);   /* one component, no hash */
		else
			assert_true(strlen(lid) > 8);              /* human part + 8 hex digits */
		free(lid);
	}
	test_set_text(p, made[IVS_KIND_OUTPUT], IVS_OUTPUT_RESOURCE, made[IVS_KIND_BUCKET]->id);
	test_set_text(p, made[IVS_KIND_OUTPUT], IVS_OUTPUT_ATTRIBUTE, "arn");
	/* saved, every list is in the file; loaded again, the same entries */
	struct ivs_buf out;
	ivs_buf_init(&out);
	ivs_save_buffer(p, &out);
	for (int k = 0; k < IVS_KIND_COUNT; k++) {
		const struct ivs_kind_info *ki = ivs_kind_info((enum ivs_kind)k);
		if (ki->role == IVS_ROLE_ROOT)
			continue;
		char *key = ivs_xasprintf("%s:", ki->list_key);
		assert_non_null(strstr(out.data, key));
		free(key);
	}
	struct ivs_diags d;
	ivs_diags_init(&d);
	struct ivs_project *q = ivs_load_buffer("saved", out.data, out.len, &d);
	assert_non_null(q);
	assert_int_equal(d.n, 0);
	for (size_t i = 0; i < IVS_TOP_KIND_COUNT; i++)
		assert_int_equal(ivs_project_list(q, ivs_top_kinds[i])->n, 1);
	/* exported, one resource per entry (the template counts them all) */
	cJSON *t = ivs_export_template(q);
	cJSON *res = cJSON_GetObjectItemCaseSensitive(t, "Resources");
	assert_int_equal(cJSON_GetArraySize(res), (int)ivs_project_cfn_count(q));
	int resource_kinds = 0;
	for (int k = 0; k < IVS_KIND_COUNT; k++)
		resource_kinds += ivs_kind_info((enum ivs_kind)k)->cfn_type != NULL;
	assert_int_equal(ivs_project_cfn_count(q), resource_kinds);
	for (int k = 0; k < IVS_KIND_COUNT; k++) {
		const struct ivs_kind_info *ki = ivs_kind_info((enum ivs_kind)k);
		bool found = false;
		for (cJSON *it = res->child; it && ki->cfn_type; it = it->next)
			found |= strcmp(cJSON_GetObjectItemCaseSensitive(it, "Type")->valuestring,
			                ki->cfn_type) == 0;
		assert_true(found || !ki->cfn_type);
	}
	/* the output names the bucket's arn: one entry of Outputs */
	cJSON *outs = cJSON_GetObjectItemCaseSensitive(t, "Outputs");
	assert_int_equal(cJSON_GetArraySize(outs), 1);
	assert_non_null(cJSON_GetObjectItemCaseSensitive(outs, ivs_kind_info(IVS_KIND_OUTPUT)->id_prefix));
	cJSON_Delete(t);
	ivs_diags_free(&d);
	ivs_buf_free(&out);
	ivs_project_free(q);
	ivs_project_free(p);
}

/* References follow a rename: a REF_LIST's ids (each occurrence), a
 * reference to several kinds (an output's resource), a reference to a child
 * (an output's stream_key); undo puts every one back. */
static void test_renames_follow_new_references(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	test_set_text(p, &ivs_project_stack(p)->r, IVS_STACK_NAME, "renames");
	struct ivs_res *ch = ivs_edit_add(p, IVS_KIND_CHANNEL, NULL, "Live", SIZE_MAX);
	struct ivs_res *key = ivs_edit_add(p, IVS_KIND_STREAM_KEY, ch, "Key", SIZE_MAX);
	struct ivs_res *lg = ivs_edit_add(p, IVS_KIND_CHAT_LOGGING, NULL, "Logs", SIZE_MAX);
	test_set_text(p, lg, IVS_CHAT_LOGGING_LOG_GROUP, "/a");
	struct ivs_res *room = ivs_edit_add(p, IVS_KIND_CHAT_ROOM, NULL, "Room", SIZE_MAX);
	test_set_text(p, room, IVS_CHAT_ROOM_LOGGING, "Logs, Other, Logs");
	struct ivs_res *o = ivs_edit_add(p, IVS_KIND_OUTPUT, NULL, "Out", SIZE_MAX);
	test_set_text(p, o, IVS_OUTPUT_RESOURCE, "Live");
	test_set_text(p, o, IVS_OUTPUT_STREAM_KEY, "Key");
	test_set_text(p, o, IVS_OUTPUT_ATTRIBUTE, "arn");
	struct ivs_res *o2 = ivs_edit_add(p, IVS_KIND_OUTPUT, NULL, "Out2", SIZE_MAX);
	test_set_text(p, o2, IVS_OUTPUT_RESOURCE, "Room");
	test_set_text(p, o2, IVS_OUTPUT_ATTRIBUTE, "id");

	assert_int_equal(ivs_edit_rename(p, lg, "ChatLogs", NULL), 0);
	const struct ivs_idlist *l = ivs_res_get_ids(room, IVS_CHAT_ROOM_LOGGING);
	assert_int_equal(l->n, 3);
	assert_string_equal(l->v[0], "ChatLogs");
	assert_string_equal(l->v[1], "Other");
	assert_string_equal(l->v[2], "ChatLogs");
	assert_int_equal(ivs_edit_rename(p, room, "Lobby", NULL), 0);
	assert_string_equal(ivs_res_get_str(o2, IVS_OUTPUT_RESOURCE), "Lobby");
	assert_int_equal(ivs_edit_rename(p, ch, "Show", NULL), 0);
	assert_string_equal(ivs_res_get_str(o, IVS_OUTPUT_RESOURCE), "Show");
	assert_int_equal(ivs_edit_rename(p, key, "Main", NULL), 0);
	assert_string_equal(ivs_res_get_str(o, IVS_OUTPUT_STREAM_KEY), "Main");

	ivs_validate_all(p);
	assert_int_equal(ivs_validate_errors(p), 2);   /* 'Other' names nothing; ChatLogs twice */
	cJSON *t = ivs_export_template(p);
	cJSON *v = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(t, "Outputs"), "Out"),
		"Value");
	char *lid = ivs_export_logical_id(key);
	assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(v, "Fn::GetAtt"), 0)->valuestring,
	                    lid);
	free(lid);
	cJSON_Delete(t);

	for (int i = 0; i < 4; i++)
		assert_true(ivs_undo(p));
	l = ivs_res_get_ids(room, IVS_CHAT_ROOM_LOGGING);
	assert_string_equal(l->v[0], "Logs");
	assert_string_equal(l->v[2], "Logs");
	assert_string_equal(ivs_res_get_str(o, IVS_OUTPUT_RESOURCE), "Live");
	assert_string_equal(ivs_res_get_str(o, IVS_OUTPUT_STREAM_KEY), "Key");
	assert_string_equal(ivs_res_get_str(o2, IVS_OUTPUT_RESOURCE), "Room");
	ivs_project_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_kind_is_described),
		cmocka_unit_test(test_top_kinds_and_export_order),
		cmocka_unit_test(test_field_rows_fit_their_types),
		cmocka_unit_test(test_every_kind_goes_through),
		cmocka_unit_test(test_renames_follow_new_references),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
