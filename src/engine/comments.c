/* comments.c: comments kept from load to save (see comments.h).
 *
 * One walker reads a project file's events with libyaml and names, for
 * each event, the anchor it belongs to (a top-level key, an entry, a field
 * of an entry, by identity in the project). Reading a file, the text
 * between two events is scanned for comments, which go to the anchor of
 * the next event (full-line) or of the previous one (end of line).
 * Saving, the same walker over the saver's canonical output gives the line
 * of each anchor; the comments are put above it (full-line) or at its end.
 *
 * Ownership: the store hangs off the project (ivs_project_set_comments)
 * and is freed with it. */
#include "ivs/comments.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "ivs/schema.h"

/* Top-level keys: 0 ivs_tui, 1 stack, 2.. the lists of ivs_top_kinds. */
enum { TOP_VERSION, TOP_STACK, TOP_LISTS, TOP_COUNT = TOP_LISTS + 4 };

enum akind {
	AK_NONE,   /* structure (a list start, an end): comments carry on */
	AK_DROP,   /* something the project does not keep (an unknown key) */
	AK_HEAD, AK_TAIL, AK_TOP, AK_ENTRY, AK_FIELD
};

struct anchor {
	uint8_t kind;
	int8_t top;       /* AK_TOP */
	int16_t field;    /* AK_FIELD */
	uint32_t serial;  /* AK_ENTRY, AK_FIELD */
};

enum { CM_BEFORE, CM_EOL };

struct cm {
	struct anchor a;
	uint8_t where;
	uint32_t seq;     /* file order */
	char *text;       /* "# ..." */
};

struct store {
	struct cm *v;
	size_t n, cap;
};

static void store_free(void *st)
{
	struct store *s = st;
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].text);
	free(s->v);
	free(s);
}

static void store_add(struct store *s, struct anchor a, int where, const char *text, size_t n)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->v = ivs_xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n] = (struct cm){a, (uint8_t)where, (uint32_t)s->n, ivs_xstrndup(text, n)};
	s->n++;
}

static int anchor_cmp(const struct anchor *x, const struct anchor *y)
{
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->top != y->top)
		return x->top < y->top ? -1 : 1;
	if (x->serial != y->serial)
		return x->serial < y->serial ? -1 : 1;
	if (x->field != y->field)
		return x->field < y->field ? -1 : 1;
	return 0;
}

static struct anchor mk(enum akind k)
{
	return (struct anchor){(uint8_t)k, -1, -1, 0};
}

static struct anchor mk_entry(const struct ivs_res *r)
{
	if (!r)
		return mk(AK_DROP);
	struct anchor a = mk(AK_ENTRY);
	a.serial = r->serial;
	return a;
}

static struct anchor mk_field(const struct ivs_res *r, int field)
{
	if (!r || field < 0)
		return mk(AK_DROP);
	struct anchor a = mk(AK_FIELD);
	a.serial = r->serial;
	a.field = (int16_t)field;
	return a;
}

/* ---- positions ----
 * libyaml's marks count characters; the text is UTF-8. A cursor turns a
 * mark into a byte offset, walking forward (marks mostly increase). */

struct cursor {
	const char *d;
	size_t len, base;    /* base: a byte-order mark libyaml skipped */
	size_t ci, bi;
};

static void cursor_init(struct cursor *c, const char *d, size_t len)
{
	c->d = d;
	c->len = len;
	c->base = len >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	c->ci = 0;
	c->bi = c->base;
}

static size_t cursor_byte(struct cursor *c, size_t ci)
{
	while (c->ci > ci && c->bi > c->base) {   /* back: over continuation bytes */
		c->bi--;
		while (c->bi > c->base && ((unsigned char)c->d[c->bi] & 0xC0) == 0x80)
			c->bi--;
		c->ci--;
	}
	while (c->ci < ci && c->bi < c->len) {
		unsigned char b = (unsigned char)c->d[c->bi];
		size_t w = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 4;
		c->bi += w;
		c->ci++;
	}
	return c->bi < c->len ? c->bi : c->len;
}

