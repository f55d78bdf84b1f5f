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
	char **lid[IVS_KIND_COUNT];     /* template: logical ids of each TOP list's entries */
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

	if (!r || !r->id || ivs_res_imported(r))
		return NULL;
	const struct ivs_kind_info *ki = ivs_res_info(r);
	/* logical_id: the CDK's overrideLogicalId (issue 10) */
	int lf = ivs_field_find(r->kind, -1, "logical_id");
	if (lf >= 0 && ivs_res_is_set(r, lf) && r->logical_id)
		return ivs_xstrdup(r->logical_id);
	const char *id = cid(r->id, &t1);
	if (ki->path == IVS_PATH_L1) {
		/* the L1 class directly in the stack: one component, no hash */
		lid = ivs_cdk_logical_id(&id, 1);
	} else if (ki->path == IVS_PATH_L2 && ki->role == IVS_ROLE_CHILD) {
		if (r->parent && r->parent->id) {
			const char *pid = cid(r->parent->id, &t2);
			lid = path_lid(pid, id, "Resource");
			free(t2);
		}
	} else if (ki->path == IVS_PATH_L2) {
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

/* A STRING_LIST's items (joined by line feeds) as a JSON array. */
static cJSON *str_list(const char *s)
{
	cJSON *a = cJSON_CreateArray();
	for (const char *it = s; it && *it;) {
		const char *end = strchr(it, '\n');
		size_t n = end ? (size_t)(end - it) : strlen(it);
		link_child(a, owned_str(ivs_xstrndup(it, n)));
		if (!end)
			break;
		it = end + 1;
	}
	return a;
}

/* A REF field's value: a bucket by {"Ref": B} or, imported, its literal
 * name; any other kind by {"Fn::GetAtt": [X, "Arn"]}. */
static cJSON *ref_value(const struct exp *x, enum ivs_kind kind, const char *id)
{
	const struct ivs_res *t = ivs_project_find_kind(x->p, kind, id);
	int imp = ivs_kind_info(kind)->import_field;
	if (t && imp >= 0 && ivs_res_imported(t))
		return cJSON_CreateString(ivs_res_get_str(t, imp));
	char *lid = ref_lid(x, kind, id);
	cJSON *v = kind == IVS_KIND_BUCKET ? ref(lid) : getatt(lid, "Arn");
	free(lid);
	return v;
}

/* Puts v at a dotted CloudFormation path ("DestinationConfiguration.S3.BucketName"),
 * making the objects on the way (a chat logging destination). */
static void put_path(cJSON *obj, const char *path, cJSON *v)
{
	const char *dot;
	while ((dot = strchr(path, '.'))) {
		cJSON *next = NULL;
		size_t n = (size_t)(dot - path);
		for (cJSON *c = obj->child; c && !next; c = c->next)
			if (strlen(c->string) == n && strncmp(c->string, path, n) == 0)
				next = c;
		if (!next)
			next = put_owned(obj, ivs_xstrndup(path, n), cJSON_CreateObject());
		obj = next;
		path = dot + 1;
	}
	put(obj, path, v);
}

/* The members of fields whose parent is `parent` and that have a cfn name,
 * into obj. TAGS and CHILDREN: the callers add them. */
static void put_fields(const struct exp *x, const struct ivs_res *r, int parent, cJSON *obj)
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
		case IVS_FT_NUMBER:
			v = cJSON_CreateNumber(strtod(ivs_res_get_str(r, i), NULL));
			break;
		case IVS_FT_STRING_LIST:
			v = str_list(ivs_res_get_str(r, i));
			break;
		case IVS_FT_ENUM_LIST:
			v = enum_list(f, ivs_res_get_list(r, i));
			break;
		case IVS_FT_REF:
			v = ref_value(x, f->ref, ivs_res_get_str(r, i));
			break;
		case IVS_FT_REF_LIST: {
			const struct ivs_idlist *l = ivs_res_get_ids(r, i);
			v = cJSON_CreateArray();
			for (size_t k = 0; l && k < l->n; k++)
				link_child(v, ref_value(x, f->ref, l->v[k]));
			break;
		}
		case IVS_FT_GROUP:
			v = cJSON_CreateObject();
			put_fields(x, r, i, v);
			sort_members(v);   /* the CDK lists nested properties by name too */
			break;
		default:
			break;
		}
		if (v && f->cfn_inner) {
			/* one level deeper in CloudFormation than in the project file */
			cJSON *outer = cJSON_CreateObject();
			put(outer, f->cfn_inner, v);
			v = outer;
		}
		if (v && strchr(f->cfn, '.'))
			put_path(obj, f->cfn, v);
		else if (v)
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

