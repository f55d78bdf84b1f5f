/* export.c: the project as the CloudFormation template the CDK's
 * aws-ivs-alpha constructs synthesize (docs/synthesis.md), as a
 * cJSON tree. Serialising the tree is export_write.c's job.
 *
 * Properties come from the field tables: a set field with a `cfn` name is
 * emitted under that name, groups as nested objects. Only what the CDK
 * itself changes is special-cased here (generated channel names, the
 * dropped preset, the automatic container format, multitrack's Enabled,
 * references, tags, the bucket's removal policy).
 *
 * Everything is O(n): objects are appended to through cJSON's tail pointer
 * (child->prev) instead of cJSON_AddItemToObject's walk, logical ids of
 * referenced buckets and recordings are computed once per template, and
 * each resource costs one MD5 for its logical id (two for a channel whose
 * name is generated). The tree owns copies of every string it holds except
 * the constant enum names and keys, which it only references. */
#include "ivs/export.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/cdkid.h"

struct exp {
	const struct ivs_project *p;
	char **lid[IVS_KIND_COUNT];     /* template: logical ids of buckets and recordings */
};

/* ---- cJSON building, O(1) appends ---- */

static void link_child(cJSON *parent, cJSON *item)
{
	cJSON *head = parent->child;
	if (!head) {
		parent->child = item;
		item->prev = item;
	} else {
		cJSON *tail = head->prev;
		tail->next = item;
		item->prev = tail;
		head->prev = item;
	}
	item->next = NULL;
}

/* Adds item under a constant key (not copied, not freed). */
static cJSON *put(cJSON *obj, const char *key, cJSON *item)
{
	item->string = (char *)(uintptr_t)key;
	item->type |= cJSON_StringIsConst;
	link_child(obj, item);
	return item;
}

/* Adds item under a malloc'd key the tree takes over. */
static cJSON *put_owned(cJSON *obj, char *key, cJSON *item)
{
	item->string = key;
	link_child(obj, item);
	return item;
}

static cJSON *const_str(const char *s)
{
	return cJSON_CreateStringReference(s);
}

/* A string node that takes over s (malloc'd). */
static cJSON *owned_str(char *s)
{
	cJSON *v = cJSON_CreateStringReference(s);
	v->type &= ~cJSON_IsReference;
	return v;
}

static cJSON *getatt(const char *lid, const char *attr)
{
	cJSON *o = cJSON_CreateObject(), *a = cJSON_CreateArray();
	link_child(a, cJSON_CreateString(lid));
	link_child(a, const_str(attr));
	put(o, "Fn::GetAtt", a);
	return o;
}

static cJSON *ref(const char *lid)
{
	cJSON *o = cJSON_CreateObject();
	put(o, "Ref", cJSON_CreateString(lid));
	return o;
}

/* Sorts an object's members by key (byte order, as the CDK lists
 * properties). Insertion sort: a resource has a handful of properties. */
static void sort_members(cJSON *obj)
{
	cJSON *sorted = NULL, *it = obj->child;
	while (it) {
		cJSON *next = it->next, **pp = &sorted;
		while (*pp && strcmp((*pp)->string, it->string) <= 0)
			pp = &(*pp)->next;
		it->next = *pp;
		*pp = it;
		it = next;
	}
	obj->child = NULL;
	for (it = sorted; it;) {
		cJSON *next = it->next;
		link_child(obj, it);
		it = next;
	}
}

/* ---- logical ids and names ---- */

static char *path_lid(const char *a, const char *b, const char *c)
{
	const char *path[3] = {a, b, c};
	return ivs_cdk_logical_id(path, c ? 3 : 2);
}

/* The construct id of an entry ("/" and a line feed become "--"): id
 * itself when it has neither (the usual case: no copy), else a copy in
 * *tmp to free. */
static const char *cid(const char *id, char **tmp)
{
	*tmp = NULL;
	if (!ivs_cdk_id_needs_sanitizing(id))
		return id;
	return *tmp = ivs_cdk_sanitize_id(id);
}

char *ivs_export_logical_id(const struct ivs_res *r)
{
	char *lid = NULL, *t1, *t2;

	if (!r || !r->id || r->kind == IVS_KIND_STACK || ivs_res_imported(r))
		return NULL;
	const char *id = cid(r->id, &t1);
	if (r->kind == IVS_KIND_STREAM_KEY && r->parent && r->parent->id) {
		const char *pid = cid(r->parent->id, &t2);
		lid = path_lid(pid, id, "Resource");
		free(t2);
	} else if (r->kind != IVS_KIND_STREAM_KEY) {
		lid = path_lid(id, "Resource", NULL);
	}
	free(t1);
	return lid;
}

