/* test_tui_form.c: forms generated from the field tables, without a
 * terminal: which rows show, how values and defaults read, range hints,
 * the field's problem, reference targets, tag rows. */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "ivs/tui_form.h"
#include "ivs/tui_tree.h"
#include "ivs/validate.h"
#include "tui/wizard.h"

static const char *value(const struct ivs_res *r, int field, bool *is_def)
{
	static char out[256];
	struct ivs_buf b;
	ivs_buf_init(&b);
	tui_form_value(r, field, &b, is_def);
	snprintf(out, sizeof out, "%s", b.data ? b.data : "");
	ivs_buf_free(&b);
	return out;
}

static void test_rows_follow_the_table(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	struct ivs_res *c = ivs_edit_add(p, IVS_KIND_CHANNEL, NULL, "Channel", SIZE_MAX);
	struct tui_form f;
	tui_form_build(&f, c);
	/* Every top-level row; the multitrack group's children hidden while
	 * the group is off. */
	assert_int_equal(f.n, IVS_CHANNEL_NFIELDS - 2);
	assert_int_equal(f.rows[0].field, IVS_CHANNEL_ID);
	assert_int_equal(tui_form_row_of(&f, IVS_CHANNEL_MT_POLICY), -1);
	ivs_edit_set_group(p, c, IVS_CHANNEL_MULTITRACK);
	tui_form_build(&f, c);
	assert_int_equal(f.n, IVS_CHANNEL_NFIELDS);
	int row = tui_form_row_of(&f, IVS_CHANNEL_MT_POLICY);
	assert_true(row > 0);
	assert_int_equal(f.rows[row].depth, 1);
	/* An imported channel hides what it may not have. */
	ivs_edit_unset(p, c, IVS_CHANNEL_MULTITRACK);
	ivs_edit_set_str(p, c, IVS_CHANNEL_FROM_ARN, "arn:aws:ivs:us-west-2:123456789012:channel/abc");
	tui_form_build(&f, c);
	assert_int_equal(tui_form_row_of(&f, IVS_CHANNEL_TYPE), -1);
	assert_true(tui_form_row_of(&f, IVS_CHANNEL_STREAM_KEYS) >= 0);
	/* ...unless set, so its error stays visible. */
	ivs_edit_set_enum(p, c, IVS_CHANNEL_TYPE, IVS_CHANNEL_TYPE_BASIC);
	tui_form_build(&f, c);
	assert_true(tui_form_row_of(&f, IVS_CHANNEL_TYPE) >= 0);
	ivs_project_free(p);
}

static void test_values_and_defaults(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	struct ivs_res *c = ivs_edit_add(p, IVS_KIND_CHANNEL, NULL, "Channel", SIZE_MAX);
	struct ivs_res *rc = ivs_edit_add(p, IVS_KIND_RECORDING, NULL, "Rec", SIZE_MAX);
	bool def;
	assert_string_equal(value(c, IVS_CHANNEL_NAME, &def), "generated");
	assert_true(def);
	assert_string_equal(value(c, IVS_CHANNEL_TYPE, &def), "STANDARD");
	assert_true(def);
	assert_string_equal(value(c, IVS_CHANNEL_AUTHORIZED, &def), "[ ] false");
	assert_true(def);
	ivs_edit_set_bool(p, c, IVS_CHANNEL_AUTHORIZED, true);
	assert_string_equal(value(c, IVS_CHANNEL_AUTHORIZED, &def), "[x] true");
	assert_false(def);
	ivs_edit_set_enum(p, c, IVS_CHANNEL_TYPE, IVS_CHANNEL_TYPE_ADVANCED_HD);
	assert_string_equal(value(c, IVS_CHANNEL_TYPE, &def), "ADVANCED_HD");
	assert_false(def);
	assert_string_equal(value(c, IVS_CHANNEL_MULTITRACK, &def), "[ ] off");
	assert_string_equal(value(rc, IVS_RECORDING_BUCKET, &def), "(required)");
	assert_string_equal(value(rc, IVS_RECORDING_RECONNECT_WINDOW, &def), "0 (off)");
	struct ivs_enum_list l = {.n = 2, .v = {IVS_RES_HD, IVS_RES_SD}};
	ivs_edit_set_list(p, rc, IVS_RECORDING_RENDITIONS, &l);
	assert_string_equal(value(rc, IVS_RECORDING_RENDITIONS, &def), "HD, SD");
	assert_string_equal(value(rc, IVS_RECORDING_RENDITION, &def), "[x] on");
	/* Unset again: back to the default text. */
	ivs_edit_unset(p, c, IVS_CHANNEL_TYPE);
	assert_string_equal(value(c, IVS_CHANNEL_TYPE, &def), "STANDARD");
	assert_true(def);
	/* A PEM key reads as its first line and a line count. */
	struct ivs_res *k = ivs_edit_add(p, IVS_KIND_KEY_PAIR, NULL, "Key", SIZE_MAX);
	ivs_edit_set_str(p, k, IVS_KEY_PAIR_PUBLIC_KEY, "-----BEGIN PUBLIC KEY-----\nAAA\n-----END PUBLIC KEY-----\n");
	assert_string_equal(value(k, IVS_KEY_PAIR_PUBLIC_KEY, &def), "-----BEGIN PUBLIC KEY----- ... (3 lines)");
	ivs_project_free(p);
}

