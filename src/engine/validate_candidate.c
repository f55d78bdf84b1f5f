/* validate_candidate.c: ivs_validate_candidate, the problems of text
 * being typed into a field, before it is stored. The text is parsed as
 * ivs_edit_set_text would parse it, put into a temporary copy of the entry
 * (its strings and lists borrowed, never freed through the copy), and the
 * copy is checked with every rule; the model is not touched. Reported: the
 * field's own problems and those the text would add elsewhere in the entry
 * (typing ADVANCED_HD into type while multitrack is on). */
#include "validate_int.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ivs/export.h"
#include "ivs/util.h"
#include "ivs/validate.h"

/* ---- checking text before it is stored ---- */

static bool parse_choice(const struct ivs_res *r, int field, const char *w, int *out,
                         struct ivs_diags *d)
{
	const struct ivs_field *f = &ivs_res_info(r)->fields[field];
	struct ivs_buf b;
	char vb[80];

	for (int i = 0; f->choices[i]; i++)
		if (strcasecmp(f->choices[i], w) == 0) {
			*out = i;
			return true;
		}
	ivs_buf_init(&b);
	for (size_t k = 0; f->choices[k]; k++)
		ivs_buf_printf(&b, "%s%s", k ? (f->choices[k + 1] ? ", " : " or ") : "", f->choices[k]);
	ivs_vdiag(d, IVS_RULE_YAML_BAD_ENUM, r, field, "%s must be one of %s, not '%s'.", f->key,
	          b.data, ivs_vshow(w, vb, sizeof vb));
	ivs_buf_free(&b);
	return false;
}

static char *trim_dup(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return ivs_xstrndup(s, n);
}

/* Parses text into copy's slot for field, as ivs_edit_set_text would
 * store it. Returns false (with a diagnostic in d) when the field cannot
 * hold the text. *set: whether the field ends up set. */
static bool parse_into(struct ivs_res *copy, const struct ivs_res *r, int field,
                       const char *text, char *t, struct ivs_tags *tags, bool *set,
                       struct ivs_diags *d)
{
	const struct ivs_field *f = &ivs_res_info(r)->fields[field];
	void *slot = (char *)copy + f->off;
	char vb[80];

	*set = true;
	if (f->type == IVS_FT_ID) {
		*(const char **)slot = text;
		return true;
	}
	if (f->type == IVS_FT_TEXT) {
		*set = *text != '\0';
		*(const char **)slot = text;
		return true;
	}
	if (!*t && f->type != IVS_FT_GROUP) {
		*set = false;
		return true;
	}
	switch (f->type) {
	case IVS_FT_STRING: case IVS_FT_REF:
		*(const char **)slot = text;
		return true;
	case IVS_FT_ENUM:
		return parse_choice(r, field, t, (int *)slot, d);
	case IVS_FT_BOOL:
		if (!strcasecmp(t, "true") || !strcasecmp(t, "yes") || !strcasecmp(t, "on") || !strcmp(t, "1"))
			*(bool *)slot = true;
		else if (!strcasecmp(t, "false") || !strcasecmp(t, "no") || !strcasecmp(t, "off") ||
		         !strcmp(t, "0"))
			*(bool *)slot = false;
		else {
			ivs_vdiag(d, IVS_RULE_YAML_BAD_BOOL, r, field, "%s is true or false, not '%s'.",
			          f->key, ivs_vshow(t, vb, sizeof vb));
			return false;
		}
		return true;
	case IVS_FT_INT: {
		char *end;
		errno = 0;
		long v = strtol(t, &end, 10);
		if (errno == ERANGE && !*end && end != t) {
			ivs_vdiag(d, IVS_RULE_YAML_BAD_INT, r, field,
			          "%s is too large a number; give a whole number from %ld to %ld.", f->key,
			          f->min, f->max);
			return false;
		}
		if (errno || *end || end == t) {
			ivs_vdiag(d, IVS_RULE_YAML_BAD_INT, r, field, "%s is a whole number, not '%s'.",
			          f->key, ivs_vshow(t, vb, sizeof vb));
			return false;
		}
		*(long *)slot = v;
		return true;
	}
	case IVS_FT_ENUM_LIST: {
		struct ivs_enum_list *l = slot;
		char *save = NULL;
		l->n = 0;
		for (char *w = strtok_r(t, ", \t", &save); w; w = strtok_r(NULL, ", \t", &save)) {
			int i;
			if (!parse_choice(r, field, w, &i, d))
				return false;
			if (l->n == IVS_ENUM_LIST_MAX) {
				ivs_vdiag(d, IVS_RULE_LIST_DUPLICATE, r, field,
				          "%s holds at most %ld values: remove some.", f->key, f->max);
				return false;
			}
			l->v[l->n++] = (uint8_t)i;
		}
		return true;
	}
	case IVS_FT_TAGS: {
		char *save = NULL;
		for (char *w = strtok_r(t, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
			char *eq = strchr(w, '=');
			if (!eq) {
				char *k = trim_dup(w);
				ivs_vdiag(d, IVS_RULE_TAG_KEY_INVALID, r, field,
				          "a tag is key=value, not '%s': add '=' and a value.",
				          ivs_vshow(k, vb, sizeof vb));
				free(k);
				return false;
			}
			*eq = '\0';
			char *k = trim_dup(w), *v = trim_dup(eq + 1);
			ivs_tags_put(tags, k, v);
			free(k);
			free(v);
		}
		*(struct ivs_tags *)slot = *tags;
		return true;
	}
	case IVS_FT_GROUP:
		return true;
	default:
		*set = ivs_res_is_set(r, field);
		return true;
	}
}

static bool related(const struct ivs_res *r, int dfield, int field)
{
	const struct ivs_field *fs = ivs_res_info(r)->fields;
	return dfield == field || (dfield >= 0 && fs[dfield].parent == field);
}

static bool has_diag(const struct ivs_diags *d, enum ivs_rule rule, int field)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].rule == rule && d->v[i].field == field)
			return true;
	return false;
}

