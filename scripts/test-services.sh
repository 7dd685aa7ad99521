#!/usr/bin/env bash
# Starts the real services Baton's tests use, runs a command with their URLs exported, and stops
# them again, whatever the command's outcome.
#
#   scripts/test-services.sh ./mvnw -B verify
#
# PostgreSQL 15: a private cluster in a temp directory on a free loopback port, run as the
#   postgres user (it refuses root) → BATON_TEST_POSTGRES_URL, BATON_TEST_POSTGRES_USER.
# OCI registry: Debian's docker-registry (installed when missing) on a free loopback port with
#   storage in a temp directory → BATON_TEST_REGISTRY_URL.
set -euo pipefail

work=$(mktemp -d /tmp/baton-services.XXXXXX)
chmod 755 "$work"
pids=()
pg_data=""

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$1"; else bash -c "$1"; fi
}

stop_all() {
  set +e
  if [ -n "$pg_data" ]; then as_postgres "$pg_bin/pg_ctl -D $pg_data -m immediate stop" >/dev/null 2>&1; fi
  for pid in "${pids[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null; done
  rm -rf "$work"
}
trap stop_all EXIT

start_postgres() {
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$pg_bin" ]; then
    echo "test-services: PostgreSQL is not installed; installing" >&2
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  local port; port=$(free_port)
  pg_data="$work/pg"
  mkdir -p "$pg_data" && chown postgres "$pg_data" 2>/dev/null || true
  as_postgres "$pg_bin/initdb -D $pg_data -A trust -U postgres >/dev/null"
  as_postgres "$pg_bin/pg_ctl -D $pg_data -l $pg_data/log -w -o '-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off' start >/dev/null"
  export BATON_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$port/postgres"
  export BATON_TEST_POSTGRES_USER=postgres
  echo "test-services: PostgreSQL at $BATON_TEST_POSTGRES_URL" >&2
}

start_registry() {
  if ! command -v docker-registry >/dev/null; then
    echo "test-services: installing docker-registry" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-registry >/dev/null
  fi
  local port; port=$(free_port)
  mkdir -p "$work/registry"
  cat > "$work/registry.yml" <<YAML
version: 0.1
log: {level: warn}
storage:
  filesystem: {rootdirectory: $work/registry}
  delete: {enabled: true}
http: {addr: 127.0.0.1:$port}
YAML
  docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 50); do
    if curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null 2>&1; then break; fi
    sleep 0.1
  done
  export BATON_TEST_REGISTRY_URL="http://127.0.0.1:$port"
  echo "test-services: OCI registry at $BATON_TEST_REGISTRY_URL" >&2
}

start_postgres
start_registry
"$@"