/* {"Type": T, "Properties": props} (no Properties when empty), and the
 * removal policy of a kind other than a bucket when it is set (the CDK's
 * applyRemovalPolicy; the bucket builder writes its own). */
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
	int rf = r->kind == IVS_KIND_BUCKET ? -1 : ivs_field_find(r->kind, -1, "removal_policy");
	if (rf >= 0 && ivs_res_is_set(r, rf)) {
		const char *policy = ivs_res_get_num(r, rf) == IVS_REMOVAL_DESTROY ? "Delete" : "Retain";
		put(res, "UpdateReplacePolicy", const_str(policy));
		put(res, "DeletionPolicy", const_str(policy));
	}
	return res;
}

/* ---- one function per kind ---- */

/* A builder makes the resource of r; parent_lid: a child's parent's logical
 * id (NULL for a top-level entry). */
typedef cJSON *builder_fn(const struct exp *x, const struct ivs_res *r, const char *parent_lid);

static cJSON *bucket(const struct exp *x, const struct ivs_res *r, const char *parent_lid)
{
	cJSON *props = cJSON_CreateObject(), *res;
	const char *policy;

	(void)parent_lid;
	put_fields(x, r, -1, props);
	put_tags(r, props);
	res = resource(r, props);
	policy = ivs_res_get_num(r, IVS_BUCKET_REMOVAL_POLICY) == IVS_REMOVAL_DESTROY ? "Delete"
	                                                                              : "Retain";
	put(res, "UpdateReplacePolicy", const_str(policy));
	put(res, "DeletionPolicy", const_str(policy));
	return res;
}

static cJSON *channel(const struct exp *x, const struct ivs_res *r, const char *parent_lid)
{
	cJSON *props = cJSON_CreateObject(), *v;
	bool mt = ivs_res_is_set(r, IVS_CHANNEL_MULTITRACK);

	(void)parent_lid;
	put_fields(x, r, -1, props);
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
	put_tags(r, props);
	return resource(r, props);
}

static cJSON *stream_key(const struct exp *x, const struct ivs_res *r, const char *channel_lid)
{
	cJSON *props = cJSON_CreateObject();
	const struct ivs_res *c = r->parent;
	const char *arn = c ? ivs_res_get_str(c, IVS_CHANNEL_FROM_ARN) : NULL;

	(void)x;
	if (arn)
		put(props, "ChannelArn", cJSON_CreateString(arn));
	else if (channel_lid)
		put(props, "ChannelArn", getatt(channel_lid, "Arn"));
	put_tags(r, props);
	return resource(r, props);
}

/* Every set field under its CloudFormation name, tags: the key pair and
 * the L1 kinds (synthesis.md). */
static cJSON *generic(const struct exp *x, const struct ivs_res *r, const char *parent_lid)
{
	cJSON *props = cJSON_CreateObject();
	(void)parent_lid;
	put_fields(x, r, -1, props);
	put_tags(r, props);
	return resource(r, props);
}

static cJSON *recording(const struct exp *x, const struct ivs_res *r, const char *parent_lid)
{
	cJSON *props = cJSON_CreateObject(), *dest = cJSON_CreateObject();
	const char *bid = ivs_res_get_str(r, IVS_RECORDING_BUCKET);

	(void)parent_lid;
	put_fields(x, r, -1, props);
	if (bid) {
		cJSON *s3 = cJSON_CreateObject();
		put(s3, "BucketName", ref_value(x, IVS_KIND_BUCKET, bid));
		put(dest, "S3", s3);
	} else {
		put(dest, "S3", cJSON_CreateObject());
	}
	put(props, "DestinationConfiguration", dest);
	put_tags(r, props);
	return resource(r, props);
}

