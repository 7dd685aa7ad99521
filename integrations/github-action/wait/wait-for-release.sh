#!/usr/bin/env bash
# Waits until release BATON_TAG of BATON_APP is what runs in BATON_ENV, polling
# GET /api/v1/apps/{app} with the read token. Env: BATON_URL, BATON_READ_TOKEN, BATON_APP,
# BATON_TAG, BATON_ENV, BATON_TIMEOUT (s, default 1800), BATON_INTERVAL (s, default 15).
# A 5xx, 429 or unreachable Baton is looked at again; a 4xx fails at once with Baton's detail.
set -euo pipefail

fail() {
  printf '::error title=Waiting for Baton::%s\n' "$1" >&2
  exit 1
}
for name in BATON_URL BATON_READ_TOKEN BATON_APP BATON_TAG BATON_ENV; do
  [[ -n "${!name:-}" ]] || fail "$name is empty"
done
timeout=${BATON_TIMEOUT:-1800}
interval=${BATON_INTERVAL:-15}
app_path=$(jq -rn --arg app "$BATON_APP" '$app | @uri')
url="${BATON_URL%/}/api/v1/apps/$app_path"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The token goes through a file, so it is not on a command line.
printf 'header = "Authorization: Bearer %s"\n' "$BATON_READ_TOKEN" >"$work/auth"

deadline=$(($(date +%s) + timeout))
while true; do
  status=$(curl -sS -o "$work/body" -w '%{http_code}' --connect-timeout 10 --max-time 30 \
    -K "$work/auth" "$url" 2>"$work/curl-error") || status=000
  case "$status" in
    200)
      since=$(jq -r --arg env "$BATON_ENV" --arg tag "$BATON_TAG" \
        '.environments[] | select(.env == $env) | .current
         | select(. != null and .release == $tag) | .since' "$work/body")
      if [[ -n "$since" ]]; then
        echo "$BATON_APP $BATON_TAG runs in $BATON_ENV since $since"
        [[ -z "${GITHUB_OUTPUT:-}" ]] || echo "since=$since" >>"$GITHUB_OUTPUT"
        exit 0
      fi
      jq -e --arg env "$BATON_ENV" '.environments | any(.env == $env)' "$work/body" >/dev/null \
        || fail "$BATON_APP has no environment $BATON_ENV"
      ;;
    000 | 429 | 5??) echo "Baton answered $status; looking again" >&2 ;;
    *) fail "Baton refused ($status): $(jq -r '.detail // empty' "$work/body" 2>/dev/null || true)" ;;
  esac
  if (($(date +%s) + interval > deadline)); then
    fail "$BATON_APP $BATON_TAG does not run in $BATON_ENV after ${timeout}s"
  fi
  sleep "$interval"
done
