#!/usr/bin/env bash
# Chat latency, platform -> SSE subscriber, on this machine. Starts a redis-server, the API alone in
# its own JVM (-Xmx512m; its heap is sampled with jstat), and a driver JVM running the simulated
# Twitch EventSub WebSocket, one chat aggregator and the SSE subscribers (a lean NIO client, Subscribers.java).
# Each message carries its send time; latency = arrival at the subscriber - the simulated Twitch
# sending it (SIM_SEND=post: - the POST to the simulator, as before 2026-11-30 20:35).
# The driver also prints each stage's timing (simulator, aggregator, chat log, PUBLISH, API fan-out from
# /metrics, subscribers) and the CPU of both JVMs' threads (user/kernel, JIT and GC included), for the
# whole message phase and after the warm-up (WARMUP seconds of messages, default 10): see RESULTS.md.
# Both JVMs run ZGC (GC=G1 for the JVM's default collector).
# Scenarios: 1 subscriber at 200 msg/s; 1,000 subscribers (100 users x 10) at 200 msg/s in total;
# 1,000 subscribers of one user at 200 msg/s (every subscriber gets every message: 200k events/s);
# 4: 10,000 subscribers (250 users x 40) on one API node with -Xmx1g, 200 msg/s over their users.
# Usage: bench/chat/run.sh [seconds per scenario, default 30]
# Scenario 4 against its goal (API node with its own two cores): SERVICE_NICE=-5 SCENARIO=4 bench/chat/run.sh 30
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-30}
work=$(mktemp -d)
svc_pid=""
sampler=""
# Always torn down, whichever way the script ends (a failed driver, Ctrl-C, a service that died).
cleanup() {
  set +e
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null
  [ -n "$svc_pid" ] && kill "$svc_pid" 2>/dev/null && wait "$svc_pid" 2>/dev/null
  [ -f "$work/redis.pid" ] && kill "$(cat "$work/redis.pid")" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
mvn -q -o -B dependency:build-classpath -pl chat-aggregator -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test >/dev/null
# This checkout's own module classes first (build them with `mvn -o -q -pl chat-aggregator -am
# test-compile`), so that the jars of ~/.m2 that dependency:build-classpath lists never stand in for them.
# Copied, so that a rebuild of this checkout during the run cannot pull classes from under the JVMs.
own=""
for m in core platforms platform-sim service chat-aggregator; do
  mkdir -p "$work/own/$m" && cp -r "$m/target/classes/." "$work/own/$m/"
  own="$own${own:+:}$work/own/$m"
done
cp="$own:$(cat "$work/cp.txt")"
mkdir -p "$work/classes"
javac -d "$work/classes" -cp "$cp" bench/chat/ChatBench.java bench/chat/Subscribers.java bench/chat/Stages.java bench/chat/ThreadCpu.java bench/chat/ProcThreads.java
cp="$work/classes:$cp"
# below Linux's ephemeral ports (32768+): a port a client connection holds cannot be listened on
redis_port=$((20000 + RANDOM % 12000))
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --pidfile "$work/redis.pid" --logfile "$work/redis.log"
for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
redis-cli -p "$redis_port" ping >/dev/null 2>&1 || { echo "redis-server did not start on port $redis_port:"; cat "$work/redis.log"; exit 1; }
export REDIS_URL="redis://127.0.0.1:$redis_port"
export RESTREAM_ADMIN_TOKEN="bench-admin-$RANDOM"
export RESTREAM_SECRETS_KEY="$(head -c 32 /dev/urandom | base64)"
export RESTREAM_DATA_DIR="$work/data"
export RESTREAM_HTTP_VERTICLES=2
gc=${GC:-ZGC}
case "$gc" in
  ZGC) gc_opts="-XX:+UseZGC" ;;   # pauses well under 1 ms, no card-refinement threads (G1: 20-90 ms young pauses here)
  G1) gc_opts="" ;;
  *) gc_opts="-XX:+Use$gc" ;;
esac

