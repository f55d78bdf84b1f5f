/* test_comments.c: comments kept from load to save (comments.h): where
 * each kind of comment goes, what edits do to them, and the cases of
 * tests/comments/ (NAME.yaml loaded and saved must give NAME.expected,
 * and saving that again the same bytes). Also: characters beyond U+FFFF
 * are saved as UTF-8, not as \U escapes. */
#include "testutil.h"

#include <dirent.h>

#include "ivs/comments.h"
#include "ivs/fsutil.h"
#include "ivs/yamlio.h"

static struct ivs_project *load(const char *text)
{
	struct ivs_diags d;
	ivs_diags_init(&d);
	struct ivs_project *p = ivs_load_buffer("t.yaml", text, strlen(text), &d);
	if (!p)
		ivs_diags_print(stderr, "t.yaml", &d);
	ivs_diags_free(&d);
	assert_non_null(p);
	return p;
}

static char *save(const struct ivs_project *p)
{
	struct ivs_buf b;
	ivs_buf_init(&b);
	ivs_save_buffer(p, &b);
	return ivs_buf_steal(&b);
}

static void assert_text(const char *got, const char *want)
{
	if (strcmp(got, want) != 0)
		fprintf(stderr, "--- got:\n%s--- want:\n%s---\n", got, want);
	assert_string_equal(got, want);
}

/* Saving what was saved gives the same bytes. */
static void assert_stable(const char *saved)
{
	struct ivs_project *q = load(saved);
	char *again = save(q);
	assert_text(again, saved);
	free(again);
	ivs_project_free(q);
}

static const char commented[] =
	"# The live events project.\n"
	"# Kept in git.\n"
	"\n"
	"ivs_tui: 1   # format\n"
	"stack:  # the stack\n"
	"  # its name\n"
	"  name: live  # also the file name\n"
	"channels:\n"
	"  # the main stage\n"
	"  - id: Main   # rename me\n"
	"    # a note on the type\n"
	"    type: STANDARD\n"
	"    multitrack_input_configuration:\n"
	"      # the resolution\n"
	"      maximum_resolution: HD\n"
	"    tags:\n"
	"      team: video  # who pays\n"
	"    stream_keys:\n"
	"      # the encoder's key\n"
	"      - id: MainKey  # rotate yearly\n"
	"  # backstage\n"
	"  - id: Back\n"
	"    latency_mode:\n"
	"      # between key and value\n"
	"      NORMAL\n"
	"# the end\n";

static const char commented_saved[] =
	"# The live events project.\n"
	"# Kept in git.\n"
	"\n"
	"ivs_tui: 1  # format\n"
	"stack:  # the stack\n"
	"  # its name\n"
	"  name: live  # also the file name\n"
	"channels:\n"
	"  # the main stage\n"
	"  - id: Main  # rename me\n"
	"    # a note on the type\n"
	"    type: STANDARD\n"
	"    multitrack_input_configuration:\n"
	"      # the resolution\n"
	"      maximum_resolution: HD\n"
	"    tags: {team: video}  # who pays\n"
	"    stream_keys:\n"
	"      # the encoder's key\n"
	"      - id: MainKey  # rotate yearly\n"
	"  # backstage\n"
	"  - id: Back\n"
	"    # between key and value\n"
	"    latency_mode: NORMAL\n"
	"# the end\n";

/* Every kind of place, loaded and saved without edits: every comment kept. */
static void test_every_place(void **state)
{
	(void)state;
	struct ivs_project *p = load(commented);
	assert_int_equal(ivs_comments_count(p), 16);
	char *s = save(p);
	assert_text(s, commented_saved);
	assert_stable(s);
	free(s);
	ivs_project_free(p);
}

/* Renaming and moving an entry keeps its comments with it. */
static void test_rename_move(void **state)
{
	(void)state;
	struct ivs_project *p = load(commented);
	struct ivs_res *main_ch = ivs_project_find(p, "Main");
	assert_non_null(main_ch);
	assert_int_equal(ivs_edit_rename(p, main_ch, "Stage", NULL), 0);
	ivs_edit_move(p, main_ch, 1);
	char *s = save(p);
	assert_non_null(strstr(s, "  # backstage\n"
	                          "  - id: Back\n"
	                          "    # between key and value\n"
	                          "    latency_mode: NORMAL\n"
	                          "  # the main stage\n"
	                          "  - id: Stage  # rename me\n"
	                          "    # a note on the type\n"
	                          "    type: STANDARD\n"));
	assert_stable(s);
	free(s);
	ivs_project_free(p);
}

