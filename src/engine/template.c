/* template.c: a CloudFormation template, JSON (cJSON) or YAML (libyaml
 * events, short-form intrinsics turned into their long form), into one
 * cJSON tree with the position of every value (see template.h). */
#include "ivs/template.h"
#include "ivs/yamlio.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "ivs/fsutil.h"
#include "ivs/util.h"

struct ivs_template_pos {
	const cJSON *node;
	struct ivs_pos val, key;
};

/* What reading shares, JSON or YAML. */
struct reader {
	const char *name;
	const char *data;
	size_t len;
	struct ivs_diags *d;
	struct ivs_template_pos *pos;
	size_t npos, cappos;
	size_t nodes;
	bool failed, stop;
	struct ivs_pos end;      /* just past the last character */
};

static struct ivs_pos clamp(const struct reader *rd, struct ivs_pos p)
{
	if (p.line > rd->end.line || (p.line == rd->end.line && p.col > rd->end.col))
		return rd->end;
	return p;
}

static void rd_diag(struct reader *rd, enum ivs_rule rule, struct ivs_pos pos, const char *path,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void rd_diag(struct reader *rd, enum ivs_rule rule, struct ivs_pos pos, const char *path,
                    const char *fmt, ...)
{
	va_list ap;
	char *msg;
	int n;

	/* libyaml may point past the end of a file without a final newline:
	 * say the end instead */
	pos = clamp(rd, pos);
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	msg = ivs_xmalloc(n > 0 ? (size_t)n + 1 : 1);
	msg[0] = '\0';
	va_start(ap, fmt);
	if (n > 0)
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
	va_end(ap);
	ivs_diags_add(rd->d, rule, pos, path ? path : "", "%s", msg);
	free(msg);
	rd->failed = true;
}

static void rd_note(struct reader *rd, const cJSON *node, struct ivs_pos val, struct ivs_pos key)
{
	val = clamp(rd, val);
	key = clamp(rd, key);
	if (rd->npos == rd->cappos) {
		rd->cappos = rd->cappos ? rd->cappos * 2 : 256;
		rd->pos = ivs_xrealloc(rd->pos, rd->cappos * sizeof *rd->pos);
	}
	rd->pos[rd->npos++] = (struct ivs_template_pos){node, val, key};
}

/* One more value; false (reported, stop) past the bound. */
static bool rd_count(struct reader *rd, struct ivs_pos pos, const char *path)
{
	if (++rd->nodes <= IVS_TEMPLATE_MAX_NODES)
		return true;
	rd_diag(rd, IVS_RULE_YAML_TOO_LARGE, pos, path,
	        "the template holds more than %u values; a template this large is not read.",
	        IVS_TEMPLATE_MAX_NODES);
	rd->stop = true;
	return false;
}

/* Line and column (1-based, in characters) of a byte offset, moving on
 * from a previous one (offsets only grow). A BOM takes no column. */
struct cursor {
	size_t off;
	struct ivs_pos p;
};

static struct ivs_pos advance(const struct reader *rd, struct cursor *c, size_t off)
{
	const unsigned char *s = (const unsigned char *)rd->data;
	bool bom = rd->len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF;
	if (off > rd->len)
		off = rd->len;
	for (; c->off < off; c->off++) {
		unsigned char ch = s[c->off];
		if (ch == '\n' || (ch == '\r' && (c->off + 1 >= rd->len || s[c->off + 1] != '\n'))) {
			c->p.line++;
			c->p.col = 1;
		} else if ((ch & 0xC0) != 0x80 && ch != '\r' &&
		           !(bom && c->off < 3)) {
			c->p.col++;
		}
	}
	return c->p;
}

static struct ivs_pos offset_pos(const struct reader *rd, size_t off)
{
	struct cursor c = {0, {1, 1}};
	return advance(rd, &c, off);
}

/* Path text helpers: "Resources.Main.Properties", "Outputs[2]". */
static size_t path_key(struct ivs_buf *b, const char *key)
{
	size_t at = b->len;
	if (at)
		ivs_buf_putc(b, '.');
	ivs_buf_puts(b, key);
	return at;
}

static size_t path_index(struct ivs_buf *b, size_t i)
{
	size_t at = b->len;
	ivs_buf_printf(b, "[%zu]", i);
	return at;
}

static void path_pop(struct ivs_buf *b, size_t at)
{
	b->len = at;
	b->data[at] = '\0';
}

/* A key quoted for a message, cut at 60 bytes. */
static void put_snippet(struct ivs_buf *b, const char *s)
{
	size_t n = strlen(s);
	if (n <= 60) {
		ivs_buf_printf(b, "`%s`", s);
		return;
	}
	n = 57;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	ivs_buf_putc(b, '`');
	ivs_buf_add(b, s, n);
	ivs_buf_puts(b, "...`");
}

/* Duplicate keys: an open-addressing set of the keys of one mapping, each
 * with where it was written, so that checking is linear in the keys. Keys
 * are borrowed (the tree's member names). */
struct keyset {
	const char **key;
	struct ivs_pos *pos;
	size_t cap, n;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static void keyset_free(struct keyset *k)
{
	free(k->key);
	free(k->pos);
	memset(k, 0, sizeof *k);
}

/* The position of key when the set has it, else NULL. */
static const struct ivs_pos *keyset_find(const struct keyset *k, const char *key)
{
	if (!k->cap)
		return NULL;
	for (size_t i = (size_t)(hash_str(key) & (k->cap - 1)); k->key[i]; i = (i + 1) & (k->cap - 1))
		if (strcmp(k->key[i], key) == 0)
			return &k->pos[i];
	return NULL;
}

static void keyset_put(struct keyset *k, const char *key, struct ivs_pos pos)
{
	if ((k->n + 1) * 2 > k->cap) {
		struct keyset big = {0};
		big.cap = k->cap ? k->cap * 2 : 16;
		big.key = ivs_xcalloc(big.cap, sizeof *big.key);
		big.pos = ivs_xcalloc(big.cap, sizeof *big.pos);
		for (size_t i = 0; i < k->cap; i++)
			if (k->key[i])
				keyset_put(&big, k->key[i], k->pos[i]);
		keyset_free(k);
		*k = big;
	}
	size_t i = (size_t)(hash_str(key) & (k->cap - 1));
	while (k->key[i])
		i = (i + 1) & (k->cap - 1);
	k->key[i] = key;
	k->pos[i] = pos;
	k->n++;
}

static void report_dup(struct reader *rd, struct ivs_pos at, const char *path, const char *key,
                       struct ivs_pos first)
{
	struct ivs_buf m;
	ivs_buf_init(&m);
	put_snippet(&m, key);
	rd_diag(rd, IVS_RULE_YAML_DUPLICATE_KEY, at, path,
	        "the key %s is given twice in this mapping (first on line %u); remove one: "
	        "CloudFormation would keep only one of them.", m.data, first.line);
	ivs_buf_free(&m);
}

/* ---- JSON ---- */

/* The start offsets of every value (pre-order) and of every member key of
 * a text cJSON accepted, so that the tree's nodes get positions: cJSON
 * keeps none. */
struct offsets {
	size_t *v;
	size_t n, cap, at;
};

static void off_push(struct offsets *o, size_t off)
{
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 256;
		o->v = ivs_xrealloc(o->v, o->cap * sizeof *o->v);
	}
	o->v[o->n++] = off;
}

static void json_scan(const char *s, size_t len, size_t from, struct offsets *vals,
                      struct offsets *keys)
{
	struct ivs_buf stack;   /* '{' or '[' per open container */
	bool expect_key = false;

	ivs_buf_init(&stack);
	for (size_t i = from; i < len;) {
		char c = s[i];
		if ((unsigned char)c <= 32) {   /* blank to cJSON, NUL too */
			i++;
			continue;
		}
		switch (c) {
		case ':':
			i++;
			break;
		case ',':
			expect_key = stack.len && stack.data[stack.len - 1] == '{';
			i++;
			break;
		case '{': case '[':
			off_push(vals, i);
			ivs_buf_putc(&stack, c);
			expect_key = c == '{';
			i++;
			break;
		case '}': case ']':
			if (stack.len)
				path_pop(&stack, stack.len - 1);
			expect_key = false;
			i++;
			break;
		case '"':
			off_push(expect_key ? keys : vals, i);
			expect_key = false;
			for (i++; i < len && s[i] != '"'; i++)
				if (s[i] == '\\')
					i++;
			i++;
			break;
		default:
			off_push(vals, i);
			while (i < len && (unsigned char)s[i] > 32 && !strchr(",:]}", s[i]))
				i++;
		}
	}
	ivs_buf_free(&stack);
}

struct json_walk {
	struct reader *rd;
	struct offsets vals, keys;
	struct cursor vc, kc;  /* positions move on with the offsets */
	struct ivs_buf path;
};

static struct ivs_pos next_pos(struct json_walk *w, struct offsets *o, struct cursor *c)
{
	if (o->at >= o->n)
		return (struct ivs_pos){0, 0};
	return advance(w->rd, c, o->v[o->at++]);
}

static void too_deep(struct reader *rd, struct ivs_pos at, const char *path)
{
	rd_diag(rd, IVS_RULE_YAML_TOO_DEEP, at, path,
	        "the template is nested more than %u levels deep here; no CloudFormation "
	        "template needs this, so it is not read.", IVS_TEMPLATE_MAX_DEPTH);
	rd->stop = true;
}

/* Gives node (and what it holds) its positions, in the pre-order the
 * offsets were found in; checks depth, count and duplicate keys.
 * Recursion is bounded by IVS_TEMPLATE_MAX_DEPTH. */
static void json_walk(struct json_walk *w, const cJSON *node, struct ivs_pos key, unsigned depth)
{
	struct reader *rd = w->rd;
	struct ivs_pos at = next_pos(w, &w->vals, &w->vc);
	size_t i = 0;

	if (rd->stop || !rd_count(rd, at, w->path.data))
		return;
	rd_note(rd, node, at, key);
	if (!cJSON_IsObject(node) && !cJSON_IsArray(node))
		return;
	if (depth > IVS_TEMPLATE_MAX_DEPTH) {
		too_deep(rd, at, w->path.data);
		return;
	}
	if (cJSON_IsObject(node)) {
		struct keyset ks = {0};
		for (const cJSON *c = node->child; c && !rd->stop; c = c->next) {
			struct ivs_pos kp = next_pos(w, &w->keys, &w->kc);
			const struct ivs_pos *first = keyset_find(&ks, c->string);
			if (first)
				report_dup(rd, kp, w->path.data, c->string, *first);
			else
				keyset_put(&ks, c->string, kp);
			size_t mark = path_key(&w->path, c->string);
			json_walk(w, c, kp, depth + 1);
			path_pop(&w->path, mark);
		}
		keyset_free(&ks);
	} else {
		for (const cJSON *c = node->child; c && !rd->stop; c = c->next) {
			size_t mark = path_index(&w->path, i++);
			json_walk(w, c, (struct ivs_pos){0, 0}, depth + 1);
			path_pop(&w->path, mark);
		}
	}
}

/* Nesting of the text, counted before cJSON (whose own recursion limit is
 * 1000) sees it: offset of the first bracket past the bound, or len. */
static size_t json_too_deep_at(const char *s, size_t len, size_t from)
{
	unsigned depth = 0;
	for (size_t i = from; i < len; i++) {
		if (s[i] == '"') {
			for (i++; i < len && s[i] != '"'; i++)
				if (s[i] == '\\')
					i++;
		} else if (s[i] == '{' || s[i] == '[') {
			if (++depth > IVS_TEMPLATE_MAX_DEPTH)
				return i;
		} else if ((s[i] == '}' || s[i] == ']') && depth) {
			depth--;
		}
	}
	return len;
}

static cJSON *read_json(struct reader *rd, size_t from)
{
	const char *end = NULL;
	size_t deep = json_too_deep_at(rd->data, rd->len, from);

	if (deep < rd->len) {
		too_deep(rd, offset_pos(rd, deep), "");
		return NULL;
	}
	cJSON *root = cJSON_ParseWithLengthOpts(rd->data + from, rd->len - from, &end, false);
	if (!root) {
		size_t off = end ? (size_t)(end - rd->data) : from;
		const char *ep = cJSON_GetErrorPtr();
		if (!end && ep && ep >= rd->data && ep <= rd->data + rd->len)
			off = (size_t)(ep - rd->data);
		/* cJSON points at the last byte when the text ends too soon */
		if (off >= rd->len || (off + 1 == rd->len && !strchr("]},:", rd->data[off])))
			rd_diag(rd, IVS_RULE_YAML_SYNTAX, offset_pos(rd, rd->len), "",
			        "not valid JSON: the file ends inside a value; close the string, `]` or `}` "
			        "that is still open.");
		else
			rd_diag(rd, IVS_RULE_YAML_SYNTAX, offset_pos(rd, off), "",
			        "not valid JSON here; check for a missing or extra comma, quote, `:`, `]` or "
			        "`}` (JSON allows no comments and no trailing commas).");
		return NULL;
	}
	size_t off = (size_t)(end - rd->data);
	while (off < rd->len && strchr(" \t\r\n", rd->data[off]) && rd->data[off])
		off++;
	if (off < rd->len) {
		rd_diag(rd, IVS_RULE_YAML_SYNTAX, offset_pos(rd, off), "",
		        "not valid JSON: text follows the end of the template; remove it.");
		cJSON_Delete(root);
		return NULL;
	}

	struct json_walk w;
	memset(&w, 0, sizeof w);
	w.rd = rd;
	w.vc = w.kc = (struct cursor){0, {1, 1}};
	ivs_buf_init(&w.path);
	ivs_buf_add(&w.path, "", 0);
	json_scan(rd->data, rd->len, from, &w.vals, &w.keys);
	json_walk(&w, root, (struct ivs_pos){0, 0}, 1);
	ivs_buf_free(&w.path);
	free(w.vals.v);
	free(w.keys.v);
	if (rd->failed) {
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}

/* ---- YAML ---- */

static const struct {
	const char *tag, *fn;
} intrinsics[] = {
	{"!Ref", "Ref"},
	{"!Condition", "Condition"},
	{"!GetAtt", "Fn::GetAtt"},
	{"!Sub", "Fn::Sub"},
	{"!Join", "Fn::Join"},
	{"!Select", "Fn::Select"},
	{"!Split", "Fn::Split"},
	{"!If", "Fn::If"},
	{"!Equals", "Fn::Equals"},
	{"!Not", "Fn::Not"},
	{"!And", "Fn::And"},
	{"!Or", "Fn::Or"},
	{"!FindInMap", "Fn::FindInMap"},
	{"!Base64", "Fn::Base64"},
	{"!Cidr", "Fn::Cidr"},
	{"!GetAZs", "Fn::GetAZs"},
	{"!ImportValue", "Fn::ImportValue"},
	{"!Transform", "Fn::Transform"},
	{"!ToJsonString", "Fn::ToJsonString"},
	{"!Length", "Fn::Length"},
	/* the rule functions (the Rules section) */
	{"!Contains", "Fn::Contains"},
	{"!EachMemberEquals", "Fn::EachMemberEquals"},
	{"!EachMemberIn", "Fn::EachMemberIn"},
	{"!RefAll", "Fn::RefAll"},
	{"!ValueOf", "Fn::ValueOf"},
	{"!ValueOfAll", "Fn::ValueOfAll"},
};

enum tag_class { TAG_NONE, TAG_STR, TAG_CORE, TAG_FN, TAG_BAD };

static enum tag_class classify_tag(const char *tag, const char **fn)
{
	*fn = NULL;
	if (!tag)
		return TAG_NONE;
	if (strcmp(tag, "!") == 0 || strcmp(tag, YAML_STR_TAG) == 0)
		return TAG_STR;
	if (strcmp(tag, YAML_NULL_TAG) == 0 || strcmp(tag, YAML_BOOL_TAG) == 0 ||
	    strcmp(tag, YAML_INT_TAG) == 0 || strcmp(tag, YAML_FLOAT_TAG) == 0 ||
	    strcmp(tag, YAML_SEQ_TAG) == 0 || strcmp(tag, YAML_MAP_TAG) == 0)
		return TAG_CORE;
	for (size_t i = 0; i < IVS_ARRAY_LEN(intrinsics); i++) {
		if (strcmp(tag, intrinsics[i].tag) == 0) {
			*fn = intrinsics[i].fn;
			return TAG_FN;
		}
	}
	return TAG_BAD;
}

static bool all_digits(const char *s, size_t *n)
{
	size_t i = 0;
	while (s[i] >= '0' && s[i] <= '9')
		i++;
	*n = i;
	return i > 0;
}

/* A plain scalar by the YAML 1.2 core schema: null, boolean, number, or
 * text. Numbers with more than 15 digits stay text, so nothing is rounded. */
static cJSON *plain_scalar(const char *s, size_t len)
{
	if (len == 0 || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
	    !strcmp(s, "NULL"))
		return cJSON_CreateNull();
	if (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE"))
		return cJSON_CreateTrue();
	if (!strcmp(s, "false") || !strcmp(s, "False") || !strcmp(s, "FALSE"))
		return cJSON_CreateFalse();

	const char *p = s;
	size_t n, digits = 0;
	if (*p == '-')
		p++;
	if (all_digits(p, &n))
		digits += n, p += n;
	if (*p == '.') {
		p++;
		if (all_digits(p, &n))
			digits += n, p += n;
	}
	if (digits == 0)
		return cJSON_CreateString(s);
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '-' || *p == '+')
			p++;
		if (!all_digits(p, &n))
			return cJSON_CreateString(s);
		p += n;
	}
	if (*p || (size_t)(p - s) != len || digits > 15)
		return cJSON_CreateString(s);
	return cJSON_CreateNumber(strtod(s, NULL));
}

struct yframe {
	cJSON *node;             /* the mapping or list being filled */
	bool map;
	bool has_key;            /* a mapping: key read, value pending */
	char *key;
	struct ivs_pos keypos;
	size_t items;            /* a list: values so far */
	unsigned depth;
	struct keyset ks;        /* a mapping's keys so far */
	char *seg;               /* where it is in its parent: "Main", "[2]" */
};

struct yreader {
	struct reader *rd;
	yaml_parser_t parser;
	struct yframe *fr;
	size_t nfr, capfr;
	cJSON *root;
	struct ivs_buf path;
};

static struct ivs_pos mark_pos(yaml_mark_t m)
{
	return (struct ivs_pos){m.line < 0xFFFFFFFEu ? (unsigned)m.line + 1 : 0xFFFFFFFFu,
	                        m.column < 0xFFFFFFFEu ? (unsigned)m.column + 1 : 0xFFFFFFFFu};
}

/* The path of the value being read: from the open frames. */
static const char *ypath(struct yreader *y)
{
	ivs_buf_reset(&y->path);
	ivs_buf_add(&y->path, "", 0);
	for (size_t i = 1; i < y->nfr; i++) {
		if (y->fr[i].seg[0] == '[')
			ivs_buf_puts(&y->path, y->fr[i].seg);
		else
			path_key(&y->path, y->fr[i].seg);
	}
	if (y->nfr) {
		const struct yframe *f = &y->fr[y->nfr - 1];
		if (f->map && f->has_key)
			path_key(&y->path, f->key);
		else if (!f->map)
			path_index(&y->path, f->items);
	}
	return y->path.data;
}

static void parser_error(struct yreader *y)
{
	const yaml_parser_t *ps = &y->parser;
	struct reader *rd = y->rd;
	const char *problem = ps->problem ? ps->problem : "unknown problem";
	const char *path = ypath(y);

	rd->stop = true;
	if (ps->error == YAML_MEMORY_ERROR) {
		rd_diag(rd, IVS_RULE_YAML_TOO_LARGE, (struct ivs_pos){0, 0}, path,
		        "the file is too large to read in the memory available.");
		return;
	}
	if (ps->error == YAML_READER_ERROR) {
		struct ivs_pos pos = offset_pos(rd, ps->problem_offset);
		if (strstr(problem, "control characters"))
			rd_diag(rd, IVS_RULE_YAML_SYNTAX, pos, path,
			        "the file holds a control character (0x%02X) that YAML does not allow; remove it.",
			        (unsigned)ps->problem_value);
		else
			rd_diag(rd, IVS_RULE_YAML_SYNTAX, pos, path,
			        "the file is not valid UTF-8 here (%s); save it as UTF-8.", problem);
		return;
	}
	struct ivs_pos pos = mark_pos(ps->problem_mark);
	const char *advice = ivs_yaml_syntax_advice(problem, "this tag handle is not defined; use a "
	                                            "short-form intrinsic such as !Ref, or the long form");
	if (advice) {
		rd_diag(rd, IVS_RULE_YAML_SYNTAX, pos, path, "not valid YAML: %s.", advice);
		return;
	}
	rd_diag(rd, IVS_RULE_YAML_SYNTAX, pos, path, "not valid YAML: %s%s%s; fix the syntax here.",
	        problem, ps->context ? " " : "", ps->context ? ps->context : "");
}

/* Puts node (made at pos) where the open frame expects a value. */
static void yattach(struct yreader *y, cJSON *node, struct ivs_pos pos)
{
	struct yframe *f = y->nfr ? &y->fr[y->nfr - 1] : NULL;
	struct ivs_pos key = {0, 0};

	if (!f) {
		if (y->root)
			cJSON_Delete(y->root);   /* only after an error: a second document */
		y->root = node;
	} else if (f->map) {
		key = f->keypos;
		cJSON_AddItemToObject(f->node, f->key, node);
		/* the set borrows the member's own copy of the key */
		if (!keyset_find(&f->ks, f->key))
			keyset_put(&f->ks, node->string, key);
		free(f->key);
		f->key = NULL;
		f->has_key = false;
	} else {
		cJSON_AddItemToArray(f->node, node);
		f->items++;
	}
	rd_note(y->rd, node, pos, key);
}

/* Attaches value, wrapped in its intrinsic ({"Fn::Sub": value}) when fn. */
static void yattach_value(struct yreader *y, const char *fn, cJSON *value, struct ivs_pos pos)
{
	if (!fn) {
		yattach(y, value, pos);
		return;
	}
	cJSON *wrap = cJSON_CreateObject();
	yattach(y, wrap, pos);
	cJSON_AddItemToObject(wrap, fn, value);
	rd_note(y->rd, value, pos, pos);
}

/* Anchors and tags of one event: false when refused (reported). */
static bool yprops(struct yreader *y, const yaml_char_t *anchor, const yaml_char_t *tag,
                   yaml_mark_t m, enum tag_class *cls, const char **fn)
{
	bool ok = true;
	*cls = classify_tag((const char *)tag, fn);
	if (anchor) {
		rd_diag(y->rd, IVS_RULE_YAML_ALIAS, mark_pos(m), ypath(y),
		        "anchors (&%s) are not allowed in a template: CloudFormation does not read "
		        "them; write the value out.", (const char *)anchor);
		ok = false;
	}
	if (*cls == TAG_BAD) {
		rd_diag(y->rd, IVS_RULE_YAML_TAG, mark_pos(m), ypath(y),
		        "the tag %s is not a CloudFormation intrinsic; use one of !Ref, !GetAtt, !Sub, "
		        "!Join, !Select, !Split, !If, !Equals, !Not, !And, !Or, !FindInMap, !Base64, "
		        "!Cidr, !GetAZs, !ImportValue, !Condition, or the long form (Fn::...).",
		        (const char *)tag);
		*cls = TAG_NONE;
		ok = false;
	}
	return ok;
}

static bool ypush(struct yreader *y, cJSON *node, bool map, yaml_mark_t m, bool wrapped)
{
	unsigned depth = (y->nfr ? y->fr[y->nfr - 1].depth : 0) + 1 + (wrapped ? 1 : 0);
	if (depth > IVS_TEMPLATE_MAX_DEPTH) {
		too_deep(y->rd, mark_pos(m), ypath(y));
		return false;
	}
	if (y->nfr == y->capfr) {
		y->capfr = y->capfr ? y->capfr * 2 : 16;
		y->fr = ivs_xrealloc(y->fr, y->capfr * sizeof *y->fr);
	}
	memset(&y->fr[y->nfr], 0, sizeof y->fr[y->nfr]);
	y->fr[y->nfr].node = node;
	y->fr[y->nfr].map = map;
	y->fr[y->nfr].depth = depth;
	y->nfr++;
	return true;
}

static void ypop(struct yreader *y)
{
	struct yframe *f = &y->fr[--y->nfr];
	free(f->key);
	free(f->seg);
	keyset_free(&f->ks);
}

/* A scalar read where a mapping expects its key. */
static void ykey(struct yreader *y, const yaml_event_t *ev)
{
	struct yframe *f = &y->fr[y->nfr - 1];
	const char *s = (const char *)ev->data.scalar.value;
	struct ivs_pos pos = mark_pos(ev->start_mark);
	enum tag_class cls;
	const char *fn;

	yprops(y, ev->data.scalar.anchor, ev->data.scalar.tag, ev->start_mark, &cls, &fn);
	if (cls == TAG_FN)
		rd_diag(y->rd, IVS_RULE_YAML_TAG, pos, ypath(y),
		        "an intrinsic (%s) cannot be a key; remove the tag.",
		        (const char *)ev->data.scalar.tag);
	const struct ivs_pos *first = keyset_find(&f->ks, s);
	if (first)
		report_dup(y->rd, pos, ypath(y), s, *first);
	f->key = ivs_xstrdup(s);
	f->keypos = pos;
	f->has_key = true;
}

/* A scalar read where a value is expected. */
static void yscalar(struct yreader *y, const yaml_event_t *ev)
{
	const char *s = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	struct ivs_pos pos = mark_pos(ev->start_mark);
	enum tag_class cls;
	const char *fn;
	cJSON *v;

	yprops(y, ev->data.scalar.anchor, ev->data.scalar.tag, ev->start_mark, &cls, &fn);
	if (strlen(s) != len) {
		rd_diag(y->rd, IVS_RULE_YAML_SYNTAX, pos, ypath(y),
		        "this value holds a NUL character (\\0), which a template cannot hold; remove it.");
		v = cJSON_CreateNull();
	} else if (cls == TAG_FN && strcmp(fn, "Fn::GetAtt") == 0) {
		const char *dot = strchr(s, '.');
		if (!dot || dot == s || !dot[1]) {
			rd_diag(y->rd, IVS_RULE_YAML_TAG, pos, ypath(y),
			        "!GetAtt needs LogicalId.Attribute (as `!GetAtt Main.Arn`) or a list "
			        "`[LogicalId, Attribute]`; write it in one of these forms.");
			v = cJSON_CreateString(s);
		} else {
			char *name = ivs_xstrndup(s, (size_t)(dot - s));
			v = cJSON_CreateArray();
			cJSON_AddItemToArray(v, cJSON_CreateString(name));
			cJSON_AddItemToArray(v, cJSON_CreateString(dot + 1));
			free(name);
			y->rd->nodes += 2;
			rd_note(y->rd, v->child, pos, (struct ivs_pos){0, 0});
			rd_note(y->rd, v->child->next, pos, (struct ivs_pos){0, 0});
		}
	} else if (cls == TAG_FN || cls == TAG_STR || ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) {
		v = cJSON_CreateString(s);
	} else {
		v = plain_scalar(s, len);
	}
	if (fn)
		y->rd->nodes++;
	yattach_value(y, fn, v, pos);
}

static void ycollection(struct yreader *y, const yaml_event_t *ev, bool map)
{
	const yaml_char_t *anchor = map ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;
	const yaml_char_t *tag = map ? ev->data.mapping_start.tag : ev->data.sequence_start.tag;
	struct ivs_pos pos = mark_pos(ev->start_mark);
	enum tag_class cls;
	const char *fn;

	yprops(y, anchor, tag, ev->start_mark, &cls, &fn);
	if (cls == TAG_FN && map && (!strcmp(fn, "Ref") || !strcmp(fn, "Condition") ||
	                             !strcmp(fn, "Fn::GetAtt")))
		rd_diag(y->rd, IVS_RULE_YAML_TAG, pos, ypath(y),
		        "%s takes a name, not a mapping; write `%s Name`.", (const char *)tag,
		        (const char *)tag);
	if (fn)
		y->rd->nodes++;
	cJSON *node = map ? cJSON_CreateObject() : cJSON_CreateArray();
	if (!ypush(y, NULL, map, ev->start_mark, fn != NULL)) {
		cJSON_Delete(node);
		return;
	}
	/* attach in the parent frame, then make this frame the node's */
	y->nfr--;
	const struct yframe *parent = y->nfr ? &y->fr[y->nfr - 1] : NULL;
	char *seg = !parent ? ivs_xstrdup("")
	          : parent->map ? ivs_xstrdup(parent->key ? parent->key : "")
	          : ivs_xasprintf("[%zu]", parent->items);
	yattach_value(y, fn, node, pos);
	y->nfr++;
	y->fr[y->nfr - 1].node = node;
	y->fr[y->nfr - 1].seg = seg;
}

static cJSON *read_yaml(struct reader *rd)
{
	struct yreader y;
	yaml_event_t ev;
	unsigned docs = 0;
	bool done = false;

	memset(&y, 0, sizeof y);
	y.rd = rd;
	ivs_buf_init(&y.path);
	yaml_parser_initialize(&y.parser);
	yaml_parser_set_input_string(&y.parser, (const unsigned char *)rd->data, rd->len);
	while (!done && !rd->stop) {
		if (!yaml_parser_parse(&y.parser, &ev)) {
			parser_error(&y);
			break;
		}
		struct ivs_pos pos = mark_pos(ev.start_mark);
		bool want_key = y.nfr && y.fr[y.nfr - 1].map && !y.fr[y.nfr - 1].has_key;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				rd_diag(rd, IVS_RULE_YAML_MULTI_DOC, pos, "",
				        "the file holds more than one YAML document (a second `---`); a "
				        "template is one document: remove the others.");
				rd->stop = true;
			}
			break;
		case YAML_ALIAS_EVENT:
			rd_diag(rd, IVS_RULE_YAML_ALIAS, pos, ypath(&y),
			        "aliases (*%s) are not allowed in a template: CloudFormation does not read "
			        "them; write the value out.", (const char *)ev.data.alias.anchor);
			if (want_key) {
				rd->stop = true;
			} else if (rd_count(rd, pos, ypath(&y))) {
				yattach(&y, cJSON_CreateNull(), pos);
			}
			break;
		case YAML_SCALAR_EVENT:
			if (ev.data.scalar.length > IVS_TEMPLATE_MAX_SCALAR) {
				rd_diag(rd, IVS_RULE_YAML_TOO_LARGE, pos, ypath(&y),
				        "this value is %zu bytes long; a template value holds at most %u bytes.",
				        ev.data.scalar.length, IVS_TEMPLATE_MAX_SCALAR);
				rd->stop = true;
			} else if (!rd_count(rd, pos, ypath(&y))) {
				break;
			} else if (want_key) {
				ykey(&y, &ev);
			} else {
				yscalar(&y, &ev);
			}
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (want_key) {
				rd_diag(rd, IVS_RULE_YAML_WRONG_TYPE, pos, ypath(&y),
				        "a key must be text, not a %s; write the key as text.",
				        ev.type == YAML_MAPPING_START_EVENT ? "mapping" : "list");
				rd->stop = true;
			} else if (rd_count(rd, pos, ypath(&y))) {
				ycollection(&y, &ev, ev.type == YAML_MAPPING_START_EVENT);
			}
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (y.nfr)
				ypop(&y);
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	while (y.nfr)
		ypop(&y);
	free(y.fr);
	yaml_parser_delete(&y.parser);
	ivs_buf_free(&y.path);
	if (!rd->failed && !y.root)
		rd_diag(rd, IVS_RULE_YAML_EMPTY, (struct ivs_pos){1, 1}, "",
		        "the file is empty; a template is a mapping with `Resources:`.");
	if (rd->failed) {
		cJSON_Delete(y.root);
		return NULL;
	}
	return y.root;
}

/* ---- entry points ---- */

static int cmp_pos(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct ivs_template_pos *)a)->node;
	uintptr_t y = (uintptr_t)((const struct ivs_template_pos *)b)->node;
	return x < y ? -1 : x > y;
}

