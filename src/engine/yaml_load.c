/* yaml_load.c: reads a project file (format 1, ../shared/spec/project-format.md)
 * into a new project.
 *
 * The top level (the root mapping and the kinds' lists) is read event by
 * event here; each value below it (ivs_tui, the stack, one list entry with
 * its stream keys) is gathered into a small tree (yaml_tree.c) and walked
 * with the field tables of schema.h (yaml_walk.c): the only per-field code
 * is for the top level, stream keys (IVS_FT_CHILDREN) and tags. The model is built through
 * the edit API with history off. Every problem is reported with its
 * position and path; the values' rules (ranges, patterns, references,
 * required fields other than an entry's id) are the validator's business.
 *
 * Ownership: the returned project belongs to the caller; diagnostics are
 * appended to the caller's list. */
#include "ivs/yamlio.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ivs/comments.h"
#include "ivs/fsutil.h"
#include "yaml_tree.h"

/* The top-level keys, in the order a saved file lists them. */
enum { TOP_VERSION, TOP_STACK, TOP_LISTS, TOP_COUNT = TOP_LISTS + IVS_TOP_KIND_COUNT };

static const char *top_key(int i)
{
	if (i == TOP_VERSION)
		return "ivs_tui";
	if (i == TOP_STACK)
		return "stack";
	return ivs_kind_info(ivs_top_kinds[i - TOP_LISTS])->list_key;
}

/* ---- the top level ---- */

static void walk_version(struct yl_loader *ld, uint32_t v)
{
	const struct yl_node *n = yl_node(ld, v);
	const char *s = n->type == YL_SCALAR ? yl_text(ld, v) : NULL;
	long num;
	int k;

	if (n->type == YL_BAD)
		return;
	if (n->flags & YL_NULL) {
		yl_report_null(ld, v, "write `ivs_tui: 1`");
		return;
	}
	if (!s || !(n->flags & YL_PLAIN)) {
		struct ivs_buf b;
		ivs_buf_init(&b);
		yl_put_node_desc(ld, v, &b);
		yl_diag(ld, IVS_RULE_YAML_WRONG_TYPE, n->pos,
		        "ivs_tui must be the format version, the number 1, not %s%s.",
		        s ? "the quoted string " : "", b.data);
		ivs_buf_free(&b);
		return;
	}
	if ((k = yl_parse_long(s, &num)) != 0) {
		struct ivs_buf b;
		ivs_buf_init(&b);
		yl_put_snippet(&b, s);
		yl_diag(ld, IVS_RULE_YAML_BAD_INT, n->pos,
		        "ivs_tui must be the format version, the number 1, not %s.", b.data);
		ivs_buf_free(&b);
		return;
	}
	if (num > IVS_FORMAT_VERSION) {
		/* A newer format: what else we would say is noise. */
		ivs_diags_clear(&ld->d);
		yl_diag(ld, IVS_RULE_VERSION_UNSUPPORTED, n->pos,
		        "this file is format %ld; this ivs-tui reads format %d: upgrade ivs-tui.", num,
		        IVS_FORMAT_VERSION);
		ld->stop = true;
	} else if (num < IVS_FORMAT_VERSION) {
		yl_diag(ld, IVS_RULE_VERSION_UNSUPPORTED, n->pos,
		        "ivs_tui must be the format version %d, not %ld.", IVS_FORMAT_VERSION, num);
	}
}

static void walk_stack(struct yl_loader *ld, uint32_t v)
{
	const struct yl_node *n = yl_node(ld, v);
	struct ivs_res *r = &ivs_project_stack(ld->p)->r;

	if (n->type == YL_BAD)
		return;
	if (n->flags & YL_NULL) {
		yl_report_null(ld, v, "give the stack a name, as in `stack: {name: live-events}`");
		return;
	}
	if (n->type != YL_MAP) {
		struct ivs_buf b;
		ivs_buf_init(&b);
		yl_put_node_desc(ld, v, &b);
		yl_diag(ld, IVS_RULE_YAML_WRONG_TYPE, n->pos, "stack must be a mapping with name and description, not %s.",
		        b.data);
		ivs_buf_free(&b);
		return;
	}
	ivs_res_set_pos(r, -1, n->pos);
	yl_walk_fields(ld, r, -1, v);
}

/* A top-level list read entry by entry: the tree holds one entry at a
 * time. ev is the list's SEQUENCE-START. */
static void read_list(struct yl_loader *ld, enum ivs_kind kind, yaml_event_t *ev)
{
	yaml_mark_t mark = ev->start_mark;
	yaml_event_t iev;
	size_t i = 0;

	yl_check_props(ld, ev->data.sequence_start.anchor, ev->data.sequence_start.tag, mark, NULL);
	yaml_event_delete(ev);
	if (!yl_depth_enter(ld, mark))
		return;
	while (yl_next_event(ld, &iev)) {
		if (iev.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&iev);
			break;
		}
		if (i == YL_MAX_ITEMS) {
			yaml_event_delete(&iev);
			yl_diag(ld, IVS_RULE_YAML_TOO_LARGE, yl_mark_pos(mark),
			        "%s holds more than %u entries; split the project.", ld->path.data, YL_MAX_ITEMS);
			ld->stop = true;
			break;
		}
		yl_tree_reset(ld);
		size_t at = yl_path_index(ld, i++);
		uint32_t n = yl_build(ld, &iev);
		if (!ld->stop)
			yl_walk_entry(ld, kind, NULL, n);
		yl_path_pop(ld, at);
	}
	ld->depth--;
}