run() { # name users subsPerUser rate [API heap, default 512m]
  heap=${5:-512m}
  echo "== $1: $2 users x $3 subscribers, $4 msg/s for ${secs}s (API -Xmx$heap); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  rm -f "$work/port"
  # SERVICE_JAVA_OPTS / DRIVER_JAVA_OPTS: extra JVM options (e.g. a JFR recording) for the API and the driver.
  # GC (default ZGC for both; GC=G1 for the JVM's default): see RESULTS.md, "scenario 4: CPU by thread".
  # SERVICE_NICE (e.g. -5, needs root): the API's scheduling priority. The API node of a deployment has
  # its cores to itself; here the driver (simulator, aggregator, 10,000 subscribers) shares them and
  # uses twice the API's CPU, so a priority for the API comes closer to its own machine.
  ${SERVICE_NICE:+nice -n "$SERVICE_NICE"} java -Xmx"$heap" $gc_opts -Xlog:gc:file="$work/gc.log" ${SERVICE_JAVA_OPTS:-} -Dlogback.configurationFile=bench/chat/logback.xml -cp "$cp" ChatBench service "$work/port" >"$work/svc.log" 2>&1 &
  svc_pid=$!
  for _ in $(seq 300); do [ -s "$work/port" ] && break; sleep 0.1; done
  if ! kill -0 "$svc_pid" 2>/dev/null || [ ! -s "$work/port" ]; then
    echo "the service did not start; its log:"; tail -30 "$work/svc.log"; exit 1
  fi
  (while kill -0 "$svc_pid" 2>/dev/null; do jstat -gc "$svc_pid" 2>/dev/null | tail -1; sleep 1; done) >"$work/jstat.log" &
  sampler=$!
  cpu0=$(awk '{print $14+$15}' "/proc/$svc_pid/stat")
  # The driver exits 1 with a "CHAT BENCH FAILED: ..." line on any error (it never hangs).
  if ! SERVICE_PID=$svc_pid java -Xmx1g $gc_opts ${DRIVER_JAVA_OPTS:-} -Dlogback.configurationFile=bench/chat/logback.xml -cp "$cp" ChatBench drive "http://127.0.0.1:$(cat "$work/port")" "$2" "$3" "$4" "$secs"; then
    echo "scenario \"$1\" FAILED (driver exit status non-zero); the service's log:"
    tail -30 "$work/svc.log"
    kill -0 "$svc_pid" 2>/dev/null || echo "(the service JVM is gone)"
    exit 1
  fi
  cpu1=$(awk '{print $14+$15}' "/proc/$svc_pid/stat")
  echo "service CPU during the run (setup, warm-up and measurement): $(( (cpu1 - cpu0) / $(getconf CLK_TCK) )) s"
  awk '{used=$3+$4+$6+$8; if (used>max) max=used} END {printf "service heap used: peak %.0f MB (young+old, sampled every 1 s; -Xmx'"$heap"')\n", max/1024}' "$work/jstat.log"
  # Used heap counts garbage not collected yet (ZGC lets it grow towards -Xmx by design); what a
  # collection leaves is the better per-client figure.
  grep -o -- '->[0-9]*M' "$work/gc.log" | tr -d '>M-' | sort -n | tail -1 | awk '{printf "service heap left by a collection: at most %d MB ('"$gc"')\n", $1}' || true
  jcmd "$svc_pid" GC.run >/dev/null 2>&1 || true
  # From the GC log, not jstat: under ZGC jstat's used figure right after the cycle is not the cycle's result.
  sleep 0.5
  grep -o -- '->[0-9]*M' "$work/gc.log" | tr -d '>M-' | tail -1 | awk '{printf "service heap after a full GC: %d MB\n", $1}' || true
  kill "$sampler" 2>/dev/null || true; sampler=""
  kill "$svc_pid"; wait "$svc_pid" 2>/dev/null || true; svc_pid=""
  redis-cli -p "$redis_port" flushall >/dev/null
}

ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true   # 10,000 sockets on each side
only=${SCENARIO:-all}   # SCENARIO=1|2|3|4 runs one scenario
[ "$only" = all ] || [ "$only" = 1 ] && run "one subscriber" 1 1 200
[ "$only" = all ] || [ "$only" = 2 ] && run "1,000 subscribers over 100 users" 100 10 200
[ "$only" = all ] || [ "$only" = 3 ] && run "1,000 subscribers of one user" 1 1000 200
[ "$only" = all ] || [ "$only" = 4 ] && run "10,000 subscribers over 250 users" 250 40 200 1g
true
