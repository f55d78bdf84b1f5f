/* yaml_load.c: reads a project file (format 1, ../shared/spec/project-format.md)
 * into a new project.
 *
 * The top level (the root mapping and the four lists) is read event by
 * event; each value below it (ivs_tui, the stack, one list entry with its
 * stream keys) is gathered into a small tree (yaml_tree.c) and walked with
 * the field tables of schema.h: the only per-field code here is for the top
 * level, stream keys (IVS_FT_CHILDREN) and tags. The model is built through
 * the edit API with history off. Every problem is reported with its
 * position and path; the values' rules (ranges, patterns, references,
 * required fields other than an entry's id) are the validator's business.
 *
 * Ownership: the returned project belongs to the caller; diagnostics are
 * appended to the caller's list. */
#include "ivs/yamlio.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "ivs/fsutil.h"
#include "yaml_tree.h"

/* The top-level keys, in the order a saved file lists them. */
enum { TOP_VERSION, TOP_STACK, TOP_LISTS, TOP_COUNT = TOP_LISTS + 4 };

static const char *top_key(int i)
{
	if (i == TOP_VERSION)
		return "ivs_tui";
	if (i == TOP_STACK)
		return "stack";
	return ivs_kind_info(ivs_top_kinds[i - TOP_LISTS])->list_key;
}

/* ---- describing values in messages ---- */

/* A value as a message quotes it: at most 60 bytes, cut at a character. */
static void put_snippet(struct ivs_buf *b, const char *s)
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

static void put_node_desc(const struct yl_loader *ld, uint32_t n, struct ivs_buf *b)
{
	const struct yl_node *nd = yl_node(ld, n);
	if (nd->type == YL_MAP)
		ivs_buf_puts(b, "a mapping");
	else if (nd->type == YL_SEQ)
		ivs_buf_puts(b, "a list");
	else
		put_snippet(b, yl_text(ld, n));
}

static void put_words(struct ivs_buf *b, const char *const *w, size_t n, const char *last_sep)
{
	for (size_t i = 0; i < n; i++)
		ivs_buf_printf(b, "%s%s", i == 0 ? "" : i + 1 == n ? last_sep : ", ", w[i]);
}

static void put_choices(struct ivs_buf *b, const char *const *choices)
{
	put_words(b, choices, ivs_choice_count(choices), " or ");
}

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
		put_node_desc(ld, v, &b);
		ivs_buf_puts(&b, ": remove the quotes");
	} else {
		put_node_desc(ld, v, &b);
	}
	yl_diag(ld, IVS_RULE_YAML_WRONG_TYPE, yl_node(ld, v)->pos, "%s must be %s.", ld->path.data,
	        b.data);
	ivs_buf_free(&b);
}

static void report_null(struct yl_loader *ld, uint32_t v, const char *fix)
{
	yl_diag(ld, IVS_RULE_YAML_NULL, yl_node(ld, v)->pos, "%s has no value; %s.", ld->path.data,
	        fix);
}

/* "did you mean" when a known key is close, else the list of keys. */
static void unknown_key(struct yl_loader *ld, const char *const *keys, size_t n, const char *where,
                        const char *key, struct ivs_pos pos)
{
	size_t len = strlen(key), max = len <= 3 ? 1 : len <= 8 ? 2 : 3;
	size_t best = max + 1;
	const char *hint = NULL;

	for (size_t i = 0; i < n; i++) {
		size_t d = ivs_edit_distance(key, keys[i], max);
		if (d < best && d < len) {
			best = d;
			hint = keys[i];
		}
	}
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
	unknown_key(ld, keys, n, where, key, pos);
}

/* ---- scalars ---- */

