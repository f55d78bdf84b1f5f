/* tdiff_write.c: a template comparison as text (cdk diff's shape with a
 * git diff --stat head) and as JSON (see tdiff.h, ivs-tui(1)). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/tdiff.h"

#define C_RESET  "\033[0m"
#define C_ADD    "\033[32m"
#define C_DEL    "\033[31m"
#define C_UPD    "\033[33m"
#define C_REPL   "\033[1;31m"
#define C_DIM    "\033[2m"
#define C_BOLD   "\033[1m"

struct w {
	struct ivs_buf *out;
	bool color;
};

static void col(struct w *w, const char *code)
{
	if (w->color)
		ivs_buf_puts(w->out, code);
}

static const char *marker(enum ivs_tdiff_change c)
{
	switch (c) {
	case IVS_TDIFF_ADDED: return "[+]";
	case IVS_TDIFF_REMOVED: return "[-]";
	case IVS_TDIFF_UPDATED: return "[~]";
	case IVS_TDIFF_REPLACED:
	case IVS_TDIFF_RENAMED: return "[-/+]";
	default: return "[ ]";
	}
}

static const char *colour(enum ivs_tdiff_change c)
{
	switch (c) {
	case IVS_TDIFF_ADDED: return C_ADD;
	case IVS_TDIFF_REMOVED: return C_DEL;
	case IVS_TDIFF_UPDATED: return C_UPD;
	default: return C_REPL;
	}
}

/* A value in one line: JSON, cut to 72 characters. */
static void put_value(struct ivs_buf *b, const cJSON *v)
{
	if (!v) {
		ivs_buf_puts(b, "(absent)");
		return;
	}
	char *s = cJSON_PrintUnformatted(v);
	size_t n = s ? strlen(s) : 0;
	if (n > 72) {
		n = 69;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
		ivs_buf_add(b, s, n);
		ivs_buf_puts(b, "...");
	} else if (s) {
		ivs_buf_puts(b, s);
	}
	free(s);
}

static void put_prop(struct w *w, const struct ivs_tdiff_prop *p, bool last)
{
	ivs_buf_puts(w->out, last ? " └─ " : " ├─ ");
	if (p->because) {
		col(w, C_UPD);
		ivs_buf_printf(w->out, "[~] %s", p->path);
		col(w, C_RESET);
		ivs_buf_printf(w->out, ": ");
		put_value(w->out, p->new_val);
		ivs_buf_printf(w->out, " (changes: %s is replaced)", p->because);
	} else {
		enum ivs_tdiff_change c = !p->old_val ? IVS_TDIFF_ADDED
		                        : !p->new_val ? IVS_TDIFF_REMOVED : IVS_TDIFF_UPDATED;
		col(w, colour(c));
		ivs_buf_printf(w->out, "%s %s", marker(c), p->path);
		col(w, C_RESET);
		ivs_buf_puts(w->out, ": ");
		put_value(w->out, p->old_val);
		ivs_buf_puts(w->out, " → ");
		put_value(w->out, p->new_val);
	}
	if (p->replaces) {
		ivs_buf_putc(w->out, ' ');
		col(w, C_REPL);
		ivs_buf_puts(w->out, "(requires replacement)");
		col(w, C_RESET);
	}
	ivs_buf_putc(w->out, '\n');
}

static void put_note(struct w *w, const char *text, bool last, const char *code)
{
	ivs_buf_puts(w->out, last ? " └─ " : " ├─ ");
	col(w, code);
	ivs_buf_puts(w->out, text);
	col(w, C_RESET);
	ivs_buf_putc(w->out, '\n');
}

static const char *what(const struct ivs_tdiff_res *r, char *tmp, size_t n)
{
	switch (r->change) {
	case IVS_TDIFF_ADDED: return "added";
	case IVS_TDIFF_REMOVED: return "removed";
	case IVS_TDIFF_UPDATED:
		snprintf(tmp, n, "updated (%zu %s)", r->nprops, r->nprops == 1 ? "value" : "values");
		return tmp;
	case IVS_TDIFF_REPLACED: return "replaced";
	case IVS_TDIFF_RENAMED: return "renamed, replaced";
	default: return "";
	}
}

