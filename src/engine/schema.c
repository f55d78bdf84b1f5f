/* schema.c: the field tables. One row per key of the project format
 * (../shared/spec/project-format.md), in the order a saved file lists them. */
#include "ivs/schema.h"

#include <ctype.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "ivs/model.h"
#include "kinds_int.h"

/* The TOP rows of IVS_KIND_INFO, in order (the role picks the macro). */
#define TOP_ROW_ROOT(n)
#define TOP_ROW_CHILD(n)
#define TOP_ROW_TOP(n) IVS_KIND_##n,
#define TOP_ROW(n, s, pl, k, h, pre, cfn, role, par, path, ex) TOP_ROW_##role(n)
const enum ivs_kind ivs_top_kinds[IVS_TOP_KIND_COUNT] = {IVS_KIND_INFO(TOP_ROW)};
#undef TOP_ROW
_Static_assert(sizeof ivs_top_kinds / sizeof ivs_top_kinds[0] == IVS_TOP_KIND_COUNT, "top kinds");

static const char *const channel_types[] = {"STANDARD", "BASIC", "ADVANCED_SD", "ADVANCED_HD", NULL};
static const char *const latency_modes[] = {"LOW", "NORMAL", NULL};
static const char *const presets[] = {"CONSTRAINED_BANDWIDTH_DELIVERY", "HIGHER_BANDWIDTH_DELIVERY", NULL};
static const char *const container_formats[] = {"TS", "FRAGMENTED_MP4", NULL};
static const char *const mt_resolutions[] = {"SD", "HD", "FULL_HD", NULL};
static const char *const mt_policies[] = {"ALLOW", "REQUIRE", NULL};
static const char *const removal_policies[] = {"RETAIN", "DESTROY", NULL};
static const char *const rendition_selections[] = {"ALL", "NONE", "CUSTOM", NULL};
static const char *const resolutions[] = {"FULL_HD", "HD", "SD", "LOWEST_RESOLUTION", NULL};
static const char *const thumb_modes[] = {"INTERVAL", "DISABLED", NULL};
static const char *const storages[] = {"SEQUENTIAL", "LATEST", NULL};
static const char *const media_types[] = {"AUDIO_VIDEO", "AUDIO_ONLY", NULL};
static const char *const ingest_protocols[] = {"RTMP", "RTMPS", NULL};
static const char *const fallback_results[] = {"ALLOW", "DENY", NULL};
/* in the order of the IVS_ATTR_* enum */
static const char *const output_attributes[] = {"bucket_name", "arn", "ingest_endpoint",
	"playback_url", "value", "fingerprint", "stream_key", "participant_id", "id", NULL};

bool ivs_chars_name(const char *s)
{
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_')
			return false;
	return true;
}

bool ivs_chars_stack_name(const char *s)
{
	if (!isalpha((unsigned char)*s))
		return false;
	for (s++; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-')
			return false;
	return true;
}

bool ivs_chars_bucket_name(const char *s)
{
	size_t n = strlen(s);
	if (n < 3 || n > 63)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '.' && c != '-')
			return false;
	}
	if (!isalnum((unsigned char)s[0]) || !isalnum((unsigned char)s[n - 1]))
		return false;
	return strstr(s, "..") == NULL;
}

bool ivs_chars_id(const char *s)
{
	for (; *s; s++)
		if (isalnum((unsigned char)*s))
			return true;
	return false;
}

static bool only(const char *s, const char *extra)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr(extra, *s))
			return false;
	return true;
}

bool ivs_chars_log_group(const char *s) { return only(s, ".-_/#"); }
bool ivs_chars_delivery_stream(const char *s) { return only(s, "_.-"); }
bool ivs_chars_export_name(const char *s) { return only(s, "-:"); }

