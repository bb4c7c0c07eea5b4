#!/usr/bin/env bash
# Measures what an oversized JSON submission costs ingest's memory: a 103 MB feature vector, sent
# with Content-Length and chunked, then two at once followed by a legitimate submission. Runs the
# packaged service against a real Kafka broker and PostgreSQL (LocalStackMain) and reads
# VmRSS / VmHWM (peak RSS) from /proc/<pid>/status before and after.
# The service's upload limit is raised to 200M so that the JSON limit, not the upload limit,
# is what stops the 103 MB body.
# Usage (from the repo root, after: mvn -B -ntp -o package -pl ingest-service -am -DskipTests):
#   ingest-service/scripts/measure-json-memory.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
work="$(mktemp -d /tmp/ingest-json-memory.XXXXXX)"
chmod 755 "$work"   # PostgreSQL, run as nobody when we are root, must reach its directory
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
memory() { awk '/^VmRSS|^VmHWM/ { printf "%s %d MiB  ", $1, $2 / 1024 }' "/proc/$ingest/status"; }

classpath="local-stack/target/classes:$(cat local-stack/target/local-stack-runtime.classpath)"
start_server() {  # kind; prints its READY line
  java -cp "$classpath" io.hitorflop.localstack.LocalStackMain "$1" --dir "$work/$1" >"$work/$1.out" 2>&1 &
  pids+=("$!")
}
ready_line() {
  for _ in $(seq 600); do
    grep '^READY' "$work/$1.out" && return
    sleep 0.5
  done
  echo "$1 did not start:" >&2; cat "$work/$1.out" >&2; exit 1
}
start_server kafka
start_server postgres
kafka_line="$(ready_line kafka)"
pg_line="$(ready_line postgres)"
bootstrap="$(sed -E 's/.* bootstrap\.servers=([^ ]+).*/\1/' <<<"$kafka_line")"
jdbc_url="$(sed -E 's/.* jdbc\.url=([^ ]+).*/\1/' <<<"$pg_line")"
db_user="$(sed -E 's/.* username=([^ ]+).*/\1/' <<<"$pg_line")"
db_password="$(sed -E 's/.* password=([^ ]*).*/\1/' <<<"$pg_line")"

port="$(free_port)"
java -Dquarkus.http.port="$port" -Dkafka.bootstrap.servers="$bootstrap" -Dquarkus.http.limits.max-body-size=200M \
  -Dhitorflop.ingest.work-dir="$work/ingest" -Dhitorflop.audio-store.dir="$work/store" \
  -Dquarkus.datasource.jdbc.url="$jdbc_url" -Dquarkus.datasource.username="$db_user" \
  -Dquarkus.datasource.password="$db_password" \
  -jar ingest-service/target/quarkus-app/quarkus-run.jar >"$work/ingest.log" 2>&1 &
ingest=$!
pids+=("$ingest")
until curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; do sleep 0.5; done

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
