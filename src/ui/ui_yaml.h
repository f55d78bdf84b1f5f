/* ui_yaml.h: libivsui's reading of small YAML files (theme files,
 * config.yaml) with the engine's shared reader (yamlio.h:
 * ivs_yaml_read_doc), its problems turned into the theme module's codes. */
#ifndef SRC_UI_YAML_H
#define SRC_UI_YAML_H

#include <stddef.h>

#include "ivs/theme.h"
#include "ivs/yamlio.h"

/* Collections nested in a theme file: colors, a role, its attrs list. */
#define UI_YAML_MAX_DEPTH 4

/* One YAML document as a tree, or NULL after adding diagnostics. `what`
 * names the file in messages ("a theme file"). Free with ivs_ynode_free. */
struct ivs_ynode *ui_read_tree(const char *data, size_t len, const char *what,
                               struct ivs_theme_diags *d);
/* "a single value", "a list", "a mapping": for messages. */
const char *ui_type_name(const struct ivs_ynode *n);

#endif
