#!/usr/bin/env bash
# Provisions the real components Bulwark's tests drive, on loopback only.
#
# What it does (idempotent; fast when everything is already up):
#   1. installs the Debian packages in APT_PACKAGES that are missing
#      (`apt-get update` only when something must be installed);
#   2. starts a private dockerd (vfs storage, no iptables, no bridge) listening on
#      unix://$STATE/docker.sock with its data under $STATE — unless one already answers there;
#   3. starts a distribution v2 registry (`docker-registry`) on 127.0.0.1:$BULWARK_TEST_REGISTRY_PORT
#      (default 5055) with htpasswd (bcrypt) auth, data in $STATE/registry-data — unless it answers;
#   4. starts a private PostgreSQL cluster on 127.0.0.1:$BULWARK_TEST_POSTGRES_PORT (default 5433),
#      data in $STATE/postgres, role/database `bulwark` with a password — unless it answers;
#   5. writes $STATE/env, which tests read (see src/test-support/components.ts):
#        BULWARK_TEST_DOCKER_HOST, BULWARK_TEST_REGISTRY,
#        BULWARK_TEST_REGISTRY_USER, BULWARK_TEST_REGISTRY_PASSWORD, BULWARK_TEST_POSTGRES_URL
# STATE is ${BULWARK_TEST_STATE:-/tmp/bulwark-test}. Run as root. Exits non-zero, loudly, on failure.
set -euo pipefail

# One package per line; add what your tests need.
APT_PACKAGES=(
  docker.io        # dockerd + docker CLI (pulls in containerd, runc)
  docker-registry  # distribution v2 registry
  apache2-utils    # htpasswd -B (bcrypt) for the registry
  mmdebstrap       # real Debian root filesystems with genuine dpkg databases
  skopeo           # copy images between daemon, registry, OCI layouts (zstd, multi-arch)
  rpm              # rpm version truth, rpm databases
  zstd             # zstd-compressed layers
  golang-go        # Go binaries with build info for the Go analyzer
  dpkg-dev         # dpkg-deb / dpkg-architecture for fixture builders
  curl             # readiness probes below
  openssl          # a CA and certificates for dockerd's TLS listener
  ca-certificates
  binutils         # readelf/objcopy: ELF fixtures for the Go and Rust analyzers
  gcc              # tiny C programs that carry a cargo-auditable section
  unzip            # reading jar fixtures
  openjdk-17-jdk-headless  # `jar` for nested-archive fixtures, Maven's ComparableVersion
  maven            # maven-artifact's ComparableVersion: Maven version-order truth
  python3          # Python `packaging` (inside pip) as PEP 440 truth
  python3-pip
  ruby             # RubyGems' Gem::Version: gem version-order truth
  php-cli          # PHP for Composer's own semver library below
  php-composer-semver  # composer/semver (Comparator, VersionParser): Composer version-order truth
  libxml2-utils    # xmllint: CycloneDX XML reports checked against the official XSD
  postgresql       # the server's scale-out storage backend (a private cluster, below)
  chromium         # the web console's end-to-end tests (driven by playwright-core)
  mono-mcs         # the Mono C# compiler: real .NET assemblies with version resources (lang/dotnet)
  hugs             # Haskell's Data.Version (Hugs base): Hackage/GHC (PVP) version-order truth
  elixir           # Elixir's Version module: Hex version-order truth (src/core/version/hex.test.ts)
)

STATE="${BULWARK_TEST_STATE:-/tmp/bulwark-test}"
REGISTRY_PORT="${BULWARK_TEST_REGISTRY_PORT:-5055}"
PG_PORT="${BULWARK_TEST_POSTGRES_PORT:-5433}"
PG_USER=bulwark
PG_PASSWORD=bulwark-test-pg
PG_DATA="$STATE/postgres"
PG_SOCK="$STATE/postgres-sock"
REGISTRY_USER=bulwark
REGISTRY_PASSWORD=bulwark-test-pw
DOCKER_SOCK="$STATE/docker.sock"
DOCKER_TLS_PORT="${BULWARK_TEST_DOCKER_TLS_PORT:-2396}"
TLS="$STATE/tls"

die() {
  echo "provision.sh: ERROR: $*" >&2
  exit 1
}
log() { echo "provision.sh: $*" >&2; }

[ "$(id -u)" = 0 ] || die "must run as root (it installs packages and starts dockerd)"

# ---- 1. packages -------------------------------------------------------------------------
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  status="$(dpkg-query -W -f '${db:Status-Status}' "$pkg" 2>/dev/null || true)"
  [ "$status" = installed ] || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || die "apt-get update failed"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    die "apt-get install ${missing[*]} failed"
fi
# The Debian docker-registry package starts a system service on :5000; ours is separate.

mkdir -p "$STATE"
chmod 755 "$STATE"

