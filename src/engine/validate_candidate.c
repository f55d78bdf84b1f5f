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
#include "ivs/value.h"

/* ---- checking text before it is stored ---- */

/* Parses text into copy's slot for field with ivs_value_parse, as
 * ivs_edit_set_text stores it. Returns false (with a diagnostic in d) when
 * the field cannot hold the text. *set: whether the field ends up set. */
static bool parse_into(struct ivs_res *copy, const struct ivs_res *r, int field,
                       const char *text, struct ivs_value *val, bool *set, struct ivs_diags *d)
{
	const struct ivs_field *f = &ivs_res_info(r)->fields[field];
	void *slot = (char *)copy + f->off;
	char *msg = NULL;
	enum ivs_rule rule = ivs_value_parse(f, text, val, &msg);

	if (rule != IVS_RULE_COUNT) {
		ivs_vdiag(d, rule, r, field, "%s", msg);
		free(msg);
		return false;
	}
	*set = val->set;
	if (!val->set && f->type != IVS_FT_ID)
		return true;
	switch (f->type) {
	case IVS_FT_ID: case IVS_FT_STRING: case IVS_FT_TEXT: case IVS_FT_REF:
	case IVS_FT_NUMBER: case IVS_FT_STRING_LIST:
		*(const char **)slot = val->s;
		break;
	case IVS_FT_ENUM: *(int *)slot = (int)val->n; break;
	case IVS_FT_BOOL: *(bool *)slot = val->n != 0; break;
	case IVS_FT_INT: *(long *)slot = val->n; break;
	case IVS_FT_ENUM_LIST: *(struct ivs_enum_list *)slot = val->list; break;
	case IVS_FT_TAGS: *(struct ivs_tags *)slot = val->tags; break;
	case IVS_FT_REF_LIST: *(struct ivs_idlist *)slot = val->ids; break;
	case IVS_FT_GROUP: break;
	default: *set = ivs_res_is_set(r, field); break;
	}
	return true;
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
	struct ivs_value val = {0};
	struct ivs_diags now, before;
	bool set;

	if (!ki || field < 0 || field >= ki->nfields || !text ||
	    ki->fields[field].type == IVS_FT_CHILDREN)
		return;
	if (!vs)
		tmp = vs = ivs_vstate_build(p);
	const struct ivs_field *f = &ki->fields[field];
	struct ivs_res *copy = ivs_xmalloc(ki->size);
	memcpy(copy, r, ki->size);
	ivs_diags_init(&copy->diags);
	ivs_diags_init(&now);
	ivs_diags_init(&before);
	if (parse_into(copy, r, field, text, &val, &set, &now)) {
		uint64_t bit = (uint64_t)1 << field;
		copy->set = set ? copy->set | bit : copy->set & ~bit;
		for (int g = f->parent; set && g >= 0; g = ki->fields[g].parent)
			copy->set |= (uint64_t)1 << g;   /* the groups it sits in */
		for (int i = 0; !set && f->type == IVS_FT_GROUP && i < ki->nfields; i++)
			for (int g = ki->fields[i].parent; g >= 0; g = ki->fields[g].parent)
				if (g == field)   /* in the group, or in a group in it */
					copy->set &= ~((uint64_t)1 << i);
		struct ivs_vview v = {copy, r}, v0 = {r, r};
		char *lid = ivs_vlid_key(copy), *lid0 = ivs_vlid_key(r);
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
	ivs_value_free(&val);
	free(copy);
	ivs_vstate_free(tmp);
}
