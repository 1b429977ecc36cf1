#!/usr/bin/env bash
# A three-node MariaDB Galera cluster for the scale-out tests (profile -Pscale-out), all on 127.0.0.1:
#
#   bash .ci/services/40-galera.sh start|stop|status
#
#   node 1  127.0.0.1:3311  gcomm 4611  IST 4621  SST (rsync) 4631
#   node 2  127.0.0.1:3312  gcomm 4612  IST 4622  SST (rsync) 4632
#   node 3  127.0.0.1:3313  gcomm 4613  IST 4623  SST (rsync) 4633
#
# Database `oidcstore` (and scratch databases `oidcstore_*`), user `oidcstore` / `oidcstore`, as on
# the single MariaDB server. Each node is the Debian `mariadbd` with the `galera-4` provider, its own
# data directory and configuration under $OIDC_SERVICES_DIR/galera/nodeN (never /etc/mysql, never
# the single server's /var/lib/mysql), its own socket and pid file there.
#
# start: installs galera-4, rsync and mariadb-server when missing (as root). Idempotent: a node that
# answers and is part of the primary component is left alone. When no node answers, node 1 is
# bootstrapped (--wsrep-new-cluster; its grastate.dat is marked safe to bootstrap, which is right for
# a test cluster: a node that was ahead rejoins and takes the bootstrapped state); every other node
# that does not answer is started and joins (IST when its gcache position allows, else SST by
# rsync). A node that crashed (kill -9: grastate.dat without a position) starts from the position
# InnoDB recovers (mariadbd --wsrep-recover), so it rejoins by IST, and a bootstrap after a crash of
# every node keeps the cluster's history. Then the database and user are created on node 1
# (replicated to the others).
# start-node N: starts node N alone as a joiner (the node-kill test uses it to rejoin a killed node).
# stop:  stops the three nodes (node 1 last, so it is the one safe to bootstrap next time).
set -euo pipefail

BASE="${OIDC_SERVICES_DIR:-/tmp/oidc-store-services}/galera"
HOST=127.0.0.1
NODES=(1 2 3)
DB=oidcstore
DB_USER=oidcstore
DB_PASSWORD=oidcstore

log() { printf '[40-galera] %s\n' "$*"; }
die() { printf '[40-galera] ERROR: %s\n' "$*" >&2; exit 1; }

port() { echo $((3310 + $1)); }
gcomm_port() { echo $((4610 + $1)); }
ist_port() { echo $((4620 + $1)); }
sst_port() { echo $((4630 + $1)); }
dir() { echo "$BASE/node$1"; }
provider() {
  local p
  for p in /usr/lib/galera/libgalera_smm.so /usr/lib/libgalera_smm.so /usr/lib64/galera-4/libgalera_smm.so; do
    [ -f "$p" ] && { echo "$p"; return 0; }
  done
  return 1
}
client() { command -v mariadb || command -v mysql; }

