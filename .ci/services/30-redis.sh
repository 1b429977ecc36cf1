#!/usr/bin/env bash
# Redis servers for the redis-store-bundle tests, all on 127.0.0.1, never the machine-wide 6379.
#
#   bash .ci/services/30-redis.sh start|stop|status
#
#   plain     127.0.0.1:6380         plaintext, requirepass dev-secret (the dev-mode tests)
#   tls       127.0.0.1:6390         TLS only, ACL users (default user off)
#   sentinel  master 127.0.0.1:6479, replica 127.0.0.1:6480, sentinel 127.0.0.1:26379,
#             all TLS only with ACL users; monitored master name oidcmaster
#   cluster   127.0.0.1:7001-7003 (bus 17001-17003), three masters, TLS only (tls-cluster), ACL users
#
# Logins on every TLS server: oidc-app / app-secret (least privilege: the commands the store runs,
# keys oidctest:* and oidc:*), oidc-admin / admin-secret (test housekeeping, replication, sentinel
# monitoring). The sentinel itself: oidc-sentinel / sentinel-secret. TLS material (a test CA, a
# server certificate for localhost/127.0.0.1, a client certificate, PKCS12 stores with password
# changeit) is generated once under the state directory.
#
# Every server: save "" / appendonly no (nothing on disk but logs), maxmemory-policy noeviction.
# State lives under $OIDC_SERVICES_DIR/redis (default /tmp/oidc-store-services/redis), outside the
# repository so that `mvn clean` never touches it. `start` is idempotent: a server that answers and
# whose generated configuration is unchanged is left alone; a changed configuration restarts it.
set -euo pipefail

VERB="${1:-status}"
BASE="${OIDC_SERVICES_DIR:-/tmp/oidc-store-services}/redis"
TLS="$BASE/tls"

PLAIN_PORT=6380
TLS_PORT=6390
MASTER_PORT=6479
REPLICA_PORT=6480
SENTINEL_PORT=26379
CLUSTER_PORTS=(7001 7002 7003)
MASTER_NAME=oidcmaster

DEV_PASSWORD=dev-secret
APP_USER=oidc-app
APP_PASSWORD=app-secret
ADMIN_USER=oidc-admin
ADMIN_PASSWORD=admin-secret
SENTINEL_USER=oidc-sentinel
SENTINEL_PASSWORD=sentinel-secret
STORE_PASSWORD=changeit

# What the store runs, and nothing else: connection set-up, the plain commands of the four
# substores, and every command its Lua scripts call (Lua runs with the caller's ACL). INFO lets
# the start-up check read maxmemory-policy without CONFIG. On a cluster the client also reads the
# slot map.
APP_ACL="resetchannels -@all +ping +hello +auth +client|setname +select +info \
+get +set +del +exists +pexpire +pttl +hget +hmget +hset +hdel +zadd +zrem +zrange \
+evalsha +script|load"
CLUSTER_APP_ACL="$APP_ACL +cluster|slots"
# What a client of Sentinel needs: find the master and follow +switch-master.
SENTINEL_CLIENT_ACL="-@all +ping +hello +auth +sentinel|get-master-addr-by-name +subscribe &*"

log() { printf '[30-redis] %s\n' "$*"; }

