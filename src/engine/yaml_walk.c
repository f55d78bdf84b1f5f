/* yaml_walk.c: the table-driven part of the loader. A tree gathered by
 * yaml_tree.c (one list entry, the stack) is walked with the field tables
 * of schema.h and built into the model with the edit API: one code path per
 * value type, none per field; stream keys (IVS_FT_CHILDREN) and tags are
 * the only shapes with code of their own. Each problem is reported with the
 * position of the value and the path ld->path names. */
#include "yaml_tree.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ivs/value.h"

/* ---- describing values in messages ---- */

/* A value as a message quotes it: at most 60 bytes, cut at a character. */
void yl_put_snippet(struct ivs_buf *b, const char *s)
{
	size_t n = strlen(s);
	if (n <= 60) {
		ivs_buf_printf(b, "\"%s\"", s);
		return;
	}
	n = 60;
	while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	ivs_buf_putc(b, '"');
	ivs_buf_add(b, s, n);
	ivs_buf_puts(b, "...\"");
}

void yl_put_node_desc(const struct yl_loader *ld, uint32_t n, struct ivs_buf *b)
{
	const struct yl_node *nd = yl_node(ld, n);
	if (nd->type == YL_MAP)
		ivs_buf_puts(b, "a mapping");
	else if (nd->type == YL_SEQ)
		ivs_buf_puts(b, "a list");
	else
		yl_put_snippet(b, yl_text(ld, n));
}

#define put_words ivs_words_join
#define put_choices ivs_choices_join

/* The keys a mapping of this kind (group: of that group) may hold. */
static void put_keys(struct ivs_buf *b, enum ivs_kind kind, int group)
{
	const struct ivs_kind_info *ki = ivs_kind_info(kind);
	const char *keys[64];
	size_t n = 0;
	for (int i = 0; i < ki->nfields && n < IVS_ARRAY_LEN(keys); i++)
		if (ki->fields[i].parent == group)
			keys[n++] = ki->fields[i].key;
	put_words(b, keys, n, " and ");
}

/* What a field's value must be: "one of LOW or NORMAL", "true or false". */
static void put_want(struct ivs_buf *b, const struct ivs_res *r, int fi)
{
	const struct ivs_field *f = &ivs_res_info(r)->fields[fi];
	switch (f->type) {
	case IVS_FT_ID: case IVS_FT_STRING: case IVS_FT_TEXT:
		ivs_buf_puts(b, "a string");
		break;
	case IVS_FT_REF:
		if (f->ref_mask)
			ivs_buf_puts(b, "the id of an entry");
		else
			ivs_buf_printf(b, "the id of a %s", ivs_kind_info(f->ref)->name);
		break;
	case IVS_FT_ENUM:
		ivs_buf_puts(b, "one of ");
		put_choices(b, f->choices);
		break;
	case IVS_FT_BOOL:
		ivs_buf_puts(b, "true or false");
		break;
	case IVS_FT_INT:
		ivs_buf_puts(b, "a whole number");
		break;
	case IVS_FT_NUMBER:
		ivs_buf_puts(b, "a number such as 30 or 29.97");
		break;
	case IVS_FT_STRING_LIST:
		ivs_buf_printf(b, "a list of strings (%s)", f->check_text ? f->check_text : "one line each");
		break;
	case IVS_FT_ENUM_LIST:
		ivs_buf_puts(b, "a list of ");
		put_choices(b, f->choices);
		ivs_buf_puts(b, " values, such as [");
		ivs_buf_puts(b, f->choices[0]);
		ivs_buf_puts(b, "]");
		break;
	case IVS_FT_TAGS:
		ivs_buf_puts(b, "a mapping of tag keys to values, such as {team: video}");
		break;
	case IVS_FT_GROUP:
		ivs_buf_puts(b, "a mapping with ");
		put_keys(b, r->kind, fi);
		break;
	case IVS_FT_CHILDREN:
		ivs_buf_printf(b, "a list of %ss, each a mapping with an id", ivs_kind_info(f->ref)->name);
		break;
	case IVS_FT_REF_LIST:
		ivs_buf_printf(b, "a list of %s ids, such as [%s]", ivs_kind_info(f->ref)->name,
		               ivs_kind_info(f->ref)->id_prefix);
		break;
	}
}

