#!/usr/bin/env bash
# Registers a build with Baton: POST /api/v1/builds, signed as docs/ci.md describes.
#
# Inputs come from the environment (the action passes its inputs this way, so that no input is ever
# pasted into shell code):
#   BATON_URL, BATON_API_WEBHOOK_SECRET, BATON_APP, BATON_TAG, BATON_COMMIT, BATON_BUILD_URL
#   BATON_DIGESTS   one "workload=sha256:<64 hex>" per line (blank lines and spaces ignored)
#   BATON_METADATA  optional: a JSON object, workload -> docker/build-push-action "metadata" output
#                   (its "containerimage.digest", else "digest") or -> a digest string
#   BATON_MAX_ATTEMPTS (default 5), BATON_RETRY_DELAY seconds before the first retry (default 2,
#   doubled each time), BATON_MAX_RETRY_DELAY (default 60): 5xx, 429 and unreachable Baton are
#   retried, a Retry-After in seconds is honoured; any other 4xx fails at once with Baton's detail.
# Prints the release URL; writes it as output "release-url" when GITHUB_OUTPUT is set.
# Needs bash, curl, openssl and jq (all on GitHub-hosted runners); nothing is downloaded.
set -euo pipefail

fail() {
  printf '::error title=Baton build registration::%s\n' "$1" >&2
  exit 1
}

for name in BATON_URL BATON_API_WEBHOOK_SECRET BATON_APP BATON_TAG BATON_COMMIT BATON_BUILD_URL; do
  [[ -n "${!name:-}" ]] || fail "$name is empty"
done
for tool in curl openssl jq; do
  command -v "$tool" >/dev/null || fail "$tool is not installed on this runner"
done

baton_url=${BATON_URL%/}
max_attempts=${BATON_MAX_ATTEMPTS:-5}
delay=${BATON_RETRY_DELAY:-2}
max_delay=${BATON_MAX_RETRY_DELAY:-60}

# workload -> digest, from the lines and from the build-push-action metadata
digests_from_lines() {
  printf '%s\n' "${BATON_DIGESTS:-}" | tr -d ' \t\r' | { grep -v '^$' || true; } \
    | jq -R 'if test("^[^=]+=.+$") then capture("^(?<k>[^=]+)=(?<v>.+)$") | {(.k): .v}
             else error("digest line \"\(.)\" is not workload=sha256:<digest>") end' \
    | jq -s 'add // {}'
}
digests_from_metadata() {
  if [[ -z "${BATON_METADATA:-}" ]]; then
    echo '{}'
    return
  fi
  printf '%s' "$BATON_METADATA" | jq -c 'with_entries(.value |= (
      if type == "string" then (try fromjson catch .) else . end
      | if type == "string" then . else (.["containerimage.digest"] // .digest) end))
    | if any(.[]; . == null) then error("a metadata entry has no containerimage.digest")
      else . end'
}
lines=$(digests_from_lines) || fail "BATON_DIGESTS: one workload=sha256:<digest> per line"
metadata=$(digests_from_metadata) || fail "BATON_METADATA must be a JSON object: workload -> build-push-action metadata"
digests=$(jq -cn --argjson a "$lines" --argjson b "$metadata" '$a + $b')
[[ "$digests" != '{}' ]] || fail "no digests: set digests (workload=sha256:...) or metadata"

body=$(jq -cn --arg app "$BATON_APP" --arg tag "$BATON_TAG" --arg commit "$BATON_COMMIT" \
  --arg url "$BATON_BUILD_URL" --argjson digests "$digests" \
  '{app: $app, tag: $tag, commit: $commit, buildUrl: $url, digests: $digests}')

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One signed POST; sets status (000 when Baton could not be reached). Signed per attempt, so a
# retry long after the first try is still inside Baton's five-minute window.
post() {
  local ts sig
  ts=$(date +%s)
  sig=$(printf 'v1:%s:%s' "$ts" "$body" \
    | openssl dgst -sha256 -hmac "$BATON_API_WEBHOOK_SECRET" -hex | sed 's/^.* //')
  status=$(curl -sS -o "$work/body" -D "$work/headers" -w '%{http_code}' \
    --connect-timeout 10 --max-time 60 -X POST "$baton_url/api/v1/builds" \
    -H 'Content-Type: application/json' \
    -H "X-Baton-Timestamp: $ts" -H "X-Baton-Signature: v1=$sig" \
    --data-binary "$body" 2>"$work/curl-error") || status=000
}

detail() {
  jq -r '.detail // empty' "$work/body" 2>/dev/null || true
}

retry_after() {
  tr -d '\r' <"$work/headers" 2>/dev/null \
    | awk 'tolower($1) == "retry-after:" && $2 ~ /^[0-9]+$/ { print $2 }' | tail -n 1
}

attempt=1
while true; do
  post
  case "$status" in
    200 | 201) break ;;
    000 | 429 | 5??)
      why=$(detail)
      [[ -n "$why" ]] || why=$(cat "$work/curl-error" 2>/dev/null || true)
      if ((attempt >= max_attempts)); then
        fail "Baton answered $status after $attempt attempts: ${why:-no detail}"
      fi
      wait=$(retry_after)
      wait=${wait:-$delay}
      ((wait <= max_delay)) || wait=$max_delay
      echo "Baton answered $status (${why:-no detail}); attempt $((attempt + 1)) of $max_attempts in ${wait}s" >&2
      sleep "$wait"
      delay=$((delay * 2))
      attempt=$((attempt + 1))
      ;;
    *)
      why=$(detail)
      fail "Baton refused the build ($status): ${why:-$(head -c 500 "$work/body" 2>/dev/null)}"
      ;;
  esac
done

path=$(jq -rn --arg app "$BATON_APP" --arg tag "$BATON_TAG" \
  '"/api/v1/apps/\($app | @uri)/releases/\($tag | @uri)"')
release_url="$baton_url$path"
if [[ "$status" == 201 ]]; then
  echo "Registered $BATON_APP $BATON_TAG: $release_url"
else
  echo "$BATON_APP $BATON_TAG was already registered with these digests: $release_url"
fi
if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
  echo "release-url=$release_url" >>"$GITHUB_OUTPUT"
fi
