/* validate.c: the validator's indexes, the cross-resource rules and the
 * public API (validate.h).
 *
 * State (struct vstate, in the project's vstate slot, owned by it):
 *   recs    resource -> struct vrec: what the resource put in the indexes
 *           when it was last checked, and the counts it added to the totals;
 *           every live resource has one after a validation.
 *   ids     top-level id -> live holders (ID_DUPLICATE, references)
 *   refs    referenced id -> referrers (REF_MISSING, REF_WRONG_KIND)
 *   lids    CloudFormation logical id -> resources (LOGICAL_ID_*)
 *   missing per target kind, the referrers whose reference names nothing
 *           (their "did you mean" depends on every id of that kind)
 *
 * ivs_validate_changes turns the change journal into a set of touched
 * resources, takes their old index entries out and puts the new ones in,
 * and re-checks the touched resources plus those that share an index key
 * that changed. A resource's diagnostics live in r->diags; project-wide
 * ones (resource limit, no resource at all, key pair quota) in
 * ivs_project_diags(p).
 *
 * The rules one entry checks alone are in validate_fields.c, the
 * containers in validate_index.c, ivs_validate_candidate in
 * validate_candidate.c. */
#include "ivs/validate.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ivs/cdkid.h"
#include "ivs/export.h"
#include "ivs/util.h"
#include "ivs/value.h"
#include "validate_int.h"

#define RESOURCE_LIMIT 500
#define OUTPUT_LIMIT 200
#define OUTPUT_MARK '\x01'   /* an output's key in lids: Outputs, not Resources */
#define KEY_PAIR_QUOTA 3

/* ---- state ---- */

struct vrec {
	char *id;               /* key in ids (top-level entries), or NULL */
	char **ref;             /* keys in refs (every id the entry's REF and
	                           REF_LIST rows name), nref of them */
	size_t nref;
	char *lid;              /* key in lids, or NULL */
	char *xname;            /* key in xnames (an output's export_name), or NULL */
	unsigned missing;       /* bit k: in missing[k] (a reference names no kind k) */
	size_t errors, warnings;
};

struct vstate {
	struct ptrmap recs;                  /* struct ivs_res * -> struct vrec * */
	struct kidx ids, refs, lids, xnames;
	struct ptrmap missing[IVS_KIND_COUNT];
	size_t errors, warnings;             /* over every live resource */
	size_t key_pairs;                    /* at the last validation */
	size_t checked;                      /* resources checked by the last call */
	struct ivs_diags *pdiags;            /* ivs_project_diags(p) */
	unsigned long gen;                   /* project generation validated */
	bool pc_done;                        /* project_checks ran on this state, with: */
	size_t pc_cfn, pc_kp, pc_out;        /* the resource, key pair and output counts */
};

static void rec_free(struct vrec *v)
{
	free(v->id);
	for (size_t j = 0; j < v->nref; j++)
		free(v->ref[j]);
	free(v->ref);
	free(v->lid);
	free(v->xname);
	free(v);
}

void ivs_vstate_free(void *p)
{
	struct vstate *vs = p;
	if (!vs)
		return;
	for (size_t i = 0; i < vs->recs.cap; i++)
		if (vs->recs.v[i].key)
			rec_free(vs->recs.v[i].val);
	ivs_vpm_free(&vs->recs);
	for (size_t k = 0; k < IVS_KIND_COUNT; k++)
		ivs_vpm_free(&vs->missing[k]);
	ivs_vkidx_free(&vs->ids);
	ivs_vkidx_free(&vs->refs);
	ivs_vkidx_free(&vs->lids);
	ivs_vkidx_free(&vs->xnames);
	free(vs);
}

static struct vstate *vstate_new(void)
{
	struct vstate *vs = ivs_xcalloc(1, sizeof *vs);
	ivs_vkidx_init(&vs->ids);
	ivs_vkidx_init(&vs->refs);
	ivs_vkidx_init(&vs->lids);
	ivs_vkidx_init(&vs->xnames);
	return vs;
}

/* ---- what a resource puts in the indexes ---- */

/* The references of an entry: one per set REF row, one per id of a
 * REF_LIST row (field, id). A child reference (an output's stream_key)
 * is keyed by the id of the entry that holds the child, so that an edit of
 * that entry (its stream keys) re-checks it. */
struct rslot {
	int field;
	const char *id;
};

static size_t ref_slots(const struct ivs_res *r, struct rslot **out)
{
	const struct ivs_kind_info *ki = ivs_res_info(r);
	size_t n = 0, cap = 0;
	*out = NULL;
	if (ivs_res_imported(r))
		return 0;
	for (int i = 0; i < ki->nfields; i++) {
		const struct ivs_field *f = &ki->fields[i];
		const struct ivs_idlist *l = NULL;
		size_t k = 0;
		if (!ivs_res_is_set(r, i))
			continue;
		if (f->type == IVS_FT_REF)
			k = 1;
		else if (f->type == IVS_FT_REF_LIST && (l = ivs_res_get_ids(r, i)))
			k = l->n;
		if (!k)
			continue;
		if (n + k > cap) {
			cap = (n + k) * 2;
			*out = ivs_xrealloc(*out, cap * sizeof **out);
		}
		for (size_t j = 0; j < k; j++) {
			(*out)[n].field = i;
			(*out)[n++].id = l ? l->v[j] : ivs_res_get_str(r, i);
		}
	}
	return n;
}

/* File order: the TOP kinds in table order, each entry followed by its
 * children. */
static int order_cmp(const struct ivs_res *a, const struct ivs_res *b)
{
	size_t ak = a->parent ? a->parent->kind : a->kind, bk = b->parent ? b->parent->kind : b->kind;
	size_t ai = a->parent ? a->parent->index : a->index, bi = b->parent ? b->parent->index : b->index;
	size_t as = a->parent ? a->index + 1 : 0, bs = b->parent ? b->index + 1 : 0;
	if (ak != bk)
		return ak < bk ? -1 : 1;
	if (ai != bi)
		return ai < bi ? -1 : 1;
	if (as != bs)
		return as < bs ? -1 : 1;
	return 0;
}