/* A top-level value that is not read as a list: build it, then walk it. */
static void read_top_value(struct yl_loader *ld, int top, yaml_event_t *ev)
{
	uint32_t v = yl_build(ld, ev);
	const struct yl_node *n = yl_node(ld, v);

	if (ld->stop || top < 0 || n->type == YL_BAD)
		return;
	if (top == TOP_VERSION) {
		walk_version(ld, v);
	} else if (top == TOP_STACK) {
		walk_stack(ld, v);
	} else if (n->flags & YL_NULL) {
		yl_report_null(ld, v, "give a list, or remove the key");
	} else {
		struct ivs_buf b;
		ivs_buf_init(&b);
		yl_put_node_desc(ld, v, &b);
		yl_diag(ld, IVS_RULE_YAML_WRONG_TYPE, n->pos, "%s must be a list of %ss, not %s.",
		        ld->path.data, ivs_kind_info(ivs_top_kinds[top - TOP_LISTS])->name, b.data);
		ivs_buf_free(&b);
	}
}

/* The root mapping, pair by pair. ev is its MAPPING-START. */
static void read_root(struct yl_loader *ld, yaml_event_t *ev)
{
	struct ivs_pos seen[TOP_COUNT] = {{0, 0}};
	const char *keys[TOP_COUNT];
	struct ivs_strmap *unknown = ivs_strmap_new();
	char **owned = NULL;
	size_t nowned = 0, capowned = 0;
	yaml_mark_t mark = ev->start_mark;
	yaml_event_t kev, vev;

	for (int i = 0; i < TOP_COUNT; i++)
		keys[i] = top_key(i);
	yl_check_props(ld, ev->data.mapping_start.anchor, ev->data.mapping_start.tag, mark, NULL);
	yaml_event_delete(ev);
	if (!yl_depth_enter(ld, mark))
		goto out;
	for (size_t pairs = 0; yl_next_event(ld, &kev); pairs++) {
		if (kev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&kev);
			break;
		}
		if (pairs == YL_MAX_ITEMS) {
			yaml_event_delete(&kev);
			yl_diag(ld, IVS_RULE_YAML_TOO_LARGE, yl_mark_pos(mark),
			        "the file holds more than %u top-level keys; it should hold at most %d.",
			        YL_MAX_ITEMS, (int)TOP_COUNT);
			ld->stop = true;
			break;
		}
		yl_tree_reset(ld);
		uint32_t k = yl_build(ld, &kev);
		if (!yl_next_event(ld, &vev))
			break;
		const struct yl_node *kn = yl_node(ld, k);
		int top = -1;
		bool skip = true;
		if (kn->type == YL_SCALAR) {
			const char *key = yl_text(ld, k);
			for (int i = 0; i < TOP_COUNT && top < 0; i++)
				if (strcmp(key, keys[i]) == 0)
					top = i;
			yl_path_key(ld, key);
			void *hit;
			if (top >= 0 && seen[top].line) {
				yl_diag(ld, IVS_RULE_YAML_DUPLICATE_KEY, kn->pos,
				        "`%s` is given twice in the file: line %u already sets it; remove one of the two.",
				        key, seen[top].line);
			} else if (top >= 0) {
				seen[top] = kn->pos;
				skip = false;
			} else if (ivs_strmap_get(unknown, key, &hit, 1)) {
				yl_diag(ld, IVS_RULE_YAML_DUPLICATE_KEY, kn->pos,
				        "`%s` is given twice in the file: line %u already sets it; remove one of the two.",
				        key, ((const struct ivs_pos *)hit)->line);
			} else {
				if (nowned == capowned) {
					capowned = capowned ? capowned * 2 : 8;
					owned = ivs_xrealloc(owned, capowned * sizeof *owned);
				}
				owned[nowned] = ivs_xmalloc(sizeof(struct ivs_pos) + strlen(key) + 1);
				memcpy(owned[nowned], &kn->pos, sizeof kn->pos);
				strcpy(owned[nowned] + sizeof(struct ivs_pos), key);
				ivs_strmap_add(unknown, owned[nowned] + sizeof(struct ivs_pos), owned[nowned]);
				nowned++;
				yl_unknown_key(ld, keys, TOP_COUNT, "the file", key, kn->pos);
			}
		} else if (kn->type != YL_BAD) {
			yl_diag(ld, IVS_RULE_YAML_WRONG_TYPE, kn->pos,
			        "a top-level key must be a word such as stack, not %s.",
			        kn->type == YL_MAP ? "a mapping" : "a list");
		}
		if (!skip && top >= TOP_LISTS && vev.type == YAML_SEQUENCE_START_EVENT)
			read_list(ld, ivs_top_kinds[top - TOP_LISTS], &vev);
		else
			read_top_value(ld, skip ? -1 : top, &vev);
		yl_path_pop(ld, 0);
		if (ld->stop)
			goto out;
	}
	ld->depth--;
	if (!ld->stop && !seen[TOP_VERSION].line)
		yl_diag(ld, IVS_RULE_VERSION_MISSING, (struct ivs_pos){1, 1},
		        "the file does not say its format version; add `ivs_tui: 1` as its first line.");
