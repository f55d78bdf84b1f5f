/* export.h: the CloudFormation template the CDK aws-ivs-alpha constructs
 * synthesize for the same design (docs/synthesis.md). The
 * exporter only reads the model; the tree it returns holds copies of the
 * project's strings (enum names and keys are static), so it may outlive
 * edits to the project. It does not validate:
 * callers refuse a project with errors first (ivs_validate_all, then
 * ivs_validate_errors). Cost: O(n) in the project, one MD5 per resource
 * (two for a channel with a generated name). */
#ifndef IVS_EXPORT_H
#define IVS_EXPORT_H

#include <cjson/cJSON.h>

#include "ivs/diag.h"
#include "ivs/model.h"
#include "ivs/util.h"

enum ivs_export_format { IVS_EXPORT_JSON, IVS_EXPORT_YAML };

/* The whole template as a cJSON tree (caller frees with cJSON_Delete). */
cJSON *ivs_export_template(const struct ivs_project *p);
/* The resources one entry exports to (a channel: itself and its stream
 * keys), as {"LogicalId": {...}, ...}; the TUI preview. Caller frees. */
cJSON *ivs_export_fragment(const struct ivs_project *p, const struct ivs_res *r);
/* Serialise: JSON (1-space indent, as the CDK writes) or YAML with
 * long-form intrinsics (Fn::GetAtt:, Ref:). Appends to out. */
void ivs_export_write(const cJSON *tmpl, enum ivs_export_format fmt, struct ivs_buf *out);
/* Logical id of an entry (NULL for imported entries and the stack). Caller frees. */
char *ivs_export_logical_id(const struct ivs_res *r);
/* Whether the exporter has a builder for kind k (a unit test walks the
 * kinds: every kind but the stack needs one). */
bool ivs_export_has_builder(enum ivs_kind k);

#endif