ensure_packages() {
  local missing=()
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  if ((${#missing[@]})); then
    if [ "$(id -u)" != 0 ]; then
      log "missing ${missing[*]}; install them as root: apt-get install -y ${missing[*]}"
      exit 1
    fi
    log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  command -v keytool >/dev/null 2>&1 || { log "keytool (a JDK) is required for the truststore"; exit 1; }
}

ensure_tls() {
  mkdir -p "$TLS"
  if [ -f "$TLS/truststore.p12" ] && [ -f "$TLS/client.p12" ] \
     && openssl x509 -checkend 86400 -noout -in "$TLS/server.crt" >/dev/null 2>&1; then
    return
  fi
  log "generating a test CA, a server certificate (SAN localhost, 127.0.0.1) and a client certificate"
  (
    cd "$TLS"
    rm -f ./*.crt ./*.key ./*.csr ./*.p12 ./*.srl ./*.ext
    openssl req -x509 -new -nodes -newkey rsa:2048 -days 365 -subj "/CN=oidc-store test CA" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
      -keyout ca.key -out ca.crt 2>/dev/null
    # serverAuth and clientAuth: cluster nodes and replicas use the same certificate as clients
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n' >server.ext
    openssl req -new -nodes -newkey rsa:2048 -subj /CN=localhost -keyout server.key -out server.csr 2>/dev/null
    openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 365 \
      -extfile server.ext -out server.crt 2>/dev/null
    printf 'extendedKeyUsage=clientAuth\n' >client.ext
    openssl req -new -nodes -newkey rsa:2048 -subj "/CN=$APP_USER" -keyout client.key -out client.csr 2>/dev/null
    openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 365 \
      -extfile client.ext -out client.crt 2>/dev/null
    openssl pkcs12 -export -in client.crt -inkey client.key -certfile ca.crt -name "$APP_USER" \
      -out client.p12 -passout "pass:$STORE_PASSWORD"
    keytool -importcert -noprompt -alias oidc-store-test-ca -file ca.crt -keystore truststore.p12 \
      -storetype PKCS12 -storepass "$STORE_PASSWORD" >/dev/null 2>&1
    chmod 600 ./*.key
  )
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Passwords go through REDISCLI_AUTH, never on a command line.
plain_cli() { REDISCLI_AUTH="$DEV_PASSWORD" redis-cli -h 127.0.0.1 -p "$PLAIN_PORT" "$@"; }
tls_cli() { # tls_cli PORT [args...] as the admin user
  local p=$1; shift
  REDISCLI_AUTH="$ADMIN_PASSWORD" redis-cli --tls --cacert "$TLS/ca.crt" -h 127.0.0.1 -p "$p" --user "$ADMIN_USER" "$@"
}
sentinel_cli() {
  REDISCLI_AUTH="$SENTINEL_PASSWORD" redis-cli --tls --cacert "$TLS/ca.crt" -h 127.0.0.1 -p "$SENTINEL_PORT" \
    --user "$SENTINEL_USER" "$@"
}

wait_for() { # wait_for DESCRIPTION COMMAND...: up to 15 s
  local what=$1; shift
  for _ in $(seq 1 150); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  log "$what did not come up; see the logs under $BASE"
  return 1
}

# conf_changed FILE < content: keeps the generated content in FILE.gen (Redis and Sentinel rewrite
# their own file); true when it differs from the last start. FILE is reset from FILE.gen by start.
conf_changed() {
  local f=$1 tmp
  tmp=$(mktemp)
  cat >"$tmp"
  if [ -f "$f.gen" ] && cmp -s "$tmp" "$f.gen"; then
    rm -f "$tmp"
    return 1
  fi
  mv "$tmp" "$f.gen"
  return 0
}

launch() { # launch CONF [--sentinel]
  cp "$1.gen" "$1"
  redis-server "$@"
}

common_conf() { # common_conf DIR
  cat <<EOF
bind 127.0.0.1
protected-mode yes
daemonize yes
dir $1
pidfile $1/redis.pid
logfile $1/redis.log
save ""
appendonly no
maxmemory 256mb
maxmemory-policy noeviction
EOF
}

tls_conf() { # tls_conf PORT: TLS only, ACL users
  cat <<EOF
port 0
tls-port $1
tls-cert-file $TLS/server.crt
tls-key-file $TLS/server.key
tls-ca-cert-file $TLS/ca.crt
tls-auth-clients optional
tls-protocols "TLSv1.2 TLSv1.3"
tls-replication yes
user default off
user $ADMIN_USER on >$ADMIN_PASSWORD ~* &* +@all
masteruser $ADMIN_USER
masterauth $ADMIN_PASSWORD
EOF
}

plain_up() { [ "$(plain_cli ping 2>/dev/null)" = PONG ]; }
start_plain() {
  local d="$BASE/plain" changed=0
  mkdir -p "$d"
  { common_conf "$d"; echo "port $PLAIN_PORT"; echo "requirepass $DEV_PASSWORD"; } | conf_changed "$d/redis.conf" && changed=1
  if ((!changed)) && alive "$d/redis.pid" && plain_up; then return; fi
  stop_pid "$d/redis.pid"
  launch "$d/redis.conf"
  wait_for "plain redis on $PLAIN_PORT" plain_up
}

tls_up() { [ "$(tls_cli "$TLS_PORT" ping 2>/dev/null)" = PONG ]; }
start_tls() {
  local d="$BASE/tls-acl" changed=0
  mkdir -p "$d"
  { common_conf "$d"; tls_conf $TLS_PORT; echo "user $APP_USER on >$APP_PASSWORD ~oidctest:* ~oidc:* $APP_ACL"; } \
    | conf_changed "$d/redis.conf" && changed=1
  if ((!changed)) && alive "$d/redis.pid" && tls_up; then return; fi
  stop_pid "$d/redis.pid"
  launch "$d/redis.conf"
  wait_for "TLS redis on $TLS_PORT" tls_up
}

# The master may have moved to the replica after a failover test: either port is healthy.
sentinel_up() {
  sentinel_cli sentinel get-master-addr-by-name $MASTER_NAME 2>/dev/null | grep -Eq "^($MASTER_PORT|$REPLICA_PORT)\$"
}
replica_synced() { tls_cli "$REPLICA_PORT" info replication 2>/dev/null | grep -q 'master_link_status:up\|role:master'; }
# After an interrupted failover (a failover test killed, or two test runs failing over at once)
# both data nodes can end up masters: Sentinel names one, which then has no replica. Such a set is
# restarted fresh, so the failover tests always start from a master with a replica.
master_has_replica() {
  local port
  port=$(sentinel_cli sentinel get-master-addr-by-name $MASTER_NAME 2>/dev/null | tail -1)
  tls_cli "$port" info replication 2>/dev/null | grep -q 'connected_slaves:[1-9]'
}
start_sentinel() {
  local m="$BASE/sentinel-master" r="$BASE/sentinel-replica" s="$BASE/sentinel" changed=0
  mkdir -p "$m" "$r" "$s"
  { common_conf "$m"; tls_conf $MASTER_PORT; echo "user $APP_USER on >$APP_PASSWORD ~oidctest:* ~oidc:* $APP_ACL"; } \
    | conf_changed "$m/redis.conf" && changed=1
  { common_conf "$r"; tls_conf $REPLICA_PORT; echo "user $APP_USER on >$APP_PASSWORD ~oidctest:* ~oidc:* $APP_ACL";
    echo "replicaof 127.0.0.1 $MASTER_PORT"; } | conf_changed "$r/redis.conf" && changed=1
  cat <<EOF | conf_changed "$s/sentinel.conf" && changed=1
bind 127.0.0.1
protected-mode yes
daemonize yes
dir $s
pidfile $s/redis.pid
logfile $s/sentinel.log
port 0
tls-port $SENTINEL_PORT
tls-cert-file $TLS/server.crt
tls-key-file $TLS/server.key
tls-ca-cert-file $TLS/ca.crt
tls-auth-clients optional
tls-replication yes
user default off
user $SENTINEL_USER on >$SENTINEL_PASSWORD $SENTINEL_CLIENT_ACL
user $ADMIN_USER on >$ADMIN_PASSWORD ~* &* +@all
sentinel monitor $MASTER_NAME 127.0.0.1 $MASTER_PORT 1
sentinel auth-user $MASTER_NAME $ADMIN_USER
sentinel auth-pass $MASTER_NAME $ADMIN_PASSWORD
sentinel down-after-milliseconds $MASTER_NAME 5000
sentinel failover-timeout $MASTER_NAME 10000
EOF
  if ((!changed)) && alive "$m/redis.pid" && alive "$r/redis.pid" && alive "$s/redis.pid" && sentinel_up \
      && master_has_replica; then
    return
  fi
  # all three fresh: Sentinel rewrites its file and a failover rewrites the data nodes' files
  stop_pid "$s/redis.pid"; stop_pid "$r/redis.pid"; stop_pid "$m/redis.pid"
  launch "$m/redis.conf"
  wait_for "sentinel master on $MASTER_PORT" tls_cli $MASTER_PORT ping
  launch "$r/redis.conf"
  wait_for "replica on $REPLICA_PORT" replica_synced
  launch "$s/sentinel.conf" --sentinel
  wait_for "sentinel on $SENTINEL_PORT" sentinel_up
}

cluster_up() { tls_cli "${CLUSTER_PORTS[0]}" cluster info 2>/dev/null | grep -q 'cluster_state:ok'; }
start_cluster() {
  local all_alive=1 changed=0 p
  for p in "${CLUSTER_PORTS[@]}"; do
    local d="$BASE/cluster/$p"
    mkdir -p "$d"
    { common_conf "$d"; tls_conf "$p"; echo "tls-cluster yes"; echo "cluster-enabled yes";
      echo "cluster-config-file nodes.conf"; echo "cluster-node-timeout 5000";
      echo "user $APP_USER on >$APP_PASSWORD ~oidctest:* ~oidc:* $CLUSTER_APP_ACL"; } \
      | conf_changed "$d/redis.conf" && changed=1
    alive "$d/redis.pid" || all_alive=0
  done
  if ((!changed && all_alive)) && cluster_up; then return; fi
  for p in "${CLUSTER_PORTS[@]}"; do stop_pid "$BASE/cluster/$p/redis.pid"; done
  for p in "${CLUSTER_PORTS[@]}"; do
    rm -f "$BASE/cluster/$p/nodes.conf"
    launch "$BASE/cluster/$p/redis.conf"
  done
  for p in "${CLUSTER_PORTS[@]}"; do wait_for "cluster node $p" tls_cli "$p" ping; done
  local nodes=()
  for p in "${CLUSTER_PORTS[@]}"; do nodes+=("127.0.0.1:$p"); done
  REDISCLI_AUTH="$ADMIN_PASSWORD" redis-cli --tls --cacert "$TLS/ca.crt" --user "$ADMIN_USER" \
    --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes >"$BASE/cluster/create.log" 2>&1 \
    || { log "cluster create failed: see $BASE/cluster/create.log"; return 1; }
  wait_for "cluster state ok" cluster_up
}

stop_pid() { # stop_pid PIDFILE: TERM, wait up to 5 s, then KILL
  local f=$1 pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill -CONT "$pid" 2>/dev/null || true # a test may have frozen it
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

status() {
  local rc=0 tls_ok=0
  [ -f "$TLS/ca.crt" ] && tls_ok=1
  if plain_up; then log "plain    127.0.0.1:$PLAIN_PORT up"; else log "plain    127.0.0.1:$PLAIN_PORT DOWN"; rc=3; fi
  if ((tls_ok)) && tls_up; then log "tls      127.0.0.1:$TLS_PORT up"; else log "tls      127.0.0.1:$TLS_PORT DOWN"; rc=3; fi
  if ((tls_ok)) && sentinel_up; then
    log "sentinel 127.0.0.1:$SENTINEL_PORT up, master $MASTER_NAME at $(sentinel_cli sentinel get-master-addr-by-name $MASTER_NAME | tr '\n' ' ')"
  else
    log "sentinel 127.0.0.1:$SENTINEL_PORT DOWN"; rc=3
  fi
  if ((tls_ok)) && cluster_up; then log "cluster  127.0.0.1:${CLUSTER_PORTS[*]} up"; else log "cluster  127.0.0.1:${CLUSTER_PORTS[*]} DOWN"; rc=3; fi
  return $rc
}

case "$VERB" in
  start)
    ensure_packages
    mkdir -p "$BASE"
    ensure_tls
    start_plain
    start_tls
    start_sentinel
    start_cluster
    status
    ;;
  stop)
    stop_pid "$BASE/sentinel/redis.pid"
    stop_pid "$BASE/sentinel-replica/redis.pid"
    stop_pid "$BASE/sentinel-master/redis.pid"
    for p in "${CLUSTER_PORTS[@]}"; do stop_pid "$BASE/cluster/$p/redis.pid"; done
    stop_pid "$BASE/tls-acl/redis.pid"
    stop_pid "$BASE/plain/redis.pid"
    log "stopped"
    ;;
  status)
    command -v redis-cli >/dev/null 2>&1 || { log "redis-cli not installed"; exit 3; }
    status
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
