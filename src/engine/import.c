/* import.c: a CloudFormation template into a project (import.h, issue 14).
 *
 * One pass over the template makes an item per resource; entries are made
 * for the items of a kind the engine has (top-level kinds first, then
 * children under the parent their link property names), their properties
 * filled from the field tables, then the exporter's own changes undone.
 * Last, the project is exported and compared with the template: what
 * import says is exact is checked, not assumed. */
#include "ivs/import.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/cdkid.h"
#include "ivs/export.h"
#include "ivs/yamlio.h"

#define HASH_LEN 8
/* Each member of a mapping or element of a list (cJSON_ArrayForEach,
 * spelled out so that cppcheck reads it without cJSON's header). */
#define EACH(e, parent) for ((e) = (parent) ? (parent)->child : NULL; (e); (e) = (e)->next)

struct item {
	const cJSON *node;          /* the resource's mapping */
	const char *lid;
	const struct ivs_kind_info *ki;  /* NULL: not a kind of the design */
	struct ivs_res *r;
	char *meta[4];              /* aws:cdk:path components after the stack */
	size_t nmeta;
	int mark;                   /* cycle search: 0 new, 1 on the path, 2 done */
};

struct imp {
	const struct ivs_template *t;
	const cJSON *root, *resources, *params;
	struct ivs_project *p;
	struct ivs_diags *d;
	struct ivs_import_result *res;
	struct item *it;
	size_t n;
	struct ivs_strmap *by_lid;
	struct ivs_strmap *imported;  /* import value -> imported entry (any kind) */
	char *meta_stack;           /* the stack name aws:cdk:path gives */
	cJSON *expected;            /* the normalized template, less what is left out */
};

/* ---- small helpers ---- */

static bool alnum_c(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static bool all_alnum(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!alnum_c(*s))
			return false;
	return true;
}

static char *alnum_only(const char *s)
{
	char *o = ivs_xmalloc(strlen(s) + 1), *w = o;
	for (; *s; s++)
		if (alnum_c(*s))
			*w++ = *s;
	*w = '\0';
	return o;
}

/* Whether lid ends like a CDK hash: 8 upper-case hex digits after something. */
static bool has_cdk_hash(const char *lid)
{
	size_t n = strlen(lid);
	if (n < HASH_LEN)
		return false;
	for (size_t i = n - HASH_LEN; i < n; i++)
		if (!((lid[i] >= '0' && lid[i] <= '9') || (lid[i] >= 'A' && lid[i] <= 'F')))
			return false;
	return true;
}

static struct item *item_of(const struct imp *im, const char *lid)
{
	void *v = NULL;
	if (!lid || ivs_strmap_get(im->by_lid, lid, &v, 1) == 0)
		return NULL;
	return v;
}

static struct ivs_pos pos_of(const struct imp *im, const cJSON *node)
{
	return ivs_template_pos(im->t, node);
}

/* A value left out: an error with the template path, and a line for the
 * project's comment. */
__attribute__((format(printf, 4, 5)))
static void left_out(struct imp *im, const cJSON *node, const char *path, const char *fmt, ...)
{
	va_list ap;
	struct ivs_buf b;
	ivs_buf_init(&b);
	ivs_buf_printf(&b, "%s: ", path);
	va_start(ap, fmt);
	char *what = NULL;
	{
		va_list ap2;
		va_copy(ap2, ap);
		int len = vsnprintf(NULL, 0, fmt, ap2);
		va_end(ap2);
		what = ivs_xmalloc((size_t)(len > 0 ? len : 0) + 1);
		vsnprintf(what, (size_t)(len > 0 ? len : 0) + 1, fmt, ap);
	}
	va_end(ap);
	ivs_buf_puts(&b, what);
	ivs_diags_add(im->d, IVS_RULE_IMPORT_UNSUPPORTED, pos_of(im, node), path,
	              "%s: %s; a project cannot hold it, so it is left out: set it in the "
	              "project by hand, or change the template",
	              path, what);
	free(what);
	struct ivs_import_result *r = im->res;
	r->left_out = ivs_xrealloc(r->left_out, (r->nleft_out + 1) * sizeof *r->left_out);
	r->left_out[r->nleft_out++] = ivs_buf_steal(&b);
	ivs_buf_free(&b);
}

static void other(struct imp *im, const cJSON *node, const char *path, const char *what)
{
	ivs_diags_add(im->d, IVS_RULE_IMPORT_OTHER, ivs_template_key_pos(im->t, node), path,
	              "%s: %s is not part of an ivs-tui design; it is left out of the project", path,
	              what);
	struct ivs_import_result *r = im->res;
	r->left_out = ivs_xrealloc(r->left_out, (r->nleft_out + 1) * sizeof *r->left_out);
	r->left_out[r->nleft_out++] = ivs_xasprintf("%s: %s", path, what);
}

/* ---- id recovery ---- */

static bool lid_is(const char *const *path, size_t n, const char *lid)
{
	char *l = ivs_cdk_logical_id(path, n);
	bool same = strcmp(l, lid) == 0;
	free(l);
	return same;
}

char *ivs_import_recover_id(enum ivs_kind kind, const char *parent_id, const char *lid)
{
	const struct ivs_kind_info *ki = ivs_kind_info(kind);
	if (!ki || !lid)
		return NULL;
	if (ki->path == IVS_PATH_L1)
		return all_alnum(lid) && strlen(lid) <= 255 && strcmp(lid, "Default") != 0
		               ? ivs_xstrdup(lid)
		               : NULL;
	if (ki->path != IVS_PATH_L2)
		return NULL;
	if (ki->role == IVS_ROLE_TOP) {
		const char *cands[3] = {"Default", NULL, "Resource"};
		char *human = has_cdk_hash(lid) ? ivs_xstrndup(lid, strlen(lid) - HASH_LEN) : NULL;
		cands[1] = human;
		for (size_t i = 0; i < 3; i++) {
			const char *path[2] = {cands[i], "Resource"};
			if (cands[i] && *cands[i] && lid_is(path, 2, lid)) {
				char *id = ivs_xstrdup(cands[i]);
				free(human);
				return id;
			}
		}
		free(human);
		return NULL;
	}
	if (!parent_id || !has_cdk_hash(lid))
		return NULL;
	size_t hl = strlen(lid) - HASH_LEN;
	char *pa = alnum_only(parent_id);
	const char *cands[4] = {NULL, parent_id, "Default", "Resource"};
	char *rest = NULL;
	size_t pl = strcmp(parent_id, "Default") == 0 ? 0 : strlen(pa);
	if (pl <= hl && strncmp(lid, pa, pl) == 0)
		rest = ivs_xstrndup(lid + pl, hl - pl);
	cands[0] = rest;
	char *found = NULL;
	for (size_t i = 0; i < 4 && !found; i++) {
		const char *path[3] = {parent_id, cands[i], "Resource"};
		if (cands[i] && *cands[i] && lid_is(path, 3, lid))
			found = ivs_xstrdup(cands[i]);
	}
	free(rest);
	free(pa);
	return found;
}

bool ivs_import_recover_pair(const char *lid, char **parent_id, char **id)
{
	*parent_id = *id = NULL;
	if (!lid || !has_cdk_hash(lid))
		return false;
	size_t hl = strlen(lid) - HASH_LEN;
	if (hl > 240)
		return false;
	for (size_t i = 0; i <= hl; i++) {
		char *p = i ? ivs_xstrndup(lid, i) : ivs_xstrdup("Default");
		char *k = i < hl ? ivs_xstrndup(lid + i, hl - i) : NULL;
		const char *kc[2] = {k, p};
		for (size_t j = 0; j < 2; j++) {
			const char *path[3] = {p, kc[j], "Resource"};
			if (kc[j] && lid_is(path, 3, lid)) {
				*parent_id = p;
				*id = ivs_xstrdup(kc[j]);
				free(k);
				return true;
			}
		}
		free(p);
		free(k);
	}
	return false;
}

/* The readable id of a resource whose logical id no id reproduces: its
 * human part, unique in the project. */
static char *readable_id(const struct imp *im, const char *lid, const struct ivs_kind_info *ki)
{
	char *base = has_cdk_hash(lid) && strlen(lid) > HASH_LEN
	                     ? ivs_xstrndup(lid, strlen(lid) - HASH_LEN)
	                     : ivs_xstrdup(lid);
	if (!all_alnum(base)) {
		free(base);
		base = ivs_xstrdup(ki->id_prefix);
	}
	if (ki->role == IVS_ROLE_CHILD)
		return base;
	char *id = ivs_project_unique_id(im->p, base);
	free(base);
	return id;
}

/* aws:cdk:path "Stack/A/B/Resource": components after the stack. */
static void read_meta(struct imp *im, struct item *it)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(it->node, "Metadata");
	const cJSON *path = m ? cJSON_GetObjectItemCaseSensitive(m, "aws:cdk:path") : NULL;
	if (!cJSON_IsString(path))
		return;
	const char *s = path->valuestring, *slash = strchr(s, '/');
	if (!slash || slash == s)
		return;
	if (!im->meta_stack)
		im->meta_stack = ivs_xstrndup(s, (size_t)(slash - s));
	for (s = slash + 1; *s && it->nmeta < 4;) {
		slash = strchr(s, '/');
		size_t len = slash ? (size_t)(slash - s) : strlen(s);
		it->meta[it->nmeta++] = ivs_xstrndup(s, len);
		if (!slash)
			break;
		s = slash + 1;
	}
	if (slash) {   /* more than 4 components: not a path of ours */
		for (size_t i = 0; i < it->nmeta; i++)
			free(it->meta[i]);
		it->nmeta = 0;
	}
}

/* The id (and, for a child, the parent's id) the metadata gives: the
 * construct path of the kind's shape (X/Resource, P/X/Resource, X). The
 * path is the CDK's own word for the id even when the logical id was
 * overridden (then the entry gets logical_id, as the design had it). */
