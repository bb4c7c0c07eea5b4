#!/usr/bin/env bash
# Memory of a running docker-compose.yml stack under podman: each container's memory (podman stats:
# the cgroup's usage, what its limit is checked against) at idle, then its peak while a burst of
# uploads (generated songs) is analysed, against its limit. Needs podman, ffmpeg, curl, python3.
# Usage: deploy/measure-compose.sh PROJECT ROUTER_PORT [UPLOADS=8] [SECONDS=180] [API_KEY]
#   e.g.  podman-compose -p hitorflop up -d && deploy/measure-compose.sh hitorflop 8080
set -euo pipefail
project="$1" port="$2" uploads="${3:-8}" seconds="${4:-180}" key="${5:-}"
work="$(mktemp -d)"
trap 'kill "$sampler" 2>/dev/null || true; rm -rf "$work"' EXIT

stats() { podman stats --no-stream --format '{{.Name}} {{.MemUsage}}' | grep "^${project}_" | grep -v kafka-topics; }
echo "idle:"; stats | sed 's/^/  /'

chord="0.15*(sin(2*PI*220*t)+sin(2*PI*261.63*t)+sin(2*PI*329.63*t))"
kick="0.6*sin(2*PI*(50+80*exp(-mod(t,0.5)*30))*mod(t,0.5))*exp(-mod(t,0.5)*12)"
for i in $(seq "$uploads"); do   # a different pitch each: no two uploads are the same file
  ffmpeg -hide_banner -loglevel error -y -f lavfi \
    -i "aevalsrc=exprs='$chord*(1+0.0$i)+$kick':sample_rate=44100:duration=$seconds" -c:a flac "$work/song-$i.flac"
done

( while true; do stats >> "$work/samples"; sleep 1; done ) & sampler=$!
started=$SECONDS
for i in $(seq "$uploads"); do
  curl -s -o "$work/answer-$i" -w '%{http_code}\n' ${key:+-H "X-API-Key: $key"} \
    -F "file=@$work/song-$i.flac" "http://127.0.0.1:$port/v1/jobs" > "$work/code-$i" &
done
wait $(jobs -p | grep -v "^$sampler$")
echo "answers: $(cat "$work"/code-* | sort | uniq -c | tr '\n' ' ')"
for i in $(seq "$uploads"); do
  id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("id",""))' "$work/answer-$i" 2>/dev/null || true)
  [[ -n "$id" ]] || continue
  until status=$(curl -s ${key:+-H "X-API-Key: $key"} "http://127.0.0.1:$port/v1/jobs/$id" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin).get("status",""))' 2>/dev/null) \
        && [[ "$status" == DONE || "$status" == FAILED ]]; do sleep 2; done
  echo "job $i: $status"
done
echo "all ended after $((SECONDS - started)) s"
kill "$sampler"
echo "peak during the burst (podman stats, MiB; limit):"
python3 - "$work/samples" <<'PY'
import re, sys
unit = {'B': 1 / 2**20, 'kB': 1000 / 2**20, 'KB': 1000 / 2**20, 'MB': 1e6 / 2**20, 'GB': 1e9 / 2**20}
peak, limit = {}, {}
for line in open(sys.argv[1]):
    m = re.match(r'(\S+) ([\d.]+)([kKMG]?B) / ([\d.]+)([kKMG]?B)', line)
    if m:
        name = m.group(1)
        peak[name] = max(peak.get(name, 0), float(m.group(2)) * unit[m.group(3)])
        limit[name] = float(m.group(4)) * unit[m.group(5)]
for name in sorted(peak):
    print(f"  {name:40s} {peak[name]:7.0f} / {limit[name]:6.0f}")
PY