/* ---- the walker ---- */

enum ftype { F_ROOT, F_TOPLIST, F_ENTRY, F_GROUP, F_CHILDREN, F_VALUE };

struct frame {
	uint8_t type;
	bool map, expect_key;
	int top;                      /* F_TOPLIST */
	enum ivs_kind kind;           /* F_ENTRY, F_GROUP: the entry's kind */
	const struct ivs_res *res;    /* F_ENTRY, F_GROUP, F_CHILDREN */
	int group;                    /* F_GROUP: the group; F_CHILDREN: the field */
	size_t count;                 /* list items so far */
	struct anchor own, key;       /* the collection's anchor; the last key's */
};

struct walker {
	const struct ivs_project *p;
	struct frame *f;
	size_t n, cap;
	bool seen_root_key;
};

static struct frame *push(struct walker *w, uint8_t type, bool map, struct anchor own)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 16;
		w->f = ivs_xrealloc(w->f, w->cap * sizeof *w->f);
	}
	struct frame *f = &w->f[w->n++];
	memset(f, 0, sizeof *f);
	f->type = type;
	f->map = map;
	f->expect_key = map;
	f->own = own;
	f->key = mk(AK_DROP);
	f->group = -1;
	return f;
}

static int top_index(const char *key)
{
	if (strcmp(key, "ivs_tui") == 0)
		return TOP_VERSION;
	if (strcmp(key, "stack") == 0)
		return TOP_STACK;
	for (int i = 0; i < 4; i++)
		if (strcmp(key, ivs_kind_info(ivs_top_kinds[i])->list_key) == 0)
			return TOP_LISTS + i;
	return -1;
}

static const struct ivs_res *list_item(const struct ivs_list *l, size_t i)
{
	return l && i < l->n ? l->v[i] : NULL;
}

/* What one event is, for comments:
 *   self: the anchor of a key or an entry that starts here (AK_NONE for
 *         structure, AK_DROP for what the project does not keep; a value
 *         gives its key's anchor);
 *   after: the anchor an end-of-line comment after this event goes to;
 *   head: this is the file's first key (comments before it are on top). */
static void on_event(struct walker *w, const yaml_event_t *ev, struct anchor *self,
                     struct anchor *after, bool *head)
{
	bool is_scalar = ev->type == YAML_SCALAR_EVENT || ev->type == YAML_ALIAS_EVENT;
	bool is_map = ev->type == YAML_MAPPING_START_EVENT;
	bool is_seq = ev->type == YAML_SEQUENCE_START_EVENT;
	*head = false;
	*self = *after = mk(AK_NONE);

	if (ev->type == YAML_MAPPING_END_EVENT || ev->type == YAML_SEQUENCE_END_EVENT) {
		if (w->n) {
			*after = w->f[w->n - 1].own;
			w->n--;
		}
		return;
	}
	if (!is_scalar && !is_map && !is_seq)
		return;   /* stream and document starts and ends */
	if (!w->n) {
		if (is_map)
			push(w, F_ROOT, true, mk(AK_NONE));
		else if (!is_scalar)
			push(w, F_VALUE, is_map, mk(AK_DROP));
		return;
	}
	struct frame *f = &w->f[w->n - 1];
	const struct ivs_project *p = w->p;

