/* test_roundtrip.c: load(save(x)) == x and save(load(save(x))) ==
 * save(x), byte for byte. For every example and conformance file, and for
 * several hundred random designs (fixed seeds) built through the edit API
 * with every field type and hostile strings: unicode, quotes, colons, '#',
 * leading spaces, "null", "123", "true", several lines, empty tags, many
 * stream keys. Models are compared field by field with the tables. */
#include "testutil.h"

#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "ivs/fsutil.h"
#include "ivs/yamlio.h"

static char *save(const struct ivs_project *p)
{
	struct ivs_buf b;
	ivs_buf_init(&b);
	ivs_save_buffer(p, &b);
	return ivs_buf_steal(&b);
}

static struct ivs_project *load_ok(const char *text, size_t len)
{
	struct ivs_diags d;
	ivs_diags_init(&d);
	struct ivs_project *p = ivs_load_buffer("saved", text, len, &d);
	if (!p || d.n) {
		ivs_diags_print(stderr, "saved", &d);
		fprintf(stderr, "--- the text:\n%s---\n", text);
	}
	assert_non_null(p);
	assert_int_equal(d.n, 0);
	ivs_diags_free(&d);
	return p;
}

/* ---- comparing two models with the field tables ---- */

static void same_res(const struct ivs_res *a, const struct ivs_res *b)
{
	const struct ivs_kind_info *ki = ivs_res_info(a);
	assert_int_equal(a->kind, b->kind);
	assert_true(ivs_str_eq(a->id, b->id));
	assert_int_equal(a->set, b->set);
	for (int i = 0; i < ki->nfields; i++) {
		const struct ivs_field *f = &ki->fields[i];
		switch (f->type) {
		case IVS_FT_ID: case IVS_FT_STRING: case IVS_FT_TEXT: case IVS_FT_REF:
		case IVS_FT_NUMBER: case IVS_FT_STRING_LIST:
			assert_true(ivs_str_eq(ivs_res_get_str(a, i), ivs_res_get_str(b, i)));
			break;
		case IVS_FT_ENUM: case IVS_FT_BOOL: case IVS_FT_INT:
			assert_int_equal(ivs_res_get_num(a, i), ivs_res_get_num(b, i));
			break;
		case IVS_FT_ENUM_LIST: {
			const struct ivs_enum_list *la = ivs_res_get_list(a, i), *lb = ivs_res_get_list(b, i);
			assert_int_equal(la == NULL, lb == NULL);
			if (la) {
				assert_int_equal(la->n, lb->n);
				assert_memory_equal(la->v, lb->v, la->n);
			}
			break;
		}
		case IVS_FT_REF_LIST: {
			const struct ivs_idlist *la = ivs_res_get_ids(a, i), *lb = ivs_res_get_ids(b, i);
			assert_int_equal(la == NULL, lb == NULL);
			if (la) {
				assert_int_equal(la->n, lb->n);
				for (size_t k = 0; k < la->n; k++)
					assert_string_equal(la->v[k], lb->v[k]);
			}
			break;
		}
		case IVS_FT_TAGS:
			assert_int_equal(a->tags.n, b->tags.n);
			for (size_t t = 0; t < a->tags.n; t++) {
				assert_string_equal(a->tags.v[t].key, b->tags.v[t].key);
				assert_string_equal(a->tags.v[t].value, b->tags.v[t].value);
			}
			break;
		case IVS_FT_CHILDREN: {
			const struct ivs_list *ca = (const void *)((const char *)a + f->off);
			const struct ivs_list *cb = (const void *)((const char *)b + f->off);
			assert_int_equal(ca->n, cb->n);
			for (size_t c = 0; c < ca->n; c++) {
				assert_ptr_equal(cb->v[c]->parent, b);
				same_res(ca->v[c], cb->v[c]);
			}
			break;
		}
		case IVS_FT_GROUP:
			break;
		}
	}
}

static void same_project(const struct ivs_project *a, const struct ivs_project *b)
{
	same_res(&ivs_project_stack(a)->r, &ivs_project_stack(b)->r);
	for (size_t k = 0; k < IVS_ARRAY_LEN(ivs_top_kinds); k++) {
		const struct ivs_list *la = ivs_project_list(a, ivs_top_kinds[k]);
		const struct ivs_list *lb = ivs_project_list(b, ivs_top_kinds[k]);
		assert_int_equal(la->n, lb->n);
		for (size_t i = 0; i < la->n; i++)
			same_res(la->v[i], lb->v[i]);
	}
}

