/* ui_yaml.h: libivsui's private reader of small YAML files (theme files,
 * config.yaml): one document into a tree of positioned nodes. Refuses
 * aliases, anchors, tags, more than one document, nesting deeper than 4
 * levels and input over IVS_THEME_MAX_BYTES, each as a diagnostic. */
#ifndef IVS_UI_YAML_H
#define IVS_UI_YAML_H

#include <stdbool.h>
#include <stddef.h>

#include "ivs/theme.h"

enum node_type { N_SCALAR, N_SEQ, N_MAP };

struct node {
	enum node_type type;
	struct ivs_pos pos;
	char *value;            /* N_SCALAR */
	bool plain;             /* scalar written without quotes */
	struct node **kids;     /* N_SEQ: items; N_MAP: key, value, key, value... */
	size_t n, cap;
};

/* One YAML document as a tree, or NULL after adding diagnostics. Free
 * with ui_node_free. */
struct node *ui_read_tree(const char *data, size_t len, struct ivs_theme_diags *d);
void ui_node_free(struct node *n);
/* "a single value", "a list", "a mapping": for messages. */
const char *ui_type_name(const struct node *n);

#endif
