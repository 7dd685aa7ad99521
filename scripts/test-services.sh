#!/usr/bin/env bash
# Starts the real services Baton's tests use, runs a command with their URLs exported, and stops
# them again, whatever the command's outcome.
#
#   scripts/test-services.sh ./mvnw -B verify
#
# PostgreSQL 15: a private cluster in a temp directory on a free loopback port, run as the
#   postgres user (it refuses root) → BATON_TEST_POSTGRES_URL, BATON_TEST_POSTGRES_USER.
# OCI registries: Debian's docker-registry (installed when missing), each on a free loopback port
#   with storage in a temp directory:
#   - open, no authentication → BATON_TEST_REGISTRY_URL;
#   - basic auth from a bcrypt htpasswd file (htpasswd from apache2-utils, installed when missing;
#     else python's bcrypt or crypt) → BATON_TEST_REGISTRY_AUTH_URL, BATON_TEST_REGISTRY_AUTH_USER,
#     BATON_TEST_REGISTRY_AUTH_PASSWORD.
#   The registries are required: if one cannot be installed or started, the script fails.
# Git: smart HTTP (start_git_server) and SSH through OpenSSH's sshd (start_git_ssh, installing
#   openssh-server when missing) on loopback, both serving the same bare repos; see each function.
set -euo pipefail

work=$(mktemp -d /tmp/baton-services.XXXXXX)
chmod 755 "$work"
pids=()
pg_data=""
registry_port=""

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

fail() {
  echo "test-services: $*" >&2
  exit 1
}

install_registry() {
  if ! command -v docker-registry >/dev/null; then
    echo "test-services: installing docker-registry" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-registry >/dev/null; } \
      || fail "cannot install docker-registry (apt-get install docker-registry failed)"
  fi
}

# run_registry NAME [HTPASSWD_FILE]: starts one registry and sets registry_port once it answers.
# (Not run in $(…): the registry's pid must reach the pids that stop_all kills.)
run_registry() {
  local name=$1 htpasswd=${2:-} port; port=$(free_port)
  mkdir -p "$work/$name"
  {
    echo "version: 0.1"
    echo "log: {level: warn}"
    echo "storage:"
    echo "  filesystem: {rootdirectory: $work/$name}"
    echo "  delete: {enabled: true}"
    echo "http: {addr: 127.0.0.1:$port}"
    if [ -n "$htpasswd" ]; then
      echo "auth:"
      echo "  htpasswd: {realm: baton-test, path: $htpasswd}"
    fi
  } > "$work/$name.yml"
  docker-registry serve "$work/$name.yml" >"$work/$name.log" 2>&1 &
  pids+=($!)
  local status
  for _ in $(seq 1 100); do
    # 200 when open, 401 when it asks for credentials: either way it is up.
    status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v2/" || true)
    if [ "$status" = 200 ] || [ "$status" = 401 ]; then
      registry_port=$port
      return
    fi
    sleep 0.1
  done
  cat "$work/$name.log" >&2
  fail "docker-registry ($name) did not answer on 127.0.0.1:$port"
}

# make_htpasswd USER PASSWORD FILE: a bcrypt entry, as docker-registry's htpasswd auth requires.
make_htpasswd() {
  if ! command -v htpasswd >/dev/null; then
    echo "test-services: installing apache2-utils (htpasswd)" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq apache2-utils >/dev/null; } \
      || echo "test-services: apache2-utils not installable; trying python" >&2
  fi
  if command -v htpasswd >/dev/null; then
    htpasswd -Bbn "$1" "$2" >"$3"
  elif python3 -c 'import bcrypt' 2>/dev/null; then
    python3 -c 'import bcrypt,sys; print(sys.argv[1] + ":" + bcrypt.hashpw(sys.argv[2].encode(), bcrypt.gensalt()).decode())' "$1" "$2" >"$3"
  elif python3 -W ignore -c 'import crypt; crypt.METHOD_BLOWFISH' 2>/dev/null; then
    python3 -W ignore -c 'import crypt,sys; print(sys.argv[1] + ":" + crypt.crypt(sys.argv[2], crypt.mksalt(crypt.METHOD_BLOWFISH)))' "$1" "$2" >"$3"
  else
    fail "no way to make a bcrypt htpasswd file (install apache2-utils)"
  fi
}

