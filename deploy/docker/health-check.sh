#!/bin/bash
# Container health check: exit 0 when GET <path> on the container's own port answers 200 (Quarkus
# answers 503 while a check is DOWN). Bash, not sh: it needs bash's /dev/tcp (dash, Debian's and
# Ubuntu's /bin/sh, has none), so the images need neither curl nor wget. Compose calls it with no
# argument: the service images check readiness, the router image (HEALTH_CHECK_PATH=/) its page.
# Usage: health-check [path]     (default $HEALTH_CHECK_PATH, else /q/health/ready; port 8080)
set -u
path="${1:-${HEALTH_CHECK_PATH:-/q/health/ready}}"
exec 3<>"/dev/tcp/127.0.0.1/8080" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$path" >&3
# A hung service must not hang the check: Docker's timeout kills it, `podman healthcheck run` too,
# but a plain `podman exec` caller has no timeout of its own.
IFS= read -r -t 5 status_line <&3 || exit 1
[[ "$status_line" == "HTTP/1."?" 200"* ]]
