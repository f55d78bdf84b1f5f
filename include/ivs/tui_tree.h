/* tui_tree.h: the resource tree's rows: the stack, then per kind a
 * heading with its count and the entries, the kinds grouped in sections (a channel's stream keys nested
 * under it). Pure, no curses.
 *
 * The rows are rebuilt only on structural changes (add, delete, move,
 * undo/redo, load): typing in a field never rebuilds them, and drawing
 * reads only the visible window. The tree borrows the resources. */
#ifndef IVS_TUI_TREE_H
#define IVS_TUI_TREE_H

#include <stddef.h>

#include "ivs/model.h"

/* The tree's sections: the kinds grouped as a user thinks of them (the
 * project file lists them in its own order). Which section a kind sits in
 * is data: kind_section[] in tree.c, one entry per kind (IVS_PER_KIND).
 * Storage comes first: buckets are what recordings, stages' storage and
 * chat logs refer to (and the tree kept its order of before the sections).
 *   ENUM        tree label     title (wizard, docs) */
#define TUI_SECTION_INFO(X) \
	X(NONE,      "",            "") \
	X(STORAGE,   "Storage",     "Storage") \
	X(STREAMING, "Low-latency", "Low-latency streaming") \
	X(REALTIME,  "Real-time",   "Real-time") \
	X(CHAT,      "Chat",        "Chat") \
	X(OUTPUTS,   "Outputs",     "Outputs")

enum tui_section {
#define TUI_SECTION_ENUM(n, label, title) TUI_SECTION_##n,
	TUI_SECTION_INFO(TUI_SECTION_ENUM)
#undef TUI_SECTION_ENUM
	TUI_SECTION_COUNT
};

/* The section of a kind (NONE: the stack and child kinds). */
enum tui_section tui_kind_section(enum ivs_kind k);
const char *tui_section_label(enum tui_section s);
const char *tui_section_title(enum tui_section s);

/* SECTION rows head a group of kinds (only when every kind is shown: a
 * wizard page lists its few kinds without them); they are never
 * selected (tui_tree_step skips them). */
enum tui_tree_type { TUI_TREE_HEAD, TUI_TREE_RES, TUI_TREE_SECTION };

struct tui_tree_row {
	enum tui_tree_type type;
	enum ivs_kind kind;       /* SECTION rows: the section's first kind shown */
	struct ivs_res *res;      /* RES rows (the stack row too) */
	int depth;
	enum tui_section section;
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
/* The selectable row nearest to i going in direction dir (+1 or -1; then
 * the other way when there is none): skips SECTION rows. */
size_t tui_tree_step(const struct tui_tree *t, size_t i, int dir);
/* Row of r, or SIZE_MAX. O(rows). */
size_t tui_tree_find(const struct tui_tree *t, const struct ivs_res *r);
/* The label of a row (appended): "Channels (3)", "myChannel", "StreamKey". */
void tui_tree_label(const struct ivs_project *p, const struct tui_tree_row *row,
                    struct ivs_buf *out);

#endif
