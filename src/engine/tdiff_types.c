/* tdiff_types.c: what the comparison knows per CloudFormation type, in one
 * table: the create-only properties (changing one replaces the resource),
 * copied from the registry schemas' `createOnlyProperties` (cfn-lint's copy,
 * ../shared/reference/cfn-schemas/cfn-lint/; tests/unit/test_tdiff.c checks
 * this table against the copies in tests/diff/cfn-schemas/), and the words
 * that say what a replacement or a removal costs the user.
 *
 * One row per type; the kind table (schema.c) can point at these rows by
 * CloudFormation type when it grows to hold them. */
#include <string.h>

#include "ivs/tdiff.h"
#include "ivs/util.h"

static const char *const channel_co[] = {NULL};
static const char *const encoder_co[] = {
	"/properties/Name", "/properties/Video", "/properties/Video/Bitrate",
	"/properties/Video/Framerate", "/properties/Video/Height", "/properties/Video/Width", NULL};
static const char *const ingest_co[] = {
	"/properties/InsecureIngest", "/properties/UserId", "/properties/Name",
	"/properties/IngestProtocol", NULL};
static const char *const key_pair_co[] = {"/properties/PublicKeyMaterial", "/properties/Name", NULL};
static const char *const restriction_co[] = {NULL};
static const char *const public_key_co[] = {"/properties/PublicKeyMaterial", "/properties/Name", NULL};
static const char *const recording_co[] = {
	"/properties/Name", "/properties/DestinationConfiguration",
	"/properties/DestinationConfiguration/S3", "/properties/DestinationConfiguration/S3/BucketName",
	"/properties/RecordingReconnectWindowSeconds", "/properties/ThumbnailConfiguration",
	"/properties/ThumbnailConfiguration/RecordingMode",
	"/properties/ThumbnailConfiguration/TargetIntervalSeconds",
	"/properties/ThumbnailConfiguration/Storage", "/properties/ThumbnailConfiguration/Resolution",
	"/properties/RenditionConfiguration", "/properties/RenditionConfiguration/RenditionSelection",
	"/properties/RenditionConfiguration/Renditions", NULL};
static const char *const stage_co[] = {NULL};
static const char *const storage_co[] = {"/properties/Name", "/properties/S3", "/properties/S3/BucketName", NULL};
static const char *const stream_key_co[] = {"/properties/ChannelArn", NULL};
static const char *const chat_logging_co[] = {NULL};
static const char *const chat_room_co[] = {NULL};
static const char *const bucket_co[] = {
	"/properties/BucketName", "/properties/BucketNamePrefix", "/properties/BucketNamespace", NULL};

const struct ivs_tdiff_type ivs_tdiff_types[] = {
	{"AWS::IVS::Channel", "channel", channel_co,
	 "a new channel: a new ARN, ingest endpoint and playback URL, and its stream keys are "
	 "replaced; reconfigure every encoder and player",
	 "the channel is deleted: its ingest endpoint and playback URL stop working, and its "
	 "stream keys go with it"},
	{"AWS::IVS::StreamKey", "stream key", stream_key_co,
	 "a new stream key value: reconfigure every encoder that streams with the old one",
	 "the stream key is deleted: encoders that stream with it are refused"},
	{"AWS::IVS::PlaybackKeyPair", "playback key pair", key_pair_co,
	 "a new key pair ARN: playback tokens signed with the old private key stop working",
	 "playback tokens signed with its private key stop working; private channels cannot be "
	 "watched until tokens are signed with another key pair"},
	{"AWS::IVS::RecordingConfiguration", "recording configuration", recording_co,
	 "a new recording configuration ARN: channels that record with it switch to the new one, "
	 "and a recording in progress ends",
	 "channels that record with it stop recording"},
	{"AWS::IVS::PlaybackRestrictionPolicy", "playback restriction policy", restriction_co,
	 "a new policy ARN: channels that use it switch to the new one",
	 "channels that use it are no longer restricted: any country and origin can play them"},
	{"AWS::IVS::Stage", "stage", stage_co,
	 "a new stage: a new ARN and new participant tokens; everyone in the stage is "
	 "disconnected and must join again",
	 "the stage is deleted: participants are disconnected and its tokens stop working"},
	{"AWS::IVS::StorageConfiguration", "storage configuration", storage_co,
	 "a new storage configuration ARN: stages that record with it switch to the new one",
	 "stages that record with it stop recording"},
	{"AWS::IVS::EncoderConfiguration", "encoder configuration", encoder_co,
	 "a new encoder configuration ARN: compositions that use it must be started again",
	 "compositions that use it cannot be started"},
	{"AWS::IVS::PublicKey", "public key", public_key_co,
	 "a new public key ARN: participant tokens signed with the old private key stop working",
	 "participant tokens signed with its private key stop working"},
	{"AWS::IVS::IngestConfiguration", "ingest configuration", ingest_co,
	 "a new ingest configuration: a new stream key and ingest endpoint; reconfigure the "
	 "encoder that publishes with it",
	 "the encoder that publishes with it is refused"},
	{"AWS::IVSChat::Room", "chat room", chat_room_co,
	 "a new chat room: a new ARN; chat tokens for the old room stop working and connected "
	 "users are disconnected",
	 "the chat room is deleted: connected users are disconnected and its tokens stop working"},
	{"AWS::IVSChat::LoggingConfiguration", "chat logging configuration", chat_logging_co,
	 "a new logging configuration ARN: rooms that log with it switch to the new one",
	 "rooms that log with it stop logging messages"},
	{"AWS::S3::Bucket", "bucket", bucket_co,
	 "a new, empty bucket: recordings go there from now on",
	 "the bucket is deleted; CloudFormation cannot delete a bucket that holds objects, so the "
	 "deploy fails unless it is empty"},
};

const size_t ivs_tdiff_ntypes = IVS_ARRAY_LEN(ivs_tdiff_types);

static const struct ivs_tdiff_type other_type = {
	NULL, "resource", channel_co,
	"a new physical resource: whatever refers to it by name or ARN from outside this stack "
	"must be updated",
	"the resource is deleted"};

const struct ivs_tdiff_type *ivs_tdiff_type_find(const char *cfn_type)
{
	for (size_t i = 0; cfn_type && i < ivs_tdiff_ntypes; i++)
		if (strcmp(ivs_tdiff_types[i].type, cfn_type) == 0)
			return &ivs_tdiff_types[i];
	return &other_type;
}

bool ivs_tdiff_create_only(const struct ivs_tdiff_type *t, const char *path)
{
	/* path: "Properties.DestinationConfiguration.S3.BucketName" or with list
	 * indexes ("...Renditions[0]"); schema paths are "/properties/A/B". A
	 * create-only path covers everything below it. */
	const char *rest;
	if (strncmp(path, "Properties.", 11) != 0)
		return false;
	rest = path + 11;
	for (const char *const *co = t->create_only; *co; co++) {
		const char *s = *co + strlen("/properties/"), *p = rest;
		while (*s && *p && (*s == *p || (*s == '/' && *p == '.')))
			s++, p++;
		if (!*s && (!*p || *p == '.' || *p == '['))
			return true;
	}
	return false;
}
