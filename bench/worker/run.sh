#!/usr/bin/env bash
# Worker benchmark: CPU per minute of 720p30 output (1, 3, 5 destinations encoding; 5 copying), the
# latency the worker adds, and a PNG vs an animated HTML banner (CPU, memory, PATCH → on air).
# BENCH_ONLY_BANNERS=1 runs only the two banner scenarios (into results-banners.md). Needs: JDK 17,
# Maven, Debian's libpulse0 (for the bundled FFmpeg) and chromium. Usage: bench/worker/run.sh [seconds per scenario, default 40] [warm-up seconds, default 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_SCENARIO="${1:-40}"
WARMUP="${2:-10}"
MVN_ARGS=(-q -B ${MVN_OFFLINE:+-o} ${MAVEN_REPO_LOCAL:+-Dmaven.repo.local=$MAVEN_REPO_LOCAL})
CP_FILE="$(mktemp)"
# One reactor build (nothing installed into ~/.m2): the worker's classpath then points at the
# sibling modules' target/ folders; the worker module writes CP_FILE last.
mvn "${MVN_ARGS[@]}" -pl worker -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE"
CP="worker/target/test-classes:worker/target/classes:$(cat "$CP_FILE")"
OUT="$(mktemp -d)"
if [ -n "${BENCH_WEBRTC:-}" ]; then # WebRTC sources vs RTMP (WebRtcBench.java), into results-webrtc.md
  javac -d "$OUT" -cp "$CP" bench/worker/WebRtcBench.java
  exec java -cp "$OUT:$CP" WebRtcBench "$SECONDS_PER_SCENARIO" "$WARMUP" bench/worker/results-webrtc.md
fi
javac -d "$OUT" -cp "$CP" bench/worker/ClockStreams.java bench/worker/WorkerBench.java bench/worker/HtmlBench.java
RESULTS=bench/worker/results.md
if [ -n "${BENCH_ONLY_BANNERS:-}" ]; then RESULTS=bench/worker/results-banners.md; fi
java -cp "$OUT:$CP" WorkerBench "$SECONDS_PER_SCENARIO" "$WARMUP" "$RESULTS"
