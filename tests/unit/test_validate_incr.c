/* test_validate_incr.c: the incremental validator gives what a full
 * validation gives. Seeded random edit sequences (set and unset fields,
 * add, remove, rename, move, duplicate, undo, redo, grouped edits, with and
 * without history) are validated with ivs_validate_changes at random
 * points and compared with ivs_validate_all on the same project: the
 * collected (path, rule, message) lists, sorted, and the totals. Also: one
 * edit re-checks only what depends on it (ivs_validate_last_checked). */
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

static uint64_t rng;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return n ? (unsigned)(rng % n) : 0;
}

#define PICK(a) (a)[rnd((unsigned)(sizeof(a) / sizeof((a)[0])))]

static const char *const id_pool[] = {"A", "B", "C", "Default", "Rec", "Bkt", "Key", "x y", "--",
                                      "Rec2", "Bkt2", "CheckBootstrapVersion", "Resource",
                                      "Shared"};
static const char *const str_pool[] = {
	"ok-name", "my channel!", "abc", "arn:aws:ivs:us-west-2:123456789012:channel/abc",
	"arn:aws:ivs:us-west-2:1:stage/x", "UPPER", "good.bucket", "", "recordings",
	"Shared", "A", "Rec854F2A50"};
static const char *const ref_pool[] = {"A", "B", "Rec", "Bkt", "Nope", "Default", "Rec2", "Sto",
                                       "St", "C0", "Key", "Logs", "Room", "Out"};
static const char *const int_pool[] = {"0", "1", "30", "61", "301", "-1"};
static const char *const bool_pool[] = {"true", "false", ""};
static const char *const tag_pool[] = {"", "team=video", "aws:x=1", "a=1, b=2"};
/* issue 10 (l1a): an encoder's framerate, a policy's lists */
static const char *const num_pool[] = {"30", "29.97", "61", "0.5", "x", ""};
static const char *const strlist_pool[] = {"US, CA", "US, US", "XX", "https://a.example.com", ""};

/* ---- collecting and comparing ---- */

struct snap {
	char **v;
	size_t n;
	size_t errors, warnings;
};

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void check_stored_path(struct ivs_res *r, void *ctx)
{
	(void)ctx;
	for (size_t i = 0; i < r->diags.n; i++) {
		struct ivs_buf b;
		ivs_buf_init(&b);
		ivs_res_path(r->diags.v[i].res, r->diags.v[i].field, &b);
		if (strcmp(b.data, r->diags.v[i].path) != 0)
			fail_msg("stored path %s, fresh path %s", r->diags.v[i].path, b.data);
		ivs_buf_free(&b);
	}
}

static struct snap take(struct ivs_project *p)
{
	struct ivs_diags d;
	struct snap s = {0};
	ivs_diags_init(&d);
	ivs_validate_collect(p, &d);
	s.v = calloc(d.n ? d.n : 1, sizeof *s.v);
	for (size_t i = 0; i < d.n; i++) {
		struct ivs_buf b;
		ivs_buf_init(&b);
		ivs_buf_printf(&b, "%s|%s|%s", d.v[i].path, ivs_rule_id(d.v[i].rule), d.v[i].msg);
		s.v[i] = ivs_buf_steal(&b);
	}
	s.n = d.n;
	qsort(s.v, s.n, sizeof *s.v, str_cmp);
	s.errors = ivs_validate_errors(p);
	s.warnings = ivs_validate_warnings(p);
	assert_int_equal(s.errors, d.errors);
	assert_int_equal(s.warnings, d.warnings);
	ivs_project_each(p, check_stored_path, NULL);
	ivs_diags_free(&d);
	return s;
}

static void snap_free(struct snap *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
}

static void compare(const struct snap *inc, const struct snap *full, uint64_t seed, int step)
{
	bool same = inc->n == full->n && inc->errors == full->errors &&
	            inc->warnings == full->warnings;
	for (size_t i = 0; same && i < inc->n; i++)
		same = strcmp(inc->v[i], full->v[i]) == 0;
	if (same)
		return;
	print_message("seed %llu step %d: incremental (%zu errors, %zu warnings):\n",
	              (unsigned long long)seed, step, inc->errors, inc->warnings);
	for (size_t i = 0; i < inc->n; i++)
		print_message("  %s\n", inc->v[i]);
	print_message("full (%zu errors, %zu warnings):\n", full->errors, full->warnings);
	for (size_t i = 0; i < full->n; i++)
		print_message("  %s\n", full->v[i]);
	fail_msg("incremental validation differs from a full one");
}