/* One builder per kind, in enum order; NULL: the kind creates no resource
 * of its own (the stack). */
static builder_fn *const builders[] = {
	NULL,       /* STACK */
	bucket,     /* BUCKET */
	channel,    /* CHANNEL */
	stream_key, /* STREAM_KEY */
	generic,    /* KEY_PAIR */
	recording,  /* RECORDING */
	generic,    /* PUBLIC_KEY */
	generic,    /* STORAGE */
	generic,    /* STAGE */
	generic,    /* ENCODER */
	generic,    /* INGEST */
	generic,    /* PLAYBACK_POLICY */
	generic,    /* CHAT_LOGGING */
	generic,    /* CHAT_ROOM */
	NULL,       /* OUTPUT: no resource; the template's Outputs (put_outputs) */
};
IVS_PER_KIND(builders);

bool ivs_export_has_builder(enum ivs_kind k)
{
	return (unsigned)k < IVS_KIND_COUNT && builders[k] != NULL;
}

/* ---- assembling ---- */

/* Adds the resources of one entry and its children (a channel with its
 * stream keys) to `resources`. lid: the entry's logical id when already
 * known. */
static void add_entry(const struct exp *x, const struct ivs_res *r, cJSON *resources,
                      const char *lid)
{
	char *own = NULL, *plid = NULL;
	builder_fn *build = builders[r->kind];

	if (r->parent) {
		plid = ivs_export_logical_id(r->parent);
		own = ivs_export_logical_id(r);
		if (own && build)
			put_owned(resources, own, build(x, r, plid));
		else
			free(own);
		free(plid);
		return;
	}
	if (!ivs_res_imported(r) && build) {
		if (!lid)
			lid = own = ivs_export_logical_id(r);
		if (!lid)
			return;
		put_owned(resources, own ? own : ivs_xstrdup(lid), build(x, r, NULL));
	}
	const struct ivs_list *kids = ivs_res_children(r);
	if (kids && kids->n) {
		char *t1, *t2;
		const char *pid = cid(r->id, &t1);
		for (size_t i = 0; i < kids->n; i++) {
			const struct ivs_res *k = kids->v[i];
			builder_fn *kb = builders[k->kind];
			const char *kid = cid(k->id, &t2);
			int lf = ivs_field_find(k->kind, -1, "logical_id");
			if (kb && lf >= 0 && ivs_res_is_set(k, lf) && k->logical_id)
				put_owned(resources, ivs_xstrdup(k->logical_id), kb(x, k, lid));
			else if (kb)
				put_owned(resources, path_lid(pid, kid, "Resource"), kb(x, k, lid));
			free(t2);
		}
		free(t1);
	}
}

