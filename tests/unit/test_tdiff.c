/* test_tdiff.c: the template comparison (tdiff.c), one test per rule, and
 * per kind: the create-only table against the registry schemas (copies in
 * tests/diff/cfn-schemas/), a create-only change and a removal for every
 * type of the table with its words, renames, references to replaced
 * resources, buckets, opaque intrinsics, outputs, Description, the CDK's
 * bootstrap additions, the JSON writer. */
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "ivs/fsutil.h"
#include "ivs/tdiff.h"

/* A template from JSON written with ' for " (readable in C). */
static cJSON *tmpl(const char *text)
{
	char *s = ivs_xstrdup(text);
	for (char *p = s; *p; p++)
		if (*p == '\'')
			*p = '"';
	cJSON *t = cJSON_Parse(s);
	if (!t)
		fail_msg("bad test template: %s", s);
	free(s);
	return t;
}

static struct ivs_tdiff *compare(const char *old_text, const char *new_text)
{
	cJSON *a = tmpl(old_text), *b = tmpl(new_text);
	struct ivs_tdiff *d = ivs_tdiff_compare(a, b);
	cJSON_Delete(a);
	cJSON_Delete(b);
	return d;
}

static const struct ivs_tdiff_res *res_of(const struct ivs_tdiff *d, const char *id)
{
	for (size_t i = 0; i < d->nres; i++)
		if (!strcmp(d->res[i].id, id))
			return &d->res[i];
	fail_msg("no change for %s", id);
	return NULL;
}

/* ---- the create-only table against the schema files ---- */

static void test_table_matches_schemas(void **state)
{
	(void)state;
	char *dir = ivs_xasprintf("%s/diff/cfn-schemas", test_dir());
	DIR *dh = opendir(dir);
	struct dirent *de;
	size_t files = 0;

	assert_non_null(dh);
	while ((de = readdir(dh)) != NULL) {
		size_t n = strlen(de->d_name);
		if (n < 5 || strcmp(de->d_name + n - 5, ".json"))
			continue;
		char *path = ivs_xasprintf("%s/%s", dir, de->d_name), *err = NULL;
		size_t len;
		char *text = ivs_read_file(path, 1u << 24, &len, &err);
		assert_non_null(text);
		cJSON *schema = cJSON_Parse(text);
		assert_non_null(schema);
		const char *type = cJSON_GetObjectItem(schema, "typeName")->valuestring;
		const struct ivs_tdiff_type *t = ivs_tdiff_type_find(type);
		if (!t->type || strcmp(t->type, type))
			fail_msg("%s: type %s is not in tdiff_types.c", de->d_name, type);
		const cJSON *co = cJSON_GetObjectItem(schema, "createOnlyProperties");
		size_t in_schema = 0, in_table = 0;
		for (const cJSON *p = co ? co->child : NULL; p; p = p->next) {
			bool found = false;
			for (const char *const *q = t->create_only; *q; q++)
				found |= !strcmp(*q, p->valuestring);
			if (!found)
				fail_msg("%s: %s is create-only in the schema, not in the table", type,
				         p->valuestring);
			in_schema++;
		}
		for (const char *const *q = t->create_only; *q; q++)
			in_table++;
		if (in_table != in_schema)
			fail_msg("%s: the table has %zu create-only paths, the schema %zu", type, in_table,
			         in_schema);
		cJSON_Delete(schema);
		free(text);
		free(path);
		files++;
	}
	closedir(dh);
	free(dir);
	/* every row of the table has its schema file */
	assert_int_equal(files, ivs_tdiff_ntypes);
}

