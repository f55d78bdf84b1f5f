/* yaml_tree.c: libyaml events into the loader's compact tree, and every
 * problem that does not depend on which field a value belongs to (see
 * yaml_tree.h). */
#include "yaml_tree.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/yamlio.h"

void yl_init(struct yl_loader *ld, const char *data, size_t len)
{
	memset(ld, 0, sizeof *ld);
	ld->data = data;
	ld->len = len;
	ivs_diags_init(&ld->d);
	ivs_buf_init(&ld->strs);
	ivs_buf_init(&ld->path);
	ivs_buf_add(&ld->path, "", 0);
	ld->what = "a project file";
	ld->max_depth = IVS_YAML_MAX_DEPTH;
	yaml_parser_initialize(&ld->parser);
	yaml_parser_set_input_string(&ld->parser, (const unsigned char *)data, len);
	yl_tree_reset(ld);
}

void yl_free(struct yl_loader *ld)
{
	yaml_parser_delete(&ld->parser);
	ivs_diags_free(&ld->d);
	free(ld->nodes);
	free(ld->dups);
	ivs_buf_free(&ld->strs);
	ivs_buf_free(&ld->path);
}

struct ivs_pos yl_mark_pos(yaml_mark_t m)
{
	struct ivs_pos p = {m.line < 0xFFFFFFFEu ? (unsigned)m.line + 1 : 0xFFFFFFFFu,
	                    m.column < 0xFFFFFFFEu ? (unsigned)m.column + 1 : 0xFFFFFFFFu};
	return p;
}

void yl_diag(struct yl_loader *ld, enum ivs_rule rule, struct ivs_pos pos, const char *fmt, ...)
{
	char small[512];
	char *msg = small;
	va_list ap;
	int n;

	if (ivs_diags_full(&ld->d)) {     /* only counted: no message to format */
		ivs_diags_add(&ld->d, rule, pos, "", "%s", "");
		return;
	}
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0, small[0] = '\0';
	if ((size_t)n >= sizeof small) {
		msg = ivs_xmalloc((size_t)n + 1);
		va_start(ap, fmt);
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	ivs_diags_add(&ld->d, rule, pos, ld->path.data, "%s", msg);
	if (msg != small)
		free(msg);
}

/* ---- paths ---- */

size_t yl_path_key(struct yl_loader *ld, const char *key)
{
	size_t at = ld->path.len;
	if (at)
		ivs_buf_putc(&ld->path, '.');
	ivs_buf_puts(&ld->path, key);
	return at;
}

size_t yl_path_index(struct yl_loader *ld, size_t i)
{
	size_t at = ld->path.len;
	char tmp[3 * sizeof i + 2], *end = tmp + sizeof tmp, *s = end;
	/* "[%zu]" by hand: this runs for every list item of the file */
	*--s = ']';
	do {
		*--s = (char)('0' + i % 10);
		i /= 10;
	} while (i);
	*--s = '[';
	ivs_buf_add(&ld->path, s, (size_t)(end - s));
	return at;
}

void yl_path_pop(struct yl_loader *ld, size_t at)
{
	ld->path.len = at;
	ld->path.data[at] = '\0';
}

/* ---- what libyaml refuses ---- */

/* Line and column (1-based, in characters) of a byte offset: libyaml gives
 * only the offset for encoding errors. A BOM takes no column. */
static struct ivs_pos offset_pos(const struct yl_loader *ld, size_t off)
{
	const unsigned char *s = (const unsigned char *)ld->data;
	struct ivs_pos p = {1, 1};
	size_t i = 0;

	if (off > ld->len)
		off = ld->len;
	if (off >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		i = 3;
	for (; i < off; i++) {
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= ld->len || s[i + 1] != '\n'))) {
			p.line++;
			p.col = 1;
		} else if ((s[i] & 0xC0) != 0x80 && s[i] != '\r') {
			p.col++;
		}
	}
	return p;
}

