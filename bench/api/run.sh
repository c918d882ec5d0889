#!/usr/bin/env bash
# API throughput and latency on this machine, with public tools only (wrk, redis-server, curl).
# Starts a redis-server and the `service` role alone (no worker, so goLive measures the API and
# its atomic Redis step, not FFmpeg), then drives:
#   GET  /api/v1/jobs/current   (secret key + X-User-Id, 100 users)
#   POST /api/v1/jobs           (goLive; each call supersedes that user's previous job)
# Usage: bench/api/run.sh [seconds per run, default 15] [connections, default 32]
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-15}
conns=${2:-32}
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }
[ -f app/target/restream.jar ] || mvn -B -q -DskipTests install
work=$(mktemp -d)
# below Linux's ephemeral ports (32768+): a port a client connection holds cannot be listened on
redis_port=$((20000 + RANDOM % 12000))
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --pidfile "$work/redis.pid" --logfile "$work/redis.log"
cleanup() { kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; kill "$(cat "$work/redis.pid")" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
sleep 0.5
REDIS_URL="redis://127.0.0.1:$redis_port" RESTREAM_DATA_DIR="$work/data" RESTREAM_HTTP_PORT=0 RESTREAM_SANDBOX=true \
  RESTREAM_ADMIN_TOKEN=bench-admin RESTREAM_RATE_LIMIT_BURST=1000000 RESTREAM_RATE_LIMIT_PER_SECOND=1000000 \
  RESTREAM_LOG_LEVEL=WARN java -Xmx1g -jar app/target/restream.jar service >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 200); do [ -f "$work/data/http.port" ] && break; sleep 0.1; done
base="http://127.0.0.1:$(cat "$work/data/http.port")"
admin=(-H "Authorization: Bearer bench-admin" -H "Content-Type: application/json")
cid=$(curl -s "${admin[@]}" -d '{"name":"bench"}' "$base/api/v1/admin/clients" | sed 's/.*"id":"\([^"]*\)".*/\1/')
sk=$(curl -s "${admin[@]}" -d '{"type":"secret"}' "$base/api/v1/admin/clients/$cid/keys" | sed 's/.*"key":"\([^"]*\)".*/\1/')
for i in $(seq 0 99); do
  curl -s -o /dev/null -H "X-API-Key: $sk" -H "X-User-Id: u$i" -H "Content-Type: application/json" \
    -d '{"name":"one","url":"rtmp://127.0.0.1:1935/live","streamKey":"k"}' "$base/api/v1/connections/custom"
  curl -s -o /dev/null -H "X-API-Key: $sk" -H "X-User-Id: u$i" -H "Content-Type: application/json" \
    -d '{"publisherSessionId":"demo-bench","destinations":["custom:one"]}' "$base/api/v1/jobs"
done
cat >"$work/users.lua" <<LUA
local n = 0
local body = '{"publisherSessionId":"demo-bench","destinations":["custom:one"]}'
request = function()
  n = n + 1
  local headers = { ["X-API-Key"] = "$sk", ["X-User-Id"] = "u" .. (n % 100), ["Content-Type"] = "application/json" }
  return wrk.format(METHOD, nil, headers, METHOD == "POST" and body or nil)
end
LUA
sed "s/METHOD/\"GET\"/g" "$work/users.lua" >"$work/get.lua"
sed "s/METHOD/\"POST\"/g" "$work/users.lua" >"$work/post.lua"
echo "== warm-up"; wrk -t2 -c"$conns" -d5s -s "$work/get.lua" "$base/api/v1/jobs/current" >/dev/null
echo "== GET /api/v1/jobs/current (${secs}s, $conns connections)"
wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$work/get.lua" "$base/api/v1/jobs/current" | grep -E 'Requests/sec|Latency|50%|90%|99%|Non-2xx|requests in'
echo "== POST /api/v1/jobs (goLive) (${secs}s, $conns connections)"
wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$work/post.lua" "$base/api/v1/jobs" | grep -E 'Requests/sec|Latency|50%|90%|99%|Non-2xx|requests in'