/* A deleted entry's comments (and its stream keys') go with it; undo
 * brings them back. An unset field's comments go with the key. */
static void test_delete_unset_undo(void **state)
{
	(void)state;
	struct ivs_project *p = load(commented);
	struct ivs_res *main_ch = ivs_project_find(p, "Main");
	ivs_edit_remove(p, main_ch);
	char *s = save(p);
	assert_null(strstr(s, "the main stage"));
	assert_null(strstr(s, "rename me"));
	assert_null(strstr(s, "encoder's key"));
	assert_null(strstr(s, "who pays"));
	assert_non_null(strstr(s, "# backstage"));
	assert_non_null(strstr(s, "# The live events project."));
	assert_non_null(strstr(s, "# the end\n"));
	free(s);

	assert_true(ivs_undo(p));
	s = save(p);
	assert_text(s, commented_saved);
	free(s);

	main_ch = ivs_project_find(p, "Main");
	assert_int_equal(ivs_edit_unset(p, main_ch, IVS_CHANNEL_TYPE), 0);
	s = save(p);
	assert_null(strstr(s, "a note on the type"));
	assert_non_null(strstr(s, "# the resolution"));
	free(s);
	ivs_project_free(p);
}

/* A key the saver does not write (an empty list) gives its comments to its
 * entry; an empty top-level list's go to the end: none is lost. */
static void test_unwritten_keys(void **state)
{
	(void)state;
	struct ivs_project *p = load("ivs_tui: 1\n"
	                             "stack: {name: x}\n"
	                             "buckets: []  # none yet\n"
	                             "channels:\n"
	                             "  - id: A\n"
	                             "    # keys later\n"
	                             "    stream_keys: []\n");
	char *s = save(p);
	assert_text(s, "ivs_tui: 1\n"
	               "stack:\n"
	               "  name: x\n"
	               "channels:\n"
	               "  # keys later\n"
	               "  - id: A\n"
	               "# none yet\n");
	assert_stable(s);
	free(s);
	ivs_project_free(p);
}

/* The leading block and its blank line stay on top, also with comments of
 * a first key that was not first in the file. */
static void test_head_block(void **state)
{
	(void)state;
	struct ivs_project *p = load("# head\n"
	                             "\n"
	                             "stack: {name: x}\n"
	                             "# version\n"
	                             "ivs_tui: 1\n");
	char *s = save(p);
	assert_text(s, "# head\n"
	               "# version\n"
	               "\n"
	               "ivs_tui: 1\n"
	               "stack:\n"
	               "  name: x\n");
	assert_stable(s);
	free(s);
	ivs_project_free(p);
}

/* A block scalar's header comment; comments after a literal block that are
 * less indented than it are comments, not text. */
static void test_literal_block(void **state)
{
	(void)state;
	struct ivs_project *p = load("ivs_tui: 1\n"
	                             "stack: {name: x}\n"
	                             "playback_key_pairs:\n"
	                             "  - id: K\n"
	                             "    public_key_material: |  # PEM\n"
	                             "      -----BEGIN PUBLIC KEY-----\n"
	                             "      # not a comment\n"
	                             "      -----END PUBLIC KEY-----\n"
	                             "    # after the key\n"
	                             "    tags: {a: b}\n");
	char *s = save(p);
	assert_text(s, "ivs_tui: 1\n"
	               "stack:\n"
	               "  name: x\n"
	               "playback_key_pairs:\n"
	               "  - id: K\n"
	               "    public_key_material: |  # PEM\n"
	               "      -----BEGIN PUBLIC KEY-----\n"
	               "      # not a comment\n"
	               "      -----END PUBLIC KEY-----\n"
	               "    # after the key\n"
	               "    tags: {a: b}\n");
	assert_stable(s);
	free(s);
	ivs_project_free(p);
}

/* Comments with characters beyond the BMP, CRLF line ends, a byte-order
 * mark: positions are counted right (libyaml counts characters). */
static void test_unicode_crlf_bom(void **state)
{
	(void)state;
	struct ivs_project *p = load("\xEF\xBB\xBF# head 🎸\r\n"
	                             "ivs_tui: 1\r\n"
	                             "stack:\r\n"
	                             "  name: é-x  # é ✓ 🎸\r\n"
	                             "  # before description\r\n"
	                             "  description: ü\r\n");
	char *s = save(p);
	assert_text(s, "# head 🎸\n"
	               "ivs_tui: 1\n"
	               "stack:\n"
	               "  name: é-x  # é ✓ 🎸\n"
	               "  # before description\n"
	               "  description: ü\n");
	assert_stable(s);
	free(s);
	ivs_project_free(p);
}

