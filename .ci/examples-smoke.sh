#!/usr/bin/env bash
# Runs the examples exactly as their READMEs say (small workloads) and checks what they print:
# the exit code, and that every planted replay was detected; the SAS example answers discovery,
# client credentials and introspection on 127.0.0.1.
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
  # The client and subject life flows (examples/workload LifeFlows/LifeRecords): the numbers are what
  # the workload wrote, not what the store answered. One initial access token with 2 uses, 3
  # registrations tried; one rotation of a registration token, then one with the old token again;
  # a rotation with a retry response whose old token is presented twice (once before and once after
  # the successor was used: a chain of 3 tokens then); a subject with 3 sessions (and another
  # subject with 1); the deleted client has 2 subjects with a grant, a refresh token, an
  # access-token row and an opaque token each; the erased subject has one record of each kind an
  # erasure visits and 2 sessions.
  for line in \
    "  registrations admitted         2 of 2 uses of one initial access token (1 refused: exhausted)" \
    "  registration-token rotations   1 (1 stale rotation lost)" \
    "  rotation grace hits served     1 (old refresh token presented again: same response)" \
    "  replays after the successor    1 (chain revoked: 3 tokens)" \
    "  sessions signed out            3 of 3 listed (another subject's session kept)" \
    "  client deleted (revokeClient)  refresh-tokens 2, grants 2, access-tokens 2, opaque-access-tokens 2" \
    "  subject erased                 authorization-codes 1, refresh-tokens 1, access-tokens 1, opaque-access-tokens 1, authorization-contexts 1, grants 1, sessions 2, interactions 1, device-authorizations 1, ciba-requests 1, users 1 (total 12)"; do
    grep -qxF "$line" "$log" || { echo "FAIL: $name did not print '$line'" >&2; return 1; }
  done
  for metric in "oidc_store_initial_access_token_uses_total 2" "oidc_store_initial_access_token_refusals_total 1" \
                "oidc_store_registration_token_stale_rotations_total 1" "oidc_store_subject_erasures_total 1" \
                "oidc_store_refresh_grace_hits_total 1"; do
    got=$(grep -E "^  ${metric% *}(\{| )" "$log" | awk '{s += $NF} END {print s + 0}')
    if [ "$got" != "${metric##* }" ]; then
      echo "FAIL: $name metric ${metric% *} = $got, expected ${metric##* }" >&2
      return 1
    fi
  done
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

echo "-- sas-server (the README's first command, on a free port): discovery, client credentials, introspection"
log=target/example-sas-server.log
bash examples/sas-server/run.sh --port=0 > "$log" 2>&1 &
sas_pid=$!
trap 'kill $sas_pid 2>/dev/null || true' EXIT
issuer=""
for _ in $(seq 1 300); do
  issuer=$(sed -n 's/^issuer  //p' "$log")
  [ -n "$issuer" ] && break
  kill -0 $sas_pid 2>/dev/null || { cat "$log" >&2; echo "FAIL: sas-server stopped before printing its issuer" >&2; exit 1; }
  sleep 1
done
[ -n "$issuer" ] || { cat "$log" >&2; echo "FAIL: sas-server printed no issuer in 300 s" >&2; exit 1; }
case "$issuer" in http://127.0.0.1:*) ;; *) echo "FAIL: issuer $issuer is not on 127.0.0.1" >&2; exit 1 ;; esac
discovery=$(curl -sf "$issuer/.well-known/openid-configuration")
echo "$discovery" | grep -qF "\"issuer\":\"$issuer\"" \
  || { echo "FAIL: discovery does not name issuer $issuer: $discovery" >&2; exit 1; }
echo "$discovery" | grep -qF "\"pushed_authorization_request_endpoint\":\"$issuer/oauth2/par\"" \
  || { echo "FAIL: discovery has no PAR endpoint: $discovery" >&2; exit 1; }
token=$(curl -sf -u demo-client:demo-secret-change-me -d grant_type=client_credentials -d scope=api "$issuer/oauth2/token")
access=$(echo "$token" | sed -nE 's/.*"access_token":"([^"]+)".*/\1/p')
[ -n "$access" ] || { echo "FAIL: no access token from client credentials: $token" >&2; exit 1; }
introspection=$(curl -sf -u demo-client:demo-secret-change-me -d "token=$access" "$issuer/oauth2/introspect")
echo "$introspection" | grep -qF '"active":true' \
  || { echo "FAIL: the access token does not introspect active: $introspection" >&2; exit 1; }
echo "$introspection" | grep -qF '"client_id":"demo-client"' \
  || { echo "FAIL: introspection names another client: $introspection" >&2; exit 1; }
kill $sas_pid
wait $sas_pid 2>/dev/null || true
trap - EXIT
printf "\nok: sas-server (issuer %s: discovery, client credentials, introspection active)\n" "$issuer"
