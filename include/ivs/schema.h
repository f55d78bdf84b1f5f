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

/* The resource kinds, described once (tig's view_ops, tmux's options_table).
 * Every per-kind array is generated from this list or sized by it and
 * checked with IVS_PER_KIND, so a kind added here and forgotten elsewhere
 * does not build. Columns:
 *   ENUM       the enum name (IVS_KIND_ENUM) and the field-index prefix
 *   singular   "channel": messages, the status line
 *   plural     "channels": messages
 *   list key   YAML key of the list that holds the kind
 *   heading    the TUI tree's heading
 *   id prefix  base of the id of a new entry ("Channel", "Channel2", ...)
 *   cfn type   CloudFormation resource type (NULL: the stack)
 *   role       ROOT (the stack), TOP (a top-level list), CHILD (a list
 *              inside an entry of kind `parent`, as a channel's stream keys)
 *   parent     CHILD: the kind whose entries hold the list; others: STACK
 *   path       how the construct path and logical id are made
 *              (synthesis.md): L2 "X/Resource" (a child: "P/X/Resource"),
 *              hashed; L1 the one-component path "X", no hash
 *   export     rank of the kind in the template (what is referred to
 *              first); TOP kinds only, 0..
 * A saved file lists the TOP kinds in this order. */
/*   ENUM        singular                   plural                      list key                    heading          id prefix                 cfn type                            role   parent   path  export */
#define IVS_KIND_INFO(X) \
	X(STACK,      "stack",                   "stacks",                   "stack",                    "Stack",         NULL,                     NULL,                               ROOT,  STACK,   NONE, 0) \
	X(BUCKET,     "bucket",                  "buckets",                  "buckets",                  "Buckets",       "Bucket",                 "AWS::S3::Bucket",                  TOP,   STACK,   L2,   0) \
	X(CHANNEL,    "channel",                 "channels",                 "channels",                 "Channels",      "Channel",                "AWS::IVS::Channel",                TOP,   STACK,   L2,   3) \
	X(STREAM_KEY, "stream key",              "stream keys",              "stream_keys",              "Stream keys",   "StreamKey",              "AWS::IVS::StreamKey",              CHILD, CHANNEL, L2,   0) \
	X(KEY_PAIR,   "playback key pair",       "playback key pairs",       "playback_key_pairs",       "Playback keys", "PlaybackKeyPair",        "AWS::IVS::PlaybackKeyPair",        TOP,   STACK,   L2,   2) \
	X(RECORDING,  "recording configuration", "recording configurations", "recording_configurations", "Recordings",    "RecordingConfiguration", "AWS::IVS::RecordingConfiguration", TOP,   STACK,   L2,   1) \
	X(PUBLIC_KEY, "public key",              "public keys",              "public_keys",              "Public keys",   "PublicKey",              "AWS::IVS::PublicKey",              TOP,   STACK,   L1,   4) \
	/* issue 10 (l1a): real-time and playback L1 kinds */ \
	X(STORAGE,    "storage configuration",   "storage configurations",   "storage_configurations",   "Storage",       "StorageConfiguration",   "AWS::IVS::StorageConfiguration",   TOP,   STACK,   L1,   5) \
	X(STAGE,      "stage",                   "stages",                   "stages",                   "Stages",        "Stage",                  "AWS::IVS::Stage",                  TOP,   STACK,   L1,   6) \
	X(ENCODER,    "encoder configuration",   "encoder configurations",   "encoder_configurations",   "Encoders",      "EncoderConfiguration",   "AWS::IVS::EncoderConfiguration",   TOP,   STACK,   L1,   7) \
	X(INGEST,     "ingest configuration",    "ingest configurations",    "ingest_configurations",    "Ingest",        "IngestConfiguration",    "AWS::IVS::IngestConfiguration",    TOP,   STACK,   L1,   8) \
	X(PLAYBACK_POLICY, "playback restriction policy", "playback restriction policies", "playback_restriction_policies", "Playback policies", "PlaybackRestrictionPolicy", "AWS::IVS::PlaybackRestrictionPolicy", TOP, STACK, L1, 9) \
	/* issue 10, l1b: chat and stack outputs (an output is no resource: cfn type NULL, the template's Outputs) */ \
	X(CHAT_LOGGING, "chat logging configuration", "chat logging configurations", "chat_logging_configurations", "Chat logging", "ChatLogging", "AWS::IVSChat::LoggingConfiguration", TOP, STACK, L1, 10) \
	X(CHAT_ROOM,  "chat room",               "chat rooms",               "chat_rooms",               "Chat rooms",    "ChatRoom",               "AWS::IVSChat::Room",               TOP,   STACK,   L1,   11) \
	X(OUTPUT,     "output",                  "outputs",                  "outputs",                  "Outputs",       "Output",                 NULL,                               TOP,   STACK,   L1,   12)