/* "a" or "an" before a kind's name ("an output", "an ingest configuration"). */
static const char *art(const char *name)
{
	return name && strchr("aeiou", name[0]) ? "an" : "a";
}

/* ---- cross-resource rules of one resource ---- */

/* The first of the live holders of key in m, with `view` standing in for
 * its resource; NULL when view's resource is the only one. */
static const struct ivs_res *first_other(const struct kidx *m, const char *key,
                                         const struct ivs_vview *v, bool *before)
{
	const struct ptrmap *set = ivs_vkidx_set(m, key);
	const struct ivs_res *first = NULL;
	for (size_t i = 0; set && i < set->cap; i++) {
		const struct ivs_res *o = set->v[i].key;
		if (!o || o == v->self || !ivs_vlive(o))
			continue;
		if (!first || order_cmp(o, first) < 0)
			first = o;
	}
	*before = first && order_cmp(first, v->self) < 0;
	return first;
}

/* "buckets, channels, ... and public keys": the TOP kinds, from the table. */
static const char *top_plurals(void)
{
	static char text[512];
	if (!text[0]) {
		const char *w[IVS_TOP_KIND_COUNT];
		struct ivs_buf b;
		for (size_t i = 0; i < IVS_TOP_KIND_COUNT; i++)
			w[i] = ivs_kind_info(ivs_top_kinds[i])->plural;
		ivs_buf_init(&b);
		ivs_words_join(&b, w, IVS_TOP_KIND_COUNT, " and ");
		snprintf(text, sizeof text, "%s", b.data);
		ivs_buf_free(&b);
	}
	return text;
}

static void check_id_dup(const struct vstate *vs, const struct ivs_vview *v, struct ivs_diags *out)
{
	const struct ivs_res *r = v->r;
	bool before;

	bool cand = v->r != v->self;

	if (r->kind == IVS_KIND_STACK || !r->id)
		return;
	if (r->parent) {
		const struct ivs_list *sk = ivs_res_children(r->parent);
		/* stored: the later of two reports; a candidate: any clash */
		for (size_t i = 0; i < sk->n && (sk->v[i] != v->self || cand); i++)
			if (sk->v[i] != v->self && ivs_str_eq(sk->v[i]->id, r->id)) {
				ivs_vdiag(out, IVS_RULE_STREAM_KEY_DUPLICATE, r, 0,
				          "stream key id '%s' is already used by another stream key of this "
				          "channel: give this one another id.", r->id);
				break;
			}
		return;
	}
	const struct ivs_res *o = first_other(&vs->ids, r->id, v, &before);
	if (o && (before || cand))
		ivs_vdiag(out, IVS_RULE_ID_DUPLICATE, r, 0,
		          "id '%s' is already used by a %s%s; %s share one namespace: give this %s "
		          "another id.", r->id, ivs_kind_info(o->kind)->name, before ? " above" : "",
		          top_plurals(), ivs_res_info(r)->name);
}

static void check_stream_key_count(const struct ivs_vview *v, struct ivs_diags *out)
{
	const struct ivs_res *r = v->r;
	if (r->kind != IVS_KIND_STREAM_KEY || v->self->index == 0)
		return;
	ivs_vdiag(out, IVS_RULE_STREAM_KEY_MULTIPLE, r, -1,
	          "channel '%s' has %zu stream keys but IVS allows one per channel, so creating this "
	          "one would fail: remove it.", r->parent->id, ivs_res_children(r->parent)->n);
}

static const char *id_at(const void *ctx, size_t i)
{
	return ((const struct ivs_list *)ctx)->v[i]->id;
}

static const char *suggest(const struct ivs_project *p, enum ivs_kind kind, const char *id)
{
	const struct ivs_list *l = ivs_project_list(p, kind);
	size_t max = strlen(id) / 3 > 2 ? strlen(id) / 3 : 2;
	return ivs_closest(id, l->n, id_at, l, max);
}

static bool kind_in(const struct ivs_field *f, enum ivs_kind k)
{
	return f->ref_mask ? (f->ref_mask >> k) & 1u : f->ref == k;
}

/* "a channel, bucket or chat room": the kinds a REF row may name. */
static void put_wanted(struct ivs_buf *b, const struct ivs_field *f)
{
	if (!f->ref_mask) {
		ivs_buf_puts(b, ivs_kind_info(f->ref)->name);
		return;
	}
	ivs_buf_puts(b, "an entry this template creates (");
	const char *w[IVS_KIND_COUNT];
	size_t n = 0;
	for (int k = 0; k < IVS_KIND_COUNT; k++)
		if ((f->ref_mask >> k) & 1u)
			w[n++] = ivs_kind_info((enum ivs_kind)k)->name;
	ivs_words_join(b, w, n, " or ");
	ivs_buf_puts(b, ")");
}

/* One reference; returns the kinds it could name when it names nothing
 * (a bit mask), else 0. A child reference is the kind's own check
 * (check_output). */
static unsigned check_ref(const struct ivs_project *p, const struct vstate *vs,
                          const struct ivs_vview *v, const struct rslot *sl,
                          struct ivs_diags *out)
{
	const struct ivs_res *r = v->r;
	int fi = sl->field;
	const char *id = sl->id;
	char vb[80];

