#!/usr/bin/env bash
# Runs both examples exactly as their READMEs say (small workloads) and checks what they print:
# the exit code, and that every planted replay was detected.
set -euo pipefail
cd "$(dirname "$0")/.."
flows=100
every=10
expected=$((flows / every))

check() {
  local name=$1 log=$2
  for line in "code replays detected" "refresh replays detected" "JWT-ID replays blocked" \
              "pushed-request replays blocked" "double-submitted logins"; do
    got=$(grep -m1 -E "^  $line +[0-9]+" "$log" | sed -E "s/^  $line +([0-9]+).*/\1/")
    if [ "$got" != "$expected" ]; then
      echo "FAIL: $name printed '$line' = '${got:-nothing}', expected $expected" >&2
      return 1
    fi
  done
  for line in "slow_down answers" "device-code replays caught"; do
    got=$(grep -m1 -E "^  $line +[0-9]+" "$log" | sed -E "s/^  $line +([0-9]+).*/\1/")
    if [ "$got" != "3" ]; then
      echo "FAIL: $name printed '$line' = '${got:-nothing}', expected 3 (one per device)" >&2
      return 1
    fi
  done
  grep -q "^  CIBA requests redeemed         2 of 2" "$log" \
    || { echo "FAIL: $name did not redeem its two CIBA requests" >&2; return 1; }
  grep -q "^RESULT: OK" "$log" || { echo "FAIL: $name did not print RESULT: OK" >&2; return 1; }
  grep -q "^  flows completed        $flows of $flows (0 failed)" "$log" \
    || { echo "FAIL: $name did not complete its $flows flows" >&2; return 1; }
  printf "\nok: %s (%d replays of each kind detected)\n" "$name" "$expected"
}

mkdir -p target
echo "-- hot-cold-embedded (the README's first command)"
mvn -B -q -Dstyle.color=never -pl examples/hot-cold-embedded -am -DskipTests install exec:java \
  -Dexample.args="--flows=$flows --replay-every=$every" | tee target/example-hot-cold-embedded.log
check hot-cold-embedded target/example-hot-cold-embedded.log

echo "-- redis-volatile"
bash examples/redis-volatile/run.sh --flows=$flows --replay-every=$every | tee target/example-redis-volatile.log
check redis-volatile target/example-redis-volatile.log
