#!/usr/bin/env bash
# Measures POST /v1/jobs latency (upload -> probe -> FLAC transcode -> store -> two acked events -> 202)
# against a real Kafka broker, for generated audio of a typical song length.
# Usage (from the repo root, after: mvn -B -ntp package -pl ingest-service -am -DskipTests):
#   ingest-service/scripts/measure-upload.sh [requests per file, default 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
requests="${1:-10}"
work="$(mktemp -d /tmp/ingest-measure.XXXXXX)"
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

classpath="local-stack/target/classes:$(cat local-stack/target/local-stack-runtime.classpath)"
coproc KAFKA { exec java -cp "$classpath" io.hitorflop.localstack.LocalStackMain kafka --dir "$work/kafka" 2>/dev/null; }
pids+=("$KAFKA_PID")
while read -r line <&"${KAFKA[0]}"; do [[ "$line" == READY* ]] && break; done
bootstrap="$(sed -E 's/.* bootstrap\.servers=([^ ]+).*/\1/' <<<"$line")"

port="$(free_port)"
java -Dquarkus.http.port="$port" -Dkafka.bootstrap.servers="$bootstrap" \
  -Dhitorflop.ingest.work-dir="$work/ingest" -Dhitorflop.audio-store.dir="$work/store" \
  -jar ingest-service/target/quarkus-app/quarkus-run.jar >"$work/ingest.log" 2>&1 &
pids+=("$!")
until curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; do sleep 0.5; done

ffmpeg -nostdin -v error -f lavfi -i "sine=frequency=440:sample_rate=44100:duration=180" -ac 2 "$work/song.wav"
ffmpeg -nostdin -v error -i "$work/song.wav" -b:a 192k "$work/song.mp3"
curl -fs -o /dev/null -F "file=@$work/song.wav" "http://127.0.0.1:$port/v1/jobs"   # warm-up

for file in song.wav song.mp3; do
  times=()
  for _ in $(seq "$requests"); do
    times+=("$(curl -fs -o /dev/null -w '%{time_total}' -F "file=@$work/$file" "http://127.0.0.1:$port/v1/jobs")")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v f="$file" -v size="$(stat -c %s "$work/$file")" '
    { t[NR] = $1 } END { printf "%s (%.1f MB, 180 s stereo 44.1 kHz): n=%d median %.0f ms, max %.0f ms\n",
      f, size / 1e6, NR, 1000 * t[int((NR + 1) / 2)], 1000 * t[NR] }'
done
