#!/usr/bin/env bash
# Benchmarks of oidc-store against the engines' limits and against Spring Authorization Server.
#
#   bash bench/run.sh            full run (about 25 minutes; waits for a quiet machine first)
#   bash bench/run.sh --quick    every case with tiny iterations (CI smoke test, under 2 minutes)
#
# Starts the local engines (.ci/services.sh), builds the bench module, runs every case in a JVM of
# its own and writes one Markdown file with the machine, the versions, the date and every table:
#   full:  bench/results/<UTC date>-<short git rev>.md and bench/results/latest.md
#   quick: bench/target/results/<UTC date>-<short git rev>-quick.md (numbers meaningless; smoke only)
# Exits non-zero when any case fails (the table is still written, with the failure noted).
#
# Environment: BENCH_MAX_LOAD (default 1.5) and BENCH_MAX_WAIT seconds (default 900): a full run
# waits while the 1-minute load average is above BENCH_MAX_LOAD, at most BENCH_MAX_WAIT, then runs
# anyway and says so. BENCH_CASES="a b" runs a subset (written to its dated file only, never to latest.md); BENCH_SKIP_BUILD=1 reuses bench/target. BENCH_JFR=1 records a JFR profile per case
# (bench/target/bench-out/<case>.jfr). BENCH_JAVA_OPTS="-Dbench.mariadb.db=... -Dbench.pg.url=..." adds JVM
# options to every case (a scratch database of your own; none by default). Everything talks to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

QUICK=false
for a in "$@"; do
  case "$a" in
    --quick) QUICK=true ;;
    *) echo "usage: bash bench/run.sh [--quick]" >&2; exit 2 ;;
  esac
done

log() { printf '[bench/run.sh] %s\n' "$*"; }
START=$(date +%s)
OUT="$ROOT/bench/target/bench-out"
rm -rf "$OUT"
mkdir -p "$OUT"

# ---- engines ------------------------------------------------------------------------------
log "starting the local engines (.ci/services.sh start)"
bash .ci/services.sh start > "$OUT/services.log" 2>&1 || { cat "$OUT/services.log"; exit 1; }

# ---- build --------------------------------------------------------------------------------
MODULES=store-api-bundle,memory-store-bundle,redis-store-bundle,jpa-store-bundle,composite-bundle
if [ "${BENCH_SKIP_BUILD:-0}" = 1 ]; then
  log "BENCH_SKIP_BUILD=1: using the existing bench/target"
elif grep -q '<module>bench</module>' pom.xml; then
  log "building (reactor: -pl bench -am)"
  mvn -B -q package -pl bench -am -DskipTests > "$OUT/build.log" 2>&1 || { tail -50 "$OUT/build.log"; exit 1; }
else
  # bench/ is not in the reactor yet: install what it depends on, then build it on its own
  log "building (install $MODULES, then bench/)"
  mvn -B -q install -pl "$MODULES" -am -DskipTests > "$OUT/build.log" 2>&1 || { tail -50 "$OUT/build.log"; exit 1; }
  mvn -B -q -f bench/pom.xml package -DskipTests >> "$OUT/build.log" 2>&1 || { tail -50 "$OUT/build.log"; exit 1; }
fi
CP="$ROOT/bench/target/oidc-store-bench.jar:$ROOT/bench/target/lib/*"

# ---- a quiet machine for real numbers -------------------------------------------------------
load1() { cut -d' ' -f1 /proc/loadavg; }
LOAD_BEFORE_WAIT=$(load1)
WAITED=0
if [ "$QUICK" = false ]; then
  MAX_LOAD=${BENCH_MAX_LOAD:-1.5}
  MAX_WAIT=${BENCH_MAX_WAIT:-900}
  while awk -v l="$(load1)" -v m="$MAX_LOAD" 'BEGIN{exit !(l > m)}' && [ "$WAITED" -lt "$MAX_WAIT" ]; do
    [ $((WAITED % 60)) -eq 0 ] && log "load average $(load1) > $MAX_LOAD: waiting for a quiet machine (${WAITED}s of ${MAX_WAIT}s)"
    sleep 10
    WAITED=$((WAITED + 10))
  done
fi
LOAD_AT_START=$(cat /proc/loadavg)

# ---- cases --------------------------------------------------------------------------------
CASES=${BENCH_CASES:-"redis-hot-path routing durable-flow durable-flow-pg footprint-memory footprint-redis gc-sweep codec-redis galera-flow device-poll sas-flow"}
FAILED=()
for c in $CASES; do
  heap=(-Xms1g -Xmx2g)
  [ "$c" = footprint-memory ] && heap=(-Xms4g -Xmx4g)
  # BENCH_JAVA_OPTS: extra JVM options for every case (e.g. a scratch database of one's own:
  # -Dbench.mariadb.db=X -Dbench.mariadb.url=jdbc:mariadb://127.0.0.1:3306/X); split on spaces
  read -r -a extra <<< "${BENCH_JAVA_OPTS:-}"
  jfr=()
  [ "${BENCH_JFR:-0}" = 1 ] && jfr=("-XX:StartFlightRecording=filename=$OUT/$c.jfr,settings=profile")
  log "case $c"
  t0=$(date +%s)
  if java "${heap[@]}" "${jfr[@]}" ${extra[@]+"${extra[@]}"} -XX:+UseG1GC \
      -Djava.util.logging.config.file="$ROOT/bench/logging.properties" \
      -DObjectStoreEnvironmentBean.objectStoreDir="$OUT/narayana" \
      -Dcom.arjuna.ats.arjuna.objectstore.objectStoreDir="$OUT/narayana" \
      -Dbench.quick="$QUICK" -Dbench.out="$OUT" -cp "$CP" org.oidcstore.bench.Main "$c" > "$OUT/$c.log" 2>&1; then
    log "case $c done in $(( $(date +%s) - t0 )) s"
  else
    log "case $c FAILED after $(( $(date +%s) - t0 )) s; its log:"
    tail -40 "$OUT/$c.log" >&2
    FAILED+=("$c")
  fi