ensure_packages() {
  local missing=()
  [ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server mariadb-client)
  provider >/dev/null || missing+=(galera-4)
  command -v rsync >/dev/null 2>&1 || missing+=(rsync)
  command -v ss >/dev/null 2>&1 || missing+=(iproute2)
  if ((${#missing[@]})); then
    [ "$(id -u)" = 0 ] || die "missing ${missing[*]}; install them as root: apt-get install -y ${missing[*]}"
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # policy-rc.d may forbid starting services from maintainer scripts; the install still succeeds
    apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

write_conf() { # write_conf N
  local n=$1 d members="" m
  d=$(dir "$n")
  for m in "${NODES[@]}"; do members+="${members:+,}$HOST:$(gcomm_port "$m")"; done
  mkdir -p "$d/data" "$d/tmp"
  cat >"$d/my.cnf" <<EOF
[mariadbd]
user = mysql
datadir = $d/data
tmpdir = $d/tmp
socket = $d/mysqld.sock
pid-file = $d/mariadbd.pid
log-error = $d/error.log
bind-address = $HOST
port = $(port "$n")
skip-name-resolve
character-set-server = utf8mb4
collation-server = utf8mb4_bin
default-storage-engine = InnoDB
innodb_buffer_pool_size = 64M
innodb_log_file_size = 48M
innodb_flush_log_at_trx_commit = 2
innodb_autoinc_lock_mode = 2
performance_schema = OFF
max_connections = 200
binlog_format = ROW
wsrep_on = ON
wsrep_provider = $(provider)
wsrep_cluster_name = oidc-store-galera
wsrep_cluster_address = gcomm://$members
wsrep_node_name = node$n
wsrep_node_address = $HOST:$(gcomm_port "$n")
wsrep_node_incoming_address = $HOST:$(port "$n")
wsrep_provider_options = "gmcast.listen_addr=tcp://$HOST:$(gcomm_port "$n");ist.recv_addr=$HOST:$(ist_port "$n");gcache.size=128M"
wsrep_sst_method = rsync
wsrep_sst_receive_address = $HOST:$(sst_port "$n")
wsrep_slave_threads = 2

[client]
socket = $d/mysqld.sock
EOF
  chown -R mysql:mysql "$d"
}

root_sql() { # root_sql N [args]: root over node N's socket (unix_socket authentication)
  local n=$1; shift
  "$(client)" --no-defaults --protocol=socket -S "$(dir "$n")/mysqld.sock" -uroot "$@"
}

# status_sql N QUERY: as root through the node's socket; otherwise over TCP as the test user (a
# cluster someone else started).
status_sql() {
  if [ "$(id -u)" = 0 ]; then
    root_sql "$1" -N -B -e "$2"
  else
    MYSQL_PWD="$DB_PASSWORD" "$(client)" --no-defaults -h "$HOST" -P "$(port "$1")" -u "$DB_USER" -N -B -e "$2"
  fi
}

# A node is healthy when it answers and is synced in the primary component.
healthy() {
  local out
  out=$(status_sql "$1" "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME IN ('WSREP_CLUSTER_STATUS','WSREP_LOCAL_STATE_COMMENT') ORDER BY VARIABLE_NAME" 2>/dev/null) || return 1
  [ "$(echo "$out" | tr '\n' ' ')" = "Primary Synced " ]
}
answering() { root_sql "$1" -N -B -e 'SELECT 1' >/dev/null 2>&1; }
alive() { local f; f="$(dir "$1")/mariadbd.pid"; [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; }

launch() { # launch N [extra mariadbd args]
  local n=$1; shift
  local d; d=$(dir "$n")
  rm -f "$d/mariadbd.pid" "$d/mysqld.sock"
  # setsid: the node outlives the shell (and the test JVM) that started it
  setsid /usr/sbin/mariadbd --defaults-file="$d/my.cnf" "$@" </dev/null >>"$d/console.log" 2>&1 &
}

wait_healthy() { # wait_healthy N SECONDS
  local n=$1 s=$2
  for _ in $(seq 1 $((s * 2))); do
    healthy "$n" && return 0
    if ! alive "$n" && [ -f "$(dir "$n")/mariadbd.pid" ]; then break; fi
    sleep 0.5
  done
  die "node $n did not reach Primary/Synced within $s s; see $(dir "$n")/error.log"
}

bootstrap() {
  local d; d=$(dir 1)
  write_conf 1
  if [ ! -d "$d/data/mysql" ]; then
    log "initializing node 1's data directory"
    mariadb-install-db --no-defaults --user=mysql --datadir="$d/data" --auth-root-authentication-method=socket \
      >"$d/install-db.log" 2>&1 || die "mariadb-install-db failed (see $d/install-db.log)"
  fi
  if [ -f "$d/data/grastate.dat" ]; then
    sed -i 's/^safe_to_bootstrap:.*/safe_to_bootstrap: 1/' "$d/data/grastate.dat"
  fi
  local pos
  pos=$(recovered_position 1)
  if [ -n "$pos" ]; then
    # after a crash of every node: keep the cluster's history, so the others rejoin by IST
    log "bootstrapping the cluster from node 1 on $HOST:$(port 1) at recovered position $pos"
    launch 1 --wsrep-new-cluster --wsrep-start-position="$pos"
  else
    log "bootstrapping the cluster from node 1 on $HOST:$(port 1)"
    launch 1 --wsrep-new-cluster
  fi
  wait_healthy 1 60
}

# recovered_position N: after a crash (kill -9) grastate.dat holds seqno -1; InnoDB knows the last
# committed position, which lets the node rejoin by IST (the missed write sets from a peer's gcache)
# instead of a full SST. This is what galera_recovery does for systemd.
recovered_position() {
  local d pos
  d=$(dir "$1")
  [ -d "$d/data/mysql" ] && [ -f "$d/data/grastate.dat" ] || return 0
  grep -q '^seqno:[[:space:]]*-1' "$d/data/grastate.dat" || return 0
  rm -f "$d/recover.log"
  /usr/sbin/mariadbd --defaults-file="$d/my.cnf" --wsrep-recover --log-error="$d/recover.log" >/dev/null 2>&1 || true
  pos=$(sed -n 's/.*WSREP: Recovered position: *\([0-9a-f-]*:[0-9-]*\).*/\1/p' "$d/recover.log" | tail -1)
  [ -n "$pos" ] && printf '%s' "$pos"
}

join() { # join N
  local pos
  write_conf "$1"
  pos=$(recovered_position "$1")
  if [ -n "$pos" ]; then
    log "starting node $1 on $HOST:$(port "$1") from recovered position $pos; it rejoins (IST when the peers' gcache allows)"
    launch "$1" --wsrep-start-position="$pos"
  else
    log "starting node $1 on $HOST:$(port "$1"); it joins the cluster"
    launch "$1"
  fi
}

ensure_database() {
  root_sql 1 <<SQL
CREATE DATABASE IF NOT EXISTS \`$DB\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON \`$DB\`.* TO '$DB_USER'@'127.0.0.1';
GRANT ALL PRIVILEGES ON \`${DB}\\_%\`.* TO '$DB_USER'@'127.0.0.1';
SQL
}

stop_node() { # stop_node N: TERM, wait up to 60 s, then KILL
  local f pid
  f="$(dir "$1")/mariadbd.pid"
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill -CONT "$pid" 2>/dev/null || true # a test may have frozen it
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

status() {
  local rc=0 n size
  for n in "${NODES[@]}"; do
    if healthy "$n"; then
      size=$(status_sql "$n" "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME='WSREP_CLUSTER_SIZE'")
      log "node $n $HOST:$(port "$n") up (Primary, Synced, cluster size $size)"
    else
      log "node $n $HOST:$(port "$n") DOWN or not synced"; rc=3
    fi
  done
  return $rc
}

start() {
  if [ "$(id -u)" != 0 ]; then
    healthy 1 && healthy 2 && healthy 3 && { status; return 0; }
    die "the Galera cluster is not running; run this script as root to start it (the nodes run as the mysql user)"
  fi
  ensure_packages
  mkdir -p "$BASE"
  chown mysql:mysql "$BASE"
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
  local n any=0 started=()
  for n in "${NODES[@]}"; do answering "$n" && any=1; done
  if ((!any)); then
    for n in "${NODES[@]}"; do stop_node "$n"; done # stale processes that no longer answer
    bootstrap
  fi
  for n in "${NODES[@]}"; do
    if ! answering "$n"; then
      stop_node "$n"
      join "$n"
      started+=("$n")
    fi
  done
  # one joiner at a time would be slower; rsync SSTs of a small data directory run side by side
  for n in "${NODES[@]}"; do wait_healthy "$n" 180; done
  ensure_database
  status
  log "ready: jdbc:mariadb://$HOST:3311,$HOST:3312,$HOST:3313/$DB (user $DB_USER)"
}

case "${1:-}" in
  start) start ;;
  start-node)
    [[ "${2:-}" =~ ^[123]$ ]] || die "usage: $0 start-node 1|2|3"
    if answering "$2"; then log "node $2 already answers"; else stop_node "$2"; join "$2"; wait_healthy "$2" 180; fi
    ;;
  stop)
    for n in 3 2 1; do stop_node "$n"; done
    log "stopped"
    ;;
  status) status ;;
  *)
    echo "usage: $0 start|start-node N|stop|status" >&2
    exit 2
    ;;
esac
