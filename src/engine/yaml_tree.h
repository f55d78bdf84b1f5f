/* yaml_tree.h: the loader's private reading machinery (yaml_tree.c), shared
 * by yaml_load.c only; not part of the engine's API.
 *
 * libyaml's events are gathered, one top-level value at a time (the stack,
 * one list entry with its stream keys), into a compact tree: nodes in one
 * array, scalar text in one buffer, both reused from value to value, so
 * reading needs no allocation per event once warm and memory is bounded by
 * the largest entry, not by the file. While gathering, the tree builder
 * reports what is wrong whatever the field: anchors and aliases, tags,
 * nesting too deep, values or lists too large, and (through next_event)
 * everything libyaml itself refuses.
 *
 * Ownership: struct yl_loader owns the parser, the tree, the scratch
 * buffers and the diagnostics it collects; the project is handed to the
 * caller by ivs_load_buffer. */
#ifndef IVS_YAML_TREE_H
#define IVS_YAML_TREE_H

#include <stdbool.h>
#include <stdint.h>
#include <yaml.h>

#include "ivs/diag.h"
#include "ivs/model.h"
#include "ivs/util.h"

/* Entries of one list, pairs of one mapping: more is refused. */
#define YL_MAX_ITEMS 100000u
/* Values in one tree (one top-level entry with all it holds): more is
 * refused, so that no input makes the tree take more than ~120 MB. */
#define YL_MAX_NODES 4000000u

enum yl_type { YL_SCALAR, YL_SEQ, YL_MAP, YL_BAD /* already reported: skip quietly */ };

#define YL_PLAIN 0x1u /* an unquoted scalar without an explicit !!str */
#define YL_NULL  0x2u /* an empty plain scalar, ~, null, Null, NULL, or !!null */
#define YL_DUP   0x4u /* a mapping key given before in the same mapping */

struct yl_node {
	uint32_t str, len;     /* YL_SCALAR: text at strs.data + str, NUL-terminated */
	uint32_t first, next;  /* first child; next sibling (0: none; node 0 is unused) */
	uint32_t count;        /* children: a mapping's are key, value, key, value... */
	struct ivs_pos pos;    /* 1-based */
	uint8_t type, flags;
};

struct yl_dup_slot {
	uint32_t gen, node;
};

struct yl_loader {
	yaml_parser_t parser;
	const char *data;            /* the input, for positions of encoding errors */
	size_t len;
	struct ivs_diags d;          /* problems found so far */
	struct ivs_project *p;
	struct yl_node *nodes;
	uint32_t nnodes, capnodes;
	struct ivs_buf strs;
	struct ivs_buf path;         /* path of what is being read: "channels[1].preset" */
	unsigned depth;              /* collections open, the root mapping is 1 */
	bool stop;                   /* the rest of the input cannot be read */
	struct yl_dup_slot *dups;    /* generation-stamped set for duplicate keys */
	uint32_t capdups, dupgen;
	const char *what;            /* "a project file" (yl_init), for messages */
	unsigned max_depth;          /* IVS_YAML_MAX_DEPTH (yl_init) */
};

void yl_init(struct yl_loader *ld, const char *data, size_t len);
void yl_free(struct yl_loader *ld);

/* Adds a diagnostic at pos with ld->path as its path. */
void yl_diag(struct yl_loader *ld, enum ivs_rule rule, struct ivs_pos pos, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
struct ivs_pos yl_mark_pos(yaml_mark_t m);

/* The next event; false (reported, ld->stop set) when libyaml refuses the
 * input or reading was stopped before. */
bool yl_next_event(struct yl_loader *ld, yaml_event_t *ev);

/* Forgets every node and scalar (node 0 stays reserved). */
void yl_tree_reset(struct yl_loader *ld);
/* Builds the node of ev (and, for a collection, of every event up to its
 * end); takes ev over. Returns the node index. */
uint32_t yl_build(struct yl_loader *ld, yaml_event_t *ev);
/* Reports an anchor (refused) and a tag other than YAML's core ones;
 * *as_str: the tag is !!str. False when the tag was refused. */
bool yl_check_props(struct yl_loader *ld, const yaml_char_t *anchor, const yaml_char_t *tag,
                    yaml_mark_t m, bool *as_str);
/* Enters one more level of nesting; false (reported, stop) when too deep. */
bool yl_depth_enter(struct yl_loader *ld, yaml_mark_t m);

static inline struct yl_node *yl_node(const struct yl_loader *ld, uint32_t i)
{
	return &ld->nodes[i];
}

static inline const char *yl_text(const struct yl_loader *ld, uint32_t i)
{
	return ld->strs.data + ld->nodes[i].str;
}

/* Path segments: push returns the length to pop back to. */
size_t yl_path_key(struct yl_loader *ld, const char *key);
size_t yl_path_index(struct yl_loader *ld, size_t i);
void yl_path_pop(struct yl_loader *ld, size_t at);

/* ---- yaml_walk.c ---- */

/* Walks one list entry (ld->path names it, "channels[1]"): adds it to the
 * project (under parent, for a stream key) and sets its fields. */
void yl_walk_entry(struct yl_loader *ld, enum ivs_kind kind, struct ivs_res *parent, uint32_t n);
/* Sets the fields of r from a mapping: an entry's (group -1) or a group's. */
void yl_walk_fields(struct yl_loader *ld, struct ivs_res *r, int group, uint32_t map);
/* Message pieces: a value quoted (cut at 60 bytes), a node described ("a
 * list", "a mapping", or its text). */
void yl_put_snippet(struct ivs_buf *b, const char *s);
void yl_put_node_desc(const struct yl_loader *ld, uint32_t n, struct ivs_buf *b);
/* "PATH has no value; FIX." at the value. */
void yl_report_null(struct yl_loader *ld, uint32_t v, const char *fix);
/* An unknown key: "did you mean" when one of keys is close, else them all. */
void yl_unknown_key(struct yl_loader *ld, const char *const *keys, size_t n, const char *where,
                    const char *key, struct ivs_pos pos);
/* A plain decimal integer: 0 ok, 1 not an integer, 2 out of range of long. */
int yl_parse_long(const char *s, long *out);

/* ---- yaml_tree.c ---- */

/* Flags every key of the mapping that repeats an earlier one (YL_DUP) and
 * reports it, pointing at the repeat and naming the first's line. O(keys). */
void yl_mark_dups(struct yl_loader *ld, uint32_t map);

#endif
