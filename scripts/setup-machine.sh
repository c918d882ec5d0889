#!/usr/bin/env bash
# Installs the Debian packages Restream needs on a fresh machine (idempotent):
#   libpulse0          the bundled FFmpeg links against it
#   fonts-dejavu-core  the demo source's burned-in clock (drawtext)
#   redis-server       a real Redis for the test suite (the app itself embeds one)
#   ffmpeg             ffprobe, used by tests to inspect what receivers got
#   chromium           headless rendering of HTML banners; the browser SDK's end-to-end test
#   chromium-headless-shell  HTML banners painted only when captured (BeginFrame control; same version)
# and checks for Node >= 20.19 with npm (web-demo's build and tests; Debian 12's nodejs is too old).
set -euo pipefail
want=(libpulse0 libx11-6 libxfixes3 libxrandr2 libxcomposite1 libudev1 libdbus-1-3 fonts-dejavu-core redis-server ffmpeg chromium chromium-headless-shell maven openjdk-17-jdk-headless stress-ng)
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "Installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# web-demo (the npm package restream-sdk) builds with the machine's Node and npm during the Maven build.
node_ok=$(node -e 'const [a,b]=process.versions.node.split(".").map(Number);console.log(a>20||(a===20&&b>=19)?"yes":"no")' 2>/dev/null || echo no)
if [ "$node_ok" != yes ] || ! command -v npm >/dev/null; then
  echo "Node >= 20.19 and npm are needed (web-demo); found: $(node --version 2>/dev/null || echo none). Install them, e.g. from https://nodejs.org or NodeSource." >&2
  exit 1
fi