enum ivs_kind {
#define IVS_KIND_ENUM(name, ...) IVS_KIND_##name,
	IVS_KIND_INFO(IVS_KIND_ENUM)
#undef IVS_KIND_ENUM
	IVS_KIND_COUNT
};

enum ivs_kind_role { IVS_ROLE_ROOT, IVS_ROLE_TOP, IVS_ROLE_CHILD };
enum ivs_kind_path { IVS_PATH_NONE, IVS_PATH_L2, IVS_PATH_L1 };

/* Number of TOP kinds (the lists of a project). */
enum {
#define IVS_KIND_TOP_ONE(n, s, pl, k, h, pre, cfn, role, par, path, ex) +(IVS_ROLE_##role == IVS_ROLE_TOP)
	IVS_TOP_KIND_COUNT = 0 IVS_KIND_INFO(IVS_KIND_TOP_ONE)
#undef IVS_KIND_TOP_ONE
};

/* A per-kind array, declared with [] and one entry per kind in enum
 * order: IVS_PER_KIND(arr) fails to compile when an entry is missing. */
#define IVS_PER_KIND(arr) \
	_Static_assert(sizeof(arr) / sizeof((arr)[0]) == IVS_KIND_COUNT, \
	               #arr ": one entry per resource kind (IVS_KIND_INFO in schema.h)")
/* REF rows one kind may have (the validator's reverse index keeps this
 * many per entry; test_kinds checks the tables). */
#define IVS_REFS_MAX 4
/* Kind sets are bit masks (the TUI's tree filter, missing references). */
_Static_assert(IVS_KIND_COUNT <= 32, "kind masks are unsigned int");

/* The top-level lists, in the order a saved file lists them. */
extern const enum ivs_kind ivs_top_kinds[IVS_TOP_KIND_COUNT];
/* The top-level lists in the order the template lists their resources. */
extern const enum ivs_kind ivs_export_kinds[IVS_TOP_KIND_COUNT];

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
	IVS_FT_NUMBER,    /* char *: a decimal number, held as its canonical text
	                     (exact in the file); min, max: the range */
	IVS_FT_STRING_LIST,/* char *: a list of one-line strings, held joined by
	                     line feeds ("US\nCA"); min, max: each item's length */
	IVS_FT_REF_LIST,  /* struct ivs_idlist: ids of entries of kind `ref`, in order
	                     (chat_rooms.logging_configurations); `max`: most ids */
};

/* flags */
#define IVS_FF_REQUIRED     0x01u /* must be given (in its group, when parent >= 0) */
#define IVS_FF_NOT_IMPORTED 0x02u /* not allowed on an imported entry */
#define IVS_FF_IMPORT       0x04u /* the key that makes an entry imported */
#define IVS_FF_GENERATED    0x08u /* unset: the exporter generates a value */
#define IVS_FF_PEM_P384     0x10u /* TEXT: a PEM public key on curve P-384 (validated) */
#define IVS_FF_UNIQUE       0x20u /* STRING_LIST: items are unique (uniqueItems) */

#define IVS_NO_DEFAULT LONG_MIN

#define IVS_ENUM_LIST_MAX 16
struct ivs_enum_list {
	uint8_t n;
	uint8_t v[IVS_ENUM_LIST_MAX];
};

/* A REF_LIST value: ids, owned. */
struct ivs_idlist {
	char **v;
	size_t n;
};
void ivs_idlist_free(struct ivs_idlist *l);
void ivs_idlist_copy(struct ivs_idlist *dst, const struct ivs_idlist *src);
void ivs_idlist_push(struct ivs_idlist *l, const char *id);

/* A character rule of STRING and ID fields: the test, and its wording,
 * once (forms show `text`, the validator says "<key> <must>, got '...'"). */
struct ivs_chars {
	bool (*ok)(const char *s);
	const char *must;             /* "must contain only letters, digits, ..." */
	bool has_length;              /* the rule covers the length too (S3 names) */
	bool s3_name;                 /* then S3's reserved prefixes, suffixes, IPs */
};
extern const struct ivs_chars ivs_chars_name_rule, ivs_chars_stack_name_rule,
	ivs_chars_bucket_name_rule, ivs_chars_id_rule, ivs_chars_country_rule,
	ivs_chars_logical_id_rule, ivs_chars_log_group_rule, ivs_chars_delivery_stream_rule,
	ivs_chars_lambda_arn_rule, ivs_chars_export_name_rule;