/* No comment, no cost: a file without '#' keeps no store. */
static void test_none(void **state)
{
	(void)state;
	struct ivs_project *p = load("ivs_tui: 1\nstack: {name: x}\n");
	assert_int_equal(ivs_comments_count(p), 0);
	ivs_project_free(p);
	p = load("ivs_tui: 1\nstack: {name: \"a#b\"}\n");
	assert_int_equal(ivs_comments_count(p), 0);
	ivs_project_free(p);
}

/* A recovery file's header line is not kept as the project's comment. */
static void test_recovery_header(void **state)
{
	(void)state;
	struct ivs_project *p = load("# ivs-tui recovery file for /x/p.yaml: unsaved changes\n"
	                             "# mine\n"
	                             "ivs_tui: 1\n"
	                             "stack: {name: x}\n");
	char *s = save(p);
	assert_text(s, "# mine\nivs_tui: 1\nstack:\n  name: x\n");
	free(s);
	ivs_project_free(p);
}

/* Emoji and other characters beyond U+FFFF are written as UTF-8 (libyaml
 * alone writes "\U0001F3B8"), also in a value that holds the private-use
 * character the saver hides them behind. */
static void test_astral_utf8(void **state)
{
	(void)state;
	struct ivs_project *p = load("ivs_tui: 1\n"
	                             "stack: {name: x, description: \"🎸 night\"}\n"
	                             "channels:\n"
	                             "  - id: \"\\U0001F3B8Main\"\n"
	                             "    tags: {\"k🎸\": \"\\uE000012345 🎸\"}\n");
	char *s = save(p);
	assert_null(strstr(s, "\\U"));
	assert_non_null(strstr(s, "  description: 🎸 night\n"));
	assert_non_null(strstr(s, "  - id: 🎸Main\n"));
	assert_non_null(strstr(s, "    tags: {k🎸: \xEE\x80\x80" "012345 🎸}\n"));
	assert_stable(s);
	struct ivs_project *q = load(s);
	struct ivs_res *r = ivs_project_find(q, "🎸Main");
	assert_non_null(r);
	assert_string_equal(r->tags.v[0].value, "\xEE\x80\x80" "012345 🎸");
	ivs_project_free(q);
	free(s);
	ivs_project_free(p);
}

/* tests/comments/NAME.yaml saved gives NAME.expected. */
static void test_cases(void **state)
{
	(void)state;
	char *dir = ivs_xasprintf("%s/comments", test_dir());
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *e;
	int n = 0;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (l < 6 || strcmp(e->d_name + l - 5, ".yaml") != 0)
			continue;
		char *in = ivs_xasprintf("%s/%s", dir, e->d_name);
		char *exp = ivs_xasprintf("%s/%.*s.expected", dir, (int)(l - 5), e->d_name);
		char *err = NULL;
		size_t len;
		char *want = ivs_read_file(exp, 1u << 20, &len, &err);
		if (!want)
			fail_msg("%s: %s", exp, err);
		struct ivs_diags dg;
		ivs_diags_init(&dg);
		struct ivs_project *p = ivs_load_file(in, &dg);
		if (!p) {
			ivs_diags_print(stderr, in, &dg);
			fail_msg("%s does not load", in);
		}
		ivs_diags_free(&dg);
		char *got = save(p);
		if (strcmp(got, want) != 0)
			fprintf(stderr, "%s:\n--- got:\n%s--- want:\n%s---\n", in, got, want);
		assert_string_equal(got, want);
		assert_stable(got);
		free(got);
		free(want);
		ivs_project_free(p);
		free(in);
		free(exp);
		n++;
	}
	closedir(d);
	free(dir);
	assert_true(n >= 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_place),
		cmocka_unit_test(test_rename_move),
		cmocka_unit_test(test_delete_unset_undo),
		cmocka_unit_test(test_unwritten_keys),
		cmocka_unit_test(test_head_block),
		cmocka_unit_test(test_literal_block),
		cmocka_unit_test(test_unicode_crlf_bom),
		cmocka_unit_test(test_none),
		cmocka_unit_test(test_recovery_header),
		cmocka_unit_test(test_astral_utf8),
		cmocka_unit_test(test_cases),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
