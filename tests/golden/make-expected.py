#!/usr/bin/python3
"""Writes NAME.expected.json for every NAME.yaml here: the template the
CDK's synthesis rules (docs/synthesis.md) give
the design.

This is an independent model of the CDK, written from synthesis.md and the
CDK's TypeScript (uniqueid.ts, unique-resource-name.ts, constructs'
sanitizeId, aws-ivs-alpha), not from ivs-tui's C code: the golden test
compares the two. Run it by hand after adding a design; read the diff.

Tag keys are ordered as JavaScript's localeCompare orders them (the CDK's
TagManager): the CLDR root collation, here from PyICU (Debian python3-icu,
which is why this runs with Debian's /usr/bin/python3), normalization on as
in V8, keys it calls equal in byte order.
"""
import glob
import hashlib
import json
import re

import icu
import yaml

ROOT = icu.Collator.createInstance(icu.Locale(""))
ROOT.setAttribute(icu.UCollAttribute.NORMALIZATION_MODE, icu.UCollAttributeValue.ON)


def md5_8(components):
    return hashlib.md5("/".join(components).encode()).hexdigest()[:8].upper()


def dedupe(path):
    out = []
    for c in path:
        if not out or not out[-1].endswith(c):
            out.append(c)
    return out


def logical_id(path):
    path = [c for c in path if c != "Default"]
    alnum = lambda s: re.sub("[^A-Za-z0-9]", "", s)
    if len(path) == 1 and len(alnum(path[0])) <= 255:
        return alnum(path[0])
    human = "".join(alnum(c) for c in dedupe(path) if c != "Resource")[:240]
    return human + md5_8(path)


def unique_name(path, max_len=128):
    path = [c for c in path if c != "Default"]
    keep = lambda s: re.sub("[^A-Za-z0-9_-]", "", s)
    if len(path) == 1 and len(keep(path[0])) <= max_len:
        return keep(path[0])
    human = "".join(p for p in (keep(c) for c in dedupe(path) if c != "Resource") if p)
    if len(human) > max_len - 8:
        half = (max_len - 8) // 2
        human = human[:half] + human[-half:]
    return human + md5_8(path)


def cid(i):
    # constructs' sanitizeId: the path and the address separator
    return i.replace("/", "--").replace("\n", "--")


def tags(own, inherited=None):
    t = dict(inherited or {})
    t.update(own or {})
    return [{"Key": k, "Value": str(t[k])} for k in sorted(t, key=lambda k: (ROOT.getSortKey(k), k.encode()))]


def props_sorted(d):
    return {k: d[k] for k in sorted(d)}


def policy(r, entry):
    """removal_policy on any kind but a bucket: both attributes (the CDK's
    applyRemovalPolicy); unset writes neither."""
    if "removal_policy" in entry:
        pol = "Delete" if entry["removal_policy"] == "DESTROY" else "Retain"
        r["UpdateReplacePolicy"] = pol
        r["DeletionPolicy"] = pol
    return r


def lid(entry, path):
    """An entry's logical_id (overrideLogicalId) or the one of its path."""
    return entry.get("logical_id") or logical_id(path)


L1 = {  # list key -> CloudFormation type, {key: CloudFormation name} (synthesis.md)
    "public_keys": ("AWS::IVS::PublicKey", {
        "public_key_name": "Name", "public_key_material": "PublicKeyMaterial"}),
    "storage_configurations": ("AWS::IVS::StorageConfiguration", {
        "storage_configuration_name": "Name"}),
    "stages": ("AWS::IVS::Stage", {"stage_name": "Name"}),
    "encoder_configurations": ("AWS::IVS::EncoderConfiguration", {
        "encoder_configuration_name": "Name"}),
    "ingest_configurations": ("AWS::IVS::IngestConfiguration", {
        "ingest_configuration_name": "Name", "ingest_protocol": "IngestProtocol",
        "insecure_ingest": "InsecureIngest", "user_id": "UserId"}),
    "playback_restriction_policies": ("AWS::IVS::PlaybackRestrictionPolicy", {
        "playback_restriction_policy_name": "Name", "allowed_countries": "AllowedCountries",
        "allowed_origins": "AllowedOrigins",
        "enable_strict_origin_enforcement": "EnableStrictOriginEnforcement"}),
}


def camel(key):
    return "".join(w.capitalize() for w in key.split("_"))


def l1_props(key, e, lids, bucket_value):
    p = {v: e[k] for k, v in L1[key][1].items() if k in e}
    if key == "storage_configurations" and "bucket" in e:
        p["S3"] = {"BucketName": bucket_value(e["bucket"])}
    if key == "stages" and "auto_participant_recording_configuration" in e:
        g = e["auto_participant_recording_configuration"]
        q = {}
        if "storage_configuration" in g:
            q["StorageConfigurationArn"] = {"Fn::GetAtt": [lids[g["storage_configuration"]], "Arn"]}
        for k in ("media_types", "recording_reconnect_window_seconds"):
            if k in g:
                q[camel(k)] = g[k]
        if "thumbnail_configuration" in g:
            q["ThumbnailConfiguration"] = {"ParticipantThumbnailConfiguration": props_sorted(
                {camel(k): v for k, v in g["thumbnail_configuration"].items()})}
        if "hls_configuration" in g:
            q["HlsConfiguration"] = {"ParticipantRecordingHlsConfiguration": props_sorted(
                {camel(k): v for k, v in g["hls_configuration"].items()})}
        p["AutoParticipantRecordingConfiguration"] = props_sorted(q)
    if key == "encoder_configurations" and "video" in e:
        p["Video"] = props_sorted({camel(k): v for k, v in e["video"].items()})
    if key == "ingest_configurations" and "stage" in e:
        p["StageArn"] = {"Fn::GetAtt": [lids[e["stage"]], "Arn"]}
    if e.get("tags"):
        p["Tags"] = tags(e["tags"])
    return p


