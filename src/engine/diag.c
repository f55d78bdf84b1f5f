/* diag.c: diagnostic lists, printing, JSON. */
#include "ivs/diag.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/util.h"

static const struct {
	const char *id;
	enum ivs_severity sev;
} rule_info[] = {
#define IVS_RULE_ROW(name, id, sev) {id, IVS_SEV_##sev},
	IVS_RULE_INFO(IVS_RULE_ROW)
#undef IVS_RULE_ROW
};

const char *ivs_rule_id(enum ivs_rule r)
{
	return (unsigned)r < IVS_RULE_COUNT ? rule_info[r].id : "unknown";
}

enum ivs_severity ivs_rule_severity(enum ivs_rule r)
{
	return (unsigned)r < IVS_RULE_COUNT ? rule_info[r].sev : IVS_SEV_ERROR;
}

enum ivs_rule ivs_rule_by_id(const char *id)
{
	for (size_t i = 0; i < IVS_RULE_COUNT; i++)
		if (strcmp(rule_info[i].id, id) == 0)
			return (enum ivs_rule)i;
	return IVS_RULE_COUNT;
}

const char *ivs_severity_name(enum ivs_severity s)
{
	return s == IVS_SEV_WARNING ? "warning" : "error";
}

void ivs_diags_init(struct ivs_diags *d)
{
	memset(d, 0, sizeof *d);
}

void ivs_diags_clear(struct ivs_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].path);
		free(d->v[i].msg);
	}
	d->n = d->errors = d->warnings = 0;
	d->dropped = d->dropped_errors = 0;
}

void ivs_diags_set_limit(struct ivs_diags *d, size_t limit)
{
	d->limit = limit;
}

void ivs_diags_free(struct ivs_diags *d)
{
	size_t limit = d->limit;
	ivs_diags_clear(d);
	free(d->v);
	ivs_diags_init(d);
	d->limit = limit;
}

bool ivs_diags_full(const struct ivs_diags *d)
{
	return d->limit && d->n >= d->limit;
}

/* Counts one entry that the list has no room for. */
static void drop(struct ivs_diags *d, enum ivs_severity sev)
{
	d->dropped++;
	if (sev == IVS_SEV_ERROR)
		d->dropped_errors++;
}

static struct ivs_diag *diags_push(struct ivs_diags *d)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 4;
		d->v = ivs_xrealloc(d->v, d->cap * sizeof *d->v);
	}
	return &d->v[d->n++];
}