/* Parses a plain decimal integer; 0 ok, 1 not an integer, 2 out of range. */
static int parse_long(const char *s, long *out)
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
	put_snippet(&b, s);
	for (size_t i = 0; choices[i]; i++)
		if (strcasecmp(choices[i], s) == 0)
			ivs_buf_printf(&b, ": write %s, in capitals", choices[i]);
	yl_diag(ld, IVS_RULE_YAML_BAD_ENUM, yl_node(ld, v)->pos, "%s must be one of %s.", ld->path.data,
	        b.data);
	ivs_buf_free(&b);
}

/* ---- the walk ---- */

static void walk_entry(struct yl_loader *ld, enum ivs_kind kind, struct ivs_res *parent,
                       uint32_t n);
static void walk_fields(struct yl_loader *ld, struct ivs_res *r, int group, uint32_t map);

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
			report_null(ld, c, "write a value or remove the empty entry");
			ok = false;
		} else if (cn->type != YL_SCALAR) {
			struct ivs_buf b;
			ivs_buf_init(&b);
			put_choices(&b, f->choices);
			ivs_buf_puts(&b, ", not ");
			put_node_desc(ld, c, &b);
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
			put_node_desc(ld, val, &b);
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
		walk_entry(ld, f->ref, r, c);
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
		report_null(ld, v, "give one, or remove the key");
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
			put_snippet(&b, s);
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
		if ((k = parse_long(s, &num)) != 0) {
			struct ivs_buf b;
			ivs_buf_init(&b);
			put_snippet(&b, s);
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
	case IVS_FT_TAGS:
		if (n->type != YL_MAP)
			goto wrong;
		walk_tags(ld, r, v);
		break;
	case IVS_FT_GROUP:
		if (n->type != YL_MAP)
			goto wrong;
		ivs_edit_set_group(ld->p, r, fi);
		walk_fields(ld, r, fi, v);
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
static void walk_fields(struct yl_loader *ld, struct ivs_res *r, int group, uint32_t map)
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
static void walk_entry(struct yl_loader *ld, enum ivs_kind kind, struct ivs_res *parent, uint32_t n)
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
		put_node_desc(ld, n, &b);
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
		report_null(ld, idv, "give the entry a name");
		idv = 0;
	} else if (yl_node(ld, idv)->type != YL_SCALAR) {
		struct ivs_buf b;
		ivs_buf_init(&b);
		put_node_desc(ld, idv, &b);
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
	walk_fields(ld, r, -1, n);
}

/* ---- the top level ---- */

static void walk_version(struct yl_loader *ld, uint32_t v)
{
	const struct yl_node *n = yl_node(ld, v);
	const char *s = n->type == YL_SCALAR ? yl_text(ld, v) : NULL;
	long num;
	int k;

	if (n->type == YL_BAD)
		return;
	if (n->flags & YL_NULL) {
		report_null(ld, v, "write `ivs_tui: 1`");
		return;
	}
	if (!s || !(n->flags & YL_PLAIN)) {
		struct ivs_buf b;
		ivs_buf_init(&b);
		put_node_desc(ld, v, &b);
		yl_diag(ld, IVS_RULE_YAML_WRONG_TYPE, n->pos,
		        "ivs_tui must be the format version, the number 1, not %s%s.",
		        s ? "the quoted string " : "", b.data);
		ivs_buf_free(&b);
		return;
	}
	if ((k = parse_long(s, &num)) != 0) {
		struct ivs_buf b;
		ivs_buf_init(&b);
		put_snippet(&b, s);
		yl_diag(ld, IVS_RULE_YAML_BAD_INT, n->pos,
		        "ivs_tui must be the format version, the number 1, not %s.", b.data);
		ivs_buf_free(&b);
		return;
	}
	if (num > IVS_FORMAT_VERSION) {
		/* A newer format: what else we would say is noise. */
		ivs_diags_clear(&ld->d);
		yl_diag(ld, IVS_RULE_VERSION_UNSUPPORTED, n->pos,
		        "this file is format %ld; this ivs-tui reads format %d: upgrade ivs-tui.", num,
		        IVS_FORMAT_VERSION);
		ld->stop = true;
	} else if (num < IVS_FORMAT_VERSION) {
		yl_diag(ld, IVS_RULE_VERSION_UNSUPPORTED, n->pos,
		        "ivs_tui must be the format version %d, not %ld.", IVS_FORMAT_VERSION, num);
	}
}

static void walk_stack(struct yl_loader *ld, uint32_t v)
{
	const struct yl_node *n = yl_node(ld, v);
	struct ivs_res *r = &ivs_project_stack(ld->p)->r;

	if (n->type == YL_BAD)
		return;
	if (n->flags & YL_NULL) {
		report_null(ld, v, "give the stack a name, as in `stack: {name: live-events}`");
		return;
	}
	if (n->type != YL_MAP) {
		struct ivs_buf b;
		ivs_buf_init(&b);
		put_node_desc(ld, v, &b);
		yl_diag(ld, IVS_RULE_YAML_WRONG_TYPE, n->pos, "stack must be a mapping with name and description, not %s.",
		        b.data);
		ivs_buf_free(&b);
		return;
	}
	ivs_res_set_pos(r, -1, n->pos);
	walk_fields(ld, r, -1, v);
}

/* A top-level list read entry by entry: the tree holds one entry at a
 * time. ev is the list's SEQUENCE-START. */
static void read_list(struct yl_loader *ld, enum ivs_kind kind, yaml_event_t *ev)
{
	yaml_mark_t mark = ev->start_mark;
	yaml_event_t iev;
	size_t i = 0;

	yl_check_props(ld, ev->data.sequence_start.anchor, ev->data.sequence_start.tag, mark, NULL);
	yaml_event_delete(ev);
	if (!yl_depth_enter(ld, mark))
		return;
	while (yl_next_event(ld, &iev)) {
		if (iev.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&iev);
			break;
		}
		if (i == YL_MAX_ITEMS) {
			yaml_event_delete(&iev);
			yl_diag(ld, IVS_RULE_YAML_TOO_LARGE, yl_mark_pos(mark),
			        "%s holds more than %u entries; split the project.", ld->path.data, YL_MAX_ITEMS);
			ld->stop = true;
			break;
		}
		yl_tree_reset(ld);
		size_t at = yl_path_index(ld, i++);
		uint32_t n = yl_build(ld, &iev);
		if (!ld->stop)
			walk_entry(ld, kind, NULL, n);
		yl_path_pop(ld, at);
	}
	ld->depth--;
}

