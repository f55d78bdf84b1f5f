/* test_golden.c: every design in tests/conformance (templates the CDK made)
 * and tests/golden (templates of tests/golden/make-expected.py, a model of
 * synthesis.md written apart from this code) is loaded, validated (no
 * errors allowed), exported and compared with its NAME.expected.json, the
 * CDK's Parameters and Rules left out. The JSON text must read back as the
 * same tree, and so must the YAML text, read with libyaml. */
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "ivs/export.h"
#include "ivs/fsutil.h"
#include "ivs/validate.h"
#include "ivs/yamlio.h"

/* ---- YAML text back into a cJSON tree (plain scalars resolved as the
 * YAML core schema does for what a template holds) ---- */

static cJSON *plain_scalar(const char *s)
{
	if (strcmp(s, "true") == 0)
		return cJSON_CreateTrue();
	if (strcmp(s, "false") == 0)
		return cJSON_CreateFalse();
	if (strcmp(s, "null") == 0 || strcmp(s, "~") == 0)
		return cJSON_CreateNull();
	char *end;
	long v = strtol(s, &end, 10);
	if (*s && !*end)
		return cJSON_CreateNumber((double)v);
	/* a float of the core schema (an encoder's Framerate: 29.97) */
	double d = strtod(s, &end);
	if (*s && !*end && strspn(s, "0123456789.-+eE") == strlen(s))
		return cJSON_CreateNumber(d);
	return cJSON_CreateString(s);
}

static cJSON *yaml_node(yaml_parser_t *ps, yaml_event_t *ev);

static cJSON *yaml_next(yaml_parser_t *ps)
{
	yaml_event_t ev;
	if (!yaml_parser_parse(ps, &ev))
		return NULL;
	cJSON *n = yaml_node(ps, &ev);
	yaml_event_delete(&ev);
	return n;
}

/* ev is a node's first event; consumes the rest of the node. */
static cJSON *yaml_node(yaml_parser_t *ps, yaml_event_t *ev)
{
	yaml_event_t e;
	cJSON *n;

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
			return plain_scalar((const char *)ev->data.scalar.value);
		return cJSON_CreateString((const char *)ev->data.scalar.value);
	case YAML_SEQUENCE_START_EVENT:
		n = cJSON_CreateArray();
		for (;;) {
			if (!yaml_parser_parse(ps, &e))
				break;
			if (e.type == YAML_SEQUENCE_END_EVENT) {
				yaml_event_delete(&e);
				return n;
			}
			cJSON_AddItemToArray(n, yaml_node(ps, &e));
			yaml_event_delete(&e);
		}
		cJSON_Delete(n);
		return NULL;
	case YAML_MAPPING_START_EVENT:
		n = cJSON_CreateObject();
		for (;;) {
			if (!yaml_parser_parse(ps, &e))
				break;
			if (e.type == YAML_MAPPING_END_EVENT) {
				yaml_event_delete(&e);
				return n;
			}
			if (e.type != YAML_SCALAR_EVENT) {
				yaml_event_delete(&e);
				break;
			}
			char *key = ivs_xstrdup((const char *)e.data.scalar.value);
			yaml_event_delete(&e);
			cJSON_AddItemToObject(n, key, yaml_next(ps));
			free(key);
		}
		cJSON_Delete(n);
		return NULL;
	default:
		return NULL;
	}
}