/* ^$|^arn:aws:lambda:[a-z0-9-]+:[0-9]{12}:function:.+ (the room schema's Uri) */
bool ivs_chars_lambda_arn(const char *s)
{
	static const char head[] = "arn:aws:lambda:";
	size_t n = 0;
	if (!*s)
		return true;
	if (strncmp(s, head, sizeof head - 1) != 0)
		return false;
	s += sizeof head - 1;
	for (; (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'; s++)
		n++;
	if (!n || *s++ != ':')
		return false;
	for (n = 0; *s >= '0' && *s <= '9'; s++)
		n++;
	if (n != 12 || strncmp(s, ":function:", 10) != 0)
		return false;
	return s[10] != '\0';
}

const struct ivs_chars ivs_chars_log_group_rule = {
	.ok = ivs_chars_log_group,
	.must = "must contain only letters, digits and . - _ / #"};
const struct ivs_chars ivs_chars_delivery_stream_rule = {
	.ok = ivs_chars_delivery_stream,
	.must = "must contain only letters, digits and . - _"};
const struct ivs_chars ivs_chars_export_name_rule = {
	.ok = ivs_chars_export_name,
	.must = "must contain only letters, digits, - and : (the CDK's rule for export names)"};
const struct ivs_chars ivs_chars_lambda_arn_rule = {
	.ok = ivs_chars_lambda_arn,
	.must = "must be a Lambda function ARN, arn:aws:lambda:<region>:<12-digit account>:function:<name>"};

const struct ivs_chars ivs_chars_name_rule = {
	.ok = ivs_chars_name, .must = "must contain only letters, digits, hyphens and underscores"};
const struct ivs_chars ivs_chars_stack_name_rule = {
	.ok = ivs_chars_stack_name,
	.must = "must start with a letter and contain only letters, digits and hyphens"};
const struct ivs_chars ivs_chars_bucket_name_rule = {
	.ok = ivs_chars_bucket_name,
	.must = "must be 3 to 63 lower-case letters, digits, dots and hyphens, starting and ending "
	        "with a letter or digit, without '..'",
	.has_length = true, .s3_name = true};
const struct ivs_chars ivs_chars_id_rule = {
	.ok = ivs_chars_id,
	.must = "must contain at least one ASCII letter or digit (A-Z, a-z, 0-9): the logical id is made of them"};

/* ISO 3166-1 alpha-2, the officially assigned codes (249, sorted; checked
 * against Debian's iso-codes iso_3166-1.json): AllowedCountries. */
static const char *const iso_countries[] = {
	"AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
	"BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
	"BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
	"CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
	"EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
	"GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
	"HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
	"JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
	"LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
	"ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
	"NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
	"PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
	"SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
	"ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
	"TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
	"VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
};

bool ivs_chars_country(const char *s)
{
	size_t lo = 0, hi = IVS_ARRAY_LEN(iso_countries);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(iso_countries[mid], s);
		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

const struct ivs_chars ivs_chars_country_rule = {
	.ok = ivs_chars_country,
	.must = "must be an officially assigned ISO 3166-1 alpha-2 country code in capitals (US, CA, DE)"};

bool ivs_chars_logical_id(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
			return false;
	return true;
}

const struct ivs_chars ivs_chars_logical_id_rule = {
	.ok = ivs_chars_logical_id,
	.must = "must contain only ASCII letters and digits (A-Z, a-z, 0-9), as CloudFormation "
	        "logical ids do"};

/* issue 10 (l1a): on every kind that creates a resource (the CDK's
 * overrideLogicalId and applyRemovalPolicy; synthesis.md). */
#define LOGICAL_ID_ROW(T, flg) \
	{.key = "logical_id", .type = IVS_FT_STRING, .parent = -1, .off = offsetof(T, r.logical_id), \
	 .min = 1, .max = 255, .def = IVS_NO_DEFAULT, .def_text = "derived from the id", \
	 .flags = (flg), .rule = IVS_RULE_LOGICAL_ID_INVALID, .chars = &ivs_chars_logical_id_rule, \
	 .check_text = "1 to 255 ASCII letters and digits", \
	 .help = "CloudFormation logical id to use instead of the derived one (adopting an " \
	         "existing stack's resource); references follow it."}
#define REMOVAL_ROW(T) \
	{.key = "removal_policy", .type = IVS_FT_ENUM, .parent = -1, \
	 .off = offsetof(T, r.removal_policy), .choices = removal_policies, .def = IVS_NO_DEFAULT, \
	 .def_text = "none (CloudFormation deletes)", \
	 .help = "DeletionPolicy and UpdateReplacePolicy: RETAIN keeps the resource when it " \
	         "leaves the stack, DESTROY deletes it."}

#define ID_ROW(T) \
	{.key = "id", .type = IVS_FT_ID, .parent = -1, .off = offsetof(T, r.id), .min = 1, \
	 .max = 255, .def = IVS_NO_DEFAULT, .flags = IVS_FF_REQUIRED, .rule = IVS_RULE_ID_INVALID, \
	 .chars = &ivs_chars_id_rule, .check_text = "1 to 255 characters, at least one ASCII letter or digit", \
	 .help = "Construct id; the CloudFormation logical id is derived from it."}
#define TAGS_ROW(T, flg) \
	{.key = "tags", .cfn = "Tags", .type = IVS_FT_TAGS, .parent = -1, .off = offsetof(T, r.tags), \
	 .max = 50, .def = IVS_NO_DEFAULT, .flags = (flg), .rule = IVS_RULE_TAG_COUNT, \
	 .help = "Tags: up to 50 key=value pairs; keys must not start with aws:."}

static const struct ivs_field stack_fields[] = {
	{.key = "name", .type = IVS_FT_STRING, .parent = -1, .off = offsetof(struct ivs_stack, name),
	 .min = 1, .max = 128, .def = IVS_NO_DEFAULT, .flags = IVS_FF_REQUIRED,
	 .rule = IVS_RULE_STACK_NAME, .chars = &ivs_chars_stack_name_rule,
	 .check_text = "a letter, then letters, digits and -",
	 .help = "CloudFormation stack name; part of generated channel names."},
	{.key = "description", .type = IVS_FT_STRING, .parent = -1,
	 .off = offsetof(struct ivs_stack, description), .max = 512, .def = IVS_NO_DEFAULT,
	 .rule = IVS_RULE_STACK_DESCRIPTION, .help = "Template Description (at most 512 characters)."},
};

static const struct ivs_field bucket_fields[] = {
	ID_ROW(struct ivs_bucket),
	{.key = "bucket_name", .cfn = "BucketName", .type = IVS_FT_STRING, .parent = -1,
	 .off = offsetof(struct ivs_bucket, bucket_name), .min = 3, .max = 63, .def = IVS_NO_DEFAULT,
	 .def_text = "generated by CloudFormation", .flags = IVS_FF_NOT_IMPORTED,
	 .rule = IVS_RULE_BUCKET_NAME, .chars = &ivs_chars_bucket_name_rule,
	 .check_text = "3 to 63 lower-case letters, digits, . and -, starting and ending with a letter or digit",
	 .help = "S3 bucket name; leave unset to let CloudFormation generate one."},
	{.key = "removal_policy", .type = IVS_FT_ENUM, .parent = -1,
	 .off = offsetof(struct ivs_bucket, removal_policy), .choices = removal_policies,
	 .def = IVS_REMOVAL_RETAIN, .def_text = "RETAIN", .flags = IVS_FF_NOT_IMPORTED,
	 .help = "What happens to the bucket when it leaves the stack: RETAIN keeps it."},
	{.key = "from_bucket_name", .type = IVS_FT_STRING, .parent = -1,
	 .off = offsetof(struct ivs_bucket, from_bucket_name), .min = 3, .max = 63,
	 .def = IVS_NO_DEFAULT, .flags = IVS_FF_IMPORT, .rule = IVS_RULE_BUCKET_NAME,
	 .chars = &ivs_chars_bucket_name_rule,
	 .check_text = "3 to 63 lower-case letters, digits, . and -, starting and ending with a letter or digit",
	 .help = "An existing bucket, by name: nothing is created."},
	TAGS_ROW(struct ivs_bucket, IVS_FF_NOT_IMPORTED),
	LOGICAL_ID_ROW(struct ivs_bucket, IVS_FF_NOT_IMPORTED),
};

static const struct ivs_field channel_fields[] = {
	ID_ROW(struct ivs_channel),
	{.key = "channel_name", .cfn = "Name", .type = IVS_FT_STRING, .parent = -1,
	 .off = offsetof(struct ivs_channel, channel_name), .max = 128, .def = IVS_NO_DEFAULT,
	 .def_text = "generated", .flags = IVS_FF_NOT_IMPORTED | IVS_FF_GENERATED,
	 .rule = IVS_RULE_CHANNEL_NAME, .chars = &ivs_chars_name_rule,
	 .check_text = "letters, digits, - and _",
	 .help = "Channel name; unset, the CDK generates one from the stack name and id."},
	{.key = "type", .cfn = "Type", .type = IVS_FT_ENUM, .parent = -1,
	 .off = offsetof(struct ivs_channel, type), .choices = channel_types,
	 .def = IVS_CHANNEL_TYPE_STANDARD, .def_text = "STANDARD", .flags = IVS_FF_NOT_IMPORTED,
	 .help = "STANDARD and ADVANCED transcode; BASIC passes the input through."},
	{.key = "latency_mode", .cfn = "LatencyMode", .type = IVS_FT_ENUM, .parent = -1,
	 .off = offsetof(struct ivs_channel, latency_mode), .choices = latency_modes,
	 .def = IVS_LATENCY_LOW, .def_text = "LOW", .flags = IVS_FF_NOT_IMPORTED,
	 .help = "LOW: ultra-low latency; NORMAL: standard latency."},
	{.key = "preset", .cfn = "Preset", .type = IVS_FT_ENUM, .parent = -1,
	 .off = offsetof(struct ivs_channel, preset), .choices = presets, .def = IVS_NO_DEFAULT,
	 .def_text = "none", .flags = IVS_FF_NOT_IMPORTED,
	 .help = "Transcode preset; only for ADVANCED_SD and ADVANCED_HD channels."},
	{.key = "authorized", .cfn = "Authorized", .type = IVS_FT_BOOL, .parent = -1,
	 .off = offsetof(struct ivs_channel, authorized), .def = 0, .def_text = "false",
	 .flags = IVS_FF_NOT_IMPORTED,
	 .help = "Private channel: viewers need a token signed with a playback key."},
	{.key = "insecure_ingest", .cfn = "InsecureIngest", .type = IVS_FT_BOOL, .parent = -1,
	 .off = offsetof(struct ivs_channel, insecure_ingest), .def = 0, .def_text = "false",
	 .flags = IVS_FF_NOT_IMPORTED, .help = "Allow RTMP (unencrypted) ingest besides RTMPS."},
	{.key = "container_format", .cfn = "ContainerFormat", .type = IVS_FT_ENUM, .parent = -1,
	 .off = offsetof(struct ivs_channel, container_format), .choices = container_formats,
	 .def = IVS_CONTAINER_TS, .def_text = "TS", .flags = IVS_FF_NOT_IMPORTED,
	 .help = "Packaging of playback and recordings: TS or FRAGMENTED_MP4."},
	{.key = "multitrack_input_configuration", .cfn = "MultitrackInputConfiguration",
	 .type = IVS_FT_GROUP, .parent = -1, .def = IVS_NO_DEFAULT, .def_text = "off",
	 .flags = IVS_FF_NOT_IMPORTED,
	 .help = "Multitrack video input; needs a STANDARD channel and FRAGMENTED_MP4."},
	{.key = "maximum_resolution", .cfn = "MaximumResolution", .type = IVS_FT_ENUM,
	 .parent = IVS_CHANNEL_MULTITRACK, .off = offsetof(struct ivs_channel, mt_maximum_resolution),
	 .choices = mt_resolutions, .def = IVS_NO_DEFAULT, .flags = IVS_FF_REQUIRED,
	 .help = "Highest resolution of the multitrack input."},
	{.key = "policy", .cfn = "Policy", .type = IVS_FT_ENUM, .parent = IVS_CHANNEL_MULTITRACK,
	 .off = offsetof(struct ivs_channel, mt_policy), .choices = mt_policies,
	 .def = IVS_NO_DEFAULT, .flags = IVS_FF_REQUIRED,
	 .help = "ALLOW or REQUIRE multitrack input from broadcasters."},
	{.key = "recording_configuration", .cfn = "RecordingConfigurationArn", .type = IVS_FT_REF,
	 .parent = -1, .off = offsetof(struct ivs_channel, recording_configuration),
	 .def = IVS_NO_DEFAULT, .def_text = "not recorded", .ref = IVS_KIND_RECORDING,
	 .flags = IVS_FF_NOT_IMPORTED, .help = "Recording configuration that records this channel."},
	TAGS_ROW(struct ivs_channel, 0),
	{.key = "stream_keys", .type = IVS_FT_CHILDREN, .parent = -1,
	 .off = offsetof(struct ivs_channel, stream_keys), .def = IVS_NO_DEFAULT,
	 .ref = IVS_KIND_STREAM_KEY, .help = "Stream keys of the channel (IVS allows one)."},
	{.key = "from_channel_arn", .type = IVS_FT_STRING, .parent = -1,
	 .off = offsetof(struct ivs_channel, from_channel_arn), .def = IVS_NO_DEFAULT,
	 .flags = IVS_FF_IMPORT, .rule = IVS_RULE_CHANNEL_ARN,
	 .check_text = "arn:<partition>:ivs:<region>:<account>:channel/<id>",
	 .help = "An existing channel, by ARN: no channel is created, only its stream keys."},
	LOGICAL_ID_ROW(struct ivs_channel, IVS_FF_NOT_IMPORTED),
	{.key = "removal_policy", .type = IVS_FT_ENUM, .parent = -1,
	 .off = offsetof(struct ivs_channel, r.removal_policy), .choices = removal_policies,
	 .def = IVS_NO_DEFAULT, .def_text = "none (CloudFormation deletes)", .flags = IVS_FF_NOT_IMPORTED,
	 .help = "DeletionPolicy and UpdateReplacePolicy: RETAIN keeps the resource when it leaves the stack, DESTROY deletes it."},
};

static const struct ivs_field stream_key_fields[] = {
	ID_ROW(struct ivs_stream_key),
	TAGS_ROW(struct ivs_stream_key, 0),
	LOGICAL_ID_ROW(struct ivs_stream_key, 0),
	REMOVAL_ROW(struct ivs_stream_key),
};

static const struct ivs_field key_pair_fields[] = {
	ID_ROW(struct ivs_key_pair),
	{.key = "playback_key_pair_name", .cfn = "Name", .type = IVS_FT_STRING, .parent = -1,
	 .off = offsetof(struct ivs_key_pair, name), .max = 128, .def = IVS_NO_DEFAULT,
	 .def_text = "none", .rule = IVS_RULE_KEY_PAIR_NAME, .chars = &ivs_chars_name_rule,
	 .check_text = "letters, digits, - and _", .help = "Key pair name (optional)."},
	{.key = "public_key_material", .cfn = "PublicKeyMaterial", .type = IVS_FT_TEXT, .parent = -1,
	 .off = offsetof(struct ivs_key_pair, public_key_material), .def = IVS_NO_DEFAULT,
	 .flags = IVS_FF_REQUIRED | IVS_FF_PEM_P384,
	 .help = "PEM public key, ECDSA P-384; never paste the private key here."},
	TAGS_ROW(struct ivs_key_pair, 0),
	LOGICAL_ID_ROW(struct ivs_key_pair, 0),
	REMOVAL_ROW(struct ivs_key_pair),
};

static const struct ivs_field public_key_fields[] = {
	ID_ROW(struct ivs_public_key),
	{.key = "public_key_name", .cfn = "Name", .type = IVS_FT_STRING, .parent = -1,
	 .off = offsetof(struct ivs_public_key, name), .max = 128, .def = IVS_NO_DEFAULT,
	 .def_text = "none", .rule = IVS_RULE_PUBLIC_KEY_NAME, .chars = &ivs_chars_name_rule,
	 .check_text = "letters, digits, - and _", .help = "Public key name (optional)."},
	{.key = "public_key_material", .cfn = "PublicKeyMaterial", .type = IVS_FT_TEXT, .parent = -1,
	 .off = offsetof(struct ivs_public_key, public_key_material), .def = IVS_NO_DEFAULT,
	 .flags = IVS_FF_REQUIRED | IVS_FF_PEM_P384,
	 .help = "PEM public key, ECDSA P-384, that verifies stage participant tokens."},
	TAGS_ROW(struct ivs_public_key, 0),
	LOGICAL_ID_ROW(struct ivs_public_key, 0),
	REMOVAL_ROW(struct ivs_public_key),
};

static const struct ivs_field recording_fields[] = {
	ID_ROW(struct ivs_recording),
	{.key = "recording_configuration_name", .cfn = "Name", .type = IVS_FT_STRING, .parent = -1,
	 .off = offsetof(struct ivs_recording, name), .max = 128, .def = IVS_NO_DEFAULT,
	 .def_text = "none", .rule = IVS_RULE_RECORDING_NAME, .chars = &ivs_chars_name_rule,
	 .check_text = "letters, digits, - and _", .help = "Recording configuration name (optional)."},
	{.key = "bucket", .type = IVS_FT_REF, .parent = -1,
	 .off = offsetof(struct ivs_recording, bucket), .def = IVS_NO_DEFAULT, .ref = IVS_KIND_BUCKET,
	 .flags = IVS_FF_REQUIRED, .help = "Bucket the recordings go to."},
	{.key = "rendition_configuration", .cfn = "RenditionConfiguration", .type = IVS_FT_GROUP,
	 .parent = -1, .def = IVS_NO_DEFAULT, .def_text = "service default (ALL)",
	 .help = "Which renditions are recorded."},
	{.key = "rendition_selection", .cfn = "RenditionSelection", .type = IVS_FT_ENUM,
	 .parent = IVS_RECORDING_RENDITION, .off = offsetof(struct ivs_recording, rendition_selection),
	 .choices = rendition_selections, .def = IVS_NO_DEFAULT, .flags = IVS_FF_REQUIRED,
	 .help = "ALL, NONE, or CUSTOM (then list the renditions)."},
	{.key = "renditions", .cfn = "Renditions", .type = IVS_FT_ENUM_LIST,
	 .parent = IVS_RECORDING_RENDITION, .off = offsetof(struct ivs_recording, renditions),
	 .choices = resolutions, .max = 4, .def = IVS_NO_DEFAULT, .rule = IVS_RULE_LIST_DUPLICATE,
	 .help = "Renditions recorded with CUSTOM selection."},
	{.key = "thumbnail_configuration", .cfn = "ThumbnailConfiguration", .type = IVS_FT_GROUP,
	 .parent = -1, .def = IVS_NO_DEFAULT, .def_text = "service default",
	 .help = "Thumbnails saved with the recordings."},
	{.key = "recording_mode", .cfn = "RecordingMode", .type = IVS_FT_ENUM,
	 .parent = IVS_RECORDING_THUMBNAIL, .off = offsetof(struct ivs_recording, thumb_recording_mode),
	 .choices = thumb_modes, .def = IVS_NO_DEFAULT, .def_text = "INTERVAL",
	 .help = "INTERVAL records thumbnails; DISABLED records none."},
	{.key = "resolution", .cfn = "Resolution", .type = IVS_FT_ENUM,
	 .parent = IVS_RECORDING_THUMBNAIL, .off = offsetof(struct ivs_recording, thumb_resolution),
	 .choices = resolutions, .def = IVS_NO_DEFAULT, .def_text = "source",
	 .help = "Thumbnail resolution; unset: the source resolution."},
	{.key = "storage", .cfn = "Storage", .type = IVS_FT_ENUM_LIST,
	 .parent = IVS_RECORDING_THUMBNAIL, .off = offsetof(struct ivs_recording, thumb_storage),
	 .choices = storages, .max = 2, .def = IVS_NO_DEFAULT, .def_text = "SEQUENTIAL",
	 .rule = IVS_RULE_LIST_DUPLICATE, .help = "SEQUENTIAL keeps every thumbnail, LATEST the last."},
	{.key = "target_interval_seconds", .cfn = "TargetIntervalSeconds", .type = IVS_FT_INT,
	 .parent = IVS_RECORDING_THUMBNAIL,
	 .off = offsetof(struct ivs_recording, thumb_target_interval), .min = 1, .max = 60,
	 .def = IVS_NO_DEFAULT, .def_text = "60", .rule = IVS_RULE_THUMBNAIL_INTERVAL,
	 .help = "Seconds between thumbnails, 1 to 60."},
	{.key = "recording_reconnect_window_seconds", .cfn = "RecordingReconnectWindowSeconds",
	 .type = IVS_FT_INT, .parent = -1, .off = offsetof(struct ivs_recording, reconnect_window),
	 .min = 0, .max = 300, .def = IVS_NO_DEFAULT, .def_text = "0 (off)",
	 .rule = IVS_RULE_RECONNECT_WINDOW,
	 .help = "Seconds a broadcast may drop and still record to the same prefix, 0 to 300."},
	TAGS_ROW(struct ivs_recording, 0),
	LOGICAL_ID_ROW(struct ivs_recording, 0),
	REMOVAL_ROW(struct ivs_recording),
};

/* ---- issue 10 (l1a): the real-time and playback L1 kinds ---- */

#define NAME_ROW(T, key_, rule_, what) \
	{.key = key_, .cfn = "Name", .type = IVS_FT_STRING, .parent = -1, .off = offsetof(T, name), \
	 .max = 128, .def = IVS_NO_DEFAULT, .def_text = "none", .rule = rule_, \
	 .chars = &ivs_chars_name_rule, .check_text = "letters, digits, - and _", \
	 .help = what " name (optional): at most 128 letters, digits, - and _."}

static const struct ivs_field storage_fields[] = {
	ID_ROW(struct ivs_storage),
	NAME_ROW(struct ivs_storage, "storage_configuration_name", IVS_RULE_STORAGE_NAME,
	         "Storage configuration"),
	{.key = "bucket", .cfn = "S3", .cfn_inner = "BucketName", .type = IVS_FT_REF, .parent = -1,
	 .off = offsetof(struct ivs_storage, bucket), .def = IVS_NO_DEFAULT, .ref = IVS_KIND_BUCKET,
	 .flags = IVS_FF_REQUIRED, .help = "Bucket the stage's participant recordings go to."},
	TAGS_ROW(struct ivs_storage, 0),
	LOGICAL_ID_ROW(struct ivs_storage, 0),
	REMOVAL_ROW(struct ivs_storage),
};

static const struct ivs_field stage_fields[] = {
	ID_ROW(struct ivs_stage),
	NAME_ROW(struct ivs_stage, "stage_name", IVS_RULE_STAGE_NAME, "Stage"),
	{.key = "auto_participant_recording_configuration",
	 .cfn = "AutoParticipantRecordingConfiguration", .type = IVS_FT_GROUP, .parent = -1,
	 .def = IVS_NO_DEFAULT, .def_text = "not recorded",
	 .help = "Record every participant of the stage to a storage configuration's bucket."},
	{.key = "storage_configuration", .cfn = "StorageConfigurationArn", .type = IVS_FT_REF,
	 .parent = IVS_STAGE_RECORDING, .off = offsetof(struct ivs_stage, storage_configuration),
	 .def = IVS_NO_DEFAULT, .ref = IVS_KIND_STORAGE, .flags = IVS_FF_REQUIRED,
	 .help = "Storage configuration the participant recordings go to."},
	{.key = "media_types", .cfn = "MediaTypes", .type = IVS_FT_ENUM_LIST,
	 .parent = IVS_STAGE_RECORDING, .off = offsetof(struct ivs_stage, media_types),
	 .choices = media_types, .max = 1, .def = IVS_NO_DEFAULT, .def_text = "AUDIO_VIDEO",
	 .rule = IVS_RULE_LIST_DUPLICATE, .help = "What is recorded: AUDIO_VIDEO or AUDIO_ONLY (one)."},
	{.key = "thumbnail_configuration", .cfn = "ThumbnailConfiguration",
	 .cfn_inner = "ParticipantThumbnailConfiguration", .type = IVS_FT_GROUP,
	 .parent = IVS_STAGE_RECORDING, .def = IVS_NO_DEFAULT, .def_text = "service default (none)",
	 .help = "Thumbnails of each participant's recording."},
	{.key = "recording_mode", .cfn = "RecordingMode", .type = IVS_FT_ENUM,
	 .parent = IVS_STAGE_THUMBNAIL, .off = offsetof(struct ivs_stage, thumb_recording_mode),
	 .choices = thumb_modes, .def = IVS_THUMB_MODE_DISABLED, .def_text = "DISABLED",
	 .help = "INTERVAL records thumbnails; DISABLED (the default here) records none."},
	{.key = "storage", .cfn = "Storage", .type = IVS_FT_ENUM_LIST, .parent = IVS_STAGE_THUMBNAIL,
	 .off = offsetof(struct ivs_stage, thumb_storage), .choices = storages, .max = 2,
	 .def = IVS_NO_DEFAULT, .def_text = "SEQUENTIAL", .rule = IVS_RULE_LIST_DUPLICATE,
	 .help = "SEQUENTIAL keeps every thumbnail, LATEST the last."},
	{.key = "target_interval_seconds", .cfn = "TargetIntervalSeconds", .type = IVS_FT_INT,
	 .parent = IVS_STAGE_THUMBNAIL, .off = offsetof(struct ivs_stage, thumb_target_interval),
	 .min = 1, .max = 86400, .def = IVS_NO_DEFAULT, .def_text = "60",
	 .help = "Seconds between thumbnails, 1 to 86400 (only with recording_mode INTERVAL)."},
	{.key = "hls_configuration", .cfn = "HlsConfiguration",
	 .cfn_inner = "ParticipantRecordingHlsConfiguration", .type = IVS_FT_GROUP,
	 .parent = IVS_STAGE_RECORDING, .def = IVS_NO_DEFAULT, .def_text = "service default",
	 .help = "HLS packaging of the participant recordings."},
	{.key = "target_segment_duration_seconds", .cfn = "TargetSegmentDurationSeconds",
	 .type = IVS_FT_INT, .parent = IVS_STAGE_HLS,
	 .off = offsetof(struct ivs_stage, hls_segment_duration), .min = 2, .max = 10,
	 .def = IVS_NO_DEFAULT, .def_text = "6", .help = "Seconds per HLS segment, 2 to 10."},
	{.key = "recording_reconnect_window_seconds", .cfn = "RecordingReconnectWindowSeconds",
	 .type = IVS_FT_INT, .parent = IVS_STAGE_RECORDING,
	 .off = offsetof(struct ivs_stage, reconnect_window), .min = 0, .max = 300,
	 .def = IVS_NO_DEFAULT, .def_text = "0 (off)", .rule = IVS_RULE_RECONNECT_WINDOW,
	 .help = "Seconds a participant may drop and still record to the same recording, 0 to 300."},
	TAGS_ROW(struct ivs_stage, 0),
	LOGICAL_ID_ROW(struct ivs_stage, 0),
	REMOVAL_ROW(struct ivs_stage),
};

static const struct ivs_field encoder_fields[] = {
	ID_ROW(struct ivs_encoder),
	NAME_ROW(struct ivs_encoder, "encoder_configuration_name", IVS_RULE_ENCODER_NAME,
	         "Encoder configuration"),
	{.key = "video", .cfn = "Video", .type = IVS_FT_GROUP, .parent = -1, .def = IVS_NO_DEFAULT,
	 .def_text = "1280x720, 2.5 Mbps, 30 fps",
	 .help = "Video of the server-side composition."},
	{.key = "bitrate", .cfn = "Bitrate", .type = IVS_FT_INT, .parent = IVS_ENCODER_VIDEO,
	 .off = offsetof(struct ivs_encoder, bitrate), .min = 1, .max = 8500000,
	 .def = 2500000, .def_text = "2500000", .help = "Bits per second, 1 to 8,500,000."},
	{.key = "framerate", .cfn = "Framerate", .type = IVS_FT_NUMBER, .parent = IVS_ENCODER_VIDEO,
	 .off = offsetof(struct ivs_encoder, framerate), .min = 1, .max = 60,
	 .def = IVS_NO_DEFAULT, .def_text = "30", .rule = IVS_RULE_NUMBER_RANGE,
	 .help = "Frames per second, a number from 1 to 60 (29.97 is fine)."},
	{.key = "height", .cfn = "Height", .type = IVS_FT_INT, .parent = IVS_ENCODER_VIDEO,
	 .off = offsetof(struct ivs_encoder, height), .min = 2, .max = 1920, .def = 720,
	 .def_text = "720", .help = "Pixels, even, 2 to 1920; width x height at most 2,073,600."},
	{.key = "width", .cfn = "Width", .type = IVS_FT_INT, .parent = IVS_ENCODER_VIDEO,
	 .off = offsetof(struct ivs_encoder, width), .min = 2, .max = 1920, .def = 1280,
	 .def_text = "1280", .help = "Pixels, even, 2 to 1920; width x height at most 2,073,600."},
	TAGS_ROW(struct ivs_encoder, 0),
	LOGICAL_ID_ROW(struct ivs_encoder, 0),
	REMOVAL_ROW(struct ivs_encoder),
};

static const struct ivs_field ingest_fields[] = {
	ID_ROW(struct ivs_ingest),
	NAME_ROW(struct ivs_ingest, "ingest_configuration_name", IVS_RULE_INGEST_NAME,
	         "Ingest configuration"),
	{.key = "stage", .cfn = "StageArn", .type = IVS_FT_REF, .parent = -1,
	 .off = offsetof(struct ivs_ingest, stage), .def = IVS_NO_DEFAULT, .def_text = "none",
	 .ref = IVS_KIND_STAGE, .help = "Stage the encoder publishes into."},
	{.key = "ingest_protocol", .cfn = "IngestProtocol", .type = IVS_FT_ENUM, .parent = -1,
	 .off = offsetof(struct ivs_ingest, ingest_protocol), .choices = ingest_protocols,
	 .def = IVS_INGEST_RTMPS, .def_text = "RTMPS",
	 .help = "RTMPS (encrypted) or RTMP (needs insecure_ingest: true)."},
	{.key = "insecure_ingest", .cfn = "InsecureIngest", .type = IVS_FT_BOOL, .parent = -1,
	 .off = offsetof(struct ivs_ingest, insecure_ingest), .def = 0, .def_text = "false",
	 .help = "Allow unencrypted RTMP ingest; must be true with ingest_protocol RTMP."},
	{.key = "user_id", .cfn = "UserId", .type = IVS_FT_STRING, .parent = -1,
	 .off = offsetof(struct ivs_ingest, user_id), .def = IVS_NO_DEFAULT, .def_text = "none",
	 .help = "Customer-assigned name of the participant (not secret: do not put PII here)."},
	TAGS_ROW(struct ivs_ingest, 0),
	LOGICAL_ID_ROW(struct ivs_ingest, 0),
	REMOVAL_ROW(struct ivs_ingest),
};

static const struct ivs_field playback_policy_fields[] = {
	ID_ROW(struct ivs_playback_policy),
	{.key = "playback_restriction_policy_name", .cfn = "Name", .type = IVS_FT_STRING, .parent = -1,
	 .off = offsetof(struct ivs_playback_policy, name), .max = 128, .def = IVS_NO_DEFAULT,
	 .def_text = "none", .rule = IVS_RULE_PLAYBACK_POLICY_NAME, .chars = &ivs_chars_name_rule,
	 .check_text = "letters, digits, - and _",
	 .help = "Policy name (optional). CloudFormation cannot attach a policy to a channel: "
	         "attach it with the IVS console or API."},
	{.key = "allowed_countries", .cfn = "AllowedCountries", .type = IVS_FT_STRING_LIST,
	 .parent = -1, .off = offsetof(struct ivs_playback_policy, allowed_countries), .min = 2,
	 .max = 2, .def = IVS_NO_DEFAULT, .def_text = "all countries", .flags = IVS_FF_UNIQUE,
	 .rule = IVS_RULE_COUNTRY_CODE, .chars = &ivs_chars_country_rule,
	 .check_text = "ISO 3166-1 alpha-2 codes such as US, CA",
	 .help = "Countries where playback is allowed (ISO 3166-1 alpha-2 codes); none: all."},
	{.key = "allowed_origins", .cfn = "AllowedOrigins", .type = IVS_FT_STRING_LIST,
	 .parent = -1, .off = offsetof(struct ivs_playback_policy, allowed_origins), .max = 128,
	 .def = IVS_NO_DEFAULT, .def_text = "all origins", .check_text = "origins such as https://example.com",
	 .help = "Web origins (the HTTP Origin header) allowed to play; none: all."},
	{.key = "enable_strict_origin_enforcement", .cfn = "EnableStrictOriginEnforcement",
	 .type = IVS_FT_BOOL, .parent = -1, .off = offsetof(struct ivs_playback_policy, strict_origin),
	 .def = 0, .def_text = "false",
	 .help = "Also check the origin of playback tokens' requests (strict enforcement)."},
	TAGS_ROW(struct ivs_playback_policy, 0),
	LOGICAL_ID_ROW(struct ivs_playback_policy, 0),
	REMOVAL_ROW(struct ivs_playback_policy),
};
/* ---- issue 10, l1b: chat and outputs ---- */

#define CHAT_TAGS_ROW(T) \
	{.key = "tags", .cfn = "Tags", .type = IVS_FT_TAGS, .parent = -1, .off = offsetof(T, r.tags), \
	 .min = 1, .max = 50, .def = IVS_NO_DEFAULT, .rule = IVS_RULE_TAG_COUNT, \
	 .help = "Tags: up to 50 key=value pairs, values at least 1 character (IVS Chat); keys must not start with aws:."}

static const struct ivs_field chat_logging_fields[] = {
	ID_ROW(struct ivs_chat_logging),
	{.key = "logging_configuration_name", .cfn = "Name", .type = IVS_FT_STRING, .parent = -1,
	 .off = offsetof(struct ivs_chat_logging, name), .max = 128, .def = IVS_NO_DEFAULT,
	 .def_text = "none", .rule = IVS_RULE_CHAT_LOGGING_NAME, .chars = &ivs_chars_name_rule,
	 .check_text = "letters, digits, - and _", .help = "Logging configuration name (optional)."},
	{.key = "bucket", .cfn = "DestinationConfiguration.S3.BucketName", .type = IVS_FT_REF,
	 .parent = -1, .off = offsetof(struct ivs_chat_logging, bucket), .def = IVS_NO_DEFAULT,
	 .ref = IVS_KIND_BUCKET, .one_of = 1,
	 .help = "Destination: the S3 bucket chat messages are logged to."},
	{.key = "log_group_name", .cfn = "DestinationConfiguration.CloudWatchLogs.LogGroupName",
	 .type = IVS_FT_STRING, .parent = -1, .off = offsetof(struct ivs_chat_logging, log_group_name),
	 .min = 1, .max = 512, .def = IVS_NO_DEFAULT, .one_of = 1,
	 .chars = &ivs_chars_log_group_rule, .check_text = "1 to 512 letters, digits and . - _ / #",
	 .help = "Destination: a CloudWatch Logs log group, by name."},
	{.key = "delivery_stream_name", .cfn = "DestinationConfiguration.Firehose.DeliveryStreamName",
	 .type = IVS_FT_STRING, .parent = -1,
	 .off = offsetof(struct ivs_chat_logging, delivery_stream_name), .min = 1, .max = 64,
	 .def = IVS_NO_DEFAULT, .one_of = 1, .chars = &ivs_chars_delivery_stream_rule, .check_text = "1 to 64 letters, digits and . - _",
	 .help = "Destination: a Kinesis Data Firehose delivery stream, by name."},
	CHAT_TAGS_ROW(struct ivs_chat_logging),
	LOGICAL_ID_ROW(struct ivs_chat_logging, 0),
	REMOVAL_ROW(struct ivs_chat_logging),
};

static const struct ivs_field chat_room_fields[] = {
	ID_ROW(struct ivs_chat_room),
	{.key = "room_name", .cfn = "Name", .type = IVS_FT_STRING, .parent = -1,
	 .off = offsetof(struct ivs_chat_room, name), .max = 128, .def = IVS_NO_DEFAULT,
	 .def_text = "none", .rule = IVS_RULE_CHAT_ROOM_NAME, .chars = &ivs_chars_name_rule,
	 .check_text = "letters, digits, - and _", .help = "Room name (optional)."},
	{.key = "logging_configurations", .cfn = "LoggingConfigurationIdentifiers",
	 .type = IVS_FT_REF_LIST, .parent = -1,
	 .off = offsetof(struct ivs_chat_room, logging_configurations), .max = 50,
	 .def = IVS_NO_DEFAULT, .def_text = "not logged", .ref = IVS_KIND_CHAT_LOGGING,
	 .rule = IVS_RULE_LIST_DUPLICATE,
	 .help = "Chat logging configurations that log this room's messages (at most 50)."},
	{.key = "maximum_message_length", .cfn = "MaximumMessageLength", .type = IVS_FT_INT,
	 .parent = -1, .off = offsetof(struct ivs_chat_room, maximum_message_length), .min = 1,
	 .max = 500, .def = IVS_NO_DEFAULT, .def_text = "500", .rule = IVS_RULE_INT_RANGE,
	 .help = "Longest message, in characters, 1 to 500."},
	{.key = "maximum_message_rate_per_second", .cfn = "MaximumMessageRatePerSecond",
	 .type = IVS_FT_INT, .parent = -1, .off = offsetof(struct ivs_chat_room, maximum_message_rate),
	 .min = 1, .max = 10, .def = IVS_NO_DEFAULT, .def_text = "10", .rule = IVS_RULE_INT_RANGE,
	 .help = "Messages a user may send per second, 1 to 10."},
	{.key = "message_review_handler", .cfn = "MessageReviewHandler", .type = IVS_FT_GROUP,
	 .parent = -1, .def = IVS_NO_DEFAULT, .def_text = "none",
	 .help = "A Lambda function that reviews every message before it is delivered."},
	{.key = "uri", .cfn = "Uri", .type = IVS_FT_STRING, .parent = IVS_CHAT_ROOM_REVIEW,
	 .off = offsetof(struct ivs_chat_room, review_uri), .max = 170, .def = IVS_NO_DEFAULT,
	 .flags = IVS_FF_REQUIRED, .chars = &ivs_chars_lambda_arn_rule,
	 .check_text = "arn:aws:lambda:<region>:<account>:function:<name>",
	 .help = "ARN of the Lambda function that reviews messages."},
	{.key = "fallback_result", .cfn = "FallbackResult", .type = IVS_FT_ENUM,
	 .parent = IVS_CHAT_ROOM_REVIEW, .off = offsetof(struct ivs_chat_room, review_fallback),
	 .choices = fallback_results, .def = IVS_NO_DEFAULT, .def_text = "ALLOW",
	 .help = "What happens to a message when the handler fails or times out."},
	CHAT_TAGS_ROW(struct ivs_chat_room),
	LOGICAL_ID_ROW(struct ivs_chat_room, 0),
	REMOVAL_ROW(struct ivs_chat_room),
};

/* Kinds an output may name: every TOP kind that creates a resource. */
#define OUTPUT_TARGETS \
	((1u << IVS_KIND_BUCKET) | (1u << IVS_KIND_CHANNEL) | (1u << IVS_KIND_KEY_PAIR) | \
	 (1u << IVS_KIND_RECORDING) | (1u << IVS_KIND_PUBLIC_KEY) | (1u << IVS_KIND_CHAT_LOGGING) | \
	 (1u << IVS_KIND_CHAT_ROOM) | IVS_OUTPUT_TARGETS_MORE)
/* l1a's kinds (issue 10) */
#define IVS_OUTPUT_TARGETS_MORE \
	((1u << IVS_KIND_STORAGE) | (1u << IVS_KIND_STAGE) | (1u << IVS_KIND_ENCODER) | \
	 (1u << IVS_KIND_INGEST) | (1u << IVS_KIND_PLAYBACK_POLICY))

static const struct ivs_field output_fields[] = {
	ID_ROW(struct ivs_output),
	{.key = "resource", .type = IVS_FT_REF, .parent = -1,
	 .off = offsetof(struct ivs_output, resource), .def = IVS_NO_DEFAULT, .ref = IVS_KIND_BUCKET,
	 .ref_mask = OUTPUT_TARGETS, .flags = IVS_FF_REQUIRED,
	 .help = "Id of the entry whose value the output shows (any kind this template creates)."},
	{.key = "stream_key", .type = IVS_FT_REF, .parent = -1,
	 .off = offsetof(struct ivs_output, stream_key), .def = IVS_NO_DEFAULT,
	 .def_text = "the channel itself", .ref = IVS_KIND_STREAM_KEY,
	 .ref_parent = IVS_OUTPUT_RESOURCE,
	 .help = "Id of one of the channel's stream keys, to show the key's value instead."},
	{.key = "attribute", .type = IVS_FT_ENUM, .parent = -1,
	 .off = offsetof(struct ivs_output, attribute), .choices = output_attributes,
	 .def = IVS_NO_DEFAULT, .flags = IVS_FF_REQUIRED, .rule = IVS_RULE_OUTPUT_ATTRIBUTE,
	 .help = "Which value: arn, bucket_name, ingest_endpoint, playback_url, ... (per kind)."},
	{.key = "description", .cfn = "Description", .type = IVS_FT_STRING, .parent = -1,
	 .off = offsetof(struct ivs_output, description), .def = IVS_NO_DEFAULT,
	 .def_text = "none", .rule = IVS_RULE_OUTPUT_DESCRIPTION,
	 .help = "What the value is, shown with it (at most 1024 bytes)."},
	{.key = "export_name", .type = IVS_FT_STRING, .parent = -1,
	 .off = offsetof(struct ivs_output, export_name), .min = 1, .max = 255,
	 .def = IVS_NO_DEFAULT, .def_text = "not exported", .rule = IVS_RULE_OUTPUT_EXPORT_NAME,
	 .chars = &ivs_chars_export_name_rule, .check_text = "1 to 255 letters, digits, - and :",
	 .help = "Name other stacks import the value by (Fn::ImportValue); unique in the account."},
};

/* Which attributes a kind has (project-format.md, "The rest of IVS"). */
static const struct {
	enum ivs_kind kind;
	unsigned attrs, secrets;
} output_attrs[] = {
	{IVS_KIND_BUCKET, 1u << IVS_ATTR_BUCKET_NAME | 1u << IVS_ATTR_ARN, 0},
	{IVS_KIND_CHANNEL, 1u << IVS_ATTR_ARN | 1u << IVS_ATTR_INGEST_ENDPOINT | 1u << IVS_ATTR_PLAYBACK_URL, 0},
	{IVS_KIND_STREAM_KEY, 1u << IVS_ATTR_ARN | 1u << IVS_ATTR_VALUE, 1u << IVS_ATTR_VALUE},
	{IVS_KIND_KEY_PAIR, 1u << IVS_ATTR_ARN | 1u << IVS_ATTR_FINGERPRINT, 0},
	{IVS_KIND_RECORDING, 1u << IVS_ATTR_ARN, 0},
	{IVS_KIND_PUBLIC_KEY, 1u << IVS_ATTR_ARN | 1u << IVS_ATTR_FINGERPRINT, 0},
	{IVS_KIND_CHAT_LOGGING, 1u << IVS_ATTR_ARN | 1u << IVS_ATTR_ID, 0},
	{IVS_KIND_CHAT_ROOM, 1u << IVS_ATTR_ARN | 1u << IVS_ATTR_ID, 0},
	{IVS_KIND_STORAGE, 1u << IVS_ATTR_ARN, 0},
	{IVS_KIND_STAGE, 1u << IVS_ATTR_ARN, 0},
	{IVS_KIND_ENCODER, 1u << IVS_ATTR_ARN, 0},
	{IVS_KIND_PLAYBACK_POLICY, 1u << IVS_ATTR_ARN, 0},
	{IVS_KIND_INGEST, 1u << IVS_ATTR_ARN | 1u << IVS_ATTR_STREAM_KEY | 1u << IVS_ATTR_PARTICIPANT_ID,
	 1u << IVS_ATTR_STREAM_KEY},
};

static const char *const output_cfn_attrs[IVS_ATTR_COUNT] = {
	NULL, "Arn", "IngestEndpoint", "PlaybackUrl", "Value", "Fingerprint", "StreamKey",
	"ParticipantId", "Id"};
_Static_assert(IVS_ARRAY_LEN(output_attributes) == IVS_ATTR_COUNT + 1, "output attributes");

const char *ivs_output_cfn_attr(int attr)
{
	return attr >= 0 && attr < IVS_ATTR_COUNT ? output_cfn_attrs[attr] : NULL;
}

bool ivs_output_attr_of(enum ivs_kind k, int attr)
{
	for (size_t i = 0; i < IVS_ARRAY_LEN(output_attrs); i++)
		if (output_attrs[i].kind == k)
			return attr >= 0 && attr < IVS_ATTR_COUNT && (output_attrs[i].attrs >> attr) & 1u;
	return false;
}

bool ivs_output_attr_secret(enum ivs_kind k, int attr)
{
	for (size_t i = 0; i < IVS_ARRAY_LEN(output_attrs); i++)
		if (output_attrs[i].kind == k)
			return attr >= 0 && attr < IVS_ATTR_COUNT && (output_attrs[i].secrets >> attr) & 1u;
	return false;
}

/* What the X-macro cannot say: the struct, the field table and the hooks,
 * one entry per kind in enum order (IVS_PER_KIND checks the count). */
struct kind_body {
	size_t size;
	const struct ivs_field *fields;
	int nfields;
	void (*check)(const struct ivs_res *r, struct ivs_diags *out);
};
#define BODY(T, F, check) {sizeof(T), F, (int)IVS_ARRAY_LEN(F), check}
static const struct kind_body bodies[] = {
	BODY(struct ivs_stack, stack_fields, ivs_check_stack),
	BODY(struct ivs_bucket, bucket_fields, NULL),
	BODY(struct ivs_channel, channel_fields, ivs_check_channel),
	BODY(struct ivs_stream_key, stream_key_fields, NULL),
	BODY(struct ivs_key_pair, key_pair_fields, NULL),
	BODY(struct ivs_recording, recording_fields, ivs_check_recording),
	BODY(struct ivs_public_key, public_key_fields, NULL),
	BODY(struct ivs_storage, storage_fields, NULL),
	BODY(struct ivs_stage, stage_fields, ivs_check_stage),
	BODY(struct ivs_encoder, encoder_fields, ivs_check_encoder),
	BODY(struct ivs_ingest, ingest_fields, ivs_check_ingest),
	BODY(struct ivs_playback_policy, playback_policy_fields, NULL),
	BODY(struct ivs_chat_logging, chat_logging_fields, NULL),
	BODY(struct ivs_chat_room, chat_room_fields, NULL),
	BODY(struct ivs_output, output_fields, ivs_check_output),
};
IVS_PER_KIND(bodies);

static struct ivs_kind_info kinds[] = {
#define KIND_ROW(n, s, pl, k, h, pre, cfn, ro, par, pth, ex) \
	{.kind = IVS_KIND_##n, .name = s, .plural = pl, .list_key = k, .heading = h, \
	 .id_prefix = pre, .cfn_type = cfn, .role = IVS_ROLE_##ro, .parent = IVS_KIND_##par, \
	 .path = IVS_PATH_##pth, .export_rank = ex, .child_field = -2},
	IVS_KIND_INFO(KIND_ROW)
#undef KIND_ROW
};
IVS_PER_KIND(kinds);

/* The nfields enums must match the tables (unit-tested too). */
_Static_assert(IVS_ARRAY_LEN(stack_fields) == IVS_STACK_NFIELDS, "stack table");
_Static_assert(IVS_ARRAY_LEN(bucket_fields) == IVS_BUCKET_NFIELDS, "bucket table");
_Static_assert(IVS_ARRAY_LEN(channel_fields) == IVS_CHANNEL_NFIELDS, "channel table");
_Static_assert(IVS_ARRAY_LEN(stream_key_fields) == IVS_STREAM_KEY_NFIELDS, "stream key table");
_Static_assert(IVS_ARRAY_LEN(key_pair_fields) == IVS_KEY_PAIR_NFIELDS, "key pair table");
_Static_assert(IVS_ARRAY_LEN(recording_fields) == IVS_RECORDING_NFIELDS, "recording table");
_Static_assert(IVS_ARRAY_LEN(public_key_fields) == IVS_PUBLIC_KEY_NFIELDS, "public key table");
_Static_assert(IVS_ARRAY_LEN(storage_fields) == IVS_STORAGE_NFIELDS, "storage table");
_Static_assert(IVS_ARRAY_LEN(stage_fields) == IVS_STAGE_NFIELDS, "stage table");
_Static_assert(IVS_ARRAY_LEN(encoder_fields) == IVS_ENCODER_NFIELDS, "encoder table");
_Static_assert(IVS_ARRAY_LEN(ingest_fields) == IVS_INGEST_NFIELDS, "ingest table");
_Static_assert(IVS_ARRAY_LEN(playback_policy_fields) == IVS_PLAYBACK_POLICY_NFIELDS,
               "playback restriction policy table");
_Static_assert(IVS_ARRAY_LEN(chat_logging_fields) == IVS_CHAT_LOGGING_NFIELDS, "chat logging table");
_Static_assert(IVS_ARRAY_LEN(chat_room_fields) == IVS_CHAT_ROOM_NFIELDS, "chat room table");
_Static_assert(IVS_ARRAY_LEN(output_fields) == IVS_OUTPUT_NFIELDS, "output table");
/* ivs_res.set has one bit per field. */
#define SET_BITS(n, ...) _Static_assert(IVS_##n##_NFIELDS <= 64, #n ": more than 64 fields");
IVS_KIND_INFO(SET_BITS)
#undef SET_BITS

const struct ivs_kind_info *ivs_kind_info(enum ivs_kind k)
{
	if ((unsigned)k >= IVS_KIND_COUNT)
		return NULL;
	struct ivs_kind_info *ki = &kinds[k];
	if (ki->child_field == -2) {
		const struct kind_body *b = &bodies[k];
		ki->size = b->size;
		ki->fields = b->fields;
		ki->nfields = b->nfields;
		ki->check = b->check;
		ki->import_field = -1;
		ki->child_field = -1;
		for (int i = 0; i < b->nfields; i++) {
			if (b->fields[i].type == IVS_FT_CHILDREN)
				ki->child_field = i;
			if (b->fields[i].flags & IVS_FF_IMPORT)
				ki->import_field = i;
		}
	}
	return ki;
}

int ivs_field_depth(const struct ivs_kind_info *ki, int field)
{
	int d = 0;
	for (int g = ki->fields[field].parent; g >= 0; g = ki->fields[g].parent)
		d++;
	return d;
}

enum ivs_kind ivs_kind_child(enum ivs_kind k)
{
	const struct ivs_kind_info *ki = ivs_kind_info(k);
	return ki && ki->child_field >= 0 ? ki->fields[ki->child_field].ref : IVS_KIND_COUNT;
}

int ivs_field_find(enum ivs_kind k, int parent, const char *key)
{
	const struct ivs_kind_info *ki = ivs_kind_info(k);
	for (int i = 0; ki && i < ki->nfields; i++)
		if (ki->fields[i].parent == parent && strcmp(ki->fields[i].key, key) == 0)
			return i;
	return -1;
}

int ivs_choice_index(const char *const *choices, const char *value)
{
	for (int i = 0; choices && choices[i]; i++)
		if (strcmp(choices[i], value) == 0)
			return i;
	return -1;
}

size_t ivs_choice_count(const char *const *choices)
{
	size_t n = 0;
	while (choices && choices[n])
		n++;
	return n;
}