/* Logical id of the entry of `kind` a REF field names. A reference to an
 * entry that does not exist (a validation error) gets the id such an entry
 * would have. */
static char *ref_lid(const struct exp *x, enum ivs_kind kind, const char *id)
{
	const struct ivs_res *t = ivs_project_find_kind(x->p, kind, id);
	if (t && x->lid[kind] && x->lid[kind][t->index])
		return ivs_xstrdup(x->lid[kind][t->index]);
	if (t)
		return ivs_export_logical_id(t);
	char *tmp;
	char *lid = path_lid(cid(id, &tmp), "Resource", NULL);
	free(tmp);
	return lid;
}

static char *channel_name(const struct exp *x, const struct ivs_res *r)
{
	const struct ivs_stack *st = ivs_project_stack(x->p);
	const char *stack = st && st->name ? st->name : "";
	char *tmp;
	const char *path[2] = {stack, cid(r->id, &tmp)};
	char *name = ivs_cdk_unique_name(path, 2, 128);
	free(tmp);
	return name;
}

/* ---- properties from the field tables ---- */

static cJSON *enum_list(const struct ivs_field *f, const struct ivs_enum_list *l)
{
	cJSON *a = cJSON_CreateArray();
	for (unsigned i = 0; l && i < l->n; i++)
		link_child(a, const_str(f->choices[l->v[i]]));
	return a;
}

/* The members of fields whose parent is `parent` and that have a cfn name,
 * into obj. REF, TAGS and CHILDREN need the project: the callers add them. */
static void put_fields(const struct ivs_res *r, int parent, cJSON *obj)
{
	const struct ivs_kind_info *ki = ivs_res_info(r);

	for (int i = 0; i < ki->nfields; i++) {
		const struct ivs_field *f = &ki->fields[i];
		cJSON *v = NULL;
		if (f->parent != parent || !f->cfn || !ivs_res_is_set(r, i))
			continue;
		switch (f->type) {
		case IVS_FT_STRING: case IVS_FT_TEXT:
			v = cJSON_CreateString(ivs_res_get_str(r, i));
			break;
		case IVS_FT_ENUM:
			v = const_str(f->choices[ivs_res_get_num(r, i)]);
			break;
		case IVS_FT_BOOL:
			v = cJSON_CreateBool(ivs_res_get_num(r, i) != 0);
			break;
		case IVS_FT_INT:
			v = cJSON_CreateNumber((double)ivs_res_get_num(r, i));
			break;
		case IVS_FT_ENUM_LIST:
			v = enum_list(f, ivs_res_get_list(r, i));
			break;
		case IVS_FT_GROUP:
			v = cJSON_CreateObject();
			put_fields(r, i, v);
			break;
		default:
			break;
		}
		if (v)
			put(obj, f->cfn, v);
	}
}

static int tag_order(const void *a, const void *b)
{
	return ivs_cdk_tag_key_cmp(((const struct ivs_tag *)a)->key,
	                           ((const struct ivs_tag *)b)->key);
}

/* The one place tags are put in the template's order: the CDK's
 * TagManager sorts them with localeCompare (synthesis.md, Tags). Keys are
 * unique in t, and the order total, so qsort's instability is harmless. */
static void sort_tags(struct ivs_tags *t)
{
	if (t->n > 1)
		qsort(t->v, t->n, sizeof *t->v, tag_order);
}

static void put_tags(const struct ivs_res *r, cJSON *props)
{
	struct ivs_tags t;
	ivs_res_effective_tags(r, &t);
	sort_tags(&t);
	if (t.n) {
		cJSON *a = cJSON_CreateArray();
		for (size_t i = 0; i < t.n; i++) {
			cJSON *o = cJSON_CreateObject();
			put(o, "Key", cJSON_CreateString(t.v[i].key));
			put(o, "Value", cJSON_CreateString(t.v[i].value));
			link_child(a, o);
		}
		put(props, "Tags", a);
	}
	free(t.v);
}