static const struct ivs_template_pos *find_pos(const struct ivs_template *t, const cJSON *node)
{
	struct ivs_template_pos key = {node, {0, 0}, {0, 0}};
	if (!t || !t->npos || !node)
		return NULL;
	return bsearch(&key, t->pos, t->npos, sizeof *t->pos, cmp_pos);
}

struct ivs_pos ivs_template_pos(const struct ivs_template *t, const cJSON *node)
{
	const struct ivs_template_pos *p = find_pos(t, node);
	return p ? p->val : (struct ivs_pos){0, 0};
}

struct ivs_pos ivs_template_key_pos(const struct ivs_template *t, const cJSON *node)
{
	const struct ivs_template_pos *p = find_pos(t, node);
	if (!p)
		return (struct ivs_pos){0, 0};
	return p->key.line ? p->key : p->val;
}

/* JSON when the first thing after blanks (and a BOM) is `{` or `[`. */
static bool looks_like_json(const char *s, size_t len, size_t *from)
{
	size_t i = 0;
	if (len >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
	    (unsigned char)s[2] == 0xBF)
		i = 3;
	*from = i;
	while (i < len && strchr(" \t\r\n", s[i]) && s[i])
		i++;
	return i < len && (s[i] == '{' || s[i] == '[');
}

struct ivs_template *ivs_template_parse(const char *name, const char *data, size_t len,
                                        struct ivs_diags *d)
{
	struct reader rd;
	struct ivs_diags jd;
	size_t from = 0;
	cJSON *root = NULL;
	bool json = false;

