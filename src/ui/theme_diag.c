/* theme_diag.c: the theme module's problems (IVS_THEME_RULES in theme.h):
 * its own codes, not the engine's rule ids. */
#include "ivs/theme.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/util.h"

static const struct {
	const char *id;
	enum ivs_severity sev;
} rule_info[IVS_THEME_RULE_COUNT] = {
#define IVS_THEME_RULE_ROW(name, id, sev) {id, IVS_SEV_##sev},
	IVS_THEME_RULES(IVS_THEME_RULE_ROW)
#undef IVS_THEME_RULE_ROW
};

const char *ivs_theme_rule_id(enum ivs_theme_rule r)
{
	return (unsigned)r < IVS_THEME_RULE_COUNT ? rule_info[r].id : "unknown";
}

void ivs_theme_diags_init(struct ivs_theme_diags *d)
{
	memset(d, 0, sizeof *d);
}

void ivs_theme_diags_free(struct ivs_theme_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].path);
		free(d->v[i].msg);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}

static void push(struct ivs_theme_diags *d, struct ivs_theme_diag g)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->v = ivs_xrealloc(d->v, d->cap * sizeof *d->v);
	}
	d->v[d->n++] = g;
	if (g.sev == IVS_SEV_ERROR)
		d->errors++;
	else
		d->warnings++;
}

void ivs_theme_diags_add(struct ivs_theme_diags *d, enum ivs_theme_rule rule, struct ivs_pos pos,
                         const char *path, const char *fmt, ...)
{
	va_list ap;
	struct ivs_theme_diag g = {rule, (unsigned)rule < IVS_THEME_RULE_COUNT ? rule_info[rule].sev
	                                                                       : IVS_SEV_ERROR,
	                           pos, ivs_xstrdup(path ? path : ""), NULL};
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	g.msg = ivs_xmalloc(n > 0 ? (size_t)n + 1 : 1);
	g.msg[0] = '\0';
	if (n > 0) {
		va_start(ap, fmt);
		vsnprintf(g.msg, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	push(d, g);
}

void ivs_theme_diags_move(struct ivs_theme_diags *dst, struct ivs_theme_diags *src)
{
	for (size_t i = 0; i < src->n; i++)
		push(dst, src->v[i]);
	free(src->v);
	memset(src, 0, sizeof *src);
}

static int by_pos(const void *a, const void *b)
{
	const struct ivs_theme_diag *x = a, *y = b;
	if (x->pos.line != y->pos.line)
		return x->pos.line < y->pos.line ? -1 : 1;
	if (x->pos.col != y->pos.col)
		return x->pos.col < y->pos.col ? -1 : 1;
	return 0;
}

void ivs_theme_diags_sort(struct ivs_theme_diags *d)
{
	/* insertion sort: stable, and a theme file has few problems */
	for (size_t i = 1; i < d->n; i++) {
		struct ivs_theme_diag g = d->v[i];
		size_t j = i;
		while (j > 0 && by_pos(&d->v[j - 1], &g) > 0) {
			d->v[j] = d->v[j - 1];
			j--;
		}
		d->v[j] = g;
	}
}

static void put_clean(FILE *out, const char *s)
{
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		if (*c < 0x20 || *c == 0x7f)
			fprintf(out, "\\x%02x", *c);
		else
			fputc(*c, out);
	}
}

void ivs_theme_diags_print(FILE *out, const char *file, const struct ivs_theme_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct ivs_theme_diag *e = &d->v[i];
		put_clean(out, file);
		if (e->pos.line)
			fprintf(out, ":%u:%u: ", e->pos.line, e->pos.col ? e->pos.col : 1);
		else if (*e->path) {
			fputs(": ", out);
			put_clean(out, e->path);
			fputs(": ", out);
		} else {
			fputs(": ", out);
		}
		fprintf(out, "%s: ", ivs_severity_name(e->sev));
		put_clean(out, e->msg);
		fprintf(out, " [%s]\n", ivs_theme_rule_id(e->rule));
	}
}
