#!/bin/sh
# The `features` command over a folder of songs, from a cold start (a fresh JVM each run), as a user
# runs it: `./hitorflop features <folder>`. Builds the batch corpus first when it is missing
# (benchmarks/dev-corpus/build-batch-corpus.py: ~90 files, OGG/WAV/MP3/FLAC, 30 s to 5 min,
# ~170 minutes), then runs the command RUNS times and prints, per run: wall time, audio minutes,
# wall per audio minute, CPU (user + sys of every process: launcher, engine JVM, ffmpeg),
# the largest resident set of one process (GNU time's %M, the engine JVM) and the peak of the
# whole process tree's resident sets (sampled every 0.5 s), and the load average before the run.
#
#   benchmarks/scripts/features-batch.sh [corpus-folder] [extra features options, e.g. --jobs 3]
#   RUNS=3 (default)   FRESH_ARCHIVE=1 deletes the class data archive before the first run
#
# Needs the launcher and feature-service packaged (./mvnw -B -ntp -DskipTests package -pl launcher,feature-service -am).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CORPUS=${1:-$ROOT/benchmarks/target/batch-corpus/audio}
[ $# -gt 0 ] && shift
RUNS=${RUNS:-3}
OUT=$ROOT/benchmarks/target/features-batch
mkdir -p "$OUT"

if [ ! -d "$CORPUS" ]; then
  echo "building the batch corpus into $(dirname "$CORPUS")" >&2
  "$ROOT/benchmarks/dev-corpus/build-batch-corpus.py" "$(dirname "$CORPUS")"
fi
if [ "${FRESH_ARCHIVE:-0}" = 1 ]; then
  rm -f "$ROOT"/feature-service/target/cds/features-*.jsa
fi

# peak of the summed resident sets of a session (setsid: session = process group = leader's pid),
# in KB, sampled until the session is gone
peak_tree_rss() {
  peak=0
  # until only the leader's zombie is left (this shell reaps it with `wait` afterwards)
  while ps -o stat= -g "$1" 2>/dev/null | grep -qv '^Z'; do
    now=$(ps -o rss= -g "$1" 2>/dev/null | awk '{s += $1} END {print s + 0}')
    [ "$now" -gt "$peak" ] && peak=$now
    sleep 0.5
  done
  echo "$peak"
}

echo "run  wall_s  audio_min  s_per_audio_min  cpu_s  max_rss_one_process_MiB  peak_tree_rss_MiB  load_before  class_data_archive"
for run in $(seq 1 "$RUNS"); do
  load=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')
  archives_before=$(ls "$ROOT"/feature-service/target/cds/ 2>/dev/null || true)
  setsid /usr/bin/time -f "%e %U %S %M" -o "$OUT/time-$run.txt" \
    "$ROOT/hitorflop" features "$@" "$CORPUS" >"$OUT/features-$run.jsonl" 2>"$OUT/stderr-$run.txt" &
  leader=$!
  sleep 0.2
  peak=$(peak_tree_rss "$leader")
  wait "$leader" || true
  read -r wall user sys maxrss <"$OUT/time-$run.txt" || { cat "$OUT/time-$run.txt" >&2; exit 1; }
  # a run that found no archive for this build wrote one (launcher/README.md)
  archives_after=$(ls "$ROOT"/feature-service/target/cds/ 2>/dev/null || true)
  if [ "$archives_before" != "$archives_after" ]; then archive=written
  elif [ -n "$archives_after" ]; then archive=mapped
  else archive=none; fi
  minutes=$(sed -n 's/^features: .* \([0-9.]*\) audio minutes in .*/\1/p' "$OUT/stderr-$run.txt")
  [ -n "$minutes" ] || { cat "$OUT/stderr-$run.txt" >&2; exit 1; }
  awk -v run="$run" -v wall="$wall" -v min="$minutes" -v user="$user" -v sys="$sys" -v rss="$maxrss" \
      -v peak="$peak" -v load="$load" -v archive="$archive" 'BEGIN {
    printf "%3d  %6.1f  %9.1f  %15.3f  %5.1f  %23.0f  %17.0f  %s  %s\n",
      run, wall, min, wall / min, user + sys, rss / 1024, peak / 1024, load, archive }'
  grep '^features: ' "$OUT/stderr-$run.txt" >&2
done
echo "per-file output and the engine's summary lines: $OUT" >&2