	memset(&rd, 0, sizeof rd);
	rd.name = name;
	rd.data = data;
	rd.len = len;
	rd.d = d;
	rd.end = (struct ivs_pos){0xFFFFFFFFu, 0xFFFFFFFFu};
	if (len <= IVS_TEMPLATE_MAX_BYTES)
		rd.end = offset_pos(&rd, len);
	if (len > IVS_TEMPLATE_MAX_BYTES) {
		rd_diag(&rd, IVS_RULE_YAML_TOO_LARGE, (struct ivs_pos){0, 0}, "",
		        "the file is %zu bytes; a template is read up to %u bytes (64 MiB).", len,
		        IVS_TEMPLATE_MAX_BYTES);
		return NULL;
	}
	if (looks_like_json(data, len, &from)) {
		/* JSON first; a YAML flow mapping that is not JSON is read as YAML,
		 * and when neither reads, JSON's complaint is the one shown. */
		if (!ivs_utf8_valid(data, len)) {
			size_t i = 0;
			/* the first sequence that is not UTF-8, sequence by sequence */
			while (i < len) {
				unsigned char c = (unsigned char)data[i];
				size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
				if (n > len - i || !ivs_utf8_valid(data + i, n))
					break;
				i += n;
			}
			rd_diag(&rd, IVS_RULE_YAML_SYNTAX, offset_pos(&rd, i), "",
			        "the file is not valid UTF-8 here; save it as UTF-8.");
			return NULL;
		}
		ivs_diags_init(&jd);
		rd.d = &jd;
		root = read_json(&rd, from);
		json = root != NULL;
		if (!root && !rd.stop) {
			struct ivs_diags yd;
			ivs_diags_init(&yd);
			rd.d = &yd;
			rd.failed = rd.stop = false;
			rd.npos = rd.nodes = 0;
			root = read_yaml(&rd);
			ivs_diags_free(&yd);
			if (!root)
				rd.failed = true;
		}
		rd.d = d;
		if (!root)
			ivs_diags_move(d, &jd);
		ivs_diags_free(&jd);
	} else {
		root = read_yaml(&rd);
	}
	if (!root) {
		free(rd.pos);
		return NULL;
	}
	struct ivs_template *t = ivs_xcalloc(1, sizeof *t);
	t->root = root;
	t->name = ivs_xstrdup(name);
	t->json = json;
	t->pos = rd.pos;
	t->npos = rd.npos;
	qsort(t->pos, t->npos, sizeof *t->pos, cmp_pos);
	return t;
}