static void test_create_only_paths(void **state)
{
	(void)state;
	const struct ivs_tdiff_type *rec = ivs_tdiff_type_find("AWS::IVS::RecordingConfiguration");
	assert_true(ivs_tdiff_create_only(rec, "Properties.ThumbnailConfiguration.RecordingMode"));
	assert_true(ivs_tdiff_create_only(rec, "Properties.RenditionConfiguration.Renditions"));
	assert_true(ivs_tdiff_create_only(rec, "Properties.DestinationConfiguration.S3.BucketName"));
	assert_false(ivs_tdiff_create_only(rec, "Properties.Tags"));
	assert_false(ivs_tdiff_create_only(rec, "Properties.NameOther"));
	assert_false(ivs_tdiff_create_only(rec, "DeletionPolicy"));
	const struct ivs_tdiff_type *ch = ivs_tdiff_type_find("AWS::IVS::Channel");
	assert_false(ivs_tdiff_create_only(ch, "Properties.Name"));
	const struct ivs_tdiff_type *other = ivs_tdiff_type_find("AWS::Lambda::Function");
	assert_null(other->type);
	assert_false(ivs_tdiff_create_only(other, "Properties.FunctionName"));
}

/* ---- per kind: a create-only change replaces, with the kind's words ---- */

/* A value for a property of the schema: text, or a mapping for the
 * mapping-valued create-only properties. */
static void test_every_kind_replaced_and_removed(void **state)
{
	(void)state;
	for (size_t i = 0; i < ivs_tdiff_ntypes; i++) {
		const struct ivs_tdiff_type *t = &ivs_tdiff_types[i];
		char *old_t, *new_t;
		if (t->create_only[0]) {
			/* the first create-only property, text in one, other text in the other */
			const char *prop = t->create_only[0] + strlen("/properties/");
			old_t = ivs_xasprintf("{'Resources': {'R': {'Type': '%s', 'Properties': {'%s': 'a'}}}}",
			                      t->type, prop);
			new_t = ivs_xasprintf("{'Resources': {'R': {'Type': '%s', 'Properties': {'%s': 'b'}}}}",
			                      t->type, prop);
		} else {
			/* nothing create-only: the same resource under another logical id */
			old_t = ivs_xasprintf("{'Resources': {'R': {'Type': '%s', 'Properties': {'X': 'a'}}}}",
			                      t->type);
			new_t = ivs_xasprintf("{'Resources': {'S': {'Type': '%s', 'Properties': {'X': 'a'}}}}",
			                      t->type);
		}
		struct ivs_tdiff *d = compare(old_t, new_t);
		assert_int_equal(d->nres, 1);
		assert_int_equal(d->replaced, 1);
		assert_true(ivs_tdiff_replaces(d));
		const struct ivs_tdiff_res *r = &d->res[0];
		assert_string_equal(r->type, t->type);
		if (t->create_only[0]) {
			assert_int_equal(r->change, IVS_TDIFF_REPLACED);
			assert_true(r->props[0].replaces);
			char *reason = ivs_xasprintf("a create-only property changes (%s)",
			                             t->create_only[0] + strlen("/properties/"));
			assert_string_equal(r->reason, reason);
			free(reason);
		} else {
			assert_int_equal(r->change, IVS_TDIFF_RENAMED);
			assert_string_equal(r->old_id, "R");
			assert_string_equal(r->id, "S");
		}
		assert_string_equal(r->loss, t->replace_words);
		ivs_tdiff_free(d);

		/* removed: the kind's removal words */
		d = compare(old_t, "{'Resources': {}}");
		assert_int_equal(d->nres, 1);
		assert_int_equal(d->res[0].change, IVS_TDIFF_REMOVED);
		assert_string_equal(d->res[0].loss, t->remove_words);
		ivs_tdiff_free(d);
		/* added */
		d = compare("{'Resources': {}}", old_t);
		assert_int_equal(d->added, 1);
		assert_int_equal(d->res[0].change, IVS_TDIFF_ADDED);
		assert_null(d->res[0].loss);
		ivs_tdiff_free(d);
		free(old_t);
		free(new_t);
	}
}

