#!/usr/bin/env bash
# Worker benchmark. By default PeerBench: the worker against FFmpeg's tee muxer and N separate FFmpeg
# encodes (CPU of the whole process tree and goLive → first video, 1 and 5 destinations), then the
# worker's latency table (goLive, supersede, PNG banner; median and p90) → results.md.
# BENCH_SCENARIOS_ALL=1: the older WorkerBench scenarios (1/3/5 destinations from an RTMP origin, copy
# mode, PNG vs HTML banner, added latency by barcode) → results-scenarios.md; BENCH_ONLY_BANNERS=1
# runs only its two banner scenarios (into results-banners.md). Needs: JDK 17, Maven, Debian's
# libpulse0 (for the bundled FFmpeg) and chromium.
# Usage: bench/worker/run.sh [CPU seconds per measurement, default 20] [warm-up seconds, default 30] [latency runs, default 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_SCENARIO="${1:-20}"
WARMUP="${2:-30}"
RUNS="${3:-10}"
MVN_ARGS=(-q -B ${MVN_OFFLINE:+-o} ${MAVEN_REPO_LOCAL:+-Dmaven.repo.local=$MAVEN_REPO_LOCAL})
CP_FILE="$(mktemp)"
# One reactor build (nothing installed into ~/.m2): the worker's classpath then points at the
# sibling modules' target/ folders; the worker module writes CP_FILE last.
mvn "${MVN_ARGS[@]}" -pl worker -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE"
CP="worker/target/test-classes:worker/target/classes:$(cat "$CP_FILE")"
OUT="$(mktemp -d)"
if [ -n "${BENCH_WEBRTC:-}" ]; then # WebRTC sources vs RTMP (WebRtcBench.java), into results-webrtc.md
  javac -d "$OUT" -cp "$CP" bench/worker/WebRtcBench.java
  uptime
  exec java -cp "$OUT:$CP" WebRtcBench "$SECONDS_PER_SCENARIO" "$WARMUP" bench/worker/results-webrtc.md
fi
javac -d "$OUT" -cp "$CP" bench/worker/*.java
uptime
if [ -n "${BENCH_ONLY_BANNERS:-}" ]; then
  java -cp "$OUT:$CP" WorkerBench "$SECONDS_PER_SCENARIO" "$WARMUP" bench/worker/results-banners.md
elif [ -n "${BENCH_SCENARIOS_ALL:-}" ]; then
  java -cp "$OUT:$CP" WorkerBench "$SECONDS_PER_SCENARIO" "$WARMUP" bench/worker/results-scenarios.md
else
  java -cp "$OUT:$CP" PeerBench "$SECONDS_PER_SCENARIO" "$WARMUP" "$RUNS" bench/worker/results.md
fi
uptime
