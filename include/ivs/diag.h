/* diag.h: diagnostics are values. Every problem the engine finds (loader,
 * validator, exporter, key checks) is one struct ivs_diag: severity, a
 * stable rule id, a field path such as "channels[1].preset", the position in
 * the file when known, and a sentence that says what to do.
 *
 * Rule ids are listed once, in IVS_RULE_INFO (tig's STATUS_CODE_INFO); the
 * enum, the id strings and the default severities are generated from it.
 * Rule ids are a contract with scripts: never rename one, only add. */
#ifndef IVS_DIAG_H
#define IVS_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct ivs_buf;

enum ivs_severity { IVS_SEV_ERROR, IVS_SEV_WARNING };

/*      ENUM                         rule id                          severity */
#define IVS_RULE_INFO(X) \
	/* file and YAML level (loader) */ \
	X(IO_ERROR,                    "io-error",                     ERROR) \
	X(YAML_SYNTAX,                 "yaml-syntax",                  ERROR) \
	X(YAML_ALIAS,                  "yaml-alias",                   ERROR) \
	X(YAML_TAG,                    "yaml-tag",                     ERROR) \
	X(YAML_TOO_DEEP,               "yaml-too-deep",                ERROR) \
	X(YAML_TOO_LARGE,              "yaml-too-large",               ERROR) \
	X(YAML_MULTI_DOC,              "yaml-multiple-documents",      ERROR) \
	X(YAML_EMPTY,                  "yaml-empty",                   ERROR) \
	X(YAML_DUPLICATE_KEY,          "yaml-duplicate-key",           ERROR) \
	X(YAML_WRONG_TYPE,             "yaml-wrong-type",              ERROR) \
	X(YAML_UNKNOWN_KEY,            "yaml-unknown-key",             ERROR) \
	X(YAML_BAD_ENUM,               "yaml-bad-enum",                ERROR) \
	X(YAML_BAD_INT,                "yaml-bad-integer",             ERROR) \
	X(YAML_BAD_BOOL,               "yaml-bad-boolean",             ERROR) \
	X(YAML_NULL,                   "yaml-null-value",              ERROR) \
	X(VERSION_MISSING,             "version-missing",              ERROR) \
	X(VERSION_UNSUPPORTED,         "version-unsupported",          ERROR) \
	X(REQUIRED_MISSING,            "required-missing",             ERROR) \
	/* ids and tags, every resource */ \
	X(ID_INVALID,                  "id-invalid",                   ERROR) \
	X(ID_DUPLICATE,                "id-duplicate",                 ERROR) \
	X(ID_RESERVED,                 "id-reserved",                  ERROR) \
	X(LOGICAL_ID_COLLISION,        "logical-id-collision",         ERROR) \
	X(LOGICAL_ID_TOO_LONG,         "logical-id-too-long",          ERROR) \
	X(TAG_COUNT,                   "tag-count",                    ERROR) \
	X(TAG_KEY_INVALID,             "tag-key-invalid",              ERROR) \
	X(TAG_VALUE_INVALID,           "tag-value-invalid",            ERROR) \
	/* one field's own rules, from the field tables */ \
	X(STRING_LENGTH,               "string-length",                ERROR) \
	X(STRING_PATTERN,              "string-pattern",               ERROR) \
	X(INT_RANGE,                   "integer-range",                ERROR) \
	X(LIST_DUPLICATE,              "list-duplicate",               ERROR) \
	/* stack */ \
	X(STACK_NAME,                  "stack-name",                   ERROR) \
	X(STACK_DESCRIPTION,           "stack-description",            ERROR) \
	/* buckets */ \
	X(BUCKET_NAME,                 "bucket-name",                  ERROR) \
	X(BUCKET_IMPORTED_PROPS,       "bucket-imported-props",        ERROR) \
	/* channels and stream keys */ \
	X(CHANNEL_NAME,                "channel-name",                 ERROR) \
	X(CHANNEL_NAME_DEFAULT,        "channel-name-default",         ERROR) \
	X(CHANNEL_PRESET_IGNORED,      "channel-preset-ignored",       WARNING) \
	X(CHANNEL_PRESET_TYPE_UNSET,   "channel-preset-type-unset",    WARNING) \
	X(MULTITRACK_TYPE,             "multitrack-type",              ERROR) \
	X(MULTITRACK_CONTAINER,        "multitrack-container",         ERROR) \
	X(MULTITRACK_CONTAINER_AUTO,   "multitrack-container-auto",    WARNING) \
	X(REF_MISSING,                 "reference-missing",            ERROR) \
	X(REF_WRONG_KIND,              "reference-wrong-kind",         ERROR) \
	X(AUTHORIZED_NO_KEY_PAIR,      "authorized-no-key-pair",       WARNING) \
	X(STREAM_KEY_MULTIPLE,         "stream-key-multiple",          WARNING) \
	X(STREAM_KEY_DUPLICATE,        "stream-key-duplicate",         ERROR) \
	X(CHANNEL_ARN,                 "channel-arn",                  ERROR) \
	X(CHANNEL_IMPORTED_PROPS,      "channel-imported-props",       ERROR) \
	/* playback key pairs */ \
	X(KEY_PAIR_NAME,               "key-pair-name",                ERROR) \
	X(KEY_PAIR_QUOTA,              "key-pair-quota",               WARNING) \
	X(KEY_NOT_PEM,                 "key-not-pem",                  ERROR) \
	X(KEY_PRIVATE,                 "key-private",                  ERROR) \
	X(KEY_CERTIFICATE,             "key-certificate",              ERROR) \
	X(KEY_NOT_EC,                  "key-not-ec",                   ERROR) \
	X(KEY_WRONG_CURVE,             "key-wrong-curve",              ERROR) \
	X(KEY_TRAILING_DATA,           "key-trailing-data",            ERROR) \
	X(KEY_ENCODING,                "key-encoding",                 WARNING) \
	/* public keys (stage participant tokens) */ \
	X(PUBLIC_KEY_NAME,             "public-key-name",              ERROR) \
	/* recording configurations */ \
	X(RECORDING_NAME,              "recording-name",               ERROR) \
	X(RECONNECT_WINDOW,            "reconnect-window",             ERROR) \
	X(RENDITIONS_NOT_CUSTOM,       "renditions-not-custom",        ERROR) \
	X(RENDITIONS_MISSING,          "renditions-missing",           ERROR) \
	X(THUMBNAIL_INTERVAL,          "thumbnail-interval",           ERROR) \
	X(THUMBNAIL_DISABLED_PROPS,    "thumbnail-disabled-props",     WARNING) \
	/* issue 10 (l1a): stages, storage, encoder and ingest configurations, \
	 * playback restriction policies, logical_id */ \
	X(YAML_BAD_NUMBER,             "yaml-bad-number",              ERROR) \
	X(NUMBER_RANGE,                "number-range",                 ERROR) \
	X(STORAGE_NAME,                "storage-name",                 ERROR) \
	X(STAGE_NAME,                  "stage-name",                   ERROR) \
	X(ENCODER_NAME,                "encoder-name",                 ERROR) \
	X(ENCODER_SIZE_ODD,            "encoder-size-odd",             ERROR) \
	X(ENCODER_PIXEL_LIMIT,         "encoder-pixel-limit",          ERROR) \
	X(INGEST_NAME,                 "ingest-name",                  ERROR) \
	X(INGEST_RTMP_INSECURE,        "ingest-rtmp-insecure",         ERROR) \
	X(INGEST_NO_STAGE,             "ingest-no-stage",              WARNING) \
	X(PLAYBACK_POLICY_NAME,        "playback-policy-name",         ERROR) \
	X(COUNTRY_CODE,                "country-code",                 ERROR) \
	X(LOGICAL_ID_INVALID,          "logical-id-invalid",           ERROR) \
	/* chat (issue 10, l1b) */ \
	X(CHAT_LOGGING_NAME,           "chat-logging-name",            ERROR) \
	X(ONE_OF,                      "one-of",                       ERROR) \
	X(CHAT_ROOM_NAME,              "chat-room-name",               ERROR) \
	X(LIST_TOO_LONG,               "list-too-long",                ERROR) \
	/* outputs (issue 10, l1b) */ \
	X(OUTPUT_ATTRIBUTE,            "output-attribute",             ERROR) \
	X(OUTPUT_IMPORTED,             "output-imported",              ERROR) \
	X(OUTPUT_STREAM_KEY,           "output-stream-key",            ERROR) \
	X(OUTPUT_SECRET,               "output-secret",                WARNING) \
	X(OUTPUT_DESCRIPTION,          "output-description",           ERROR) \
	X(OUTPUT_EXPORT_NAME,          "output-export-name",           ERROR) \
	X(OUTPUT_EXPORT_DUPLICATE,     "output-export-duplicate",      ERROR) \
	X(OUTPUT_LIMIT,                "output-limit",                 ERROR) \
	/* the template as a whole */ \
	X(RESOURCE_LIMIT,              "resource-limit",               ERROR) \
	X(TEMPLATE_NO_RESOURCES,       "template-no-resources",        WARNING) \
	X(TEMPLATE_INVALID,            "template-invalid",             ERROR) \
	/* output: the last entry when a list was cut at its limit (diag.c) */ \
	X(TOO_MANY_PROBLEMS,           "too-many-problems",            ERROR) \
	/* import (src/engine/import.c) */ \
	X(IMPORT_UNSUPPORTED,          "import-unsupported",           ERROR) \
	X(IMPORT_OTHER,                "import-other",                 WARNING) \
	X(IMPORT_INEXACT,              "import-inexact",               ERROR)