struct ivs_field {
	const char *key;              /* YAML key */
	const char *cfn;              /* CloudFormation property, NULL: none */
	const char *cfn_inner;        /* the CloudFormation value sits one level
	                                 deeper: {cfn: {cfn_inner: value}}
	                                 (a stage's ThumbnailConfiguration.
	                                 ParticipantThumbnailConfiguration,
	                                 a storage configuration's S3.BucketName) */
	enum ivs_ftype type;
	int parent;                   /* index of the group row, -1: top */
	size_t off;                   /* offsetof(value) in the kind's struct */
	const char *const *choices;   /* ENUM, ENUM_LIST: NULL-terminated */
	long min, max;                /* INT, NUMBER: range; STRING, TEXT, ID,
	                                 STRING_LIST items: length in characters
	                                 (max 0: unbounded); ENUM_LIST: items */
	long def;                     /* default: enum index, bool, int, or IVS_NO_DEFAULT */
	const char *def_text;         /* how an unset value reads: "STANDARD", "generated" */
	enum ivs_kind ref;            /* REF: the kind it points to */
	unsigned flags;               /* IVS_FF_* */
	enum ivs_rule rule;           /* rule reported when `check` or the range fails */
	const struct ivs_chars *chars;/* STRING, ID: character rule, NULL: any */
	const char *check_text;       /* the rule in words, for forms: "letters, digits, - and _" */
	const char *help;             /* one line, shown in forms and help */
	/* REF: a reference to an entry of any kind in this mask (bit k: kind
	 * k; 0: only kind `ref`); the entry must create a resource. */
	unsigned ref_mask;
	/* REF to a CHILD kind (an output's stream_key): index of the REF row
	 * that names the entry whose child list holds it; 0: not a child. */
	int ref_parent;
	/* A one-of set: exactly one of the rows with the same non-zero
	 * one_of (in the same group) must be given (chat logging's bucket,
	 * log_group_name, delivery_stream_name). */
	int one_of;
};

struct ivs_res;
struct ivs_diags;

struct ivs_kind_info {
	enum ivs_kind kind;
	const char *name;             /* "channel" */
	const char *plural;           /* "channels" */
	const char *list_key;         /* "channels" */
	const char *heading;          /* "Channels" */
	const char *id_prefix;        /* "Channel"; NULL for the stack */
	const char *cfn_type;         /* "AWS::IVS::Channel", NULL for the stack */
	enum ivs_kind_role role;
	enum ivs_kind parent;         /* CHILD: the kind that holds the list */
	enum ivs_kind_path path;
	int export_rank;
	size_t size;                  /* sizeof the kind's struct */
	const struct ivs_field *fields;
	int nfields;
	int child_field;              /* the IVS_FT_CHILDREN row, -1: none */
	int import_field;             /* the IVS_FF_IMPORT row, -1: never imported */
	/* Rules that are truly the kind's own, beyond what the field table
	 * says (run after the table's checks); NULL: none. */
	void (*check)(const struct ivs_res *r, struct ivs_diags *out);
};

const struct ivs_kind_info *ivs_kind_info(enum ivs_kind k);
/* Field index by YAML key (group children: key within the group and the
 * group's index as parent); -1 when unknown. */
int ivs_field_find(enum ivs_kind k, int parent, const char *key);
/* How many groups a field sits in (0: at the top of the entry; groups
 * nest: stage.auto_participant_recording_configuration.thumbnail_configuration). */
int ivs_field_depth(const struct ivs_kind_info *ki, int field);
/* The kind of the child list of kind k (its IVS_FT_CHILDREN row), or
 * IVS_KIND_COUNT when it has none. */
enum ivs_kind ivs_kind_child(enum ivs_kind k);
/* Index of an enum value in choices, -1 when not there. */
int ivs_choice_index(const char *const *choices, const char *value);
size_t ivs_choice_count(const char *const *choices);

/* Field indexes, one enum per kind, in table order (checked by a unit test). */
enum { IVS_STACK_NAME, IVS_STACK_DESCRIPTION, IVS_STACK_NFIELDS };
enum { IVS_BUCKET_ID, IVS_BUCKET_NAME, IVS_BUCKET_REMOVAL_POLICY, IVS_BUCKET_FROM_NAME,
       IVS_BUCKET_TAGS, IVS_BUCKET_LOGICAL_ID, IVS_BUCKET_NFIELDS };
