#!/usr/bin/env bash
# `npm run bench`: each benchmark against its own private dockerd (bench engine, kept between runs in
# $BERTH_BENCH_DIR so the 2,000 containers are created once), results appended to bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BERTH_BENCH_DIR:-/tmp/berth-bench}
export "$(bash scripts/engine.sh start "$dir")"
# bench/engines also needs a Podman service (its own folder, kept like the engine's).
podman_dir=${BERTH_BENCH_PODMAN_DIR:-/tmp/berth-bench-podman}
# bench/swarm needs a three-node swarm (scripts/swarm.sh; a short folder: containerd's socket path limit).
swarm_dir=${BERTH_BENCH_SWARM_DIR:-/tmp/bsw}
trap 'bash scripts/engine.sh stop "$dir"; bash scripts/podman.sh stop "$podman_dir"; bash scripts/swarm.sh stop "$swarm_dir"' EXIT
while IFS= read -r line; do export "$line"; done < <(bash scripts/swarm.sh start "$swarm_dir")
podman_host=$(bash scripts/podman.sh start "$podman_dir" | sed 's/^DOCKER_HOST=//')
DOCKER_HOST=$podman_host bash scripts/test-image.sh
bash scripts/test-image.sh
bash bench/prepare-images.sh
bash bench/prepare-local-image.sh
npx electron-vite build --logLevel warn
bash bench/build-child.sh bench/layers-child.ts out/bench/layers-child.js
bash bench/build-child.sh bench/sif-child.ts out/bench/sif-child.js
out=$(mktemp)
for b in lists events stacks swarm layers layer-analysis layer-preview sif-export transfer terminal terminal-bare stalled-client engines; do
  BENCH_PODMAN_HOST=$podman_host npx tsx "bench/$b.ts" | tee -a "$out"
  echo | tee -a "$out"
done
cat "$out" >> bench/RESULTS.md
rm -f "$out"
