#!/usr/bin/env bash
# Installs the Debian packages Restream needs on a fresh machine (idempotent):
#   libpulse0          the bundled FFmpeg links against it
#   fonts-dejavu-core  the demo source's burned-in clock (drawtext)
#   redis-server       a real Redis for the test suite (the app itself embeds one)
#   ffmpeg             ffprobe, used by tests to inspect what receivers got
#   chromium           headless rendering of HTML banners
set -euo pipefail
want=(libpulse0 fonts-dejavu-core redis-server ffmpeg chromium maven openjdk-17-jdk-headless stress-ng)
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