static bool meta_ids(const struct item *it, const char **parent, const char **id)
{
	*parent = *id = NULL;
	if (!it->ki || !it->nmeta)
		return false;
	if (it->ki->path == IVS_PATH_L1 && it->nmeta == 1 && *it->meta[0]) {
		*id = it->meta[0];
		return true;
	}
	if (it->ki->path != IVS_PATH_L2 || strcmp(it->meta[it->nmeta - 1], "Resource") != 0)
		return false;
	if (it->ki->role == IVS_ROLE_TOP && it->nmeta == 2 && *it->meta[0]) {
		*id = it->meta[0];
		return true;
	}
	if (it->ki->role == IVS_ROLE_CHILD && it->nmeta == 3 && *it->meta[0] && *it->meta[1]) {
		*parent = it->meta[0];
		*id = it->meta[1];
		return true;
	}
	return false;
}

/* ---- describing what a project cannot hold ---- */

static bool is_param(const struct imp *im, const char *name)
{
	return im->params && cJSON_GetObjectItemCaseSensitive(im->params, name);
}

static const char *const known_fns[] = {
	"Fn::Base64", "Fn::Cidr", "Fn::FindInMap", "Fn::GetAZs", "Fn::ImportValue", "Fn::Join",
	"Fn::Select", "Fn::Split", "Fn::Sub", "Fn::Transform", "Fn::ToJsonString", "Fn::Length",
	"Fn::If", "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or", "Fn::GetAtt", "Fn::ForEach",
	"Fn::Contains", "Fn::EachMemberEquals", "Fn::EachMemberIn", "Fn::RefAll", "Fn::ValueOf",
	"Fn::ValueOfAll", NULL};

/* Whether a Fn::Sub string names a parameter (${P}). */
static bool sub_names_param(const struct imp *im, const cJSON *v)
{
	const cJSON *s = cJSON_IsArray(v) ? cJSON_GetArrayItem(v, 0) : v;
	if (!cJSON_IsString(s))
		return false;
	for (const char *p = strstr(s->valuestring, "${"); p; p = strstr(p + 2, "${")) {
		const char *e = strchr(p + 2, '}');
		if (!e)
			break;
		char *name = ivs_xstrndup(p + 2, (size_t)(e - p - 2));
		bool yes = is_param(im, name);
		free(name);
		if (yes)
			return true;
	}
	return false;
}

/* One phrase for a value that is an intrinsic function or a condition. */
static char *describe(const struct imp *im, const cJSON *v)
{
	if (!cJSON_IsObject(v) || !v->child || v->child->next)
		return NULL;
	const char *k = v->child->string;
	const cJSON *a = v->child;
	if (!strcmp(k, "Ref")) {
		if (!cJSON_IsString(a))
			return ivs_xstrdup("Ref without a name");
		if (is_param(im, a->valuestring))
			return ivs_xasprintf("Ref to the parameter %s", a->valuestring);
		if (!strncmp(a->valuestring, "AWS::", 5))
			return ivs_xasprintf("Ref to the pseudo parameter %s", a->valuestring);
		if (item_of(im, a->valuestring))
			return ivs_xasprintf("Ref to the resource %s", a->valuestring);
		return ivs_xasprintf("Ref to %s, which is neither a resource nor a parameter",
		                     a->valuestring);
	}
	if (!strcmp(k, "Condition"))
		return ivs_xasprintf("a condition");
	if (!strcmp(k, "Fn::Sub"))
		return ivs_xstrdup(sub_names_param(im, a) ? "Fn::Sub with a parameter" : "Fn::Sub");
	if (!strcmp(k, "Fn::If")) {
		const cJSON *c = cJSON_GetArrayItem(a, 0);
		return cJSON_IsString(c) ? ivs_xasprintf("Fn::If with the condition %s", c->valuestring)
		                         : ivs_xstrdup("Fn::If");
	}
	if (!strcmp(k, "Fn::GetAtt")) {
		const cJSON *x = cJSON_GetArrayItem(a, 0), *y = cJSON_GetArrayItem(a, 1);
		if (cJSON_IsString(x) && cJSON_IsString(y))
			return ivs_xasprintf("Fn::GetAtt of %s.%s", x->valuestring, y->valuestring);
		return ivs_xstrdup("Fn::GetAtt");
	}
	for (size_t i = 0; known_fns[i]; i++)
		if (!strcmp(k, known_fns[i]))
			return ivs_xstrdup(k);
	if (!strncmp(k, "Fn::", 4))
		return ivs_xasprintf("%s, which is not a CloudFormation intrinsic function", k);
	return NULL;
}

static void bad_value(struct imp *im, const cJSON *v, const char *path, const char *expect)
{
	char *d = describe(im, v);
	if (d)
		left_out(im, v, path, "%s", d);
	else
		left_out(im, v, path, "not %s", expect);
	free(d);
}

/* ---- references ---- */

/* The item a reference value names: {"Ref": X} (want_ref) or
 * {"Fn::GetAtt": [X, "Arn"]} / "X.Arn". */
/* Whether Ref of a resource of this type gives its ARN (every AWS::IVS
 * and AWS::IVSChat type: their primary identifier is the Arn). */
static bool ref_is_arn(const char *type)
{
	return !strncmp(type, "AWS::IVS::", 10) || !strncmp(type, "AWS::IVSChat::", 14);
}

static struct item *ref_target(const struct imp *im, const cJSON *v, bool want_ref)
{
	if (!cJSON_IsObject(v) || !v->child || v->child->next)
		return NULL;
	const cJSON *a = v->child;
	if (want_ref)
		return !strcmp(a->string, "Ref") && cJSON_IsString(a) ? item_of(im, a->valuestring)
		                                                      : NULL;
	if (!strcmp(a->string, "Ref") && cJSON_IsString(a)) {
		/* Ref of an AWS::IVS or AWS::IVSChat resource is its ARN */
		struct item *t = item_of(im, a->valuestring);
		const cJSON *type = t ? cJSON_GetObjectItemCaseSensitive(t->node, "Type") : NULL;
		return cJSON_IsString(type) && ref_is_arn(type->valuestring) ? t : NULL;
	}
	if (strcmp(a->string, "Fn::GetAtt") != 0)
		return NULL;
	const cJSON *x = cJSON_GetArrayItem(a, 0), *y = cJSON_GetArrayItem(a, 1);
	if (cJSON_IsArray(a) && cJSON_GetArraySize(a) == 2 && cJSON_IsString(x) &&
	    cJSON_IsString(y) && !strcmp(y->valuestring, "Arn"))
		return item_of(im, x->valuestring);
	if (cJSON_IsString(a)) {
		size_t n = strlen(a->valuestring);
		if (n > 4 && !strcmp(a->valuestring + n - 4, ".Arn")) {
			char *name = ivs_xstrndup(a->valuestring, n - 4);
			struct item *it = item_of(im, name);
			free(name);
			return it;
		}
	}
	return NULL;
}

/* The imported entry of kind k whose import field holds value (made when
 * there is none yet). */
static struct ivs_res *imported_entry(struct imp *im, enum ivs_kind k, const char *value,
                                      const char *want_id)
{
	const struct ivs_kind_info *ki = ivs_kind_info(k);
	void *found[8];
	size_t nf = ivs_strmap_get(im->imported, value, found, 8);
	for (size_t i = 0; i < nf && i < 8; i++)
		if (((struct ivs_res *)found[i])->kind == k)
			return found[i];
	char *id = want_id && !ivs_project_find(im->p, want_id)
	                   ? ivs_xstrdup(want_id)
	                   : ivs_project_unique_id(im->p, want_id ? want_id : ki->id_prefix);
	struct ivs_res *r = ivs_edit_add(im->p, k, NULL, id, SIZE_MAX);
	free(id);
	if (r && ivs_edit_set_str(im->p, r, ki->import_field, value) == 0)
		ivs_strmap_add(im->imported, ivs_res_get_str(r, ki->import_field), r);
	return r;
}

/* The id of the entry of kind `kind` a reference value names: by Ref /
 * Fn::GetAtt, or an imported entry by a literal; NULL after saying why. */
static const char *ref_id(struct imp *im, enum ivs_kind kind, const cJSON *v, const char *path)
{
	const struct ivs_kind_info *tk = ivs_kind_info(kind);
	struct item *t = ref_target(im, v, kind == IVS_KIND_BUCKET);
	if (t && t->ki && t->ki->kind == kind && t->r)
		return t->r->id;
	if (t) {
		left_out(im, v, path, "a reference to %s, which is not a %s of the design", t->lid,
		         tk->name);
		return NULL;
	}
	if (cJSON_IsString(v) && tk->import_field >= 0) {
		struct ivs_res *e = imported_entry(im, kind, v->valuestring, NULL);
		return e ? e->id : NULL;
	}
	bad_value(im, v, path,
	          kind == IVS_KIND_BUCKET ? "a Ref to a bucket of the template or a bucket name"
	                                  : "an Fn::GetAtt of the Arn of a resource of the template");
	return NULL;
}

/* A REF field's value. */
static void put_ref(struct imp *im, struct ivs_res *r, int field, enum ivs_kind kind,
                    const cJSON *v, const char *path)
{
	const char *id = ref_id(im, kind, v, path);
	if (id)
		ivs_edit_set_str(im->p, r, field, id);
}

/* ---- properties ---- */

struct fill {
	bool preset_dropped;        /* channel: "Preset": "" */
	const cJSON *preset_node;
	bool mt_enabled;            /* channel: MultitrackInputConfiguration.Enabled true */
};

static int field_by_cfn(const struct ivs_kind_info *ki, int parent, const char *cfn)
{
	for (int i = 0; i < ki->nfields; i++)
		if (ki->fields[i].parent == parent && ki->fields[i].cfn &&
		    !strcmp(ki->fields[i].cfn, cfn))
			return i;
	return -1;
}

