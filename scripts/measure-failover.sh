#!/usr/bin/env bash
# Starts Rehearsal at simulator speed 1000 and times five failovers, one per demo environment: from the POST
# to COMPLETED in the progress view, and the test's own start-to-end (RTO) from its events. Also prints the
# time to ready and the idle RSS. Loopback only. Usage: scripts/measure-failover.sh (after a package)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
cp "$ROOT/ui/target/rehearsal.jar" "$WORK/rehearsal.jar"
export AXONIQ_UPDATE_CHECKER_DISABLED=true
T0=$(date +%s%N)
java -jar "$WORK/rehearsal.jar" --server.port=0 --server.address=127.0.0.1 --rehearsal.data-dir="$WORK/data" \
  --rehearsal.simulator.speed=1000 --rehearsal.port-file="$WORK/port" > "$WORK/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 600); do [ -s "$WORK/port" ] && break; sleep 0.05; done
echo "ready (demo inventory loaded, port file written): $(( ($(date +%s%N) - T0) / 1000000 )) ms"
sleep 30
echo "idle RSS after 30 s: $(grep VmRSS /proc/$APP/status | awk '{print $2}') kB"
URL="http://127.0.0.1:$(cat "$WORK/port")"
OP=$(grep '^operator:' "$WORK/data/initial-credentials" | cut -d: -f2)
ACK='"acknowledgedPreconditions":["unavailable","data-loss","users-informed","no-changes","next-steps"]'
for e in "acme-preprod:ACME Pre-Production" "globex-staging:Globex Staging" "umbrella-qa:Umbrella QA" \
         "stark-portal-preprod:Stark Portal Pre-Production" "acme-prod:ACME Production"; do
  id=${e%%:*}; name=${e#*:}
  S=$(date +%s%N)
  test=$(curl -s -u "operator:$OP" -H 'Content-Type: application/json' -d "{$ACK,\"confirmationName\":\"$name\"}" \
    "$URL/api/environments/$id/dr-tests" | python3 -c 'import json,sys;print(json.load(sys.stdin)["testId"])')
  for _ in $(seq 1 1000); do
    status=$(curl -s -u "operator:$OP" "$URL/api/dr-tests/$test" | python3 -c 'import json,sys;d=json.load(sys.stdin);print(d["status"],d.get("rto"))')
    case "$status" in COMPLETED*) break;; esac
    sleep 0.01
  done
  echo "$id: POST to COMPLETED seen $(( ($(date +%s%N) - S) / 1000000 )) ms; recorded $status"
done
