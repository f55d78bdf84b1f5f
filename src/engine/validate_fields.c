/* validate_fields.c: the rules one entry can check alone. The field tables
 * (schema.c) drive the generic part: required keys, lengths in characters,
 * character rules, integer ranges, enum lists, tags and keys not allowed on
 * an imported entry. Then each kind's own rules, with the CDK's meaning
 * where the CDK refuses a design (../shared/spec/synthesis.md).
 *
 * Everything here reads the entry (and a stream key's channel) only; it
 * never looks at the rest of the project, so validate.c may call it on a
 * temporary copy of an entry (ivs_validate_candidate). */
#include "validate_int.h"
#include "kinds_int.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ivs/arn.h"
#include "ivs/keys.h"
#include "ivs/value.h"
#include "ivs/schema.h"
#include "ivs/util.h"
#include "ivs/value.h"

#define TAG_KEY_MAX 128
#define TAG_VALUE_MAX 256

/* ---- helpers shared with validate.c ---- */

void ivs_vdiag(struct ivs_diags *out, enum ivs_rule rule, const struct ivs_res *r, int field,
               const char *fmt, ...)
{
	struct ivs_buf path;
	va_list ap;
	char *msg;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	msg = ivs_xmalloc(n > 0 ? (size_t)n + 1 : 1);
	msg[0] = '\0';
	if (n > 0) {
		va_start(ap, fmt);
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	ivs_buf_init(&path);
	ivs_res_path(r, field, &path);
	struct ivs_diag *d = ivs_diags_add(out, rule, ivs_res_pos(r, field), path.data, "%s", msg);
	d->res = r;
	d->field = field;
	ivs_buf_free(&path);
	free(msg);
}

bool ivs_vlive(const struct ivs_res *r)
{
	return r->in_model && (!r->parent || r->parent->in_model);
}

const char *ivs_vlabel(const struct ivs_res *r, int field, char *buf, size_t n)
{
	const struct ivs_field *f = &ivs_res_info(r)->fields[field];
	if (r->kind == IVS_KIND_STACK)
		snprintf(buf, n, "stack %s", f->key);
	else
		snprintf(buf, n, "%s", f->key);
	return buf;
}

const char *ivs_vshow(const char *s, char *buf, size_t n)
{
	size_t i = 0, max = n > 4 ? n - 4 : 0;
	for (; *s && i < max && i < 60; s++)
		buf[i++] = (*s == '\n' || *s == '\r' || *s == '\t') ? ' ' : *s;
	/* do not cut a UTF-8 sequence in half */
	if (*s)
		while (i > 0 && ((unsigned char)buf[i - 1] & 0xC0) == 0x80)
			i--;
	if (*s && i > 0 && ((unsigned char)buf[i - 1] & 0xC0) == 0xC0)
		i--;
	if (*s && n >= 4) {
		memcpy(buf + i, "...", 3);
		i += 3;
	}
	buf[n ? (i < n ? i : n - 1) : 0] = '\0';
	return buf;
}

static const void *field_ptr(const struct ivs_res *r, const struct ivs_field *f)
{
	return (const char *)r + f->off;
}

static enum ivs_rule rule_or(const struct ivs_field *f, enum ivs_rule fallback)
{
	/* a row without a rule has 0 there, which is IO_ERROR */
	return f->rule == IVS_RULE_IO_ERROR ? fallback : f->rule;
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* ---- the generic, table-driven part ---- */

static void check_required(const struct ivs_res *r, int i, struct ivs_diags *out)
{
	const struct ivs_field *fs = ivs_res_info(r)->fields, *f = &fs[i];
	const char *in = f->parent >= 0 ? " in " : "", *grp = f->parent >= 0 ? fs[f->parent].key : "";
	char lb[96];
	const char *label = ivs_vlabel(r, i, lb, sizeof lb);

	if (f->choices) {
		struct ivs_buf b;
		ivs_buf_init(&b);
		ivs_choices_join(&b, f->choices);
		ivs_vdiag(out, IVS_RULE_REQUIRED_MISSING, r, i, "%s is required%s%s: choose %s.", label,
		          in, grp, b.data);
		ivs_buf_free(&b);
	} else if (f->type == IVS_FT_REF && f->ref_mask) {
		ivs_vdiag(out, IVS_RULE_REQUIRED_MISSING, r, i,
		          "%s is required%s%s: give the id of an entry this template creates.", label, in,
		          grp);
	} else if (f->type == IVS_FT_REF) {
		ivs_vdiag(out, IVS_RULE_REQUIRED_MISSING, r, i,
		          "%s is required%s%s: give the id of a %s.", label, in, grp,
		          ivs_kind_info(f->ref)->name);
	} else if (f->type == IVS_FT_TEXT) {
		ivs_vdiag(out, IVS_RULE_REQUIRED_MISSING, r, i,
		          "%s is required%s%s: paste an ECDSA P-384 public key in PEM (ivs-tui keygen "
		          "makes one).", label, in, grp);
	} else {
		ivs_vdiag(out, IVS_RULE_REQUIRED_MISSING, r, i, "%s is required%s%s: give %s.", label,
		          in, grp, f->check_text ? f->check_text : "a value");
	}
}

static void check_chars(const struct ivs_res *r, int i, const char *s, struct ivs_diags *out)
{
	const struct ivs_field *f = &ivs_res_info(r)->fields[i];
	enum ivs_rule rule = rule_or(f, IVS_RULE_STRING_PATTERN);
	char lb[96], vb[80];
	const char *label = ivs_vlabel(r, i, lb, sizeof lb), *v = ivs_vshow(s, vb, sizeof vb);

	if (f->chars && f->chars->must)
		ivs_vdiag(out, rule, r, i, "%s %s, got '%s'.", label, f->chars->must, v);
	else
		ivs_vdiag(out, rule, r, i, "%s must be %s, got '%s'.", label,
		          f->check_text ? f->check_text : "valid", v);
}

/* The S3 naming rules that ivs_chars_bucket_name leaves to us. */
static void check_bucket_name(const struct ivs_res *r, int i, const char *s,
                              struct ivs_diags *out)
{
	static const char *const prefixes[] = {"xn--", "sthree-", "amzn-s3-demo-"};
	static const char *const suffixes[] = {"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"};
	char lb[96], vb[80];
	const char *label = ivs_vlabel(r, i, lb, sizeof lb), *v = ivs_vshow(s, vb, sizeof vb);
	unsigned a, b, c, d;
	char tail;

	for (size_t k = 0; k < IVS_ARRAY_LEN(prefixes); k++)
		if (strncmp(s, prefixes[k], strlen(prefixes[k])) == 0) {
			ivs_vdiag(out, IVS_RULE_BUCKET_NAME, r, i,
			          "%s must not start with '%s', which S3 reserves, got '%s'.", label,
			          prefixes[k], v);
			return;
		}
	for (size_t k = 0; k < IVS_ARRAY_LEN(suffixes); k++)
		if (has_suffix(s, suffixes[k])) {
			ivs_vdiag(out, IVS_RULE_BUCKET_NAME, r, i,
			          "%s must not end with '%s', which S3 reserves, got '%s'.", label,
			          suffixes[k], v);
			return;
		}
	/* the CDK's S3 check refuses a dot next to a hyphen as it refuses ".." */
	for (const char *p = s; p[0] && p[1]; p++)
		if ((p[0] == '.' && p[1] == '-') || (p[0] == '-' && p[1] == '.')) {
			ivs_vdiag(out, IVS_RULE_BUCKET_NAME, r, i,
			          "%s must not have a dot next to a hyphen ('%.2s'), which S3 refuses, got "
			          "'%s'.", label, p, v);
			return;
		}
	if (sscanf(s, "%u.%u.%u.%u%c", &a, &b, &c, &d, &tail) == 4)
		ivs_vdiag(out, IVS_RULE_BUCKET_NAME, r, i,
		          "%s must not be formatted as an IP address, got '%s'.", label, v);
}

static void check_string(const struct ivs_res *r, int i, struct ivs_diags *out)
{
	const struct ivs_field *f = &ivs_res_info(r)->fields[i];
	const char *s = *(char *const *)field_ptr(r, f);
	char lb[96];

	if (!s)
		return;
	size_t len = ivs_utf8_len(s);
	if (f->type == IVS_FT_ID && (len < 1 || len > 255)) {
		char vb[80];
		ivs_vdiag(out, IVS_RULE_ID_INVALID, r, i,
		          "id must be 1 to 255 characters with at least one ASCII letter or digit, got '%s' "
		          "(%zu characters).", ivs_vshow(s, vb, sizeof vb), len);
		return;
	}
	/* The bucket rule covers its own length (3 to 63). */
	if (!(f->chars && f->chars->has_length) &&
	    (len < (size_t)f->min || (f->max > 0 && len > (size_t)f->max))) {
		enum ivs_rule rule = rule_or(f, IVS_RULE_STRING_LENGTH);
		if (f->min > 0)
			ivs_vdiag(out, rule, r, i, "%s must be %ld to %ld characters, got %zu.",
			          ivs_vlabel(r, i, lb, sizeof lb), f->min, f->max, len);
		else
			ivs_vdiag(out, rule, r, i, "%s must be at most %ld characters, got %zu.",
			          ivs_vlabel(r, i, lb, sizeof lb), f->max, len);
		return;
	}
	if (f->chars && !f->chars->ok(s)) {
		check_chars(r, i, s, out);
		return;
	}
	if (f->chars && f->chars->s3_name)
		check_bucket_name(r, i, s, out);
}

static void check_int(const struct ivs_res *r, int i, struct ivs_diags *out)
{
	const struct ivs_field *f = &ivs_res_info(r)->fields[i];
	long v = *(const long *)field_ptr(r, f);
	const char *unit = has_suffix(f->key, "_seconds") ? " seconds" : "";
	char lb[96];

	if (f->min == 0 && f->max == 0)
		return;
	if (v < f->min || v > f->max)
		ivs_vdiag(out, rule_or(f, IVS_RULE_INT_RANGE), r, i,
		          "%s must be between %ld and %ld%s, got %ld%s.", ivs_vlabel(r, i, lb, sizeof lb),
		          f->min, f->max, unit, v, unit);
}

static void check_list(const struct ivs_res *r, int i, struct ivs_diags *out)
{
	const struct ivs_field *f = &ivs_res_info(r)->fields[i];
	const struct ivs_enum_list *l = field_ptr(r, f);
	enum ivs_rule rule = rule_or(f, IVS_RULE_LIST_DUPLICATE);
	size_t nch = ivs_choice_count(f->choices);
	char lb[96];

	for (size_t a = 1; a < l->n; a++)
		for (size_t b = 0; b < a; b++)
			if (l->v[a] == l->v[b] && l->v[a] < nch) {
				ivs_vdiag(out, IVS_RULE_LIST_DUPLICATE, r, i,
				          "%s lists %s twice: list each value once.",
				          ivs_vlabel(r, i, lb, sizeof lb), f->choices[l->v[a]]);
				return;
			}
	if (f->max > 0 && l->n > f->max)
		ivs_vdiag(out, rule, r, i, "%s holds at most %ld value%s, got %u: remove some.",
		          ivs_vlabel(r, i, lb, sizeof lb), f->max, f->max == 1 ? "" : "s", (unsigned)l->n);
}

/* A NUMBER (held as its canonical text): in the table's range. */
static void check_number(const struct ivs_res *r, int i, struct ivs_diags *out)
{
	const struct ivs_field *f = &ivs_res_info(r)->fields[i];
	const char *s = *(char *const *)field_ptr(r, f);
	char lb[96], vb[80];

	if (!s)
		return;
	double v = strtod(s, NULL);
	if (v < (double)f->min || v > (double)f->max)
		ivs_vdiag(out, rule_or(f, IVS_RULE_NUMBER_RANGE), r, i,
		          "%s must be a number from %ld to %ld, got %s.", ivs_vlabel(r, i, lb, sizeof lb),
		          f->min, f->max, ivs_vshow(s, vb, sizeof vb));
}

/* A STRING_LIST (items joined by line feeds): each item's length and
 * character rule, and uniqueness when the table asks for it. */
static void check_strlist(const struct ivs_res *r, int i, struct ivs_diags *out)
{
	const struct ivs_field *f = &ivs_res_info(r)->fields[i];
	const char *s = *(char *const *)field_ptr(r, f);
	char lb[96], vb[80];
	size_t k = 0;

	if (!s || !*s)
		return;   /* [] */
	for (const char *it = s;; k++) {
		const char *end = strchr(it, '\n');
		size_t n = end ? (size_t)(end - it) : strlen(it);
		char *item = ivs_xstrndup(it, n);
		size_t len = ivs_utf8_len(item);
		if (len < (size_t)f->min || (f->max > 0 && len > (size_t)f->max)) {
			if (f->chars)
				ivs_vdiag(out, rule_or(f, IVS_RULE_STRING_LENGTH), r, i,
				          "%s item %zu %s, got '%s'.", ivs_vlabel(r, i, lb, sizeof lb), k + 1,
				          f->chars->must, ivs_vshow(item, vb, sizeof vb));
			else
				ivs_vdiag(out, IVS_RULE_STRING_LENGTH, r, i,
				          "%s item %zu must be at most %ld characters, got %zu: shorten it.",
				          ivs_vlabel(r, i, lb, sizeof lb), k + 1, f->max, len);
		} else if (f->chars && !f->chars->ok(item)) {
			ivs_vdiag(out, rule_or(f, IVS_RULE_STRING_PATTERN), r, i, "%s item %zu %s, got '%s'.",
			          ivs_vlabel(r, i, lb, sizeof lb), k + 1, f->chars->must,
			          ivs_vshow(item, vb, sizeof vb));
		} else if (f->flags & IVS_FF_UNIQUE) {
			/* an earlier equal item: the lists are short (249 codes at most unique) */
			for (const char *o = s; o < it;) {
				const char *oe = strchr(o, '\n');
				if ((size_t)(oe - o) == n && memcmp(o, item, n) == 0) {
					ivs_vdiag(out, IVS_RULE_LIST_DUPLICATE, r, i,
					          "%s lists '%s' twice: list each value once.",
					          ivs_vlabel(r, i, lb, sizeof lb), ivs_vshow(item, vb, sizeof vb));
					break;
				}
				o = oe + 1;
			}
		}
		free(item);
		if (!end)
			break;
		it = end + 1;
	}
}

/* A REF_LIST: each id once, at most `max` ids (that each names an entry
 * is the validator's reference check). */
static void check_id_list(const struct ivs_res *r, int i, struct ivs_diags *out)
{
	const struct ivs_field *f = &ivs_res_info(r)->fields[i];
	const struct ivs_idlist *l = field_ptr(r, f);
	char lb[96], vb[80];

	if (f->max > 0 && l->n > (size_t)f->max) {
		ivs_vdiag(out, IVS_RULE_LIST_TOO_LONG, r, i, "%s holds at most %ld ids, got %zu: remove %zu.",
		          ivs_vlabel(r, i, lb, sizeof lb), f->max, l->n, l->n - (size_t)f->max);
		if (l->n > 1000)
			return;   /* the duplicates of a list that long can wait */
	}
	for (size_t a = 1; a < l->n; a++)
		for (size_t b = 0; b < a; b++)
			if (strcmp(l->v[a], l->v[b]) == 0) {
				ivs_vdiag(out, IVS_RULE_LIST_DUPLICATE, r, i,
				          "%s lists '%s' twice: list each %s once.",
				          ivs_vlabel(r, i, lb, sizeof lb), ivs_vshow(l->v[a], vb, sizeof vb),
				          ivs_kind_info(f->ref)->name);
				return;
			}
}

/* One-of sets (IVS_FF one_of): exactly one of the rows is given. */
static void check_one_of(const struct ivs_res *r, struct ivs_diags *out)
{
	const struct ivs_kind_info *ki = ivs_res_info(r);
	for (int i = 0; i < ki->nfields; i++) {
		const struct ivs_field *f = &ki->fields[i];
		int n = 0, first = -1, second = -1;
		bool seen = false;
		if (!f->one_of)
			continue;
		for (int j = 0; j < i && !seen; j++)
			seen = ki->fields[j].one_of == f->one_of && ki->fields[j].parent == f->parent;
		if (seen)
			continue;   /* the set's first row speaks for it */
		if (f->parent >= 0 && !ivs_res_is_set(r, f->parent))
			continue;
		struct ivs_buf keys;
		ivs_buf_init(&keys);
		const char *names[16];
		size_t nn = 0;
		for (int j = i; j < ki->nfields; j++) {
			if (ki->fields[j].one_of != f->one_of || ki->fields[j].parent != f->parent)
				continue;
			if (nn < IVS_ARRAY_LEN(names))
				names[nn++] = ki->fields[j].key;
			if (ivs_res_is_set(r, j)) {
				if (n == 0)
					first = j;
				else if (n == 1)
					second = j;
				n++;
			}
		}
		ivs_words_join(&keys, names, nn, " or ");
		if (n == 0)
			ivs_vdiag(out, IVS_RULE_ONE_OF, r, -1, "a %s needs exactly one of %s: give one.",
			          ki->name, keys.data);
		else if (n > 1)
			ivs_vdiag(out, IVS_RULE_ONE_OF, r, second,
			          "a %s takes exactly one of %s, but %s and %s are both given: remove one.",
			          ki->name, keys.data, ki->fields[first].key, ki->fields[second].key);
		ivs_buf_free(&keys);
	}
}

static void check_tag_list(const struct ivs_res *r, int i, const struct ivs_tags *t,
                           struct ivs_diags *out)
{
	char kb[80];
	size_t max = (size_t)ivs_res_info(r)->fields[i].max;   /* the table's limit */

	if (t->n > max)
		ivs_vdiag(out, IVS_RULE_TAG_COUNT, r, i,
		          "tags hold at most %zu entries, got %zu: remove %zu.", max, t->n, t->n - max);
	for (size_t k = 0; k < t->n; k++) {
		const struct ivs_tag *g = &t->v[k];
		size_t kl = ivs_utf8_len(g->key), vl = ivs_utf8_len(g->value ? g->value : "");
		struct ivs_diags tmp;
		ivs_diags_init(&tmp);
		if (kl < 1 || kl > TAG_KEY_MAX)
			ivs_vdiag(&tmp, IVS_RULE_TAG_KEY_INVALID, r, i,
			          "tag key '%s' must be 1 to %d characters, got %zu.",
			          ivs_vshow(g->key, kb, sizeof kb), TAG_KEY_MAX, kl);
		else if (strncasecmp(g->key, "aws:", 4) == 0)
			ivs_vdiag(&tmp, IVS_RULE_TAG_KEY_INVALID, r, i,
			          "tag key '%s' starts with 'aws:', which AWS reserves: choose another key.",
			          ivs_vshow(g->key, kb, sizeof kb));
		if (vl > TAG_VALUE_MAX)
			ivs_vdiag(&tmp, IVS_RULE_TAG_VALUE_INVALID, r, i,
			          "the value of tag '%s' must be at most %d characters, got %zu.",
			          ivs_vshow(g->key, kb, sizeof kb), TAG_VALUE_MAX, vl);
		else if ((long)vl < ivs_res_info(r)->fields[i].min)
			ivs_vdiag(&tmp, IVS_RULE_TAG_VALUE_INVALID, r, i,
			          "the value of tag '%s' is empty, but %s tags need a value of at least "
			          "%ld character: give one.", ivs_vshow(g->key, kb, sizeof kb),
			          ivs_res_info(r)->cfn_type, ivs_res_info(r)->fields[i].min);
		/* point at the tag itself when the loader knows where it is */
		for (size_t d = 0; d < tmp.n; d++)
			if (g->pos.line)
				tmp.v[d].pos = g->pos;
		ivs_diags_move(out, &tmp);
		ivs_diags_free(&tmp);
	}
}

/* A child (a stream key) carries its parent's tags too (synthesis.md, Tags). */
static void check_effective_tags(const struct ivs_res *r, int i, struct ivs_diags *out)
{
	if (!r->parent)
		return;
	const struct ivs_tags *own = &r->tags, *up = &r->parent->tags;
	size_t n = up->n, max = (size_t)ivs_res_info(r)->fields[i].max;
	if (own->n > max || up->n > max)
		return;   /* reported on the list that is too long */
	for (size_t a = 0; a < own->n; a++) {
		bool shared = false;
		for (size_t b = 0; b < up->n && !shared; b++)
			shared = ivs_str_eq(own->v[a].key, up->v[b].key);
		n += !shared;
	}
	if (n > max)
		ivs_vdiag(out, IVS_RULE_TAG_COUNT, r, i,
		          "this %s would carry %zu tags, its own and its %s's, but at most "
		          "%d are allowed: remove some.", ivs_res_info(r)->name, n,
		          ivs_res_info(r->parent)->name, (int)max);
}

static void check_imported(const struct ivs_res *r, int i, struct ivs_diags *out)
{
	const struct ivs_field *f = &ivs_res_info(r)->fields[i];
	if (r->kind == IVS_KIND_BUCKET)
		ivs_vdiag(out, IVS_RULE_BUCKET_IMPORTED_PROPS, r, i,
		          "%s is not allowed with from_bucket_name (an existing bucket is not changed): "
		          "remove %s.", f->key, f->key);
	else
		ivs_vdiag(out, IVS_RULE_CHANNEL_IMPORTED_PROPS, r, i,
		          "%s is not allowed with from_channel_arn (an existing channel is not changed; "
		          "only id, tags and stream_keys are): remove %s.", f->key, f->key);
}

/* A PEM public key on P-384 (IVS_FF_PEM_P384: playback key pairs, public
 * keys): the checks of keys.c. */
static void check_pem(const struct ivs_res *r, int i, struct ivs_diags *out)
{
	const char *pem = ivs_res_get_str(r, i);
	char *msg = NULL;

	if (!pem)
		return;
	enum ivs_rule rule = ivs_key_check_public(pem, &msg);
	if (rule != IVS_RULE_COUNT) {
		const char *m = msg ? msg : "not a usable public key";
		size_t n = strlen(m);
		ivs_vdiag(out, rule, r, i, "%s: %s%s", ivs_res_info(r)->fields[i].key, m,
		          n && m[n - 1] == '.' ? "" : ".");
	}
	free(msg);
}

static void check_table(const struct ivs_res *r, struct ivs_diags *out)
{
	const struct ivs_kind_info *ki = ivs_res_info(r);
	bool imported = ivs_res_imported(r);

	for (int i = 0; i < ki->nfields; i++) {
		const struct ivs_field *f = &ki->fields[i];
		bool group_on = f->parent < 0 || ivs_res_is_set(r, f->parent);
		if (imported && f->parent >= 0 && (ki->fields[f->parent].flags & IVS_FF_NOT_IMPORTED))
			continue;   /* its group is reported */
		if (!ivs_res_is_set(r, i)) {
			if ((f->flags & IVS_FF_REQUIRED) && group_on && f->type != IVS_FT_ID)
				check_required(r, i, out);
			continue;
		}
		if (imported && (f->flags & IVS_FF_NOT_IMPORTED)) {
			check_imported(r, i, out);
			continue;
		}
		switch (f->type) {
		case IVS_FT_ID: case IVS_FT_STRING: case IVS_FT_TEXT:
			check_string(r, i, out);
			break;
		case IVS_FT_INT:
			check_int(r, i, out);
			break;
		case IVS_FT_ENUM_LIST:
			check_list(r, i, out);
			break;
		case IVS_FT_NUMBER:
			check_number(r, i, out);
			break;
		case IVS_FT_STRING_LIST:
			check_strlist(r, i, out);
			break;
		case IVS_FT_TAGS:
			check_tag_list(r, i, field_ptr(r, f), out);
			break;
		case IVS_FT_REF_LIST:
			check_id_list(r, i, out);
			break;
		default:
			break;
		}
	}
	if (!imported)
		check_one_of(r, out);
	/* inherited tags count even when the child has none of its own */
	int tags = ivs_field_find(r->kind, -1, "tags");
	if (r->parent && tags >= 0)
		check_effective_tags(r, tags, out);
}

/* ---- each kind's own rules ---- */

/* arn:<partition>:ivs:<region>:<account>:channel/<id>: the engine's one
 * ARN check (arn.c), which `ivs-tui token` uses too. */
static void check_channel_arn(const struct ivs_res *r, const char *arn, struct ivs_diags *out)
{
	char *why = ivs_arn_check(arn, "channel", "from_channel_arn");
	if (why)
		ivs_vdiag(out, IVS_RULE_CHANNEL_ARN, r, IVS_CHANNEL_FROM_ARN, "%s", why);
	free(why);
}

void ivs_check_channel(const struct ivs_res *r, struct ivs_diags *out)
{
	const struct ivs_channel *c = (const struct ivs_channel *)r;
	const struct ivs_field *fs = ivs_res_info(r)->fields;

	if (ivs_res_imported(r)) {
		if (c->from_channel_arn)
			check_channel_arn(r, c->from_channel_arn, out);
		return;
	}
	bool type_set = ivs_res_is_set(r, IVS_CHANNEL_TYPE);
	const char *type = fs[IVS_CHANNEL_TYPE].choices[ivs_res_get_num(r, IVS_CHANNEL_TYPE)];

	if (ivs_res_is_set(r, IVS_CHANNEL_PRESET)) {
		const char *preset = fs[IVS_CHANNEL_PRESET].choices[c->preset];
		if (type_set && (c->type == IVS_CHANNEL_TYPE_STANDARD || c->type == IVS_CHANNEL_TYPE_BASIC))
			ivs_vdiag(out, IVS_RULE_CHANNEL_PRESET_IGNORED, r, IVS_CHANNEL_PRESET,
			          "preset %s has no effect on a %s channel: the CDK exports Preset \"\"; "
			          "remove preset or set type to ADVANCED_SD or ADVANCED_HD.", preset, type);
		else if (!type_set)
			ivs_vdiag(out, IVS_RULE_CHANNEL_PRESET_TYPE_UNSET, r, IVS_CHANNEL_PRESET,
			          "preset %s is exported with type unset, so the channel is STANDARD and IVS "
			          "ignores the preset: set type to ADVANCED_SD or ADVANCED_HD, or remove "
			          "preset.", preset);
	}
	if (!ivs_res_is_set(r, IVS_CHANNEL_MULTITRACK))
		return;
	if (type_set && c->type != IVS_CHANNEL_TYPE_STANDARD)
		ivs_vdiag(out, IVS_RULE_MULTITRACK_TYPE, r, IVS_CHANNEL_MULTITRACK,
		          "multitrack_input_configuration is only supported for type STANDARD, got %s.",
		          type);
	if (!ivs_res_is_set(r, IVS_CHANNEL_CONTAINER_FORMAT))
		ivs_vdiag(out, IVS_RULE_MULTITRACK_CONTAINER_AUTO, r, IVS_CHANNEL_MULTITRACK,
		          "container_format is unset, so with multitrack_input_configuration the CDK "
		          "exports ContainerFormat FRAGMENTED_MP4: set container_format: FRAGMENTED_MP4 "
		          "to say so.");
	else if (c->container_format != IVS_CONTAINER_FMP4)
		ivs_vdiag(out, IVS_RULE_MULTITRACK_CONTAINER, r, IVS_CHANNEL_CONTAINER_FORMAT,
		          "container_format must be FRAGMENTED_MP4 when multitrack_input_configuration "
		          "is given, got %s.", fs[IVS_CHANNEL_CONTAINER_FORMAT].choices[c->container_format]);
}

void ivs_check_recording(const struct ivs_res *r, struct ivs_diags *out)
{
	const struct ivs_recording *c = (const struct ivs_recording *)r;
	const struct ivs_field *fs = ivs_res_info(r)->fields;

	if (ivs_res_is_set(r, IVS_RECORDING_RENDITION)) {
		bool sel_set = ivs_res_is_set(r, IVS_RECORDING_RENDITION_SELECTION);
		bool custom = sel_set && c->rendition_selection == IVS_RENDITION_SEL_CUSTOM;
		bool given = ivs_res_is_set(r, IVS_RECORDING_RENDITIONS);
		if (given && !custom)
			ivs_vdiag(out, IVS_RULE_RENDITIONS_NOT_CUSTOM, r, IVS_RECORDING_RENDITIONS,
			          "renditions are only used with rendition_selection CUSTOM, got %s: set "
			          "rendition_selection: CUSTOM or remove renditions.",
			          sel_set ? fs[IVS_RECORDING_RENDITION_SELECTION].choices[c->rendition_selection]
			                  : "none");
		else if (custom && (!given || c->renditions.n == 0))
			ivs_vdiag(out, IVS_RULE_RENDITIONS_MISSING, r, IVS_RECORDING_RENDITIONS,
			          "rendition_selection CUSTOM needs at least one rendition in renditions: "
			          "list some of FULL_HD, HD, SD and LOWEST_RESOLUTION.");
	}
	if (ivs_res_is_set(r, IVS_RECORDING_THUMB_MODE) &&
	    c->thumb_recording_mode == IVS_THUMB_MODE_DISABLED) {
		static const int extra[] = {IVS_RECORDING_THUMB_RESOLUTION, IVS_RECORDING_THUMB_STORAGE,
		                            IVS_RECORDING_THUMB_INTERVAL};
		for (size_t i = 0; i < IVS_ARRAY_LEN(extra); i++)
			if (ivs_res_is_set(r, extra[i]))
				ivs_vdiag(out, IVS_RULE_THUMBNAIL_DISABLED_PROPS, r, extra[i],
				          "%s has no effect with recording_mode DISABLED: remove it or set "
				          "recording_mode: INTERVAL.", fs[extra[i]].key);
	}
}

/* ---- issue 10 (l1a) ---- */

/* A stage's thumbnails default to DISABLED (unlike a recording
 * configuration's): an interval or storage without INTERVAL does nothing. */
void ivs_check_stage(const struct ivs_res *r, struct ivs_diags *out)
{
	static const int extra[] = {IVS_STAGE_THUMB_STORAGE, IVS_STAGE_THUMB_INTERVAL};
	const struct ivs_field *fs = ivs_res_info(r)->fields;

	if (!ivs_res_is_set(r, IVS_STAGE_THUMBNAIL) ||
	    ivs_res_get_num(r, IVS_STAGE_THUMB_MODE) == IVS_THUMB_MODE_INTERVAL)
		return;
	for (size_t i = 0; i < IVS_ARRAY_LEN(extra); i++)
		if (ivs_res_is_set(r, extra[i]))
			ivs_vdiag(out, IVS_RULE_THUMBNAIL_DISABLED_PROPS, r, extra[i],
			          "%s has no effect with recording_mode %s%s: remove it or set "
			          "recording_mode: INTERVAL.", fs[extra[i]].key,
			          fs[IVS_STAGE_THUMB_MODE].choices[ivs_res_get_num(r, IVS_STAGE_THUMB_MODE)],
			          ivs_res_is_set(r, IVS_STAGE_THUMB_MODE) ? "" : " (the default for a stage)");
}

/* Even sizes and the pixel limit; an unset side counts at its default. */
void ivs_check_encoder(const struct ivs_res *r, struct ivs_diags *out)
{
	static const int sides[] = {IVS_ENCODER_WIDTH, IVS_ENCODER_HEIGHT};
	const struct ivs_field *fs = ivs_res_info(r)->fields;
	bool ok = true;

	if (!ivs_res_is_set(r, IVS_ENCODER_VIDEO))
		return;
	for (size_t i = 0; i < IVS_ARRAY_LEN(sides); i++) {
		long v = ivs_res_get_num(r, sides[i]);
		if (v < fs[sides[i]].min || v > fs[sides[i]].max) {
			ok = false;   /* the range is reported by the table */
		} else if (v % 2) {
			ivs_vdiag(out, IVS_RULE_ENCODER_SIZE_ODD, r, sides[i],
			          "video %s must be an even number, got %ld: use %ld or %ld.",
			          fs[sides[i]].key, v, v - 1, v + 1);
			ok = false;
		}
	}
	long w = ivs_res_get_num(r, IVS_ENCODER_WIDTH), h = ivs_res_get_num(r, IVS_ENCODER_HEIGHT);
	if (ok && w * h > 2073600) {
		int at = ivs_res_is_set(r, IVS_ENCODER_WIDTH) ? IVS_ENCODER_WIDTH : IVS_ENCODER_HEIGHT;
		ivs_vdiag(out, IVS_RULE_ENCODER_PIXEL_LIMIT, r, at,
		          "video width x height must be at most 2,073,600 pixels (1920x1080 or "
		          "1080x1920), got %ldx%ld = %ld%s: make the picture smaller.", w, h, w * h,
		          ivs_res_is_set(r, IVS_ENCODER_WIDTH) && ivs_res_is_set(r, IVS_ENCODER_HEIGHT)
		              ? "" : " (an unset side counts at its default, 1280x720)");
	}
}

void ivs_check_ingest(const struct ivs_res *r, struct ivs_diags *out)
{
	if (ivs_res_get_num(r, IVS_INGEST_PROTOCOL) == IVS_INGEST_RTMP &&
	    !ivs_res_get_num(r, IVS_INGEST_INSECURE))
		ivs_vdiag(out, IVS_RULE_INGEST_RTMP_INSECURE, r, IVS_INGEST_PROTOCOL,
		          "ingest_protocol RTMP needs insecure_ingest: true (IVS refuses it otherwise): "
		          "set insecure_ingest: true or use RTMPS.");
	if (!ivs_res_is_set(r, IVS_INGEST_STAGE))
		ivs_vdiag(out, IVS_RULE_INGEST_NO_STAGE, r, -1,
		          "this ingest configuration has no stage, so it ingests nowhere until one is "
		          "attached: set stage to the id of a stage.");
}

/* The CDK counts the description in UTF-16 units (JavaScript's length),
 * CloudFormation in bytes (1024); the table's rule counts characters. */
void ivs_check_stack(const struct ivs_res *r, struct ivs_diags *out)
{
	const char *s = ((const struct ivs_stack *)r)->description;
	size_t chars, units, bytes;

	if (!s || !ivs_res_is_set(r, IVS_STACK_DESCRIPTION))
		return;
	chars = ivs_utf8_len(s);
	bytes = strlen(s);
	units = chars;
	for (const char *c = s; *c; c++)
		units += ((unsigned char)*c & 0xF8) == 0xF0;   /* a surrogate pair */
	if (chars > 512)
		return;   /* reported by the table */
	if (units > 512)
		ivs_vdiag(out, IVS_RULE_STACK_DESCRIPTION, r, IVS_STACK_DESCRIPTION,
		          "stack description must be at most 512 characters as the CDK counts them "
		          "(characters outside the Basic Multilingual Plane count twice), got %zu.",
		          units);
	else if (bytes > 1024)
		ivs_vdiag(out, IVS_RULE_STACK_DESCRIPTION, r, IVS_STACK_DESCRIPTION,
		          "stack description must be at most 1024 bytes in UTF-8 (CloudFormation's "
		          "limit), got %zu: shorten it.", bytes);
}

void ivs_vcheck_entry(const struct ivs_res *r, struct ivs_diags *out)
{
	const struct ivs_kind_info *ki = ivs_res_info(r);
	check_table(r, out);
	for (int i = 0; i < ki->nfields; i++)
		if ((ki->fields[i].flags & IVS_FF_PEM_P384) && ivs_res_is_set(r, i))
			check_pem(r, i, out);
	if (ki->check)
		ki->check(r, out);
}

/* An output's description: CloudFormation counts bytes (1024), not
 * characters. */
void ivs_check_output(const struct ivs_res *r, struct ivs_diags *out)
{
	const char *d = ivs_res_get_str(r, IVS_OUTPUT_DESCRIPTION);
	if (d && strlen(d) > 1024)
		ivs_vdiag(out, IVS_RULE_OUTPUT_DESCRIPTION, r, IVS_OUTPUT_DESCRIPTION,
		          "description is %zu bytes, but CloudFormation allows 1024 in an output's "
		          "Description: shorten it.", strlen(d));
}