static void put_tags(struct imp *im, struct ivs_res *r, const cJSON *v, const char *path)
{
	struct ivs_tags t = {0};
	if (!cJSON_IsArray(v)) {
		bad_value(im, v, path, "a list of {Key, Value} tags");
		return;
	}
	size_t n = (size_t)cJSON_GetArraySize(v), i = 0;
	t.v = ivs_xcalloc(n ? n : 1, sizeof *t.v);
	const cJSON *e;
	EACH(e, v) {
		const cJSON *k = cJSON_GetObjectItemCaseSensitive(e, "Key");
		const cJSON *val = cJSON_GetObjectItemCaseSensitive(e, "Value");
		char *p = ivs_xasprintf("%s[%zu]", path, i);
		bool ok = cJSON_IsObject(e) && cJSON_GetArraySize(e) == 2 && cJSON_IsString(k) &&
		          cJSON_IsString(val);
		if (!ok) {
			const cJSON *bad = cJSON_IsString(k) ? val : k;
			bad_value(im, bad && !cJSON_IsString(bad) ? bad : e, p,
			          "a tag with a text Key and a text Value");
		} else {
			bool dup = false;
			for (size_t j = 0; j < t.n; j++)
				dup = dup || !strcmp(t.v[j].key, k->valuestring);
			if (dup) {
				left_out(im, e, p, "a second tag with the key '%s'", k->valuestring);
			} else {
				t.v[t.n].key = k->valuestring;
				t.v[t.n].value = val->valuestring;
				t.n++;
			}
		}
		free(p);
		i++;
	}
	if (t.n)
		ivs_edit_set_tags(im->p, r, &t);
	free(t.v);
}

static void fill_fields(struct imp *im, struct ivs_res *r, int parent, const cJSON *obj,
                        const char *path, struct fill *fl);

static void put_field(struct imp *im, struct ivs_res *r, int i, const cJSON *v, const char *path,
                      struct fill *fl);

/* The row whose cfn is name (under parent) and, when rows keep their value
 * one level deeper (cfn_inner), whose cfn_inner is inner. */
static int field_by_cfn_inner(const struct ivs_kind_info *ki, int parent, const char *name,
                              const char *inner)
{
	for (int i = 0; i < ki->nfields; i++) {
		const struct ivs_field *f = &ki->fields[i];
		if (f->parent == parent && f->cfn && !strcmp(f->cfn, name) && f->cfn_inner &&
		    !strcmp(f->cfn_inner, inner))
			return i;
	}
	return -1;
}

/* Whether a row's dotted cfn goes deeper than prefix ("A.B" under "A"). */
static bool cfn_below(const struct ivs_kind_info *ki, int parent, const char *prefix)
{
	size_t n = strlen(prefix);
	for (int i = 0; i < ki->nfields; i++) {
		const struct ivs_field *f = &ki->fields[i];
		if (f->parent == parent && f->cfn && !strncmp(f->cfn, prefix, n) && f->cfn[n] == '.')
			return true;
	}
	return false;
}

/* The value v of the CloudFormation property cfn (a dotted path below the
 * row level when rows say one). */
static void put_cfn(struct imp *im, struct ivs_res *r, int parent, const char *cfn,
                    const cJSON *v, const char *path, struct fill *fl)
{
	const struct ivs_kind_info *ki = ivs_res_info(r);
	int i = field_by_cfn(ki, parent, cfn);   /* a row's cfn may be a dotted path */
	if (i >= 0 && !ki->fields[i].cfn_inner) {
		put_field(im, r, i, v, path, fl);
		return;
	}
	if (i < 0 && !cfn_below(ki, parent, cfn)) {
		left_out(im, v, path, "a property a %s of the design does not have", ki->name);
		return;
	}
	char *d = describe(im, v);
	if (!cJSON_IsObject(v) || d || !v->child) {
		free(d);
		bad_value(im, v, path, "a mapping");
		return;
	}
	const cJSON *m;
	EACH(m, v) {
		char *p = ivs_xasprintf("%s.%s", path, m->string);
		/* {cfn: {cfn_inner: value}}: the rows that share cfn, one per inner key */
		int j = i >= 0 ? field_by_cfn_inner(ki, parent, cfn, m->string) : -1;
		if (j >= 0) {
			put_field(im, r, j, m, p, fl);
		} else if (i >= 0) {
			left_out(im, m, p, "a property a %s of the design does not have", ki->name);
		} else {
			char *deeper = ivs_xasprintf("%s.%s", cfn, m->string);
			put_cfn(im, r, parent, deeper, m, p, fl);
			free(deeper);
		}
		free(p);
	}
}

/* One member v of a mapping of properties (v->string: the property). */
static void put_member(struct imp *im, struct ivs_res *r, int parent, const cJSON *v,
                       const char *path, struct fill *fl)
{
	put_cfn(im, r, parent, v->string, v, path, fl);
}

static void put_field(struct imp *im, struct ivs_res *r, int i, const cJSON *v, const char *path,
                      struct fill *fl)
{
	const struct ivs_kind_info *ki = ivs_res_info(r);
	const struct ivs_field *f = &ki->fields[i];
	switch (f->type) {
	case IVS_FT_STRING: case IVS_FT_TEXT:
		if (!cJSON_IsString(v) || ivs_edit_set_str(im->p, r, i, v->valuestring) != 0)
			bad_value(im, v, path, "text");
		break;
	case IVS_FT_ENUM: {
		int idx = cJSON_IsString(v) ? ivs_choice_index(f->choices, v->valuestring) : -1;
		if (idx >= 0 && strcmp(f->choices[idx], v->valuestring) != 0)
			idx = -1;   /* the exporter writes the choice as the table spells it */
		if (r->kind == IVS_KIND_CHANNEL && i == IVS_CHANNEL_PRESET && cJSON_IsString(v) &&
		    !*v->valuestring) {
			fl->preset_dropped = true;
			fl->preset_node = v;
		} else if (idx < 0) {
			if (cJSON_IsString(v)) {
				struct ivs_buf b;
				ivs_buf_init(&b);
				for (size_t c = 0; f->choices[c]; c++)
					ivs_buf_printf(&b, "%s%s", c ? ", " : "", f->choices[c]);
				left_out(im, v, path, "'%s' is not one of %s", v->valuestring, b.data);
				ivs_buf_free(&b);
			} else {
				bad_value(im, v, path, "text");
			}
		} else {
			ivs_edit_set_enum(im->p, r, i, idx);
		}
		break;
	}
	case IVS_FT_BOOL:
		if (cJSON_IsBool(v))
			ivs_edit_set_bool(im->p, r, i, cJSON_IsTrue(v));
		else
			bad_value(im, v, path, "true or false");
		break;
	case IVS_FT_INT: {
		/* whole and within +-2^53 (exact in a double) before any cast */
		double dv = cJSON_IsNumber(v) ? v->valuedouble : 0.5;
		if (dv >= -9007199254740992.0 && dv <= 9007199254740992.0 && dv == (double)(long long)dv)
			ivs_edit_set_int(im->p, r, i, (long)dv);
		else
			bad_value(im, v, path, "a whole number");
		break;
	}
	case IVS_FT_NUMBER: {
		char num[64];
		if (cJSON_IsNumber(v)) {
			snprintf(num, sizeof num, "%.17g", v->valuedouble);
			if (ivs_edit_set_str(im->p, r, i, num) == 0)
				break;
		}
		bad_value(im, v, path, "a number");
		break;
	}
	case IVS_FT_STRING_LIST: {
		struct ivs_buf b;
		const cJSON *e;
		bool ok = cJSON_IsArray(v);   /* [] is an empty list, kept as such */
		ivs_buf_init(&b);
		ivs_buf_puts(&b, "");
		const cJSON *lv = ok ? v : NULL;
		EACH(e, lv) {
			/* held joined by line feeds: an item must be one non-empty line */
			if (!cJSON_IsString(e) || !*e->valuestring || strpbrk(e->valuestring, "\n\r"))
				ok = false;
			else
				ivs_buf_printf(&b, "%s%s", b.len ? "\n" : "", e->valuestring);
		}
		if (!ok || ivs_edit_set_str(im->p, r, i, b.data) != 0)
			bad_value(im, v, path, "a list of one-line texts");
		ivs_buf_free(&b);
		break;
	}
	case IVS_FT_REF_LIST: {
		struct ivs_idlist l = {0};
		const cJSON *e;
		bool ok = cJSON_IsArray(v);
		size_t k = 0;
		l.v = ivs_xcalloc((size_t)cJSON_GetArraySize(v) + 1, sizeof *l.v);
		EACH(e, ok ? v : NULL) {
			char *p = ivs_xasprintf("%s[%zu]", path, k++);
			const char *id = ref_id(im, f->ref, e, p);
			free(p);
			if (id)
				l.v[l.n++] = ivs_xstrdup(id);
			else
				ok = false;
		}
		if (!cJSON_IsArray(v))
			bad_value(im, v, path, "a list of references");
		else if (ok)
			ivs_edit_set_ids(im->p, r, i, &l);
		ivs_idlist_free(&l);
		break;
	}
	case IVS_FT_ENUM_LIST: {
		struct ivs_enum_list l = {0};
		const cJSON *e;
		bool ok = cJSON_IsArray(v) && cJSON_GetArraySize(v) <= IVS_ENUM_LIST_MAX;
		const cJSON *lv = ok ? v : NULL;
		EACH(e, lv) {
			int idx = cJSON_IsString(e) ? ivs_choice_index(f->choices, e->valuestring) : -1;
			if (idx < 0 || strcmp(f->choices[idx], e->valuestring) != 0)
				ok = false;
			else
				l.v[l.n++] = (uint8_t)idx;
		}
		if (ok)
			ivs_edit_set_list(im->p, r, i, &l);
		else
			bad_value(im, v, path, "a list of the allowed values");
		break;
	}
	case IVS_FT_REF:
		put_ref(im, r, i, f->ref, v, path);
		break;
	case IVS_FT_TAGS:
		put_tags(im, r, v, path);
		break;
	case IVS_FT_GROUP: {
		char *fn = describe(im, v);
		bool mapping = cJSON_IsObject(v) && !fn;
		free(fn);
		if (!mapping) {
			bad_value(im, v, path, "a mapping");
			break;
		}
		ivs_edit_set_group(im->p, r, i);
		fill_fields(im, r, i, v, path, fl);
		break;
	}
	default:
		left_out(im, v, path, "a property the design has no place for");
		break;
	}
}