struct ivs_template *ivs_template_load(const char *path, struct ivs_diags *d)
{
	struct ivs_buf b;
	char *data, *err = NULL;
	size_t len = 0;
	struct stat st;

	if (strcmp(path, "-") == 0) {
		char chunk[65536];
		size_t n;
		ivs_buf_init(&b);
		ivs_buf_add(&b, "", 0);
		while (b.len <= IVS_TEMPLATE_MAX_BYTES && (n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
			ivs_buf_add(&b, chunk, n);
		if (ferror(stdin)) {
			ivs_buf_free(&b);
			ivs_diags_add(d, IVS_RULE_IO_ERROR, (struct ivs_pos){0, 0}, "",
			              "cannot read standard input.");
			return NULL;
		}
		len = b.len;
		data = ivs_buf_steal(&b);
		path = "<stdin>";
	} else {
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
		    (unsigned long long)st.st_size > IVS_TEMPLATE_MAX_BYTES) {
			ivs_diags_add(d, IVS_RULE_YAML_TOO_LARGE, (struct ivs_pos){0, 0}, "",
			              "the file is %lld bytes; a template is read up to %u bytes (64 MiB).",
			              (long long)st.st_size, IVS_TEMPLATE_MAX_BYTES);
			return NULL;
		}
		data = ivs_read_file(path, IVS_TEMPLATE_MAX_BYTES, &len, &err);
		if (!data) {
			ivs_diags_add(d, IVS_RULE_IO_ERROR, (struct ivs_pos){0, 0}, "",
			              "%s; check the file name and its permissions.", err ? err : "cannot read");
			free(err);
			return NULL;
		}
	}
	struct ivs_template *t = ivs_template_parse(path, data, len, d);
	free(data);
	return t;
}

void ivs_template_free(struct ivs_template *t)
{
	if (!t)
		return;
	cJSON_Delete(t->root);
	free(t->name);
	free(t->pos);
	free(t);
}

/* ---- the shape CloudFormation needs ---- */

static const char *type_name(const cJSON *v)
{
	if (cJSON_IsObject(v))
		return "a mapping";
	if (cJSON_IsArray(v))
		return "a list";
	if (cJSON_IsString(v))
		return "text";
	if (cJSON_IsNumber(v))
		return "a number";
	if (cJSON_IsBool(v))
		return "a boolean";
	return "empty";
}

static bool valid_type(const char *s)
{
	/* A::B::C with non-empty parts of letters, digits and '-' / '_'. */
	int parts = 1;
	size_t run = 0;
	for (; *s; s++) {
		if (s[0] == ':' && s[1] == ':') {
			if (!run)
				return false;
			parts++, run = 0, s++;
		} else if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		           (*s >= '0' && *s <= '9') || *s == '-' || *s == '_') {
			run++;
		} else {
			return false;
		}
	}
	return run && parts >= 3;
}