/* ---- random edits ---- */

struct all {
	struct ivs_res *v[512];
	size_t n;
};

static void gather(struct ivs_res *r, void *ctx)
{
	struct all *a = ctx;
	if (a->n < 512)
		a->v[a->n++] = r;
}

static void random_value(struct ivs_project *p, struct ivs_res *r, int field)
{
	const struct ivs_field *f = &ivs_res_info(r)->fields[field];
	struct ivs_buf b;

	ivs_buf_init(&b);
	switch (f->type) {
	case IVS_FT_STRING: ivs_buf_puts(&b, PICK(str_pool)); break;
	case IVS_FT_TEXT: ivs_buf_puts(&b, rnd(3) ? PEM : "garbage"); break;
	case IVS_FT_REF: ivs_buf_puts(&b, PICK(ref_pool)); break;
	case IVS_FT_REF_LIST:
		ivs_buf_add(&b, "", 0);   /* no ids: the text "" unsets the list */
		for (unsigned i = 0, k = rnd(4); i < k; i++)
			ivs_buf_printf(&b, "%s%s", i ? ", " : "", PICK(ref_pool));
		break;
	case IVS_FT_INT: ivs_buf_puts(&b, PICK(int_pool)); break;
	case IVS_FT_BOOL: ivs_buf_puts(&b, PICK(bool_pool)); break;
	case IVS_FT_TAGS: ivs_buf_puts(&b, PICK(tag_pool)); break;
	case IVS_FT_NUMBER: ivs_buf_puts(&b, PICK(num_pool)); break;
	case IVS_FT_STRING_LIST: ivs_buf_puts(&b, PICK(strlist_pool)); break;
	case IVS_FT_ENUM: {
		size_t n = ivs_choice_count(f->choices);
		unsigned i = rnd((unsigned)n + 1);
		ivs_buf_puts(&b, i < n ? f->choices[i] : "");
		break;
	}
	case IVS_FT_ENUM_LIST: {
		size_t n = ivs_choice_count(f->choices);
		unsigned k = rnd(4);
		for (unsigned i = 0; i < k; i++)
			ivs_buf_printf(&b, "%s%s", i ? ", " : "", f->choices[rnd((unsigned)n)]);
		if (k == 0) {
			struct ivs_enum_list empty = {0};
			ivs_edit_set_list(p, r, field, &empty);
			ivs_buf_free(&b);
			return;
		}
		break;
	}
	case IVS_FT_GROUP:
		if (rnd(2))
			ivs_edit_set_group(p, r, field);
		else
			ivs_edit_unset(p, r, field);
		ivs_buf_free(&b);
		return;
	default:
		ivs_buf_free(&b);
		return;
	}
	ivs_edit_set_text(p, r, field, b.data, NULL);
	ivs_buf_free(&b);
}

static void random_edit(struct ivs_project *p)
{
	struct all a = {.n = 0};
	ivs_project_each(p, gather, &a);
	struct ivs_res *r = a.v[rnd((unsigned)a.n)];
	unsigned op = rnd(100);

	if (op < 40) {
		int f = (int)rnd((unsigned)ivs_res_info(r)->nfields);
		if (f > 0 || r->kind == IVS_KIND_STACK)
			random_value(p, r, f);
	} else if (op < 48) {
		int f = (int)rnd((unsigned)ivs_res_info(r)->nfields);
		ivs_edit_unset(p, r, f);
	} else if (op < 55) {
		if (r->kind != IVS_KIND_STACK)
			ivs_edit_rename(p, r, PICK(id_pool), NULL);
	} else if (op < 66) {
		/* every top-level kind (issue 10's included) or a stream key */
		unsigned k = rnd(IVS_TOP_KIND_COUNT + 1);
		const struct ivs_list *cl = ivs_project_list(p, IVS_KIND_CHANNEL);
		if (k == IVS_TOP_KIND_COUNT && cl->n)
			ivs_edit_add(p, IVS_KIND_STREAM_KEY, cl->v[rnd((unsigned)cl->n)], PICK(id_pool),
			             SIZE_MAX);
		else
			ivs_edit_add(p, ivs_top_kinds[k % IVS_TOP_KIND_COUNT], NULL, PICK(id_pool),
			             rnd(2) ? SIZE_MAX : 0);
	} else if (op < 73) {
		if (r->kind != IVS_KIND_STACK)
			ivs_edit_remove(p, r);
	} else if (op < 79) {
		if (r->kind != IVS_KIND_STACK)
			ivs_edit_move(p, r, rnd(6));
	} else if (op < 82) {
		if (r->kind != IVS_KIND_STACK)
			ivs_edit_duplicate(p, r);
	} else if (op < 92) {
		ivs_undo(p);
	} else {
		ivs_redo(p);
	}
}

