#!/usr/bin/env bash
# Starts Rehearsal on a fresh data directory (simulator without added latency), runs N failovers through the
# HTTP API, then times three rebuilds of every projection. Prints the figures; loopback only.
# Usage: scripts/measure-rebuild.sh [N=100]   (after ./mvnw -q -DskipTests package)
set -euo pipefail
N=${1:-100}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
cp "$ROOT/ui/target/rehearsal.jar" "$WORK/rehearsal.jar"   # a rebuild of the project must not pull the jar away
export AXONIQ_UPDATE_CHECKER_DISABLED=true
java -jar "$WORK/rehearsal.jar" --server.port=0 --server.address=127.0.0.1 --rehearsal.data-dir="$WORK/data" \
  --rehearsal.simulator.speed=1000000 --rehearsal.simulator.backup-interval=1000d \
  --rehearsal.port-file="$WORK/port" > "$WORK/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 600); do [ -s "$WORK/port" ] && break; sleep 0.1; done
URL="http://127.0.0.1:$(cat "$WORK/port")"
OP=$(grep '^operator:' "$WORK/data/initial-credentials" | cut -d: -f2)
AD=$(grep '^admin:' "$WORK/data/initial-credentials" | cut -d: -f2)
ENVS=("acme-preprod:ACME Pre-Production" "globex-staging:Globex Staging" "umbrella-qa:Umbrella QA"
      "stark-portal-preprod:Stark Portal Pre-Production" "acme-prod:ACME Production")
ACK='"acknowledgedPreconditions":["unavailable","data-loss","users-informed","no-changes","next-steps"]'
started=0
while [ "$started" -lt "$N" ]; do
  for e in "${ENVS[@]}"; do
    [ "$started" -ge "$N" ] && break
    id=${e%%:*}; name=${e#*:}
    for _ in $(seq 1 400); do   # an environment takes its next test once its last one has ended
      code=$(curl -s -o /dev/null -w '%{http_code}' -u "operator:$OP" -H 'Content-Type: application/json' \
        -d "{$ACK,\"confirmationName\":\"$name\"}" "$URL/api/environments/$id/dr-tests")
      [ "$code" = 202 ] && { started=$((started + 1)); break; }
      sleep 0.05
    done
  done
done
for _ in $(seq 1 1200); do
  running=$(curl -s -u "operator:$OP" "$URL/api/dr-tests?status=RUNNING&size=1" | python3 -c 'import json,sys;print(json.load(sys.stdin)["total"])')
  [ "$running" = 0 ] && break; sleep 0.1
done
events=$(curl -s -u "admin:$AD" -H 'Accept: application/x-ndjson' "$URL/api/audit" | grep -c .)
echo "tests: $started, events in the store: $events"
for run in 1 2 3; do
  millis=$(curl -s -u "admin:$AD" -X POST "$URL/api/admin/projections/rebuild" | python3 -c 'import json,sys;print(json.load(sys.stdin)["millis"])')
  echo "rebuild $run: $millis ms ($(python3 -c "print(round($events * 1000 / $millis))") events/s)"
done