/* libyaml's problem, reworded into advice (yamlio.h): the project loader's
 * and the template reader's. */
static const struct {
	const char *problem, *advice;
} syntax_advice[] = {
	{"mapping values are not allowed", "a `: ` is not allowed here; check the indentation of this line, or put quotes around a value that contains `: `"},
	{"found character that cannot start any token", "this character cannot start a value; put quotes around the value, and indent with spaces, not tabs"},
	{"did not find expected key", "expected a `key: value` line here; check the indentation of this line and the one before"},
	{"could not find expected ':'", "expected a `:` after the key; check for a missing `:` or an unclosed quote"},
	{"did not find expected '-' indicator", "expected a `- ` list entry here; check the indentation"},
	{"block sequence entries are not allowed", "a `- ` list entry is not allowed here; check the indentation"},
	{"did not find expected node content", "expected a value here"},
	{"found unexpected end of stream", "the file ends inside a value; close the quote or bracket that is still open"},
	{"found unknown escape character", "this is not an escape YAML knows; write \\\\ for a backslash in double quotes"},
	{"did not find expected ',' or ']'", "expected `,` or `]` in this [list]"},
	{"did not find expected ',' or '}'", "expected `,` or `}` in this {mapping}"},
	{"found a tab character", "indent with spaces, not tabs"},
	{"found undefined tag handle", NULL},   /* the caller's own words */
	{"did not find URI escaped octet", "this tag is malformed; remove it"},
};

const char *ivs_yaml_syntax_advice(const char *problem, const char *undefined_tag)
{
	for (size_t i = 0; i < IVS_ARRAY_LEN(syntax_advice); i++)
		if (strstr(problem, syntax_advice[i].problem))
			return syntax_advice[i].advice ? syntax_advice[i].advice : undefined_tag;
	return NULL;
}

static void report_parser_error(struct yl_loader *ld)
{
	const yaml_parser_t *ps = &ld->parser;
	const char *problem = ps->problem ? ps->problem : "unknown problem";

	if (ps->error == YAML_MEMORY_ERROR) {
		yl_diag(ld, IVS_RULE_YAML_TOO_LARGE, (struct ivs_pos){0, 0},
		        "the file is too large to read in the memory available.");
		return;
	}
	if (ps->error == YAML_READER_ERROR) {
		struct ivs_pos pos = offset_pos(ld, ps->problem_offset);
		if (strstr(problem, "control characters"))
			yl_diag(ld, IVS_RULE_YAML_SYNTAX, pos,
			        "the file holds a control character (0x%02X) that YAML does not allow; remove it.",
			        (unsigned)ps->problem_value);
		else if (ps->problem_value >= 0)
			yl_diag(ld, IVS_RULE_YAML_SYNTAX, pos,
			        "the file is not valid UTF-8 here (%s, 0x%02X); save it as UTF-8.", problem,
			        (unsigned)ps->problem_value);
		else
			yl_diag(ld, IVS_RULE_YAML_SYNTAX, pos, "the file cannot be read as text (%s); save it as UTF-8.",
			        problem);
		return;
	}
	struct ivs_pos pos = yl_mark_pos(ps->problem_mark);
	/* libyaml gives up on a key over 1024 characters on one line with
	 * "could not find expected ':'" though the `:` is there. */
	if (ps->context && strstr(ps->context, "simple key") &&
	    ps->context_mark.line == ps->problem_mark.line &&
	    ps->problem_mark.index > ps->context_mark.index + 1024) {
		yl_diag(ld, IVS_RULE_YAML_SYNTAX, yl_mark_pos(ps->context_mark),
		        "not valid YAML: this key is longer than 1024 characters, the most YAML "
		        "reads as a key; shorten it (no key of a project file is that long).");
		return;
	}
	const char *advice = ivs_yaml_syntax_advice(problem, "this tag is not defined; remove it");
	if (advice) {
		yl_diag(ld, IVS_RULE_YAML_SYNTAX, pos, "not valid YAML: %s.", advice);
		return;
	}
	if (ps->context)
		yl_diag(ld, IVS_RULE_YAML_SYNTAX, pos, "not valid YAML: %s %s; fix the syntax here.", problem,
		        ps->context);
	else
		yl_diag(ld, IVS_RULE_YAML_SYNTAX, pos, "not valid YAML: %s; fix the syntax here.", problem);
}

