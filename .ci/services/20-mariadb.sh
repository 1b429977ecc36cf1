#!/usr/bin/env bash
# MariaDB for the JPA tier's tests: 127.0.0.1:3306, database `oidcstore`, user `oidcstore`
# (password `oidcstore`) with all privileges on `oidcstore` and on scratch databases `oidcstore_*`.
#
#   bash .ci/services/20-mariadb.sh start|stop|status
#
# start: installs the Debian package when the server is missing (as root), starts mariadbd when
# nothing answers (loopback only, daemonized, pid file under the state dir), waits until it
# answers, then creates the database and user when they are missing. Idempotent. A server that
# was already running is used as it is.
# stop:  stops mariadbd only if this script started it.
set -euo pipefail

STATE_DIR="${OIDC_SERVICES_DIR:-/tmp/oidc-store-services}/mariadb"
HOST=127.0.0.1
PORT=3306
DB=oidcstore
DB_USER=oidcstore
DB_PASSWORD=oidcstore
SOCKET=/run/mysqld/mysqld.sock
PID_FILE="$STATE_DIR/mariadbd.pid"
STARTED_MARKER="$STATE_DIR/started-by-script"

log() { printf '[mariadb] %s\n' "$*"; }
die() { printf '[mariadb] ERROR: %s\n' "$*" >&2; exit 1; }

server_bin() {
  local b
  for b in /usr/sbin/mariadbd /usr/sbin/mysqld; do
    [ -x "$b" ] && { printf '%s' "$b"; return 0; }
  done
  return 1
}

client() { command -v mariadb || command -v mysql; }
admin() { command -v mariadb-admin || command -v mysqladmin; }

answering() {
  # ping succeeds as soon as the server answers, even when the login itself is refused
  local a
  a=$(admin) || return 1
  "$a" --no-defaults --connect-timeout=2 -h "$HOST" -P "$PORT" -u ping-probe ping >/dev/null 2>&1
}

install_server() {
  [ "$(id -u)" = 0 ] || die "MariaDB is not installed; run this script as root to install it (apt-get install mariadb-server)"
  log "installing the mariadb-server Debian package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # policy-rc.d may forbid starting services from maintainer scripts; the install still succeeds
  apt-get install -y -qq mariadb-server mariadb-client >/dev/null
}

start_server() {
  [ "$(id -u)" = 0 ] || die "MariaDB is not running; run this script as root to start it"
  local bin datadir
  bin=$(server_bin)
  datadir=/var/lib/mysql
  mkdir -p "$STATE_DIR" /run/mysqld
  chown mysql:mysql /run/mysqld
  if [ ! -d "$datadir/mysql" ]; then
    log "initializing $datadir"
    mariadb-install-db --user=mysql --datadir="$datadir" --auth-root-authentication-method=socket >"$STATE_DIR/install-db.log" 2>&1 \
      || die "mariadb-install-db failed (see $STATE_DIR/install-db.log)"
  fi
  log "starting $bin on $HOST:$PORT"
  # the system configuration (/etc/mysql) supplies datadir and socket; address and port are forced
  start-stop-daemon --start --oknodo --background --make-pidfile --pidfile "$PID_FILE" \
    --exec "$bin" -- --user=mysql --bind-address="$HOST" --port="$PORT" --socket="$SOCKET" \
    --log-error="$STATE_DIR/error.log"
  touch "$STARTED_MARKER"
}

wait_until_answering() {
  for _ in $(seq 1 120); do
    answering && return 0
    sleep 0.5
  done
  die "MariaDB does not answer on $HOST:$PORT after 60 s (see $STATE_DIR/error.log)"
}

root_sql() {
  # root through the local socket (unix_socket authentication as the OS root user)
  "$(client)" --protocol=socket -S "$SOCKET" -uroot "$@"
}

ensure_database() {
  [ "$(id -u)" = 0 ] || { log "not root: assuming database $DB and user $DB_USER exist"; return 0; }
  root_sql <<SQL
CREATE DATABASE IF NOT EXISTS \`$DB\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON \`$DB\`.* TO '$DB_USER'@'127.0.0.1';
GRANT ALL PRIVILEGES ON \`$DB\`.* TO '$DB_USER'@'localhost';
GRANT ALL PRIVILEGES ON \`${DB}\\_%\`.* TO '$DB_USER'@'127.0.0.1';
GRANT ALL PRIVILEGES ON \`${DB}\\_%\`.* TO '$DB_USER'@'localhost';
FLUSH PRIVILEGES;
SQL
}

case "${1:-}" in
  start)
    server_bin >/dev/null || install_server
    if ! answering; then
      start_server
      wait_until_answering
    fi
    ensure_database
    log "ready: jdbc:mariadb://$HOST:$PORT/$DB (user $DB_USER)"
    ;;
  stop)
    if [ -f "$STARTED_MARKER" ]; then
      log "stopping mariadbd (started by this script)"
      if [ -f "$PID_FILE" ]; then
        start-stop-daemon --stop --oknodo --retry TERM/60/KILL/5 --pidfile "$PID_FILE" --remove-pidfile || true
      fi
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