/* A top-level value that is not read as a list: build it, then walk it. */
static void read_top_value(struct yl_loader *ld, int top, yaml_event_t *ev)
{
	uint32_t v = yl_build(ld, ev);
	const struct yl_node *n = yl_node(ld, v);

	if (ld->stop || top < 0 || n->type == YL_BAD)
		return;
	if (top == TOP_VERSION) {
		walk_version(ld, v);
	} else if (top == TOP_STACK) {
		walk_stack(ld, v);
	} else if (n->flags & YL_NULL) {
		report_null(ld, v, "give a list, or remove the key");
	} else {
		struct ivs_buf b;
		ivs_buf_init(&b);
		put_node_desc(ld, v, &b);
		yl_diag(ld, IVS_RULE_YAML_WRONG_TYPE, n->pos, "%s must be a list of %ss, not %s.",
		        ld->path.data, ivs_kind_info(ivs_top_kinds[top - TOP_LISTS])->name, b.data);
		ivs_buf_free(&b);
	}
}

/* The root mapping, pair by pair. ev is its MAPPING-START. */
static void read_root(struct yl_loader *ld, yaml_event_t *ev)
{
	struct ivs_pos seen[TOP_COUNT] = {{0, 0}};
	const char *keys[TOP_COUNT];
	struct ivs_strmap *unknown = ivs_strmap_new();
	char **owned = NULL;
	size_t nowned = 0;
	yaml_mark_t mark = ev->start_mark;
	yaml_event_t kev, vev;

	for (int i = 0; i < TOP_COUNT; i++)
		keys[i] = top_key(i);
	yl_check_props(ld, ev->data.mapping_start.anchor, ev->data.mapping_start.tag, mark, NULL);
	yaml_event_delete(ev);
	if (!yl_depth_enter(ld, mark))
		goto out;
	for (size_t pairs = 0; yl_next_event(ld, &kev); pairs++) {
		if (kev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&kev);
			break;
		}
		if (pairs == YL_MAX_ITEMS) {
			yaml_event_delete(&kev);
			yl_diag(ld, IVS_RULE_YAML_TOO_LARGE, yl_mark_pos(mark),
			        "the file holds more than %u top-level keys; it should hold six.", YL_MAX_ITEMS);
			ld->stop = true;
			break;
		}
		yl_tree_reset(ld);
		uint32_t k = yl_build(ld, &kev);
		if (!yl_next_event(ld, &vev))
			break;
		const struct yl_node *kn = yl_node(ld, k);
		int top = -1;
		bool skip = true;
		if (kn->type == YL_SCALAR) {
			const char *key = yl_text(ld, k);
			for (int i = 0; i < TOP_COUNT && top < 0; i++)
				if (strcmp(key, keys[i]) == 0)
					top = i;
			yl_path_key(ld, key);
			void *hit;
			if (top >= 0 && seen[top].line) {
				yl_diag(ld, IVS_RULE_YAML_DUPLICATE_KEY, kn->pos,
				        "`%s` is given twice in the file: line %u already sets it; remove one of the two.",
				        key, seen[top].line);
			} else if (top >= 0) {
				seen[top] = kn->pos;
				skip = false;
			} else if (ivs_strmap_get(unknown, key, &hit, 1)) {
				yl_diag(ld, IVS_RULE_YAML_DUPLICATE_KEY, kn->pos,
				        "`%s` is given twice in the file: line %u already sets it; remove one of the two.",
				        key, ((const struct ivs_pos *)hit)->line);
			} else {
				owned = ivs_xrealloc(owned, (nowned + 1) * sizeof *owned);
				owned[nowned] = ivs_xmalloc(sizeof(struct ivs_pos) + strlen(key) + 1);
				memcpy(owned[nowned], &kn->pos, sizeof kn->pos);
				strcpy(owned[nowned] + sizeof(struct ivs_pos), key);
				ivs_strmap_add(unknown, owned[nowned] + sizeof(struct ivs_pos), owned[nowned]);
				nowned++;
				unknown_key(ld, keys, TOP_COUNT, "the file", key, kn->pos);
			}
		} else if (kn->type != YL_BAD) {
			yl_diag(ld, IVS_RULE_YAML_WRONG_TYPE, kn->pos,
			        "a top-level key must be a word such as stack, not %s.",
			        kn->type == YL_MAP ? "a mapping" : "a list");
		}
		if (!skip && top >= TOP_LISTS && vev.type == YAML_SEQUENCE_START_EVENT)
			read_list(ld, ivs_top_kinds[top - TOP_LISTS], &vev);
		else
			read_top_value(ld, skip ? -1 : top, &vev);
		yl_path_pop(ld, 0);
		if (ld->stop)
			goto out;
	}
	ld->depth--;
	if (!ld->stop && !seen[TOP_VERSION].line)
		yl_diag(ld, IVS_RULE_VERSION_MISSING, (struct ivs_pos){1, 1},
		        "the file does not say its format version; add `ivs_tui: 1` as its first line.");