static void put_stat(struct w *w, const struct ivs_tdiff *d)
{
	size_t idw = 0, tw = 0;
	char tmp[64];

	for (size_t i = 0; i < d->nres; i++) {
		size_t n = strlen(d->res[i].id);
		if (d->res[i].old_id)
			n += strlen(d->res[i].old_id) + 3;
		if (n > idw)
			idw = n;
		if (strlen(d->res[i].type) > tw)
			tw = strlen(d->res[i].type);
	}
	for (size_t i = 0; i < d->nres; i++) {
		const struct ivs_tdiff_res *r = &d->res[i];
		char *id = r->old_id ? ivs_xasprintf("%s → %s", r->old_id, r->id) : ivs_xstrdup(r->id);
		size_t idlen = strlen(r->id) + (r->old_id ? strlen(r->old_id) + 3 : 0);
		ivs_buf_putc(w->out, ' ');
		col(w, colour(r->change));
		ivs_buf_printf(w->out, "%-5s", marker(r->change));
		col(w, C_RESET);
		ivs_buf_printf(w->out, " %s%*s  %-*s | ", id, (int)(idw - idlen), "", (int)tw, r->type);
		col(w, colour(r->change));
		ivs_buf_puts(w->out, what(r, tmp, sizeof tmp));
		col(w, C_RESET);
		ivs_buf_putc(w->out, '\n');
		free(id);
	}
}

static void put_count(struct w *w, const struct ivs_tdiff *d)
{
	size_t n = d->nres;
	bool first = true;
	ivs_buf_printf(w->out, " %zu %s changed", n, n == 1 ? "resource" : "resources");
#define PART(count, word, code)                                                  \
	if (count) {                                                             \
		ivs_buf_puts(w->out, first ? ": " : ", ");                       \
		col(w, code);                                                    \
		ivs_buf_printf(w->out, "%zu " word, count);                      \
		col(w, C_RESET);                                                 \
		first = false;                                                   \
	}
	PART(d->added, "added", C_ADD)
	PART(d->removed, "removed", C_DEL)
	PART(d->updated, "updated", C_UPD)
	PART(d->replaced, "replaced", C_REPL)
#undef PART
	if (d->renamed)
		ivs_buf_printf(w->out, " (%zu renamed)", d->renamed);
	if (d->nouts)
		ivs_buf_printf(w->out, "; %zu %s changed", d->nouts, d->nouts == 1 ? "output" : "outputs");
	ivs_buf_putc(w->out, '\n');
}

static void put_resource(struct w *w, const struct ivs_tdiff_res *r)
{
	col(w, colour(r->change));
	ivs_buf_printf(w->out, "%s", marker(r->change));
	col(w, C_RESET);
	ivs_buf_printf(w->out, " %s %s", r->type, r->id);
	switch (r->change) {
	case IVS_TDIFF_REMOVED:
		col(w, C_DEL);
		ivs_buf_puts(w->out, " destroy");
		col(w, C_RESET);
		break;
	case IVS_TDIFF_REPLACED:
	case IVS_TDIFF_RENAMED:
		col(w, C_REPL);
		ivs_buf_puts(w->out, " replace");
		col(w, C_RESET);
		if (r->change == IVS_TDIFF_RENAMED)
			ivs_buf_printf(w->out, " (renamed from %s, therefore replaced)", r->old_id);
		break;
	case IVS_TDIFF_UPDATED:
		if (r->nbecause)
			ivs_buf_printf(w->out, " (updated because %s is replaced)", r->because[0]);
		break;
	default:
		break;
	}
	ivs_buf_putc(w->out, '\n');
	bool notes = r->change == IVS_TDIFF_REPLACED || r->change == IVS_TDIFF_RENAMED ||
	             r->change == IVS_TDIFF_REMOVED;
	if (r->change != IVS_TDIFF_ADDED && r->change != IVS_TDIFF_REMOVED)
		for (size_t i = 0; i < r->nprops; i++)
			put_prop(w, &r->props[i], !notes && i + 1 == r->nprops);
	if (r->change == IVS_TDIFF_REPLACED && r->reason && r->reason[0]) {
		char *s = ivs_xasprintf("replaced because %s", r->reason);
		put_note(w, s, false, "");
		free(s);
	}
	if (notes && r->loss) {
		char *s = ivs_xasprintf("%s %s", r->change == IVS_TDIFF_REMOVED ? "removal:" : "you lose:",
		                        r->loss);
		put_note(w, s, true, C_BOLD);
		free(s);
	}
}