start_registries() {
  install_registry
  run_registry registry
  export BATON_TEST_REGISTRY_URL="http://127.0.0.1:$registry_port"
  echo "test-services: OCI registry at $BATON_TEST_REGISTRY_URL" >&2

  local user=baton password
  password=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
  make_htpasswd "$user" "$password" "$work/htpasswd"
  run_registry registry-auth "$work/htpasswd"
  export BATON_TEST_REGISTRY_AUTH_URL="http://127.0.0.1:$registry_port"
  export BATON_TEST_REGISTRY_AUTH_USER="$user"
  export BATON_TEST_REGISTRY_AUTH_PASSWORD="$password"
  echo "test-services: OCI registry with basic auth (user $user) at $BATON_TEST_REGISTRY_AUTH_URL" >&2
}

# Git smart HTTP (git http-backend behind scripts/git-http-server.py) with a token, bare repos
# under a temp root; each repo's pre-receive hook refuses pushes while <repo>/protected exists,
# and its post-receive hook appends every accepted push (epoch ms, ref, id) to <repo>/baton-pushes.log.
#   → BATON_TEST_GIT_HTTP_URL (http://127.0.0.1:PORT; repos at /<name>.git), BATON_TEST_GIT_TOKEN,
#     BATON_TEST_GIT_ROOT (tests create bare repos there with `git init --bare` or JGit; the
#     server enables receive-pack and ROOT/pre-receive for all of them).
start_git_server() {
  command -v git >/dev/null || fail "git is required for the Git server (apt-get install git)"
  local root="$work/git" port token
  mkdir -p "$root"
  cat >"$root/pre-receive" <<'HOOK'
#!/bin/sh
if [ -e "$GIT_DIR/protected" ]; then
  echo "branch is protected: pushes go through review" >&2
  exit 1
fi
exit 0
HOOK
  chmod +x "$root/pre-receive"
  # every accepted push, timed (epoch ms, ref, new id), for the GitOps benchmark
  cat >"$root/post-receive" <<'HOOK'
#!/bin/sh
while read -r old new ref; do
  echo "$(date +%s%3N) $ref $new" >>"$GIT_DIR/baton-pushes.log"
done
exit 0
HOOK
  chmod +x "$root/post-receive"
  git config --global --add safe.directory '*' 2>/dev/null || true
  port=$(free_port)
  token=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
  python3 "$(dirname "$0")/git-http-server.py" "$port" "$root" "$token" &
  pids+=($!)
  for _ in $(seq 1 50); do
    if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$port),0.2)" 2>/dev/null; then
      export BATON_TEST_GIT_HTTP_URL="http://127.0.0.1:$port"
      export BATON_TEST_GIT_TOKEN="$token"
      export BATON_TEST_GIT_ROOT="$root"
      echo "test-services: Git smart HTTP at $BATON_TEST_GIT_HTTP_URL (repos under $root)" >&2
      return
    fi
    sleep 0.1
  done
  fail "the Git HTTP server did not answer on 127.0.0.1:$port"
}

# OpenSSH's sshd (Debian's openssh-server, installed when missing) on a free loopback port with a
# generated ed25519 host key, serving the same bare repos as start_git_server through git-shell;
# ROOT's hooks (pre-receive) apply to SSH pushes too. Only the generated user key is accepted.
#   → BATON_TEST_GIT_SSH_URL (ssh://USER@127.0.0.1:PORT/ROOT; repos at /<name>.git under it),
#     BATON_TEST_GIT_SSH_KEY (the private key file), BATON_TEST_GIT_KNOWN_HOSTS ([127.0.0.1]:PORT).
start_git_ssh() {
  if [ ! -x /usr/sbin/sshd ]; then
    echo "test-services: installing openssh-server" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssh-server >/dev/null; } \
      || fail "cannot install openssh-server (apt-get install openssh-server failed)"
  fi
  local dir="$work/ssh" root="$BATON_TEST_GIT_ROOT" port user
  user=$(id -un)
  mkdir -p "$dir" /run/sshd 2>/dev/null || mkdir -p "$dir"
  ssh-keygen -q -t ed25519 -N '' -C baton-test-host -f "$dir/host_key"
  ssh-keygen -q -t ed25519 -N '' -C baton-test-user -f "$dir/user_key"
  # the forced command: only git over git-shell, with ROOT's hooks as for the HTTP server
  cat >"$dir/git-serve" <<SERVE
