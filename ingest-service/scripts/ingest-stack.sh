# Sourced by the measuring scripts beside it: starts a real Kafka broker and PostgreSQL
# (LocalStackMain) and the packaged ingest service against them, in a temporary directory that is
# removed, with every process, on exit. Sets: work (the directory), ingest (its pid), port.
# Needs, from the repo root: mvn -B -ntp package -pl ingest-service -am -DskipTests
# Usage: source ingest-service/scripts/ingest-stack.sh [extra -D options for ingest...]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
work="$(mktemp -d /tmp/ingest-measure.XXXXXX)"
chmod 755 "$work"   # PostgreSQL, run as nobody when we are root, must reach its directory
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

classpath="local-stack/target/classes:$(cat local-stack/target/local-stack-runtime.classpath)"
start_server() {  # kind
  java -cp "$classpath" io.hitorflop.localstack.LocalStackMain "$1" --dir "$work/$1" >"$work/$1.out" 2>&1 &
  pids+=("$!")
}
ready_line() {  # kind; prints its READY line
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
java -Dquarkus.http.port="$port" -Dkafka.bootstrap.servers="$bootstrap" "$@" \
  -Dhitorflop.ingest.work-dir="$work/ingest" -Dhitorflop.audio-store.dir="$work/store" \
  -Dquarkus.datasource.jdbc.url="$jdbc_url" -Dquarkus.datasource.username="$db_user" \
  -Dquarkus.datasource.password="$db_password" \
  -jar ingest-service/target/quarkus-app/quarkus-run.jar >"$work/ingest.log" 2>&1 &
ingest=$!
pids+=("$ingest")
until curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; do sleep 0.5; done