static void wrong_type(struct yl_loader *ld, const struct ivs_res *r, int fi, uint32_t v)
{
	struct ivs_buf b;
	ivs_buf_init(&b);
	put_want(&b, r, fi);
	ivs_buf_puts(&b, ", not ");
	if (yl_node(ld, v)->type == YL_SCALAR && !(yl_node(ld, v)->flags & YL_PLAIN)) {
		ivs_buf_puts(&b, "the quoted string ");
		yl_put_node_desc(ld, v, &b);
		ivs_buf_puts(&b, ": remove the quotes");
	} else {
		yl_put_node_desc(ld, v, &b);
	}
	yl_diag(ld, IVS_RULE_YAML_WRONG_TYPE, yl_node(ld, v)->pos, "%s must be %s.", ld->path.data,
	        b.data);
	ivs_buf_free(&b);
}

void yl_report_null(struct yl_loader *ld, uint32_t v, const char *fix)
{
	yl_diag(ld, IVS_RULE_YAML_NULL, yl_node(ld, v)->pos, "%s has no value; %s.", ld->path.data,
	        fix);
}

static const char *word_at(const void *ctx, size_t i)
{
	return ((const char *const *)ctx)[i];
}

/* "did you mean" when a known key is close, else the list of keys. */
void yl_unknown_key(struct yl_loader *ld, const char *const *keys, size_t n, const char *where,
                        const char *key, struct ivs_pos pos)
{
	size_t len = strlen(key), max = len <= 3 ? 1 : len <= 8 ? 2 : 3;
	/* a hint closer than the key is long (not "a" for "x") */
	const char *hint = len ? ivs_closest(key, n, word_at, keys, len - 1 < max ? len - 1 : max)
	                       : NULL;
	if (hint) {
		yl_diag(ld, IVS_RULE_YAML_UNKNOWN_KEY, pos, "%s has no key `%s`: did you mean `%s`?", where,
		        key, hint);
		return;
	}
	struct ivs_buf b;
	ivs_buf_init(&b);
	put_words(&b, keys, n, " and ");
	yl_diag(ld, IVS_RULE_YAML_UNKNOWN_KEY, pos, "%s has no key `%s`; its keys are %s.", where, key,
	        b.data);
	ivs_buf_free(&b);
}

static void unknown_field(struct yl_loader *ld, const struct ivs_res *r, int group, const char *where,
                          const char *key, struct ivs_pos pos)
{
	const struct ivs_kind_info *ki = ivs_res_info(r);
	const char *keys[64];
	size_t n = 0;
	for (int i = 0; i < ki->nfields && n < IVS_ARRAY_LEN(keys); i++)
		if (ki->fields[i].parent == group)
			keys[n++] = ki->fields[i].key;
	yl_unknown_key(ld, keys, n, where, key, pos);
}

/* ---- scalars ---- */

/* Parses a plain decimal integer; 0 ok, 1 not an integer, 2 out of range. */
int yl_parse_long(const char *s, long *out)
{
	const char *p = s;
	char *end;
	if (*p == '-' || *p == '+')
		p++;
	if (*p < '0' || *p > '9')
		return 1;
	for (const char *q = p; *q; q++)
		if (*q < '0' || *q > '9')
			return 1;
	errno = 0;
	*out = strtol(s, &end, 10);
	return errno == ERANGE ? 2 : 0;
}

static int parse_bool(const char *s)
{
	static const char *const yes[] = {"true", "True", "TRUE"}, *const no[] = {"false", "False", "FALSE"};
	for (size_t i = 0; i < 3; i++) {
		if (strcmp(s, yes[i]) == 0)
			return 1;
		if (strcmp(s, no[i]) == 0)
			return 0;
	}
	return -1;
}

static void bad_enum(struct yl_loader *ld, const char *const *choices, uint32_t v)
{
	const char *s = yl_text(ld, v);
	struct ivs_buf b;
	ivs_buf_init(&b);
	put_choices(&b, choices);
	ivs_buf_puts(&b, ", not ");
	yl_put_snippet(&b, s);
	for (size_t i = 0; choices[i]; i++)
		if (strcasecmp(choices[i], s) == 0)
			ivs_buf_printf(&b, ": write %s, in capitals", choices[i]);
	yl_diag(ld, IVS_RULE_YAML_BAD_ENUM, yl_node(ld, v)->pos, "%s must be one of %s.", ld->path.data,
	        b.data);
	ivs_buf_free(&b);
}

