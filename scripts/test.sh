#!/usr/bin/env bash
# Runs every test: installs what the tests need, starts a real redis-server on loopback for
# them (64 logical databases: each test JVM takes one of its own, see core's TestRedis), runs
# the whole Maven build with its tests, and stops Redis again.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-machine.sh
redis_dir=$(mktemp -d)
for _ in $(seq 20); do
  # below Linux's ephemeral ports (32768+): a port a client connection holds cannot be listened on
  redis_port=$((20000 + RANDOM % 12000))
  (echo >"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null || break   # nothing listens there: free
done
redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$redis_dir" --save "" --appendonly no --daemonize yes --databases 64 \
  --pidfile "$redis_dir/redis.pid" --logfile "$redis_dir/redis.log"
trap 'kill "$(cat "$redis_dir/redis.pid")" 2>/dev/null || true; rm -rf "$redis_dir"' EXIT
for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
export REDIS_URL="redis://127.0.0.1:$redis_port"
mvn -B install "$@"
# The browser SDK end to end: Debian Chromium drives the Studio page against the launcher jar just built.
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm --prefix web-demo run test:e2e