static void fill_fields(struct imp *im, struct ivs_res *r, int parent, const cJSON *obj,
                        const char *path, struct fill *fl)
{
	const cJSON *v;
	EACH(v, obj) {
		char *p = ivs_xasprintf("%s.%s", path, v->string);
		if (r->kind == IVS_KIND_CHANNEL && parent == IVS_CHANNEL_MULTITRACK &&
		    !strcmp(v->string, "Enabled")) {
			if (cJSON_IsTrue(v))
				fl->mt_enabled = true;
			else
				left_out(im, v, p, "multitrack input that is not enabled (the design "
				                   "writes Enabled: true with it)");
		} else {
			put_member(im, r, parent, v, p, fl);
		}
		free(p);
	}
}

/* The recording's DestinationConfiguration: {"S3": {"BucketName": B}}. */
static void put_destination(struct imp *im, struct ivs_res *r, const cJSON *v, const char *path)
{
	const cJSON *s3 = cJSON_GetObjectItemCaseSensitive(v, "S3");
	const cJSON *bn = cJSON_GetObjectItemCaseSensitive(s3, "BucketName");
	if (!cJSON_IsObject(v) || cJSON_GetArraySize(v) != 1 || !cJSON_IsObject(s3) ||
	    cJSON_GetArraySize(s3) != 1 || !bn) {
		bad_value(im, v, path, "{S3: {BucketName: B}}");
		return;
	}
	char *p = ivs_xasprintf("%s.S3.BucketName", path);
	put_ref(im, r, IVS_RECORDING_BUCKET, IVS_KIND_BUCKET, bn, p);
	free(p);
}

static int field_by_key(const struct ivs_kind_info *ki, const char *key)
{
	for (int i = 0; i < ki->nfields; i++)
		if (ki->fields[i].parent == -1 && !strcmp(ki->fields[i].key, key))
			return i;
	return -1;
}

/* DeletionPolicy and UpdateReplacePolicy: removal_policy when the kind has
 * it (both Retain, or both Delete). */
static void put_policies(struct imp *im, struct item *it, const char *path)
{
	const cJSON *dp = cJSON_GetObjectItemCaseSensitive(it->node, "DeletionPolicy");
	const cJSON *up = cJSON_GetObjectItemCaseSensitive(it->node, "UpdateReplacePolicy");
	int f = field_by_key(it->ki, "removal_policy");
	if (!dp && !up)
		return;
	const cJSON *bad = dp ? dp : up;
	char *p = ivs_xasprintf("%s.%s", path, dp ? "DeletionPolicy" : "UpdateReplacePolicy");
	if (f < 0) {
		left_out(im, bad, p, "a deletion policy on a %s", it->ki->name);
	} else if (!dp || !up || !cJSON_IsString(dp) || !cJSON_IsString(up) ||
	           strcmp(dp->valuestring, up->valuestring) != 0 ||
	           (strcmp(dp->valuestring, "Retain") && strcmp(dp->valuestring, "Delete"))) {
		left_out(im, bad, p, "deletion policies other than both Retain or both Delete");
	} else {
		int idx = !strcmp(dp->valuestring, "Delete") ? IVS_REMOVAL_DESTROY : IVS_REMOVAL_RETAIN;
		/* a bucket writes Retain unset; any other kind writes nothing unset */
		if (it->ki->kind != IVS_KIND_BUCKET || idx != IVS_REMOVAL_RETAIN)
			ivs_edit_set_enum(im->p, it->r, f, idx);
	}
	free(p);
}

/* Properties of one item's entry. The link to the parent (a stream key's
 * ChannelArn) was used to place it. */
static void fill_item(struct imp *im, struct item *it, struct fill *fl)
{
	char *path = ivs_xasprintf("Resources.%s.Properties", it->lid);
	const cJSON *props = cJSON_GetObjectItemCaseSensitive(it->node, "Properties");
	const cJSON *v;
	EACH(v, props) {
		char *p = ivs_xasprintf("%s.%s", path, v->string);
		if (it->ki->role == IVS_ROLE_CHILD && !strcmp(v->string, "ChannelArn"))
			;   /* placed the key */
		else if (it->ki->kind == IVS_KIND_RECORDING && !strcmp(v->string, "DestinationConfiguration"))
			put_destination(im, it->r, v, p);
		else {
			put_member(im, it->r, -1, v, p, fl);
		}
		free(p);
	}
	free(path);
	path = ivs_xasprintf("Resources.%s", it->lid);
	put_policies(im, it, path);
	free(path);
}

/* What the channel's exporter does, undone. */
static void channel_fixups(struct imp *im, struct item *it, const struct fill *fl)
{
	struct ivs_res *r = it->r;
	bool mt = ivs_res_is_set(r, IVS_CHANNEL_MULTITRACK);
	if (fl->preset_dropped) {
		long type = ivs_res_is_set(r, IVS_CHANNEL_TYPE) ? ivs_res_get_num(r, IVS_CHANNEL_TYPE) : -1;
		if (type == IVS_CHANNEL_TYPE_STANDARD || type == IVS_CHANNEL_TYPE_BASIC) {
			ivs_edit_set_enum(im->p, r, IVS_CHANNEL_PRESET, IVS_PRESET_CONSTRAINED);
		} else {
			char *p = ivs_xasprintf("Resources.%s.Properties.Preset", it->lid);
			left_out(im, fl->preset_node, p,
			         "an empty Preset without Type STANDARD or BASIC");
			free(p);
		}
	}
	long type = ivs_res_is_set(r, IVS_CHANNEL_TYPE) ? ivs_res_get_num(r, IVS_CHANNEL_TYPE) : -1;
	if (!fl->preset_dropped && ivs_res_is_set(r, IVS_CHANNEL_PRESET) &&
	    (type == IVS_CHANNEL_TYPE_STANDARD || type == IVS_CHANNEL_TYPE_BASIC)) {
		/* the CDK writes Preset "" with these types: this one cannot be said */
		const cJSON *props = cJSON_GetObjectItemCaseSensitive(it->node, "Properties");
		char *p = ivs_xasprintf("Resources.%s.Properties.Preset", it->lid);
		left_out(im, cJSON_GetObjectItemCaseSensitive(props, "Preset"), p,
		         "a Preset with Type %s (a design's export writes Preset \"\" then)",
		         type == IVS_CHANNEL_TYPE_BASIC ? "BASIC" : "STANDARD");
		free(p);
		ivs_edit_unset(im->p, r, IVS_CHANNEL_PRESET);
	}
	if (mt && !fl->mt_enabled) {
		char *p = ivs_xasprintf("Resources.%s.Properties.MultitrackInputConfiguration", it->lid);
		left_out(im, cJSON_GetObjectItemCaseSensitive(
		                     cJSON_GetObjectItemCaseSensitive(it->node, "Properties"),
		                     "MultitrackInputConfiguration"),
		         p, "multitrack input without Enabled: true");
		free(p);
	}
	if (mt && ivs_res_is_set(r, IVS_CHANNEL_CONTAINER_FORMAT) &&
	    ivs_res_get_num(r, IVS_CHANNEL_CONTAINER_FORMAT) == IVS_CONTAINER_FMP4)
		ivs_edit_unset(im->p, r, IVS_CHANNEL_CONTAINER_FORMAT);
}

/* ---- tags a channel passes to its stream keys ---- */

static const char *tag_get(const struct ivs_tags *t, const char *key)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->v[i].key, key))
			return t->v[i].value;
	return NULL;
}

/* A stream key of a created channel has every tag of the channel (the
 * CDK's Tags.of(channel) reaches it): those the key has with the same
 * value come from the channel; a channel tag the key lacks cannot be said. */
static void fold_tags(struct imp *im, struct item *it)
{
	struct ivs_res *k = it->r, *ch = k->parent;
	struct ivs_tags own = {0};
	own.v = ivs_xcalloc(k->tags.n ? k->tags.n : 1, sizeof *own.v);
	for (size_t j = 0; j < k->tags.n; j++) {
		const char *cv = tag_get(&ch->tags, k->tags.v[j].key);
		if (!cv || strcmp(cv, k->tags.v[j].value) != 0)
			own.v[own.n++] = k->tags.v[j];
	}
	const cJSON *props = cJSON_GetObjectItemCaseSensitive(it->node, "Properties");
	const cJSON *tags = cJSON_GetObjectItemCaseSensitive(props, "Tags");
	for (size_t j = 0; j < ch->tags.n; j++) {
		if (!tag_get(&k->tags, ch->tags.v[j].key)) {
			char *p = ivs_xasprintf("Resources.%s.Properties.Tags", it->lid);
			left_out(im, tags ? tags : it->node, p,
			         "no tag '%s', which its channel has (a stream key has every tag of its "
			         "channel)", ch->tags.v[j].key);
			free(p);
		}
	}
	if (own.n != k->tags.n) {
		if (own.n) {
			ivs_edit_set_tags(im->p, k, &own);
		} else {
			int tf = field_by_key(ivs_res_info(k), "tags");
			if (tf >= 0)
				ivs_edit_unset(im->p, k, tf);
		}
	}
	free(own.v);
}

/* ---- the stack ---- */

/* The stack name that makes `name` the channel id's generated name, when
 * there is one (the name is stack + id, filtered, + hash). */
static char *stack_from_name(const char *id, const char *name)
{
	size_t n = strlen(name);
	if (n <= HASH_LEN)
		return NULL;
	for (size_t i = 1; i + HASH_LEN <= n; i++) {
		char *stack = ivs_xstrndup(name, i);
		if (ivs_chars_stack_name(stack)) {
			const char *path[2] = {stack, id};
			char *gen = ivs_cdk_unique_name(path, 2, 128);
			bool same = !strcmp(gen, name);
			free(gen);
			if (same)
				return stack;
		}
		free(stack);
	}
	return NULL;
}