#!/bin/sh
export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.hooksPath GIT_CONFIG_VALUE_0="$root"
exec git-shell -c "\$SSH_ORIGINAL_COMMAND"
SERVE
  chmod 755 "$dir/git-serve"
  echo "command=\"$dir/git-serve\",no-port-forwarding,no-X11-forwarding,no-agent-forwarding,no-pty $(cat "$dir/user_key.pub")" \
    >"$dir/authorized_keys"
  port=$(free_port)
  cat >"$dir/sshd_config" <<CONF
ListenAddress 127.0.0.1
Port $port
HostKey $dir/host_key
AuthorizedKeysFile $dir/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
PidFile $dir/sshd.pid
CONF
  /usr/sbin/sshd -D -e -f "$dir/sshd_config" >"$dir/log" 2>&1 &
  pids+=($!)
  echo "[127.0.0.1]:$port $(cut -d' ' -f1-2 "$dir/host_key.pub")" >"$dir/known_hosts"
  for _ in $(seq 1 50); do
    if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$port),0.2)" 2>/dev/null; then
      export BATON_TEST_GIT_SSH_URL="ssh://$user@127.0.0.1:$port$root"
      export BATON_TEST_GIT_SSH_KEY="$dir/user_key"
      export BATON_TEST_GIT_KNOWN_HOSTS="$dir/known_hosts"
      echo "test-services: Git over SSH at $BATON_TEST_GIT_SSH_URL (key $dir/user_key)" >&2
      return
    fi
    sleep 0.1
  done
  cat "$dir/log" >&2
  fail "sshd did not answer on 127.0.0.1:$port"
}

# Prometheus (Debian's prometheus, installed when missing) on a free loopback port, scraping every
# 1 s the targets a test writes into a file_sd_configs file → BATON_TEST_PROMETHEUS_URL,
# BATON_TEST_PROMETHEUS_TARGETS (that file: JSON [{"targets":["127.0.0.1:PORT"],"labels":{…}}]).
start_prometheus() {
  if ! command -v prometheus >/dev/null; then
    echo "test-services: installing prometheus" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus >/dev/null; } \
      || fail "cannot install prometheus (apt-get install prometheus failed)"
  fi
  local dir="$work/prometheus" port
  mkdir -p "$dir/data"
  echo '[]' > "$dir/targets.json"
  cat > "$dir/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: baton-test
    file_sd_configs:
      - files: ["$dir/targets.json"]
        refresh_interval: 1s
YAML
  port=$(free_port)
  prometheus --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/data" \
    --web.listen-address="127.0.0.1:$port" >"$dir/log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    if curl -fs "http://127.0.0.1:$port/-/ready" >/dev/null 2>&1; then break; fi
    sleep 0.2
  done
  curl -fs "http://127.0.0.1:$port/-/ready" >/dev/null 2>&1 || { cat "$dir/log" >&2; fail "prometheus did not start"; }
  export BATON_TEST_PROMETHEUS_URL="http://127.0.0.1:$port"
  export BATON_TEST_PROMETHEUS_TARGETS="$dir/targets.json"
  echo "test-services: Prometheus at $BATON_TEST_PROMETHEUS_URL, targets in $BATON_TEST_PROMETHEUS_TARGETS" >&2
}

start_postgres
start_registries
start_git_server
start_git_ssh
start_prometheus
"$@"