/* save(p) is stable: load(save(p)) equals p and saves to the same bytes.
 * Returns how many bytes the file has. */
static size_t check_roundtrip(const struct ivs_project *p)
{
	char *s1 = save(p);
	struct ivs_project *q = load_ok(s1, strlen(s1));
	same_project(p, q);
	char *s2 = save(q);
	if (strcmp(s1, s2) != 0)
		fprintf(stderr, "--- first:\n%s--- second:\n%s---\n", s1, s2);
	assert_string_equal(s1, s2);
	size_t n = strlen(s1);
	ivs_project_free(q);
	free(s1);
	free(s2);
	return n;
}

/* ---- files ---- */

static void roundtrip_file(const char *path)
{
	struct ivs_diags d;
	ivs_diags_init(&d);
	struct ivs_project *p = ivs_load_file(path, &d);
	if (!p)
		ivs_diags_print(stderr, path, &d);
	assert_non_null(p);
	ivs_diags_free(&d);
	check_roundtrip(p);
	ivs_project_free(p);
}

/* Every YAML file of tests/conformance (globbed: a file added there is
 * round-tripped without touching this test), then the examples. */
static void test_files(void **state)
{
	char pattern[512];
	glob_t g;
	(void)state;
	snprintf(pattern, sizeof pattern, "%s/conformance/*.yaml", test_dir());
	assert_int_equal(glob(pattern, 0, NULL, &g), 0);
	/* the folder holds good and bad seeds: an empty match means a wrong
	 * folder, not an empty suite */
	assert_true(g.gl_pathc > 0);
	for (size_t i = 0; i < g.gl_pathc; i++)
		roundtrip_file(g.gl_pathv[i]);
	globfree(&g);
	/* and our own golden designs */
	snprintf(pattern, sizeof pattern, "%s/golden/*.yaml", test_dir());
	assert_int_equal(glob(pattern, 0, NULL, &g), 0);
	for (size_t i = 0; i < g.gl_pathc; i++)
		roundtrip_file(g.gl_pathv[i]);
	globfree(&g);
	const char *ex = getenv("IVS_EXAMPLES_DIR") ? getenv("IVS_EXAMPLES_DIR") : "examples";
	char path[512];
	snprintf(path, sizeof path, "%s/live-events.yaml", ex);
	roundtrip_file(path);
	snprintf(path, sizeof path, "%s/minimal.yaml", ex);
	roundtrip_file(path);
}

/* A canonical file saves to itself. */
static void test_canonical_fixed_point(void **state)
{
	static const char text[] =
		"ivs_tui: 1\n"
		"stack:\n"
		"  name: fixed\n"
		"channels:\n"
		"  - id: A\n"
		"    type: BASIC\n"
		"    tags: {\"null\": \"123\", 'a: b': \" x\"}\n"
		"    stream_keys:\n"
		"      - id: K\n"
		"playback_key_pairs:\n"
		"  - id: P\n"
		"    public_key_material: |+\n"
		"      keep\n"
		"\n"
		"    tags: {}\n"
		"...\n";   /* libyaml ends a document so after a kept final newline */
	(void)state;
	struct ivs_project *p = load_ok(text, strlen(text));
	char *s = save(p);
	assert_string_equal(s, text);
	free(s);
	ivs_project_free(p);
}

/* The chat kinds and outputs in canonical form: a REF_LIST as a flow
 * sequence of ids (quoted where YAML needs it), a one-of member, a group,
 * an output with a child reference. */
static void test_canonical_chat_outputs(void **state)
{
	static const char text[] =
		"ivs_tui: 1\n"
		"stack:\n"
		"  name: fixed\n"
		"channels:\n"
		"  - id: C\n"
		"    stream_keys:\n"
		"      - id: K\n"
		"chat_logging_configurations:\n"
		"  - id: L\n"
		"    log_group_name: /a/b\n"
		"  - id: 'x: y'\n"
		"    delivery_stream_name: s\n"
		"chat_rooms:\n"
		"  - id: R\n"
		"    logging_configurations: [L, 'x: y', L, \"123\"]\n"
		"    maximum_message_length: 280\n"
		"    message_review_handler:\n"
		"      fallback_result: DENY\n"
		"    tags: {a: b}\n"
		"  - id: R2\n"
		"    logging_configurations: []\n"
		"outputs:\n"
		"  - id: O\n"
		"    resource: C\n"
		"    stream_key: K\n"
		"    attribute: arn\n"
		"    description: \"\"\n"
		"    export_name: e\n";
	(void)state;
	struct ivs_project *p = load_ok(text, strlen(text));
	const struct ivs_idlist *l =
		ivs_res_get_ids(ivs_project_list(p, IVS_KIND_CHAT_ROOM)->v[0], IVS_CHAT_ROOM_LOGGING);
	assert_non_null(l);
	assert_int_equal(l->n, 4);
	assert_string_equal(l->v[1], "x: y");
	assert_string_equal(l->v[3], "123");
	/* an empty list is kept as given */
	l = ivs_res_get_ids(ivs_project_list(p, IVS_KIND_CHAT_ROOM)->v[1], IVS_CHAT_ROOM_LOGGING);
	assert_non_null(l);
	assert_int_equal(l->n, 0);
	char *s = save(p);
	assert_string_equal(s, text);
	free(s);
	ivs_project_free(p);
}

