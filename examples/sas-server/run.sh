#!/usr/bin/env bash
# Spring Authorization Server on oidc-store, one command, on 127.0.0.1 (no Spring Boot):
#   bash examples/sas-server/run.sh                          # H2 (in memory) + memory tier, port 9000
#   bash examples/sas-server/run.sh --store=mariadb-redis    # MariaDB + Redis (TLS, ACL user)
#   bash examples/sas-server/run.sh --port=0                 # any free port (the issuer line tells which)
# Builds what it needs, prints the issuer URL and serves until stopped (Ctrl-C).
set -euo pipefail
cd "$(dirname "$0")/../.."
case " $* " in
  *" --store=mariadb-redis "*) bash .ci/services.sh start >/dev/null ;;
esac
exec mvn -B -q -Dstyle.color=never -pl examples/sas-server -am -DskipTests install exec:java \
  -Dexample.args="$*"