	if (f->map && f->expect_key) {
		struct anchor k = mk(AK_DROP);
		f->expect_key = false;
		if (!is_scalar) {                 /* a complex key: nothing we keep */
			f->key = mk(AK_DROP);
			push(w, F_VALUE, is_map, f->type == F_VALUE ? f->own : mk(AK_DROP));
			*self = f->type == F_VALUE ? f->own : mk(AK_DROP);
			return;
		}
		const char *key = ev->type == YAML_SCALAR_EVENT ? (const char *)ev->data.scalar.value : "";
		switch (f->type) {
		case F_ROOT: {
			int t = top_index(key);
			if (t >= 0) {
				k = mk(AK_TOP);
				k.top = (int8_t)t;
			}
			*head = !w->seen_root_key;
			w->seen_root_key = true;
			break;
		}
		case F_ENTRY:
		case F_GROUP:
			if (f->res)
				k = mk_field(f->res, ivs_field_find(f->kind, f->type == F_GROUP ? f->group : -1, key));
			break;
		case F_VALUE:
			k = f->own;
			break;
		default:
			break;
		}
		f->key = k;
		*self = *after = k;
		return;
	}

	/* A value in a mapping, or an item of a list. */
	if (f->map)
		f->expect_key = true;
	switch (f->type) {
	case F_ROOT: {
		int t = f->key.kind == AK_TOP ? f->key.top : -1;
		if (t == TOP_STACK && is_map) {
			struct frame *c = push(w, F_ENTRY, true, f->key);
			c->kind = IVS_KIND_STACK;
			c->res = &ivs_project_stack(p)->r;
		} else if (t >= TOP_LISTS && is_seq) {
			struct frame *c = push(w, F_TOPLIST, false, f->key);
			c->top = t;
		} else if (!is_scalar) {
			push(w, F_VALUE, is_map, f->key);
		} else {
			*self = *after = f->key;
		}
		return;
	}
	case F_ENTRY:
	case F_GROUP: {
		struct anchor k = f->key;
		const struct ivs_field *fd = NULL;
		if (k.kind == AK_FIELD && f->res)
			fd = &ivs_res_info(f->res)->fields[k.field];
		if (fd && fd->type == IVS_FT_GROUP && is_map) {
			struct frame *c = push(w, F_GROUP, true, k);
			c->kind = f->kind;
			c->res = f->res;
			c->group = k.field;
		} else if (fd && fd->type == IVS_FT_CHILDREN && is_seq) {
			struct frame *c = push(w, F_CHILDREN, false, k);
			c->res = f->res;
			c->group = k.field;
		} else if (!is_scalar) {
			push(w, F_VALUE, is_map, k);
		} else {
			*self = *after = k;
		}
		return;
	}
	case F_TOPLIST:
	case F_CHILDREN: {
		size_t i = f->count++;
		const struct ivs_res *r = NULL;
		enum ivs_kind kind = IVS_KIND_STREAM_KEY;
		if (f->type == F_TOPLIST) {
			kind = ivs_top_kinds[f->top - TOP_LISTS];
			r = list_item(ivs_project_list(p, kind), i);
		} else if (f->res) {
			const struct ivs_field *fd = &ivs_res_info(f->res)->fields[f->group];
			r = list_item((const struct ivs_list *)(const void *)((const char *)f->res + fd->off), i);
			if (r)
				kind = r->kind;
		}
		if (is_map && r) {
			struct anchor e = mk_entry(r);
			struct frame *c = push(w, F_ENTRY, true, e);
			c->kind = kind;
			c->res = r;
			*self = *after = e;
		} else if (!is_scalar) {
			push(w, F_VALUE, is_map, mk(AK_DROP));
			*self = mk(AK_DROP);
		} else {
			*self = *after = mk(AK_DROP);
		}
		return;
	}
	case F_VALUE:
		if (!is_scalar)
			push(w, F_VALUE, is_map, f->own);
		*self = *after = f->own;
		return;
	}
}

/* ---- reading ---- */

static bool is_break_at(const char *s, size_t i, size_t len)
{
	unsigned char c = (unsigned char)s[i];
	if (c == '\n' || c == '\r')
		return true;
	if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0x85)
		return true;   /* NEL */
	return c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
	       ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9); /* LS, PS */
}