enum { IVS_CHANNEL_ID, IVS_CHANNEL_NAME, IVS_CHANNEL_TYPE, IVS_CHANNEL_LATENCY_MODE,
       IVS_CHANNEL_PRESET, IVS_CHANNEL_AUTHORIZED, IVS_CHANNEL_INSECURE_INGEST,
       IVS_CHANNEL_CONTAINER_FORMAT, IVS_CHANNEL_MULTITRACK, IVS_CHANNEL_MT_MAX_RESOLUTION,
       IVS_CHANNEL_MT_POLICY, IVS_CHANNEL_RECORDING, IVS_CHANNEL_TAGS, IVS_CHANNEL_STREAM_KEYS,
       IVS_CHANNEL_FROM_ARN, IVS_CHANNEL_LOGICAL_ID, IVS_CHANNEL_REMOVAL, IVS_CHANNEL_NFIELDS };
enum { IVS_STREAM_KEY_ID, IVS_STREAM_KEY_TAGS, IVS_STREAM_KEY_LOGICAL_ID, IVS_STREAM_KEY_REMOVAL, IVS_STREAM_KEY_NFIELDS };
enum { IVS_KEY_PAIR_ID, IVS_KEY_PAIR_NAME, IVS_KEY_PAIR_PUBLIC_KEY, IVS_KEY_PAIR_TAGS,
       IVS_KEY_PAIR_LOGICAL_ID, IVS_KEY_PAIR_REMOVAL, IVS_KEY_PAIR_NFIELDS };
enum { IVS_PUBLIC_KEY_ID, IVS_PUBLIC_KEY_NAME, IVS_PUBLIC_KEY_MATERIAL, IVS_PUBLIC_KEY_TAGS,
       IVS_PUBLIC_KEY_LOGICAL_ID, IVS_PUBLIC_KEY_REMOVAL, IVS_PUBLIC_KEY_NFIELDS };
enum { IVS_RECORDING_ID, IVS_RECORDING_NAME, IVS_RECORDING_BUCKET, IVS_RECORDING_RENDITION,
       IVS_RECORDING_RENDITION_SELECTION, IVS_RECORDING_RENDITIONS, IVS_RECORDING_THUMBNAIL,
       IVS_RECORDING_THUMB_MODE, IVS_RECORDING_THUMB_RESOLUTION, IVS_RECORDING_THUMB_STORAGE,
       IVS_RECORDING_THUMB_INTERVAL, IVS_RECORDING_RECONNECT_WINDOW, IVS_RECORDING_TAGS,
       IVS_RECORDING_LOGICAL_ID, IVS_RECORDING_REMOVAL, IVS_RECORDING_NFIELDS };
/* issue 10 (l1a) */
enum { IVS_STORAGE_ID, IVS_STORAGE_NAME, IVS_STORAGE_BUCKET, IVS_STORAGE_TAGS, IVS_STORAGE_LOGICAL_ID, IVS_STORAGE_REMOVAL, IVS_STORAGE_NFIELDS };
enum { IVS_STAGE_ID, IVS_STAGE_NAME, IVS_STAGE_RECORDING, IVS_STAGE_STORAGE, IVS_STAGE_MEDIA_TYPES,
       IVS_STAGE_THUMBNAIL, IVS_STAGE_THUMB_MODE, IVS_STAGE_THUMB_STORAGE, IVS_STAGE_THUMB_INTERVAL,
       IVS_STAGE_HLS, IVS_STAGE_HLS_SEGMENT, IVS_STAGE_RECONNECT_WINDOW, IVS_STAGE_TAGS,
       IVS_STAGE_LOGICAL_ID, IVS_STAGE_REMOVAL, IVS_STAGE_NFIELDS };
enum { IVS_ENCODER_ID, IVS_ENCODER_NAME, IVS_ENCODER_VIDEO, IVS_ENCODER_BITRATE,
       IVS_ENCODER_FRAMERATE, IVS_ENCODER_HEIGHT, IVS_ENCODER_WIDTH, IVS_ENCODER_TAGS,
       IVS_ENCODER_LOGICAL_ID, IVS_ENCODER_REMOVAL, IVS_ENCODER_NFIELDS };