# ---- 2. dockerd --------------------------------------------------------------------------
# Listens on the private unix socket and, for tests of `tcp://` with a TLS cert dir, on
# 127.0.0.1:$DOCKER_TLS_PORT with mutual TLS (a throwaway CA made here).
if [ ! -f "$TLS/client/key.pem" ]; then
  mkdir -p "$TLS/client"
  (
    cd "$TLS"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj /CN=bulwark-test-ca \
      -keyout ca-key.pem -out ca.pem >/dev/null 2>&1
    openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout server-key.pem -out server.csr >/dev/null 2>&1
    printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 3650 \
      -extfile server.ext -out server-cert.pem >/dev/null 2>&1
    openssl req -newkey rsa:2048 -nodes -subj /CN=bulwark-test-client -keyout client/key.pem -out client.csr >/dev/null 2>&1
    printf 'extendedKeyUsage=clientAuth\n' >client.ext
    openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 3650 \
      -extfile client.ext -out client/cert.pem >/dev/null 2>&1
    cp ca.pem client/ca.pem
  ) || die "openssl could not make the test TLS certificates in $TLS"
fi

docker_up() { timeout 10 docker -H "unix://$DOCKER_SOCK" version >/dev/null 2>&1; }
docker_tls_up() {
  timeout 10 docker -H "tcp://127.0.0.1:$DOCKER_TLS_PORT" --tlsverify --tlscacert "$TLS/client/ca.pem" \
    --tlscert "$TLS/client/cert.pem" --tlskey "$TLS/client/key.pem" version >/dev/null 2>&1
}

# A daemon from an older provisioning (no TLS listener) is restarted with the current flags.
if docker_up && ! docker_tls_up && [ -f "$STATE/docker.pid" ]; then
  log "restarting dockerd to add its TLS listener"
  old_pid="$(cat "$STATE/docker.pid")"
  kill "$old_pid" 2>/dev/null || true
  for _ in $(seq 1 120); do
    kill -0 "$old_pid" 2>/dev/null || break
    sleep 0.5
  done
fi

if ! docker_up; then
  if [ -f "$STATE/docker.pid" ] && kill -0 "$(cat "$STATE/docker.pid")" 2>/dev/null; then
    die "a dockerd (pid $(cat "$STATE/docker.pid")) owns $STATE but does not answer; see $STATE/dockerd.log"
  fi
  rm -f "$DOCKER_SOCK" "$STATE/docker.pid"
  mkdir -p "$STATE/docker-root" "$STATE/docker-exec"
  log "starting dockerd on unix://$DOCKER_SOCK and tcp://127.0.0.1:$DOCKER_TLS_PORT (TLS)"
  # dockerd launches its own managed containerd (under --exec-root) when none is configured.
  # setsid + nohup: the daemon outlives this script and the test run that called it.
  setsid nohup dockerd \
    --iptables=false --ip6tables=false --bridge=none --storage-driver=vfs \
    --host "unix://$DOCKER_SOCK" \
    --host "tcp://127.0.0.1:$DOCKER_TLS_PORT" \
    --tlsverify --tlscacert "$TLS/ca.pem" --tlscert "$TLS/server-cert.pem" --tlskey "$TLS/server-key.pem" \
    --data-root "$STATE/docker-root" \
    --exec-root "$STATE/docker-exec" \
    --pidfile "$STATE/docker.pid" \
    >>"$STATE/dockerd.log" 2>&1 </dev/null &
  for _ in $(seq 1 120); do
    docker_up && docker_tls_up && break
    sleep 0.5
  done
  if ! docker_up || ! docker_tls_up; then
    tail -n 40 "$STATE/dockerd.log" >&2 || true
    die "dockerd did not answer on unix://$DOCKER_SOCK and tcp://127.0.0.1:$DOCKER_TLS_PORT within 60 s (log above: $STATE/dockerd.log)"
  fi
fi

# ---- 3. registry -------------------------------------------------------------------------
registry_status() {
  curl -s -o /dev/null -m 3 -w '%{http_code}' "http://127.0.0.1:$REGISTRY_PORT/v2/" 2>/dev/null || true
}

if [ "$(registry_status)" != 401 ]; then
  if [ -f "$STATE/registry.pid" ] && kill -0 "$(cat "$STATE/registry.pid")" 2>/dev/null; then
    log "registry pid $(cat "$STATE/registry.pid") does not answer 401; restarting it"
    kill "$(cat "$STATE/registry.pid")" || true
    sleep 1
  fi
  mkdir -p "$STATE/registry-data"
  htpasswd -Bbc "$STATE/htpasswd" "$REGISTRY_USER" "$REGISTRY_PASSWORD" >/dev/null 2>&1 ||
    die "htpasswd failed"
  cat >"$STATE/registry.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $STATE/registry-data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$REGISTRY_PORT