/* The end of the comment that starts at i: the next line break. */
static size_t comment_end(const char *s, size_t i, size_t len)
{
	while (i < len && !is_break_at(s, i, len))
		i++;
	return i;
}

/* A comment's text without its trailing blanks. */
static size_t trim_len(const char *s, size_t n)
{
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n;
}

/* Whether something other than blanks precedes position i on its line. */
static bool content_before(const char *s, size_t i)
{
	while (i > 0 && s[i - 1] != '\n' && s[i - 1] != '\r') {
		i--;
		if (s[i] != ' ' && s[i] != '\t')
			return true;
	}
	return false;
}

struct pending {
	size_t *at, *n;
	size_t len, cap;
};

static void pending_add(struct pending *q, size_t at, size_t n)
{
	if (q->len == q->cap) {
		q->cap = q->cap ? q->cap * 2 : 8;
		q->at = ivs_xrealloc(q->at, q->cap * sizeof *q->at);
		q->n = ivs_xrealloc(q->n, q->cap * sizeof *q->n);
	}
	q->at[q->len] = at;
	q->n[q->len] = n;
	q->len++;
}

static void pending_flush(struct pending *q, struct store *s, const char *data, struct anchor a)
{
	if (a.kind != AK_DROP && a.kind != AK_NONE)
		for (size_t i = 0; i < q->len; i++)
			store_add(s, a, CM_BEFORE, data + q->at[i], q->n[i]);
	q->len = 0;
}

/* The comments in data[from, to): end-of-line ones (on the line where the
 * previous event ended, after something) go to prev, the others wait. */
static void scan_gap(const char *data, size_t len, size_t base, size_t from, size_t to,
                     struct anchor prev, struct store *s, struct pending *q)
{
	bool same_line = true;
	for (size_t i = from; i < to && i < len; i++) {
		if (is_break_at(data, i, len)) {
			same_line = false;
			continue;
		}
		if (data[i] == '%' && (i == base || data[i - 1] == '\n' || data[i - 1] == '\r')) {
			i = comment_end(data, i, len);   /* a directive line */
			same_line = false;
			continue;
		}
		if (data[i] != '#' || (i > base && data[i - 1] != ' ' && data[i - 1] != '\t' &&
		                       data[i - 1] != '\n' && data[i - 1] != '\r'))
			continue;   /* "a#b" is no comment */
		size_t e = comment_end(data, i, len);
		size_t n = trim_len(data + i, e - i);
		if (same_line && content_before(data, i) && prev.kind != AK_NONE) {
			if (prev.kind != AK_DROP)
				store_add(s, prev, CM_EOL, data + i, n);
		} else {
			pending_add(q, i, n);
		}
		i = e - 1;
	}
}

/* Whether data[from, to) holds an empty line (two line breaks). */
static bool blank_line(const char *data, size_t len, size_t from, size_t to)
{
	int breaks = 0;
	for (size_t i = from; i < to && i < len; i++) {
		if (data[i] == '\r' && i + 1 < to && data[i + 1] == '\n')
			continue;
		if (is_break_at(data, i, len))
			breaks++;
		else if (data[i] != ' ' && data[i] != '\t')
			breaks = 0;
	}
	return breaks >= 2;
}

/* A block scalar's header may end with a comment: "key: |-  # note". */
static void scan_block_header(const char *data, size_t len, size_t i, struct anchor a,
                              struct store *s)
{
	for (; i < len && !is_break_at(data, i, len); i++) {
		if (data[i] == '#' && i > 0 && (data[i - 1] == ' ' || data[i - 1] == '\t')) {
			size_t e = comment_end(data, i, len);
			if (a.kind != AK_DROP && a.kind != AK_NONE)
				store_add(s, a, CM_EOL, data + i, trim_len(data + i, e - i));
			return;
		}
	}
}