void ivs_tdiff_write_text(const struct ivs_tdiff *d, const char *old_name, const char *new_name,
                          bool color, struct ivs_buf *out)
{
	struct w w = {out, color};

	ivs_buf_add(out, "", 0);
	if (!ivs_tdiff_changed(d)) {
		ivs_buf_printf(out, "%s and %s deploy the same stack: no changes.\n", old_name, new_name);
		return;
	}
	col(&w, C_BOLD);
	ivs_buf_printf(out, "%s → %s\n", old_name, new_name);
	col(&w, C_RESET);
	if (d->nres) {
		put_stat(&w, d);
		ivs_buf_putc(out, '\n');
		col(&w, C_BOLD);
		ivs_buf_puts(out, "Resources\n");
		col(&w, C_RESET);
		for (size_t i = 0; i < d->nres; i++)
			put_resource(&w, &d->res[i]);
	}
	if (d->nouts) {
		ivs_buf_putc(out, '\n');
		col(&w, C_BOLD);
		ivs_buf_puts(out, "Outputs\n");
		col(&w, C_RESET);
		for (size_t i = 0; i < d->nouts; i++) {
			const struct ivs_tdiff_out *o = &d->outs[i];
			col(&w, colour(o->change));
			ivs_buf_puts(out, marker(o->change));
			col(&w, C_RESET);
			ivs_buf_printf(out, " Output %s\n", o->name);
			for (size_t k = 0; k < o->nprops; k++)
				put_prop(&w, &o->props[k], k + 1 == o->nprops);
		}
	}
	if (d->desc_changed) {
		ivs_buf_putc(out, '\n');
		col(&w, C_BOLD);
		ivs_buf_puts(out, "Description\n");
		col(&w, C_RESET);
		ivs_buf_puts(out, " ");
		put_value(out, d->old_desc);
		ivs_buf_puts(out, " → ");
		put_value(out, d->new_desc);
		ivs_buf_putc(out, '\n');
	}
	if (d->nsections) {
		ivs_buf_putc(out, '\n');
		col(&w, C_BOLD);
		ivs_buf_puts(out, "Other sections changed:");
		col(&w, C_RESET);
		for (size_t i = 0; i < d->nsections; i++)
			ivs_buf_printf(out, "%s %s", i ? "," : "", d->sections[i]);
		ivs_buf_putc(out, '\n');
	}
	ivs_buf_putc(out, '\n');
	put_count(&w, d);
}

static cJSON *json_props(const struct ivs_tdiff_prop *v, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++) {
		cJSON *p = cJSON_CreateObject();
		cJSON_AddStringToObject(p, "path", v[i].path);
		cJSON_AddItemToObject(p, "old", v[i].old_val ? cJSON_Duplicate(v[i].old_val, true)
		                                             : cJSON_CreateNull());
		cJSON_AddItemToObject(p, "new", v[i].new_val ? cJSON_Duplicate(v[i].new_val, true)
		                                             : cJSON_CreateNull());
		if (v[i].because)
			cJSON_AddStringToObject(p, "because", v[i].because);
		cJSON_AddBoolToObject(p, "requiresReplacement", v[i].replaces);
		cJSON_AddItemToArray(a, p);
	}
	return a;
}

