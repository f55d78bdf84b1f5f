/* test_import.c: import (issue 14). The guarantee: for every design of
 * tests/conformance (templates the CDK made) and tests/golden, the
 * template T (NAME.expected.json, with the CDK's bootstrap parts) imported
 * and exported again is T, read as JSON and as YAML, with and without the
 * CDK's aws:cdk:path metadata; with the metadata every id comes back as the
 * design's. Id recovery from logical ids alone; the exporter's own changes
 * undone; what cannot be held said. */
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "ivs/cdkid.h"
#include "ivs/export.h"
#include "ivs/fsutil.h"
#include "ivs/import.h"
#include "ivs/template.h"
#include "ivs/validate.h"
#include "ivs/yamlio.h"

static bool has_logical_id_row(void)
{
	return ivs_field_find(IVS_KIND_CHANNEL, -1, "logical_id") >= 0;
}

/* Imports text; returns the result (caller frees) with d filled. */
static void import_text(const char *name, const char *text, const char *stack,
                        struct ivs_import_result *res, struct ivs_diags *d)
{
	struct ivs_template *t = ivs_template_parse(name, text, strlen(text), d);
	if (!t) {
		ivs_diags_print(stderr, name, d);
		fail_msg("%s: the template does not parse", name);
	}
	struct ivs_import_opts o = {.stack_name = stack};
	ivs_import(t, &o, res, d);
	ivs_template_free(t);
}

/* Every error of d is about a logical id that needs the logical_id row. */
static bool only_logical_id_errors(const struct ivs_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].sev == IVS_SEV_ERROR && !strstr(d->v[i].msg, "which no id of a"))
			return false;
	return d->errors > 0;
}

/* export(import(text)) == expect; *p gets the imported project. */
static void round_trip(const char *what, const char *text, const cJSON *expect, bool need_exact,
                       struct ivs_project **p)
{
	struct ivs_diags d;
	struct ivs_import_result res;
	ivs_diags_init(&d);
	import_text(what, text, NULL, &res, &d);
	assert_false(res.trouble);
	assert_non_null(res.p);
	if (d.errors && !need_exact && !has_logical_id_row() && only_logical_id_errors(&d)) {
		/* ids only logical_id can keep: exact once the kinds have it */
	} else {
		if (d.n) {
			ivs_diags_print(stderr, what, &d);
			fail_msg("%s: import reported problems", what);
		}
		cJSON *back = ivs_export_template(res.p);
		char *where = NULL;
		if (!ivs_import_same(back, expect, &where)) {
			char *s = cJSON_Print(back);
			fail_msg("%s: export(import(T)) differs from T at %s:\n%s", what, where, s);
		}
		cJSON_Delete(back);
		/* the project is valid and saves and loads as itself */
		ivs_validate_all(res.p);
		struct ivs_diags vd;
		ivs_diags_init(&vd);
		ivs_validate_collect(res.p, &vd);
		if (vd.errors) {
			ivs_diags_print(stderr, what, &vd);
			fail_msg("%s: the imported project has errors", what);
		}
		ivs_diags_free(&vd);
	}
	*p = res.p;
	res.p = NULL;
	ivs_import_result_free(&res);
	ivs_diags_free(&d);
}

/* The construct path of an entry, as the CDK's aws:cdk:path says it. */
static char *cdk_path(const struct ivs_project *p, const struct ivs_res *r)
{
	const char *stack = ivs_project_stack(p)->name;
	char *id = ivs_cdk_sanitize_id(r->id), *out;
	const struct ivs_kind_info *ki = ivs_res_info(r);
	if (ki->path == IVS_PATH_L1) {
		out = ivs_xasprintf("%s/%s", stack, id);
	} else if (r->parent) {
		char *pid = ivs_cdk_sanitize_id(r->parent->id);
		out = ivs_xasprintf("%s/%s/%s/Resource", stack, pid, id);
		free(pid);
	} else {
		out = ivs_xasprintf("%s/%s/Resource", stack, id);
	}
	free(id);
	return out;
}

