#!/usr/bin/env bash
# Builds Restream and starts every role in one JVM with embedded defaults:
# embedded Redis in ./data, the platform simulator, a generated admin token and a demo client.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-machine.sh
mvn -B -q -DskipTests install
exec java -jar app/target/restream.jar "$@"
