/* import.h: a CloudFormation template (template.h) into a project, so that
 * exporting the project gives the same template back (issue 14).
 *
 * Generic over the kind tables: a resource's Type picks the kind
 * (ivs_kind_info()->cfn_type), each property the field row whose `cfn`
 * name it is (groups nest, a dotted cfn or cfn_inner goes deeper),
 * Ref / Fn::GetAtt [X, "Arn"] become the ids of the entries X became, a
 * literal ARN or bucket name an imported entry (the kind's IVS_FF_IMPORT
 * row); outputs become entries of the outputs kind, the attribute the one
 * whose export gives the Value. Only what the exporter itself changes is
 * undone by hand: the channel's generated Name, the dropped Preset, the
 * automatic FRAGMENTED_MP4, multitrack's Enabled, tags a channel passes to
 * its stream keys, the bucket's DeletionPolicy, the recording's
 * DestinationConfiguration.
 *
 * Ids: from the CDK's `aws:cdk:path` metadata when present, else from the
 * logical id (a candidate id whose hash reproduces it); where none does,
 * a readable id and `logical_id` (when the kind has that row).
 *
 * What the format cannot hold is a diagnostic with the template path
 * ("Resources.Main.Properties.Name"): import-unsupported (error: the
 * value is left out, or the template lacks what a design always writes),
 * import-other (warning: a resource, output or section that is not part of
 * a design), import-inexact (error: exporting the result does not give the
 * template back: a bug). No curses, no I/O. Linear in the template (maps by
 * name, one export to check, one per output attribute choice). */
#ifndef IVS_IMPORT_H
#define IVS_IMPORT_H

#include <cjson/cJSON.h>
#include <stdbool.h>

#include "ivs/diag.h"
#include "ivs/model.h"
#include "ivs/template.h"

struct ivs_import_opts {
	const char *stack_name;  /* NULL: recovered from a generated channel name, else fallback */
	const char *fallback_stack_name;  /* NULL: "imported" */
};

/* What one import left out, one line each ("Resources.Main.Properties.Name:
 * Fn::Sub with a parameter"), for the comment the saved project carries. */
struct ivs_import_result {
	struct ivs_project *p;   /* NULL on trouble (not a CloudFormation template) */
	char **left_out;         /* lines, malloc'd */
	size_t nleft_out;
	bool trouble;            /* the template could not be read as one (exit 2) */
};

/* Imports t; diagnostics into d (positions from t). The caller frees the
 * result with ivs_import_result_free. */
void ivs_import(const struct ivs_template *t, const struct ivs_import_opts *o,
                struct ivs_import_result *res, struct ivs_diags *d);
void ivs_import_result_free(struct ivs_import_result *res);
/* The project file of res->p: a comment that names the template and lists
 * what was left out (one "# - " line each), then the saved project. */
void ivs_import_text(const struct ivs_import_result *res, const char *template_name,
                     struct ivs_buf *out);

/* The template as the exporter would write it for the design it describes:
 * a deep copy of tmpl without the CDK's bootstrap additions
 * (Parameters.BootstrapVersion, Rules.CheckBootstrapVersion, the
 * CDKMetadata resource and its condition), AWSTemplateFormatVersion,
 * resources' Metadata and empty Properties, with every Tags list sorted by
 * key (byte order), Ref of an IVS resource as Fn::GetAtt [X, "Arn"],
 * Fn::GetAtt "X.A" as [X, "A"], and empty sections removed. export(import(T)) is compared with this. */
cJSON *ivs_import_normalize(const cJSON *tmpl);

/* A stack name from a template's file name ("live_stack.template.json" ->
 * "live-stack"), or NULL when it cannot be one (the fallback_stack_name). */
char *ivs_import_stack_name_of(const char *path);

/* The template at path when the file is one (it reads as a template, has
 * Resources or AWSTemplateFormatVersion, and no `ivs_tui` key: not a
 * project); else NULL. The TUI's Open offers to import it. */
struct ivs_template *ivs_import_sniff(const char *path);

/* Whether two templates are equal after ivs_import_normalize (members in
 * any order). When not and where != NULL, *where is the path of the first
 * difference ("Resources.Main.Properties.Name"; caller frees). */
bool ivs_import_same(const cJSON *a, const cJSON *b, char **where);

/* Id recovery, exposed for unit tests. The id of the construct whose
 * logical id is lid: kind's path (L1, L2 top), or, for a CHILD kind, under
 * the parent whose construct id is parent_id. NULL when no id reproduces
 * lid. */
char *ivs_import_recover_id(enum ivs_kind kind, const char *parent_id, const char *lid);
/* A child's (parent id, own id) from its logical id alone (every split of
 * the human part is tried); false when none reproduces it. */
bool ivs_import_recover_pair(const char *lid, char **parent_id, char **id);

#endif