struct ivs_diag *ivs_diags_add(struct ivs_diags *d, enum ivs_rule rule, struct ivs_pos pos,
                               const char *path, const char *fmt, ...)
{
	struct ivs_buf b;
	va_list ap;
	int n;

	if (ivs_diags_full(d)) {
		struct ivs_diag *e = &d->spare;
		memset(e, 0, sizeof *e);
		e->rule = rule;
		e->sev = ivs_rule_severity(rule);
		e->pos = pos;
		e->field = -1;
		drop(d, e->sev);
		if (e->sev == IVS_SEV_ERROR)
			d->errors++;
		else
			d->warnings++;
		return e;
	}
	struct ivs_diag *e = diags_push(d);
	e->rule = rule;
	e->sev = ivs_rule_severity(rule);
	e->pos = pos;
	e->path = ivs_xstrdup(path ? path : "");
	e->res = NULL;
	e->field = -1;
	ivs_buf_init(&b);
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	b.data = ivs_xmalloc(n > 0 ? (size_t)n + 1 : 1);
	b.data[0] = '\0';
	if (n > 0) {
		va_start(ap, fmt);
		vsnprintf(b.data, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	e->msg = b.data;
	if (e->sev == IVS_SEV_ERROR)
		d->errors++;
	else
		d->warnings++;
	return e;
}

void ivs_diags_move(struct ivs_diags *dst, struct ivs_diags *src)
{
	for (size_t i = 0; i < src->n; i++) {
		if (ivs_diags_full(dst)) {
			drop(dst, src->v[i].sev);
			free(src->v[i].path);
			free(src->v[i].msg);
		} else {
			*diags_push(dst) = src->v[i];
		}
		if (src->v[i].sev == IVS_SEV_ERROR)
			dst->errors++;
		else
			dst->warnings++;
	}
	/* what src itself had dropped */
	dst->dropped += src->dropped;
	dst->dropped_errors += src->dropped_errors;
	dst->errors += src->dropped_errors;
	dst->warnings += src->dropped - src->dropped_errors;
	src->n = src->errors = src->warnings = 0;
	src->dropped = src->dropped_errors = 0;
}

static int diag_cmp(const void *pa, const void *pb)
{
	const struct ivs_diag *a = pa, *b = pb;
	unsigned la = a->pos.line ? a->pos.line : ~0u, lb = b->pos.line ? b->pos.line : ~0u;
	if (la != lb)
		return la < lb ? -1 : 1;
	if (a->pos.col != b->pos.col)
		return a->pos.col < b->pos.col ? -1 : 1;
	int c = strcmp(a->path, b->path);
	if (c)
		return c;
	if (a->rule != b->rule)
		return a->rule < b->rule ? -1 : 1;
	return a < b ? -1 : a > b;
}

void ivs_diags_sort(struct ivs_diags *d)
{
	/* qsort is not stable: ties are broken by address, which is the
	 * original order since we sort an array in place once. To keep that
	 * true, sort indexes. */
	size_t n = d->n;
	if (n < 2)
		return;
	struct ivs_diag *copy = ivs_xmalloc(n * sizeof *copy);
	memcpy(copy, d->v, n * sizeof *copy);
	qsort(copy, n, sizeof *copy, diag_cmp);
	memcpy(d->v, copy, n * sizeof *copy);
	free(copy);
}

/* Writes s with control characters escaped (\t, \n, \r, \xHH, and the C1
 * controls U+0080-U+009F as \u0080-\u009f): text quoted from a file must
 * not move the terminal's cursor, change its colours or title (a raw 0x9b
 * is CSI on many terminals), or break the one-line-per-diagnostic format.
 * In a string that is not UTF-8 every byte >= 0x80 is written \xHH. */
void ivs_text_escape(struct ivs_buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	bool utf8 = ivs_utf8_valid(s, strlen(s));
	const char *run = s;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char esc[8];
		size_t skip = 0;
		if (c == '\t') {
			memcpy(esc, "\\t", 3);
		} else if (c == '\n') {
			memcpy(esc, "\\n", 3);
		} else if (c == '\r') {
			memcpy(esc, "\\r", 3);
		} else if (c < 0x20 || c == 0x7f || (c >= 0x80 && !utf8)) {
			esc[0] = '\\'; esc[1] = 'x'; esc[2] = hex[c >> 4]; esc[3] = hex[c & 15]; esc[4] = 0;
		} else if (c == 0xc2 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9f) {
			unsigned char c1 = (unsigned char)s[1];
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[c1 >> 4]; esc[5] = hex[c1 & 15]; esc[6] = 0;
			skip = 1;
		} else {
			continue;
		}
		ivs_buf_add(b, run, (size_t)(s - run));
		ivs_buf_puts(b, esc);
		s += skip;
		run = s + 1;
	}
	ivs_buf_add(b, run, (size_t)(s - run));
}

/* Writes b to out once it holds 64 KiB (always with force) and empties it. */
static void flush_buf(FILE *out, struct ivs_buf *b, bool force)
{
	if (b->len && (force || b->len >= 65536)) {
		fwrite(b->data, 1, b->len, out);
		ivs_buf_reset(b);
	}
}

void ivs_diags_print(FILE *out, const char *file, const struct ivs_diags *d)
{
	struct ivs_buf b;
	ivs_buf_init(&b);
	for (size_t i = 0; i < d->n; i++) {
		const struct ivs_diag *e = &d->v[i];
		ivs_text_escape(&b, file);
		if (e->pos.line) {
			ivs_buf_printf(&b, ":%u:%u: ", e->pos.line, e->pos.col ? e->pos.col : 1);
		} else if (e->path && *e->path) {
			ivs_buf_puts(&b, ": ");
			ivs_text_escape(&b, e->path);
			ivs_buf_puts(&b, ": ");
		} else {
			ivs_buf_puts(&b, ": ");
		}
		ivs_buf_printf(&b, "%s: ", ivs_severity_name(e->sev));
		ivs_text_escape(&b, e->msg);
		ivs_buf_printf(&b, " [%s]\n", ivs_rule_id(e->rule));
		flush_buf(out, &b, false);
	}
	if (d->dropped) {
		ivs_text_escape(&b, file);
		ivs_buf_printf(&b, ": \u2026 and %zu more\n", d->dropped);
	}
	flush_buf(out, &b, true);
	ivs_buf_free(&b);
}

/* A JSON string as cJSON writes it, with the C1 controls escaped too. */
static void json_string(struct ivs_buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *run = s;
	ivs_buf_putc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char esc[8];
		size_t skip = 0;
		switch (c) {
		case '"': memcpy(esc, "\\\"", 3); break;
		case '\\': memcpy(esc, "\\\\", 3); break;
		case '\b': memcpy(esc, "\\b", 3); break;
		case '\f': memcpy(esc, "\\f", 3); break;
		case '\n': memcpy(esc, "\\n", 3); break;
		case '\r': memcpy(esc, "\\r", 3); break;
		case '\t': memcpy(esc, "\\t", 3); break;
		default:
			if (c < 0x20) {
				memcpy(esc, "\\u00", 4);
				esc[4] = hex[c >> 4]; esc[5] = hex[c & 15]; esc[6] = 0;
			} else if (c == 0xc2 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9f) {
				unsigned char c1 = (unsigned char)s[1];
				memcpy(esc, "\\u00", 4);
				esc[4] = hex[c1 >> 4]; esc[5] = hex[c1 & 15]; esc[6] = 0;
				skip = 1;
			} else {
				continue;
			}
		}
		ivs_buf_add(b, run, (size_t)(s - run));
		ivs_buf_puts(b, esc);
		s += skip;
		run = s + 1;
	}
	ivs_buf_add(b, run, (size_t)(s - run));
	ivs_buf_putc(b, '"');
}

