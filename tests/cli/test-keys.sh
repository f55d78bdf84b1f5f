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

# ---- the private key never shows up in any output or project ----
cat proj.yaml >>all.log
for k in priv.pem keep.pem viewer.pem; do
	grep -v -- '-----' "$k" | while IFS= read -r line; do
		grep -qF -- "$line" all.log && echo "leak"
	done | grep -q leak && fail "a line of $k appears in the output"
done

[ "$fails" = 0 ] || { echo "$fails check(s) failed"; exit 1; }
echo "ok"