/* ---- the walk ---- */

/* A list of one-line strings, held joined by line feeds. */
static void walk_str_list(struct yl_loader *ld, struct ivs_res *r, int fi, uint32_t v)
{
	struct ivs_buf b;
	bool ok = true;
	size_t i = 0;

	ivs_buf_init(&b);
	ivs_buf_puts(&b, "");
	for (uint32_t c = yl_node(ld, v)->first; c; c = yl_node(ld, c)->next, i++) {
		size_t at = yl_path_index(ld, i);
		const struct yl_node *cn = yl_node(ld, c);
		if (cn->type == YL_BAD) {
			ok = false;
		} else if (cn->flags & YL_NULL) {
			yl_report_null(ld, c, "write a value or remove the empty entry");
			ok = false;
		} else if (cn->type != YL_SCALAR || strchr(yl_text(ld, c), '\n') || !*yl_text(ld, c)) {
			struct ivs_buf d;
			ivs_buf_init(&d);
			yl_put_node_desc(ld, c, &d);
			yl_diag(ld, IVS_RULE_YAML_WRONG_TYPE, cn->pos,
			        "%s must be a non-empty string on one line, not %s.", ld->path.data, d.data);
			ivs_buf_free(&d);
			ok = false;
		} else {
			ivs_buf_printf(&b, "%s%s", i ? "\n" : "", yl_text(ld, c));
		}
		yl_path_pop(ld, at);
	}
	if (ok)   /* [] is kept: an empty list, given (exported as []) */
		ivs_edit_set_str(ld->p, r, fi, b.data);
	ivs_buf_free(&b);
}

static void walk_enum_list(struct yl_loader *ld, struct ivs_res *r, int fi, uint32_t v)
{
	const struct ivs_field *f = &ivs_res_info(r)->fields[fi];
	struct ivs_enum_list l = {0};
	bool ok = true;
	size_t i = 0;

	if (yl_node(ld, v)->count > IVS_ENUM_LIST_MAX) {
		yl_diag(ld, IVS_RULE_YAML_TOO_LARGE, yl_node(ld, v)->pos,
		        "%s lists %u values; it holds at most %zu.", ld->path.data, yl_node(ld, v)->count,
		        ivs_choice_count(f->choices));
		return;
	}
	for (uint32_t c = yl_node(ld, v)->first; c; c = yl_node(ld, c)->next, i++) {
		size_t at = yl_path_index(ld, i);
		const struct yl_node *cn = yl_node(ld, c);
		int k = -1;
		if (cn->type == YL_BAD) {
			ok = false;
		} else if (cn->flags & YL_NULL) {
			yl_report_null(ld, c, "write a value or remove the empty entry");
			ok = false;
		} else if (cn->type != YL_SCALAR) {
			struct ivs_buf b;
			ivs_buf_init(&b);
			put_choices(&b, f->choices);
			ivs_buf_puts(&b, ", not ");
			yl_put_node_desc(ld, c, &b);
			yl_diag(ld, IVS_RULE_YAML_WRONG_TYPE, cn->pos, "%s must be one of %s.", ld->path.data,
			        b.data);
			ivs_buf_free(&b);
			ok = false;
		} else if ((k = ivs_choice_index(f->choices, yl_text(ld, c))) < 0) {
			bad_enum(ld, f->choices, c);
			ok = false;
		} else {
			l.v[l.n++] = (uint8_t)k;
		}
		yl_path_pop(ld, at);
	}
	if (ok)
		ivs_edit_set_list(ld->p, r, fi, &l);
}

/* A REF_LIST: a sequence of ids. Kept as written; the validator checks
 * that each names an entry, the duplicates and the count. */
