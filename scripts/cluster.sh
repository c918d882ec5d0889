#!/usr/bin/env bash
# A local multi-node Restream on loopback, each role its own process with its own data dir:
#   a Redis Cluster of 3 masters + 3 replicas (Debian redis-server, redis-cli --cluster create),
#   the platform simulator, 2 API nodes, 2 workers and 1 chat aggregator,
# all with the same RESTREAM_ADMIN_TOKEN and RESTREAM_SECRETS_KEY. Prints the URLs; Ctrl-C stops
# everything it started (by pid) and keeps the data in $RUN_DIR.
#
#   scripts/cluster.sh                 # builds app/target/restream.jar first if it is missing
#   REDIS_BASE_PORT=7100 API_PORT=8180 scripts/cluster.sh
set -euo pipefail
cd "$(dirname "$0")/.."

RUN_DIR=${RUN_DIR:-$PWD/data/cluster}
REDIS_BASE_PORT=${REDIS_BASE_PORT:-7000}      # nodes on 7000..7005, cluster bus on +10000
API_PORT=${API_PORT:-8080}                    # API nodes on 8080 and 8081
SIM_PORT=${SIM_PORT:-8090}
JAR=app/target/restream.jar
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}

for tool in redis-server redis-cli java; do
  command -v "$tool" >/dev/null || { echo "cluster.sh: $tool is not installed (scripts/setup-machine.sh)" >&2; exit 1; }
done
if [[ ! -f $JAR ]]; then
  echo "Building $JAR ..."
  mvn -B -q -o -DskipTests -pl app -am package
fi
mkdir -p "$RUN_DIR"
pids=()

stop_all() {
  trap - INT TERM EXIT
  echo
  echo "Stopping ..."
  # Roles first (SIGTERM: workers hand their jobs back), newest first; Redis last.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill -TERM "${pids[i]}" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "Stopped. Data and logs are in $RUN_DIR"
}
trap stop_all INT TERM EXIT

# Shared secrets: generated once, kept in the run dir.
[[ -f $RUN_DIR/admin.token ]] || head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$RUN_DIR/admin.token"
[[ -f $RUN_DIR/secrets.key ]] || head -c 32 /dev/urandom | base64 > "$RUN_DIR/secrets.key"
export RESTREAM_ADMIN_TOKEN=${RESTREAM_ADMIN_TOKEN:-$(cat "$RUN_DIR/admin.token")}
export RESTREAM_SECRETS_KEY=${RESTREAM_SECRETS_KEY:-$(cat "$RUN_DIR/secrets.key")}
export RESTREAM_SANDBOX=${RESTREAM_SANDBOX:-true}

# --- Redis Cluster: 6 nodes, AOF with fsync on every write (nothing acknowledged is lost). ---
nodes=()
for i in 0 1 2 3 4 5; do
  port=$((REDIS_BASE_PORT + i))
  dir="$RUN_DIR/redis-$port"
  mkdir -p "$dir"
  redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --logfile "$dir/redis.log" \
    --cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout 2000 \
    --appendonly yes --appendfsync always --save "" &
  pids+=($!)
  nodes+=("127.0.0.1:$port")
done
for n in "${nodes[@]}"; do
  for _ in $(seq 100); do redis-cli -p "${n##*:}" ping >/dev/null 2>&1 && break; sleep 0.1; done
done
if ! redis-cli -p "$REDIS_BASE_PORT" cluster info | grep -q 'cluster_state:ok'; then
  if [[ $(redis-cli -p "$REDIS_BASE_PORT" cluster info | grep cluster_known_nodes | tr -dc 0-9) == 1 ]]; then
    redis-cli --cluster create "${nodes[@]}" --cluster-replicas 1 --cluster-yes >"$RUN_DIR/cluster-create.log"
  fi
  for _ in $(seq 100); do redis-cli -p "$REDIS_BASE_PORT" cluster info | grep -q 'cluster_state:ok' && break; sleep 0.2; done
fi
seeds="redis://127.0.0.1:$REDIS_BASE_PORT,redis://127.0.0.1:$((REDIS_BASE_PORT + 1))"

# start_role <name> <role> [VAR=value ...]: one process, its own data dir and log.
start_role() {
  local name=$1 role=$2; shift 2
  mkdir -p "$RUN_DIR/$name"
  env RESTREAM_DATA_DIR="$RUN_DIR/$name" "$@" java $JAVA_OPTS -jar "$JAR" "$role" >"$RUN_DIR/$name/out.log" 2>&1 &
  pids+=($!)
}
wait_for() { # wait_for <file-or-log> <pattern>
  for _ in $(seq 600); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "cluster.sh: gave up waiting for '$2' in $1" >&2
  return 1
}

start_role sim sim RESTREAM_SIM_PORT="$SIM_PORT" RESTREAM_SIM_AUTO_APPROVE="${RESTREAM_SIM_AUTO_APPROVE:-false}"
wait_for "$RUN_DIR/sim/out.log" "Restream started"
sim_url="http://127.0.0.1:$(cat "$RUN_DIR/sim/sim.port")"
common=(REDIS_MODE=cluster RESTREAM_SIM_URL="$sim_url")
start_role api-a service "${common[@]}" REDIS_URL="$seeds" RESTREAM_HTTP_PORT="$API_PORT"
start_role api-b service "${common[@]}" REDIS_URL="$seeds" RESTREAM_HTTP_PORT="$((API_PORT + 1))"
start_role worker-1 worker "${common[@]}" REDIS_URL="redis://127.0.0.1:$REDIS_BASE_PORT"
start_role worker-2 worker "${common[@]}" REDIS_URL="redis://127.0.0.1:$((REDIS_BASE_PORT + 3))"
start_role chat chat "${common[@]}" REDIS_URL="$seeds"
for name in api-a api-b worker-1 worker-2 chat; do wait_for "$RUN_DIR/$name/out.log" "Restream started"; done
# Kick delivers chat by webhook: point the simulated Kick at API node A.
curl -fsS -X PUT -H 'Content-Type: application/json' -d "{\"url\":\"http://127.0.0.1:$API_PORT/webhooks/kick\"}" \
  "$sim_url/sim/kick/webhook" >/dev/null || echo "(could not point the simulated Kick's webhooks at node A)"

cat <<INFO

Restream multi-node (sandbox) is up:
  API node A:    http://localhost:$API_PORT      (Studio: http://localhost:$API_PORT/demo/)
  API node B:    http://localhost:$((API_PORT + 1))
  Simulator:     $sim_url
  Redis Cluster: ${nodes[*]}  (masters + replicas, AOF appendfsync always)
  Workers:       2    Chat aggregators: 1
  Admin token:   $RESTREAM_ADMIN_TOKEN
  Logs and data: $RUN_DIR/<role>/out.log
$(grep -h -E 'Demo client|Publishable|Secret key' "$RUN_DIR"/api-a/out.log "$RUN_DIR"/api-b/out.log 2>/dev/null | sort -u)

Ctrl-C stops everything.
INFO
wait
