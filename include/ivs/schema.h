/* schema.h: every resource kind's fields, described once (tmux's
 * options-table.c). A row names the YAML key, the CloudFormation property,
 * the value type, the allowed values, the range, the default, the help text
 * and where the value lives in the model (offsetof). The loader, the saver,
 * the validator, the forms and the exporter all walk these tables: a new
 * property is one row.
 *
 * Rows are in the order a saved file lists the keys. A row whose `parent` is
 * not -1 lives inside the mapping of that IVS_FT_GROUP row
 * (multitrack_input_configuration: {maximum_resolution, policy}). */
#ifndef IVS_SCHEMA_H
#define IVS_SCHEMA_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ivs/diag.h"

/*      ENUM        display name               YAML list key                CloudFormation type */
#define IVS_KIND_INFO(X) \
	X(STACK,      "stack",                   "stack",                     NULL) \
	X(BUCKET,     "bucket",                  "buckets",                   "AWS::S3::Bucket") \
	X(CHANNEL,    "channel",                 "channels",                  "AWS::IVS::Channel") \
	X(STREAM_KEY, "stream key",              "stream_keys",               "AWS::IVS::StreamKey") \
	X(KEY_PAIR,   "playback key pair",       "playback_key_pairs",        "AWS::IVS::PlaybackKeyPair") \
	X(RECORDING,  "recording configuration", "recording_configurations",  "AWS::IVS::RecordingConfiguration")

enum ivs_kind {
#define IVS_KIND_ENUM(name, disp, key, cfn) IVS_KIND_##name,
	IVS_KIND_INFO(IVS_KIND_ENUM)
#undef IVS_KIND_ENUM
	IVS_KIND_COUNT
};

/* The top-level lists, in the order a saved file lists them. */
extern const enum ivs_kind ivs_top_kinds[4];

enum ivs_ftype {
	IVS_FT_ID,        /* char *: construct id */
	IVS_FT_STRING,    /* char *: one line */
	IVS_FT_TEXT,      /* char *: several lines (PEM) */
	IVS_FT_ENUM,      /* int: index into choices */
	IVS_FT_BOOL,      /* bool */
	IVS_FT_INT,       /* long */
	IVS_FT_REF,       /* char *: id of an entry of kind `ref` */
	IVS_FT_ENUM_LIST, /* struct ivs_enum_list: indexes into choices, in order */
	IVS_FT_TAGS,      /* struct ivs_tags */
	IVS_FT_GROUP,     /* a nested mapping; no value of its own, only "set" */
	IVS_FT_CHILDREN,  /* struct ivs_list of child resources (stream_keys) */
};

/* flags */
#define IVS_FF_REQUIRED     0x01u /* must be given (in its group, when parent >= 0) */
#define IVS_FF_NOT_IMPORTED 0x02u /* not allowed on an imported entry */
#define IVS_FF_IMPORT       0x04u /* the key that makes an entry imported */
#define IVS_FF_GENERATED    0x08u /* unset: the exporter generates a value */

#define IVS_NO_DEFAULT LONG_MIN

#define IVS_ENUM_LIST_MAX 16
struct ivs_enum_list {
	uint8_t n;
	uint8_t v[IVS_ENUM_LIST_MAX];
};

struct ivs_field {
	const char *key;              /* YAML key */
	const char *cfn;              /* CloudFormation property, NULL: none */
	enum ivs_ftype type;
	int parent;                   /* index of the group row, -1: top */
	size_t off;                   /* offsetof(value) in the kind's struct */
	const char *const *choices;   /* ENUM, ENUM_LIST: NULL-terminated */
	long min, max;                /* INT: range; STRING, TEXT, ID: length in
	                                 characters (max 0: unbounded) */
	long def;                     /* default: enum index, bool, int, or IVS_NO_DEFAULT */
	const char *def_text;         /* how an unset value reads: "STANDARD", "generated" */
	enum ivs_kind ref;            /* REF: the kind it points to */
	unsigned flags;               /* IVS_FF_* */
	enum ivs_rule rule;           /* rule reported when `check` or the range fails */
	bool (*check)(const char *s); /* STRING: character rule, NULL: any */
	const char *check_text;       /* the rule in words: "letters, digits, - and _" */
	const char *help;             /* one line, shown in forms and help */
};

struct ivs_kind_info {
	enum ivs_kind kind;
	const char *name;             /* "channel" */
	const char *list_key;         /* "channels" */
	const char *cfn_type;         /* "AWS::IVS::Channel", NULL for the stack */
	size_t size;                  /* sizeof the kind's struct */
	const struct ivs_field *fields;
	int nfields;
};