static struct ivs_project *seed_project(bool history)
{
	struct ivs_project *p = ivs_project_new();
	ivs_project_set_history(p, history);
	ivs_edit_set_str(p, &ivs_project_stack(p)->r, IVS_STACK_NAME, "live");
	struct ivs_res *b = ivs_edit_add(p, IVS_KIND_BUCKET, NULL, "Bkt", SIZE_MAX);
	struct ivs_res *rc = ivs_edit_add(p, IVS_KIND_RECORDING, NULL, "Rec", SIZE_MAX);
	ivs_edit_set_str(p, rc, IVS_RECORDING_BUCKET, "Bkt");
	for (int i = 0; i < 3; i++) {
		char id[16];
		snprintf(id, sizeof id, "C%d", i);
		struct ivs_res *c = ivs_edit_add(p, IVS_KIND_CHANNEL, NULL, id, SIZE_MAX);
		ivs_edit_set_str(p, c, IVS_CHANNEL_RECORDING, "Rec");
		ivs_edit_add(p, IVS_KIND_STREAM_KEY, c, "Key", SIZE_MAX);
	}
	struct ivs_res *k = ivs_edit_add(p, IVS_KIND_KEY_PAIR, NULL, "Kp", SIZE_MAX);
	ivs_edit_set_str(p, k, IVS_KEY_PAIR_PUBLIC_KEY, PEM);
	/* issue 10: a stage recording to a storage configuration, an ingest
	 * configuration into it */
	struct ivs_res *sc = ivs_edit_add(p, IVS_KIND_STORAGE, NULL, "Sto", SIZE_MAX);
	ivs_edit_set_str(p, sc, IVS_STORAGE_BUCKET, "Bkt");
	struct ivs_res *st = ivs_edit_add(p, IVS_KIND_STAGE, NULL, "St", SIZE_MAX);
	ivs_edit_set_str(p, st, IVS_STAGE_STORAGE, "Sto");
	struct ivs_res *in = ivs_edit_add(p, IVS_KIND_INGEST, NULL, "In", SIZE_MAX);
	ivs_edit_set_str(p, in, IVS_INGEST_STAGE, "St");
	/* chat and outputs (issue 10): a REF_LIST, a one-of set, references
	 * to several kinds and to a child */
	struct ivs_res *lg = ivs_edit_add(p, IVS_KIND_CHAT_LOGGING, NULL, "Logs", SIZE_MAX);
	ivs_edit_set_str(p, lg, IVS_CHAT_LOGGING_BUCKET, "Bkt");
	struct ivs_res *room = ivs_edit_add(p, IVS_KIND_CHAT_ROOM, NULL, "Room", SIZE_MAX);
	ivs_edit_set_text(p, room, IVS_CHAT_ROOM_LOGGING, "Logs, Nope", NULL);
	static const char *const outs[][3] = {{"Out", "C0", "arn"}, {"Out2", "C1", "value"},
	                                      {"Out3", "Bkt", "bucket_name"}, {"Out4", "Room", "id"}};
	for (size_t i = 0; i < 4; i++) {
		struct ivs_res *o = ivs_edit_add(p, IVS_KIND_OUTPUT, NULL, outs[i][0], SIZE_MAX);
		ivs_edit_set_str(p, o, IVS_OUTPUT_RESOURCE, outs[i][1]);
		ivs_edit_set_text(p, o, IVS_OUTPUT_ATTRIBUTE, outs[i][2], NULL);
		ivs_edit_set_text(p, o, IVS_OUTPUT_EXPORT_NAME, i % 2 ? "x" : "y", NULL);
		if (i == 1)
			ivs_edit_set_str(p, o, IVS_OUTPUT_STREAM_KEY, "Key");
	}
	(void)b;
	return p;
}

