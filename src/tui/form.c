/* form.c: forms generated from the field tables (tui_form.h). */
#include "ivs/tui_form.h"

#include <stdlib.h>
#include <string.h>

static bool row_visible(const struct ivs_res *r, const struct ivs_field *f, int i)
{
	if (f->parent >= 0 && !ivs_res_is_set(r, f->parent))
		return false;
	if (ivs_res_imported(r) && (f->flags & IVS_FF_NOT_IMPORTED) && !ivs_res_is_set(r, i))
		return false;
	return true;
}

void tui_form_build(struct tui_form *f, const struct ivs_res *r)
{
	const struct ivs_kind_info *ki = ivs_res_info(r);
	f->res = r;
	f->n = 0;
	for (int i = 0; i < ki->nfields && f->n < TUI_FORM_MAX; i++) {
		const struct ivs_field *fd = &ki->fields[i];
		if (!row_visible(r, fd, i))
			continue;
		f->rows[f->n++] = (struct tui_form_row){i, ivs_field_depth(ki, i)};
	}
}

int tui_form_row_of(const struct tui_form *f, int field)
{
	for (int i = 0; i < f->n; i++)
		if (f->rows[i].field == field)
			return i;
	return -1;
}

bool tui_form_is_text(const struct ivs_field *f)
{
	return f->type == IVS_FT_ID || f->type == IVS_FT_STRING || f->type == IVS_FT_INT ||
	       f->type == IVS_FT_NUMBER || f->type == IVS_FT_STRING_LIST;
}

void tui_form_value(const struct ivs_res *r, int field, struct ivs_buf *out, bool *is_default)
{
	const struct ivs_field *f = &ivs_res_info(r)->fields[field];
	bool set = ivs_res_is_set(r, field);
	*is_default = !set;
	switch (f->type) {
	case IVS_FT_BOOL:
		ivs_buf_printf(out, "[%c] %s", ivs_res_get_num(r, field) > 0 ? 'x' : ' ',
		               ivs_res_get_num(r, field) > 0 ? "true" : "false");
		return;
	case IVS_FT_GROUP:
		if (set)
			ivs_buf_puts(out, "[x] on");
		else
			ivs_buf_printf(out, "[ ] %s", f->def_text ? f->def_text : "off");
		return;
	case IVS_FT_CHILDREN: {
		const struct ivs_kind_info *ck = ivs_kind_info(f->ref);
		size_t n = ivs_res_children(r)->n;
		ivs_buf_printf(out, "%zu %s (in the tree)", n, n == 1 ? ck->name : ck->plural);
		*is_default = false;
		return;
	}
	case IVS_FT_TEXT: {
		const char *s = ivs_res_get_str(r, field);
		if (!s) {
			ivs_buf_puts(out, f->def_text ? f->def_text : "(not set)");
			return;
		}
		const char *nl = strchr(s, '\n');
		size_t lines = 0;
		for (const char *q = s; *q; q++)
			lines += *q == '\n';
		if (*s && s[strlen(s) - 1] != '\n')
			lines++;
		ivs_buf_add(out, s, nl ? (size_t)(nl - s) : strlen(s));
		if (lines > 1)
			ivs_buf_printf(out, " ... (%zu lines)", lines);
		return;
	}
	default:
		break;
	}
	if (set) {
		ivs_res_format(r, field, false, out);
		return;
	}
	if (f->def_text)
		ivs_buf_puts(out, f->def_text);
	else if (f->def != IVS_NO_DEFAULT)
		ivs_res_format(r, field, true, out);
	else if (f->type == IVS_FT_TAGS)
		ivs_buf_puts(out, "none");
	else
		ivs_buf_puts(out, (f->flags & IVS_FF_REQUIRED) ? "(required)" : "(not set)");
}

void tui_form_hint(const struct ivs_res *r, int field, struct ivs_buf *out)
{
	const struct ivs_field *f = &ivs_res_info(r)->fields[field];
	switch (f->type) {
	case IVS_FT_INT:
		ivs_buf_printf(out, "%ld-%ld", f->min, f->max);
		break;
	case IVS_FT_ENUM:
	case IVS_FT_REF:
		ivs_buf_puts(out, "<- ->");
		break;
	case IVS_FT_ENUM_LIST:
		ivs_buf_puts(out, "Enter: pick");
		break;
	case IVS_FT_TAGS:
		ivs_buf_puts(out, "Enter: edit");
		break;
	case IVS_FT_TEXT:
		ivs_buf_puts(out, "f: file, g: generate");
		break;
	case IVS_FT_CHILDREN:
		ivs_buf_puts(out, "s: add");
		break;
	case IVS_FT_STRING:
	case IVS_FT_ID:
		if (f->max > 0)
			ivs_buf_printf(out, "max %ld", f->max);
		break;
	default:
		break;
	}
}

const struct ivs_diag *tui_form_field_diag(const struct ivs_res *r, int field)
{
	const struct ivs_diag *best = NULL;
	const struct ivs_kind_info *ki = ivs_res_info(r);
	for (size_t i = 0; i < r->diags.n; i++) {
		const struct ivs_diag *d = &r->diags.v[i];
		bool hit = d->field == field;
		if (!hit && d->field >= 0 && d->field < ki->nfields &&
		    ki->fields[field].type == IVS_FT_GROUP && ki->fields[d->field].parent == field &&
		    !(ivs_res_is_set(r, field)))
			hit = true;
		if (hit && (!best || (best->sev == IVS_SEV_WARNING && d->sev == IVS_SEV_ERROR)))
			best = d;
	}
	return best;
}

const char **tui_form_ref_targets(const struct ivs_project *p, const struct ivs_field *f,
                                  size_t *n)
{
	const struct ivs_list *l = ivs_project_list(p, f->ref);
	*n = 0;
	if (!l)
		return NULL;
	const char **v = ivs_xcalloc(l->n + 1, sizeof *v);
	for (size_t i = 0; i < l->n; i++)
		v[(*n)++] = l->v[i]->id;
	return v;
}

int tui_form_parse_tag(const char *text, char **key, char **value)
{
	const char *eq = strchr(text, '=');
	if (!eq || eq == text)
		return -1;
	size_t kl = (size_t)(eq - text);
	while (kl && text[kl - 1] == ' ')
		kl--;
	const char *v = eq + 1;
	while (*v == ' ')
		v++;
	if (!kl)
		return -1;
	*key = ivs_xstrndup(text, kl);
	*value = ivs_xstrdup(v);
	return 0;
}