const struct ivs_kind_info *ivs_kind_info(enum ivs_kind k);
/* Field index by YAML key (group children: key within the group and the
 * group's index as parent); -1 when unknown. */
int ivs_field_find(enum ivs_kind k, int parent, const char *key);
/* Index of an enum value in choices, -1 when not there. */
int ivs_choice_index(const char *const *choices, const char *value);
size_t ivs_choice_count(const char *const *choices);

/* Field indexes, one enum per kind, in table order (checked by a unit test). */
enum { IVS_STACK_NAME, IVS_STACK_DESCRIPTION, IVS_STACK_NFIELDS };
enum { IVS_BUCKET_ID, IVS_BUCKET_NAME, IVS_BUCKET_REMOVAL_POLICY, IVS_BUCKET_FROM_NAME,
       IVS_BUCKET_TAGS, IVS_BUCKET_NFIELDS };
enum { IVS_CHANNEL_ID, IVS_CHANNEL_NAME, IVS_CHANNEL_TYPE, IVS_CHANNEL_LATENCY_MODE,
       IVS_CHANNEL_PRESET, IVS_CHANNEL_AUTHORIZED, IVS_CHANNEL_INSECURE_INGEST,
       IVS_CHANNEL_CONTAINER_FORMAT, IVS_CHANNEL_MULTITRACK, IVS_CHANNEL_MT_MAX_RESOLUTION,
       IVS_CHANNEL_MT_POLICY, IVS_CHANNEL_RECORDING, IVS_CHANNEL_TAGS, IVS_CHANNEL_STREAM_KEYS,
       IVS_CHANNEL_FROM_ARN, IVS_CHANNEL_NFIELDS };
enum { IVS_STREAM_KEY_ID, IVS_STREAM_KEY_TAGS, IVS_STREAM_KEY_NFIELDS };
enum { IVS_KEY_PAIR_ID, IVS_KEY_PAIR_NAME, IVS_KEY_PAIR_PUBLIC_KEY, IVS_KEY_PAIR_TAGS,
       IVS_KEY_PAIR_NFIELDS };
enum { IVS_RECORDING_ID, IVS_RECORDING_NAME, IVS_RECORDING_BUCKET, IVS_RECORDING_RENDITION,
       IVS_RECORDING_RENDITION_SELECTION, IVS_RECORDING_RENDITIONS, IVS_RECORDING_THUMBNAIL,
       IVS_RECORDING_THUMB_MODE, IVS_RECORDING_THUMB_RESOLUTION, IVS_RECORDING_THUMB_STORAGE,
       IVS_RECORDING_THUMB_INTERVAL, IVS_RECORDING_RECONNECT_WINDOW, IVS_RECORDING_TAGS,
       IVS_RECORDING_NFIELDS };

/* Enum value indexes used by rules and the exporter (same order as the
 * choices arrays in schema.c). */
enum { IVS_CHANNEL_TYPE_STANDARD, IVS_CHANNEL_TYPE_BASIC, IVS_CHANNEL_TYPE_ADVANCED_SD,
       IVS_CHANNEL_TYPE_ADVANCED_HD };
enum { IVS_LATENCY_LOW, IVS_LATENCY_NORMAL };
enum { IVS_PRESET_CONSTRAINED, IVS_PRESET_HIGHER };
enum { IVS_CONTAINER_TS, IVS_CONTAINER_FMP4 };
enum { IVS_MT_RES_SD, IVS_MT_RES_HD, IVS_MT_RES_FULL_HD };
enum { IVS_MT_POLICY_ALLOW, IVS_MT_POLICY_REQUIRE };
enum { IVS_REMOVAL_RETAIN, IVS_REMOVAL_DESTROY };
enum { IVS_RENDITION_SEL_ALL, IVS_RENDITION_SEL_NONE, IVS_RENDITION_SEL_CUSTOM };
enum { IVS_RES_FULL_HD, IVS_RES_HD, IVS_RES_SD, IVS_RES_LOWEST };
enum { IVS_THUMB_MODE_INTERVAL, IVS_THUMB_MODE_DISABLED };
enum { IVS_STORAGE_SEQUENTIAL, IVS_STORAGE_LATEST };

/* Character rules used by the tables (and by the validator and forms). */
bool ivs_chars_name(const char *s);       /* [A-Za-z0-9_-]* */
bool ivs_chars_stack_name(const char *s); /* ^[A-Za-z][A-Za-z0-9-]*$ */
bool ivs_chars_bucket_name(const char *s);/* S3 bucket naming rules */
bool ivs_chars_id(const char *s);         /* at least one letter or digit */

#endif
