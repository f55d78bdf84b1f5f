/* diag.c: diagnostic lists, printing, JSON. */
#include "ivs/diag.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
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
}

void ivs_diags_free(struct ivs_diags *d)
{
	ivs_diags_clear(d);
	free(d->v);
	ivs_diags_init(d);
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
	struct ivs_diag *e = diags_push(d);
	struct ivs_buf b;
	va_list ap;
	int n;

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
		*diags_push(dst) = src->v[i];
		if (src->v[i].sev == IVS_SEV_ERROR)
			dst->errors++;
		else
			dst->warnings++;
	}
	src->n = src->errors = src->warnings = 0;
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

/* Writes s with control characters escaped (\t, \n, \r, \xHH): text
 * quoted from a file must not move the terminal's cursor, change its
 * colours or title, or break the one-line-per-diagnostic format. */
static void put_clean(FILE *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\t')
			fputs("\\t", out);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c == '\r')
			fputs("\\r", out);
		else if (c < 0x20 || c == 0x7f)
			fprintf(out, "\\x%02x", c);
		else
			fputc(c, out);
	}
}

void ivs_diags_print(FILE *out, const char *file, const struct ivs_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct ivs_diag *e = &d->v[i];
		put_clean(out, file);
		if (e->pos.line)
			fprintf(out, ":%u:%u: ", e->pos.line, e->pos.col ? e->pos.col : 1);
		else if (e->path && *e->path) {
			fputs(": ", out);
			put_clean(out, e->path);
			fputs(": ", out);
		} else
			fputs(": ", out);
		fprintf(out, "%s: ", ivs_severity_name(e->sev));
		put_clean(out, e->msg);
		fprintf(out, " [%s]\n", ivs_rule_id(e->rule));
	}
}

char *ivs_diags_json(const char *file, const struct ivs_diags *d)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; i < d->n; i++) {
		const struct ivs_diag *e = &d->v[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "file", file);
		if (e->pos.line) {
			cJSON_AddNumberToObject(o, "line", e->pos.line);
			cJSON_AddNumberToObject(o, "column", e->pos.col ? e->pos.col : 1);
		} else {
			cJSON_AddNullToObject(o, "line");
			cJSON_AddNullToObject(o, "column");
		}
		cJSON_AddStringToObject(o, "severity", ivs_severity_name(e->sev));
		cJSON_AddStringToObject(o, "rule", ivs_rule_id(e->rule));
		cJSON_AddStringToObject(o, "path", e->path ? e->path : "");
		cJSON_AddStringToObject(o, "message", e->msg);
		cJSON_AddItemToArray(arr, o);
	}
	char *s = cJSON_Print(arr);
	cJSON_Delete(arr);
	char *r = ivs_xstrdup(s ? s : "[]");
	cJSON_free(s);
	return r;
}