	const struct ivs_field *f = &ivs_res_info(r)->fields[fi];
	if (f->ref_parent)
		return 0;
	const char *list = ivs_kind_info(f->ref)->list_key;
	const struct ptrmap *set = ivs_vkidx_set(&vs->ids, id);
	const struct ivs_res *other = NULL;
	bool found = false;
	for (size_t i = 0; set && i < set->cap && !found; i++) {
		const struct ivs_res *o = set->v[i].key;
		if (!o || !ivs_vlive(o))
			continue;
		if (kind_in(f, o->kind))
			found = true;
		else if (!other || order_cmp(o, other) < 0)
			other = o;
	}
	if (found)
		return 0;
	struct ivs_buf want;
	ivs_buf_init(&want);
	put_wanted(&want, f);
	ivs_vshow(id, vb, sizeof vb);
	if (other) {
		if (f->ref_mask)
			ivs_vdiag(out, IVS_RULE_REF_WRONG_KIND, r, fi,
			          "%s '%s' names %s %s, which creates no resource: give the id of %s.",
			          f->key, vb, art(ivs_kind_info(other->kind)->name),
			          ivs_kind_info(other->kind)->name, want.data);
		else
			ivs_vdiag(out, IVS_RULE_REF_WRONG_KIND, r, fi,
			          "%s '%s' names a %s, not a %s: give the id of an entry in %s.", f->key, vb,
			          ivs_kind_info(other->kind)->name, want.data, list);
		ivs_buf_free(&want);
		return 0;
	}
	const char *close = f->ref_mask ? NULL : suggest(p, f->ref, id);
	if (close)
		ivs_vdiag(out, IVS_RULE_REF_MISSING, r, fi,
		          "%s '%s' names no %s in the project: did you mean '%s'?", f->key, vb, want.data,
		          close);
	else if (f->ref_mask)
		ivs_vdiag(out, IVS_RULE_REF_MISSING, r, fi,
		          "%s '%s' names nothing in the project: give the id of %s.", f->key, vb,
		          want.data);
	else
		ivs_vdiag(out, IVS_RULE_REF_MISSING, r, fi,
		          "%s '%s' names no %s in the project: add one with that id to %s, or fix the "
		          "reference.", f->key, vb, want.data, list);
	ivs_buf_free(&want);
	return f->ref_mask ? f->ref_mask : 1u << f->ref;
}

/* Two ids that differ but sanitize alike ("x/y", "x--y", "x" line feed
 * "y"): one construct id to the CDK ("There is already a Construct with
 * name ..."). They share the logical id, which is how they are found. */
static void report_same_construct(const struct ivs_res *r, const struct ivs_res *o,
                                  struct ivs_diags *out)
{
	char *cid = ivs_cdk_sanitize_id(r->id);
	char ob[80], cb[80];
	/* the line feed itself, not ivs_vshow's space: the printer escapes it */
	const char *os = strlen(o->id) <= 60 ? o->id : ivs_vshow(o->id, ob, sizeof ob);
	ivs_vdiag(out, r->parent ? IVS_RULE_STREAM_KEY_DUPLICATE : IVS_RULE_ID_DUPLICATE, r, 0,
	          "this %s's id and the %s id '%s' are one construct id, '%s', as the CDK turns "
	          "'/' and a line feed into '--': give this %s another id.",
	          ivs_res_info(r)->name, ivs_kind_info(o->kind)->name, os,
	          ivs_vshow(cid, cb, sizeof cb), ivs_res_info(r)->name);
	free(cid);
}

static void check_lid(const struct vstate *vs, const struct ivs_vview *v, const char *lid,
                      struct ivs_diags *out)
{
	const struct ivs_res *r = v->r;
	bool before;

	if (!lid)
		return;
	const char *key = lid;
	if (*lid == OUTPUT_MARK)
		lid++;
	int lf = ivs_field_find(r->kind, -1, "logical_id");
	if (strlen(lid) > 255 && lf >= 0 && ivs_res_is_set(r, lf))
		return;   /* its own logical_id: the table's length rule says so */
	if (strlen(lid) > 255) {
		ivs_vdiag(out, IVS_RULE_LOGICAL_ID_TOO_LONG, r, 0,
		          "the logical id made of id '%s' is %zu characters, but CloudFormation allows "
		          "255: shorten the id.", r->id, strlen(lid));
		return;
	}
	/* a stream key that repeats a sibling's id: STREAM_KEY_DUPLICATE */
	if (r->parent) {
		const struct ivs_list *sk = ivs_res_children(r->parent);
		for (size_t i = 0; i < sk->n && (sk->v[i] != v->self || v->r != v->self); i++)
			if (sk->v[i] != v->self && ivs_str_eq(sk->v[i]->id, r->id))
				return;
	}
	const struct ivs_res *o = first_other(&vs->lids, key, v, &before);
	if (!o || !(before || v->r != v->self))
		return;
	/* Two entries with one id in one list: ID_DUPLICATE or
	 * STREAM_KEY_DUPLICATE says it already. */
	if (o->parent == r->parent && ivs_str_eq(o->id, r->id))
		return;
	if (o->parent == r->parent && ivs_cdk_same_id(o->id, r->id)) {
		report_same_construct(r, o, out);
		return;
	}
	bool dflt = ivs_str_eq(r->id, "Default") || ivs_str_eq(o->id, "Default");
	if (lf >= 0 && ivs_res_is_set(r, lf)) {
		/* issue 10: the entry's own logical_id */
		ivs_vdiag(out, IVS_RULE_LOGICAL_ID_COLLISION, r, lf,
		          "logical_id '%s' is already the logical id of the %s '%s', and a template's "
		          "logical ids are unique: change this logical_id.", lid,
		          ivs_kind_info(o->kind)->name, o->id);
		return;
	}
	ivs_vdiag(out, IVS_RULE_LOGICAL_ID_COLLISION, r, 0,
	          "this %s gets the logical id '%s', which the %s '%s' already has%s: rename this "
	          "%s.", ivs_res_info(r)->name, lid, ivs_kind_info(o->kind)->name, o->id,
	          dflt ? " (the CDK drops an id 'Default' from construct paths)" : "",
	          ivs_res_info(r)->name);
}

static void check_authorized(const struct ivs_project *p, const struct ivs_vview *v,
                             struct ivs_diags *out)
{
	const struct ivs_res *r = v->r;
	if (r->kind != IVS_KIND_CHANNEL || ivs_res_imported(r) ||
	    !ivs_res_get_num(r, IVS_CHANNEL_AUTHORIZED) || ivs_project_list(p, IVS_KIND_KEY_PAIR)->n)
		return;
	ivs_vdiag(out, IVS_RULE_AUTHORIZED_NO_KEY_PAIR, r, IVS_CHANNEL_AUTHORIZED,
	          "the channel is authorized but the project has no playback key pair: add one to "
	          "playback_key_pairs, or make sure the account has one, or viewers cannot play it.");
}