auth:
  htpasswd:
    realm: bulwark
    path: $STATE/htpasswd
EOF
  log "starting registry on 127.0.0.1:$REGISTRY_PORT"
  setsid nohup docker-registry serve "$STATE/registry.yml" >>"$STATE/registry.log" 2>&1 </dev/null &
  echo $! >"$STATE/registry.pid"
  for _ in $(seq 1 60); do
    [ "$(registry_status)" = 401 ] && break
    sleep 0.25
  done
  if [ "$(registry_status)" != 401 ]; then
    tail -n 40 "$STATE/registry.log" >&2 || true
    die "registry on 127.0.0.1:$REGISTRY_PORT did not answer 401 on /v2/ (log above: $STATE/registry.log)"
  fi
fi

# ---- 4. postgresql -----------------------------------------------------------------------
# A private cluster (not Debian's service on 5432): data in $PG_DATA, listening on
# 127.0.0.1:$PG_PORT only, password (scram) auth for everything but the local superuser's
# socket. The bulwark role may CREATE DATABASE so each test run gets a fresh database.
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -n "$PG_BIN" ] || die "postgresql binaries not found under /usr/lib/postgresql"
pg_up() { PGPASSWORD="$PG_PASSWORD" timeout 5 psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d bulwark -Atc 'select 1' >/dev/null 2>&1; }
as_pg() { runuser -u postgres -- "$@"; }
if ! pg_up; then
  mkdir -p "$PG_SOCK"
  chown postgres:postgres "$PG_SOCK"
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    mkdir -p "$PG_DATA"
    chown postgres:postgres "$PG_DATA"
    chmod 700 "$PG_DATA"
    log "initialising a PostgreSQL cluster in $PG_DATA"
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth-local=peer --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >"$STATE/postgres-initdb.log" 2>&1 ||
      die "initdb failed (see $STATE/postgres-initdb.log)"
  fi
  # Shared buffers as a production server would size them (an eighth of the memory, at most
  # 2 GB): with initdb's 128 MB the QQL bench's 7 GB database was read page by page from the
  # OS on every index probe.
  mem_mb=$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo)
  pg_buffers_mb=$(( mem_mb / 8 > 2048 ? 2048 : (mem_mb / 8 < 128 ? 128 : mem_mb / 8) ))
  if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_SOCK/postgres.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_SOCK -c max_connections=200 -c fsync=off -c shared_buffers=${pg_buffers_mb}MB" start >/dev/null ||
      { tail -n 40 "$PG_SOCK/postgres.log" >&2 || true; die "PostgreSQL did not start (log above)"; }
  fi
  psql_su() { as_pg psql -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -Atq "$@"; }
  if [ "$(psql_su -c "select 1 from pg_roles where rolname='$PG_USER'")" != 1 ]; then
    psql_su -c "create role $PG_USER login createdb password '$PG_PASSWORD'" || die "could not create role $PG_USER"
  fi
  # Tests drop their databases `with (force)`, which must end an autovacuum worker still in
  # one; that needs pg_signal_backend for a role that is not a superuser.
  if [ "$(psql_su -c "select pg_has_role('$PG_USER', 'pg_signal_backend', 'member')")" != t ]; then
    psql_su -c "grant pg_signal_backend to $PG_USER" || die "could not grant pg_signal_backend to $PG_USER"
  fi
  if [ "$(psql_su -c "select 1 from pg_database where datname='bulwark'")" != 1 ]; then
    psql_su -c "create database bulwark owner $PG_USER" || die "could not create database bulwark"
  fi
  pg_up || die "PostgreSQL on 127.0.0.1:$PG_PORT does not accept $PG_USER (see $PG_SOCK/postgres.log)"
fi

# ---- 5. env for tests --------------------------------------------------------------------
cat >"$STATE/env.tmp" <<EOF
export BULWARK_TEST_DOCKER_HOST=unix://$DOCKER_SOCK
export BULWARK_TEST_DOCKER_TLS_HOST=tcp://127.0.0.1:$DOCKER_TLS_PORT
export BULWARK_TEST_DOCKER_CERT_PATH=$TLS/client
export BULWARK_TEST_REGISTRY=127.0.0.1:$REGISTRY_PORT
export BULWARK_TEST_REGISTRY_USER=$REGISTRY_USER
export BULWARK_TEST_REGISTRY_PASSWORD=$REGISTRY_PASSWORD
export BULWARK_TEST_POSTGRES_URL=postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/bulwark
EOF
mv -f "$STATE/env.tmp" "$STATE/env"
log "ready: dockerd unix://$DOCKER_SOCK, registry 127.0.0.1:$REGISTRY_PORT, postgres 127.0.0.1:$PG_PORT ($STATE/env)"