static void test_words_of_kinds(void **state)
{
	(void)state;
	/* the issue's words, kind by kind */
	assert_non_null(strstr(ivs_tdiff_type_find("AWS::IVS::Channel")->replace_words,
	                       "ingest endpoint and playback URL, and its stream keys are replaced"));
	assert_non_null(strstr(ivs_tdiff_type_find("AWS::IVS::StreamKey")->replace_words,
	                       "a new stream key value: reconfigure every encoder"));
	assert_non_null(strstr(ivs_tdiff_type_find("AWS::IVS::PlaybackKeyPair")->replace_words,
	                       "tokens signed with the old private key stop working"));
	assert_non_null(strstr(ivs_tdiff_type_find("AWS::IVS::Channel")->remove_words,
	                       "ingest endpoint and playback URL stop working"));
}

/* ---- in place ---- */

static void test_updated_in_place(void **state)
{
	(void)state;
	struct ivs_tdiff *d = compare(
		"{'Resources': {'C': {'Type': 'AWS::IVS::Channel', 'Properties': {'LatencyMode': 'LOW', 'Type': 'STANDARD'}}}}",
		"{'Resources': {'C': {'Type': 'AWS::IVS::Channel', 'Properties': {'LatencyMode': 'NORMAL', 'Type': 'STANDARD', 'Authorized': true}}}}");
	assert_int_equal(d->nres, 1);
	assert_int_equal(d->updated, 1);
	assert_false(ivs_tdiff_replaces(d));
	const struct ivs_tdiff_res *r = &d->res[0];
	assert_int_equal(r->change, IVS_TDIFF_UPDATED);
	assert_int_equal(r->nprops, 2);
	assert_string_equal(r->props[0].path, "Properties.LatencyMode");
	assert_string_equal(r->props[0].old_val->valuestring, "LOW");
	assert_string_equal(r->props[0].new_val->valuestring, "NORMAL");
	assert_false(r->props[0].replaces);
	assert_string_equal(r->props[1].path, "Properties.Authorized");
	assert_null(r->props[1].old_val);
	assert_true(cJSON_IsTrue(r->props[1].new_val));
	char *w = ivs_tdiff_res_words(r);
	assert_string_equal(w, "updated in place");
	free(w);
	ivs_tdiff_free(d);
}

/* Equal templates, keys in another order, 5 and "5", Metadata changed. */
static void test_no_change(void **state)
{
	(void)state;
	struct ivs_tdiff *d = compare(
		"{'Description': 'x', 'Resources': {'R': {'Type': 'AWS::IVS::RecordingConfiguration', 'Metadata': {'aws:cdk:path': 'a/R'},"
		" 'Properties': {'RecordingReconnectWindowSeconds': 5, 'DestinationConfiguration': {'S3': {'BucketName': 'b'}}}}}}",
		"{'Resources': {'R': {'Properties': {'DestinationConfiguration': {'S3': {'BucketName': 'b'}},"
		" 'RecordingReconnectWindowSeconds': '5'}, 'Type': 'AWS::IVS::RecordingConfiguration', 'Metadata': {'aws:cdk:path': 'b/R'}}},"
		" 'Description': 'x'}");
	assert_false(ivs_tdiff_changed(d));
	assert_int_equal(d->nres, 0);
	ivs_tdiff_free(d);
}

/* The type changes under one logical id: replaced. */
static void test_type_change(void **state)
{
	(void)state;
	struct ivs_tdiff *d = compare("{'Resources': {'R': {'Type': 'AWS::IVS::Channel'}}}",
	                              "{'Resources': {'R': {'Type': 'AWS::IVS::Stage'}}}");
	assert_int_equal(d->res[0].change, IVS_TDIFF_REPLACED);
	assert_string_equal(d->res[0].old_type, "AWS::IVS::Channel");
	assert_string_equal(d->res[0].reason, "the type changes from AWS::IVS::Channel");
	ivs_tdiff_free(d);
}

/* ---- renames ---- */

/* A CDK channel renamed: its generated Name follows the id, its stream key
 * is renamed too and replaced. */