/* A channel's L2 construct already has a child "Resource" (its CfnChannel):
 * a stream key of that name is refused by the CDK. */
static void check_reserved_id(const struct ivs_vview *v, struct ivs_diags *out)
{
	const struct ivs_res *r = v->r;
	/* issue 10: an L1 class directly in the stack called "Default" has an
	 * empty path once the CDK drops it; "CheckBootstrapVersion" is the
	 * name of the CDK's own rule in every stack */
	if (r->id && !r->parent && ivs_res_info(r)->path == IVS_PATH_L1 &&
	    strcmp(r->id, "Default") == 0) {
		ivs_vdiag(out, IVS_RULE_ID_RESERVED, r, 0,
		          "%s %s may not be called 'Default': the CDK drops that id from construct "
		          "paths and has nothing left to make the logical id of (\"Unable to calculate "
		          "a unique id for an empty set of components\"): give it another id.",
		          art(ivs_res_info(r)->name), ivs_res_info(r)->name);
		return;
	}
	if (r->id && !r->parent && ivs_res_info(r)->path != IVS_PATH_NONE &&
	    strcmp(r->id, "CheckBootstrapVersion") == 0) {
		ivs_vdiag(out, IVS_RULE_ID_RESERVED, r, 0,
		          "%s %s may not be called 'CheckBootstrapVersion': the CDK adds a rule of that "
		          "name to every stack (\"There is already a Construct with name "
		          "'CheckBootstrapVersion'\"): give it another id.", art(ivs_res_info(r)->name),
		          ivs_res_info(r)->name);
		return;
	}
	if (r->kind != IVS_KIND_STREAM_KEY || !r->id || strcmp(r->id, "Resource") != 0)
		return;
	ivs_vdiag(out, IVS_RULE_ID_RESERVED, r, 0,
	          "a stream key may not be called 'Resource': the channel's own resource already "
	          "has that construct id (the CDK: \"There is already a Construct with name "
	          "'Resource'\"): give the stream key another id.");
}

/* Names.uniqueResourceName drops "Default" components: stack "Default"
 * and channel "Default" leave nothing to make the channel's name of. */
static void check_default_name(const struct ivs_project *p, const struct ivs_vview *v,
                               struct ivs_diags *out)
{
	const struct ivs_res *r = v->r;
	const struct ivs_stack *st = ivs_project_stack(p);
	if (r->kind != IVS_KIND_CHANNEL || ivs_res_imported(r) || !ivs_str_eq(r->id, "Default") ||
	    ivs_res_is_set(r, IVS_CHANNEL_NAME) || !st || !ivs_str_eq(st->name, "Default"))
		return;
	ivs_vdiag(out, IVS_RULE_CHANNEL_NAME_DEFAULT, r, 0,
	          "the stack and this channel are both called 'Default', which the CDK leaves out "
	          "of generated names, so it cannot make this channel's name (\"Unable to "
	          "calculate a unique resource name for an empty set of components\"): set "
	          "channel_name, or rename the channel or the stack.");
}

/* The key of an entry in the lids index: its logical id; an output's is
 * marked, as Outputs and Resources are two sections of the template (two
 * outputs with one logical id collide, an output and a resource do not). */
char *ivs_vlid_key(const struct ivs_res *r)
{
	char *lid = ivs_export_logical_id(r);
	if (!lid || ivs_res_info(r)->cfn_type)
		return lid;
	char *k = ivs_xasprintf("%c%s", OUTPUT_MARK, lid);
	free(lid);
	return k;
}

/* An output: its resource has the attribute, is created here, the stream
 * key is one of the channel's, secrets, the export name is unique. */
