#!/usr/bin/env bash
# `npm run bench`: each benchmark against its own private dockerd (bench engine, kept between runs in
# $BERTH_BENCH_DIR so the 2,000 containers are created once), results appended to bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BERTH_BENCH_DIR:-/tmp/berth-bench}
export "$(bash scripts/engine.sh start "$dir")"
trap 'bash scripts/engine.sh stop "$dir"' EXIT
bash scripts/test-image.sh
npx electron-vite build --logLevel warn
out=$(mktemp)
for b in lists events; do
  npx tsx "bench/$b.ts" | tee -a "$out"
  echo | tee -a "$out"
done
cat "$out" >> bench/RESULTS.md
rm -f "$out"