bool yl_next_event(struct yl_loader *ld, yaml_event_t *ev)
{
	if (ld->stop) {
		memset(ev, 0, sizeof *ev);
		return false;
	}
	if (yaml_parser_parse(&ld->parser, ev))
		return true;
	report_parser_error(ld);
	ld->stop = true;
	return false;
}

/* ---- the tree ---- */

void yl_tree_reset(struct yl_loader *ld)
{
	ld->nnodes = 1;
	if (!ld->nodes) {
		ld->capnodes = 256;
		ld->nodes = ivs_xcalloc(ld->capnodes, sizeof *ld->nodes);
	}
	ivs_buf_reset(&ld->strs);
}

static uint32_t node_new(struct yl_loader *ld, enum yl_type t, yaml_mark_t m)
{
	if (ld->nnodes == ld->capnodes) {
		ld->capnodes *= 2;
		ld->nodes = ivs_xrealloc(ld->nodes, ld->capnodes * sizeof *ld->nodes);
	}
	uint32_t i = ld->nnodes++;
	struct yl_node *n = &ld->nodes[i];
	memset(n, 0, sizeof *n);
	n->type = (uint8_t)t;
	n->pos = yl_mark_pos(m);
	return i;
}

bool yl_depth_enter(struct yl_loader *ld, yaml_mark_t m)
{
	if (++ld->depth <= ld->max_depth)
		return true;
	yl_diag(ld, IVS_RULE_YAML_TOO_DEEP, yl_mark_pos(m),
	        "values are nested deeper here than %s can be (more than %u levels); "
	        "check the indentation.", ld->what, ld->max_depth);
	ld->stop = true;
	return false;
}

#define CORE_TAG "tag:yaml.org,2002:"

bool yl_check_props(struct yl_loader *ld, const yaml_char_t *anchor, const yaml_char_t *tag,
                    yaml_mark_t m, bool *as_str)
{
	static const char *const core[] = {"str", "int", "bool", "null", "float", "seq", "map"};
	const char *t = (const char *)tag;

	if (anchor)
		yl_diag(ld, IVS_RULE_YAML_ALIAS, yl_mark_pos(m),
		        "anchors (&%s) are not allowed in %s; remove the anchor and write "
		        "each value out in full.", (const char *)anchor, ld->what);
	if (!t)
		return true;
	if (strncmp(t, CORE_TAG, strlen(CORE_TAG)) == 0) {
		for (size_t i = 0; i < IVS_ARRAY_LEN(core); i++) {
			if (strcmp(t + strlen(CORE_TAG), core[i]) == 0) {
				if (as_str)
					*as_str = i == 0;
				return true;
			}
		}
	}
	if (strncmp(t, CORE_TAG, strlen(CORE_TAG)) == 0)
		yl_diag(ld, IVS_RULE_YAML_TAG, yl_mark_pos(m),
		        "the tag !!%s is not allowed in %s; remove it.", t + strlen(CORE_TAG), ld->what);
	else
		yl_diag(ld, IVS_RULE_YAML_TAG, yl_mark_pos(m),
		        "the tag %s is not allowed in %s; remove it.", t, ld->what);
	return false;
}

static bool is_null_text(const char *s, size_t n)
{
	return n == 0 || (n == 1 && s[0] == '~') ||
	       (n == 4 && (!memcmp(s, "null", 4) || !memcmp(s, "Null", 4) || !memcmp(s, "NULL", 4)));
}