static void check_output(const struct ivs_project *p, const struct vstate *vs,
                         const struct ivs_vview *v, struct ivs_diags *out)
{
	const struct ivs_res *r = v->r;
	const char *rid = ivs_res_get_str(r, IVS_OUTPUT_RESOURCE);
	const char *skid = ivs_res_get_str(r, IVS_OUTPUT_STREAM_KEY);
	const char *xname = ivs_res_get_str(r, IVS_OUTPUT_EXPORT_NAME);
	const struct ivs_field *fs = ivs_res_info(r)->fields;
	char vb[80], sb[80];

	if (r->kind != IVS_KIND_OUTPUT)
		return;
	(void)p;
	if (xname) {
		bool before;
		const struct ivs_res *o = first_other(&vs->xnames, xname, v, &before);
		if (o && (before || v->r != v->self))
			ivs_vdiag(out, IVS_RULE_OUTPUT_EXPORT_DUPLICATE, r, IVS_OUTPUT_EXPORT_NAME,
			          "export name '%s' is already the export name of output '%s': export "
			          "names are unique in a region, give this one another.",
			          ivs_vshow(xname, vb, sizeof vb), o->id);
	}
	const struct ivs_res *t = NULL;
	const struct ptrmap *set = rid ? ivs_vkidx_set(&vs->ids, rid) : NULL;
	for (size_t i = 0; set && i < set->cap; i++) {
		const struct ivs_res *o = set->v[i].key;
		if (o && ivs_vlive(o) && (fs[IVS_OUTPUT_RESOURCE].ref_mask >> o->kind) & 1u &&
		    (!t || order_cmp(o, t) < 0))
			t = o;
	}
	if (!t)
		return;   /* check_ref says so */
	/* an imported entry has no attributes here; the stream keys this
	 * template creates for an imported channel do */
	if (ivs_res_imported(t) && !skid) {
		ivs_vdiag(out, IVS_RULE_OUTPUT_IMPORTED, r, IVS_OUTPUT_RESOURCE,
		          "%s '%s' is imported, so this template creates nothing whose value it could "
		          "show: name an entry the template creates%s.", ivs_res_info(t)->name,
		          ivs_vshow(rid, vb, sizeof vb),
		          ivs_res_children(t) ? ", or one of its stream keys with stream_key" : "");
		return;
	}
	if (skid) {
		const struct ivs_list *kids = ivs_res_children(t);
		const struct ivs_res *k = NULL;
		for (size_t i = 0; kids && i < kids->n && !k; i++)
			if (ivs_str_eq(kids->v[i]->id, skid))
				k = kids->v[i];
		if (!kids) {
			ivs_vdiag(out, IVS_RULE_OUTPUT_STREAM_KEY, r, IVS_OUTPUT_STREAM_KEY,
			          "stream_key '%s' needs resource to name a channel, but '%s' is a %s: "
			          "remove stream_key, or name the channel.", ivs_vshow(skid, sb, sizeof sb),
			          ivs_vshow(rid, vb, sizeof vb), ivs_res_info(t)->name);
			return;
		}
		if (!k) {
			ivs_vdiag(out, IVS_RULE_OUTPUT_STREAM_KEY, r, IVS_OUTPUT_STREAM_KEY,
			          "stream_key '%s' is not a stream key of channel '%s': give the id of one "
			          "of its stream keys, or add one with that id.",
			          ivs_vshow(skid, sb, sizeof sb), ivs_vshow(rid, vb, sizeof vb));
			return;
		}
		t = k;
	}
	if (!ivs_res_is_set(r, IVS_OUTPUT_ATTRIBUTE))
		return;
	int attr = (int)ivs_res_get_num(r, IVS_OUTPUT_ATTRIBUTE);
	if (!ivs_output_attr_of(t->kind, attr)) {
		const char *w[IVS_ATTR_COUNT];
		size_t n = 0;
		for (int a = 0; a < IVS_ATTR_COUNT; a++)
			if (ivs_output_attr_of(t->kind, a))
				w[n++] = fs[IVS_OUTPUT_ATTRIBUTE].choices[a];
		struct ivs_buf b;
		ivs_buf_init(&b);
		ivs_words_join(&b, w, n, " or ");
		ivs_vdiag(out, IVS_RULE_OUTPUT_ATTRIBUTE, r, IVS_OUTPUT_ATTRIBUTE,
		          "%s %s has no attribute %s: choose %s.", art(ivs_res_info(t)->name),
		          ivs_res_info(t)->name,
		          fs[IVS_OUTPUT_ATTRIBUTE].choices[attr], b.data);
		ivs_buf_free(&b);
	} else if (ivs_output_attr_secret(t->kind, attr)) {
		ivs_vdiag(out, IVS_RULE_OUTPUT_SECRET, r, IVS_OUTPUT_ATTRIBUTE,
		          "the %s's %s is a secret: anyone who can read the stack's outputs can stream "
		          "with it; output its arn instead and read the value with the IVS API.",
		          ivs_res_info(t)->name, fs[IVS_OUTPUT_ATTRIBUTE].choices[attr]);
	}
}

/* Every rule of one resource; returns the kinds its references miss. */
unsigned ivs_vcheck_view(const struct ivs_project *p, const struct vstate *vs,
                         const struct ivs_vview *v, const char *lid, struct ivs_diags *out)
{
	unsigned missing = 0;
	ivs_vcheck_entry(v->r, out);
	check_id_dup(vs, v, out);
	check_stream_key_count(v, out);
	check_lid(vs, v, lid, out);
	check_authorized(p, v, out);
	check_reserved_id(v, out);
	check_default_name(p, v, out);
	struct rslot *sl;
	size_t n = ref_slots(v->r, &sl);
	for (size_t j = 0; j < n; j++)
		missing |= check_ref(p, vs, v, &sl[j], out);
	free(sl);
	check_output(p, vs, v, out);
	return missing;
}

static void missing_out(struct vstate *vs, const struct ivs_res *r, struct vrec *rec)
{
	for (int k = 0; k < IVS_KIND_COUNT; k++)
		if (rec->missing & (1u << k))
			ivs_vpm_del(&vs->missing[k], r);
	rec->missing = 0;
}

/* ---- keeping the indexes ---- */

/* Whether a reference before the j-th holds its key (the reverse index
 * holds (key, entry) once). */
static bool ref_held(const struct vrec *rec, size_t j)
{
	for (size_t i = 0; i < j; i++)
		if (ivs_str_eq(rec->ref[i], rec->ref[j]))
			return true;
	return false;
}

/* Takes r's entries out of the indexes. */
static void index_out(struct vstate *vs, const struct ivs_res *r, struct vrec *rec)
{
	if (rec->id)
		ivs_vkidx_del(&vs->ids, rec->id, r);
	for (size_t j = 0; j < rec->nref; j++)
		if (!ref_held(rec, j))
			ivs_vkidx_del(&vs->refs, rec->ref[j], r);
	if (rec->lid)
		ivs_vkidx_del(&vs->lids, rec->lid, r);
	if (rec->xname)
		ivs_vkidx_del(&vs->xnames, rec->xname, r);
	missing_out(vs, r, rec);
}

/* The keys of r's references, in order: the ids its references name (a
 * child reference: the id of the entry that holds the child). */
static size_t ref_keys(const struct ivs_res *r, char ***out)
{
	struct rslot *sl;
	size_t n = ref_slots(r, &sl);
	*out = n ? ivs_xcalloc(n, sizeof **out) : NULL;
	for (size_t j = 0; j < n; j++) {
		const struct ivs_field *f = &ivs_res_info(r)->fields[sl[j].field];
		const char *key = sl[j].id;
		if (f->ref_parent)
			key = ivs_res_is_set(r, f->ref_parent) ? ivs_res_get_str(r, f->ref_parent) : "";
		(*out)[j] = ivs_xstrdup(key);
	}
	free(sl);
	return n;
}

static bool keys_have(char *const *v, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (ivs_str_eq(v[i], key))
			return true;
	return false;
}

static void swap_key(struct kidx *x, struct ivs_res *r, char **slot, char *now)
{
	if (ivs_str_eq(*slot, now)) {
		free(now);
		return;
	}
	if (*slot)
		ivs_vkidx_del(x, *slot, r);
	free(*slot);
	*slot = now;
	if (now)
		ivs_vkidx_add(x, now, r);
}

