#!/bin/sh
# test-keys.sh BUILD_DIR: keygen and token, end to end with the real binary,
# cross-checked with the openssl command line (an independent ES384
# verifier: raw r||s turned into DER with `openssl asn1parse -genconf`).
B=${1:-build}
BIN=${IVS_BIN:-$B/ivs-tui}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
command -v openssl >/dev/null || { echo "openssl (Debian package openssl) is required"; exit 1; }
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# expect STATUS DESCRIPTION -- command...: runs it, logs its output to all.log
expect() {
	want=$1; what=$2; shift 3
	"$@" >out.txt 2>err.txt
	got=$?
	cat out.txt err.txt >>all.log
	[ "$got" = "$want" ] || { fail "$what: exit $got, want $want"; sed 's/^/    /' err.txt; }
}
b64url_decode() {   # stdin: base64url without padding -> bytes
	s=$(tr '_-' '/+')
	case $(( ${#s} % 4 )) in 2) s="$s==" ;; 3) s="$s=" ;; esac
	printf '%s' "$s" | base64 -d
}
b64url_encode() { base64 -w0 | tr '/+' '_-' | tr -d '='; }
hex() { od -An -tx1 -v | tr -d ' \n'; }
# openssl_verify TOKEN PUB: exit 0 when openssl accepts the ES384 signature
openssl_verify() {
	printf '%s' "${1%.*}" >signed.txt
	printf '%s' "${1##*.}" | b64url_decode >sig.raw
	[ "$(wc -c <sig.raw)" -eq 96 ] || { echo "signature is $(wc -c <sig.raw) bytes"; return 1; }
	r=$(head -c 48 sig.raw | hex); s=$(tail -c 48 sig.raw | hex)
	printf 'asn1=SEQUENCE:sig\n[sig]\nr=INTEGER:0x%s\ns=INTEGER:0x%s\n' "$r" "$s" >sig.cnf
	openssl asn1parse -genconf sig.cnf -out sig.der -noout >/dev/null || return 2
	openssl dgst -sha384 -verify "$2" -signature sig.der signed.txt >ossl.txt 2>&1
}

# hex_bytes HEX: the bytes (POSIX printf takes octal escapes only)
hex_bytes() {
	h=$1
	while [ -n "$h" ]; do
		p=${h%"${h#??}"}; h=${h#??}
		printf "\\$(printf %03o "0x$p")"
	done
}
# openssl_sign HEADER PAYLOAD PRIVATE.pem: a JWT signed by the openssl command
# line (DER signature -> r||s), for tokens ivs-tui would never make.
openssl_sign() {
	in="$(printf '%s' "$1" | b64url_encode).$(printf '%s' "$2" | b64url_encode)"
	printf '%s' "$in" | openssl dgst -sha384 -sign "$3" -out hs.der || return 1
	set -- $(openssl asn1parse -inform DER -in hs.der | sed -n 's/.*INTEGER *:\([0-9A-F]*\).*/\1/p')
	r=$(printf '%96s' "$1" | tr ' ' 0); s=$(printf '%96s' "$2" | tr ' ' 0)
	printf '%s.%s' "$in" "$(hex_bytes "$r$s" | b64url_encode)"
}

ARN=arn:aws:ivs:us-west-2:123456789012:channel/AbCdEf12gH
NOW=1700000000

# ---- keygen: 0600 whatever the umask, public key printed, P-384 ----
umask 000
expect 0 "keygen" -- "$BIN" keygen -o priv.pem
cp out.txt pub.pem
[ "$(stat -c %a priv.pem)" = 600 ] || fail "private key mode is $(stat -c %a priv.pem), want 600"
[ -s err.txt ] && fail "keygen wrote to stderr: $(cat err.txt)"
head -1 pub.pem | grep -qx -- '-----BEGIN PUBLIC KEY-----' || fail "stdout is not a public key PEM"
head -1 priv.pem | grep -qx -- '-----BEGIN PRIVATE KEY-----' || fail "private key is not PKCS#8 PEM"
openssl pkey -in priv.pem -pubout -out derived.pem 2>/dev/null || fail "openssl cannot read priv.pem"
cmp -s derived.pem pub.pem || fail "the printed public key is not the private key's"
openssl pkey -in priv.pem -noout -text 2>/dev/null | grep -q 'ASN1 OID: secp384r1' ||
	fail "the key is not on secp384r1"
umask 022
sum=$(cksum <priv.pem)
expect 2 "keygen over an existing file" -- "$BIN" keygen -o priv.pem
grep -q 'exists' err.txt || fail "no 'exists' in: $(cat err.txt)"
[ "$(cksum <priv.pem)" = "$sum" ] || fail "keygen without --force changed priv.pem"
cp priv.pem keep.pem; chmod 644 keep.pem
expect 0 "keygen --force" -- "$BIN" keygen -o keep.pem --force
[ "$(stat -c %a keep.pem)" = 600 ] || fail "--force left mode $(stat -c %a keep.pem)"
cmp -s keep.pem priv.pem && fail "--force did not make a new key"
expect 2 "keygen -o -" -- "$BIN" keygen -o -
expect 2 "keygen without -o" -- "$BIN" keygen

# ---- token: JWT on stdout only, exact claims, verified by openssl ----
expect 0 "token" -- "$BIN" token --key priv.pem --channel-arn "$ARN" --ttl 30m --now $NOW
TOK=$(cat out.txt)
[ -s err.txt ] && fail "token wrote to stderr: $(cat err.txt)"
[ "$(wc -l <out.txt)" -eq 1 ] || fail "token printed $(wc -l <out.txt) lines"
hdr=$(printf '%s' "${TOK%%.*}" | b64url_decode)
[ "$hdr" = '{"alg":"ES384","typ":"JWT"}' ] || fail "header is $hdr"
mid=${TOK#*.}; payload=$(printf '%s' "${mid%%.*}" | b64url_decode)
[ "$payload" = "{\"aws:channel-arn\":\"$ARN\",\"exp\":1700001800}" ] || fail "claims are $payload"
openssl_verify "$TOK" pub.pem || fail "openssl does not verify the token: $(cat ossl.txt)"

expect 0 "token --verify" -- "$BIN" token --verify --pub pub.pem --now $NOW "$TOK"
cat >want.txt <<EOF
header: {"alg":"ES384","typ":"JWT"}
aws:channel-arn: $ARN
exp: 1700001800 (2023-11-14T22:43:20Z, in 1800 s)
valid
EOF
cmp -s out.txt want.txt || { fail "verify output differs"; diff want.txt out.txt; }
printf '%s\n' "$TOK" >tok.txt
expect 0 "token --verify - (stdin)" -- sh -c "'$BIN' token --verify --pub pub.pem --now $NOW - <tok.txt"
expect 1 "expired token" -- "$BIN" token --verify --pub pub.pem --now 1700001800 "$TOK"
[ "$(tail -1 out.txt)" = expired ] || fail "expired token says $(tail -1 out.txt)"

# All options: exact claims (the UUID aside), verified by openssl.
expect 0 "token with every claim" -- "$BIN" token --key priv.pem --channel-arn "$ARN" \
	--ttl 10m --viewer-id viewer-7 --origin https://a.example,https://b.example \
	--single-use --session-version 12 --max-resolution FULL_HD --now $NOW
TOK2=$(cat out.txt)
mid=${TOK2#*.}; payload=$(printf '%s' "${mid%%.*}" | b64url_decode)
uuid=$(printf '%s' "$payload" | sed -n 's/.*"aws:single-use-uuid":"\([^"]*\)".*/\1/p')
printf '%s' "$uuid" | grep -Eqx '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}' ||
	fail "single-use uuid '$uuid' is not a v4 UUID"
want="{\"aws:channel-arn\":\"$ARN\",\"aws:access-control-allow-origin\":\"https://a.example,https://b.example\",\"aws:single-use-uuid\":\"$uuid\",\"aws:viewer-id\":\"viewer-7\",\"aws:viewer-session-version\":12,\"aws:maximum-resolution\":\"FULL_HD\",\"exp\":1700000600}"
[ "$payload" = "$want" ] || fail "claims are $payload"
openssl_verify "$TOK2" pub.pem || fail "openssl does not verify the full token: $(cat ossl.txt)"

# ---- flipped bits: rejected by both verifiers ----
sig=${TOK##*.}
printf '%s' "$sig" | b64url_decode >raw.bin
{ head -c 10 raw.bin; printf "\\$(printf '%03o' $(( $(head -c 11 raw.bin | tail -c 1 | od -An -tu1) ^ 1 )))"; tail -c +12 raw.bin; } >flip.bin
[ "$(wc -c <flip.bin)" -eq 96 ] || fail "flipped signature is $(wc -c <flip.bin) bytes"
BADSIG="${TOK%.*}.$(b64url_encode <flip.bin)"
expect 1 "flipped signature bit" -- "$BIN" token --verify --pub pub.pem --now $NOW "$BADSIG"
[ "$(tail -1 out.txt)" = invalid ] || fail "flipped signature says $(tail -1 out.txt)"
openssl_verify "$BADSIG" pub.pem && fail "openssl accepts the flipped signature"
grep -q 'Verification failure' ossl.txt || fail "openssl said: $(cat ossl.txt)"

badpayload=$(printf '{"aws:channel-arn":"%s","exp":1700001801}' "$ARN" | b64url_encode)
BADPAY="${TOK%%.*}.$badpayload.$sig"
expect 1 "changed payload" -- "$BIN" token --verify --pub pub.pem --now $NOW "$BADPAY"
grep -q 'does not match' err.txt || fail "changed payload: $(cat err.txt)"
openssl_verify "$BADPAY" pub.pem && fail "openssl accepts the changed payload"

"$BIN" keygen -o other.pem >other.pub 2>>all.log
expect 1 "another key" -- "$BIN" token --verify --pub other.pub --now $NOW "$TOK"
openssl_verify "$TOK" other.pub && fail "openssl accepts the token with another key"

# ---- refusals ----
chmod 644 keep.pem
expect 0 "token with a 0644 key" -- "$BIN" token --key keep.pem --channel-arn "$ARN"
grep -q 'keep.pem can be read by others (mode 0644): chmod 600 keep.pem' err.txt ||
	fail "no warning for a 0644 key: $(cat err.txt)"
[ "$(wc -l <out.txt)" -eq 1 ] || fail "the warning went to stdout"
chmod 600 keep.pem
expect 2 "viewer id with 20m" -- "$BIN" token --key priv.pem --channel-arn "$ARN" --viewer-id v --ttl 20m
grep -q 'at most 10 minutes' err.txt || fail "20m with viewer id: $(cat err.txt)"
expect 2 "bad ARN" -- "$BIN" token --key priv.pem --channel-arn arn:aws:ivs:us-west-2:1:stream-key/x
expect 2 "bad ttl" -- "$BIN" token --key priv.pem --channel-arn "$ARN" --ttl 5y
expect 2 "origin without scheme" -- "$BIN" token --key priv.pem --channel-arn "$ARN" --origin example.com
grep -q 'needs its scheme' err.txt || fail "origin without scheme: $(cat err.txt)"
expect 2 "bad resolution" -- "$BIN" token --key priv.pem --channel-arn "$ARN" --max-resolution 4K
expect 2 "no key" -- "$BIN" token --channel-arn "$ARN"
expect 2 "--ttl without a value" -- "$BIN" token --key priv.pem --channel-arn "$ARN" --ttl
grep -qx 'ivs-tui: token: --ttl needs a value' err.txt || fail "--ttl without a value: $(cat err.txt)"
expect 2 "public key to sign" -- "$BIN" token --key pub.pem --channel-arn "$ARN"
expect 2 "verify without --pub" -- "$BIN" token --verify "$TOK"
expect 2 "private key to verify" -- "$BIN" token --verify --pub priv.pem "$TOK"
grep -q 'holds a private key' err.txt || fail "private key as --pub: $(cat err.txt)"
expect 0 "--channel with --arn-prefix" -- "$BIN" token --key priv.pem --channel AbCdEf12gH \
	--arn-prefix arn:aws:ivs:us-west-2:123456789012:channel/ --now $NOW
mid=$(cut -d. -f2 out.txt); payload=$(printf '%s' "$mid" | b64url_decode)
[ "$payload" = "{\"aws:channel-arn\":\"$ARN\",\"exp\":1700003600}" ] ||
	fail "--channel/--arn-prefix claims are $payload"

# ---- stage participant tokens (IVS real-time user guide, "Distribute
# participant tokens"): exact header and claims, verified by openssl ----
STAGE=arn:aws:ivs:us-east-1:123456789012:stage/oRmLNwuCeMlQ
PKARN=arn:aws:ivs:us-east-1:123456789012:public-key/f99cde61-c2b0
WHIP=https://114ddfabadaf.global-bm.whip.live-video.net
expect 0 "stage token" -- "$BIN" token --key priv.pem --stage-arn "$STAGE" --public-key-arn "$PKARN" \
	--whip-url "$WHIP" --participant-id p-7 --user-id alice --capabilities subscribe \
	--attributes seat=3 --attributes "role=co host" --now $NOW
STOK=$(cat out.txt)
[ -s err.txt ] && fail "stage token wrote to stderr: $(cat err.txt)"
hdr=$(printf '%s' "${STOK%%.*}" | b64url_decode)
[ "$hdr" = "{\"alg\":\"ES384\",\"typ\":\"JWT\",\"kid\":\"$PKARN\"}" ] || fail "stage header is $hdr"
mid=${STOK#*.}; payload=$(printf '%s' "${mid%%.*}" | b64url_decode)
swant="{\"exp\":1700043200,\"iat\":1700000000,\"jti\":\"p-7\",\"user_id\":\"alice\",\"resource\":\"$STAGE\",\"topic\":\"oRmLNwuCeMlQ\",\"events_url\":\"wss://global.events.live-video.net\",\"whip_url\":\"$WHIP\",\"capabilities\":{\"allow_subscribe\":true},\"attributes\":{\"seat\":\"3\",\"role\":\"co host\"},\"version\":\"1.0\"}"
[ "$payload" = "$swant" ] || fail "stage claims are $payload"
openssl_verify "$STOK" pub.pem || fail "openssl does not verify the stage token: $(cat ossl.txt)"
expect 0 "stage token --verify" -- "$BIN" token --verify --pub pub.pem --now $NOW "$STOK"
cat >want.txt <<EOF
header: {"alg":"ES384","typ":"JWT","kid":"$PKARN"}
exp: 1700043200 (2023-11-15T10:13:20Z, in 43200 s)
iat: 1700000000 (2023-11-14T22:13:20Z)
jti: p-7
user_id: alice
resource: $STAGE
topic: oRmLNwuCeMlQ
events_url: wss://global.events.live-video.net
whip_url: $WHIP
capabilities: {"allow_subscribe":true}
attributes: {"seat":"3","role":"co host"}
version: 1.0
valid
EOF
cmp -s out.txt want.txt || { fail "stage verify output differs"; diff want.txt out.txt; }
# Defaults: publish and subscribe, 12 hours, a random participant id.
expect 0 "stage token defaults" -- "$BIN" token --key priv.pem --stage-arn "$STAGE" \
	--public-key-arn "$PKARN" --whip-url "$WHIP" --now $NOW
mid=$(cut -d. -f2 out.txt); payload=$(printf '%s' "$mid" | b64url_decode)
printf '%s' "$payload" | grep -q '"exp":1700043200,"iat":1700000000,"jti":"[A-Za-z0-9]\{12\}",' ||
	fail "default ttl or participant id: $payload"
printf '%s' "$payload" | grep -q '"capabilities":{"allow_publish":true,"allow_subscribe":true}' ||
	fail "default capabilities: $payload"
expect 0 "stage token, 14 days" -- "$BIN" token --key priv.pem --stage-arn "$STAGE" \
	--public-key-arn "$PKARN" --whip-url "$WHIP" --ttl 14d --now $NOW
# Tampering: more capabilities than were signed.
sp=$(printf '%s' "$swant" | sed 's/{"allow_subscribe":true}/{"allow_publish":true,"allow_subscribe":true}/' | b64url_encode)
SBAD="${STOK%%.*}.$sp.${STOK##*.}"
expect 1 "stage token with publish added" -- "$BIN" token --verify --pub pub.pem --now $NOW "$SBAD"
grep -q 'does not match' err.txt || fail "tampered stage token: $(cat err.txt)"
openssl_verify "$SBAD" pub.pem && fail "openssl accepts the tampered stage token"
# An independently signed participant token (openssl) verifies too.
OTOK=$(openssl_sign "{\"alg\":\"ES384\",\"typ\":\"JWT\",\"kid\":\"$PKARN\"}" "$swant" priv.pem)
expect 0 "openssl-signed stage token" -- "$BIN" token --verify --pub pub.pem --now $NOW "$OTOK"
# Refusals.
expect 2 "stage: 15 days" -- "$BIN" token --key priv.pem --stage-arn "$STAGE" --public-key-arn "$PKARN" \
	--whip-url "$WHIP" --ttl 15d
grep -q 'at most 14 days' err.txt || fail "15d: $(cat err.txt)"
expect 2 "stage: no --whip-url" -- "$BIN" token --key priv.pem --stage-arn "$STAGE" --public-key-arn "$PKARN"
grep -q 'needs --whip-url' err.txt || fail "no whip: $(cat err.txt)"
expect 2 "stage: no --public-key-arn" -- "$BIN" token --key priv.pem --stage-arn "$STAGE" --whip-url "$WHIP"
expect 2 "stage: a channel ARN" -- "$BIN" token --key priv.pem --stage-arn "$ARN" \
	--public-key-arn "$PKARN" --whip-url "$WHIP"
grep -q "must name a resource of type 'stage', got 'channel'" err.txt || fail "stage ARN: $(cat err.txt)"
expect 2 "stage: bad capabilities" -- "$BIN" token --key priv.pem --stage-arn "$STAGE" \
	--public-key-arn "$PKARN" --whip-url "$WHIP" --capabilities publish,admin
expect 2 "stage: attribute twice" -- "$BIN" token --key priv.pem --stage-arn "$STAGE" \
	--public-key-arn "$PKARN" --whip-url "$WHIP" --attributes a=1 --attributes a=2
grep -q 'attribute "a" is given twice' err.txt || fail "attribute twice: $(cat err.txt)"
expect 2 "stage: attribute without =" -- "$BIN" token --key priv.pem --stage-arn "$STAGE" \
	--public-key-arn "$PKARN" --whip-url "$WHIP" --attributes a
expect 2 "stage: participant id with a space" -- "$BIN" token --key priv.pem --stage-arn "$STAGE" \
	--public-key-arn "$PKARN" --whip-url "$WHIP" --participant-id "a b"
expect 2 "stage: a playback option" -- "$BIN" token --key priv.pem --stage-arn "$STAGE" \
	--public-key-arn "$PKARN" --whip-url "$WHIP" --viewer-id v
expect 2 "playback: a stage option" -- "$BIN" token --key priv.pem --channel-arn "$ARN" --user-id u
grep -q -- '--user-id is for a stage participant token' err.txt || fail "stage option: $(cat err.txt)"

# ---- issue 15: one ARN check for token and validate ----
for bad in 'channel/ab"cd' 'channel/../../x'; do
	barn="arn:aws:ivs:us-west-2:123456789012:$bad"
	expect 2 "token signs $bad" -- "$BIN" token --key priv.pem --channel-arn "$barn"
	grep -q "a channel id of letters, digits and hyphens" err.txt || fail "token $bad: $(cat err.txt)"
	printf 'ivs_tui: 1\nstack:\n  name: arn-test\nchannels:\n  - id: C\n    from_channel_arn: %s\n' \
		"'$barn'" >arn.yaml
	expect 1 "validate $bad" -- "$BIN" validate arn.yaml
	grep -q "a channel id of letters, digits and hyphens" out.txt || fail "validate $bad: $(cat out.txt)"
done
expect 2 "stage ARN with .." -- "$BIN" token --key priv.pem --stage-arn \
	arn:aws:ivs:us-east-1:123456789012:stage/../x --public-key-arn "$PKARN" --whip-url "$WHIP"

# ---- issue 15: now + ttl overflow; --verify refusals ----
expect 2 "--now near INT64_MAX" -- "$BIN" token --key priv.pem --channel-arn "$ARN" \
	--now 9223372036854775000 --ttl 1h
grep -q 'past the end of time' err.txt || fail "overflow: $(cat err.txt)"
expect 2 "--now near INT64_MAX, stage" -- "$BIN" token --key priv.pem --stage-arn "$STAGE" \
	--public-key-arn "$PKARN" --whip-url "$WHIP" --now 9223372036854775000
grep -q 'past the end of time' err.txt || fail "stage overflow: $(cat err.txt)"
H='{"alg":"ES384","typ":"JWT"}'
DUP=$(openssl_sign "$H" "{\"aws:channel-arn\":\"$ARN\",\"exp\":1,\"exp\":1800000000}" priv.pem)
openssl_verify "$DUP" pub.pem || fail "openssl does not verify the duplicate-claim token"
expect 1 "duplicate claims" -- "$BIN" token --verify --pub pub.pem --now $NOW "$DUP"
grep -q 'names "exp" twice' err.txt || fail "duplicate claims: $(cat err.txt)"
[ "$(tail -1 out.txt)" = invalid ] || fail "duplicate claims say $(tail -1 out.txt)"
CRIT=$(openssl_sign '{"alg":"ES384","typ":"JWT","crit":["exp"],"exp":1}' \
	"{\"aws:channel-arn\":\"$ARN\",\"exp\":1800000000}" priv.pem)
expect 1 "crit header" -- "$BIN" token --verify --pub pub.pem --now $NOW "$CRIT"
grep -q '"crit"' err.txt || fail "crit: $(cat err.txt)"
printf '%s' "$TOK" >nul.txt; printf '\000junk' >>nul.txt   # valid up to the NUL
expect 1 "input after a NUL" -- sh -c "'$BIN' token --verify --pub pub.pem --now $NOW - <nul.txt"
grep -q 'NUL byte' err.txt || fail "NUL: $(cat err.txt)"
head -c 70000 /dev/zero | tr '\0' A >long.txt
expect 2 "token over 64 KiB in argv" -- "$BIN" token --verify --pub pub.pem "$(cat long.txt)"
grep -q 'longer than 64 KiB' err.txt || fail "long argv: $(cat err.txt)"
expect 2 "token over 64 KiB on stdin" -- sh -c "'$BIN' token --verify --pub pub.pem - <long.txt"
# C1 controls (here U+009B, a CSI) in claims are not printed raw.
C1=$(printf '\302\233')
C1TOK=$(openssl_sign "$H" "{\"aws:channel-arn\":\"$ARN\",\"exp\":1800000000,\"note\":\"a${C1}2Jb\",\"aws:x${C1}\":1}" priv.pem)
expect 0 "C1 controls" -- "$BIN" token --verify --pub pub.pem --now $NOW "$C1TOK"
grep -q "$C1" out.txt err.txt && fail "a C1 control character reached the terminal"
grep -qx 'note: a?2Jb' out.txt || fail "C1 not shown as ?: $(cat out.txt)"
grep -q 'unknown IVS claim "aws:x?"' err.txt || fail "C1 in a warning: $(cat err.txt)"

# A FIFO as the key does not block (issue 15): refused as not a key file.
mkfifo fifo.pem
expect 2 "token --key FIFO" -- timeout 10 "$BIN" token --key fifo.pem --channel-arn "$ARN"
grep -q 'not a key file' err.txt || fail "FIFO key: $(cat err.txt)"

expect 2 "token --help to /dev/full" -- sh -c "'$BIN' token --help >/dev/full"
expect 2 "keygen --help to /dev/full" -- sh -c "'$BIN' keygen --help >/dev/full"
expect 0 "token --help" -- "$BIN" token --help
grep -q -- '--stage-arn ARN' out.txt || fail "token --help does not tell of --stage-arn"

# ---- keygen: output failures, hard links ----
expect 2 "keygen to /dev/full" -- sh -c "'$BIN' keygen -o full.pem >/dev/full"
[ -e full.pem ] && fail "keygen left full.pem though the public key was never printed"
grep -q 'cannot write the public key to standard output' err.txt || fail "/dev/full: $(cat err.txt)"
grep -q 'full.pem not written' err.txt || fail "/dev/full does not say the key was not written"
"$BIN" keygen -o hl.pem >/dev/null 2>>all.log
chmod 640 hl.pem; ln hl.pem hl-link.pem; sum=$(cksum <hl-link.pem)
expect 0 "keygen --force on a hard link" -- "$BIN" keygen -o hl.pem --force
[ "$(stat -c %a hl-link.pem)" = 640 ] || fail "--force changed the other link's mode to $(stat -c %a hl-link.pem)"
[ "$(cksum <hl-link.pem)" = "$sum" ] || fail "--force changed the other link's contents"
[ "$(stat -c %a hl.pem)" = 600 ] || fail "--force on a hard link: new key mode $(stat -c %a hl.pem)"
cmp -s hl.pem hl-link.pem && fail "--force on a hard link did not make a new key"
ls -a | grep -q '\.new-\|\.tmp\.' && fail "temporary files left: $(ls -a)"

# ---- keygen --add: a key pair validate accepts; refusals ----
cat >proj.yaml <<'EOF'
ivs_tui: 1
stack:
  name: keys-test
channels:
  - id: Live
    authorized: true
  - id: Old
    from_channel_arn: arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh
    stream_keys:
      - id: Key
EOF
expect 0 "validate before --add" -- "$BIN" validate proj.yaml
grep -q 'authorized-no-key-pair' out.txt || fail "expected the authorized-no-key-pair warning first"
expect 0 "keygen --add" -- "$BIN" keygen -o viewer.pem --add proj.yaml --id ViewerKey
cp out.txt viewer.pub
[ "$(stat -c %a viewer.pem)" = 600 ] || fail "--add: private key mode $(stat -c %a viewer.pem)"
grep -q '^  - id: ViewerKey$' proj.yaml || fail "--add: no ViewerKey entry in proj.yaml"
# The public key, indented as a block scalar, is in the file.
sed 's/^/      /' viewer.pub >indented.txt
grep -qF -f indented.txt proj.yaml || fail "--add: the public key is not in proj.yaml"
expect 0 "validate after --add" -- "$BIN" validate proj.yaml
[ -s out.txt ] && fail "validate after --add reports: $(cat out.txt)"
grep -q '0 errors, 0 warnings' err.txt || fail "validate after --add: $(cat err.txt)"
sum=$(cksum <proj.yaml)
expect 2 "--add with an id that exists" -- "$BIN" keygen -o v2.pem --add proj.yaml --id ViewerKey
grep -q 'already has an entry with id "ViewerKey"' err.txt || fail "existing id: $(cat err.txt)"
expect 2 "--add with a channel's id" -- "$BIN" keygen -o v2.pem --add proj.yaml --id Live
[ -e v2.pem ] && fail "a refused --add left a private key file"
[ "$(cksum <proj.yaml)" = "$sum" ] || fail "a refused --add changed proj.yaml"
expect 2 "--add to a missing project" -- "$BIN" keygen -o v2.pem --add missing.yaml --id K
grep -q 'missing.yaml does not exist' err.txt || fail "missing project: $(cat err.txt)"
expect 2 "--add without --id" -- "$BIN" keygen -o v2.pem --add proj.yaml
expect 2 "--add with -o the project" -- "$BIN" keygen -o ./proj.yaml --force --add proj.yaml --id K2
grep -q 'is the project file' err.txt || fail "-o = project: $(cat err.txt)"
[ "$(cksum <proj.yaml)" = "$sum" ] || fail "-o = project changed proj.yaml"
# Tokens by project channel, with the key pair the project now holds.
expect 0 "token --channel --project (imported)" -- "$BIN" token --key viewer.pem --channel Old \
	--project proj.yaml --now $NOW
mid=$(cut -d. -f2 out.txt); payload=$(printf '%s' "$mid" | b64url_decode)
[ "$payload" = '{"aws:channel-arn":"arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh","exp":1700003600}' ] ||
	fail "--project claims are $payload"
openssl_verify "$(cat out.txt)" viewer.pub || fail "openssl does not verify the --project token"
expect 2 "token --channel of a new channel" -- "$BIN" token --key viewer.pem --channel Live --project proj.yaml
grep -q 'ARN at deploy time' err.txt || fail "new channel: $(cat err.txt)"
expect 2 "token --channel unknown" -- "$BIN" token --key viewer.pem --channel Nope --project proj.yaml

# ---- issue 15: concurrent keygen --add: 4 writers, 20 runs, every key on disk ----
printf 'ivs_tui: 1\nstack:\n  name: conc\n' >conc.yaml
run=1
while [ $run -le 20 ]; do
	cp conc.yaml c.yaml
	rm -f c1.pem c2.pem c3.pem c4.pem
	for i in 1 2 3 4; do
		"$BIN" keygen -o c$i.pem --add c.yaml --id K$i >c$i.pub 2>c$i.err &
	done
	wait
	for i in 1 2 3 4; do
		grep -q "^  - id: K$i\$" c.yaml || { fail "run $run: K$i is not in c.yaml: $(cat c$i.err)"; continue; }
		grep -q "added playback key pair \"K$i\"" c$i.err || fail "run $run: writer $i: $(cat c$i.err)"
		sed 's/^/      /' c$i.pub >ind.txt
		grep -qF -f ind.txt c.yaml || fail "run $run: K$i holds another public key"
	done
	run=$((run + 1))
done
expect 0 "validate after concurrent --add" -- "$BIN" validate c.yaml

# A writer that holds the lock (flock(1), as keygen does) makes --add wait.
if command -v flock >/dev/null; then
	cp conc.yaml w.yaml
	flock w.yaml sleep 1 &
	sleep 0.2
	expect 0 "--add waits for the lock" -- "$BIN" keygen -o w.pem --add w.yaml --id W
	grep -q '^  - id: W$' w.yaml || fail "--add after waiting: no W"
	wait
fi

# --public-key NAME: public_keys for stage tokens, when this build has that list.
cp conc.yaml pk.yaml
"$BIN" keygen -o pk.pem --add pk.yaml --public-key StageKey >pk.pub 2>pk.err
rc=$?
if grep -q 'has no public_keys list' pk.err; then
	[ $rc = 2 ] || fail "--public-key without the list: exit $rc"
	[ -e pk.pem ] && fail "--public-key without the list left pk.pem"
	cmp -s pk.yaml conc.yaml || fail "--public-key without the list changed pk.yaml"
	echo "note: this build has no public_keys list: --public-key checked for its refusal only"
else
	[ $rc = 0 ] || fail "--public-key: exit $rc: $(cat pk.err)"
	grep -q '^public_keys:$' pk.yaml || fail "--public-key: no public_keys list in pk.yaml"
	grep -q '^  - id: StageKey$' pk.yaml || fail "--public-key: no StageKey entry"
	sed 's/^/      /' pk.pub >ind.txt
	grep -qF -f ind.txt pk.yaml || fail "--public-key: the public key is not in pk.yaml"
	expect 0 "validate after --public-key" -- "$BIN" validate pk.yaml
fi
expect 2 "--id and --public-key" -- "$BIN" keygen -o x.pem --add pk.yaml --id A --public-key B
expect 2 "--public-key without --add" -- "$BIN" keygen -o x.pem --public-key B

# ---- the private key never shows up in any output or project ----
cat proj.yaml >>all.log
for k in priv.pem keep.pem viewer.pem hl.pem c1.pem; do
	grep -v -- '-----' "$k" | while IFS= read -r line; do
		grep -qF -- "$line" all.log && echo "leak"
	done | grep -q leak && fail "a line of $k appears in the output"
done

[ "$fails" = 0 ] || { echo "$fails check(s) failed"; exit 1; }
echo "ok"