cJSON *ivs_export_fragment(const struct ivs_project *p, const struct ivs_res *r)
{
	struct exp x = {.p = p};
	cJSON *resources = cJSON_CreateObject();
	if (r && ivs_res_info(r)->role != IVS_ROLE_ROOT)
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

/* The TOP kinds in the order of their resources in the template (the
 * kinds' export rank: what is referred to before what refers to it). */
static size_t export_order(enum ivs_kind *order)
{
	size_t n = 0;
	for (int rank = 0; rank < IVS_TOP_KIND_COUNT; rank++)
		for (size_t k = 0; k < IVS_TOP_KIND_COUNT; k++)
			if (ivs_kind_info(ivs_top_kinds[k])->export_rank == rank)
				order[n++] = ivs_top_kinds[k];
	return n;
}

/* The logical id of the entry an output names (its stream key's when
 * stream_key is given). */
static char *output_target_lid(const struct exp *x, const struct ivs_res *o, enum ivs_kind *kind)
{
	const char *rid = ivs_res_get_str(o, IVS_OUTPUT_RESOURCE);
	const char *skid = ivs_res_get_str(o, IVS_OUTPUT_STREAM_KEY);
	unsigned mask = ivs_res_info(o)->fields[IVS_OUTPUT_RESOURCE].ref_mask;
	const struct ivs_res *t = NULL;
	for (int k = 0; k < IVS_KIND_COUNT && !t && rid; k++)
		if ((mask >> k) & 1u)
			t = ivs_project_find_kind(x->p, (enum ivs_kind)k, rid);
	if (!t)
		return NULL;
	*kind = t->kind;
	const struct ivs_list *kids = skid ? ivs_res_children(t) : NULL;
	for (size_t i = 0; kids && i < kids->n; i++)
		if (ivs_str_eq(kids->v[i]->id, skid)) {
			*kind = kids->v[i]->kind;
			return ivs_export_logical_id(kids->v[i]);
		}
	if (t->index < ivs_project_list(x->p, t->kind)->n && x->lid[t->kind] &&
	    x->lid[t->kind][t->index])
		return ivs_xstrdup(x->lid[t->kind][t->index]);
	return ivs_export_logical_id(t);
}

/* The template's Outputs: {"Value": V, "Description": D, "Export": {"Name": N}}
 * (synthesis.md, Outputs), after Resources; no key when there is none. */
static void put_outputs(const struct exp *x, cJSON *tmpl)
{
	const struct ivs_list *l = ivs_project_list(x->p, IVS_KIND_OUTPUT);
	cJSON *outs = NULL;
	for (size_t i = 0; i < l->n; i++) {
		const struct ivs_res *o = l->v[i];
		enum ivs_kind kind = IVS_KIND_COUNT;
		char *lid = ivs_export_logical_id(o), *tlid = output_target_lid(x, o, &kind);
		if (!lid || !tlid || !ivs_res_is_set(o, IVS_OUTPUT_ATTRIBUTE)) {
			free(lid);
			free(tlid);
			continue;   /* a validation error: export refuses it first */
		}
		int attr = (int)ivs_res_get_num(o, IVS_OUTPUT_ATTRIBUTE);
		const char *cattr = ivs_output_cfn_attr(attr);
		cJSON *e = cJSON_CreateObject();
		const char *d = ivs_res_get_str(o, IVS_OUTPUT_DESCRIPTION);
		const char *xn = ivs_res_get_str(o, IVS_OUTPUT_EXPORT_NAME);
		if (d)
			put(e, "Description", cJSON_CreateString(d));
		put(e, "Value", cattr ? getatt(tlid, cattr) : ref(tlid));
		if (xn) {
			cJSON *xo = cJSON_CreateObject();
			put(xo, "Name", cJSON_CreateString(xn));
			put(e, "Export", xo);
		}
		if (!outs)
			outs = put(tmpl, "Outputs", cJSON_CreateObject());
		put_owned(outs, lid, e);
		free(tlid);
	}
}

cJSON *ivs_export_template(const struct ivs_project *p)
{
	struct exp x = {.p = p};
	const struct ivs_stack *st = ivs_project_stack(p);
	cJSON *tmpl = cJSON_CreateObject(), *resources = cJSON_CreateObject();
	enum ivs_kind order[IVS_TOP_KIND_COUNT];
	size_t norder = export_order(order);

	if (st && ivs_res_is_set(&st->r, IVS_STACK_DESCRIPTION) && st->description)
		put(tmpl, "Description", cJSON_CreateString(st->description));
	put(tmpl, "Resources", resources);

	/* Logical ids computed once per entry, owned by the tree. */
	for (size_t k = 0; k < norder; k++) {
		const struct ivs_list *l = ivs_project_list(p, order[k]);
		char **ids = ivs_xcalloc(l->n ? l->n : 1, sizeof *ids);
		for (size_t i = 0; i < l->n; i++)
			ids[i] = ivs_export_logical_id(l->v[i]);
		x.lid[order[k]] = ids;
	}
	for (size_t k = 0; k < norder; k++) {
		const struct ivs_list *l = ivs_project_list(p, order[k]);
		for (size_t i = 0; i < l->n; i++)
			add_entry(&x, l->v[i], resources, x.lid[order[k]][i]);
	}
	put_outputs(&x, tmpl);
	for (size_t k = 0; k < norder; k++) {
		const struct ivs_list *l = ivs_project_list(p, order[k]);
		for (size_t i = 0; i < l->n; i++)
			free(x.lid[order[k]][i]);
		free(x.lid[order[k]]);
	}
	drop_if_empty(tmpl, resources);
	return tmpl;
}