static void test_hints(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	struct ivs_res *rc = ivs_edit_add(p, IVS_KIND_RECORDING, NULL, "Rec", SIZE_MAX);
	struct ivs_buf b;
	ivs_buf_init(&b);
	tui_form_hint(rc, IVS_RECORDING_THUMB_INTERVAL, &b);
	assert_string_equal(b.data, "1-60");
	ivs_buf_reset(&b);
	tui_form_hint(rc, IVS_RECORDING_RECONNECT_WINDOW, &b);
	assert_string_equal(b.data, "0-300");
	ivs_buf_free(&b);
	assert_true(tui_form_is_text(&ivs_kind_info(IVS_KIND_RECORDING)->fields[IVS_RECORDING_NAME]));
	assert_false(tui_form_is_text(&ivs_kind_info(IVS_KIND_RECORDING)->fields[IVS_RECORDING_BUCKET]));
	ivs_project_free(p);
}

static void test_field_problem(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	ivs_edit_set_str(p, &ivs_project_stack(p)->r, IVS_STACK_NAME, "s");
	struct ivs_res *c = ivs_edit_add(p, IVS_KIND_CHANNEL, NULL, "Channel", SIZE_MAX);
	ivs_validate_all(p);
	assert_null(tui_form_field_diag(c, IVS_CHANNEL_NAME));
	ivs_edit_set_str(p, c, IVS_CHANNEL_NAME, "my channel!");
	ivs_validate_changes(p);
	const struct ivs_diag *d = tui_form_field_diag(c, IVS_CHANNEL_NAME);
	assert_non_null(d);
	assert_int_equal(d->sev, IVS_SEV_ERROR);
	ivs_edit_set_str(p, c, IVS_CHANNEL_NAME, "my-channel");
	ivs_validate_changes(p);
	assert_null(tui_form_field_diag(c, IVS_CHANNEL_NAME));
	/* Text a field cannot hold: the candidate check says why. */
	struct ivs_res *rc = ivs_edit_add(p, IVS_KIND_RECORDING, NULL, "Rec", SIZE_MAX);
	struct ivs_diags cand;
	ivs_diags_init(&cand);
	ivs_validate_candidate(p, rc, IVS_RECORDING_RECONNECT_WINDOW, "3x", &cand);
	assert_true(cand.errors > 0);
	ivs_diags_free(&cand);
	ivs_project_free(p);
}

static void test_ref_targets_and_tags(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	ivs_edit_add(p, IVS_KIND_BUCKET, NULL, "B1", SIZE_MAX);
	ivs_edit_add(p, IVS_KIND_BUCKET, NULL, "B2", SIZE_MAX);
	size_t n;
	const char **t = tui_form_ref_targets(
	        p, &ivs_kind_info(IVS_KIND_RECORDING)->fields[IVS_RECORDING_BUCKET], &n);
	assert_int_equal(n, 2);
	assert_string_equal(t[0], "B1");
	assert_string_equal(t[1], "B2");
	free(t);
	char *k, *v;
	assert_int_equal(tui_form_parse_tag("team = video", &k, &v), 0);
	assert_string_equal(k, "team");
	assert_string_equal(v, "video");
	free(k);
	free(v);
	assert_int_equal(tui_form_parse_tag("empty=", &k, &v), 0);
	assert_string_equal(v, "");
	free(k);
	free(v);
	assert_int_equal(tui_form_parse_tag("=x", &k, &v), -1);
	assert_int_equal(tui_form_parse_tag("novalue", &k, &v), -1);
	ivs_project_free(p);
}

