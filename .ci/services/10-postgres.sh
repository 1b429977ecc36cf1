#!/usr/bin/env bash
# PostgreSQL for the JPA tier's tests: 127.0.0.1:5432, database `oidcstore`, user `oidcstore`
# (password `oidcstore`), which also owns the database so tests may create scratch schemas.
#
#   bash .ci/services/10-postgres.sh start|stop|status
#
# start: installs the Debian package when the server is missing (as root), starts the cluster when
# it is not running (loopback only), waits until it answers, then creates the role and database
# when they are missing. Idempotent. A cluster that was already running is used as it is.
# stop:  stops the cluster only if this script started it (marker under the state dir).
set -euo pipefail

STATE_DIR="${OIDC_SERVICES_DIR:-/tmp/oidc-store-services}/postgres"
HOST=127.0.0.1
PORT=5432
DB=oidcstore
DB_USER=oidcstore
DB_PASSWORD=oidcstore
STARTED_MARKER="$STATE_DIR/started-by-script"

log() { printf '[postgres] %s\n' "$*"; }
die() { printf '[postgres] ERROR: %s\n' "$*" >&2; exit 1; }

answering() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$HOST" -p "$PORT"
  else
    (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null
  fi
}

installed() { command -v pg_lsclusters >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; }

install_server() {
  [ "$(id -u)" = 0 ] || die "PostgreSQL is not installed; run this script as root to install it (apt-get install postgresql)"
  log "installing the postgresql Debian package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # policy-rc.d may forbid starting services from maintainer scripts; the install still succeeds
  apt-get install -y -qq postgresql postgresql-client >/dev/null
}

# Prints "<version> <cluster> <port> <status>" of the cluster serving $PORT, else of the first one.
cluster_line() {
  local line
  line=$(pg_lsclusters --no-header 2>/dev/null | awk -v p="$PORT" '$3 == p {print $1, $2, $3, $4; exit}')
  [ -n "$line" ] || line=$(pg_lsclusters --no-header 2>/dev/null | awk 'NR == 1 {print $1, $2, $3, $4}')
  printf '%s' "$line"
}

as_postgres() {
  # the superuser through the local socket: peer authentication as the postgres OS user
  if [ "$(id -u)" = 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

psql_super() {
  if [ "$(id -u)" = 0 ]; then
    as_postgres psql -X -q -v ON_ERROR_STOP=1 -d postgres "$@"
  else
    psql -X -q -v ON_ERROR_STOP=1 -h "$HOST" -p "$PORT" -U postgres -d postgres "$@"
  fi
}

start_cluster() {
  local line version cluster port status
  line=$(cluster_line)
  if [ -z "$line" ]; then
    [ "$(id -u)" = 0 ] || die "no PostgreSQL cluster exists; run as root to create one"
    version=$(ls /usr/lib/postgresql | sort -V | tail -1)
    log "creating cluster $version/main on port $PORT"
    pg_createcluster "$version" main --port "$PORT" >/dev/null
    line=$(cluster_line)
  fi
  read -r version cluster port status <<<"$line"
  [ "$port" = "$PORT" ] || die "cluster $version/$cluster listens on port $port, not $PORT; set oidc.test.pg.url accordingly"
  if [ "$status" != online ]; then
    [ "$(id -u)" = 0 ] || die "cluster $version/$cluster is down; run as root to start it"
    log "starting cluster $version/$cluster on $HOST:$PORT"
    mkdir -p "$STATE_DIR"
    pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start -- -o "-c listen_addresses=$HOST" \
      || die "pg_ctlcluster could not start $version/$cluster (see /var/log/postgresql/)"
    printf '%s %s\n' "$version" "$cluster" >"$STARTED_MARKER"
  fi
}

wait_until_answering() {
  for _ in $(seq 1 120); do
    answering && return 0
    sleep 0.5
  done
  die "PostgreSQL does not answer on $HOST:$PORT after 60 s"
}

ensure_database() {
  if [ "$(psql_super -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" != 1 ]; then
    log "creating role $DB_USER"
    psql_super -c "CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD'"
  fi
  if [ "$(psql_super -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
    log "creating database $DB"
    psql_super -c "CREATE DATABASE $DB OWNER $DB_USER ENCODING 'UTF8' TEMPLATE template0"
  fi
}

case "${1:-}" in
  start)
    installed || install_server
    if ! answering; then
      start_cluster
      wait_until_answering
    fi
    ensure_database
    log "ready: jdbc:postgresql://$HOST:$PORT/$DB (user $DB_USER)"
    ;;
  stop)
    if [ -f "$STARTED_MARKER" ]; then
      read -r version cluster <"$STARTED_MARKER"
      log "stopping cluster $version/$cluster (started by this script)"
      pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" stop || true
      rm -f "$STARTED_MARKER"
    else
      log "not started by this script; leaving it alone"
    fi
    ;;
  status)
    if answering; then
      log "running on $HOST:$PORT"
    else
      log "not running on $HOST:$PORT"
      exit 1
    fi
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