/* Adds Metadata {"aws:cdk:path": ...} to each resource of t made by an
 * entry of p. */
static void add_metadata(cJSON *t, const struct ivs_project *p)
{
	cJSON *resources = cJSON_GetObjectItemCaseSensitive(t, "Resources");
	for (size_t k = 0; k < IVS_TOP_KIND_COUNT; k++) {
		const struct ivs_list *l = ivs_project_list(p, ivs_top_kinds[k]);
		if (!ivs_kind_info(ivs_top_kinds[k])->cfn_type)
			continue;   /* outputs: no resource */
		for (size_t i = 0; i < l->n; i++) {
			const struct ivs_res *e[64];
			size_t ne = 0;
			e[ne++] = l->v[i];
			const struct ivs_list *kids = ivs_res_children(l->v[i]);
			for (size_t j = 0; kids && j < kids->n && ne < 64; j++)
				e[ne++] = kids->v[j];
			for (size_t j = 0; j < ne; j++) {
				char *lid = ivs_export_logical_id(e[j]);
				if (!e[j]->parent && ivs_res_imported(e[j])) {
					free(lid);
					continue;
				}
				if (!lid && e[j]->parent) {   /* a key of an imported channel */
					char *t1 = ivs_cdk_sanitize_id(e[j]->parent->id);
					char *t2 = ivs_cdk_sanitize_id(e[j]->id);
					const char *path[3] = {t1, t2, "Resource"};
					lid = ivs_cdk_logical_id(path, 3);
					free(t1);
					free(t2);
				}
				cJSON *res = cJSON_GetObjectItemCaseSensitive(resources, lid);
				assert_non_null(res);
				cJSON *m = cJSON_AddObjectToObject(res, "Metadata");
				char *path = cdk_path(p, e[j]);
				cJSON_AddStringToObject(m, "aws:cdk:path", path);
				free(path);
				free(lid);
			}
		}
	}
}

/* Every entry of want is in got under the same construct id, same kind. */
static void same_ids(const char *what, const struct ivs_project *want,
                     const struct ivs_project *got)
{
	for (size_t k = 0; k < IVS_TOP_KIND_COUNT; k++) {
		const struct ivs_list *l = ivs_project_list(want, ivs_top_kinds[k]);
		const struct ivs_list *g = ivs_project_list(got, ivs_top_kinds[k]);
		for (size_t i = 0; i < l->n; i++) {
			const struct ivs_res *w = l->v[i], *found = NULL;
			if (ivs_res_imported(w) && !ivs_res_children(w))
				continue;   /* an imported bucket has no resource, so no path */
			if (ivs_res_imported(w) && !ivs_res_children(w)->n)
				continue;
			for (size_t j = 0; j < g->n && !found; j++)
				if (ivs_cdk_same_id(g->v[j]->id, w->id))
					found = g->v[j];
			if (!found)
				fail_msg("%s: %s '%s' did not come back", what, ivs_res_info(w)->name, w->id);
			const struct ivs_list *wk = ivs_res_children(w), *gk = ivs_res_children(found);
			for (size_t j = 0; wk && j < wk->n; j++) {
				bool ok = false;
				for (size_t m = 0; gk && m < gk->n && !ok; m++)
					ok = ivs_cdk_same_id(gk->v[m]->id, wk->v[j]->id);
				if (!ok)
					fail_msg("%s: stream key '%s' of '%s' did not come back", what,
					         wk->v[j]->id, w->id);
			}
		}
	}
	assert_string_equal(ivs_project_stack(got)->name, ivs_project_stack(want)->name);
}