static void test_rename_channel_and_key(void **state)
{
	(void)state;
	struct ivs_tdiff *d = compare(
		"{'Resources': {"
		"'Main54E5BC70': {'Type': 'AWS::IVS::Channel', 'Properties': {'LatencyMode': 'LOW', 'Name': 'showsMain5C06CBA4'}},"
		"'MainKeyF902879A': {'Type': 'AWS::IVS::StreamKey', 'Properties': {'ChannelArn': {'Fn::GetAtt': ['Main54E5BC70', 'Arn']}}}}}",
		"{'Resources': {"
		"'Live848578DF': {'Type': 'AWS::IVS::Channel', 'Properties': {'LatencyMode': 'LOW', 'Name': 'showsLiveBE7ABC87'}},"
		"'LiveKeyAF693BDC': {'Type': 'AWS::IVS::StreamKey', 'Properties': {'ChannelArn': {'Fn::GetAtt': ['Live848578DF', 'Arn']}}}}}");
	assert_int_equal(d->nres, 2);
	assert_int_equal(d->renamed, 2);
	assert_int_equal(d->replaced, 2);
	assert_int_equal(d->added + d->removed, 0);
	const struct ivs_tdiff_res *c = res_of(d, "Live848578DF");
	assert_int_equal(c->change, IVS_TDIFF_RENAMED);
	assert_string_equal(c->old_id, "Main54E5BC70");
	assert_string_equal(c->reason, "the logical id changes from Main54E5BC70 to Live848578DF");
	char *w = ivs_tdiff_res_words(c);
	assert_string_equal(w, "renamed from Main54E5BC70, therefore replaced: a new channel: a new ARN, "
	                       "ingest endpoint and playback URL, and its stream keys are replaced; "
	                       "reconfigure every encoder and player");
	free(w);
	const struct ivs_tdiff_res *k = res_of(d, "LiveKeyAF693BDC");
	assert_string_equal(k->old_id, "MainKeyF902879A");
	assert_int_equal(k->nbecause, 1);
	assert_string_equal(k->because[0], "Live848578DF");
	ivs_tdiff_free(d);
}

/* Nearly the same (4 of 5 values) pairs; less does not. */
static void test_rename_nearly(void **state)
{
	(void)state;
	struct ivs_tdiff *d = compare(
		"{'Resources': {'A': {'Type': 'AWS::IVS::Channel', 'Properties': {'LatencyMode': 'LOW', 'Type': 'BASIC', 'Authorized': true, 'InsecureIngest': true, 'Preset': ''}}}}",
		"{'Resources': {'B': {'Type': 'AWS::IVS::Channel', 'Properties': {'LatencyMode': 'NORMAL', 'Type': 'BASIC', 'Authorized': true, 'InsecureIngest': true, 'Preset': ''}}}}");
	assert_int_equal(d->nres, 1);
	assert_int_equal(d->res[0].change, IVS_TDIFF_RENAMED);
	assert_int_equal(d->res[0].nprops, 1);
	assert_string_equal(d->res[0].props[0].path, "Properties.LatencyMode");
	ivs_tdiff_free(d);

	d = compare(
		"{'Resources': {'A': {'Type': 'AWS::IVS::Channel', 'Properties': {'LatencyMode': 'LOW', 'Type': 'BASIC'}}}}",
		"{'Resources': {'B': {'Type': 'AWS::IVS::Channel', 'Properties': {'LatencyMode': 'NORMAL', 'Type': 'BASIC'}}}}");
	assert_int_equal(d->nres, 2);
	assert_int_equal(d->removed, 1);
	assert_int_equal(d->added, 1);
	assert_int_equal(d->renamed, 0);
	ivs_tdiff_free(d);

	/* another type never pairs */
	d = compare("{'Resources': {'A': {'Type': 'AWS::IVS::Channel'}}}",
	            "{'Resources': {'B': {'Type': 'AWS::IVS::Stage'}}}");
	assert_int_equal(d->removed, 1);
	assert_int_equal(d->added, 1);
	ivs_tdiff_free(d);
}

/* ---- references to replaced resources ---- */

/* A recording configuration replaced: the channel that records with it is
 * updated because of it (RecordingConfigurationArn is not create-only). */
