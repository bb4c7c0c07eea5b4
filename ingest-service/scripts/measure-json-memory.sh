#!/usr/bin/env bash
# Measures what an oversized JSON submission costs ingest's memory: a 103 MB feature vector, sent
# with Content-Length and chunked, then two at once followed by a legitimate submission. Runs the
# packaged service against a real Kafka broker and PostgreSQL (LocalStackMain) and reads
# VmRSS / VmHWM (peak RSS) from /proc/<pid>/status before and after.
# The service's upload limit is raised to 200M so that the JSON limit, not the upload limit,
# is what stops the 103 MB body.
# Usage (from the repo root, after: mvn -B -ntp -o package -pl ingest-service -am -DskipTests):
#   ingest-service/scripts/measure-json-memory.sh
source "$(dirname "$0")/ingest-stack.sh" -Dquarkus.http.limits.max-body-size=200M
memory() { awk '/^VmRSS|^VmHWM/ { printf "%s %d MiB  ", $1, $2 / 1024 }' "/proc/$ingest/status"; }

url="http://127.0.0.1:$port/v1/jobs"
vector='{"features": {"danceability": 0.7, "energy": 0.8, "key": 5, "loudness": -6.5, "mode": 1, "speechiness": 0.05,
  "acousticness": 0.1, "instrumentalness": 0.0, "liveness": 0.12, "valence": 0.6, "tempo": 120.0,
  "duration_ms": 210000, "time_signature": 4}}'
submit() { curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' "$url" -d "$vector"; }
python3 - "$work/huge.json" <<'PY'
import sys
with open(sys.argv[1], "w") as out:
    out.write('{"features": {')
    i = 0
    while out.tell() < 103_000_000:
        out.write('"unknown%d": 1, ' % i)
        i += 1
    out.write('"last": 1}}')
PY
huge() { curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' "$@" --data-binary "@$work/huge.json" "$url" || true; }

for _ in $(seq 50); do submit >/dev/null; done
echo "after 50 legitimate submissions:   $(memory)"
echo "103 MB, Content-Length:            HTTP $(huge)   $(memory)"
echo "103 MB, chunked:                   HTTP $(huge -H 'Transfer-Encoding: chunked')   $(memory)"
huge -H 'Transfer-Encoding: chunked' >"$work/a" &
first=$!
huge >"$work/b" &
second=$!
wait "$first" "$second"
echo "two at once (chunked, length):     HTTP $(cat "$work/a") $(cat "$work/b")   $(memory)"
echo "legitimate submission afterwards:  HTTP $(submit)   $(memory)"
