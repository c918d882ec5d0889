#!/usr/bin/env bash
# Worker benchmark: CPU per minute of 720p30 output (1, 3, 5 destinations encoding; 5 copying) and
# the latency the worker adds. Needs: JDK 17, Maven, the Debian package libpulse0 (for the bundled
# FFmpeg). Usage: bench/worker/run.sh [seconds per scenario, default 40] [warm-up seconds, default 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_SCENARIO="${1:-40}"
WARMUP="${2:-10}"
MVN_ARGS=(-q -B ${MVN_OFFLINE:+-o} ${MAVEN_REPO_LOCAL:+-Dmaven.repo.local=$MAVEN_REPO_LOCAL})
mvn "${MVN_ARGS[@]}" install -N
mvn "${MVN_ARGS[@]}" install -pl core,oauth -DskipTests
mvn "${MVN_ARGS[@]}" -pl worker test-compile
CP_FILE="$(mktemp)"
mvn "${MVN_ARGS[@]}" -pl worker dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE"
CP="worker/target/test-classes:worker/target/classes:$(cat "$CP_FILE")"
OUT="$(mktemp -d)"
javac -d "$OUT" -cp "$CP" bench/worker/ClockStreams.java bench/worker/WorkerBench.java
java -cp "$OUT:$CP" WorkerBench "$SECONDS_PER_SCENARIO" "$WARMUP" bench/worker/results.md