static void test_tree_rows(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	struct ivs_res *c = ivs_edit_add(p, IVS_KIND_CHANNEL, NULL, "C", SIZE_MAX);
	struct ivs_res *k = ivs_edit_add(p, IVS_KIND_STREAM_KEY, c, "K", SIZE_MAX);
	struct tui_tree t;
	tui_tree_init(&t, TUI_TREE_ALL);
	tui_tree_rebuild(&t, p);
	/* stack, one row per section that has kinds, one heading per
	 * top-level list, the channel and its key */
	size_t nsec = 0;
	for (int s = 1; s < TUI_SECTION_COUNT; s++) {
		bool any = false;
		for (size_t j = 0; j < IVS_TOP_KIND_COUNT; j++)
			any |= tui_kind_section(ivs_top_kinds[j]) == (enum tui_section)s;
		nsec += any;
	}
	assert_true(nsec >= 3);
	assert_int_equal(t.n, 1 + nsec + IVS_TOP_KIND_COUNT + 2);
	/* every top-level kind sits in a section, the others in none */
	for (enum ivs_kind kd = 0; kd < IVS_KIND_COUNT; kd++)
		assert_int_equal(tui_kind_section(kd) != TUI_SECTION_NONE,
		                 ivs_kind_info(kd)->role == IVS_ROLE_TOP);
	/* a section row heads each group; kinds follow their section */
	assert_int_equal(t.v[1].type, TUI_TREE_SECTION);
	enum tui_section last = TUI_SECTION_NONE;
	for (size_t j = 1; j < t.n; j++) {
		if (t.v[j].type == TUI_TREE_SECTION) {
			assert_true(t.v[j].section > last);
			last = t.v[j].section;
		} else {
			assert_int_equal(t.v[j].section, last);
		}
	}
	/* moving never lands on a section row */
	assert_int_equal(tui_tree_step(&t, 1, 1), 2);
	assert_int_equal(tui_tree_step(&t, 1, -1), 0);
	size_t i = tui_tree_find(&t, k);
	assert_int_equal(t.v[i].depth, 2);
	assert_ptr_equal(t.v[i - 1].res, c);
	struct ivs_buf b;
	ivs_buf_init(&b);
	tui_tree_label(p, &t.v[i - 2], &b);
	assert_string_equal(b.data, "Channels (1)");
	ivs_buf_free(&b);
	/* A wizard page shows only its kinds. */
	t.kinds = 1u << IVS_KIND_CHANNEL;
	tui_tree_rebuild(&t, p);
	assert_int_equal(t.n, 3);
	tui_tree_free(&t);
	ivs_project_free(p);
}

/* The wizard asks nothing before it can exist: every kind a page's
 * entries refer to (by one REF or a list of them) is made on that page or
 * an earlier one walked for the same goal; every top-level kind has a
 * page; the question comes first, the stack next, the review last. */
static void test_wizard_order(void **state)
{
	(void)state;
	int n = tui_wizard_npages();
	assert_true(n >= 4);
	assert_int_equal(tui_wizard_page_kinds(0), 0);
	assert_int_equal(tui_wizard_page_kinds(1), 1u << IVS_KIND_STACK);
	assert_int_equal(tui_wizard_page_kinds(n - 1), 0);
	assert_string_equal(tui_wizard_page_name(n - 1), "Review");
	unsigned seen = 0;
	for (int i = 1; i < n - 1; i++) {
		unsigned kinds = tui_wizard_page_kinds(i), goals = tui_wizard_page_goals(i);
		assert_true(kinds != 0);
		assert_true(goals != 0);
		seen |= kinds;
		for (int k = 0; k < IVS_KIND_COUNT; k++) {
			if (!((kinds >> k) & 1u))
				continue;
			const struct ivs_kind_info *ki = ivs_kind_info((enum ivs_kind)k);
			for (int f = 0; f < ki->nfields; f++) {
				const struct ivs_field *fd = &ki->fields[f];
				if ((fd->type != IVS_FT_REF && fd->type != IVS_FT_REF_LIST) || fd->ref_mask ||
				    ivs_kind_info(fd->ref)->role != IVS_ROLE_TOP)
					continue;
				/* for each goal of the page, an earlier page (or this one)
				 * of that goal makes the kind */
				for (int g = 0; g < 3; g++) {
					if (!((goals >> g) & 1u))
						continue;
					bool made = false;
					for (int j = 1; j <= i && !made; j++)
						made = ((tui_wizard_page_goals(j) >> g) & 1u) &&
						       ((tui_wizard_page_kinds(j) >> fd->ref) & 1u);
					if (!made)
						fail_msg("wizard page %s asks %s.%s before a %s can exist",
						         tui_wizard_page_name(i), ki->list_key, fd->key,
						         ivs_kind_info(fd->ref)->name);
				}
			}
		}
	}
	for (size_t k = 0; k < IVS_TOP_KIND_COUNT; k++)
		if (!((seen >> ivs_top_kinds[k]) & 1u))
			fail_msg("no wizard page makes %s", ivs_kind_info(ivs_top_kinds[k])->plural);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows_follow_the_table),
		cmocka_unit_test(test_values_and_defaults),
		cmocka_unit_test(test_hints),
		cmocka_unit_test(test_field_problem),
		cmocka_unit_test(test_ref_targets_and_tags),
		cmocka_unit_test(test_tree_rows),
		cmocka_unit_test(test_wizard_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