/* ---- random designs ---- */

static uint64_t rng;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static size_t pick(size_t n)
{
	return (size_t)(next() % n);
}

static bool chance(unsigned percent)
{
	return pick(100) < percent;
}

static const char *const pieces[] = {
	"a", "Z", "0", "9", " ", ":", ": ", " #", "#", "'", "\"", "-", "- ", "?", "[", "]", "{", "}",
	",", "&", "*", "!", "|", ">", "%", "@", "`", "\\", "\t", "\n", "\r", "\xc3\xa9", "\xe6\x97\xa5\xe6\x9c\xac",
	"\xf0\x9f\x98\x80", "\xc2\x85", "\xe2\x80\xa8", "\xef\xbb\xbf", "null", "Null", "~", "true", "False",
	"yes", "NO", "on", "123", "-4.5", "0x1F", "1e3", ".5", ".inf", "<<", "=", "---", "...", "word",
	"two words", "  ", "\x7f", "\x01",
	/* longer than libyaml's simple keys (128): a tag key becomes "? key" */
	"a-long-value-a-long-value-a-long-value-a-long-value-a-long-value-a-long-value-"
	"a-long-value-a-long-value-a-long-value-a-long-value-a-long-value-"};

static char *rand_string(void)
{
	struct ivs_buf b;
	ivs_buf_init(&b);
	ivs_buf_add(&b, "", 0);
	size_t n = pick(7);
	for (size_t i = 0; i < n; i++)
		ivs_buf_puts(&b, pieces[pick(IVS_ARRAY_LEN(pieces))]);
	return ivs_buf_steal(&b);
}

static char *rand_text(void)
{
	static const char *const lines[] = {"-----BEGIN PUBLIC KEY-----", "MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE",
	                                    "", "  indented", "# not a comment", "- dash", "key: value",
	                                    "trailing ", "\xc3\xa9t\xc3\xa9", "-----END PUBLIC KEY-----"};
	struct ivs_buf b;
	ivs_buf_init(&b);
	ivs_buf_add(&b, "", 0);
	size_t n = 1 + pick(5);
	for (size_t i = 0; i < n; i++) {
		if (i)
			ivs_buf_putc(&b, '\n');
		ivs_buf_puts(&b, lines[pick(IVS_ARRAY_LEN(lines))]);
	}
	size_t tail = pick(4);
	for (size_t i = 0; i < tail; i++)
		ivs_buf_putc(&b, '\n');
	return ivs_buf_steal(&b);
}

static void rand_tags(struct ivs_project *p, struct ivs_res *r)
{
	struct ivs_tags t = {0};
	size_t n = pick(6);
	for (size_t i = 0; i < n; i++) {
		char *k = rand_string(), *v = rand_string();
		ivs_tags_put(&t, k, v);
		free(k);
		free(v);
	}
	assert_int_equal(ivs_edit_set_tags(p, r, &t), 0);
	ivs_tags_free(&t);
}

