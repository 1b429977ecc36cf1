#!/usr/bin/env bash
# A fresh consumer project (.ci/bom-consumer) that imports oidc-store-bom and names the store's
# artifacts without versions is built against what `mvn install` just put in the local repository:
# the BOM resolves, and the README's usage snippet compiles. Also checks that the BOM's versions are
# the build's (.ci/checks/BomVersions.java).
set -euo pipefail
cd "$(dirname "$0")/.."
java .ci/checks/BomVersions.java .
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r .ci/bom-consumer/. "$work/"
mvn -B -ntp -q -f "$work/pom.xml" -Doidc-store.version="$version" package
echo "bom consumer: WEB-INF/lib of the built WAR:"
jar tf "$work"/target/provider-1.0.war | grep '^WEB-INF/lib/' | grep -v '/$' | sed 's:WEB-INF/lib/:  :' | sort
if jar tf "$work"/target/provider-1.0.war | grep '^WEB-INF/lib/' | grep -E 'flyway|/eclipselink-|narayana|agroal'; then
  echo "FAIL: the WAR holds a jar that must stay out of it (see README, Deploying)" >&2
  exit 1
fi