void ivs_validate_candidate(const struct ivs_project *p, const struct ivs_res *r, int field,
                            const char *text, struct ivs_diags *out)
{
	const struct ivs_kind_info *ki = r ? ivs_res_info(r) : NULL;
	struct vstate *vs = ivs_project_vstate(p), *tmp = NULL;
	struct ivs_tags tags = {0};
	struct ivs_diags now, before;
	bool set;

	if (!ki || field < 0 || field >= ki->nfields || !text ||
	    ki->fields[field].type == IVS_FT_CHILDREN)
		return;
	if (!vs)
		tmp = vs = ivs_vstate_build(p);
	const struct ivs_field *f = &ki->fields[field];
	struct ivs_res *copy = ivs_xmalloc(ki->size);
	char *t = trim_dup(text);
	memcpy(copy, r, ki->size);
	ivs_diags_init(&copy->diags);
	ivs_diags_init(&now);
	ivs_diags_init(&before);
	if (parse_into(copy, r, field, text, t, &tags, &set, &now)) {
		uint64_t bit = (uint64_t)1 << field;
		copy->set = set ? copy->set | bit : copy->set & ~bit;
		if (set && f->parent >= 0)
			copy->set |= (uint64_t)1 << f->parent;
		for (int i = 0; !set && f->type == IVS_FT_GROUP && i < ki->nfields; i++)
			if (ki->fields[i].parent == field)
				copy->set &= ~((uint64_t)1 << i);
		struct ivs_vview v = {copy, r}, v0 = {r, r};
		char *lid = ivs_export_logical_id(copy), *lid0 = ivs_export_logical_id(r);
		ivs_vcheck_view(p, vs, &v, lid, &now);
		ivs_vcheck_view(p, vs, &v0, lid0, &before);
		free(lid);
		free(lid0);
		/* this field's problems, and those the text would add elsewhere */
		for (size_t i = 0; i < now.n; i++) {
			struct ivs_diag *d = &now.v[i];
			if (related(r, d->field, field) || !has_diag(&before, d->rule, d->field))
				continue;
			d->rule = IVS_RULE_COUNT;   /* mark: drop */
		}
	}
	for (size_t i = 0; i < now.n; i++) {
		struct ivs_diag *d = &now.v[i];
		if (d->rule == IVS_RULE_COUNT)
			continue;
		struct ivs_diag *e = ivs_diags_add(out, d->rule, d->pos, d->path, "%s", d->msg);
		e->res = r;
		e->field = d->field;
	}
	ivs_diags_free(&now);
	ivs_diags_free(&before);
	ivs_tags_free(&tags);
	free(t);
	free(copy);
	ivs_vstate_free(tmp);
}