void ivs_comments_read(struct ivs_project *p, const char *data, size_t len)
{
	/* Only UTF-8 text: libyaml's marks count characters. */
	if (!data || !len || !memchr(data, '#', len) || (len >= 2 && (!data[0] || !data[1] ||
	    (unsigned char)data[0] >= 0xFE))) {
		ivs_project_set_comments(p, NULL, NULL);
		return;
	}
	struct store *s = ivs_xcalloc(1, sizeof *s);
	struct walker w = {.p = p};
	struct pending q = {0};
	yaml_parser_t parser;
	yaml_event_t ev;
	size_t prev_end = 0;   /* set past a byte-order mark below */
	struct anchor prev = mk(AK_NONE);

	if (!yaml_parser_initialize(&parser)) {
		free(s);
		return;
	}
	struct cursor cur;
	cursor_init(&cur, data, len);
	prev_end = cur.base;
	/* A recovery file's first line (recover.c) is not the project's. */
	static const char rec[] = "# ivs-tui recovery file for ";
	if (len - cur.base >= sizeof rec - 1 && memcmp(data + cur.base, rec, sizeof rec - 1) == 0)
		prev_end = comment_end(data, cur.base, len);
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	for (bool done = false; !done;) {
		if (!yaml_parser_parse(&parser, &ev))
			break;
		done = ev.type == YAML_STREAM_END_EVENT;
		size_t ev_start = cursor_byte(&cur, ev.start_mark.index);
		size_t ev_end = cursor_byte(&cur, ev.end_mark.index);
		/* A document start spans its directives and `---`: the comments
		 * between them are read too. */
		scan_gap(data, len, cur.base, prev_end, ev.type == YAML_DOCUMENT_START_EVENT ? ev_end : ev_start,
		         prev, s, &q);
		struct anchor self, after;
		bool head;
		on_event(&w, &ev, &self, &after, &head);
		if (head) {
			/* The leading block, and the blank line that ended it. */
			size_t blank = q.len ? q.at[q.len - 1] + q.n[q.len - 1] : 0;
			pending_flush(&q, s, data, mk(AK_HEAD));
			if (blank && blank_line(data, len, blank, ev_start))
				store_add(s, mk(AK_HEAD), CM_BEFORE, "", 0);
		}
		else if (self.kind != AK_NONE)
			pending_flush(&q, s, data, self);
		if (ev.type == YAML_SCALAR_EVENT && (ev.data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
		                                     ev.data.scalar.style == YAML_FOLDED_SCALAR_STYLE))
			scan_block_header(data, len, ev_start, after, s);
		if (ev_end > prev_end)
			prev_end = ev_end;
		prev = after;
		yaml_event_delete(&ev);
	}
	scan_gap(data, len, cur.base, prev_end, len, prev, s, &q);
	pending_flush(&q, s, data, mk(AK_TAIL));
	yaml_parser_delete(&parser);
	free(q.at);
	free(q.n);
	free(w.f);
	if (!s->n) {
		store_free(s);
		s = NULL;
	}
	ivs_project_set_comments(p, s, s ? store_free : NULL);
}

size_t ivs_comments_count(const struct ivs_project *p)
{
	const struct store *s = ivs_project_comments(p);
	size_t n = 0;
	for (size_t i = 0; s && i < s->n; i++)
		n += s->v[i].text[0] != '\0';   /* not the leading block's blank line */
	return n;
}

/* ---- writing ---- */

struct spot {
	struct anchor a;
	size_t line, eol;     /* offsets of the anchor's line start and end */
	size_t indent;
};

struct insert {
	size_t at;
	/* The order at one offset: the head first, then by spot (its own
	 * comments before those that fell back to it), then file order. */
	size_t cls, spot, rank, seq;
	const char *text;
	size_t indent;        /* before-comments: spaces first, a newline after */
	bool eol;
};

static int cm_ptr_cmp(const void *x, const void *y)
{
	const struct cm *a = *(const struct cm *const *)x, *b = *(const struct cm *const *)y;
	int c = anchor_cmp(&a->a, &b->a);
	return c ? c : (a->seq < b->seq ? -1 : a->seq > b->seq);
}

