/* tdiff.h: two CloudFormation templates compared, resource by resource by
 * logical id, in the terms of what a deploy of NEW over OLD would do:
 *
 * - added, removed (and what removal costs: a Retain bucket is left
 *   behind, a channel's endpoints stop working), updated in place, or
 *   replaced: a create-only property changed (the registry schemas'
 *   createOnlyProperties, in tdiff_types.c), the type changed, or the
 *   logical id changed: a removed and an added resource of the same type
 *   whose properties match or nearly match are one resource renamed,
 *   therefore replaced;
 * - a resource that refers (Ref, Fn::GetAtt, ${X} in Fn::Sub) to a replaced
 *   one changes too: updated (or replaced, when the reference sits in a
 *   create-only property) because X is replaced, as far as it cascades;
 * - property-level detail (old -> new values, copies of the templates'),
 *   the outputs, the Description, and other top-level sections.
 *
 * Values are compared as written, with scalars by their text (5 and "5"
 * are the same value, as CloudFormation passes them). Intrinsics that
 * cannot be resolved without a deploy (Fn::Sub with a parameter, Fn::If,
 * Fn::ImportValue...) are opaque values: equal when written the same.
 * Resource Metadata (aws:cdk:path and the like) is not compared: it does
 * not change the resource. The engine part: no curses; the text and JSON
 * writers serve the CLI, the words serve the TUI too. */
#ifndef IVS_TDIFF_H
#define IVS_TDIFF_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "ivs/util.h"

/* What the table knows per CloudFormation type (tdiff_types.c). */
struct ivs_tdiff_type {
	const char *type;                 /* "AWS::IVS::Channel"; NULL: any other type */
	const char *noun;                 /* "channel" */
	const char *const *create_only;   /* "/properties/Name", ... NULL-terminated */
	const char *replace_words;        /* what a replacement costs the user */
	const char *remove_words;         /* what a removal costs the user */
};

extern const struct ivs_tdiff_type ivs_tdiff_types[];
extern const size_t ivs_tdiff_ntypes;

/* The row of cfn_type; a generic row for a type the table does not have. */
const struct ivs_tdiff_type *ivs_tdiff_type_find(const char *cfn_type);
/* True when changing the value at path ("Properties.Video.Width",
 * "Properties.Renditions[0]") replaces a resource of type t. */
bool ivs_tdiff_create_only(const struct ivs_tdiff_type *t, const char *path);

enum ivs_tdiff_change {
	IVS_TDIFF_UNCHANGED,
	IVS_TDIFF_ADDED,
	IVS_TDIFF_REMOVED,
	IVS_TDIFF_UPDATED,     /* in place */
	IVS_TDIFF_REPLACED,    /* same logical id, new physical resource */
	IVS_TDIFF_RENAMED,     /* new logical id for the same design: replaced */
};

/* One changed value of a resource or an output. */
struct ivs_tdiff_prop {
	char *path;            /* "Properties.LatencyMode", "DeletionPolicy", "Value" */
	cJSON *old_val;        /* copies; NULL: absent on that side */
	cJSON *new_val;
	char *because;         /* written the same, but refers to this replaced resource */
	bool replaces;         /* create-only: this change replaces the resource */
};

struct ivs_tdiff_res {
	enum ivs_tdiff_change change;
	char *id;              /* logical id in NEW (in OLD for a removed one) */
	char *old_id;          /* RENAMED: the logical id in OLD */
	char *type;            /* CloudFormation type (in NEW when both) */
	char *old_type;        /* when the type changed, else NULL */
	struct ivs_tdiff_prop *props;
	size_t nprops;
	char **because;        /* replaced resources this one refers to */
	size_t nbecause;
	char *reason;          /* REPLACED / RENAMED: why, in words */
	char *loss;            /* REPLACED / RENAMED / REMOVED: what it costs, in words */
};

struct ivs_tdiff_out {
	char *name;
	enum ivs_tdiff_change change;   /* ADDED, REMOVED or UPDATED */
	struct ivs_tdiff_prop *props;   /* UPDATED: Value, Export, Description... */
	size_t nprops;
	cJSON *old_val, *new_val;       /* the whole output, copies */
};

struct ivs_tdiff {
	struct ivs_tdiff_res *res;      /* changed resources only, in OLD's order, then added */
	size_t nres;
	struct ivs_tdiff_out *outs;
	size_t nouts;
	bool desc_changed;
	cJSON *old_desc, *new_desc;     /* copies, NULL when absent */
	char **sections;                /* other top-level sections that differ ("Parameters") */
	size_t nsections;
	size_t added, removed, updated, replaced, renamed;   /* replaced counts renamed too */
};

/* Compares two template trees (as ivs_template_parse or the exporter make
 * them; resources that are not mappings are skipped, ivs_template_check
 * reports them). Never fails; the caller frees the result. */
struct ivs_tdiff *ivs_tdiff_compare(const cJSON *old_tmpl, const cJSON *new_tmpl);
void ivs_tdiff_free(struct ivs_tdiff *d);

/* True when anything differs; true when any resource is replaced. */
bool ivs_tdiff_changed(const struct ivs_tdiff *d);
bool ivs_tdiff_replaces(const struct ivs_tdiff *d);

/* "added", "removed", "updated", "replaced", "renamed", "unchanged". */
const char *ivs_tdiff_change_name(enum ivs_tdiff_change c);
/* One line for a changed resource, the words the TUI's Changes panel and
 * the CLI share: "replaced: a create-only property changes (Name)". Caller
 * frees. */
char *ivs_tdiff_res_words(const struct ivs_tdiff_res *r);

/* The comparison as text, like `cdk diff` with a `git diff --stat` head
 * and a closing count; ANSI colours when color. old_name and new_name
 * label the sides. Appends to out. */
void ivs_tdiff_write_text(const struct ivs_tdiff *d, const char *old_name, const char *new_name,
                          bool color, struct ivs_buf *out);
/* The comparison as a JSON document (see the man page). Caller frees. */
char *ivs_tdiff_write_json(const struct ivs_tdiff *d, const char *old_name, const char *new_name);

#endif