static char *pick_stack_name(struct imp *im, const struct ivs_import_opts *o)
{
	if (o && o->stack_name)
		return ivs_xstrdup(o->stack_name);
	if (im->meta_stack && ivs_chars_stack_name(im->meta_stack))
		return ivs_xstrdup(im->meta_stack);
	for (size_t i = 0; i < im->n; i++) {
		struct item *it = &im->it[i];
		if (!it->r || it->r->kind != IVS_KIND_CHANNEL)
			continue;
		const char *name = ivs_res_get_str(it->r, IVS_CHANNEL_NAME);
		char *s = name ? stack_from_name(it->r->id, name) : NULL;
		if (s)
			return s;
	}
	return ivs_xstrdup(o && o->fallback_stack_name ? o->fallback_stack_name : "imported");
}

static void unset_generated_names(struct imp *im)
{
	const struct ivs_stack *st = ivs_project_stack(im->p);
	const char *stack = st && st->name ? st->name : "";
	for (size_t i = 0; i < im->n; i++) {
		struct item *it = &im->it[i];
		if (!it->r || it->r->kind != IVS_KIND_CHANNEL)
			continue;
		const char *name = ivs_res_get_str(it->r, IVS_CHANNEL_NAME);
		if (!name)
			continue;
		char *cid = ivs_cdk_sanitize_id(it->r->id);
		const char *path[2] = {stack, cid};
		char *gen = ivs_cdk_unique_name(path, 2, 128);
		if (!strcmp(gen, name))
			ivs_edit_unset(im->p, it->r, IVS_CHANNEL_NAME);
		free(gen);
		free(cid);
	}
}

/* ---- the template's sections ---- */

static bool is_bootstrap_section(const char *section, const char *name)
{
	return (!strcmp(section, "Parameters") && !strcmp(name, "BootstrapVersion")) ||
	       (!strcmp(section, "Rules") && !strcmp(name, "CheckBootstrapVersion")) ||
	       (!strcmp(section, "Conditions") && !strcmp(name, "CDKMetadataAvailable"));
}

/* The kind of the project's outputs (the list key "outputs", no resource
 * type of its own), or IVS_KIND_COUNT when the engine has none. */
static enum ivs_kind outputs_kind(void)
{
	for (int k = 0; k < IVS_KIND_COUNT; k++) {
		const struct ivs_kind_info *ki = ivs_kind_info((enum ivs_kind)k);
		if (ki->role == IVS_ROLE_TOP && !ki->cfn_type && !strcmp(ki->list_key, "outputs"))
			return (enum ivs_kind)k;
	}
	return IVS_KIND_COUNT;
}

static void sections(struct imp *im)
{
	const cJSON *s;
	EACH(s, im->root) {
		const char *k = s->string;
		if (!strcmp(k, "Resources") || !strcmp(k, "AWSTemplateFormatVersion"))
			continue;
		if (!strcmp(k, "Description")) {
			if (cJSON_IsString(s))
				ivs_edit_set_str(im->p, &ivs_project_stack(im->p)->r, IVS_STACK_DESCRIPTION,
				                 s->valuestring);
			else
				bad_value(im, s, "Description", "text");
			continue;
		}
		if (!strcmp(k, "Outputs") && cJSON_IsObject(s) && outputs_kind() != IVS_KIND_COUNT)
			continue;   /* import_outputs */
		bool named = cJSON_IsObject(s) &&
		             (!strcmp(k, "Parameters") || !strcmp(k, "Rules") ||
		              !strcmp(k, "Conditions") || !strcmp(k, "Outputs") || !strcmp(k, "Mappings"));
		if (!named) {
			char *what = ivs_xasprintf("the section %s", k);
			other(im, s, k, what);
			free(what);
			continue;
		}
		const cJSON *e;
		EACH(e, s) {
			if (is_bootstrap_section(k, e->string))
				continue;
			char *path = ivs_xasprintf("%s.%s", k, e->string);
			char *what = ivs_xasprintf("%s %s",
			                           !strcmp(k, "Parameters") ? "the parameter"
			                           : !strcmp(k, "Rules")    ? "the rule"
			                           : !strcmp(k, "Outputs")  ? "the output"
			                           : !strcmp(k, "Mappings") ? "the mapping"
			                                                    : "the condition",
			                           e->string);
			other(im, e, path, what);
			free(what);
			free(path);
		}
	}
}

/* ---- cycles ---- */

static void collect_refs(const cJSON *v, const char **out, size_t *n, size_t max)
{
	if (!v || *n >= max)
		return;
	if (cJSON_IsObject(v) && v->child && !v->child->next) {
		const cJSON *a = v->child;
		if (!strcmp(a->string, "Ref") && cJSON_IsString(a)) {
			out[(*n)++] = a->valuestring;
			return;
		}
		if (!strcmp(a->string, "Fn::GetAtt")) {
			const cJSON *x = cJSON_IsArray(a) ? cJSON_GetArrayItem(a, 0) : a;
			if (cJSON_IsString(x))
				out[(*n)++] = x->valuestring;   /* "X.Arn": the map misses, harmless */
			return;
		}
	}
	const cJSON *c;
	const cJSON *cv = (cJSON_IsObject(v) || cJSON_IsArray(v)) ? v : NULL;
	EACH(c, cv)
		collect_refs(c, out, n, max);
}

#define REFS_MAX 64

/* Depth-first search with an explicit stack; true after reporting a cycle. */
static bool find_cycle(struct imp *im)
{
	size_t *stack = ivs_xcalloc(im->n + 1, sizeof *stack);
	bool found = false;
	for (size_t s = 0; s < im->n && !found; s++) {
		if (im->it[s].mark)
			continue;
		size_t depth = 0;
		stack[depth++] = s;
		im->it[s].mark = 1;
		while (depth && !found) {
			struct item *cur = &im->it[stack[depth - 1]];
			const char *refs[REFS_MAX];
			size_t nr = 0;
			collect_refs(cJSON_GetObjectItemCaseSensitive(cur->node, "Properties"), refs, &nr,
			             REFS_MAX);
			const cJSON *dep = cJSON_GetObjectItemCaseSensitive(cur->node, "DependsOn"), *e;
			if (cJSON_IsString(dep) && nr < REFS_MAX)
				refs[nr++] = dep->valuestring;
			const cJSON *deps = cJSON_IsArray(dep) ? dep : NULL;
			EACH(e, deps)
				if (cJSON_IsString(e) && nr < REFS_MAX)
					refs[nr++] = e->valuestring;
			struct item *next = NULL;
			for (size_t i = 0; i < nr && !next; i++) {
				struct item *t = item_of(im, refs[i]);
				if (t && t->mark == 1) {
					struct ivs_buf b;
					ivs_buf_init(&b);
					size_t from = depth;
					while (from > 0 && &im->it[stack[from - 1]] != t)
						from--;
					for (size_t j = from ? from - 1 : 0; j < depth; j++)
						ivs_buf_printf(&b, "%s -> ", im->it[stack[j]].lid);
					ivs_buf_puts(&b, t->lid);
					ivs_diags_add(im->d, IVS_RULE_TEMPLATE_INVALID,
					              ivs_template_key_pos(im->t, t->node), "Resources",
					              "Resources.%s: circular reference %s; CloudFormation "
					              "refuses such a template: remove one of the references",
					              t->lid, b.data);
					ivs_buf_free(&b);
					found = true;
				} else if (t && t->mark == 0) {
					next = t;
				}
			}
			if (next) {
				next->mark = 1;
				stack[depth++] = (size_t)(next - im->it);
			} else {
				cur->mark = 2;
				depth--;
			}
		}
	}
	free(stack);
	return found;
}

/* ---- outputs ---- */

/* The entry an output's Value names: {"Fn::GetAtt": [X, A]}, "X.A", or
 * {"Ref": X}. */
static struct item *output_target(const struct imp *im, const cJSON *v)
{
	if (!cJSON_IsObject(v) || !v->child || v->child->next)
		return NULL;
	const cJSON *a = v->child;
	if (!strcmp(a->string, "Ref"))
		return cJSON_IsString(a) ? item_of(im, a->valuestring) : NULL;
	if (strcmp(a->string, "Fn::GetAtt") != 0)
		return NULL;
	const cJSON *x = cJSON_IsArray(a) ? cJSON_GetArrayItem(a, 0) : NULL;
	if (cJSON_IsString(x))
		return item_of(im, x->valuestring);
	if (cJSON_IsString(a)) {
		const char *dot = strchr(a->valuestring, '.');
		if (dot) {
			char *name = ivs_xstrndup(a->valuestring, (size_t)(dot - a->valuestring));
			struct item *it = item_of(im, name);
			free(name);
			return it;
		}
	}
	return NULL;
}

struct pending_out {
	const cJSON *node;
	struct ivs_res *r;
	bool done;
};

/* Outputs become outputs: each names its entry (resource, and stream_key
 * for a key's value); the attribute is the one whose export gives the
 * template's Value: every choice is tried, all outputs at once, one export
 * per choice. An output no design makes is listed and left out. */