/* every: validate after each step (as the TUI does) and compare with a
 * full validation only every 25 steps, so long chains of incremental
 * updates are checked. */
static void run_seed(uint64_t seed, int steps, bool history, bool every)
{
	struct ivs_project *p = seed_project(history);
	rng = seed * 2654435761u + 1;
	if (rnd(2))
		ivs_validate_all(p);
	for (int step = 0; step < steps; step++) {
		if (rnd(8) == 0) {
			ivs_edit_begin(p, "group");
			for (unsigned i = rnd(3) + 1; i > 0; i--)
				random_edit(p);
			ivs_edit_end(p);
		} else {
			random_edit(p);
		}
		if (!every && rnd(3))
			continue;
		ivs_validate_changes(p);
		struct snap inc = take(p);
		if ((every ? step % 25 == 24 : rnd(4) == 0) || step == steps - 1) {
			ivs_validate_all(p);
			struct snap full = take(p);
			compare(&inc, &full, seed, step);
			snap_free(&full);
		}
		snap_free(&inc);
	}
	ivs_project_free(p);
}

static void test_random_edits(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= 40; seed++)
		run_seed(seed, 300, true, false);
}

static void test_random_edits_every_step(void **state)
{
	(void)state;
	for (uint64_t seed = 200; seed <= 215; seed++)
		run_seed(seed, 400, true, true);
}

static void test_random_edits_no_history(void **state)
{
	(void)state;
	for (uint64_t seed = 100; seed <= 110; seed++)
		run_seed(seed, 200, false, false);
}

/* ---- what one edit re-checks ---- */

static void test_one_edit_checks_one(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	char id[16];
	ivs_project_set_history(p, false);
	ivs_edit_set_str(p, &ivs_project_stack(p)->r, IVS_STACK_NAME, "live");
	ivs_edit_add(p, IVS_KIND_BUCKET, NULL, "Bkt", SIZE_MAX);
	struct ivs_res *rc = ivs_edit_add(p, IVS_KIND_RECORDING, NULL, "Rec", SIZE_MAX);
	ivs_edit_set_str(p, rc, IVS_RECORDING_BUCKET, "Bkt");
	for (int i = 0; i < 400; i++) {
		snprintf(id, sizeof id, "C%d", i);
		struct ivs_res *c = ivs_edit_add(p, IVS_KIND_CHANNEL, NULL, id, SIZE_MAX);
		ivs_edit_set_str(p, c, IVS_CHANNEL_RECORDING, "Rec");
		if (i % 100 == 0)
			ivs_edit_set_bool(p, c, IVS_CHANNEL_AUTHORIZED, true);
	}
	ivs_validate_all(p);
	assert_int_equal(ivs_validate_last_checked(p), 1 + 1 + 1 + 400);
	assert_int_equal(ivs_validate_warnings(p), 4);   /* authorized, no key pair */
	assert_int_equal(ivs_validate_errors(p), 0);

	struct ivs_res *c = ivs_project_list(p, IVS_KIND_CHANNEL)->v[250];
	ivs_edit_set_str(p, c, IVS_CHANNEL_NAME, "bad name");
	ivs_validate_changes(p);
	assert_int_equal(ivs_validate_last_checked(p), 1);
	assert_int_equal(ivs_validate_errors(p), 1);

	/* a recording configuration that 400 channels use: still one */
	ivs_edit_set_int(p, rc, IVS_RECORDING_RECONNECT_WINDOW, 400);
	ivs_validate_changes(p);
	assert_int_equal(ivs_validate_last_checked(p), 1);
	assert_int_equal(ivs_validate_errors(p), 2);

	/* renaming the bucket renames the recording's reference: both */
	ivs_edit_rename(p, ivs_project_list(p, IVS_KIND_BUCKET)->v[0], "Store", NULL);
	ivs_validate_changes(p);
	assert_int_equal(ivs_validate_last_checked(p), 2);
	assert_int_equal(ivs_validate_errors(p), 2);

	/* the first key pair: the 4 authorized channels lose their warning */
	struct ivs_res *k = ivs_edit_add(p, IVS_KIND_KEY_PAIR, NULL, "Kp", SIZE_MAX);
	ivs_edit_set_str(p, k, IVS_KEY_PAIR_PUBLIC_KEY, PEM);
	ivs_validate_changes(p);
	assert_int_equal(ivs_validate_last_checked(p), 1 + 4);
	assert_int_equal(ivs_validate_warnings(p), 0);

	/* a removed channel's stream keys take their problems with them */
	ivs_edit_add(p, IVS_KIND_STREAM_KEY, c, "K1", SIZE_MAX);
	ivs_edit_add(p, IVS_KIND_STREAM_KEY, c, "K2", SIZE_MAX);
	ivs_validate_changes(p);
	assert_int_equal(ivs_validate_warnings(p), 1);    /* a second key */
	assert_int_equal(ivs_validate_errors(p), 2);
	ivs_edit_remove(p, c);
	ivs_validate_changes(p);
	assert_int_equal(ivs_validate_last_checked(p), 0);
	assert_int_equal(ivs_validate_warnings(p), 0);
	assert_int_equal(ivs_validate_errors(p), 1);
	struct ivs_diags d;
	ivs_diags_init(&d);
	ivs_validate_collect(p, &d);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].rule, IVS_RULE_RECONNECT_WINDOW);
	assert_string_equal(d.v[0].path, "recording_configurations[0].recording_reconnect_window_seconds");
	ivs_diags_free(&d);
	ivs_project_free(p);
}