static void test_updated_because_replaced(void **state)
{
	(void)state;
	struct ivs_tdiff *d = compare(
		"{'Resources': {'Rec': {'Type': 'AWS::IVS::RecordingConfiguration', 'Properties': {'ThumbnailConfiguration': {'RecordingMode': 'INTERVAL'}}},"
		"'Ch': {'Type': 'AWS::IVS::Channel', 'Properties': {'RecordingConfigurationArn': {'Fn::GetAtt': ['Rec', 'Arn']}}}},"
		"'Outputs': {'RecArn': {'Value': {'Fn::Sub': '${Rec.Arn}'}}, 'Other': {'Value': {'Fn::Sub': '${!Rec} ${AWS::Region}'}}}}",
		"{'Resources': {'Rec': {'Type': 'AWS::IVS::RecordingConfiguration', 'Properties': {'ThumbnailConfiguration': {'RecordingMode': 'DISABLED'}}},"
		"'Ch': {'Type': 'AWS::IVS::Channel', 'Properties': {'RecordingConfigurationArn': {'Fn::GetAtt': ['Rec', 'Arn']}}}},"
		"'Outputs': {'RecArn': {'Value': {'Fn::Sub': '${Rec.Arn}'}}, 'Other': {'Value': {'Fn::Sub': '${!Rec} ${AWS::Region}'}}}}");
	assert_int_equal(d->nres, 2);
	const struct ivs_tdiff_res *rec = res_of(d, "Rec");
	assert_int_equal(rec->change, IVS_TDIFF_REPLACED);
	const struct ivs_tdiff_res *ch = res_of(d, "Ch");
	assert_int_equal(ch->change, IVS_TDIFF_UPDATED);
	assert_int_equal(ch->nprops, 1);
	assert_string_equal(ch->props[0].path, "Properties.RecordingConfigurationArn");
	assert_string_equal(ch->props[0].because, "Rec");
	assert_false(ch->props[0].replaces);
	char *w = ivs_tdiff_res_words(ch);
	assert_string_equal(w, "updated in place because Rec is replaced");
	free(w);
	/* the output that refers to it, through ${Rec.Arn}; not the ${!Rec} one */
	assert_int_equal(d->nouts, 1);
	assert_string_equal(d->outs[0].name, "RecArn");
	assert_int_equal(d->outs[0].change, IVS_TDIFF_UPDATED);
	assert_string_equal(d->outs[0].props[0].because, "Rec");
	ivs_tdiff_free(d);
}

/* A channel replaced (type change): its stream key (ChannelArn is
 * create-only) is replaced because of it, and what refers to the key
 * cascades further. */
static void test_replaced_because_replaced(void **state)
{
	(void)state;
	struct ivs_tdiff *d = compare(
		"{'Resources': {'Ch': {'Type': 'AWS::IVS::Stage'},"
		"'Key': {'Type': 'AWS::IVS::StreamKey', 'Properties': {'ChannelArn': {'Fn::GetAtt': ['Ch', 'Arn']}}},"
		"'Room': {'Type': 'AWS::IVSChat::Room', 'Properties': {'Tags': [{'Key': 'k', 'Value': {'Ref': 'Key'}}]}}}}",
		"{'Resources': {'Ch': {'Type': 'AWS::IVS::Channel'},"
		"'Key': {'Type': 'AWS::IVS::StreamKey', 'Properties': {'ChannelArn': {'Fn::GetAtt': ['Ch', 'Arn']}}},"
		"'Room': {'Type': 'AWS::IVSChat::Room', 'Properties': {'Tags': [{'Key': 'k', 'Value': {'Ref': 'Key'}}]}}}}");
	assert_int_equal(d->nres, 3);
	const struct ivs_tdiff_res *k = res_of(d, "Key");
	assert_int_equal(k->change, IVS_TDIFF_REPLACED);
	assert_string_equal(k->reason, "Ch is replaced");
	assert_true(k->props[0].replaces);
	char *w = ivs_tdiff_res_words(k);
	assert_string_equal(w, "replaced because Ch is replaced: a new stream key value: reconfigure "
	                       "every encoder that streams with the old one");
	free(w);
	const struct ivs_tdiff_res *room = res_of(d, "Room");
	assert_int_equal(room->change, IVS_TDIFF_UPDATED);
	assert_string_equal(room->because[0], "Key");
	assert_string_equal(room->props[0].path, "Properties.Tags");
	ivs_tdiff_free(d);
}

