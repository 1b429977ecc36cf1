#!/usr/bin/env bash
# Starts, stops or reports every local service the tests need: bash .ci/services.sh start|stop|status
set -euo pipefail
cd "$(dirname "$0")/.."
for s in .ci/services/*.sh; do bash "$s" "$1"; done
