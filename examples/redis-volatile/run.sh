#!/usr/bin/env bash
# Starts MariaDB and Redis (TLS + ACL) on 127.0.0.1 with the project's service script, builds what
# the example needs and runs it. Options go to the workload: --flows=N --concurrency=C --replay-every=R
#   bash examples/redis-volatile/run.sh --flows=2000 --concurrency=16
set -euo pipefail
cd "$(dirname "$0")/../.."
bash .ci/services.sh start >/dev/null
# a fresh example database each run, so the record counts are this run's
mariadb --no-defaults -h 127.0.0.1 -P 3306 -u oidcstore -poidcstore \
  -e 'DROP DATABASE IF EXISTS oidcstore_example' 2>/dev/null \
  || mysql -h 127.0.0.1 -P 3306 -u oidcstore -poidcstore -e 'DROP DATABASE IF EXISTS oidcstore_example'
# a fresh key prefix: the example's Redis keys of earlier runs are deleted by their own TTLs
exec mvn -B -q -Dstyle.color=never -pl examples/redis-volatile -am -DskipTests install exec:java -Dexample.args="$*"
