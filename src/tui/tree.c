/* tree.c: the resource tree's rows (tui_tree.h). */
#include "ivs/tui_tree.h"

#include <stdlib.h>

/* Where each kind sits in the tree (the data of the sections): its
 * section, and its place in the section (0 first). A user thinks of a
 * stage before its storage and of a room before its logging. */
#define S(x, pos) {TUI_SECTION_##x, pos}
static const struct {
	enum tui_section section;
	int pos;
} kind_section[] = {
	[IVS_KIND_STACK] = S(NONE, 0),
	[IVS_KIND_BUCKET] = S(STORAGE, 0),
	[IVS_KIND_CHANNEL] = S(STREAMING, 0),
	[IVS_KIND_STREAM_KEY] = S(NONE, 0),
	[IVS_KIND_KEY_PAIR] = S(STREAMING, 1),
	[IVS_KIND_RECORDING] = S(STREAMING, 2),
	[IVS_KIND_PUBLIC_KEY] = S(REALTIME, 4),
	[IVS_KIND_STORAGE] = S(REALTIME, 1),
	[IVS_KIND_STAGE] = S(REALTIME, 0),
	[IVS_KIND_ENCODER] = S(REALTIME, 2),
	[IVS_KIND_INGEST] = S(REALTIME, 3),
	[IVS_KIND_PLAYBACK_POLICY] = S(STREAMING, 3),
	[IVS_KIND_CHAT_LOGGING] = S(CHAT, 1),
	[IVS_KIND_CHAT_ROOM] = S(CHAT, 0),
	[IVS_KIND_OUTPUT] = S(OUTPUTS, 0),
};
#undef S
IVS_PER_KIND(kind_section);

static const struct {
	const char *label, *title;
} section_text[] = {
#define TUI_SECTION_ROW(n, label, title) {label, title},
	TUI_SECTION_INFO(TUI_SECTION_ROW)
#undef TUI_SECTION_ROW
};

enum tui_section tui_kind_section(enum ivs_kind k)
{
	return (unsigned)k < IVS_KIND_COUNT ? kind_section[k].section : TUI_SECTION_NONE;
}

const char *tui_section_label(enum tui_section s)
{
	return (unsigned)s < TUI_SECTION_COUNT ? section_text[s].label : "";
}

const char *tui_section_title(enum tui_section s)
{
	return (unsigned)s < TUI_SECTION_COUNT ? section_text[s].title : "";
}

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
                 struct ivs_res *r, int depth, enum tui_section sec)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->v = ivs_xrealloc(t->v, t->cap * sizeof *t->v);
	}
	t->v[t->n++] = (struct tui_tree_row){type, kind, r, depth, sec};
}

static void push_kind(struct tui_tree *t, const struct ivs_project *p, enum ivs_kind kind,
                      enum tui_section sec)
{
	const struct ivs_list *l = ivs_project_list(p, kind);
	push(t, TUI_TREE_HEAD, kind, NULL, 0, sec);
	for (size_t i = 0; i < l->n; i++) {
		push(t, TUI_TREE_RES, kind, l->v[i], 1, sec);
		const struct ivs_list *kids = ivs_res_children(l->v[i]);
		for (size_t j = 0; kids && j < kids->n; j++)
			push(t, TUI_TREE_RES, kids->v[j]->kind, kids->v[j], 2, sec);
	}
}

void tui_tree_rebuild(struct tui_tree *t, const struct ivs_project *p)
{
	t->n = 0;
	if (t->kinds & (1u << IVS_KIND_STACK))
		push(t, TUI_TREE_RES, IVS_KIND_STACK, &ivs_project_stack(p)->r, 0, TUI_SECTION_NONE);
	/* Section by section, each kind at its place; a wizard page shows its
	 * few kinds in the same order, without the section rows. */
	bool sections = t->kinds == TUI_TREE_ALL;
	for (int s = 1; s < TUI_SECTION_COUNT; s++) {
		bool headed = !sections;
		for (int pos = 0; pos < IVS_KIND_COUNT; pos++)
			for (int k = 0; k < IVS_KIND_COUNT; k++) {
				if ((int)kind_section[k].section != s || kind_section[k].pos != pos ||
				    !(t->kinds & (1u << k)))
					continue;
				if (!headed) {
					push(t, TUI_TREE_SECTION, (enum ivs_kind)k, NULL, 0, (enum tui_section)s);
					headed = true;
				}
				push_kind(t, p, (enum ivs_kind)k, (enum tui_section)s);
			}
	}
}

size_t tui_tree_step(const struct tui_tree *t, size_t i, int dir)
{
	if (!t->n)
		return 0;
	if (i >= t->n)
		i = t->n - 1;
	for (size_t j = i; j < t->n; j = dir > 0 ? j + 1 : j - 1)
		if (t->v[j].type != TUI_TREE_SECTION)
			return j;
	for (size_t j = i; j < t->n; j = dir > 0 ? j - 1 : j + 1)
		if (t->v[j].type != TUI_TREE_SECTION)
			return j;
	return i;
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
	if (row->type == TUI_TREE_SECTION) {
		ivs_buf_puts(out, section_text[row->section].label);
		return;
	}
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