def template(doc):
    stack = doc["stack"]["name"]
    out = {}
    lids = {}  # top-level id -> logical id, for references
    for key in ("buckets", "channels", "playback_key_pairs", "recording_configurations"):
        for e in doc.get(key, []):
            lids[e["id"]] = lid(e, [cid(e["id"]), "Resource"])
    for key in L1:
        for e in doc.get(key, []):
            lids[e["id"]] = lid(e, [cid(e["id"])])
    if "description" in doc["stack"]:
        out["Description"] = doc["stack"]["description"]
    res = {}
    buckets = {b["id"]: b for b in doc.get("buckets", [])}
    for b in doc.get("buckets", []):
        if "from_bucket_name" in b:
            continue
        p = {}
        if "bucket_name" in b:
            p["BucketName"] = b["bucket_name"]
        if b.get("tags"):
            p["Tags"] = tags(b["tags"])
        r = {"Type": "AWS::S3::Bucket"}
        if p:
            r["Properties"] = props_sorted(p)
        pol = "Delete" if b.get("removal_policy") == "DESTROY" else "Retain"
        r["UpdateReplacePolicy"] = pol
        r["DeletionPolicy"] = pol
        res[lids[b["id"]]] = r

    def bucket_value(bid):
        b = buckets[bid]
        return b.get("from_bucket_name") or {"Ref": lids[bid]}

    for rc in doc.get("recording_configurations", []):
        name = bucket_value(rc["bucket"])
        p = {"DestinationConfiguration": {"S3": {"BucketName": name}}}
        if "recording_configuration_name" in rc:
            p["Name"] = rc["recording_configuration_name"]
        if "recording_reconnect_window_seconds" in rc:
            p["RecordingReconnectWindowSeconds"] = rc["recording_reconnect_window_seconds"]
        if "rendition_configuration" in rc:
            g = rc["rendition_configuration"]
            q = {"RenditionSelection": g["rendition_selection"]}
            if "renditions" in g:
                q["Renditions"] = g["renditions"]
            p["RenditionConfiguration"] = props_sorted(q)
        if "thumbnail_configuration" in rc:
            g = rc["thumbnail_configuration"]
            names = {"recording_mode": "RecordingMode", "resolution": "Resolution",
                     "storage": "Storage", "target_interval_seconds": "TargetIntervalSeconds"}
            p["ThumbnailConfiguration"] = props_sorted({names[k]: v for k, v in g.items()})
        if rc.get("tags"):
            p["Tags"] = tags(rc["tags"])
        res[lids[rc["id"]]] = policy({
            "Type": "AWS::IVS::RecordingConfiguration", "Properties": props_sorted(p)}, rc)
    for k in doc.get("playback_key_pairs", []):
        p = {"PublicKeyMaterial": k["public_key_material"]}
        if "playback_key_pair_name" in k:
            p["Name"] = k["playback_key_pair_name"]
        if k.get("tags"):
            p["Tags"] = tags(k["tags"])
        res[lids[k["id"]]] = policy({
            "Type": "AWS::IVS::PlaybackKeyPair", "Properties": props_sorted(p)}, k)
    simple = {"type": "Type", "latency_mode": "LatencyMode", "authorized": "Authorized",
              "insecure_ingest": "InsecureIngest", "container_format": "ContainerFormat"}
    for c in doc.get("channels", []):
        imported = "from_channel_arn" in c
        clid = None if imported else lids[c["id"]]
        if not imported:
            p = {v: c[k] for k, v in simple.items() if k in c}
            p["Name"] = c.get("channel_name", unique_name([stack, cid(c["id"])]))
            if "preset" in c:
                p["Preset"] = "" if c.get("type") in ("STANDARD", "BASIC") else c["preset"]
            if "multitrack_input_configuration" in c:
                m = c["multitrack_input_configuration"]
                p["MultitrackInputConfiguration"] = {
                    "Enabled": True, "MaximumResolution": m["maximum_resolution"],
                    "Policy": m["policy"]}
                p.setdefault("ContainerFormat", "FRAGMENTED_MP4")
            if "recording_configuration" in c:
                p["RecordingConfigurationArn"] = {"Fn::GetAtt": [
                    lids[c["recording_configuration"]], "Arn"]}
            if c.get("tags"):
                p["Tags"] = tags(c["tags"])
            res[clid] = policy({"Type": "AWS::IVS::Channel", "Properties": props_sorted(p)}, c)
        for k in c.get("stream_keys", []):
            arn = c["from_channel_arn"] if imported else {"Fn::GetAtt": [clid, "Arn"]}
            p = {"ChannelArn": arn}
            t = tags(k.get("tags"), c.get("tags"))
            if t:
                p["Tags"] = t
            res[lid(k, [cid(c["id"]), cid(k["id"]), "Resource"])] = policy({
                "Type": "AWS::IVS::StreamKey", "Properties": p}, k)
    for key, (cfn, _) in L1.items():
        for e in doc.get(key, []):
            r = {"Type": cfn}
            p = l1_props(key, e, lids, bucket_value)
            if p:
                r["Properties"] = props_sorted(p)
            res[lids[e["id"]]] = policy(r, e)
    if res:  # the CDK writes no Resources key for an empty stack
        out["Resources"] = res
    return out


for path in sorted(glob.glob("*.yaml")):
    with open(path) as f:
        doc = yaml.safe_load(f)
    with open(path[:-5] + ".expected.json", "w") as f:
        f.write(json.dumps(template(doc), indent=1, ensure_ascii=False) + "\n")
