#!/usr/bin/env bash
# Measures POST /v1/jobs latency (upload -> probe -> FLAC transcode -> store -> two acked events -> 202)
# against a real Kafka broker and PostgreSQL, for generated audio of a typical song length.
# Usage (from the repo root, after: mvn -B -ntp package -pl ingest-service -am -DskipTests):
#   ingest-service/scripts/measure-upload.sh [requests per file, default 10]
requests="${1:-10}"
set --   # the sourced script passes its own arguments to ingest
source "$(dirname "$0")/ingest-stack.sh"

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