/* ---- buckets ---- */

static void test_bucket_fixed_name_replaced(void **state)
{
	(void)state;
	struct ivs_tdiff *d = compare(
		"{'Resources': {'B': {'Type': 'AWS::S3::Bucket', 'DeletionPolicy': 'Retain', 'UpdateReplacePolicy': 'Retain', 'Properties': {'BucketName': 'rec'}}}}",
		"{'Resources': {'C': {'Type': 'AWS::S3::Bucket', 'DeletionPolicy': 'Retain', 'UpdateReplacePolicy': 'Retain', 'Properties': {'BucketName': 'rec'}}}}");
	assert_int_equal(d->nres, 1);
	assert_int_equal(d->res[0].change, IVS_TDIFF_RENAMED);
	assert_string_equal(d->res[0].loss, "the deploy fails: the new bucket needs the name rec, which "
	                                    "the old bucket still holds; remove BucketName or give a new name");
	ivs_tdiff_free(d);

	/* a generated name: a new empty bucket, the old one kept */
	d = compare("{'Resources': {'B': {'Type': 'AWS::S3::Bucket', 'UpdateReplacePolicy': 'Retain', 'Properties': {'BucketNamePrefix': 'a'}}}}",
	            "{'Resources': {'B': {'Type': 'AWS::S3::Bucket', 'UpdateReplacePolicy': 'Retain', 'Properties': {'BucketNamePrefix': 'b'}}}}");
	assert_int_equal(d->res[0].change, IVS_TDIFF_REPLACED);
	assert_string_equal(d->res[0].loss, "a new, empty bucket: recordings go there from now on; the old "
	                                    "bucket is kept, outside the stack (UpdateReplacePolicy: Retain)");
	ivs_tdiff_free(d);
}

static void test_bucket_retained_removed(void **state)
{
	(void)state;
	struct ivs_tdiff *d = compare(
		"{'Resources': {'B': {'Type': 'AWS::S3::Bucket', 'DeletionPolicy': 'Retain'}}}",
		"{'Resources': {}}");
	assert_int_equal(d->res[0].change, IVS_TDIFF_REMOVED);
	assert_string_equal(d->res[0].loss, "the bucket is left behind, outside the stack (DeletionPolicy: "
	                                    "Retain), with its objects; delete it by hand, or import it into a stack");
	ivs_tdiff_free(d);
	/* a policy change alone is an update */
	d = compare("{'Resources': {'B': {'Type': 'AWS::S3::Bucket', 'DeletionPolicy': 'Retain'}}}",
	            "{'Resources': {'B': {'Type': 'AWS::S3::Bucket', 'DeletionPolicy': 'Delete'}}}");
	assert_int_equal(d->res[0].change, IVS_TDIFF_UPDATED);
	assert_string_equal(d->res[0].props[0].path, "DeletionPolicy");
	ivs_tdiff_free(d);
}

/* ---- opaque intrinsics ---- */