out:
	for (size_t i = 0; i < nowned; i++)
		free(owned[i]);
	free(owned);
	ivs_strmap_free(unknown);
}

static void read_stream(struct yl_loader *ld)
{
	yaml_event_t ev;

	if (!yl_next_event(ld, &ev))
		return;
	yaml_event_delete(&ev);   /* STREAM-START */
	if (!yl_next_event(ld, &ev))
		return;
	if (ev.type == YAML_STREAM_END_EVENT) {
		yaml_event_delete(&ev);
		yl_diag(ld, IVS_RULE_YAML_EMPTY, (struct ivs_pos){1, 1},
		        "the file is empty; a project file starts with `ivs_tui: 1` and a `stack:`.");
		return;
	}
	yaml_event_delete(&ev);   /* DOCUMENT-START */
	if (!yl_next_event(ld, &ev))
		return;
	if (ev.type == YAML_MAPPING_START_EVENT) {
		read_root(ld, &ev);
	} else {
		uint32_t v = yl_build(ld, &ev);
		const struct yl_node *n = yl_node(ld, v);
		if (!ld->stop && (n->flags & YL_NULL)) {
			yl_diag(ld, IVS_RULE_YAML_EMPTY, n->pos,
			        "the file is empty; a project file starts with `ivs_tui: 1` and a `stack:`.");
		} else if (!ld->stop && n->type != YL_BAD) {
			struct ivs_buf b;
			ivs_buf_init(&b);
			yl_put_node_desc(ld, v, &b);
			yl_diag(ld, IVS_RULE_YAML_WRONG_TYPE, n->pos,
			        "the file must be a mapping that starts with `ivs_tui: 1`, not %s.", b.data);
			ivs_buf_free(&b);
		}
	}
	if (!yl_next_event(ld, &ev))
		return;
	yaml_event_delete(&ev);   /* DOCUMENT-END */
	if (!yl_next_event(ld, &ev))
		return;
	if (ev.type == YAML_DOCUMENT_START_EVENT)
		yl_diag(ld, IVS_RULE_YAML_MULTI_DOC, yl_mark_pos(ev.start_mark),
		        "the file holds a second YAML document here; keep one project per file.");
	yaml_event_delete(&ev);
}

struct ivs_project *ivs_load_buffer(const char *name, const char *data, size_t len,
                                    struct ivs_diags *diags)
{
	struct yl_loader ld;

	(void)name;
	if (len > IVS_YAML_MAX_BYTES) {
		ivs_diags_add(diags, IVS_RULE_YAML_TOO_LARGE, (struct ivs_pos){0, 0}, "",
		              "the file is %zu bytes; a project file holds at most %u bytes (64 MiB).", len,
		              IVS_YAML_MAX_BYTES);
		return NULL;
	}
	yl_init(&ld, data ? data : "", data ? len : 0);
	ivs_diags_set_limit(&ld.d, diags->limit);   /* a bounded list stays bounded */
	ld.p = ivs_project_new();
	ivs_project_set_history(ld.p, false);
	read_stream(&ld);
	struct ivs_project *p = ld.p;
	if (ld.d.errors) {
		ivs_project_free(p);
		p = NULL;
	} else {
		ivs_project_set_history(p, true);
		ivs_project_journal_clear(p);
		ivs_project_mark_saved(p);
		ivs_comments_read(p, data, len);   /* comments.h: kept until saved */
	}
	ivs_diags_move(diags, &ld.d);
	yl_free(&ld);
	return p;
}

struct ivs_project *ivs_load_file(const char *path, struct ivs_diags *diags)
{
	struct stat st;
	char *err = NULL;
	size_t len = 0;

	if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    (unsigned long long)st.st_size > IVS_YAML_MAX_BYTES) {
		ivs_diags_add(diags, IVS_RULE_YAML_TOO_LARGE, (struct ivs_pos){0, 0}, "",
		              "the file is %lld bytes; a project file holds at most %u bytes (64 MiB).",
		              (long long)st.st_size, IVS_YAML_MAX_BYTES);
		return NULL;
	}
	char *data = ivs_read_file(path, IVS_YAML_MAX_BYTES, &len, &err);
	if (!data) {
		ivs_diags_add(diags, IVS_RULE_IO_ERROR, (struct ivs_pos){0, 0}, "",
		              "%s; check the file name and its permissions.", err ? err : "cannot read");
		free(err);
		return NULL;
	}
	struct ivs_project *p = ivs_load_buffer(path, data, len, diags);
	free(data);
	return p;
}