static void walk_id_list(struct yl_loader *ld, struct ivs_res *r, int fi, uint32_t v)
{
	const struct ivs_field *f = &ivs_res_info(r)->fields[fi];
	struct ivs_idlist l = {0};
	bool ok = true;
	size_t i = 0;

	for (uint32_t c = yl_node(ld, v)->first; c; c = yl_node(ld, c)->next, i++) {
		size_t at = yl_path_index(ld, i);
		const struct yl_node *cn = yl_node(ld, c);
		if (cn->type == YL_BAD) {
			ok = false;
		} else if (cn->flags & YL_NULL) {
			yl_report_null(ld, c, "write an id or remove the empty entry");
			ok = false;
		} else if (cn->type != YL_SCALAR) {
			struct ivs_buf b;
			ivs_buf_init(&b);
			yl_put_node_desc(ld, c, &b);
			yl_diag(ld, IVS_RULE_YAML_WRONG_TYPE, cn->pos, "%s must be the id of a %s, not %s.",
			        ld->path.data, ivs_kind_info(f->ref)->name, b.data);
			ivs_buf_free(&b);
			ok = false;
		} else {
			ivs_idlist_push(&l, yl_text(ld, c));
		}
		yl_path_pop(ld, at);
	}
	if (ok)
		ivs_edit_set_ids(ld->p, r, fi, &l);
	ivs_idlist_free(&l);
}

static void walk_tags(struct yl_loader *ld, struct ivs_res *r, uint32_t v)
{
	struct ivs_tags t = {0};
	bool ok = true;

	yl_mark_dups(ld, v);
	t.v = ivs_xcalloc(yl_node(ld, v)->count / 2 + 1, sizeof *t.v);
	for (uint32_t k = yl_node(ld, v)->first; k && yl_node(ld, k)->next;
	     k = yl_node(ld, yl_node(ld, k)->next)->next) {
		uint32_t val = yl_node(ld, k)->next;
		const struct yl_node *kn = yl_node(ld, k), *vn = yl_node(ld, val);
		if (kn->type == YL_BAD || (kn->flags & YL_DUP)) {
			ok = false;
			continue;
		}
		if (kn->type != YL_SCALAR) {
			yl_diag(ld, IVS_RULE_YAML_WRONG_TYPE, kn->pos,
			        "a tag key in %s must be a string, not %s.", ld->path.data,
			        kn->type == YL_MAP ? "a mapping" : "a list");
			ok = false;
			continue;
		}
		size_t at = yl_path_key(ld, yl_text(ld, k));
		if (vn->type == YL_BAD) {
			ok = false;
		} else if (vn->flags & YL_NULL) {
			yl_diag(ld, IVS_RULE_YAML_NULL, vn->pos,
			        "%s has no value; write \"\" for an empty value, or remove the tag.",
			        ld->path.data);
			ok = false;
		} else if (vn->type != YL_SCALAR) {
			struct ivs_buf b;
			ivs_buf_init(&b);
			yl_put_node_desc(ld, val, &b);
			yl_diag(ld, IVS_RULE_YAML_WRONG_TYPE, vn->pos, "%s must be a string, not %s.",
			        ld->path.data, b.data);
			ivs_buf_free(&b);
			ok = false;
		} else {
			struct ivs_tag *tag = &t.v[t.n++];
			tag->key = ivs_xstrndup(yl_text(ld, k), kn->len);
			tag->value = ivs_xstrndup(yl_text(ld, val), vn->len);
			tag->pos = kn->pos;
		}
		yl_path_pop(ld, at);
	}
	if (ok)
		ivs_edit_set_tags(ld->p, r, &t);
	ivs_tags_free(&t);
}

static void walk_children(struct yl_loader *ld, struct ivs_res *r, int fi, uint32_t v)
{
	const struct ivs_field *f = &ivs_res_info(r)->fields[fi];
	size_t i = 0;
	for (uint32_t c = yl_node(ld, v)->first; c; c = yl_node(ld, c)->next, i++) {
		size_t at = yl_path_index(ld, i);
		yl_walk_entry(ld, f->ref, r, c);
		yl_path_pop(ld, at);
	}
}