static void test_opaque_sub(void **state)
{
	(void)state;
	const char *a = "{'Parameters': {'Env': {'Type': 'String'}}, 'Resources': {'C': {'Type': 'AWS::IVS::Channel',"
	                " 'Properties': {'Name': {'Fn::Sub': '${Env}-main'}}}}}";
	struct ivs_tdiff *d = compare(a, a);
	assert_false(ivs_tdiff_changed(d));
	ivs_tdiff_free(d);
	d = compare(a, "{'Parameters': {'Env': {'Type': 'String'}}, 'Resources': {'C': {'Type': 'AWS::IVS::Channel',"
	               " 'Properties': {'Name': {'Fn::Sub': '${Env}-live'}}}}}");
	assert_int_equal(d->nres, 1);
	assert_int_equal(d->res[0].change, IVS_TDIFF_UPDATED);
	assert_string_equal(d->res[0].props[0].path, "Properties.Name");
	assert_string_equal(d->res[0].props[0].old_val->child->string, "Fn::Sub");
	assert_int_equal(d->res[0].nbecause, 0);
	ivs_tdiff_free(d);
	/* a key pair's material from a parameter, changed: create-only, replaced */
	d = compare("{'Resources': {'K': {'Type': 'AWS::IVS::PlaybackKeyPair', 'Properties': {'PublicKeyMaterial': {'Ref': 'Pem'}}}}}",
	            "{'Resources': {'K': {'Type': 'AWS::IVS::PlaybackKeyPair', 'Properties': {'PublicKeyMaterial': {'Ref': 'Pem2'}}}}}");
	assert_int_equal(d->res[0].change, IVS_TDIFF_REPLACED);
	assert_non_null(strstr(d->res[0].loss, "tokens signed with the old private key stop working"));
	ivs_tdiff_free(d);
}

/* ---- outputs, Description, other sections, the CDK's additions ---- */

static void test_outputs_description_sections(void **state)
{
	(void)state;
	struct ivs_tdiff *d = compare(
		"{'Description': 'old', 'Resources': {}, 'Outputs': {'A': {'Value': 'x'}, 'B': {'Value': 'y'}},"
		" 'Parameters': {'BootstrapVersion': {'Type': 'String'}}, 'Rules': {'CheckBootstrapVersion': {}}}",
		"{'Description': 'new', 'Resources': {'CDKMetadata': {'Type': 'AWS::CDK::Metadata'}},"
		" 'Outputs': {'A': {'Value': 'z', 'Export': {'Name': 'e'}}, 'C': {'Value': 'w'}},"
		" 'Conditions': {'CDKMetadataAvailable': {}}, 'Mappings': {'M': {}}}");
	assert_true(ivs_tdiff_changed(d));
	assert_int_equal(d->nres, 0);
	assert_int_equal(d->nouts, 3);
	assert_string_equal(d->outs[0].name, "A");
	assert_int_equal(d->outs[0].change, IVS_TDIFF_UPDATED);
	assert_int_equal(d->outs[0].nprops, 2);
	assert_string_equal(d->outs[0].props[0].path, "Value");
	assert_string_equal(d->outs[0].props[1].path, "Export");
	assert_string_equal(d->outs[1].name, "B");
	assert_int_equal(d->outs[1].change, IVS_TDIFF_REMOVED);
	assert_string_equal(d->outs[2].name, "C");
	assert_int_equal(d->outs[2].change, IVS_TDIFF_ADDED);
	assert_true(d->desc_changed);
	assert_string_equal(d->old_desc->valuestring, "old");
	assert_string_equal(d->new_desc->valuestring, "new");
	/* the bootstrap parameter and rule, CDKMetadata and its condition: not changes */
	assert_int_equal(d->nsections, 1);
	assert_string_equal(d->sections[0], "Mappings");
	ivs_tdiff_free(d);
}

/* ---- writers ---- */