/* Removing an entry renumbers those after it: stored paths follow. */
static void test_paths_follow_moves(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	ivs_edit_set_str(p, &ivs_project_stack(p)->r, IVS_STACK_NAME, "live");
	struct ivs_res *a = ivs_edit_add(p, IVS_KIND_CHANNEL, NULL, "A", SIZE_MAX);
	struct ivs_res *b = ivs_edit_add(p, IVS_KIND_CHANNEL, NULL, "B", SIZE_MAX);
	ivs_edit_set_str(p, b, IVS_CHANNEL_NAME, "bad name");
	ivs_validate_changes(p);
	assert_int_equal(b->diags.n, 1);
	assert_string_equal(b->diags.v[0].path, "channels[1].channel_name");
	ivs_edit_move(p, b, 0);
	ivs_validate_changes(p);
	assert_string_equal(b->diags.v[0].path, "channels[0].channel_name");
	assert_int_equal(ivs_validate_last_checked(p), 1);
	ivs_edit_move(p, b, 1);
	ivs_edit_remove(p, a);
	ivs_validate_changes(p);
	assert_string_equal(b->diags.v[0].path, "channels[0].channel_name");
	ivs_undo(p);
	ivs_validate_changes(p);
	assert_string_equal(b->diags.v[0].path, "channels[1].channel_name");
	ivs_project_free(p);
}

/* Someone cleared the journal without validating: a full validation. */
static void test_journal_cleared_elsewhere(void **state)
{
	(void)state;
	struct ivs_project *p = ivs_project_new();
	ivs_edit_set_str(p, &ivs_project_stack(p)->r, IVS_STACK_NAME, "live");
	struct ivs_res *c = ivs_edit_add(p, IVS_KIND_CHANNEL, NULL, "A", SIZE_MAX);
	ivs_validate_changes(p);
	assert_int_equal(ivs_validate_errors(p), 0);
	ivs_edit_set_str(p, c, IVS_CHANNEL_NAME, "bad name");
	ivs_project_journal_clear(p);
	ivs_validate_changes(p);
	assert_int_equal(ivs_validate_last_checked(p), 2);
	assert_int_equal(ivs_validate_errors(p), 1);
	ivs_project_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_edits),
		cmocka_unit_test(test_random_edits_no_history),
		cmocka_unit_test(test_random_edits_every_step),
		cmocka_unit_test(test_one_edit_checks_one),
		cmocka_unit_test(test_paths_follow_moves),
		cmocka_unit_test(test_journal_cleared_elsewhere),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
