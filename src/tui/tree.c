/* tree.c: the resource tree's rows (tui_tree.h). */
#include "ivs/tui_tree.h"

#include <stdlib.h>

void tui_tree_init(struct tui_tree *t, unsigned kinds)
{
	t->v = NULL;
	t->n = t->cap = 0;
	t->kinds = kinds;
}

void tui_tree_free(struct tui_tree *t)
{
	free(t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}

static void push(struct tui_tree *t, enum tui_tree_type type, enum ivs_kind kind,
                 struct ivs_res *r, int depth)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->v = ivs_xrealloc(t->v, t->cap * sizeof *t->v);
	}
	t->v[t->n++] = (struct tui_tree_row){type, kind, r, depth};
}

void tui_tree_rebuild(struct tui_tree *t, const struct ivs_project *p)
{
	t->n = 0;
	if (t->kinds & (1u << IVS_KIND_STACK))
		push(t, TUI_TREE_RES, IVS_KIND_STACK, &ivs_project_stack(p)->r, 0);
	for (size_t k = 0; k < IVS_ARRAY_LEN(ivs_top_kinds); k++) {
		enum ivs_kind kind = ivs_top_kinds[k];
		if (!(t->kinds & (1u << kind)))
			continue;
		const struct ivs_list *l = ivs_project_list(p, kind);
		push(t, TUI_TREE_HEAD, kind, NULL, 0);
		for (size_t i = 0; i < l->n; i++) {
			push(t, TUI_TREE_RES, kind, l->v[i], 1);
			const struct ivs_list *kids = ivs_res_children(l->v[i]);
			for (size_t j = 0; kids && j < kids->n; j++)
				push(t, TUI_TREE_RES, kids->v[j]->kind, kids->v[j], 2);
		}
	}
}

size_t tui_tree_find(const struct tui_tree *t, const struct ivs_res *r)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].res == r)
			return i;
	return SIZE_MAX;
}

void tui_tree_label(const struct ivs_project *p, const struct tui_tree_row *row,
                    struct ivs_buf *out)
{
	if (row->type == TUI_TREE_HEAD) {
		ivs_buf_printf(out, "%s (%zu)", ivs_kind_info(row->kind)->heading,
		               ivs_project_list(p, row->kind)->n);
		return;
	}
	if (row->kind == IVS_KIND_STACK) {
		const struct ivs_stack *s = ivs_project_stack(p);
		ivs_buf_printf(out, "Stack %s", s->name ? s->name : "(no name)");
		return;
	}
	ivs_buf_puts(out, row->res->id ? row->res->id : "?");
	if (ivs_res_imported(row->res))
		ivs_buf_puts(out, " (imported)");
}