enum ivs_rule {
#define IVS_RULE_ENUM(name, id, sev) IVS_RULE_##name,
	IVS_RULE_INFO(IVS_RULE_ENUM)
#undef IVS_RULE_ENUM
	IVS_RULE_COUNT
};

const char *ivs_rule_id(enum ivs_rule r);
enum ivs_severity ivs_rule_severity(enum ivs_rule r);
/* Looks a rule up by its id string; returns IVS_RULE_COUNT when unknown. */
enum ivs_rule ivs_rule_by_id(const char *id);
const char *ivs_severity_name(enum ivs_severity s);   /* "error" / "warning" */

/* A position in a source file, 1-based. line == 0: unknown. */
struct ivs_pos {
	unsigned line, col;
};

struct ivs_res;

/* One diagnostic. Owns msg and path. `res` is borrowed: it points into the
 * project the diagnostic was made for (NULL for file-level problems). */
struct ivs_diag {
	enum ivs_rule rule;
	enum ivs_severity sev;
	struct ivs_pos pos;
	char *path;                 /* "channels[1].preset", "" for the file */
	char *msg;                  /* a sentence that says what to do */
	const struct ivs_res *res;  /* resource it is about, or NULL */
	int field;                  /* field-table index in res, -1: the resource */
};

/* A growable list of diagnostics. Owns its entries.
 *
 * Bounded lists: with limit > 0 (ivs_diags_set_limit; the command line
 * uses IVS_DIAGS_LIMIT per file) the list keeps the first `limit` entries
 * and only counts the rest (dropped; errors and warnings count them all),
 * so a file with millions of problems costs memory for a thousand. The
 * printers end a cut list with "FILE: … and N more". */