static void import_outputs(struct imp *im)
{
	enum ivs_kind ok = outputs_kind();
	const cJSON *outs = cJSON_GetObjectItemCaseSensitive(im->root, "Outputs");
	cJSON *eouts = cJSON_GetObjectItemCaseSensitive(im->expected, "Outputs");
	if (ok == IVS_KIND_COUNT || !cJSON_IsObject(outs))
		return;
	int f_res = ivs_field_find(ok, -1, "resource"), f_key = ivs_field_find(ok, -1, "stream_key");
	int f_attr = ivs_field_find(ok, -1, "attribute");
	int f_desc = ivs_field_find(ok, -1, "description");
	int f_exp = ivs_field_find(ok, -1, "export_name");
	const struct ivs_kind_info *ki = ivs_kind_info(ok);
	size_t n = (size_t)cJSON_GetArraySize(outs), np = 0;
	struct pending_out *pend = ivs_xcalloc(n ? n : 1, sizeof *pend);
	const cJSON *o;
	EACH(o, outs) {
		const cJSON *val = cJSON_GetObjectItemCaseSensitive(o, "Value");
		const cJSON *desc = cJSON_GetObjectItemCaseSensitive(o, "Description");
		const cJSON *exp = cJSON_GetObjectItemCaseSensitive(o, "Export");
		const cJSON *xname = cJSON_GetObjectItemCaseSensitive(exp, "Name");
		struct item *t = output_target(im, val);
		struct ivs_res *r = NULL;
		if (f_res >= 0 && f_attr >= 0 && t && t->r && all_alnum(o->string) &&
		    !ivs_project_find(im->p, o->string) &&
		    (r = ivs_edit_add(im->p, ok, NULL, o->string, SIZE_MAX))) {
			if (t->r->parent && f_key >= 0) {
				ivs_edit_set_str(im->p, r, f_res, t->r->parent->id);
				ivs_edit_set_str(im->p, r, f_key, t->r->id);
			} else {
				ivs_edit_set_str(im->p, r, f_res, t->r->id);
			}
			if (cJSON_IsString(desc) && f_desc >= 0)
				ivs_edit_set_str(im->p, r, f_desc, desc->valuestring);
			if (cJSON_IsString(xname) && f_exp >= 0)
				ivs_edit_set_str(im->p, r, f_exp, xname->valuestring);
		}
		pend[np].node = o;
		pend[np].r = r;
		np++;
	}
	size_t nchoices = f_attr >= 0 ? ivs_choice_count(ki->fields[f_attr].choices) : 0;
	for (size_t c = 0; c < nchoices; c++) {
		bool any = false;
		for (size_t i = 0; i < np; i++)
			if (pend[i].r && !pend[i].done) {
				ivs_edit_set_enum(im->p, pend[i].r, f_attr, (int)c);
				any = true;
			}
		if (!any)
			break;
		cJSON *t = ivs_export_template(im->p);
		const cJSON *touts = cJSON_GetObjectItemCaseSensitive(t, "Outputs");
		for (size_t i = 0; i < np; i++) {
			if (!pend[i].r || pend[i].done)
				continue;
			const cJSON *got = cJSON_GetObjectItemCaseSensitive(touts, pend[i].node->string);
			const cJSON *want = cJSON_GetObjectItemCaseSensitive(eouts, pend[i].node->string);
			pend[i].done = got && want && cJSON_Compare(got, want, true);
		}
		cJSON_Delete(t);
	}
	for (size_t i = 0; i < np; i++) {
		if (pend[i].done)
			continue;
		if (pend[i].r)
			ivs_edit_remove(im->p, pend[i].r);
		char *path = ivs_xasprintf("Outputs.%s", pend[i].node->string);
		const char *why = pend[i].r ? "no output of a design writes it as the template does"
		                            : "its Value names no entry of the design";
		ivs_diags_add(im->d, IVS_RULE_IMPORT_OTHER, ivs_template_key_pos(im->t, pend[i].node),
		              path, "%s: %s; the output is left out of the project", path, why);
		struct ivs_import_result *res = im->res;
		res->left_out = ivs_xrealloc(res->left_out, (res->nleft_out + 1) * sizeof *res->left_out);
		res->left_out[res->nleft_out++] = ivs_xasprintf("%s: the output (%s)", path, why);
		free(path);
		cJSON_DeleteItemFromObjectCaseSensitive(eouts, pend[i].node->string);
	}
	if (eouts && !eouts->child)
		cJSON_DeleteItemFromObjectCaseSensitive(im->expected, "Outputs");
	free(pend);
}

/* ---- normalizing and comparing ---- */

static int tag_cmp(const void *a, const void *b)
{
	const cJSON *x = *(const cJSON *const *)a, *y = *(const cJSON *const *)b;
	const cJSON *kx = cJSON_GetObjectItemCaseSensitive(x, "Key");
	const cJSON *ky = cJSON_GetObjectItemCaseSensitive(y, "Key");
	const char *sx = cJSON_IsString(kx) ? kx->valuestring : "";
	const char *sy = cJSON_IsString(ky) ? ky->valuestring : "";
	return strcmp(sx, sy);
}

static void sort_tags(cJSON *tags)
{
	int n = cJSON_GetArraySize(tags);
	if (!cJSON_IsArray(tags) || n < 2)
		return;
	cJSON **v = ivs_xcalloc((size_t)n, sizeof *v);
	for (int i = 0; i < n; i++)
		v[i] = cJSON_DetachItemFromArray(tags, 0);
	qsort(v, (size_t)n, sizeof *v, tag_cmp);
	for (int i = 0; i < n; i++)
		cJSON_AddItemToArray(tags, v[i]);
	free(v);
}

static void drop_member(cJSON *obj, const char *section, const char *name)
{
	cJSON *s = cJSON_GetObjectItemCaseSensitive(obj, section);
	if (!cJSON_IsObject(s))
		return;
	cJSON_DeleteItemFromObjectCaseSensitive(s, name);
	if (!s->child)
		cJSON_DeleteItemFromObjectCaseSensitive(obj, section);
}

static cJSON *getatt_arn(const char *name, const char *attr)
{
	cJSON *o = cJSON_CreateObject(), *a = cJSON_CreateArray();
	cJSON_AddItemToArray(a, cJSON_CreateString(name));
	cJSON_AddItemToArray(a, cJSON_CreateString(attr));
	cJSON_AddItemToObject(o, "Fn::GetAtt", a);
	return o;
}

/* {"Ref": X} of an IVS resource (its ARN) as {"Fn::GetAtt": [X, "Arn"]},
 * and {"Fn::GetAtt": "X.A"} as the list form, everywhere in n. */
static void normalize_refs(cJSON *n, const struct ivs_strmap *types, unsigned depth)
{
	cJSON *c, *next;
	if (depth > IVS_TEMPLATE_MAX_DEPTH + 2)
		return;
	for (c = (cJSON_IsObject(n) || cJSON_IsArray(n)) ? n->child : NULL; c; c = next) {
		next = c->next;
		cJSON *rep = NULL;
		if (cJSON_IsObject(c) && c->child && !c->child->next && cJSON_IsString(c->child)) {
			const char *k = c->child->string, *v = c->child->valuestring;
			void *type = NULL;
			if (!strcmp(k, "Ref") && ivs_strmap_get(types, v, &type, 1) && ref_is_arn(type)) {
				rep = getatt_arn(v, "Arn");
			} else if (!strcmp(k, "Fn::GetAtt") && strchr(v, '.')) {
				const char *dot = strchr(v, '.');
				char *name = ivs_xstrndup(v, (size_t)(dot - v));
				rep = getatt_arn(name, dot + 1);
				free(name);
			}
		}
		if (rep) {
			/* ReplaceItemViaPointer keeps no key: the member's name moves over */
			rep->string = c->string;
			c->string = NULL;
			cJSON_ReplaceItemViaPointer(n, c, rep);
		}
		else
			normalize_refs(c, types, depth + 1);
	}
}

cJSON *ivs_import_normalize(const cJSON *tmpl)
{
	cJSON *t = cJSON_Duplicate(tmpl, true);
	if (!cJSON_IsObject(t))
		return t;
	cJSON_DeleteItemFromObjectCaseSensitive(t, "AWSTemplateFormatVersion");
	drop_member(t, "Parameters", "BootstrapVersion");
	drop_member(t, "Rules", "CheckBootstrapVersion");
	drop_member(t, "Conditions", "CDKMetadataAvailable");
	cJSON *res = cJSON_GetObjectItemCaseSensitive(t, "Resources"), *r, *next;
	for (r = cJSON_IsObject(res) ? res->child : NULL; r; r = next) {
		next = r->next;
		const cJSON *type = cJSON_GetObjectItemCaseSensitive(r, "Type");
		if (cJSON_IsString(type) && !strcmp(type->valuestring, "AWS::CDK::Metadata")) {
			cJSON_Delete(cJSON_DetachItemViaPointer(res, r));
			continue;
		}
		cJSON_DeleteItemFromObjectCaseSensitive(r, "Metadata");
		cJSON *props = cJSON_GetObjectItemCaseSensitive(r, "Properties");
		sort_tags(cJSON_GetObjectItemCaseSensitive(props, "Tags"));
		if (cJSON_IsObject(props) && !props->child)   /* {} is no properties */
			cJSON_DeleteItemFromObjectCaseSensitive(r, "Properties");
	}
	if (cJSON_IsObject(res) && !res->child)
		cJSON_DeleteItemFromObjectCaseSensitive(t, "Resources");
	struct ivs_strmap *types = ivs_strmap_new();
	for (r = cJSON_IsObject(res) ? res->child : NULL; r; r = r->next) {
		const cJSON *type = cJSON_GetObjectItemCaseSensitive(r, "Type");
		if (cJSON_IsString(type))
			ivs_strmap_add(types, r->string, type->valuestring);
	}
	normalize_refs(t, types, 0);
	ivs_strmap_free(types);
	return t;
}

/* Where two templates first differ: the path, and how. a is the export,
 * b the template. */
enum diff_kind { DIFF_NONE, DIFF_EXTRA, DIFF_MISSING, DIFF_VALUE };
struct diff {
	struct ivs_buf path;
	enum diff_kind kind;
	cJSON *parent, *item;      /* DIFF_EXTRA: the member of a that b lacks */
};

static bool diff_path(cJSON *a, const cJSON *b, struct diff *df);

static void diff_at(struct diff *df, const char *name)
{
	ivs_buf_printf(&df->path, "%s%s", df->path.len ? "." : "", name);
}

