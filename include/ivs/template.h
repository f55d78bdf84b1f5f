/* template.h: reading a CloudFormation template, JSON or YAML, into one
 * cJSON tree (the `diff` and `import` commands).
 *
 * JSON is parsed by cJSON; YAML by libyaml's events, with the short-form
 * intrinsic tags turned into their long form, as CloudFormation does:
 *     !Ref X            -> {"Ref": "X"}
 *     !GetAtt X.Attr    -> {"Fn::GetAtt": ["X", "Attr"]}  (the list form too)
 *     !Condition C      -> {"Condition": "C"}
 *     !Sub, !Join, !Select, !If, !Equals, !Not, !And, !Or, !FindInMap,
 *     !Base64, !Cidr, !GetAZs, !ImportValue, !Split, !Transform, !ToJsonString,
 *     !Length, and the rule functions !Contains, !EachMemberEquals,
 *     !EachMemberIn, !RefAll, !ValueOf, !ValueOfAll -> {"Fn::NAME": value}
 * A plain YAML scalar becomes null, true/false, a number or a string by the
 * YAML 1.2 core schema; a quoted one is always a string.
 *
 * Refused, each with file:line:col and a sentence: syntax errors, anchors
 * and aliases, tags other than the intrinsics and YAML's own, duplicate
 * keys (YAML and JSON), keys that are not text, more than one document,
 * an empty file, nesting deeper than IVS_TEMPLATE_MAX_DEPTH, scalars longer
 * than IVS_TEMPLATE_MAX_SCALAR, more than IVS_TEMPLATE_MAX_NODES values,
 * files larger than IVS_TEMPLATE_MAX_BYTES, text that is not UTF-8. Reading
 * is linear in the input (no quadratic key checks), so time is bounded by
 * the size bound.
 *
 * Every value keeps its position: ivs_template_pos() gives where a node of
 * the tree was written (line, column, 1-based), for diagnostics about the
 * template's content (see ivs_template_check). */
#ifndef IVS_TEMPLATE_H
#define IVS_TEMPLATE_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "ivs/diag.h"

#define IVS_TEMPLATE_MAX_BYTES  (64u * 1024u * 1024u)
#define IVS_TEMPLATE_MAX_SCALAR (1024u * 1024u)
#define IVS_TEMPLATE_MAX_DEPTH  64u
#define IVS_TEMPLATE_MAX_NODES  1000000u

struct ivs_template_pos;

/* A template read from a file. Owns root. */
struct ivs_template {
	cJSON *root;                 /* the top-level mapping (any value after parse) */
	char *name;                  /* the file name used in diagnostics */
	bool json;                   /* read as JSON (else YAML) */
	struct ivs_template_pos *pos;  /* private: node -> position, sorted */
	size_t npos;
};

/* Reads data (name for diagnostics only). Returns the template, or NULL
 * with at least one error in d. */
struct ivs_template *ivs_template_parse(const char *name, const char *data, size_t len,
                                        struct ivs_diags *d);
/* Reads path ("-": standard input); an unreadable file is one IO_ERROR. */
struct ivs_template *ivs_template_load(const char *path, struct ivs_diags *d);
void ivs_template_free(struct ivs_template *t);

/* Where node's value was written; {0, 0} when node is not from t. */
struct ivs_pos ivs_template_pos(const struct ivs_template *t, const cJSON *node);
/* Where node's key was written when it is a mapping member, else as
 * ivs_template_pos. */
struct ivs_pos ivs_template_key_pos(const struct ivs_template *t, const cJSON *node);

/* Checks the shape CloudFormation needs: the top level a mapping with a
 * `Resources` mapping, each resource a mapping with a `Type` string of the
 * form A::B::C and, when present, `Properties` a mapping; `Outputs`, when
 * present, a mapping of mappings. Reports TEMPLATE_INVALID diagnostics
 * (path "Resources.Main.Type") into d; returns true when none. */
bool ivs_template_check(const struct ivs_template *t, struct ivs_diags *d);

#endif