/* One field's value (ld->path names it). */
static void walk_value(struct yl_loader *ld, struct ivs_res *r, int fi, uint32_t v)
{
	const struct ivs_field *f = &ivs_res_info(r)->fields[fi];
	const struct yl_node *n = yl_node(ld, v);
	const char *s = n->type == YL_SCALAR ? yl_text(ld, v) : NULL;
	long num;
	int k;

	if (n->type == YL_BAD)
		return;
	if (n->flags & YL_NULL) {
		yl_report_null(ld, v, "give one, or remove the key");
		return;
	}
	switch (f->type) {
	case IVS_FT_STRING: case IVS_FT_TEXT: case IVS_FT_REF: case IVS_FT_ID:
		if (!s)
			goto wrong;
		ivs_edit_set_str(ld->p, r, fi, s);
		break;
	case IVS_FT_ENUM:
		if (!s)
			goto wrong;
		if ((k = ivs_choice_index(f->choices, s)) < 0) {
			bad_enum(ld, f->choices, v);
			return;
		}
		ivs_edit_set_enum(ld->p, r, fi, k);
		break;
	case IVS_FT_BOOL:
		if (!s || !(n->flags & YL_PLAIN))
			goto wrong;
		if ((k = parse_bool(s)) < 0) {
			struct ivs_buf b;
			ivs_buf_init(&b);
			yl_put_snippet(&b, s);
			yl_diag(ld, IVS_RULE_YAML_BAD_BOOL, n->pos, "%s must be true or false, not %s.",
			        ld->path.data, b.data);
			ivs_buf_free(&b);
			return;
		}
		ivs_edit_set_bool(ld->p, r, fi, k == 1);
		break;
	case IVS_FT_INT:
		if (!s || !(n->flags & YL_PLAIN))
			goto wrong;
		if ((k = yl_parse_long(s, &num)) != 0) {
			struct ivs_buf b;
			ivs_buf_init(&b);
			yl_put_snippet(&b, s);
			if (k == 1)
				yl_diag(ld, IVS_RULE_YAML_BAD_INT, n->pos, "%s must be a whole number, not %s.",
				        ld->path.data, b.data);
			else
				yl_diag(ld, IVS_RULE_YAML_BAD_INT, n->pos,
				        "%s is too large a number (%s); give a whole number from %ld to %ld.",
				        ld->path.data, b.data, f->min, f->max);
			ivs_buf_free(&b);
			return;
		}
		ivs_edit_set_int(ld->p, r, fi, num);
		break;
	case IVS_FT_ENUM_LIST:
		if (n->type != YL_SEQ)
			goto wrong;
		walk_enum_list(ld, r, fi, v);
		break;
	case IVS_FT_NUMBER: {
		char *canon;
		if (!s || !(n->flags & YL_PLAIN))
			goto wrong;
		if (!(canon = ivs_number_canon(s))) {
			struct ivs_buf b;
			ivs_buf_init(&b);
			yl_put_snippet(&b, s);
			yl_diag(ld, IVS_RULE_YAML_BAD_NUMBER, n->pos,
			        "%s must be a number such as 30 or 29.97, not %s.", ld->path.data, b.data);
			ivs_buf_free(&b);
			return;
		}
		ivs_edit_set_str(ld->p, r, fi, canon);
		free(canon);
		break;
	}
	case IVS_FT_STRING_LIST:
		if (n->type != YL_SEQ)
			goto wrong;
		walk_str_list(ld, r, fi, v);
		break;
	case IVS_FT_REF_LIST:
		if (n->type != YL_SEQ)
			goto wrong;
		walk_id_list(ld, r, fi, v);
		break;
	case IVS_FT_TAGS:
		if (n->type != YL_MAP)
			goto wrong;
		walk_tags(ld, r, v);
		break;
	case IVS_FT_GROUP:
		if (n->type != YL_MAP)
			goto wrong;
		ivs_edit_set_group(ld->p, r, fi);
		yl_walk_fields(ld, r, fi, v);
		break;
	case IVS_FT_CHILDREN:
		if (n->type != YL_SEQ)
			goto wrong;
		walk_children(ld, r, fi, v);
		break;
	}
	if (ivs_res_is_set(r, fi) || f->type == IVS_FT_CHILDREN)
		ivs_res_set_pos(r, fi, n->pos);
	return;
wrong:
	wrong_type(ld, r, fi, v);
}

/* The keys of one mapping: an entry (group -1) or a group's. ld->path
 * names the mapping. */