static cJSON *yaml_to_json(const char *text)
{
	yaml_parser_t ps;
	yaml_event_t ev;
	cJSON *root = NULL;

	assert_true(yaml_parser_initialize(&ps));
	yaml_parser_set_input_string(&ps, (const unsigned char *)text, strlen(text));
	while (yaml_parser_parse(&ps, &ev)) {
		yaml_event_type_t t = ev.type;
		if (t == YAML_MAPPING_START_EVENT && !root)
			root = yaml_node(&ps, &ev);
		yaml_event_delete(&ev);
		if (t == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&ps);
	return root;
}

/* ---- one design ---- */

static char *text_of(const cJSON *t, enum ivs_export_format fmt)
{
	struct ivs_buf b;
	ivs_buf_init(&b);
	ivs_export_write(t, fmt, &b);
	return ivs_buf_steal(&b);
}

static void check_design(const char *dir, const char *yaml_name)
{
	char *path = ivs_xasprintf("%s/%s", dir, yaml_name);
	char *expect_path = ivs_xasprintf("%s/%.*s.expected.json", dir,
	                                  (int)(strlen(yaml_name) - 5), yaml_name);
	struct ivs_diags d;
	char *err = NULL;
	size_t len;

	ivs_diags_init(&d);
	struct ivs_project *p = ivs_load_file(path, &d);
	if (!p) {
		ivs_diags_print(stderr, path, &d);
		fail_msg("%s does not load", path);
	}
	ivs_validate_all(p);
	ivs_validate_collect(p, &d);
	if (d.errors) {
		ivs_diags_print(stderr, path, &d);
		fail_msg("%s has errors", path);
	}

	char *expect_text = ivs_read_file(expect_path, 1u << 24, &len, &err);
	if (!expect_text)
		fail_msg("%s", err);
	cJSON *expect = cJSON_Parse(expect_text);
	assert_non_null(expect);
	cJSON_DeleteItemFromObjectCaseSensitive(expect, "Parameters");
	cJSON_DeleteItemFromObjectCaseSensitive(expect, "Rules");

	cJSON *t = ivs_export_template(p);
	char *json = text_of(t, IVS_EXPORT_JSON);
	if (!cJSON_Compare(t, expect, 1))
		fail_msg("%s: the export differs from %s; it is:\n%s", path, expect_path, json);

	cJSON *back = cJSON_Parse(json);
	if (!cJSON_Compare(back, t, 1))
		fail_msg("%s: the JSON text does not read back as the template", path);

	char *yaml = text_of(t, IVS_EXPORT_YAML);
	cJSON *yback = yaml_to_json(yaml);
	if (!cJSON_Compare(yback, t, 1))
		fail_msg("%s: the YAML text does not read back as the template:\n%s", path, yaml);

	cJSON_Delete(yback);
	free(yaml);
	cJSON_Delete(back);
	free(json);
	cJSON_Delete(t);
	cJSON_Delete(expect);
	free(expect_text);
	ivs_project_free(p);
	ivs_diags_free(&d);
	free(path);
	free(expect_path);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Checks every NAME.yaml of dir that has a NAME.expected.json; returns how
 * many. bad-*.yaml designs (refused) are the CLI test's. */
static size_t check_dir(const char *sub)
{
	char *dir = ivs_xasprintf("%s/%s", test_dir(), sub);
	DIR *dp = opendir(dir);
	char **names = NULL;
	size_t n = 0;
	struct dirent *de;

	if (!dp)
		fail_msg("cannot open %s", dir);
	while ((de = readdir(dp))) {
		size_t l = strlen(de->d_name);
		if (l > 5 && strcmp(de->d_name + l - 5, ".yaml") == 0 &&
		    strncmp(de->d_name, "bad-", 4) != 0) {
			names = ivs_xrealloc(names, (n + 1) * sizeof *names);
			names[n++] = ivs_xstrdup(de->d_name);
		}
	}
	closedir(dp);
	qsort(names, n, sizeof *names, name_cmp);
	for (size_t i = 0; i < n; i++) {
		check_design(dir, names[i]);
		free(names[i]);
	}
	free(names);
	free(dir);
	return n;
}

static void test_conformance(void **state)
{
	(void)state;
	/* the 25 designs the CDK synthesized (13 seeds, the public keys, 11 kinds of issue 10) */
	assert_int_equal(check_dir("conformance"), 25);
}

static void test_golden(void **state)
{
	(void)state;
	assert_true(check_dir("golden") >= 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conformance),
		cmocka_unit_test(test_golden),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
