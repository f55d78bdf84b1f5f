/* model.h: the one project model that every screen, the CLI, the loader,
 * the validator and the exporter share. It holds no curses and no I/O.
 *
 * Ownership: the project owns every resource, string and list below it.
 * Outside model.c the structs are read-only: change them only through the
 * ivs_edit_* functions, which record undo steps and tell the validator what
 * changed (the change journal). Pointers to resources stay valid while the
 * resource is in the project or in the undo/redo history; a resource that
 * was removed and whose history was dropped is freed. */
#ifndef IVS_MODEL_H
#define IVS_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ivs/diag.h"
#include "ivs/schema.h"
#include "ivs/util.h"

#define IVS_FORMAT_VERSION 1

struct ivs_tag {
	char *key, *value;
	struct ivs_pos pos;         /* of the key, when loaded from a file */
};
struct ivs_tags {
	struct ivs_tag *v;
	size_t n;
};

struct ivs_list {
	struct ivs_res **v;
	size_t n, cap;
};

/* Common head of every resource struct (first member). */
struct ivs_res {
	enum ivs_kind kind;
	char *id;                   /* NULL for the stack */
	struct ivs_tags tags;
	uint64_t set;               /* bit i: field i was given by the user */
	struct ivs_pos at;          /* where the entry starts in the file */
	struct ivs_pos *fpos;       /* per-field positions from the file, or NULL */
	struct ivs_res *parent;     /* a stream key's channel; NULL otherwise */
	size_t index;               /* position in its list (kept up to date) */
	uint32_t serial;            /* unique in the project, never reused */
	bool in_model;              /* false while only the undo history holds it */
	struct ivs_diags diags;     /* owned by the validator: this entry's problems */
	/* issue 10 (l1a): every kind that creates a resource has the rows
	 * logical_id and removal_policy (a bucket's removal_policy is its own
	 * member, ivs_bucket.removal_policy) */
	char *logical_id;           /* overrides the computed logical id, or NULL */
	int removal_policy;         /* IVS_REMOVAL_*, when its row is set */
};

struct ivs_stack {
	struct ivs_res r;
	char *name;
	char *description;
};

struct ivs_bucket {
	struct ivs_res r;
	char *bucket_name;
	int removal_policy;
	char *from_bucket_name;
};

struct ivs_channel {
	struct ivs_res r;
	char *channel_name;
	int type;
	int latency_mode;
	int preset;
	bool authorized;
	bool insecure_ingest;
	int container_format;
	int mt_maximum_resolution;  /* multitrack_input_configuration */
	int mt_policy;
	char *recording_configuration;
	struct ivs_list stream_keys;
	char *from_channel_arn;
};

struct ivs_stream_key {
	struct ivs_res r;
};

struct ivs_key_pair {
	struct ivs_res r;
	char *name;
	char *public_key_material;
};

struct ivs_recording {
	struct ivs_res r;
	char *name;
	char *bucket;
	int rendition_selection;    /* rendition_configuration */
	struct ivs_enum_list renditions;
	int thumb_recording_mode;   /* thumbnail_configuration */
	int thumb_resolution;
	struct ivs_enum_list thumb_storage;
	long thumb_target_interval;
	long reconnect_window;
};

struct ivs_public_key {
	struct ivs_res r;
	char *name;
	char *public_key_material;
};

/* issue 10 (l1a): the real-time and playback L1 kinds */
struct ivs_storage {
	struct ivs_res r;
	char *name;
	char *bucket;
};

struct ivs_stage {
	struct ivs_res r;
	char *name;
	char *storage_configuration;  /* auto_participant_recording_configuration */
	struct ivs_enum_list media_types;
	int thumb_recording_mode;     /* .thumbnail_configuration */
	struct ivs_enum_list thumb_storage;
	long thumb_target_interval;
	long hls_segment_duration;    /* .hls_configuration */
	long reconnect_window;
};

struct ivs_encoder {
	struct ivs_res r;
	char *name;
	long bitrate;                 /* video */
	char *framerate;              /* a number, as its canonical text ("29.97") */
	long height;
	long width;
};

struct ivs_ingest {
	struct ivs_res r;
	char *name;
	char *stage;
	int ingest_protocol;
	bool insecure_ingest;
	char *user_id;
};

struct ivs_playback_policy {
	struct ivs_res r;
	char *name;
	char *allowed_countries;      /* STRING_LIST: codes joined by line feeds */
	char *allowed_origins;        /* STRING_LIST */
	bool strict_origin;
};

/* issue 10, l1b: chat and outputs */
struct ivs_chat_logging {
	struct ivs_res r;
	char *name;
	char *bucket;               /* one of: bucket, log_group_name, delivery_stream_name */
	char *log_group_name;
	char *delivery_stream_name;
};

