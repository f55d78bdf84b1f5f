/* yaml_doc.c: the loader's reader (yaml_tree.c) for small YAML files that
 * are not projects (yamlio.h: ivs_yaml_read_doc): one document, gathered
 * by yl_build with every check the loader makes, then copied into a tree
 * of pointers that outlives the reader. */
#include <stdlib.h>
#include <string.h>

#include "ivs/yamlio.h"
#include "yaml_tree.h"

void ivs_ynode_free(struct ivs_ynode *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n; i++)
		ivs_ynode_free(n->kids[i]);
	free(n->kids);
	free(n->value);
	free(n);
}

/* The subtree of node i (no YL_BAD in it: those were reported). */
static struct ivs_ynode *copy(const struct yl_loader *ld, uint32_t i)
{
	const struct yl_node *y = yl_node(ld, i);
	struct ivs_ynode *n = ivs_xcalloc(1, sizeof *n);
	n->pos = y->pos;
	if (y->type == YL_SCALAR) {
		n->type = IVS_YN_SCALAR;
		n->value = ivs_xstrndup(yl_text(ld, i), y->len);
		n->plain = (y->flags & YL_PLAIN) != 0;
		return n;
	}
	n->type = y->type == YL_MAP ? IVS_YN_MAP : IVS_YN_SEQ;
	n->kids = ivs_xcalloc(y->count ? y->count : 1, sizeof *n->kids);
	for (uint32_t c = y->first; c && n->n < y->count; c = yl_node(ld, c)->next)
		n->kids[n->n++] = copy(ld, c);
	return n;
}

static void read_doc(struct yl_loader *ld, uint32_t *root)
{
	yaml_event_t ev;

	if (!yl_next_event(ld, &ev))
		return;
	yaml_event_delete(&ev);   /* STREAM-START */
	if (!yl_next_event(ld, &ev))
		return;
	if (ev.type == YAML_STREAM_END_EVENT) {
		yaml_event_delete(&ev);
		yl_diag(ld, IVS_RULE_YAML_EMPTY, (struct ivs_pos){1, 1}, "the file is empty.");
		return;
	}
	yaml_event_delete(&ev);   /* DOCUMENT-START */
	if (!yl_next_event(ld, &ev))
		return;
	uint32_t v = yl_build(ld, &ev);
	const struct yl_node *n = yl_node(ld, v);
	if (!ld->stop && (n->flags & YL_NULL) && n->type == YL_SCALAR)
		yl_diag(ld, IVS_RULE_YAML_EMPTY, n->pos, "the file is empty.");
	if (!yl_next_event(ld, &ev))
		return;
	yaml_event_delete(&ev);   /* DOCUMENT-END */
	if (!yl_next_event(ld, &ev))
		return;
	if (ev.type == YAML_DOCUMENT_START_EVENT)
		yl_diag(ld, IVS_RULE_YAML_MULTI_DOC, yl_mark_pos(ev.start_mark),
		        "the file holds a second YAML document here; %s holds one.", ld->what);
	yaml_event_delete(&ev);
	*root = v;
}

struct ivs_ynode *ivs_yaml_read_doc(const char *data, size_t len, const char *what,
                                    unsigned max_depth, struct ivs_diags *diags)
{
	struct yl_loader ld;
	uint32_t root = 0;

	yl_init(&ld, data ? data : "", data ? len : 0);
	ld.what = what;
	ld.max_depth = max_depth;
	read_doc(&ld, &root);
	struct ivs_ynode *r = NULL;
	if (!ld.d.errors && root)
		r = copy(&ld, root);
	ivs_diags_move(diags, &ld.d);
	yl_free(&ld);
	return r;
}