enum { IVS_INGEST_ID, IVS_INGEST_NAME, IVS_INGEST_STAGE, IVS_INGEST_PROTOCOL,
       IVS_INGEST_INSECURE, IVS_INGEST_USER_ID, IVS_INGEST_TAGS, IVS_INGEST_LOGICAL_ID, IVS_INGEST_REMOVAL, IVS_INGEST_NFIELDS };
enum { IVS_PLAYBACK_POLICY_ID, IVS_PLAYBACK_POLICY_NAME, IVS_PLAYBACK_POLICY_COUNTRIES,
       IVS_PLAYBACK_POLICY_ORIGINS, IVS_PLAYBACK_POLICY_STRICT, IVS_PLAYBACK_POLICY_TAGS,
       IVS_PLAYBACK_POLICY_LOGICAL_ID, IVS_PLAYBACK_POLICY_REMOVAL, IVS_PLAYBACK_POLICY_NFIELDS };

/* issue 10, l1b */
enum { IVS_CHAT_LOGGING_ID, IVS_CHAT_LOGGING_NAME, IVS_CHAT_LOGGING_BUCKET,
       IVS_CHAT_LOGGING_LOG_GROUP, IVS_CHAT_LOGGING_DELIVERY_STREAM, IVS_CHAT_LOGGING_TAGS,
       IVS_CHAT_LOGGING_LOGICAL_ID, IVS_CHAT_LOGGING_REMOVAL, IVS_CHAT_LOGGING_NFIELDS };
enum { IVS_CHAT_ROOM_ID, IVS_CHAT_ROOM_NAME, IVS_CHAT_ROOM_LOGGING, IVS_CHAT_ROOM_MAX_LENGTH,
       IVS_CHAT_ROOM_MAX_RATE, IVS_CHAT_ROOM_REVIEW, IVS_CHAT_ROOM_REVIEW_URI,
       IVS_CHAT_ROOM_REVIEW_FALLBACK, IVS_CHAT_ROOM_TAGS, IVS_CHAT_ROOM_LOGICAL_ID,
       IVS_CHAT_ROOM_REMOVAL, IVS_CHAT_ROOM_NFIELDS };
enum { IVS_OUTPUT_ID, IVS_OUTPUT_RESOURCE, IVS_OUTPUT_STREAM_KEY, IVS_OUTPUT_ATTRIBUTE,
       IVS_OUTPUT_DESCRIPTION, IVS_OUTPUT_EXPORT_NAME, IVS_OUTPUT_NFIELDS };
/* Output attributes (choices of outputs.attribute). */
enum { IVS_ATTR_BUCKET_NAME, IVS_ATTR_ARN, IVS_ATTR_INGEST_ENDPOINT, IVS_ATTR_PLAYBACK_URL,
       IVS_ATTR_VALUE, IVS_ATTR_FINGERPRINT, IVS_ATTR_STREAM_KEY, IVS_ATTR_PARTICIPANT_ID,
       IVS_ATTR_ID, IVS_ATTR_COUNT };
/* The CloudFormation attribute of an output attribute ("Arn"), NULL for
 * bucket_name ({"Ref": B}); whether kind k has it; whether it is a secret. */
const char *ivs_output_cfn_attr(int attr);
bool ivs_output_attr_of(enum ivs_kind k, int attr);
bool ivs_output_attr_secret(enum ivs_kind k, int attr);

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
enum { IVS_INGEST_RTMP, IVS_INGEST_RTMPS };

/* Character rules used by the tables (and by the validator and forms). */
bool ivs_chars_name(const char *s);       /* [A-Za-z0-9_-]* */
bool ivs_chars_stack_name(const char *s); /* ^[A-Za-z][A-Za-z0-9-]*$ */
bool ivs_chars_bucket_name(const char *s);/* S3 bucket naming rules */
bool ivs_chars_id(const char *s);         /* at least one letter or digit */
bool ivs_chars_country(const char *s);    /* an ISO 3166-1 alpha-2 code */
bool ivs_chars_logical_id(const char *s); /* [A-Za-z0-9]+ */
bool ivs_chars_log_group(const char *s);  /* ^[.\-_/#A-Za-z0-9]+$ */
bool ivs_chars_delivery_stream(const char *s); /* ^[a-zA-Z0-9_.-]+$ */
bool ivs_chars_lambda_arn(const char *s); /* ^$|^arn:aws:lambda:[a-z0-9-]+:[0-9]{12}:function:.+ */
bool ivs_chars_export_name(const char *s);/* [A-Za-z0-9-:]+ */

#endif