struct ivs_chat_room {
	struct ivs_res r;
	char *name;
	struct ivs_idlist logging_configurations;
	long maximum_message_length;
	long maximum_message_rate;
	char *review_uri;           /* message_review_handler */
	int review_fallback;
};

struct ivs_output {
	struct ivs_res r;
	char *resource;
	char *stream_key;
	int attribute;
	char *description;
	char *export_name;
};

struct ivs_project;

/* ---- life cycle ---- */
struct ivs_project *ivs_project_new(void);
void ivs_project_free(struct ivs_project *p);

/* ---- reading ---- */
struct ivs_stack *ivs_project_stack(const struct ivs_project *p);
/* kind: a TOP kind (ivs_top_kinds). */
const struct ivs_list *ivs_project_list(const struct ivs_project *p, enum ivs_kind kind);
/* First top-level entry with this id (any kind), or NULL. */
struct ivs_res *ivs_project_find(const struct ivs_project *p, const char *id);
/* First top-level entry of this kind with this id, or NULL. */
struct ivs_res *ivs_project_find_kind(const struct ivs_project *p, enum ivs_kind kind,
                                      const char *id);
/* Number of CloudFormation resources an export creates. O(1). */
size_t ivs_project_cfn_count(const struct ivs_project *p);
/* Increments on every change; compare with ivs_project_saved_generation. */
unsigned long ivs_project_generation(const struct ivs_project *p);
bool ivs_project_modified(const struct ivs_project *p);
void ivs_project_mark_saved(struct ivs_project *p);
/* Marks the project as differing from its file (a restored recovery
 * file), until the next ivs_project_mark_saved. */
void ivs_project_mark_modified(struct ivs_project *p);

bool ivs_res_is_set(const struct ivs_res *r, int field);
bool ivs_res_imported(const struct ivs_res *r);   /* its kind's import_field is set */
/* The entry's child list (a channel's stream keys), NULL when its kind has
 * none. */
const struct ivs_list *ivs_res_children(const struct ivs_res *r);
/* The list that holds r: its parent's child list or its project list. */
const struct ivs_list *ivs_res_siblings(const struct ivs_project *p, const struct ivs_res *r);
const struct ivs_kind_info *ivs_res_info(const struct ivs_res *r);
/* Field position from the file, or the entry's position, or {0,0}. */
struct ivs_pos ivs_res_pos(const struct ivs_res *r, int field);
/* Value of a field as the user would type it ("" when unset and no
 * default); with `effective`, an unset field gives its default. ENUM_LIST:
 * "HD, SD". TAGS: "k=v, k2=v2". GROUP and CHILDREN: "". */
void ivs_res_format(const struct ivs_res *r, int field, bool effective, struct ivs_buf *out);
/* Effective enum / bool / int value: the set value or the default
 * (IVS_NO_DEFAULT / -1 when neither). */
long ivs_res_get_num(const struct ivs_res *r, int field);
const char *ivs_res_get_str(const struct ivs_res *r, int field);   /* NULL when unset */
const struct ivs_enum_list *ivs_res_get_list(const struct ivs_res *r, int field);
/* A REF_LIST field's ids, NULL when unset. */
const struct ivs_idlist *ivs_res_get_ids(const struct ivs_res *r, int field);
/* "channels[1].stream_keys[0].tags", "stack.name"; field -1: the entry. */
void ivs_res_path(const struct ivs_res *r, int field, struct ivs_buf *out);

/* ---- editing (each call is one undo step unless inside a group) ----
 * Functions returning int give 0 on success and -1 on a value the field
 * cannot hold, with *err set to a sentence (caller frees) when err != NULL.
 * Values that the field can hold but that break a rule (a name with a
 * space, 301 seconds) are stored: the validator reports them. */
int ivs_edit_set_str(struct ivs_project *p, struct ivs_res *r, int field, const char *s);
int ivs_edit_set_int(struct ivs_project *p, struct ivs_res *r, int field, long v);
int ivs_edit_set_bool(struct ivs_project *p, struct ivs_res *r, int field, bool v);
int ivs_edit_set_enum(struct ivs_project *p, struct ivs_res *r, int field, int idx);
int ivs_edit_set_list(struct ivs_project *p, struct ivs_res *r, int field,
                      const struct ivs_enum_list *l);
/* REF_LIST: the ids (copied). */
int ivs_edit_set_ids(struct ivs_project *p, struct ivs_res *r, int field,
                     const struct ivs_idlist *l);
int ivs_edit_set_tags(struct ivs_project *p, struct ivs_res *r, const struct ivs_tags *t);
/* Marks a group present (an empty multitrack_input_configuration: {}). */
int ivs_edit_set_group(struct ivs_project *p, struct ivs_res *r, int field);
/* Parses text by the field's type: enum by value name (case-insensitive),
 * bool true/false/yes/no/on/off, int decimal, list "HD, SD", tags
 * "k=v, k2=v2"; ID fields rename (see ivs_edit_rename). */