/* {"Type": T, "Properties": props} (no Properties when empty). */
static cJSON *resource(const struct ivs_res *r, cJSON *props)
{
	cJSON *res = cJSON_CreateObject();
	put(res, "Type", const_str(ivs_res_info(r)->cfn_type));
	if (props->child) {
		sort_members(props);
		put(res, "Properties", props);
	} else {
		cJSON_Delete(props);
	}
	return res;
}

/* ---- one function per kind ---- */

static cJSON *bucket(const struct ivs_res *r)
{
	cJSON *props = cJSON_CreateObject(), *res;
	const char *policy;

	put_fields(r, -1, props);
	put_tags(r, props);
	res = resource(r, props);
	policy = ivs_res_get_num(r, IVS_BUCKET_REMOVAL_POLICY) == IVS_REMOVAL_DESTROY ? "Delete"
	                                                                              : "Retain";
	put(res, "UpdateReplacePolicy", const_str(policy));
	put(res, "DeletionPolicy", const_str(policy));
	return res;
}

static cJSON *channel(const struct exp *x, const struct ivs_res *r)
{
	cJSON *props = cJSON_CreateObject(), *v;
	const char *rec = ivs_res_get_str(r, IVS_CHANNEL_RECORDING);
	bool mt = ivs_res_is_set(r, IVS_CHANNEL_MULTITRACK);

	put_fields(r, -1, props);
	if (!ivs_res_is_set(r, IVS_CHANNEL_NAME))
		put(props, "Name", owned_str(channel_name(x, r)));
	if (ivs_res_is_set(r, IVS_CHANNEL_PRESET) && ivs_res_is_set(r, IVS_CHANNEL_TYPE) &&
	    (v = cJSON_GetObjectItemCaseSensitive(props, "Preset"))) {
		/* The CDK drops a preset given with type STANDARD or BASIC to "". */
		long type = ivs_res_get_num(r, IVS_CHANNEL_TYPE);
		if (type == IVS_CHANNEL_TYPE_STANDARD || type == IVS_CHANNEL_TYPE_BASIC)
			v->valuestring = (char *)(uintptr_t)""; /* a reference: never freed */
	}
	if (mt && !ivs_res_is_set(r, IVS_CHANNEL_CONTAINER_FORMAT))
		put(props, "ContainerFormat", const_str("FRAGMENTED_MP4"));
	if (mt && (v = cJSON_GetObjectItemCaseSensitive(props, "MultitrackInputConfiguration"))) {
		put(v, "Enabled", cJSON_CreateTrue());
		sort_members(v);
	}
	if (rec) {
		char *lid = ref_lid(x, IVS_KIND_RECORDING, rec);
		put(props, "RecordingConfigurationArn", getatt(lid, "Arn"));
		free(lid);
	}
	put_tags(r, props);
	return resource(r, props);
}

static cJSON *stream_key(const struct ivs_res *r, const char *channel_lid)
{
	cJSON *props = cJSON_CreateObject();
	const struct ivs_res *c = r->parent;
	const char *arn = c ? ivs_res_get_str(c, IVS_CHANNEL_FROM_ARN) : NULL;

	if (arn)
		put(props, "ChannelArn", cJSON_CreateString(arn));
	else if (channel_lid)
		put(props, "ChannelArn", getatt(channel_lid, "Arn"));
	put_tags(r, props);
	return resource(r, props);
}

static cJSON *key_pair(const struct ivs_res *r)
{
	cJSON *props = cJSON_CreateObject();
	put_fields(r, -1, props);
	put_tags(r, props);
	return resource(r, props);
}

static cJSON *recording(const struct exp *x, const struct ivs_res *r)
{
	cJSON *props = cJSON_CreateObject(), *dest = cJSON_CreateObject(),
	      *s3 = cJSON_CreateObject();
	const char *bid = ivs_res_get_str(r, IVS_RECORDING_BUCKET);
	const struct ivs_res *b = bid ? ivs_project_find_kind(x->p, IVS_KIND_BUCKET, bid) : NULL;

	put_fields(r, -1, props);
	if (b && ivs_res_imported(b)) {
		put(s3, "BucketName", cJSON_CreateString(ivs_res_get_str(b, IVS_BUCKET_FROM_NAME)));
	} else if (bid) {
		char *lid = ref_lid(x, IVS_KIND_BUCKET, bid);
		put(s3, "BucketName", ref(lid));
		free(lid);
	}
	put(dest, "S3", s3);
	put(props, "DestinationConfiguration", dest);
	put_tags(r, props);
	return resource(r, props);
}

