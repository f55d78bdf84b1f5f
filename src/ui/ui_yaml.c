/* ui_yaml.c: small YAML files into a positioned tree (ui_yaml.h). */
#include "ui_yaml.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "ivs/util.h"


#define THEME_MAX_DEPTH 4

void ui_node_free(struct node *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n; i++)
		ui_node_free(n->kids[i]);
	free(n->kids);
	free(n->value);
	free(n);
}

static void node_add(struct node *parent, struct node *kid)
{
	if (parent->n == parent->cap) {
		parent->cap = parent->cap ? parent->cap * 2 : 8;
		parent->kids = ivs_xrealloc(parent->kids, parent->cap * sizeof(*parent->kids));
	}
	parent->kids[parent->n++] = kid;
}

static struct ivs_pos mark_pos(yaml_mark_t m)
{
	struct ivs_pos p = {(unsigned)m.line + 1, (unsigned)m.column + 1};
	return p;
}

/* Reads one YAML document into a tree. Returns the root, or NULL after
 * adding diagnostics. */
struct node *ui_read_tree(const char *data, size_t len, struct ivs_theme_diags *d)
{
	if (len > IVS_THEME_MAX_BYTES) {
		struct ivs_pos none = {0, 0};
		ivs_theme_diags_add(d, IVS_THEME_RULE_YAML_TOO_LARGE, none, "",
		              "the file is %zu bytes; theme files are limited to %u bytes", len,
		              IVS_THEME_MAX_BYTES);
		return NULL;
	}
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		struct ivs_pos none = {0, 0};
		ivs_theme_diags_add(d, IVS_THEME_RULE_IO_ERROR, none, "", "cannot start the YAML parser");
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);

	struct node *root = NULL;
	struct node *stack[THEME_MAX_DEPTH + 1];
	int depth = 0;
	int docs = 0;
	bool failed = false, done = false;

	while (!done && !failed) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev)) {
			struct ivs_pos p = mark_pos(parser.problem_mark);
			ivs_theme_diags_add(d, IVS_THEME_RULE_YAML_SYNTAX, p, "", "not valid YAML: %s%s%s",
			              parser.problem ? parser.problem : "syntax error",
			              parser.context ? " " : "", parser.context ? parser.context : "");
			failed = true;
			break;
		}
		struct ivs_pos p = mark_pos(ev.start_mark);
		const unsigned char *anchor = NULL, *tag = NULL;
		bool implicit = true;
		switch (ev.type) {
		case YAML_SCALAR_EVENT:
			anchor = ev.data.scalar.anchor;
			tag = ev.data.scalar.tag;
			implicit = ev.data.scalar.plain_implicit || ev.data.scalar.quoted_implicit;
			break;
		case YAML_SEQUENCE_START_EVENT:
			anchor = ev.data.sequence_start.anchor;
			tag = ev.data.sequence_start.tag;
			implicit = ev.data.sequence_start.implicit;
			break;
		case YAML_MAPPING_START_EVENT:
			anchor = ev.data.mapping_start.anchor;
			tag = ev.data.mapping_start.tag;
			implicit = ev.data.mapping_start.implicit;
			break;
		default:
			break;
		}
		if (ev.type == YAML_ALIAS_EVENT || anchor) {
			ivs_theme_diags_add(d, IVS_THEME_RULE_YAML_ALIAS, p, "",
			              "anchors and aliases (&name, *name) are not allowed in theme files; "
			              "write each value out");
			failed = true;
		} else if (tag && !implicit) {
			ivs_theme_diags_add(d, IVS_THEME_RULE_YAML_TAG, p, "",
			              "tags (\"%s\") are not allowed in theme files; remove it", tag);
			failed = true;
		} else if (ev.type == YAML_DOCUMENT_START_EVENT) {
			if (++docs > 1) {
				ivs_theme_diags_add(d, IVS_THEME_RULE_YAML_MULTI_DOC, p, "",
				              "a theme file holds one YAML document; remove the second one");
				failed = true;
			}
		} else if (ev.type == YAML_STREAM_END_EVENT) {
			done = true;
		} else if (ev.type == YAML_SCALAR_EVENT || ev.type == YAML_SEQUENCE_START_EVENT ||
		           ev.type == YAML_MAPPING_START_EVENT) {
			if (depth >= THEME_MAX_DEPTH && ev.type != YAML_SCALAR_EVENT) {
				ivs_theme_diags_add(d, IVS_THEME_RULE_YAML_TOO_DEEP, p, "",
				              "nested deeper than a theme file can be (%d levels)",
				              THEME_MAX_DEPTH);
				failed = true;
			} else {
				struct node *n = ivs_xcalloc(1, sizeof(*n));
				n->pos = p;
				if (ev.type == YAML_SCALAR_EVENT) {
					n->type = N_SCALAR;
					n->value = ivs_xstrndup((const char *)ev.data.scalar.value,
					                        ev.data.scalar.length);
					n->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
				} else {
					n->type = ev.type == YAML_SEQUENCE_START_EVENT ? N_SEQ : N_MAP;
				}
				if (depth > 0)
					node_add(stack[depth - 1], n);
				else if (!root)
					root = n;
				else
					ui_node_free(n);   /* cannot happen: one root per document */
				if (n->type != N_SCALAR)
					stack[depth++] = n;
			}
		} else if (ev.type == YAML_SEQUENCE_END_EVENT || ev.type == YAML_MAPPING_END_EVENT) {
			if (depth > 0)
				depth--;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	if (failed) {
		ui_node_free(root);
		return NULL;
	}
	if (!root || (root->type == N_SCALAR && root->plain &&
	              (!*root->value || strcmp(root->value, "~") == 0 ||
	               strcmp(root->value, "null") == 0))) {
		struct ivs_pos none = {root ? root->pos.line : 0, root ? root->pos.col : 0};
		ivs_theme_diags_add(d, IVS_THEME_RULE_YAML_EMPTY, none, "", "the file is empty");
		ui_node_free(root);
		return NULL;
	}
	return root;
}

const char *ui_type_name(const struct node *n)
{
	switch (n->type) {
	case N_SCALAR:
		return "a single value";
	case N_SEQ:
		return "a list";
	default:
		return "a mapping";
	}
}