static char *yaml_text(const cJSON *t)
{
	struct ivs_buf b;
	ivs_buf_init(&b);
	ivs_export_write(t, IVS_EXPORT_YAML, &b);
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
	struct ivs_project *p0 = ivs_load_file(path, &d);
	assert_non_null(p0);
	char *text = ivs_read_file(expect_path, 1u << 24, &len, &err);
	if (!text)
		fail_msg("%s", err);
	cJSON *t = cJSON_Parse(text);
	assert_non_null(t);

	struct ivs_project *p = NULL;
	/* JSON, no metadata */
	round_trip(expect_path, text, t, false, &p);
	ivs_project_free(p);
	/* YAML, no metadata */
	char *y = yaml_text(t);
	char *yname = ivs_xasprintf("%s (as YAML)", expect_path);
	round_trip(yname, y, t, false, &p);
	ivs_project_free(p);
	/* with aws:cdk:path: exact, and every id as the design's */
	cJSON *tm = cJSON_Duplicate(t, true);
	add_metadata(tm, p0);
	char *jm = cJSON_Print(tm);
	char *mname = ivs_xasprintf("%s (with metadata)", expect_path);
	round_trip(mname, jm, t, true, &p);
	if (cJSON_GetObjectItemCaseSensitive(t, "Resources"))
		same_ids(mname, p0, p);
	ivs_project_free(p);
	char *ym = yaml_text(tm);
	char *ymname = ivs_xasprintf("%s (YAML with metadata)", expect_path);
	round_trip(ymname, ym, t, true, &p);
	ivs_project_free(p);

	free(ymname);
	free(ym);
	free(mname);
	free(jm);
	cJSON_Delete(tm);
	free(yname);
	free(y);
	cJSON_Delete(t);
	free(text);
	ivs_project_free(p0);
	ivs_diags_free(&d);
	free(path);
	free(expect_path);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

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

static void test_round_trip_conformance(void **state)
{
	(void)state;
	assert_true(check_dir("conformance") >= 14);
}

static void test_round_trip_golden(void **state)
{
	(void)state;
	assert_true(check_dir("golden") >= 9);
}

/* ---- id recovery ---- */

static char *lid2(const char *a, const char *b)
{
	const char *path[2] = {a, b};
	return ivs_cdk_logical_id(path, 2);
}

static char *lid3(const char *a, const char *b, const char *c)
{
	const char *path[3] = {a, b, c};
	return ivs_cdk_logical_id(path, 3);
}

static void expect_top(const char *id, const char *want)
{
	char *lid = lid2(id, "Resource");
	char *got = ivs_import_recover_id(IVS_KIND_CHANNEL, NULL, lid);
	if (want) {
		if (!got || strcmp(got, want))
			fail_msg("channel '%s' (logical id %s): recovered '%s', want '%s'", id, lid,
			         got ? got : "(none)", want);
	} else if (got) {
		/* a different id that gives the same logical id is as good */
		char *again = lid2(got, "Resource");
		assert_string_equal(again, lid);
		free(again);
	}
	free(got);
	free(lid);
}

static void test_recover_top(void **state)
{
	(void)state;
	char *lid = lid2("Main", "Resource");
	assert_string_equal(lid, "Main54E5BC70");   /* the example */
	free(lid);
	expect_top("Main", "Main");
	expect_top("Channel2", "Channel2");
	expect_top("Default", "Default");    /* logical id "Resource" */
	expect_top("Resource", "Resource");  /* human part empty */
	/* characters the logical id drops: not recoverable from it alone */
	expect_top("my channel", NULL);
	expect_top("key #1", NULL);
	expect_top("my-channel.v2", NULL);
	expect_top("Kanal\xc3\xbc", NULL);
	/* 240 characters of human part at most */
	char id[301];
	memset(id, 'a', 300);
	id[300] = '\0';
	expect_top(id, NULL);
	id[240] = '\0';
	expect_top(id, id);
	/* not a CDK logical id */
	assert_null(ivs_import_recover_id(IVS_KIND_CHANNEL, NULL, "IVSChannel00abc123"));
	assert_null(ivs_import_recover_id(IVS_KIND_CHANNEL, NULL, "Main54E5BC71"));
	/* L1: the logical id itself when it has only letters and digits */
	char *l1 = ivs_import_recover_id(IVS_KIND_PUBLIC_KEY, NULL, "StageKey");
	assert_string_equal(l1, "StageKey");
	free(l1);
	assert_null(ivs_import_recover_id(IVS_KIND_PUBLIC_KEY, NULL, "Stage-Key"));
}

static void expect_child(const char *parent, const char *id, const char *want)
{
	char *lid = lid3(parent, id, "Resource");
	char *got = ivs_import_recover_id(IVS_KIND_STREAM_KEY, parent, lid);
	if (!want ? got != NULL : !got || strcmp(got, want))
		fail_msg("key '%s' of '%s' (logical id %s): recovered '%s', want '%s'", id, parent,
		         lid, got ? got : "(none)", want ? want : "(none)");
	free(got);
	if (want && !strchr(parent, ' ')) {
		/* from the logical id alone, when no character was dropped */
		char *p = NULL, *k = NULL;
		assert_true(ivs_import_recover_pair(lid, &p, &k));
		char *again = lid3(p, k, "Resource");
		assert_string_equal(again, lid);
		free(again);
		free(p);
		free(k);
	}
	free(lid);
}

static void test_recover_child(void **state)
{
	(void)state;
	expect_child("Main", "StreamKey", "StreamKey");
	expect_child("Key", "Key", "Key");                 /* Key/Key: one in the human part */
	expect_child("StreamKey", "StreamKey", "StreamKey");
	expect_child("Imported", "Default", "Default");    /* Default is dropped */
	expect_child("Default", "Key", "Key");
	expect_child("Main", "key #1", NULL);
	expect_child("my channel", "Key", "Key");   /* the parent id is known */
	/* the pair from the logical id alone (an imported channel's key) */
	char *lid = lid3("Channel", "StreamKey", "Resource"), *p, *k;
	assert_string_equal(lid, "ChannelStreamKey60BDC2BE");
	assert_true(ivs_import_recover_pair(lid, &p, &k));
	assert_string_equal(p, "Channel");
	assert_string_equal(k, "StreamKey");
	free(p);
	free(k);
	free(lid);
	assert_false(ivs_import_recover_pair("ChannelStreamKey60BDC2BF", &p, &k));
	assert_null(p);
}

/* ---- values ---- */

static struct ivs_project *imp(const char *text, struct ivs_diags *d)
{
	struct ivs_import_result res;
	import_text("t.yaml", text, NULL, &res, d);
	struct ivs_project *p = res.p;
	res.p = NULL;
	ivs_import_result_free(&res);
	return p;
}

static void test_channel_values(void **state)
{
	(void)state;
	struct ivs_diags d;
	ivs_diags_init(&d);
	/* stack name from the generated channel name; Preset "" with STANDARD;
	 * automatic FRAGMENTED_MP4; Enabled dropped; shared tags fold */
	char *lid = lid2("Main", "Resource");
	const char *path[2] = {"live-stack", "Main"};
	char *name = ivs_cdk_unique_name(path, 2, 128);
	char *klid = lid3("Main", "Key", "Resource");
	char *text = ivs_xasprintf(
		"Resources:\n"
		"  %s:\n"
		"    Type: AWS::IVS::Channel\n"
		"    Properties:\n"
		"      Name: %s\n"
		"      Type: STANDARD\n"
		"      Preset: ''\n"
		"      ContainerFormat: FRAGMENTED_MP4\n"
		"      MultitrackInputConfiguration: {Enabled: true, MaximumResolution: HD, Policy: ALLOW}\n"
		"      Tags: [{Key: team, Value: live}]\n"
		"  %s:\n"
		"    Type: AWS::IVS::StreamKey\n"
		"    Properties:\n"
		"      ChannelArn: !GetAtt %s.Arn\n"
		"      Tags: [{Key: team, Value: live}, {Key: obs, Value: '1'}]\n",
		lid, name, klid, lid);
	struct ivs_project *p = imp(text, &d);
	if (d.n)
		ivs_diags_print(stderr, "t.yaml", &d);
	assert_int_equal(d.n, 0);
	assert_string_equal(ivs_project_stack(p)->name, "live-stack");
	const struct ivs_res *c = ivs_project_find_kind(p, IVS_KIND_CHANNEL, "Main");
	assert_non_null(c);
	assert_false(ivs_res_is_set(c, IVS_CHANNEL_NAME));
	assert_true(ivs_res_is_set(c, IVS_CHANNEL_PRESET));
	assert_false(ivs_res_is_set(c, IVS_CHANNEL_CONTAINER_FORMAT));
	assert_true(ivs_res_is_set(c, IVS_CHANNEL_MULTITRACK));
	assert_int_equal(c->tags.n, 1);
	const struct ivs_res *k = ivs_res_children(c)->v[0];
	assert_string_equal(k->id, "Key");
	assert_int_equal(k->tags.n, 1);
	assert_string_equal(k->tags.v[0].key, "obs");
	ivs_project_free(p);
	free(text);
	ivs_diags_clear(&d);

	/* a name that is not the generated one stays; a bucket's Delete */
	text = ivs_xasprintf("Resources:\n"
	                     "  %s:\n"
	                     "    Type: AWS::IVS::Channel\n"
	                     "    Properties: {Name: my-name}\n"
	                     "  Bucket83908E77:\n"
	                     "    Type: AWS::S3::Bucket\n"
	                     "    DeletionPolicy: Delete\n"
	                     "    UpdateReplacePolicy: Delete\n",
	                     lid);
	p = imp(text, &d);
	assert_int_equal(d.n, 0);
	c = ivs_project_find_kind(p, IVS_KIND_CHANNEL, "Main");
	assert_string_equal(ivs_res_get_str(c, IVS_CHANNEL_NAME), "my-name");
	const struct ivs_res *b = ivs_project_find_kind(p, IVS_KIND_BUCKET, "Bucket");
	assert_non_null(b);
	assert_int_equal(ivs_res_get_num(b, IVS_BUCKET_REMOVAL_POLICY), IVS_REMOVAL_DESTROY);
	ivs_project_free(p);
	free(text);
	ivs_diags_clear(&d);

	free(klid);
	free(name);
	free(lid);
	ivs_diags_free(&d);
}

/* A template of things a project cannot hold: each said, with its path. */
static void test_left_out(void **state)
{
	(void)state;
	struct ivs_diags d;
	struct ivs_import_result res;
	ivs_diags_init(&d);
	import_text("t.yaml",
	            "Parameters:\n"
	            "  Env: {Type: String}\n"
	            "Resources:\n"
	            "  Main54E5BC70:\n"
	            "    Type: AWS::IVS::Channel\n"
	            "    Properties:\n"
	            "      Name: !Sub '${Env}-main'\n"
	            "      Type: !Ref Env\n"
	            "  Queue:\n"
	            "    Type: AWS::SQS::Queue\n",
	            NULL, &res, &d);
	assert_non_null(res.p);
	assert_int_equal(d.errors, 2);
	assert_int_equal(d.warnings, 2);
	assert_int_equal(res.nleft_out, 4);
	bool sub = false, ref = false, queue = false, param = false;
	for (size_t i = 0; i < res.nleft_out; i++) {
		sub |= !strcmp(res.left_out[i], "Resources.Main54E5BC70.Properties.Name: Fn::Sub with a parameter");
		ref |= !strcmp(res.left_out[i], "Resources.Main54E5BC70.Properties.Type: Ref to the parameter Env");
		queue |= !strcmp(res.left_out[i], "Resources.Queue: AWS::SQS::Queue Queue");
		param |= !strcmp(res.left_out[i], "Parameters.Env: the parameter Env");
	}
	assert_true(sub && ref && queue && param);
	struct ivs_buf b;
	ivs_buf_init(&b);
	ivs_import_text(&res, "t.yaml", &b);
	assert_non_null(strstr(b.data, "# - Resources.Main54E5BC70.Properties.Name: Fn::Sub with a parameter\n"));
	/* the commented project loads */
	struct ivs_diags ld;
	ivs_diags_init(&ld);
	struct ivs_project *p = ivs_load_buffer("p.yaml", b.data, b.len, &ld);
	assert_non_null(p);
	assert_non_null(ivs_project_find_kind(p, IVS_KIND_CHANNEL, "Main"));
	ivs_project_free(p);
	ivs_diags_free(&ld);
	ivs_buf_free(&b);
	ivs_import_result_free(&res);
	ivs_diags_clear(&d);

	/* what YAML cannot print, or reads as a line break, is escaped in the
	 * comment, so the project still loads */
	import_text("t.json",
	            "{\"Parameters\": {\"A\\u2028B\\u0007C\\u0085D\": {\"Type\": \"String\"}},"
	            " \"Resources\": {\"Main54E5BC70\": {\"Type\": \"AWS::IVS::Channel\","
	            " \"Properties\": {\"Name\": \"m\"}}}}",
	            NULL, &res, &d);
	assert_non_null(res.p);
	ivs_buf_init(&b);
	ivs_import_text(&res, "t\njson", &b);
	assert_non_null(strstr(b.data, "# - Parameters.A\\u2028B\\x07C\\x85D: the parameter"));
	assert_non_null(strstr(b.data, "# Imported from t\\x0Ajson by"));
	ivs_diags_init(&ld);
	p = ivs_load_buffer("p.yaml", b.data, b.len, &ld);
	assert_non_null(p);
	ivs_project_free(p);
	ivs_diags_free(&ld);
	ivs_buf_free(&b);
	ivs_import_result_free(&res);
	ivs_diags_free(&d);
}

/* A template in the style of CloudFormation's IaC generator: foreign
 * logical ids, every property explicit, Retain policies on everything,
 * literal ARNs and bucket names, tags in no particular order. Exact once
 * every kind has logical_id and removal_policy (l1a); until then, only
 * those are said. */
static const char iac_template[] =
	"{\n"
	" \"AWSTemplateFormatVersion\": \"2010-09-09\",\n"
	" \"Description\": \"Generated from the console\",\n"
	" \"Resources\": {\n"
	"  \"IVSChannel00abc123\": {\n"
	"   \"UpdateReplacePolicy\": \"Retain\", \"DeletionPolicy\": \"Retain\",\n"
	"   \"Type\": \"AWS::IVS::Channel\",\n"
	"   \"Properties\": {\n"
	"    \"Name\": \"main\", \"Type\": \"STANDARD\", \"LatencyMode\": \"LOW\",\n"
	"    \"Preset\": \"\", \"Authorized\": false, \"InsecureIngest\": false,\n"
	"    \"ContainerFormat\": \"TS\",\n"
	"    \"RecordingConfigurationArn\": {\"Fn::GetAtt\": [\"IVSRecordingConfiguration00def456\", \"Arn\"]},\n"
	"    \"Tags\": [{\"Key\": \"team\", \"Value\": \"live\"}, {\"Key\": \"cost\", \"Value\": \"a\"}]\n"
	"   }\n"
	"  },\n"
	"  \"IVSRecordingConfiguration00def456\": {\n"
	"   \"UpdateReplacePolicy\": \"Retain\", \"DeletionPolicy\": \"Retain\",\n"
	"   \"Type\": \"AWS::IVS::RecordingConfiguration\",\n"
	"   \"Properties\": {\n"
	"    \"Name\": \"rec\",\n"
	"    \"DestinationConfiguration\": {\"S3\": {\"BucketName\": \"my-recordings\"}},\n"
	"    \"RecordingReconnectWindowSeconds\": 0,\n"
	"    \"ThumbnailConfiguration\": {\"RecordingMode\": \"INTERVAL\", \"TargetIntervalSeconds\": 60,\n"
	"      \"Resolution\": \"HD\", \"Storage\": [\"SEQUENTIAL\"]},\n"
	"    \"RenditionConfiguration\": {\"RenditionSelection\": \"ALL\"}\n"
	"   }\n"
	"  },\n"
	"  \"IVSStreamKey00aaa111\": {\n"
	"   \"UpdateReplacePolicy\": \"Retain\", \"DeletionPolicy\": \"Retain\",\n"
	"   \"Type\": \"AWS::IVS::StreamKey\",\n"
	"   \"Properties\": {\n"
	"    \"ChannelArn\": \"arn:aws:ivs:us-west-2:123456789012:channel/other\",\n"
	"    \"Tags\": [{\"Key\": \"b\", \"Value\": \"2\"}, {\"Key\": \"a\", \"Value\": \"1\"}]\n"
	"   }\n"
	"  }\n"
	" }\n"
	"}\n";

static void test_iac_generator_style(void **state)
{
	(void)state;
	struct ivs_diags d;
	struct ivs_import_result res;
	ivs_diags_init(&d);
	import_text("iac.json", iac_template, NULL, &res, &d);
	assert_non_null(res.p);
	bool kinds_ready = has_logical_id_row() &&
	                   ivs_field_find(IVS_KIND_CHANNEL, -1, "removal_policy") >= 0 &&
	                   ivs_field_find(IVS_KIND_STREAM_KEY, -1, "removal_policy") >= 0;
	if (kinds_ready) {
		if (d.n)
			ivs_diags_print(stderr, "iac.json", &d);
		assert_int_equal(d.n, 0);
		cJSON *t = cJSON_Parse(iac_template), *back = ivs_export_template(res.p);
		char *where = NULL;
		if (!ivs_import_same(back, t, &where))
			fail_msg("iac.json: differs at %s", where);
		cJSON_Delete(back);
		cJSON_Delete(t);
	} else {
		/* only what needs logical_id and removal_policy on every kind */
		assert_true(d.errors > 0);
		for (size_t i = 0; i < d.n; i++)
			if (!strstr(d.v[i].msg, "which no id of a") &&
			    !strstr(d.v[i].msg, "a deletion policy on a"))
				fail_msg("unexpected: %s", d.v[i].msg);
	}
	/* what does not depend on them: the imported bucket and channel, values */
	const struct ivs_project *p = res.p;
	const struct ivs_list *b = ivs_project_list(p, IVS_KIND_BUCKET);
	assert_int_equal(b->n, 1);
	assert_string_equal(ivs_res_get_str(b->v[0], IVS_BUCKET_FROM_NAME), "my-recordings");
	const struct ivs_list *c = ivs_project_list(p, IVS_KIND_CHANNEL);
	assert_int_equal(c->n, 2);
	const struct ivs_res *imported = NULL, *made = NULL;
	for (size_t i = 0; i < c->n; i++) {
		if (ivs_res_imported(c->v[i]))
			imported = c->v[i];
		else
			made = c->v[i];
	}
	assert_non_null(imported);
	assert_non_null(made);
	assert_string_equal(made->id, "IVSChannel00abc123");
	assert_string_equal(ivs_res_get_str(made, IVS_CHANNEL_NAME), "main");
	assert_true(ivs_res_is_set(made, IVS_CHANNEL_PRESET));
	assert_true(ivs_res_is_set(made, IVS_CHANNEL_CONTAINER_FORMAT));
	assert_int_equal(ivs_res_children(imported)->n, 1);
	assert_int_equal(ivs_res_children(imported)->v[0]->tags.n, 2);
	assert_string_equal(ivs_project_stack(p)->description, "Generated from the console");
	ivs_import_result_free(&res);
	ivs_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_recover_top),
		cmocka_unit_test(test_recover_child),
		cmocka_unit_test(test_channel_values),
		cmocka_unit_test(test_left_out),
		cmocka_unit_test(test_iac_generator_style),
		cmocka_unit_test(test_round_trip_conformance),
		cmocka_unit_test(test_round_trip_golden),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