/* diff_path of two mappings; bm: b's members by name. */
static bool diff_members(cJSON *a, const cJSON *b, const struct ivs_strmap *bm, struct diff *df)
{
	cJSON *x;
	EACH(x, a) {
		void *yv = NULL;
		const cJSON *y = ivs_strmap_get(bm, x->string, &yv, 1) ? yv : NULL;
		size_t len = df->path.len;
		diff_at(df, x->string);
		if (!y) {
			df->kind = DIFF_EXTRA;
			df->parent = a;
			df->item = x;
			return true;
		}
		if (diff_path(x, y, df))
			return true;
		df->path.len = len;
		df->path.data[len] = '\0';
	}
	/* every member of a is in b (names are unique): b has more when the
	 * counts differ */
	if (cJSON_GetArraySize(a) == cJSON_GetArraySize(b))
		return false;
	struct ivs_strmap *am = ivs_strmap_new();
	const cJSON *bx;
	EACH(x, a)
		ivs_strmap_add(am, x->string, x);
	EACH(bx, b) {
		void *xv = NULL;
		if (!ivs_strmap_get(am, bx->string, &xv, 1)) {
			diff_at(df, bx->string);
			break;
		}
	}
	ivs_strmap_free(am);
	df->kind = DIFF_MISSING;
	return true;
}

/* First difference of a and b (objects compared by member name). */
static bool diff_path(cJSON *a, const cJSON *b, struct diff *df)
{
	if (cJSON_IsObject(a) && cJSON_IsObject(b)) {
		/* members by name through a map: Resources may have thousands */
		struct ivs_strmap *bm = ivs_strmap_new();
		const cJSON *x;
		EACH(x, b)
			ivs_strmap_add(bm, x->string, (void *)(uintptr_t)x);
		bool differ = diff_members(a, b, bm, df);
		ivs_strmap_free(bm);
		return differ;
	}
	if (cJSON_IsArray(a) && cJSON_IsArray(b)) {
		cJSON *x = a->child;
		const cJSON *y = b->child;
		for (int i = 0; x || y; i++, x = x ? x->next : NULL, y = y ? y->next : NULL) {
			size_t len = df->path.len;
			ivs_buf_printf(&df->path, "[%d]", i);
			if (!x || !y) {
				df->kind = DIFF_VALUE;
				return true;
			}
			if (diff_path(x, y, df))
				return true;
			df->path.len = len;
			df->path.data[len] = '\0';
		}
		return false;
	}
	if (!cJSON_Compare(a, b, true)) {
		df->kind = DIFF_VALUE;
		return true;
	}
	return false;
}

bool ivs_import_same(const cJSON *a, const cJSON *b, char **where)
{
	cJSON *na = ivs_import_normalize(a), *nb = ivs_import_normalize(b);
	struct diff df = {.kind = DIFF_NONE};
	ivs_buf_init(&df.path);
	ivs_buf_puts(&df.path, "");
	bool differ = diff_path(na, nb, &df);
	if (where)
		*where = differ ? ivs_buf_steal(&df.path) : NULL;
	ivs_buf_free(&df.path);
	cJSON_Delete(na);
	cJSON_Delete(nb);
	return !differ;
}

/* ---- entries ---- */

static enum ivs_kind kind_of_type(const char *type)
{
	for (int k = 0; k < IVS_KIND_COUNT; k++) {
		const struct ivs_kind_info *ki = ivs_kind_info((enum ivs_kind)k);
		if (ki->cfn_type && ki->role != IVS_ROLE_ROOT && !strcmp(ki->cfn_type, type))
			return (enum ivs_kind)k;
	}
	return IVS_KIND_COUNT;
}

static void check_attributes(struct imp *im, struct item *it)
{
	const cJSON *a;
	EACH(a, it->node) {
		const char *k = a->string;
		if (!strcmp(k, "Type") || !strcmp(k, "Properties") || !strcmp(k, "Metadata") ||
		    !strcmp(k, "DeletionPolicy") || !strcmp(k, "UpdateReplacePolicy"))
			continue;
		char *p = ivs_xasprintf("Resources.%s.%s", it->lid, k);
		if (!strcmp(k, "Condition"))
			left_out(im, a, p, "the condition %s on a resource",
			         cJSON_IsString(a) ? a->valuestring : "?");
		else
			left_out(im, a, p, "the resource attribute %s", k);
		free(p);
	}
}

/* Places a top-level item: its id from the metadata or the logical id
 * (exact), else readable (second pass, exact == false). */
static void place_top(struct imp *im, struct item *it, bool exact)
{
	const char *mp, *mid;
	char *id = NULL;
	if (meta_ids(it, &mp, &mid))
		id = ivs_xstrdup(mid);
	else
		id = ivs_import_recover_id(it->ki->kind, NULL, it->lid);
	if (id && ivs_project_find(im->p, id)) {
		free(id);
		id = NULL;
	}
	if (!id && !exact)
		id = readable_id(im, it->lid, it->ki);
	if (id)
		it->r = ivs_edit_add(im->p, it->ki->kind, NULL, id, SIZE_MAX);
	free(id);
}

/* Places a child item under the parent its link property names. */
static void place_child(struct imp *im, struct item *it)
{
	const cJSON *props = cJSON_GetObjectItemCaseSensitive(it->node, "Properties");
	const cJSON *link = cJSON_GetObjectItemCaseSensitive(props, "ChannelArn");
	enum ivs_kind pk = it->ki->parent;
	const struct ivs_kind_info *pki = ivs_kind_info(pk);
	struct ivs_res *parent = NULL;
	const char *mp = NULL, *mid = NULL;
	char *rp = NULL, *rid = NULL, *path = NULL;
	bool meta = meta_ids(it, &mp, &mid);

	path = ivs_xasprintf("Resources.%s.Properties.ChannelArn", it->lid);
	struct item *t = link ? ref_target(im, link, false) : NULL;
	if (t && t->ki && t->ki->kind == pk && t->r) {
		parent = t->r;
	} else if (cJSON_IsString(link) && pki->import_field >= 0) {
		if (!meta)
			ivs_import_recover_pair(it->lid, &rp, &rid);
		parent = imported_entry(im, pk, link->valuestring, meta ? mp : rp);
	} else if (!link) {
		left_out(im, it->node, path, "missing: a %s needs its %s", it->ki->name, pki->name);
	} else {
		bad_value(im, link, path, "an Fn::GetAtt of a channel's Arn or a channel ARN");
	}
	free(path);
	if (parent) {
		char *id = NULL;
		if (meta && !strcmp(mp, parent->id))
			id = ivs_xstrdup(mid);
		if (!id)
			id = ivs_import_recover_id(it->ki->kind, parent->id, it->lid);
		const struct ivs_list *sib = ivs_res_children(parent);
		for (size_t i = 0; id && sib && i < sib->n; i++)
			if (!strcmp(sib->v[i]->id, id)) {
				free(id);
				id = NULL;
			}
		if (!id) {
			char *base = readable_id(im, it->lid, it->ki);
			id = ivs_xstrdup(base);
			for (unsigned n = 2; sib; n++) {
				bool clash = false;
				for (size_t i = 0; i < sib->n && !clash; i++)
					clash = !strcmp(sib->v[i]->id, id);
				if (!clash)
					break;
				free(id);
				id = ivs_xasprintf("%s%u", base, n);
			}
			free(base);
		}
		it->r = ivs_edit_add(im->p, it->ki->kind, parent, id, SIZE_MAX);
		free(id);
	}
	free(rp);
	free(rid);
}

/* The logical id the export gives each entry must be the template's:
 * where it is not, logical_id says it (when the kind has that row). */
static void keep_logical_ids(struct imp *im)
{
	for (size_t i = 0; i < im->n; i++) {
		struct item *it = &im->it[i];
		if (!it->r)
			continue;
		char *lid = ivs_export_logical_id(it->r);
		if (lid && strcmp(lid, it->lid) != 0) {
			int f = field_by_key(it->ki, "logical_id");
			if (f >= 0 && ivs_edit_set_str(im->p, it->r, f, it->lid) == 0) {
				/* kept */
			} else {
				char *p = ivs_xasprintf("Resources.%s", it->lid);
				left_out(im, it->node, p,
				         "the logical id %s, which no id of a %s gives (the design's "
				         "id %s gives %s)",
				         it->lid, it->ki->name, it->r->id, lid);
				free(p);
			}
		}
		free(lid);
	}
}

/* The deepest node of the template along a dotted path ("Resources.X.
 * Properties.Name" stops at Properties when Name is not there). */
static const cJSON *node_at(const struct imp *im, const char *path)
{
	const cJSON *n = im->root;
	char *p = ivs_xstrdup(path), *save = NULL;
	for (char *c = strtok_r(p, ".", &save); c && cJSON_IsObject(n); c = strtok_r(NULL, ".", &save)) {
		const cJSON *next = cJSON_GetObjectItemCaseSensitive(n, c);
		if (!next)
			break;
		n = next;
	}
	free(p);
	return n;
}

/* Exports the project and compares it with the template. What the design
 * always writes and the template lacks (a channel's Name, a bucket's
 * policies) is said as such, one by one; any other difference is a bug. */