/* One entry of the array, in the templates' layout (one-space indent). */
static void json_entry(struct ivs_buf *b, const char *file, unsigned line, unsigned col,
                       const char *sev, const char *rule, const char *path, const char *msg,
                       size_t *count)
{
	ivs_buf_puts(b, *count ? ",\n {\n  \"file\": " : "[\n {\n  \"file\": ");
	(*count)++;
	json_string(b, file);
	if (line)
		ivs_buf_printf(b, ",\n  \"line\": %u,\n  \"column\": %u", line, col ? col : 1);
	else
		ivs_buf_puts(b, ",\n  \"line\": null,\n  \"column\": null");
	ivs_buf_printf(b, ",\n  \"severity\": \"%s\",\n  \"rule\": \"%s\",\n  \"path\": ", sev, rule);
	json_string(b, path);
	ivs_buf_puts(b, ",\n  \"message\": ");
	json_string(b, msg);
	ivs_buf_puts(b, "\n }");
}

/* The entries of d into b, flushed to out (when not NULL) as b grows. */
static void json_entries(FILE *out, struct ivs_buf *b, const char *file,
                         const struct ivs_diags *d, size_t *count)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct ivs_diag *e = &d->v[i];
		json_entry(b, file, e->pos.line, e->pos.col, ivs_severity_name(e->sev),
		           ivs_rule_id(e->rule), e->path ? e->path : "", e->msg, count);
		if (out)
			flush_buf(out, b, false);
	}
	if (d->dropped) {
		char msg[64];
		snprintf(msg, sizeof msg, "\u2026 and %zu more", d->dropped);
		json_entry(b, file, 0, 0,
		           ivs_severity_name(d->dropped_errors ? IVS_SEV_ERROR : IVS_SEV_WARNING),
		           ivs_rule_id(IVS_RULE_TOO_MANY_PROBLEMS), "", msg, count);
	}
}

static void json_close(struct ivs_buf *b, size_t count)
{
	ivs_buf_puts(b, count ? "\n]" : "[]");
}

char *ivs_diags_json(const char *file, const struct ivs_diags *d)
{
	struct ivs_buf b;
	size_t count = 0;
	ivs_buf_init(&b);
	json_entries(NULL, &b, file, d, &count);
	json_close(&b, count);
	return ivs_buf_steal(&b);
}

void ivs_diags_json_write(FILE *out, const char *file, const struct ivs_diags *d, size_t *count)
{
	struct ivs_buf b;
	ivs_buf_init(&b);
	json_entries(out, &b, file, d, count);
	flush_buf(out, &b, true);
	ivs_buf_free(&b);
}

void ivs_diags_json_end(FILE *out, size_t count)
{
	struct ivs_buf b;
	ivs_buf_init(&b);
	json_close(&b, count);
	ivs_buf_putc(&b, '\n');
	flush_buf(out, &b, true);
	ivs_buf_free(&b);
}
