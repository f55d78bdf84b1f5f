/* ui_yaml.c: small YAML files through the engine's reader (ui_yaml.h). */
#include "ui_yaml.h"

static enum ivs_theme_rule theme_rule(enum ivs_rule r)
{
	switch (r) {
	case IVS_RULE_IO_ERROR: return IVS_THEME_RULE_IO_ERROR;
	case IVS_RULE_YAML_ALIAS: return IVS_THEME_RULE_YAML_ALIAS;
	case IVS_RULE_YAML_TAG: return IVS_THEME_RULE_YAML_TAG;
	case IVS_RULE_YAML_TOO_DEEP: return IVS_THEME_RULE_YAML_TOO_DEEP;
	case IVS_RULE_YAML_TOO_LARGE: return IVS_THEME_RULE_YAML_TOO_LARGE;
	case IVS_RULE_YAML_MULTI_DOC: return IVS_THEME_RULE_YAML_MULTI_DOC;
	case IVS_RULE_YAML_EMPTY: return IVS_THEME_RULE_YAML_EMPTY;
	case IVS_RULE_YAML_DUPLICATE_KEY: return IVS_THEME_RULE_YAML_DUPLICATE_KEY;
	case IVS_RULE_YAML_WRONG_TYPE: return IVS_THEME_RULE_YAML_WRONG_TYPE;
	default: return IVS_THEME_RULE_YAML_SYNTAX;
	}
}

struct ivs_ynode *ui_read_tree(const char *data, size_t len, const char *what,
                               struct ivs_theme_diags *d)
{
	if (len > IVS_THEME_MAX_BYTES) {
		ivs_theme_diags_add(d, IVS_THEME_RULE_YAML_TOO_LARGE, (struct ivs_pos){0, 0}, "",
		                    "the file is %zu bytes; %s holds at most %u bytes", len, what,
		                    IVS_THEME_MAX_BYTES);
		return NULL;
	}
	struct ivs_diags yd;
	ivs_diags_init(&yd);
	struct ivs_ynode *root = ivs_yaml_read_doc(data, len, what, UI_YAML_MAX_DEPTH, &yd);
	for (size_t i = 0; i < yd.n; i++)
		ivs_theme_diags_add(d, theme_rule(yd.v[i].rule), yd.v[i].pos, yd.v[i].path, "%s",
		                    yd.v[i].msg);
	ivs_diags_free(&yd);
	return root;
}

const char *ui_type_name(const struct ivs_ynode *n)
{
	switch (n->type) {
	case IVS_YN_SCALAR:
		return "a single value";
	case IVS_YN_SEQ:
		return "a list";
	default:
		return "a mapping";
	}
}