int ivs_edit_set_text(struct ivs_project *p, struct ivs_res *r, int field, const char *text,
                      char **err);
/* Unsets a field; a group unsets its children too. */
int ivs_edit_unset(struct ivs_project *p, struct ivs_res *r, int field);

/* Adds a new entry with the given id at index (SIZE_MAX: at the end).
 * A CHILD kind needs parent (an entry of the kind that holds it); others
 * parent == NULL. */
struct ivs_res *ivs_edit_add(struct ivs_project *p, enum ivs_kind kind, struct ivs_res *parent,
                             const char *id, size_t index);
/* Removes an entry (and its children with it). References to it
 * stay and become validation errors. */
void ivs_edit_remove(struct ivs_project *p, struct ivs_res *r);
/* Renames; when no other top-level entry shares the old id, every reference
 * to the old id follows. Returns -1 for an empty id. */
int ivs_edit_rename(struct ivs_project *p, struct ivs_res *r, const char *id, char **err);
/* Moves an entry to a new index in its list. */
void ivs_edit_move(struct ivs_project *p, struct ivs_res *r, size_t index);
/* Copies an entry (fields, tags, children) under a fresh unique id, right
 * after it. */
struct ivs_res *ivs_edit_duplicate(struct ivs_project *p, struct ivs_res *r);
/* A unique top-level id built from base: "Channel", "Channel2", ... */
char *ivs_project_unique_id(const struct ivs_project *p, const char *base);

/* Group several edits into one undo step (nestable). */
void ivs_edit_begin(struct ivs_project *p, const char *label);
void ivs_edit_end(struct ivs_project *p);
/* With coalescing on, consecutive ivs_edit_set_* on the same field merge
 * into one undo step (typing a word is one step). */
void ivs_edit_coalesce(struct ivs_project *p, bool on);
/* Ends the current run of coalesced edits: the next edit, even on the same
 * field, starts a new undo step (the TUI calls it when a field edit begins). */
void ivs_edit_coalesce_break(struct ivs_project *p);

bool ivs_undo(struct ivs_project *p);
bool ivs_redo(struct ivs_project *p);
bool ivs_can_undo(const struct ivs_project *p);
bool ivs_can_redo(const struct ivs_project *p);
const char *ivs_undo_label(const struct ivs_project *p);   /* NULL when none */
const char *ivs_redo_label(const struct ivs_project *p);
/* Turns undo recording off (the loader builds the model this way). */
void ivs_project_set_history(struct ivs_project *p, bool on);

/* Positions, set by the loader. */
void ivs_res_set_pos(struct ivs_res *r, int field, struct ivs_pos pos);

/* ---- the change journal, read by the validator ----
 * Every edit (and every undo and redo) appends what it touched. */
enum ivs_change_what { IVS_CHANGE_FIELD, IVS_CHANGE_ADD, IVS_CHANGE_REMOVE, IVS_CHANGE_MOVE,
                       IVS_CHANGE_RENAME };
struct ivs_change {
	enum ivs_change_what what;
	struct ivs_res *res;
	int field;                  /* FIELD: the field; others: -1 */
	char *old_id;               /* RENAME: the id before (owned by the journal) */
};
/* The changes since the last ivs_project_journal_clear. */
const struct ivs_change *ivs_project_journal(const struct ivs_project *p, size_t *n);
void ivs_project_journal_clear(struct ivs_project *p);

/* One opaque slot for the validator's indexes, freed with the project. */
void *ivs_project_vstate(const struct ivs_project *p);
void ivs_project_set_vstate(struct ivs_project *p, void *state, void (*free_fn)(void *));
/* Project-wide diagnostics (owned by the validator). */
struct ivs_diags *ivs_project_diags(struct ivs_project *p);

/* Calls fn for every resource in file order (stack first, then buckets,
 * then each TOP list, every entry followed by its children). */
void ivs_project_each(const struct ivs_project *p, void (*fn)(struct ivs_res *r, void *ctx),
                      void *ctx);

/* Tags helpers. */
void ivs_tags_free(struct ivs_tags *t);
void ivs_tags_copy(struct ivs_tags *dst, const struct ivs_tags *src);
void ivs_tags_put(struct ivs_tags *t, const char *key, const char *value); /* replace or append */
/* Tags that apply to r after inheritance (a stream key gets its channel's),
 * sorted by key. Borrowed strings; caller frees t->v only (free(t.v)). */
void ivs_res_effective_tags(const struct ivs_res *r, struct ivs_tags *t);

#endif
