#!/usr/bin/env python3
"""Verify a Rehearsal audit export offline.

Usage: verify-audit.py audit-<testId>.jsonl

Reads the JSON-lines export of one test's audit trail (GET /api/dr-tests/{testId}/audit?format=jsonl),
recomputes every event's hash and checks that each event links to the one before it. Exit code 0 when the
chain is intact, 1 at the first event where it breaks (printed), 2 on unreadable input. Python 3 standard
library only, so an auditor can read every line of what it checks.

The hash of an event is the SHA-256 (hex) of the canonical JSON of
  {actor, aggregateId, payload, payloadType, previousHash, sequence, timestamp}
with object keys sorted at every level, no null members, no whitespace, UTF-8 with non-ASCII unescaped;
payloadType is the event's type as exported, timestamp its ISO-8601 instant to the millisecond, and
previousHash the hash of the test's previous event (64 zeros for its first).
"""
import hashlib
import json
import re
import sys

GENESIS = "0" * 64
INSTANT = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$")


def without_nulls(value):
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value


def to_millis(instant):
    """An ISO-8601 instant as Java prints it once truncated to the millisecond."""
    match = INSTANT.match(instant)
    if not match:
        raise ValueError("not an ISO-8601 instant: " + instant)
    millis = (match.group(2) or "").ljust(9, "0")[:3]
    return match.group(1) + ("" if millis == "000" else "." + millis) + "Z"


def event_hash(event, previous):
    content = {
        "actor": event.get("actor") or "",
        "aggregateId": event["aggregateId"],
        "payload": without_nulls(event["payload"]),
        "payloadType": event["type"],
        "previousHash": previous,
        "sequence": event["sequence"],
        "timestamp": to_millis(event["timestamp"]),
    }
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def main(path):
    try:
        with open(path, encoding="utf-8") as export:
            events = [json.loads(line) for line in export if line.strip()]
    except (OSError, ValueError) as e:
        print("cannot read the export: %s" % e)
        return 2
    expected_previous = GENESIS
    for event in events:
        where = "event %s (%s)" % (event.get("sequence"), event.get("type"))
        if event.get("previousHash") != expected_previous:
            print("BROKEN at %s: its previousHash is not the hash of the event before it" % where)
            return 1
        recomputed = event_hash(event, expected_previous)
        if recomputed != event.get("hash"):
            print("BROKEN at %s: its content does not match its hash (stored %s, recomputed %s)"
                  % (where, event.get("hash"), recomputed))
            return 1
        expected_previous = event["hash"]
    print("intact: %d events, last hash %s" % (len(events), expected_previous))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