static uint32_t build_scalar(struct yl_loader *ld, const yaml_event_t *ev)
{
	uint32_t i = node_new(ld, YL_SCALAR, ev->start_mark);
	const char *v = (const char *)ev->data.scalar.value;
	size_t n = ev->data.scalar.length;
	const char *tag = (const char *)ev->data.scalar.tag;
	bool as_str = false;

	if (!yl_check_props(ld, ev->data.scalar.anchor, ev->data.scalar.tag, ev->start_mark, &as_str)) {
		ld->nodes[i].type = YL_BAD;   /* reported: its value would only add noise */
		return i;
	}
	if (n > IVS_YAML_MAX_SCALAR) {
		yl_diag(ld, IVS_RULE_YAML_TOO_LARGE, ld->nodes[i].pos,
		        "this value is %zu bytes long; a value holds at most %u bytes.", n,
		        IVS_YAML_MAX_SCALAR);
		ld->nodes[i].type = YL_BAD;
		return i;
	}
	if (memchr(v, '\0', n)) {
		yl_diag(ld, IVS_RULE_YAML_WRONG_TYPE, ld->nodes[i].pos,
		        "this value holds a NUL character (\\0), which no field can hold; remove it.");
		ld->nodes[i].type = YL_BAD;
		return i;
	}
	struct yl_node *nd = &ld->nodes[i];
	nd->str = (uint32_t)ld->strs.len;
	nd->len = (uint32_t)n;
	ivs_buf_add(&ld->strs, v, n);
	ivs_buf_putc(&ld->strs, '\0');
	if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !as_str) {
		nd->flags |= YL_PLAIN;
		if (is_null_text(v, n))
			nd->flags |= YL_NULL;
	}
	if (tag && strcmp(tag, CORE_TAG "null") == 0)
		nd->flags |= YL_NULL;
	return i;
}

static uint32_t build_collection(struct yl_loader *ld, yaml_event_t *ev)
{
	bool map = ev->type == YAML_MAPPING_START_EVENT;
	uint32_t i = node_new(ld, map ? YL_MAP : YL_SEQ, ev->start_mark);
	yaml_mark_t mark = ev->start_mark;
	uint32_t last = 0, count = 0;
	size_t at = ld->path.len;
	yaml_event_t cev;

	if (map)
		yl_check_props(ld, ev->data.mapping_start.anchor, ev->data.mapping_start.tag, mark, NULL);
	else
		yl_check_props(ld, ev->data.sequence_start.anchor, ev->data.sequence_start.tag, mark,
		               NULL);
	yaml_event_delete(ev);
	if (!yl_depth_enter(ld, mark))
		return i;
	while (yl_next_event(ld, &cev)) {
		if (cev.type == YAML_SEQUENCE_END_EVENT || cev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&cev);
			break;
		}
		if (!map)
			yl_path_index(ld, count);
		else if (count % 2 == 1)
			yl_path_key(ld, ld->nodes[last].type == YL_SCALAR ? yl_text(ld, last) : "?");
		uint32_t c = yl_build(ld, &cev);
		yl_path_pop(ld, at);
		if (last)
			ld->nodes[last].next = c;
		else
			ld->nodes[i].first = c;
		last = c;
		count++;
		if ((map ? count / 2 : count) > YL_MAX_ITEMS) {
			yl_diag(ld, IVS_RULE_YAML_TOO_LARGE, yl_mark_pos(mark),
			        "this %s holds more than %u entries; split the project.",
			        map ? "mapping" : "list", YL_MAX_ITEMS);
			ld->stop = true;
		} else if (!ld->stop && ld->nnodes > YL_MAX_NODES) {
			yl_diag(ld, IVS_RULE_YAML_TOO_LARGE, yl_mark_pos(mark),
			        "this entry holds more than %u values; split the project.", YL_MAX_NODES);
			ld->stop = true;
		}
		if (ld->stop)
			break;
	}
	ld->depth--;
	ld->nodes[i].count = count;
	return i;
}

