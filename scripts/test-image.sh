#!/usr/bin/env bash
# Build berth-test/busybox:latest in the engine at $DOCKER_HOST: FROM scratch plus Debian's static
# busybox, about 2 MB with a shell. No registry is reachable on our machines, so images are built, not pulled.
set -euo pipefail
name=${1:-berth-test/busybox:latest}
if docker image inspect "$name" >/dev/null 2>&1; then exit 0; fi
bb=$(command -v busybox || true)
[ -n "$bb" ] || { echo "busybox not found: install busybox-static" >&2; exit 1; }
ctx=$(mktemp -d)
trap 'rm -rf "$ctx"' EXIT
cp "$bb" "$ctx/busybox"
cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
CMD ["/bin/sh"]
DOCKERFILE
DOCKER_BUILDKIT=0 docker build -q -t "$name" "$ctx" >/dev/null
echo "built $name"