/* Brings r's entries up to date (old: what it had, NULL: nothing). Keys
 * that did not change stay where they are. */
static struct vrec *index_in(struct vstate *vs, struct ivs_res *r, struct vrec *old)
{
	struct vrec *rec = old;
	if (!rec)
		rec = ivs_xcalloc(1, sizeof *rec);
	swap_key(&vs->ids, r, &rec->id,
	         !r->parent && r->kind != IVS_KIND_STACK && r->id ? ivs_xstrdup(r->id) : NULL);
	char **now;
	size_t nnow = ref_keys(r, &now);
	bool same = nnow == rec->nref;
	for (size_t j = 0; same && j < nnow; j++)
		same = ivs_str_eq(now[j], rec->ref[j]);
	if (same) {
		for (size_t j = 0; j < nnow; j++)
			free(now[j]);
		free(now);
	} else {
		for (size_t j = 0; j < rec->nref; j++)
			if (!ref_held(rec, j) && !keys_have(now, nnow, rec->ref[j]))
				ivs_vkidx_del(&vs->refs, rec->ref[j], r);
		for (size_t j = 0; j < nnow; j++) {
			bool held = keys_have(now, j, now[j]);
			if (!held && !keys_have(rec->ref, rec->nref, now[j]))
				ivs_vkidx_add(&vs->refs, now[j], r);
		}
		for (size_t j = 0; j < rec->nref; j++)
			free(rec->ref[j]);
		free(rec->ref);
		rec->ref = now;
		rec->nref = nnow;
	}
	swap_key(&vs->lids, r, &rec->lid, ivs_vlid_key(r));
	swap_key(&vs->xnames, r, &rec->xname,
	         r->kind == IVS_KIND_OUTPUT && ivs_res_get_str(r, IVS_OUTPUT_EXPORT_NAME)
	             ? ivs_xstrdup(ivs_res_get_str(r, IVS_OUTPUT_EXPORT_NAME)) : NULL);
	return rec;
}

/* Re-checks one live resource; keeps the totals right. */
static void recheck(const struct ivs_project *p, struct vstate *vs, struct ivs_res *r)
{
	struct vrec *rec = ivs_vpm_get(&vs->recs, r);
	struct ivs_vview v = {r, r};

	vs->errors -= rec->errors;
	vs->warnings -= rec->warnings;
	ivs_diags_clear(&r->diags);
	missing_out(vs, r, rec);
	rec->missing = ivs_vcheck_view(p, vs, &v, rec->lid, &r->diags);
	for (int k = 0; k < IVS_KIND_COUNT; k++)
		if (rec->missing & (1u << k))
			ivs_vpm_put(&vs->missing[k], r, r);
	rec->errors = r->diags.errors;
	rec->warnings = r->diags.warnings;
	vs->errors += rec->errors;
	vs->warnings += rec->warnings;
	vs->checked++;
}

static void project_checks(struct ivs_project *p, struct vstate *vs)
{
	struct ivs_diags *d = ivs_project_diags(p);
	size_t n = ivs_project_cfn_count(p), kp = ivs_project_list(p, IVS_KIND_KEY_PAIR)->n;
	size_t no = ivs_project_list(p, IVS_KIND_OUTPUT)->n;
	size_t expect = (n > RESOURCE_LIMIT) + (n == 0) + (kp > KEY_PAIR_QUOTA) + (no > OUTPUT_LIMIT);

	/* These depend on the counts only: an edit that changes none
	 * (typing in a field) keeps them, instead of formatting the messages
	 * again on every keystroke of a project over the limits. */
	if (vs->pc_done && vs->pc_cfn == n && vs->pc_kp == kp && vs->pc_out == no && d->n == expect)
		return;
	vs->pc_done = true;
	vs->pc_cfn = n;
	vs->pc_kp = kp;
	vs->pc_out = no;
	ivs_diags_clear(d);
	if (no > OUTPUT_LIMIT)
		ivs_diags_add(d, IVS_RULE_OUTPUT_LIMIT, (struct ivs_pos){0, 0}, "outputs",
		              "the project has %zu outputs but a template holds at most %d: remove %zu.",
		              no, OUTPUT_LIMIT, no - OUTPUT_LIMIT);
	if (n > RESOURCE_LIMIT)
		ivs_diags_add(d, IVS_RULE_RESOURCE_LIMIT, (struct ivs_pos){0, 0}, "",
		              "the template would hold %zu resources, but CloudFormation allows %d: "
		              "remove entries or split the design into several projects.", n,
		              RESOURCE_LIMIT);
	if (n == 0)
		ivs_diags_add(d, IVS_RULE_TEMPLATE_NO_RESOURCES, (struct ivs_pos){0, 0}, "",
		              "the project creates no resource, so its template has no Resources "
		              "and CloudFormation will not deploy it: add a channel, a bucket or "
		              "another entry that is not imported.");
	if (kp > KEY_PAIR_QUOTA)
		ivs_diags_add(d, IVS_RULE_KEY_PAIR_QUOTA, (struct ivs_pos){0, 0}, "playback_key_pairs",
		              "the project has %zu playback key pairs but IVS allows %d per account and "
		              "region by default: remove some or ask AWS for a higher quota.", kp,
		              KEY_PAIR_QUOTA);
}

/* ---- full validation ---- */

struct each_ctx {
	struct ivs_project *p;
	struct vstate *vs;
};

static void each_index(struct ivs_res *r, void *ctx)
{
	struct vstate *vs = ((struct each_ctx *)ctx)->vs;
	ivs_vpm_put(&vs->recs, r, index_in(vs, r, NULL));
}

static void each_check(struct ivs_res *r, void *ctx)
{
	struct each_ctx *c = ctx;
	recheck(c->p, c->vs, r);
}

struct vstate *ivs_vstate_build(const struct ivs_project *p)
{
	struct vstate *vs = vstate_new();
	struct each_ctx c = {NULL, vs};
	ivs_project_each(p, each_index, &c);
	return vs;
}