uint32_t yl_build(struct yl_loader *ld, yaml_event_t *ev)
{
	uint32_t i;

	switch (ev->type) {
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		return build_collection(ld, ev);
	case YAML_SCALAR_EVENT:
		i = build_scalar(ld, ev);
		break;
	case YAML_ALIAS_EVENT:
		i = node_new(ld, YL_BAD, ev->start_mark);
		yl_diag(ld, IVS_RULE_YAML_ALIAS, ld->nodes[i].pos,
		        "aliases (*%s) are not allowed in %s; write the value out in full.",
		        (const char *)ev->data.alias.anchor, ld->what);
		break;
	default:
		/* cannot happen inside a document */
		i = node_new(ld, YL_BAD, ev->start_mark);
		break;
	}
	yaml_event_delete(ev);
	return i;
}

/* ---- duplicate keys ---- */

static void report_dup(struct yl_loader *ld, uint32_t key, uint32_t first)
{
	const char *k = yl_text(ld, key);
	size_t at = ld->path.len;
	char *where = ivs_xstrdup(at ? ld->path.data : "the file");

	yl_path_key(ld, k);
	yl_diag(ld, IVS_RULE_YAML_DUPLICATE_KEY, ld->nodes[key].pos,
	        "`%s` is given twice in %s: line %u already sets it; remove one of the two.", k, where,
	        ld->nodes[first].pos.line);
	yl_path_pop(ld, at);
	free(where);
	ld->nodes[key].flags |= YL_DUP;
}

static bool same_key(const struct yl_loader *ld, uint32_t a, uint32_t b)
{
	const struct yl_node *x = &ld->nodes[a], *y = &ld->nodes[b];
	return x->type == YL_SCALAR && y->type == YL_SCALAR && x->len == y->len &&
	       memcmp(yl_text(ld, a), yl_text(ld, b), x->len) == 0;
}

static uint32_t key_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

void yl_mark_dups(struct yl_loader *ld, uint32_t map)
{
	uint32_t pairs = ld->nodes[map].count / 2;

	if (pairs < 2)
		return;
	if (pairs <= 16) {
		for (uint32_t k = ld->nodes[map].first; k; k = ld->nodes[k].next ? ld->nodes[ld->nodes[k].next].next : 0) {
			if (ld->nodes[k].type != YL_SCALAR)
				continue;
			for (uint32_t j = ld->nodes[map].first; j != k; j = ld->nodes[ld->nodes[j].next].next) {
				if (!(ld->nodes[j].flags & YL_DUP) && same_key(ld, j, k)) {
					report_dup(ld, k, j);
					break;
				}
			}
		}
		return;
	}
	uint32_t cap = 64;
	while (cap < pairs * 2)
		cap *= 2;
	if (cap > ld->capdups) {
		free(ld->dups);
		ld->dups = ivs_xcalloc(cap, sizeof *ld->dups);
		ld->capdups = cap;
		ld->dupgen = 0;
	}
	if (++ld->dupgen == 0) {
		memset(ld->dups, 0, ld->capdups * sizeof *ld->dups);
		ld->dupgen = 1;
	}
	uint32_t mask = ld->capdups - 1;
	for (uint32_t k = ld->nodes[map].first; k; k = ld->nodes[k].next ? ld->nodes[ld->nodes[k].next].next : 0) {
		if (ld->nodes[k].type != YL_SCALAR)
			continue;
		uint32_t h = key_hash(yl_text(ld, k), ld->nodes[k].len) & mask;
		for (;; h = (h + 1) & mask) {
			struct yl_dup_slot *s = &ld->dups[h];
			if (s->gen != ld->dupgen) {
				s->gen = ld->dupgen;
				s->node = k;
				break;
			}
			if (same_key(ld, s->node, k)) {
				report_dup(ld, k, s->node);
				break;
			}
		}
	}
}
