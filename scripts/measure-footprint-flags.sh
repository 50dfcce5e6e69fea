#!/usr/bin/env bash
# Time to ready and idle RSS of the packaged jar under a few JVM settings, one run each, side by side.
# Loopback only. Usage: scripts/measure-footprint-flags.sh (after a package)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$(mktemp --suffix=.jar)
cp "$ROOT/ui/target/rehearsal.jar" "$JAR"
trap 'rm -f "$JAR"' EXIT
export AXONIQ_UPDATE_CHECKER_DISABLED=true
for flags in "" "-XX:+UseSerialGC" "-XX:G1PeriodicGCInterval=5000" "-Xmx256m"; do
  WORK=$(mktemp -d)
  START=$(date +%s%N)
  # shellcheck disable=SC2086 # the flags are words
  java $flags -jar "$JAR" --server.port=0 --server.address=127.0.0.1 --rehearsal.data-dir="$WORK/data" \
    --rehearsal.port-file="$WORK/port" > "$WORK/out" 2>&1 &
  APP=$!
  for _ in $(seq 1 1500); do [ -s "$WORK/port" ] && break; sleep 0.02; done
  READY=$(( ($(date +%s%N) - START) / 1000000 ))
  sleep 30
  echo "flags '${flags:-default}': ready ${READY} ms, RSS after 30 s idle $(( $(grep VmRSS /proc/$APP/status | awk '{print $2}') / 1024 )) MB"
  kill $APP; wait $APP 2>/dev/null || true
  rm -rf "$WORK"
done