static void test_text_and_json(void **state)
{
	(void)state;
	struct ivs_tdiff *d = compare(
		"{'Resources': {'C': {'Type': 'AWS::IVS::Channel', 'Properties': {'LatencyMode': 'LOW'}},"
		" 'K': {'Type': 'AWS::IVS::PlaybackKeyPair', 'Properties': {'PublicKeyMaterial': 'a'}}}}",
		"{'Resources': {'C': {'Type': 'AWS::IVS::Channel', 'Properties': {'LatencyMode': 'NORMAL'}},"
		" 'K': {'Type': 'AWS::IVS::PlaybackKeyPair', 'Properties': {'PublicKeyMaterial': 'b'}}}}");
	struct ivs_buf b;
	ivs_buf_init(&b);
	ivs_tdiff_write_text(d, "old", "new", false, &b);
	assert_string_equal(b.data,
		"old → new\n"
		" [~]   C  AWS::IVS::Channel         | updated (1 value)\n"
		" [-/+] K  AWS::IVS::PlaybackKeyPair | replaced\n"
		"\n"
		"Resources\n"
		"[~] AWS::IVS::Channel C\n"
		" └─ [~] Properties.LatencyMode: \"LOW\" → \"NORMAL\"\n"
		"[-/+] AWS::IVS::PlaybackKeyPair K replace\n"
		" ├─ [~] Properties.PublicKeyMaterial: \"a\" → \"b\" (requires replacement)\n"
		" ├─ replaced because a create-only property changes (PublicKeyMaterial)\n"
		" └─ you lose: a new key pair ARN: playback tokens signed with the old private key stop working\n"
		"\n"
		" 2 resources changed: 1 updated, 1 replaced\n");
	assert_null(strchr(b.data, '\033'));
	ivs_buf_reset(&b);
	ivs_tdiff_write_text(d, "old", "new", true, &b);
	assert_non_null(strstr(b.data, "\033[1;31m[-/+]\033[0m"));
	ivs_buf_free(&b);

	char *js = ivs_tdiff_write_json(d, "old", "new");
	cJSON *j = cJSON_Parse(js);
	assert_non_null(j);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(j, "replaces")));
	cJSON *res = cJSON_GetObjectItem(j, "resources");
	assert_int_equal(cJSON_GetArraySize(res), 2);
	cJSON *k = cJSON_GetArrayItem(res, 1);
	assert_string_equal(cJSON_GetObjectItem(k, "change")->valuestring, "replaced");
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(
		cJSON_GetArrayItem(cJSON_GetObjectItem(k, "properties"), 0), "requiresReplacement")));
	assert_int_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "summary"), "replaced")->valueint, 1);
	cJSON_Delete(j);
	free(js);
	ivs_tdiff_free(d);

	d = compare("{'Resources': {}}", "{'Resources': {}}");
	ivs_buf_init(&b);
	ivs_tdiff_write_text(d, "a", "b", true, &b);
	assert_string_equal(b.data, "a and b deploy the same stack: no changes.\n");
	ivs_buf_free(&b);
	ivs_tdiff_free(d);
}

/* Anything that is not a template compares without a crash. */
static void test_odd_input(void **state)
{
	(void)state;
	struct ivs_tdiff *d = compare("[1]", "{'Resources': {'A': 1, 'B': {'Type': 5, 'Properties': [1]}}}");
	assert_int_equal(d->nres, 1);
	assert_int_equal(d->res[0].change, IVS_TDIFF_ADDED);
	ivs_tdiff_free(d);
	d = compare("{'Resources': {'B': {'Type': 'T', 'Properties': 'x'}}}",
	            "{'Resources': {'B': {'Type': 'T', 'Properties': {'Ref': 'P'}}}}");
	assert_int_equal(d->res[0].change, IVS_TDIFF_UPDATED);
	ivs_tdiff_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_matches_schemas),
		cmocka_unit_test(test_create_only_paths),
		cmocka_unit_test(test_every_kind_replaced_and_removed),
		cmocka_unit_test(test_words_of_kinds),
		cmocka_unit_test(test_updated_in_place),
		cmocka_unit_test(test_no_change),
		cmocka_unit_test(test_type_change),
		cmocka_unit_test(test_rename_channel_and_key),
		cmocka_unit_test(test_rename_nearly),
		cmocka_unit_test(test_updated_because_replaced),
		cmocka_unit_test(test_replaced_because_replaced),
		cmocka_unit_test(test_bucket_fixed_name_replaced),
		cmocka_unit_test(test_bucket_retained_removed),
		cmocka_unit_test(test_opaque_sub),
		cmocka_unit_test(test_outputs_description_sections),
		cmocka_unit_test(test_text_and_json),
		cmocka_unit_test(test_odd_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