char *ivs_tdiff_write_json(const struct ivs_tdiff *d, const char *old_name, const char *new_name)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "old", old_name);
	cJSON_AddStringToObject(root, "new", new_name);
	cJSON_AddBoolToObject(root, "changed", ivs_tdiff_changed(d));
	cJSON_AddBoolToObject(root, "replaces", ivs_tdiff_replaces(d));
	cJSON *sum = cJSON_AddObjectToObject(root, "summary");
	cJSON_AddNumberToObject(sum, "added", (double)d->added);
	cJSON_AddNumberToObject(sum, "removed", (double)d->removed);
	cJSON_AddNumberToObject(sum, "updated", (double)d->updated);
	cJSON_AddNumberToObject(sum, "replaced", (double)d->replaced);
	cJSON_AddNumberToObject(sum, "renamed", (double)d->renamed);
	cJSON_AddNumberToObject(sum, "outputs", (double)d->nouts);

	cJSON *res = cJSON_AddArrayToObject(root, "resources");
	for (size_t i = 0; i < d->nres; i++) {
		const struct ivs_tdiff_res *r = &d->res[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "logicalId", r->id);
		if (r->old_id)
			cJSON_AddStringToObject(o, "oldLogicalId", r->old_id);
		cJSON_AddStringToObject(o, "type", r->type);
		if (r->old_type)
			cJSON_AddStringToObject(o, "oldType", r->old_type);
		cJSON_AddStringToObject(o, "change", ivs_tdiff_change_name(r->change));
		cJSON_AddBoolToObject(o, "replacement", r->change == IVS_TDIFF_REPLACED ||
		                                        r->change == IVS_TDIFF_RENAMED);
		if (r->reason)
			cJSON_AddStringToObject(o, "reason", r->reason);
		if (r->loss)
			cJSON_AddStringToObject(o, "impact", r->loss);
		if (r->nbecause) {
			cJSON *b = cJSON_AddArrayToObject(o, "because");
			for (size_t k = 0; k < r->nbecause; k++)
				cJSON_AddItemToArray(b, cJSON_CreateString(r->because[k]));
		}
		char *words = ivs_tdiff_res_words(r);
		cJSON_AddStringToObject(o, "words", words);
		free(words);
		if (r->change != IVS_TDIFF_ADDED && r->change != IVS_TDIFF_REMOVED)
			cJSON_AddItemToObject(o, "properties", json_props(r->props, r->nprops));
		cJSON_AddItemToArray(res, o);
	}
	cJSON *outs = cJSON_AddArrayToObject(root, "outputs");
	for (size_t i = 0; i < d->nouts; i++) {
		const struct ivs_tdiff_out *t = &d->outs[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "name", t->name);
		cJSON_AddStringToObject(o, "change", ivs_tdiff_change_name(t->change));
		if (t->change == IVS_TDIFF_UPDATED)
			cJSON_AddItemToObject(o, "properties", json_props(t->props, t->nprops));
		else
			cJSON_AddItemToObject(o, t->change == IVS_TDIFF_ADDED ? "new" : "old",
			                      cJSON_Duplicate(t->change == IVS_TDIFF_ADDED ? t->new_val : t->old_val, true));
		cJSON_AddItemToArray(outs, o);
	}
	if (d->desc_changed) {
		cJSON *o = cJSON_AddObjectToObject(root, "description");
		cJSON_AddItemToObject(o, "old", d->old_desc ? cJSON_Duplicate(d->old_desc, true) : cJSON_CreateNull());
		cJSON_AddItemToObject(o, "new", d->new_desc ? cJSON_Duplicate(d->new_desc, true) : cJSON_CreateNull());
	}
	cJSON *secs = cJSON_AddArrayToObject(root, "sections");
	for (size_t i = 0; i < d->nsections; i++)
		cJSON_AddItemToArray(secs, cJSON_CreateString(d->sections[i]));
	char *s = cJSON_Print(root);
	cJSON_Delete(root);
	return s;
}