void ivs_validate_all(struct ivs_project *p)
{
	struct vstate *vs = vstate_new();
	struct each_ctx c = {p, vs};

	vs->pdiags = ivs_project_diags(p);
	ivs_project_set_vstate(p, vs, ivs_vstate_free);
	ivs_project_each(p, each_index, &c);
	ivs_project_each(p, each_check, &c);
	vs->key_pairs = ivs_project_list(p, IVS_KIND_KEY_PAIR)->n;
	project_checks(p, vs);
	ivs_project_journal_clear(p);
	vs->gen = ivs_project_generation(p);
}

/* ---- incremental validation ---- */

struct rset {
	struct ptrmap m;
	struct ivs_res **v;
	size_t n, cap;
};

static void rset_add(struct rset *s, struct ivs_res *r)
{
	if (ivs_vpm_get(&s->m, r))
		return;
	ivs_vpm_put(&s->m, r, r);
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->v = ivs_xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n++] = r;
}

static void rset_free(struct rset *s)
{
	ivs_vpm_free(&s->m);
	free(s->v);
}

static void add_children(struct rset *s, struct ivs_res *r)
{
	const struct ivs_list *sk = ivs_res_children(r);
	for (size_t i = 0; sk && i < sk->n; i++)
		rset_add(s, sk->v[i]);
}

/* Keys whose holders (and, for ids, referrers) must be re-checked. */
struct keys {
	char **v;
	bool *referrers;
	size_t n, cap;
};

static void keys_add(struct keys *k, const char *key, bool referrers)
{
	if (!key)
		return;
	if (k->n == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 16;
		k->v = ivs_xrealloc(k->v, k->cap * sizeof *k->v);
		k->referrers = ivs_xrealloc(k->referrers, k->cap * sizeof *k->referrers);
	}
	k->referrers[k->n] = referrers;
	k->v[k->n++] = ivs_xstrdup(key);
}

static void keys_free(struct keys *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->v[i]);
	free(k->v);
	free(k->referrers);
}

static void add_holders(struct rset *s, const struct kidx *m, const char *key)
{
	const struct ptrmap *set = ivs_vkidx_set(m, key);
	for (size_t i = 0; set && i < set->cap; i++)
		if (set->v[i].key)
			rset_add(s, set->v[i].val);
}

/* The channels called "Default": their check_default_name depends on the
 * stack's name. */
static void add_default_channels(const struct ivs_project *p, struct rset *s)
{
	const struct ivs_list *l = ivs_project_list(p, IVS_KIND_CHANNEL);
	for (size_t i = 0; i < l->n; i++)
		if (ivs_str_eq(l->v[i]->id, "Default"))
			rset_add(s, l->v[i]);
}

/* Collects what the journal touched. `moved` gets the resources whose
 * place in file order may have changed (their index holders are re-checked
 * even when their keys stay the same), `lists` the lists whose entries'
 * stored paths must be refreshed. */
static void touched(const struct ivs_project *p, struct rset *dirty, struct rset *moved,
                    struct ptrmap *lists)
{
	size_t n;
	const struct ivs_change *j = ivs_project_journal(p, &n);

	for (size_t i = 0; i < n; i++) {
		struct ivs_res *r = j[i].res;
		rset_add(dirty, r);
		if (r->kind == IVS_KIND_STACK)
			add_default_channels(p, dirty);   /* check_default_name */
		if (j[i].what == IVS_CHANGE_FIELD) {
			/* a child (a stream key) carries its parent's tags */
			if (j[i].field >= 0 && ivs_res_info(r)->fields[j[i].field].type == IVS_FT_TAGS)
				add_children(dirty, r);
			continue;
		}
		rset_add(moved, r);
		add_children(dirty, r);
		add_children(moved, r);
		if (r->parent) {
			/* siblings: duplicates, "one key per channel" */
			add_children(dirty, r->parent);
			add_children(moved, r->parent);
		}
		if (j[i].what != IVS_CHANGE_RENAME) {
			const struct ivs_list *l = ivs_res_siblings(p, r);
			ivs_vpm_put(lists, l, NULL);
		}
	}
}

/* Paths are stored with the diagnostics; inserting, removing or moving an
 * entry renumbers the entries after it. */
static void refresh_paths(struct ivs_res *r)
{
	for (size_t i = 0; i < r->diags.n; i++) {
		struct ivs_diag *d = &r->diags.v[i];
		struct ivs_buf b;
		if (!d->res)
			continue;
		ivs_buf_init(&b);
		ivs_res_path(d->res, d->field, &b);
		free(d->path);
		d->path = ivs_buf_steal(&b);
	}
}

static void refresh_list(const struct ivs_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		refresh_paths(l->v[i]);
		const struct ivs_list *sk = ivs_res_children(l->v[i]);
		for (size_t k = 0; sk && k < sk->n; k++)
			refresh_paths(sk->v[k]);
	}
}

static bool str_differs(const char *a, const char *b)
{
	return !ivs_str_eq(a, b);
}

