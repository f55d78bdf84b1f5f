/* util.c: allocation, strings, buffers, a string multimap. */
#include "ivs/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(void)
{
	fputs("ivs-tui: out of memory\n", stderr);
	abort();
}

void *ivs_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *ivs_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *ivs_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom();
	return q;
}

char *ivs_xstrdup(const char *s)
{
	return s ? ivs_xstrndup(s, strlen(s)) : NULL;
}

char *ivs_xstrndup(const char *s, size_t n)
{
	char *d = ivs_xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *ivs_xasprintf(const char *fmt, ...)
{
	struct ivs_buf b;
	va_list ap;
	int n;

	ivs_buf_init(&b);
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return ivs_xstrdup("");
	b.data = ivs_xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(b.data, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return b.data;
}

size_t ivs_utf8_encode(unsigned v, char o[4])
{
	size_t n;
	if (v < 0x80) {
		o[0] = (char)v; n = 1;
	} else if (v < 0x800) {
		o[0] = (char)(0xc0 | (v >> 6)); o[1] = (char)(0x80 | (v & 0x3f)); n = 2;
	} else if (v < 0x10000) {
		o[0] = (char)(0xe0 | (v >> 12)); o[1] = (char)(0x80 | ((v >> 6) & 0x3f));
		o[2] = (char)(0x80 | (v & 0x3f)); n = 3;
	} else {
		o[0] = (char)(0xf0 | (v >> 18)); o[1] = (char)(0x80 | ((v >> 12) & 0x3f));
		o[2] = (char)(0x80 | ((v >> 6) & 0x3f)); o[3] = (char)(0x80 | (v & 0x3f)); n = 4;
	}
	return n;
}

const char *ivs_article(const char *word)
{
	return word && *word && strchr("aeiou", *word) ? "an" : "a";
}

bool ivs_str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

void ivs_buf_init(struct ivs_buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void ivs_buf_free(struct ivs_buf *b)
{
	free(b->data);
	ivs_buf_init(b);
}

void ivs_buf_reset(struct ivs_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

static void buf_grow(struct ivs_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->data = ivs_xrealloc(b->data, cap);
	b->cap = cap;
}

void ivs_buf_add(struct ivs_buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void ivs_buf_puts(struct ivs_buf *b, const char *s)
{
	ivs_buf_add(b, s, strlen(s));
}

void ivs_buf_putc(struct ivs_buf *b, char c)
{
	ivs_buf_add(b, &c, 1);
}

void ivs_buf_printf(struct ivs_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;
	char small[256];

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof small) {
		ivs_buf_add(b, small, (size_t)n);
		return;
	}
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *ivs_buf_steal(struct ivs_buf *b)
{
	char *s = b->data ? b->data : ivs_xstrdup("");
	ivs_buf_init(b);
	return s;
}

/* ---- string multimap: open addressing over distinct keys, linear probing,
 * tombstones. The values of one key are kept together in its slot, so that
 * adding the n-th value under one key (a file with many equal ids) is O(1),
 * not a walk over the n-1 before it. ---- */

struct strmap_entry {
	const char *key;        /* borrowed from the caller */
	void *val;
};

struct strmap_slot {
	struct strmap_entry *v; /* the key's values; v[0].key stands for the slot */
	size_t n, cap;
	uint32_t hash;
	bool used;              /* ever held a key; with n == 0: a tombstone */
};

struct ivs_strmap {
	struct strmap_slot *slots;
	size_t cap, used, live; /* slots: ever used, holding values */
};

static uint32_t str_hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

struct ivs_strmap *ivs_strmap_new(void)
{
	struct ivs_strmap *m = ivs_xcalloc(1, sizeof *m);
	m->cap = 64;
	m->slots = ivs_xcalloc(m->cap, sizeof *m->slots);
	return m;
}

static void strmap_free_values(struct ivs_strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->slots[i].v);
}

void ivs_strmap_free(struct ivs_strmap *m)
{
	if (!m)
		return;
	strmap_free_values(m);
	free(m->slots);
	free(m);
}

void ivs_strmap_clear(struct ivs_strmap *m)
{
	strmap_free_values(m);
	memset(m->slots, 0, m->cap * sizeof *m->slots);
	m->used = m->live = 0;
}

static void strmap_rehash(struct ivs_strmap *m, size_t cap)
{
	struct strmap_slot *old = m->slots;
	size_t oldcap = m->cap;

	m->slots = ivs_xcalloc(cap, sizeof *m->slots);
	m->cap = cap;
	m->used = m->live = 0;
	for (size_t i = 0; i < oldcap; i++) {
		if (!old[i].n)
			continue;
		size_t j = old[i].hash & (cap - 1);
		while (m->slots[j].used)
			j = (j + 1) & (cap - 1);
		m->slots[j] = old[i];
		m->used++;
		m->live++;
	}
	free(old);
}

/* The live slot of key, or NULL. */
static struct strmap_slot *strmap_find(const struct ivs_strmap *m, const char *key, uint32_t h)
{
	for (size_t j = h & (m->cap - 1); m->slots[j].used; j = (j + 1) & (m->cap - 1)) {
		struct strmap_slot *s = &m->slots[j];
		if (s->n && s->hash == h && strcmp(s->v[0].key, key) == 0)
			return s;
	}
	return NULL;
}

static void strmap_push(struct strmap_slot *s, const char *key, void *val)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 1;
		s->v = ivs_xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n].key = key;
	s->v[s->n].val = val;
	s->n++;
}

void ivs_strmap_add(struct ivs_strmap *m, const char *key, void *val)
{
	uint32_t h = str_hash(key);
	struct strmap_slot *s = strmap_find(m, key, h);

	if (s) {
		strmap_push(s, key, val);
		return;
	}
	if ((m->used + 1) * 4 >= m->cap * 3)
		strmap_rehash(m, m->live * 4 >= m->cap ? m->cap * 2 : m->cap);
	size_t j = h & (m->cap - 1);
	while (m->slots[j].used && m->slots[j].n)
		j = (j + 1) & (m->cap - 1);
	s = &m->slots[j];
	if (!s->used)
		m->used++;
	s->used = true;
	s->hash = h;
	strmap_push(s, key, val);
	m->live++;
}

bool ivs_strmap_del(struct ivs_strmap *m, const char *key, void *val)
{
	struct strmap_slot *s = strmap_find(m, key, str_hash(key));

	for (size_t i = 0; s && i < s->n; i++) {
		if (s->v[i].val != val)
			continue;
		s->v[i] = s->v[--s->n];
		if (!s->n) {
			free(s->v);
			s->v = NULL;
			s->cap = 0;
			m->live--;
		}
		return true;
	}
	return false;
}

size_t ivs_strmap_get(const struct ivs_strmap *m, const char *key, void **out, size_t max)
{
	const struct strmap_slot *s = strmap_find(m, key, str_hash(key));

	if (!s)
		return 0;
	for (size_t i = 0; i < s->n && i < max; i++)
		out[i] = s->v[i].val;
	return s->n;
}

size_t ivs_edit_distance(const char *a, const char *b, size_t max)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return max + 1;
	if ((la > lb ? la - lb : lb - la) > max)
		return max + 1;
	size_t prev[65], cur[65];
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t best = cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t v = prev[j - 1] + cost;
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		if (best > max)
			return max + 1;
		memcpy(prev, cur, (lb + 1) * sizeof *prev);
	}
	return prev[lb];
}

size_t ivs_utf8_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

bool ivs_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n;
	while (p < e) {
		unsigned c = *p++;
		size_t more;
		unsigned min;
		if (c < 0x80)
			continue;
		else if ((c & 0xE0) == 0xC0)
			more = 1, min = 0x80, c &= 0x1F;
		else if ((c & 0xF0) == 0xE0)
			more = 2, min = 0x800, c &= 0x0F;
		else if ((c & 0xF8) == 0xF0)
			more = 3, min = 0x10000, c &= 0x07;
		else
			return false;
		if ((size_t)(e - p) < more)
			return false;
		for (size_t i = 0; i < more; i++) {
			if ((*p & 0xC0) != 0x80)
				return false;
			c = (c << 6) | (*p++ & 0x3F);
		}
		if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			return false;
	}
	return true;
}
