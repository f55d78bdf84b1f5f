/* tui_tree.h: the resource tree's rows: the stack, then per kind a
 * heading with its count and the entries (a channel's stream keys nested
 * under it). Pure, no curses.
 *
 * The rows are rebuilt only on structural changes (add, delete, move,
 * undo/redo, load): typing in a field never rebuilds them, and drawing
 * reads only the visible window. The tree borrows the resources. */
#ifndef IVS_TUI_TREE_H
#define IVS_TUI_TREE_H

#include <stddef.h>

#include "ivs/model.h"

enum tui_tree_type { TUI_TREE_HEAD, TUI_TREE_RES };

struct tui_tree_row {
	enum tui_tree_type type;
	enum ivs_kind kind;
	struct ivs_res *res;      /* RES rows (the stack row too) */
	int depth;
};

struct tui_tree {
	struct tui_tree_row *v;
	size_t n, cap;
	unsigned kinds;           /* bit per kind shown (1u << IVS_KIND_x) */
};

#define TUI_TREE_ALL (~0u)

void tui_tree_init(struct tui_tree *t, unsigned kinds);
void tui_tree_free(struct tui_tree *t);
void tui_tree_rebuild(struct tui_tree *t, const struct ivs_project *p);
/* Row of r, or SIZE_MAX. O(rows). */
size_t tui_tree_find(const struct tui_tree *t, const struct ivs_res *r);
/* The label of a row (appended): "Channels (3)", "myChannel", "StreamKey". */
void tui_tree_label(const struct ivs_project *p, const struct tui_tree_row *row,
                    struct ivs_buf *out);

#endif