out:
	for (size_t i = 0; i < nowned; i++)
		free(owned[i]);
	free(owned);
	ivs_strmap_free(unknown);
}

static void read_stream(struct yl_loader *ld)
{
	yaml_event_t ev;

	if (!yl_next_event(ld, &ev))
		return;
	yaml_event_delete(&ev);   /* STREAM-START */
	if (!yl_next_event(ld, &ev))
		return;
	if (ev.type == YAML_STREAM_END_EVENT) {
		yaml_event_delete(&ev);
		yl_diag(ld, IVS_RULE_YAML_EMPTY, (struct ivs_pos){1, 1},
		        "the file is empty; a project file starts with `ivs_tui: 1` and a `stack:`.");
		return;
	}
	yaml_event_delete(&ev);   /* DOCUMENT-START */
	if (!yl_next_event(ld, &ev))
		return;
	if (ev.type == YAML_MAPPING_START_EVENT) {
		read_root(ld, &ev);
	} else {
		uint32_t v = yl_build(ld, &ev);
		const struct yl_node *n = yl_node(ld, v);
		if (!ld->stop && (n->flags & YL_NULL)) {
			yl_diag(ld, IVS_RULE_YAML_EMPTY, n->pos,
			        "the file is empty; a project file starts with `ivs_tui: 1` and a `stack:`.");
		} else if (!ld->stop && n->type != YL_BAD) {
			struct ivs_buf b;
			ivs_buf_init(&b);
			put_node_desc(ld, v, &b);
			yl_diag(ld, IVS_RULE_YAML_WRONG_TYPE, n->pos,
			        "the file must be a mapping that starts with `ivs_tui: 1`, not %s.", b.data);
			ivs_buf_free(&b);
		}
	}
	if (!yl_next_event(ld, &ev))
		return;
	yaml_event_delete(&ev);   /* DOCUMENT-END */
	if (!yl_next_event(ld, &ev))
		return;
	if (ev.type == YAML_DOCUMENT_START_EVENT)
		yl_diag(ld, IVS_RULE_YAML_MULTI_DOC, yl_mark_pos(ev.start_mark),
		        "the file holds a second YAML document here; keep one project per file.");
	yaml_event_delete(&ev);
}