done
LOAD_AT_END=$(cat /proc/loadavg)

# ---- results file -------------------------------------------------------------------------
DATE=$(date -u +%Y-%m-%dT%H%MZ)
REV=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -n "$(git status --porcelain 2>/dev/null)" ] && REV="$REV+uncommitted"
if [ "$QUICK" = true ]; then
  RESULTS_DIR="$ROOT/bench/target/results"
  FILE="$RESULTS_DIR/$(date -u +%Y-%m-%d)-${REV%%+*}-quick.md"
else
  RESULTS_DIR="$ROOT/bench/results"
  FILE="$RESULTS_DIR/$(date -u +%Y-%m-%d)-${REV%%+*}.md"
fi
mkdir -p "$RESULTS_DIR"

jar_version() { # artifact prefix -> version from the bench class path
  local f
  f=$(ls "$ROOT/bench/target/lib" | grep -E "^$1-[0-9]" | sed -n 1p || true)
  f=${f#"$1"-}
  printf '%s' "${f%.jar}"
}
# (sed -n, not head: head would close the pipe early, and under pipefail the writer's SIGPIPE fails the script)
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)
RAM=$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo || true)
OS="$(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
JAVA=$(java -version 2>&1 | sed -n 2p || true)
MVN=$(mvn -v 2>/dev/null | sed -n 1p | sed 's/\x1b\[[0-9;]*m//g' || true)
MARIADB=$(mariadb -h 127.0.0.1 -u oidcstore -poidcstore -N -e 'SELECT VERSION()' 2>/dev/null || echo '?')
REDIS=$(redis-server --version | sed 's/ sha=.*//' || true)
RB=$(redis-benchmark --version 2>/dev/null | sed 's/ (git.*//' || echo '?')

{
  echo "# oidc-store benchmarks — $(date -u '+%Y-%m-%d %H:%M UTC')$( [ "$QUICK" = true ] && echo ' (quick mode: smoke test, numbers meaningless)')"
  echo
  echo "Produced by \`bash bench/run.sh$( [ "$QUICK" = true ] && echo ' --quick')\` at git revision \`$REV\`."
  echo "Ratios are taken within this one run (contenders back to back, rotating order); absolute numbers"
  echo "vary with the machine's load and are not comparable across runs."
  echo
  echo "| | |"
  echo "|---|---|"
  echo "| machine | $(nproc) cores ($CPU), $RAM RAM |"
  echo "| OS | $OS |"
  echo "| Java | $JAVA |"
  echo "| Maven | $MVN |"
  echo "| MariaDB | $MARIADB (127.0.0.1:3306, Debian package defaults) |"
  echo "| Redis | $REDIS; $RB |"
  echo "| stack | Jedis $(jar_version jedis), EclipseLink $(jar_version org.eclipse.persistence.jpa), Narayana $(jar_version narayana-jta), Agroal $(jar_version agroal-pool), MariaDB Connector/J $(jar_version mariadb-java-client), SmallRye Metrics $(jar_version smallrye-metrics), Spring Authorization Server $(jar_version spring-security-oauth2-authorization-server), Spring JDBC $(jar_version spring-jdbc), JMH $(jar_version jmh-core), HdrHistogram $(jar_version HdrHistogram) |"
  echo "| load average | before waiting $LOAD_BEFORE_WAIT; at start $LOAD_AT_START (waited ${WAITED} s); at end $LOAD_AT_END |"
  echo "| wall time | $(( $(date +%s) - START )) s |"
  echo
  if ((${#FAILED[@]})); then
    echo "**FAILED cases: ${FAILED[*]}** (see bench/target/bench-out/<case>.log)"
    echo
  fi
  echo "## Summary: ratios against the targets"
  echo
  echo "| ratio | target | measured: median [range of back-to-back rounds] | verdict |"
  echo "|---|---|---|---|"
  for c in $CASES; do
    [ -f "$OUT/$c.summary" ] && cat "$OUT/$c.summary"
  done
  echo
  for c in $CASES; do
    if [ -f "$OUT/$c.md" ]; then
      cat "$OUT/$c.md"
    else
      echo "## $c: no result (the case failed)"
      echo
    fi
  done
} > "$FILE"

if [ "$QUICK" = false ] && [ -z "${BENCH_CASES:-}" ]; then
  cp "$FILE" "$RESULTS_DIR/latest.md"
elif [ "$QUICK" = false ]; then
  log "BENCH_CASES chose a subset: bench/results/latest.md (the last full run) is left as it is"
fi
log "results: $FILE"
log "wall time $(( $(date +%s) - START )) s"
if ((${#FAILED[@]})); then
  log "FAILED: ${FAILED[*]}"
  exit 1
fi