bool ivs_template_check(const struct ivs_template *t, struct ivs_diags *d)
{
	size_t before = d->errors;
	const cJSON *root = t->root, *res, *r, *outs, *o;
	struct ivs_buf path;

	if (!cJSON_IsObject(root)) {
		ivs_diags_add(d, IVS_RULE_TEMPLATE_INVALID, ivs_template_pos(t, root), "",
		              "a template is a mapping with `Resources:`, but this file holds %s; check "
		              "that it is a CloudFormation template.", type_name(root));
		return false;
	}
	res = cJSON_GetObjectItemCaseSensitive(root, "Resources");
	if (!res) {
		ivs_diags_add(d, IVS_RULE_TEMPLATE_INVALID, ivs_template_pos(t, root), "",
		              "this is not a CloudFormation template: it has no `Resources:` mapping.");
		return false;
	}
	if (!cJSON_IsObject(res)) {
		ivs_diags_add(d, IVS_RULE_TEMPLATE_INVALID, ivs_template_pos(t, res), "Resources",
		              "`Resources` is %s; it must be a mapping of logical ids to resources.",
		              type_name(res));
		return false;
	}
	ivs_buf_init(&path);
	cJSON_ArrayForEach(r, res) {
		const cJSON *type = cJSON_GetObjectItemCaseSensitive(r, "Type");
		const cJSON *props = cJSON_GetObjectItemCaseSensitive(r, "Properties");
		ivs_buf_reset(&path);
		ivs_buf_printf(&path, "Resources.%s", r->string);
		if (!cJSON_IsObject(r)) {
			ivs_diags_add(d, IVS_RULE_TEMPLATE_INVALID, ivs_template_pos(t, r), path.data,
			              "the resource %s is %s; it must be a mapping with `Type:`.", r->string,
			              type_name(r));
			continue;
		}
		if (!type) {
			ivs_diags_add(d, IVS_RULE_TEMPLATE_INVALID, ivs_template_key_pos(t, r), path.data,
			              "the resource %s has no `Type`; add one, as `Type: AWS::IVS::Channel`.",
			              r->string);
		} else if (!cJSON_IsString(type) || !valid_type(type->valuestring)) {
			ivs_buf_puts(&path, ".Type");
			ivs_diags_add(d, IVS_RULE_TEMPLATE_INVALID, ivs_template_pos(t, type), path.data,
			              "the resource type must be text of the form Service::Group::Name (as "
			              "AWS::IVS::Channel), not %s.",
			              cJSON_IsString(type) ? type->valuestring : type_name(type));
		}
		if (props && !cJSON_IsObject(props)) {
			ivs_buf_reset(&path);
			ivs_buf_printf(&path, "Resources.%s.Properties", r->string);
			ivs_diags_add(d, IVS_RULE_TEMPLATE_INVALID, ivs_template_pos(t, props), path.data,
			              "`Properties` is %s; it must be a mapping.", type_name(props));
		}
	}
	outs = cJSON_GetObjectItemCaseSensitive(root, "Outputs");
	if (outs && !cJSON_IsObject(outs)) {
		ivs_diags_add(d, IVS_RULE_TEMPLATE_INVALID, ivs_template_pos(t, outs), "Outputs",
		              "`Outputs` is %s; it must be a mapping of output names to outputs.",
		              type_name(outs));
	} else if (outs) {
		cJSON_ArrayForEach(o, outs) {
			if (!cJSON_IsObject(o)) {
				ivs_buf_reset(&path);
				ivs_buf_printf(&path, "Outputs.%s", o->string);
				ivs_diags_add(d, IVS_RULE_TEMPLATE_INVALID, ivs_template_pos(t, o), path.data,
				              "the output %s is %s; it must be a mapping with `Value:`.",
				              o->string, type_name(o));
			}
		}
	}
	ivs_buf_free(&path);
	return d->errors == before;
}