static void verify(struct imp *im)
{
	cJSON *raw = ivs_export_template(im->p);
	cJSON *exp = ivs_import_normalize(raw);
	cJSON_Delete(raw);
	cJSON *want = ivs_import_normalize(im->expected);
	for (int round = 0; round < 100; round++) {
		struct diff df = {.kind = DIFF_NONE};
		ivs_buf_init(&df.path);
		ivs_buf_puts(&df.path, "");
		bool differ = diff_path(exp, want, &df);
		if (!differ) {
			ivs_buf_free(&df.path);
			break;
		}
		const cJSON *node = node_at(im, df.path.data);
		struct ivs_import_result *r = im->res;
		if (df.kind == DIFF_EXTRA) {
			ivs_diags_add(im->d, IVS_RULE_IMPORT_UNSUPPORTED, pos_of(im, node), df.path.data,
			              "%s: the template has none, but a design always writes one here; "
			              "the export of the project will have it",
			              df.path.data);
			r->left_out = ivs_xrealloc(r->left_out, (r->nleft_out + 1) * sizeof *r->left_out);
			r->left_out[r->nleft_out++] =
				ivs_xasprintf("%s: none in the template; the export will have one", df.path.data);
			cJSON_Delete(cJSON_DetachItemViaPointer(df.parent, df.item));
			ivs_buf_free(&df.path);
			continue;
		}
		ivs_diags_add(im->d, IVS_RULE_IMPORT_INEXACT, pos_of(im, node), df.path.data,
		              "%s: exporting the imported project does not give the template back "
		              "there; this is a bug in ivs-tui import: please report it with the "
		              "template",
		              *df.path.data ? df.path.data : "the template");
		r->left_out = ivs_xrealloc(r->left_out, (r->nleft_out + 1) * sizeof *r->left_out);
		r->left_out[r->nleft_out++] = ivs_xasprintf("%s: differs after export", df.path.data);
		ivs_buf_free(&df.path);
		break;
	}
	cJSON_Delete(want);
	cJSON_Delete(exp);
}

/* A template without Resources (what export writes for a stack that
 * creates nothing): a mapping of CloudFormation's sections only. */
static bool only_sections(const cJSON *root)
{
	static const char *const known[] = {"AWSTemplateFormatVersion", "Description", "Metadata",
	                                    "Parameters", "Rules", "Mappings", "Conditions",
	                                    "Transform", "Outputs", NULL};
	const cJSON *s;
	if (!cJSON_IsObject(root))
		return false;
	EACH(s, root) {
		size_t i = 0;
		while (known[i] && strcmp(known[i], s->string) != 0)
			i++;
		if (!known[i])
			return false;
	}
	return true;
}

void ivs_import(const struct ivs_template *t, const struct ivs_import_opts *o,
                struct ivs_import_result *res, struct ivs_diags *d)
{
	struct imp im = {.t = t, .d = d, .res = res};
	memset(res, 0, sizeof *res);
	if (!t || (!only_sections(t->root) && !ivs_template_check(t, d))) {
		res->trouble = true;
		return;
	}
	im.root = t->root;
	im.resources = cJSON_GetObjectItemCaseSensitive(t->root, "Resources");
	im.params = cJSON_GetObjectItemCaseSensitive(t->root, "Parameters");
	im.n = (size_t)cJSON_GetArraySize(im.resources);
	im.it = ivs_xcalloc(im.n ? im.n : 1, sizeof *im.it);
	im.by_lid = ivs_strmap_new();
	im.imported = ivs_strmap_new();
	size_t i = 0;
	const cJSON *r;
	EACH(r, im.resources) {
		struct item *it = &im.it[i++];
		it->node = r;
		it->lid = r->string;
		ivs_strmap_add(im.by_lid, it->lid, it);
	}
	if (find_cycle(&im)) {
		res->trouble = true;
		goto out;
	}
	im.p = ivs_project_new();
	ivs_project_set_history(im.p, false);
	im.expected = ivs_import_normalize(t->root);
	sections(&im);
	for (const cJSON *s = im.root->child, *next; s; s = next) {
		next = s->next;
		if (strcmp(s->string, "Description") && strcmp(s->string, "Resources") &&
		    (strcmp(s->string, "Outputs") || !cJSON_IsObject(s) ||
		     outputs_kind() == IVS_KIND_COUNT))
			cJSON_DeleteItemFromObjectCaseSensitive(im.expected, s->string);
	}
	cJSON *eres = cJSON_GetObjectItemCaseSensitive(im.expected, "Resources");
	for (i = 0; i < im.n; i++) {
		struct item *it = &im.it[i];
		const char *type = cJSON_GetObjectItemCaseSensitive(it->node, "Type")->valuestring;
		if (!strcmp(type, "AWS::CDK::Metadata"))
			continue;
		enum ivs_kind k = kind_of_type(type);
		if (k == IVS_KIND_COUNT) {
			char *what = ivs_xasprintf("%s %s", type, it->lid);
			char *p = ivs_xasprintf("Resources.%s", it->lid);
			other(&im, it->node, p, what);
			free(p);
			free(what);
			cJSON_DeleteItemFromObjectCaseSensitive(eres, it->lid);
			continue;
		}
		it->ki = ivs_kind_info(k);
		read_meta(&im, it);
		check_attributes(&im, it);
	}
	if (eres && !eres->child)
		cJSON_DeleteItemFromObjectCaseSensitive(im.expected, "Resources");
	/* top-level entries: exact ids first, so that readable ones never take them */
	for (int pass = 0; pass < 2; pass++)
		for (i = 0; i < im.n; i++)
			if (im.it[i].ki && im.it[i].ki->role == IVS_ROLE_TOP && !im.it[i].r)
				place_top(&im, &im.it[i], pass == 0);
	for (i = 0; i < im.n; i++)
		if (im.it[i].ki && im.it[i].ki->role == IVS_ROLE_CHILD)
			place_child(&im, &im.it[i]);
	for (i = 0; i < im.n; i++) {
		struct item *it = &im.it[i];
		if (!it->r)
			continue;
		struct fill fl = {0};
		fill_item(&im, it, &fl);
		if (it->r->kind == IVS_KIND_CHANNEL)
			channel_fixups(&im, it, &fl);
	}
	for (i = 0; i < im.n; i++) {
		struct item *it = &im.it[i];
		if (it->r && it->r->parent && !ivs_res_imported(it->r->parent))
			fold_tags(&im, it);
	}
	char *stack = pick_stack_name(&im, o);
	ivs_edit_set_str(im.p, &ivs_project_stack(im.p)->r, IVS_STACK_NAME, stack);
	free(stack);
	unset_generated_names(&im);
	keep_logical_ids(&im);
	import_outputs(&im);
	if (!d->errors)
		verify(&im);
	ivs_project_set_history(im.p, true);
	ivs_project_mark_saved(im.p);
	res->p = im.p;
out:
	for (i = 0; i < im.n; i++)
		for (size_t j = 0; j < im.it[i].nmeta; j++)
			free(im.it[i].meta[j]);
	free(im.it);
	ivs_strmap_free(im.by_lid);
	ivs_strmap_free(im.imported);
	free(im.meta_stack);
	cJSON_Delete(im.expected);
}

void ivs_import_result_free(struct ivs_import_result *res)
{
	if (!res)
		return;
	ivs_project_free(res->p);
	for (size_t i = 0; i < res->nleft_out; i++)
		free(res->left_out[i]);
	free(res->left_out);
	memset(res, 0, sizeof *res);
}

/* Text in a YAML comment: what YAML cannot print or reads as a line break
 * (control characters, C1 controls, U+2028, U+2029, U+FFFE, U+FFFF) as
 * \xNN or \uNNNN, so the file loads. The
 * text is valid UTF-8 (the template reader checked it). */
static void put_comment_text(struct ivs_buf *out, const char *s)
{
	const unsigned char *c = (const unsigned char *)s;
	while (*c) {
		unsigned cp = *c;
		size_t n = 1;
		if (cp >= 0xF0 && c[1] && c[2] && c[3]) {
			cp = ((cp & 7u) << 18) | ((c[1] & 63u) << 12) | ((c[2] & 63u) << 6) | (c[3] & 63u);
			n = 4;
		} else if (cp >= 0xE0 && c[1] && c[2]) {
			cp = ((cp & 15u) << 12) | ((c[1] & 63u) << 6) | (c[2] & 63u);
			n = 3;
		} else if (cp >= 0xC0 && c[1]) {
			cp = ((cp & 31u) << 6) | (c[1] & 63u);
			n = 2;
		}
		/* U+0085, U+2028 and U+2029 are line breaks to YAML: they would end the comment */
		bool printable = (cp >= 0x20 && cp < 0x7F) || (cp >= 0xA0 && cp <= 0xD7FF && cp != 0x2028 &&
		                                               cp != 0x2029) ||
		                 (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
		if (n == 1 && cp >= 0x80)
			printable = false;   /* a stray byte (not from the reader) */
		if (printable)
			ivs_buf_add(out, (const char *)c, n);
		else if (cp < 0x100)
			ivs_buf_printf(out, "\\x%02X", cp);
		else
			ivs_buf_printf(out, "\\u%04X", cp);
		c += n;
	}
}

void ivs_import_text(const struct ivs_import_result *res, const char *template_name,
                     struct ivs_buf *out)
{
	if (res->nleft_out) {
		ivs_buf_puts(out, "# Imported from ");
		put_comment_text(out, template_name);
		ivs_buf_puts(out, " by ivs-tui import; left out, as a project cannot hold it:\n");
		for (size_t i = 0; i < res->nleft_out; i++) {
			ivs_buf_puts(out, "# - ");
			put_comment_text(out, res->left_out[i]);
			ivs_buf_putc(out, '\n');
		}
	}
	if (res->p)
		ivs_save_buffer(res->p, out);
}

struct ivs_template *ivs_import_sniff(const char *path)
{
	struct ivs_diags d;
	ivs_diags_init(&d);
	struct ivs_template *t = ivs_template_load(path, &d);
	ivs_diags_free(&d);
	if (t && (!cJSON_IsObject(t->root) || cJSON_GetObjectItemCaseSensitive(t->root, "ivs_tui") ||
	          (!cJSON_GetObjectItemCaseSensitive(t->root, "Resources") &&
	           !cJSON_GetObjectItemCaseSensitive(t->root, "AWSTemplateFormatVersion")))) {
		ivs_template_free(t);
		t = NULL;
	}
	return t;
}

char *ivs_import_stack_name_of(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strcspn(base, ".");
	char *s = ivs_xstrndup(base, n);
	for (char *c = s; *c; c++)
		if (*c == '_' || *c == ' ')
			*c = '-';
	if (n > 128 || !ivs_chars_stack_name(s)) {
		free(s);
		return NULL;
	}
	return s;
}
