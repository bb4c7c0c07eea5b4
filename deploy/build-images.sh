#!/usr/bin/env bash
# Builds the images of HitOrFlop from the Maven-built apps (run `./mvnw -B -ntp -DskipTests package`
# first): localhost/hitorflop/<image>:<version> for ingest-service, feature-service,
# inference-service, results-service and router (deploy/docker/Dockerfile, one target each).
# Usage: deploy/build-images.sh [--version V] [--pull POLICY] [image...]
#   --version   tag (default: the project version in pom.xml)
#   --pull      podman's base-image pull policy (default missing; CI: never, the stand-ins are local)
# Engine: podman when installed, else docker (override with CONTAINER_ENGINE). Base images: build
# args JAVA_BASE_IMAGE, NGINX_BASE_IMAGE, DEBIAN_BASE_IMAGE (defaults in the Dockerfile) from the
# environment when set, e.g. JAVA_BASE_IMAGE=registry.example/eclipse-temurin:17-jre.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$root/pom.xml" | head -n 1)"
pull=missing
images=()
while (($#)); do
  case "$1" in
    --version) version="$2"; shift 2 ;;
    --pull) pull="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) images+=("$1"); shift ;;
  esac
done
((${#images[@]})) || images=(ingest-service feature-service inference-service results-service router)
engine="${CONTAINER_ENGINE:-$(command -v podman >/dev/null && echo podman || echo docker)}"

for image in "${images[@]}"; do
  [[ "$image" == router || -d "$root/$image/target/quarkus-app" ]] \
    || { echo "build-images: $image/target/quarkus-app is missing: run ./mvnw -B -ntp -DskipTests package" >&2; exit 1; }
done
args=()
[[ "$engine" == *podman* ]] && args+=("--pull=$pull")
for base in JAVA_BASE_IMAGE NGINX_BASE_IMAGE DEBIAN_BASE_IMAGE; do
  [[ -n "${!base:-}" ]] && args+=(--build-arg "$base=${!base}")
done
for image in "${images[@]}"; do
  started=$SECONDS
  "$engine" build "${args[@]}" -f "$root/deploy/docker/Dockerfile" --target "$image" \
    -t "localhost/hitorflop/$image:$version" "$root"
  echo "build-images: localhost/hitorflop/$image:$version in $((SECONDS - started)) s" >&2
done