void ivs_validate_changes(struct ivs_project *p)
{
	struct vstate *vs = ivs_project_vstate(p);
	struct rset dirty = {0}, moved = {0}, again = {0};
	struct keys ids = {0}, lids = {0}, xns = {0};
	struct ptrmap lists = {0};
	bool kind_changed[IVS_KIND_COUNT] = {false};

	size_t njournal;
	ivs_project_journal(p, &njournal);
	/* Every change bumps the generation once and is journaled once: a
	 * journal cleared behind our back means the indexes are stale. */
	if (!vs || ivs_project_generation(p) - vs->gen != njournal) {
		ivs_validate_all(p);
		return;
	}
	vs->checked = 0;
	touched(p, &dirty, &moved, &lists);
	for (size_t i = 0; i < dirty.n; i++) {
		struct ivs_res *r = dirty.v[i];
		struct vrec *rec = ivs_vpm_get(&vs->recs, r);
		bool live = ivs_vlive(r), mv = ivs_vpm_get(&moved.m, r) != NULL;
		char *oid = rec ? ivs_xstrdup(rec->id) : NULL, *olid = rec ? ivs_xstrdup(rec->lid) : NULL;
		char *oxn = rec ? ivs_xstrdup(rec->xname) : NULL;
		if (live) {
			rec = index_in(vs, r, rec);
			ivs_vpm_put(&vs->recs, r, rec);
			rset_add(&again, r);
		} else if (rec) {
			index_out(vs, r, rec);
			vs->errors -= rec->errors;
			vs->warnings -= rec->warnings;
			ivs_diags_clear(&r->diags);
			ivs_vpm_del(&vs->recs, r);
			rec_free(rec);
			rec = NULL;
		}
		const char *nid = rec ? rec->id : NULL, *nlid = rec ? rec->lid : NULL;
		const char *nxn = rec ? rec->xname : NULL;
		/* an output's export name: the other holders' reports name it and
		 * depend on file order */
		if (str_differs(oxn, nxn) || str_differs(oid, nid) || mv) {
			keys_add(&xns, oxn, false);
			keys_add(&xns, nxn, false);
		}
		free(oxn);
		if (str_differs(oid, nid) || mv) {
			keys_add(&ids, oid, str_differs(oid, nid));
			if (str_differs(oid, nid))
				keys_add(&ids, nid, true);
			/* A move too: "did you mean" takes the first close id in
			 * list order. */
			kind_changed[r->kind] |= str_differs(oid, nid) || mv;
		}
		/* the id too: a collision's message names the other entry's id
		 * (an own logical_id or an export name does not change with it) */
		if (str_differs(olid, nlid) || mv || str_differs(oid, nid)) {
			keys_add(&lids, olid, false);
			keys_add(&lids, nlid, false);
		}
		free(oid);
		free(olid);
	}
	/* What an output checks of the entry it names: whether it is imported
	 * (its import key) and its children (a stream key's id). */
	size_t nj;
	const struct ivs_change *jr = ivs_project_journal(p, &nj);
	for (size_t i = 0; i < nj; i++) {
		const struct ivs_res *r = jr[i].res;
		if (jr[i].what == IVS_CHANGE_FIELD && !r->parent && r->id && jr[i].field >= 0 &&
		    jr[i].field == ivs_res_info(r)->import_field)
			keys_add(&ids, r->id, true);
		else if (r->parent && r->parent->id && ivs_res_info(r)->role == IVS_ROLE_CHILD &&
		         (jr[i].what != IVS_CHANGE_FIELD || jr[i].field == 0))
			keys_add(&ids, r->parent->id, true);
	}
	for (size_t i = 0; i < ids.n; i++) {
		add_holders(&again, &vs->ids, ids.v[i]);
		if (ids.referrers[i])
			add_holders(&again, &vs->refs, ids.v[i]);
	}
	for (size_t i = 0; i < lids.n; i++)
		add_holders(&again, &vs->lids, lids.v[i]);
	for (size_t i = 0; i < xns.n; i++)
		add_holders(&again, &vs->xnames, xns.v[i]);
	for (size_t k = 0; k < IVS_KIND_COUNT; k++)
		for (size_t i = 0; kind_changed[k] && i < vs->missing[k].cap; i++)
			if (vs->missing[k].v[i].key)
				rset_add(&again, vs->missing[k].v[i].val);
	size_t kp = ivs_project_list(p, IVS_KIND_KEY_PAIR)->n;
	if ((kp == 0) != (vs->key_pairs == 0)) {
		const struct ivs_list *cl = ivs_project_list(p, IVS_KIND_CHANNEL);
		for (size_t i = 0; i < cl->n; i++)
			if (ivs_res_get_num(cl->v[i], IVS_CHANNEL_AUTHORIZED))
				rset_add(&again, cl->v[i]);
	}
	vs->key_pairs = kp;
	for (size_t i = 0; i < again.n; i++)
		if (ivs_vlive(again.v[i]) && ivs_vpm_get(&vs->recs, again.v[i]))
			recheck(p, vs, again.v[i]);
	for (size_t i = 0; i < lists.cap; i++)
		if (lists.v[i].key)
			refresh_list(lists.v[i].key);
	ivs_vpm_free(&lists);
	project_checks(p, vs);
	rset_free(&dirty);
	rset_free(&moved);
	rset_free(&again);
	keys_free(&ids);
	keys_free(&lids);
	keys_free(&xns);
	ivs_project_journal_clear(p);
	vs->gen = ivs_project_generation(p);
}

size_t ivs_validate_errors(const struct ivs_project *p)
{
	const struct vstate *vs = ivs_project_vstate(p);
	return vs ? vs->errors + vs->pdiags->errors : 0;
}

size_t ivs_validate_warnings(const struct ivs_project *p)
{
	const struct vstate *vs = ivs_project_vstate(p);
	return vs ? vs->warnings + vs->pdiags->warnings : 0;
}

size_t ivs_validate_last_checked(const struct ivs_project *p)
{
	const struct vstate *vs = ivs_project_vstate(p);
	return vs ? vs->checked : 0;
}

/* ---- collecting ---- */

static void copy_diag(struct ivs_diags *out, const struct ivs_diag *d)
{
	struct ivs_buf path;
	ivs_buf_init(&path);
	if (d->res)
		ivs_res_path(d->res, d->field, &path);
	else
		ivs_buf_puts(&path, d->path);
	struct ivs_diag *e = ivs_diags_add(out, d->rule, d->pos, path.data, "%s", d->msg);
	e->sev = d->sev;
	e->res = d->res;
	e->field = d->field;
	ivs_buf_free(&path);
}

static void each_collect(struct ivs_res *r, void *ctx)
{
	for (size_t i = 0; i < r->diags.n; i++)
		copy_diag(ctx, &r->diags.v[i]);
}

void ivs_validate_collect(const struct ivs_project *p, struct ivs_diags *out)
{
	const struct vstate *vs = ivs_project_vstate(p);
	for (size_t i = 0; vs && i < vs->pdiags->n; i++)
		copy_diag(out, &vs->pdiags->v[i]);
	ivs_project_each(p, each_collect, out);
}