#define IVS_DIAGS_LIMIT 1000
struct ivs_diags {
	struct ivs_diag *v;
	size_t n, cap;
	size_t errors, warnings;
	size_t limit;               /* 0: no limit */
	size_t dropped, dropped_errors;
	struct ivs_diag spare;      /* what ivs_diags_add returns past the limit */
};

void ivs_diags_init(struct ivs_diags *d);
void ivs_diags_free(struct ivs_diags *d);
void ivs_diags_clear(struct ivs_diags *d);
/* Keeps at most limit entries from now on (0: all). */
void ivs_diags_set_limit(struct ivs_diags *d, size_t limit);
/* True when d is at its limit: a new entry would only be counted (a caller
 * may then skip the work of composing its message). */
bool ivs_diags_full(const struct ivs_diags *d);
/* Adds a diagnostic with the rule's default severity; path and the
 * formatted message are copied. Returns the new entry (past the limit, a
 * scratch entry that is only counted: set its res, field or sev freely). */
struct ivs_diag *ivs_diags_add(struct ivs_diags *d, enum ivs_rule rule, struct ivs_pos pos,
                               const char *path, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Moves every entry of src to the end of dst (within dst's limit; the
 * rest is counted as dropped); src is left empty. */
void ivs_diags_move(struct ivs_diags *dst, struct ivs_diags *src);
/* Sorts by position (line, column), then path, then rule. Stable. */
void ivs_diags_sort(struct ivs_diags *d);

/* Prints "FILE:LINE:COL: error|warning: message [rule-id]" per line. A
 * diagnostic without a position prints "FILE: ..." and with a path but no
 * position "FILE: PATH: ...". */
/* Text quoted from a file is escaped (\t, \n, \r, \xHH for the other C0
 * controls and DEL, \u0080-\u009f for the C1 controls, \xHH for every
 * byte >= 0x80 of a string that is not UTF-8) so that it cannot drive the
 * terminal or break the one-line format. A cut list ends with the line
 * "FILE: … and N more". Output is built in memory and written in large
 * blocks (one write per 64 KiB on an unbuffered stderr, not per byte). */
void ivs_diags_print(FILE *out, const char *file, const struct ivs_diags *d);
/* The escaping of ivs_diags_print, appended to b (for every printer of
 * text from a file or a token, e.g. `token --verify`). */
void ivs_text_escape(struct ivs_buf *b, const char *s);
/* The same list as a JSON array; caller frees the string. A cut list
 * ends with a "too-many-problems" entry whose message is "… and N more". */
char *ivs_diags_json(const char *file, const struct ivs_diags *d);
/* Streams the JSON array of several files to out, entry by entry, in the
 * layout of ivs_diags_json (no whole-array string in memory): call
 * ivs_diags_json_write per file with the same *count (0 at first), then
 * ivs_diags_json_end. Strings escape control characters, C1 included. */
void ivs_diags_json_write(FILE *out, const char *file, const struct ivs_diags *d, size_t *count);
void ivs_diags_json_end(FILE *out, size_t count);

#endif