struct ivs_project *ivs_load_buffer(const char *name, const char *data, size_t len,
                                    struct ivs_diags *diags)
{
	struct yl_loader ld;

	(void)name;
	if (len > IVS_YAML_MAX_BYTES) {
		ivs_diags_add(diags, IVS_RULE_YAML_TOO_LARGE, (struct ivs_pos){0, 0}, "",
		              "the file is %zu bytes; a project file holds at most %u bytes (64 MiB).", len,
		              IVS_YAML_MAX_BYTES);
		return NULL;
	}
	yl_init(&ld, data ? data : "", data ? len : 0);
	ld.p = ivs_project_new();
	ivs_project_set_history(ld.p, false);
	read_stream(&ld);
	struct ivs_project *p = ld.p;
	if (ld.d.errors) {
		ivs_project_free(p);
		p = NULL;
	} else {
		ivs_project_set_history(p, true);
		ivs_project_journal_clear(p);
		ivs_project_mark_saved(p);
	}
	ivs_diags_move(diags, &ld.d);
	yl_free(&ld);
	return p;
}

struct ivs_project *ivs_load_file(const char *path, struct ivs_diags *diags)
{
	struct stat st;
	char *err = NULL;
	size_t len = 0;

	if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    (unsigned long long)st.st_size > IVS_YAML_MAX_BYTES) {
		ivs_diags_add(diags, IVS_RULE_YAML_TOO_LARGE, (struct ivs_pos){0, 0}, "",
		              "the file is %lld bytes; a project file holds at most %u bytes (64 MiB).",
		              (long long)st.st_size, IVS_YAML_MAX_BYTES);
		return NULL;
	}
	char *data = ivs_read_file(path, IVS_YAML_MAX_BYTES, &len, &err);
	if (!data) {
		ivs_diags_add(diags, IVS_RULE_IO_ERROR, (struct ivs_pos){0, 0}, "",
		              "%s; check the file name and its permissions.", err ? err : "cannot read");
		free(err);
		return NULL;
	}
	struct ivs_project *p = ivs_load_buffer(path, data, len, diags);
	free(data);
	return p;
}
