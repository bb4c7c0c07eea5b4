#!/usr/bin/env bash
# Samples every component of a running local stack every 5 s while a load runs (issue 16 item 4):
# one line per sample in OUT/<name>.log with the RSS (MiB), the thread count and, for the JVM
# services and the router, NMT's committed MiB in total and by category (start the stack with
# HITORFLOP_JAVA_OPTS=-XX:NativeMemoryTracking=summary, as scripts/load-test.sh does).
#
#   scripts/memory-probe.sh HITORFLOP_HOME OUT     (stop it with Ctrl-C or kill)
set -uo pipefail
home=$1
out=$2
mkdir -p "$out"
while true; do
  for pidfile in "$home"/run/*.pid; do
    [[ -f $pidfile ]] || continue
    name=$(basename "$pidfile" .pid)
    pid=$(cat "$pidfile" 2>/dev/null) || continue
    [[ -d /proc/$pid ]] || continue
    line="$(date -u +%T) rss=$(awk '/VmRSS/{print int($2/1024)}' "/proc/$pid/status") threads=$(awk '/Threads/{print $2}' "/proc/$pid/status")"
    case $name in
      ingest* | feature* | inference* | results* | router)
        line="$line $(jcmd "$pid" VM.native_memory summary scale=MB 2>/dev/null \
          | grep -E '^Total|^-  *[A-Z]' \
          | sed -E 's/^Total: reserved=[0-9]+MB, committed=([0-9]+)MB.*/nmt=\1/; s/^- *([A-Za-z][A-Za-z ]*[A-Za-z]) *\(reserved=[0-9]+MB, committed=([0-9]+)MB\)/\1=\2/' \
          | tr ' ' '_' | tr '\n' ' ')"
        ;;
    esac
    echo "$line" >>"$out/$name.log"
  done
  sleep 5
done