/* Sets each field of r, or not, to a random value of its type. */
static void rand_fields(struct ivs_project *p, struct ivs_res *r)
{
	static const long ints[] = {0, 1, -1, 30, 60, 61, 300, 301, LONG_MAX, LONG_MIN, 123456789};
	const struct ivs_kind_info *ki = ivs_res_info(r);
	for (int i = 0; i < ki->nfields; i++) {
		const struct ivs_field *f = &ki->fields[i];
		if (!chance(50))
			continue;
		switch (f->type) {
		case IVS_FT_STRING: case IVS_FT_REF: {
			char *s = rand_string();
			assert_int_equal(ivs_edit_set_str(p, r, i, s), 0);
			free(s);
			break;
		}
		case IVS_FT_TEXT: {
			char *s = chance(80) ? rand_text() : rand_string();
			assert_int_equal(ivs_edit_set_str(p, r, i, s), 0);
			free(s);
			break;
		}
		case IVS_FT_ENUM:
			assert_int_equal(ivs_edit_set_enum(p, r, i, (int)pick(ivs_choice_count(f->choices))), 0);
			break;
		case IVS_FT_BOOL:
			assert_int_equal(ivs_edit_set_bool(p, r, i, chance(50)), 0);
			break;
		case IVS_FT_INT:
			assert_int_equal(ivs_edit_set_int(p, r, i, ints[pick(IVS_ARRAY_LEN(ints))]), 0);
			break;
		case IVS_FT_ENUM_LIST: {
			struct ivs_enum_list l = {0};
			l.n = (uint8_t)pick(6);
			for (size_t j = 0; j < l.n; j++)
				l.v[j] = (uint8_t)pick(ivs_choice_count(f->choices));
			assert_int_equal(ivs_edit_set_list(p, r, i, &l), 0);
			break;
		}
		case IVS_FT_NUMBER: {
			/* held as canonical text: "29.970" and "2.997e1" load as "29.97" */
			static const char *const nums[] = {"30", "29.97", "29.970", "2.997e1", "0.5", "-2",
			                                   "23.976", "60", "1e3", "0", "59.94"};
			assert_int_equal(ivs_edit_set_str(p, r, i, nums[pick(IVS_ARRAY_LEN(nums))]), 0);
			break;
		}
		case IVS_FT_STRING_LIST: {
			/* one-line, non-empty items joined by line feeds */
			struct ivs_buf b;
			size_t n = chance(10) ? 0 : 1 + pick(4);   /* 0: [], kept */
			ivs_buf_init(&b);
			ivs_buf_puts(&b, "");
			for (size_t j = 0; j < n; j++) {
				char *item = rand_string();
				for (char *c = item; *c; c++)
					if (*c == '\n' || *c == '\r')
						*c = ' ';
				ivs_buf_printf(&b, "%s%s", j ? "\n" : "", *item ? item : "US");
				free(item);
			}
			assert_int_equal(ivs_edit_set_str(p, r, i, b.data), 0);
			ivs_buf_free(&b);
			break;
		}
		case IVS_FT_REF_LIST: {
			struct ivs_idlist l = {0};
			size_t n = pick(5);
			for (size_t j = 0; j < n; j++) {
				char *id = rand_string();
				ivs_idlist_push(&l, id);
				free(id);
			}
			assert_int_equal(ivs_edit_set_ids(p, r, i, &l), 0);
			ivs_idlist_free(&l);
			break;
		}
		case IVS_FT_TAGS:
			rand_tags(p, r);
			break;
		case IVS_FT_GROUP:
			assert_int_equal(ivs_edit_set_group(p, r, i), 0);
			break;
		case IVS_FT_CHILDREN: {
			size_t n = chance(20) ? 3 + pick(30) : pick(3);
			for (size_t j = 0; j < n; j++) {
				char *id = rand_string();
				struct ivs_res *k = ivs_edit_add(p, f->ref, r, id, SIZE_MAX);
				free(id);
				assert_non_null(k);
				rand_fields(p, k);
			}
			break;
		}
		case IVS_FT_ID:
			break;
		}
	}
}

static struct ivs_project *rand_project(void)
{
	struct ivs_project *p = ivs_project_new();
	rand_fields(p, &ivs_project_stack(p)->r);
	for (size_t k = 0; k < IVS_ARRAY_LEN(ivs_top_kinds); k++) {
		size_t n = pick(5);
		for (size_t i = 0; i < n; i++) {
			char *id = rand_string();
			struct ivs_res *r = ivs_edit_add(p, ivs_top_kinds[k], NULL, id, SIZE_MAX);
			free(id);
			assert_non_null(r);
			rand_fields(p, r);
		}
	}
	return p;
}

static void test_random_designs(void **state)
{
	static const uint64_t seeds[] = {1, 42, 0x9E3779B97F4A7C15ull, 20261126};
	size_t bytes = 0;
	(void)state;
	for (size_t s = 0; s < IVS_ARRAY_LEN(seeds); s++) {
		rng = seeds[s];
		for (int i = 0; i < 100; i++) {
			struct ivs_project *p = rand_project();
			bytes += check_roundtrip(p);
			ivs_project_free(p);
		}
	}
	/* The designs were not trivially empty. */
	assert_true(bytes > 400 * 200);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_files),
		cmocka_unit_test(test_canonical_fixed_point),
		cmocka_unit_test(test_canonical_chat_outputs),
		cmocka_unit_test(test_random_designs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