void yl_walk_fields(struct yl_loader *ld, struct ivs_res *r, int group, uint32_t map)
{
	const struct ivs_kind_info *ki = ivs_res_info(r);
	char *where = NULL;

	yl_mark_dups(ld, map);
	for (uint32_t k = yl_node(ld, map)->first; k && yl_node(ld, k)->next;
	     k = yl_node(ld, yl_node(ld, k)->next)->next) {
		const struct yl_node *kn = yl_node(ld, k);
		if (kn->type == YL_BAD || (kn->flags & YL_DUP))
			continue;
		if (kn->type != YL_SCALAR) {
			yl_diag(ld, IVS_RULE_YAML_WRONG_TYPE, kn->pos,
			        "a key in %s must be a word such as %s, not %s.", ld->path.data,
			        ki->fields[group < 0 ? 0 : group + 1].key,
			        kn->type == YL_MAP ? "a mapping" : "a list");
			continue;
		}
		const char *key = yl_text(ld, k);
		int fi = ivs_field_find(r->kind, group, key);
		if (fi < 0 && !where)
			where = ivs_xstrdup(ld->path.data);
		size_t at = yl_path_key(ld, key);
		if (fi < 0)
			unknown_field(ld, r, group, where, key, kn->pos);
		else if (ki->fields[fi].type != IVS_FT_ID)
			walk_value(ld, r, fi, kn->next);
		yl_path_pop(ld, at);
	}
	free(where);
}

/* One list entry (ld->path names it, "channels[1]"). */
void yl_walk_entry(struct yl_loader *ld, enum ivs_kind kind, struct ivs_res *parent, uint32_t n)
{
	const struct yl_node *e = yl_node(ld, n);
	const char *kname = ivs_kind_info(kind)->name;
	const char *id = "";
	uint32_t idv = 0;

	if (e->type == YL_BAD)
		return;
	if (e->flags & YL_NULL) {
		yl_diag(ld, IVS_RULE_YAML_NULL, e->pos,
		        "%s is empty; give the %s an id, or remove the empty `-` line.", ld->path.data,
		        kname);
		return;
	}
	if (e->type != YL_MAP) {
		struct ivs_buf b;
		ivs_buf_init(&b);
		yl_put_node_desc(ld, n, &b);
		yl_diag(ld, IVS_RULE_YAML_WRONG_TYPE, e->pos,
		        "%s must be a mapping that starts with `id:`, not %s.", ld->path.data, b.data);
		ivs_buf_free(&b);
		return;
	}
	for (uint32_t k = e->first; k && yl_node(ld, k)->next; k = yl_node(ld, yl_node(ld, k)->next)->next) {
		if (yl_node(ld, k)->type == YL_SCALAR && strcmp(yl_text(ld, k), "id") == 0) {
			idv = yl_node(ld, k)->next;
			break;
		}
	}
	char *where = ivs_xstrdup(ld->path.data);
	size_t at = yl_path_key(ld, "id");
	if (!idv) {
		yl_diag(ld, IVS_RULE_REQUIRED_MISSING, e->pos,
		        "%s has no id; add `id:` with a name for this %s.", where, kname);
	} else if (yl_node(ld, idv)->type == YL_BAD) {
		idv = 0;
	} else if (yl_node(ld, idv)->flags & YL_NULL) {
		yl_report_null(ld, idv, "give the entry a name");
		idv = 0;
	} else if (yl_node(ld, idv)->type != YL_SCALAR) {
		struct ivs_buf b;
		ivs_buf_init(&b);
		yl_put_node_desc(ld, idv, &b);
		yl_diag(ld, IVS_RULE_YAML_WRONG_TYPE, yl_node(ld, idv)->pos, "%s must be a string, not %s.",
		        ld->path.data, b.data);
		ivs_buf_free(&b);
		idv = 0;
	} else {
		id = yl_text(ld, idv);
	}
	yl_path_pop(ld, at);
	free(where);
	struct ivs_res *r = ivs_edit_add(ld->p, kind, parent, id, SIZE_MAX);
	ivs_res_set_pos(r, -1, e->pos);
	if (idv)
		ivs_res_set_pos(r, 0, yl_node(ld, idv)->pos);
	yl_walk_fields(ld, r, -1, n);
}