/* ---- assembling ---- */

/* Adds the resources of one top-level entry (a channel with its stream
 * keys) to `resources`. lid: the entry's logical id when already known. */
static void add_entry(const struct exp *x, const struct ivs_res *r, cJSON *resources,
                      const char *lid)
{
	char *own = NULL;

	if (r->kind == IVS_KIND_STREAM_KEY) {
		char *cl = r->parent ? ivs_export_logical_id(r->parent) : NULL;
		own = ivs_export_logical_id(r);
		if (own)
			put_owned(resources, own, stream_key(r, cl));
		free(cl);
		return;
	}
	if (ivs_res_imported(r) && r->kind == IVS_KIND_BUCKET)
		return;
	if (!ivs_res_imported(r)) {
		if (!lid)
			lid = own = ivs_export_logical_id(r);
		if (!lid)
			return;
		cJSON *res = NULL;
		switch (r->kind) {
		case IVS_KIND_BUCKET: res = bucket(r); break;
		case IVS_KIND_CHANNEL: res = channel(x, r); break;
		case IVS_KIND_KEY_PAIR: res = key_pair(r); break;
		case IVS_KIND_RECORDING: res = recording(x, r); break;
		default: break;
		}
		if (!res) {
			free(own);
			return;
		}
		put_owned(resources, own ? own : ivs_xstrdup(lid), res);
	}
	if (r->kind == IVS_KIND_CHANNEL) {
		const struct ivs_list *keys = &((const struct ivs_channel *)r)->stream_keys;
		char *t1, *t2;
		const char *chid = cid(r->id, &t1);
		for (size_t i = 0; i < keys->n; i++) {
			const struct ivs_res *k = keys->v[i];
			const char *kid = cid(k->id, &t2);
			put_owned(resources, path_lid(chid, kid, "Resource"), stream_key(k, lid));
			free(t2);
		}
		free(t1);
	}
}

cJSON *ivs_export_fragment(const struct ivs_project *p, const struct ivs_res *r)
{
	struct exp x = {.p = p};
	cJSON *resources = cJSON_CreateObject();
	if (r && r->kind != IVS_KIND_STACK)
		add_entry(&x, r, resources, NULL);
	return resources;
}

/* The CDK writes no Resources key for a stack that creates nothing (only
 * imports, or no entry at all); CloudFormation will not deploy that, and
 * validation says so (template-no-resources). */
static void drop_if_empty(cJSON *tmpl, cJSON *resources)
{
	if (!resources->child)
		cJSON_Delete(cJSON_DetachItemViaPointer(tmpl, resources));
}

/* Order of the resources: what is referred to before what refers to it. */
static const enum ivs_kind order[] = {IVS_KIND_BUCKET, IVS_KIND_RECORDING, IVS_KIND_KEY_PAIR,
                                      IVS_KIND_CHANNEL};

cJSON *ivs_export_template(const struct ivs_project *p)
{
	struct exp x = {.p = p};
	const struct ivs_stack *st = ivs_project_stack(p);
	cJSON *tmpl = cJSON_CreateObject(), *resources = cJSON_CreateObject();

	if (st && ivs_res_is_set(&st->r, IVS_STACK_DESCRIPTION) && st->description)
		put(tmpl, "Description", cJSON_CreateString(st->description));
	put(tmpl, "Resources", resources);

	/* Referenced kinds: logical ids computed once, owned by the tree. */
	for (size_t k = 0; k < IVS_ARRAY_LEN(order); k++) {
		const struct ivs_list *l = ivs_project_list(p, order[k]);
		char **ids = ivs_xcalloc(l->n ? l->n : 1, sizeof *ids);
		for (size_t i = 0; i < l->n; i++)
			ids[i] = ivs_export_logical_id(l->v[i]);
		x.lid[order[k]] = ids;
		for (size_t i = 0; i < l->n; i++) {
			add_entry(&x, l->v[i], resources, ids[i]);
		}
	}
	for (size_t k = 0; k < IVS_ARRAY_LEN(order); k++) {
		const struct ivs_list *l = ivs_project_list(p, order[k]);
		for (size_t i = 0; i < l->n; i++)
			free(x.lid[order[k]][i]);
		free(x.lid[order[k]]);
	}
	drop_if_empty(tmpl, resources);
	return tmpl;
}