static int insert_cmp(const void *x, const void *y)
{
	const struct insert *a = x, *b = y;
	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	if (a->cls != b->cls)
		return a->cls < b->cls ? -1 : 1;
	if (a->spot != b->spot)
		return a->spot < b->spot ? -1 : 1;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

struct live {
	const struct ivs_res **v;
	size_t n, cap;
};

static void live_add(struct ivs_res *r, void *ctx)
{
	struct live *l = ctx;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->v = ivs_xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = r;
}

static int live_cmp(const void *x, const void *y)
{
	const struct ivs_res *a = *(const struct ivs_res *const *)x;
	const struct ivs_res *b = *(const struct ivs_res *const *)y;
	return a->serial < b->serial ? -1 : a->serial > b->serial;
}

static const struct ivs_res *live_find(const struct live *l, uint32_t serial)
{
	size_t lo = 0, hi = l->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (l->v[mid]->serial == serial)
			return l->v[mid];
		if (l->v[mid]->serial < serial)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The anchors of the saved text, each with its line, in text order. */
static struct spot *find_spots(const struct ivs_project *p, const char *text, size_t len,
                               size_t *nspots)
{
	struct walker w = {.p = p};
	struct spot *v = NULL;
	size_t n = 0, cap = 0;
	yaml_parser_t parser;
	yaml_event_t ev;

	*nspots = 0;
	if (!yaml_parser_initialize(&parser))
		return NULL;
	struct cursor cur;
	cursor_init(&cur, text, len);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	for (bool done = false; !done;) {
		if (!yaml_parser_parse(&parser, &ev))
			break;
		done = ev.type == YAML_STREAM_END_EVENT;
		struct anchor self, after;
		bool head;
		on_event(&w, &ev, &self, &after, &head);
		if ((self.kind == AK_TOP || self.kind == AK_ENTRY || self.kind == AK_FIELD) &&
		    !(n && anchor_cmp(&v[n - 1].a, &self) == 0)) {
			size_t at = cursor_byte(&cur, ev.start_mark.index), ls = at, le = at;
			while (ls > 0 && text[ls - 1] != '\n')
				ls--;
			while (le < len && text[le] != '\n')
				le++;
			size_t ind = 0;
			while (ls + ind < len && text[ls + ind] == ' ')
				ind++;
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				v = ivs_xrealloc(v, cap * sizeof *v);
			}
			v[n++] = (struct spot){self, ls, le, ind};
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	free(w.f);
	*nspots = n;
	return v;
}

/* Where a comment whose anchor has no line of its own goes: its entry
 * (a field still set whose key is not written, an empty list of stream
 * keys), the end of the file (an empty top-level list), or nowhere (a
 * deleted entry, an unset field). */
static struct anchor fallback(const struct cm *c, const struct live *l)
{
	if (c->a.kind == AK_TOP)
		return mk(AK_TAIL);
	if (c->a.kind != AK_FIELD)
		return mk(AK_DROP);
	const struct ivs_res *r = live_find(l, c->a.serial);
	if (!r)
		return mk(AK_DROP);
	const struct ivs_field *fd = &ivs_res_info(r)->fields[c->a.field];
	if (!ivs_res_is_set(r, c->a.field) && fd->type != IVS_FT_CHILDREN)
		return mk(AK_DROP);
	if (r->kind == IVS_KIND_STACK) {
		struct anchor t = mk(AK_TOP);
		t.top = TOP_STACK;
		return t;
	}
	return mk_entry(r);
}

/* The spot of anchor a (binary search would need sorting by anchor; spots
 * are few per entry, so an index by anchor is built once). */
static int spot_cmp(const void *x, const void *y)
{
	const struct spot *const *a = x, *const *b = y;
	return anchor_cmp(&(*a)->a, &(*b)->a);
}

static const struct spot *spot_find(struct spot *const *idx, size_t n, const struct anchor *a)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = anchor_cmp(&idx[mid]->a, a);
		if (!c)
			return idx[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void ivs_comments_apply(const struct ivs_project *p, struct ivs_buf *out, size_t start)
{
	const struct store *s = ivs_project_comments(p);
	if (!s || !s->n || out->len < start)
		return;
	const char *text = out->data + start;
	size_t len = out->len - start;
	size_t nspots;
	struct spot *spots = find_spots(p, text, len, &nspots);
	struct spot **idx = ivs_xcalloc(nspots + 1, sizeof *idx);
	for (size_t i = 0; i < nspots; i++)
		idx[i] = &spots[i];
	qsort(idx, nspots, sizeof *idx, spot_cmp);
	struct live l = {0};
	ivs_project_each(p, live_add, &l);
	qsort(l.v, l.n, sizeof *l.v, live_cmp);

	const struct cm **cms = ivs_xcalloc(s->n, sizeof *cms);
	for (size_t i = 0; i < s->n; i++)
		cms[i] = &s->v[i];
	qsort(cms, s->n, sizeof *cms, cm_ptr_cmp);

	/* Each comment becomes an insert at its spot's line (before) or at
	 * its line's end (eol). The order among inserts at one offset: the
	 * spot's order in the text, then the comment's order in the file. */
	struct insert *ins = ivs_xcalloc(s->n, sizeof *ins);
	size_t nins = 0;
	for (size_t i = 0; i < s->n; i++) {
		const struct cm *c = cms[i];
		struct anchor a = c->a;
		const struct spot *sp = NULL;
		size_t rank = 0;
		if (a.kind == AK_TOP || a.kind == AK_ENTRY || a.kind == AK_FIELD) {
			sp = spot_find(idx, nspots, &a);
			if (!sp) {
				a = fallback(c, &l);
				if (a.kind == AK_TOP || a.kind == AK_ENTRY)
					sp = spot_find(idx, nspots, &a);
				if (!sp && a.kind != AK_TAIL)
					continue;
				rank = 1;   /* after the spot's own comments */
			}
		}
		struct insert *n = &ins[nins++];
		n->text = c->text;
		n->seq = c->seq;
		n->eol = c->where == CM_EOL && sp;
		if (a.kind == AK_HEAD && !c->text[0]) {
			/* The blank line after the leading block: after every
			 * comment above the first key, so that it reads back so. */
			n->cls = 1;
			n->spot = SIZE_MAX;
		} else if (a.kind == AK_HEAD) {
			n->at = 0;
		} else if (a.kind == AK_TAIL) {
			n->at = len;
			n->cls = 2;
		} else {
			n->cls = 1;
			n->spot = (size_t)(sp - spots);
			n->rank = rank;
			n->at = n->eol ? sp->eol : sp->line;
			n->indent = sp->indent;
		}
	}
	qsort(ins, nins, sizeof *ins, insert_cmp);

	struct ivs_buf b;
	ivs_buf_init(&b);
	size_t at = 0;
	for (size_t i = 0; i < nins; i++) {
		ivs_buf_add(&b, text + at, ins[i].at - at);
		at = ins[i].at;
		if (ins[i].eol) {
			ivs_buf_puts(&b, "  ");
			ivs_buf_puts(&b, ins[i].text);
		} else {
			for (size_t k = 0; k < ins[i].indent; k++)
				ivs_buf_putc(&b, ' ');
			ivs_buf_puts(&b, ins[i].text);
			ivs_buf_putc(&b, '\n');
		}
	}
	ivs_buf_add(&b, text + at, len - at);
	out->len = start;
	ivs_buf_add(out, b.data ? b.data : "", b.len);
	ivs_buf_free(&b);
	free(ins);
	free(cms);
	free(l.v);
	free(idx);
	free(spots);
}
