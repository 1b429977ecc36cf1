#!/usr/bin/env bash
# Sums the Surefire/Failsafe reports of every module and fails on any skipped test: in this project
# a test that needs an engine must fail when the engine is missing, never skip.
set -euo pipefail
cd "$(dirname "$0")/.."
total=0; failed=0; errors=0; skipped=0
printf '%-28s %7s %7s %7s %7s\n' module tests fail error skip
for dir in */target/surefire-reports */target/failsafe-reports */*/target/surefire-reports */*/target/failsafe-reports; do
  [ -d "$dir" ] || continue
  module=${dir%/target/*}
  case "$dir" in *failsafe-reports) module="$module (it)" ;; esac
  t=0; f=0; e=0; s=0
  for x in "$dir"/TEST-*.xml; do
    [ -f "$x" ] || continue
    head=$(grep -m1 -o '<testsuite [^>]*>' "$x")
    t=$((t + $(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<<"$head")))
    f=$((f + $(sed -n 's/.* failures="\([0-9]*\)".*/\1/p' <<<"$head")))
    e=$((e + $(sed -n 's/.* errors="\([0-9]*\)".*/\1/p' <<<"$head")))
    s=$((s + $(sed -n 's/.* skipped="\([0-9]*\)".*/\1/p' <<<"$head")))
  done
  printf '%-28s %7d %7d %7d %7d\n' "$module" "$t" "$f" "$e" "$s"
  total=$((total + t)); failed=$((failed + f)); errors=$((errors + e)); skipped=$((skipped + s))
done
printf '%-28s %7d %7d %7d %7d\n' TOTAL "$total" "$failed" "$errors" "$skipped"
if [ "$skipped" -gt 0 ]; then
  echo "FAIL: $skipped test(s) skipped; no test may skip (see the reports above)" >&2
  exit 1
fi
if [ "$failed" -gt 0 ] || [ "$errors" -gt 0 ]; then
  exit 1
fi
