#!/usr/bin/env bash
# Images for the layer benchmarks, built once into the bench engine ($DOCKER_HOST):
#  - berth-bench/debian:base  ~200 MB: `debootstrap --variant=minbase bookworm` imported with `docker import`;
#  - berth-bench/debian:app   that base plus a few layers that add, modify and remove files;
#  - berth-bench/synthetic:1g one layer of 200,000 files, 1 GB in all (5,000–5,500 bytes each).
# Needs root (debootstrap) and Debian's mirror (from /etc/apt/sources.list.d).
set -euo pipefail
have() { docker image inspect "$1" >/dev/null 2>&1; }
work=$(mktemp -d /var/tmp/berth-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT

if ! have berth-bench/debian:base; then
  command -v debootstrap >/dev/null || { echo "prepare-images: needs debootstrap (apt-get install debootstrap)" >&2; exit 1; }
  mirror=$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1 | awk '{print $2}')
  mirror=${mirror:-http://deb.debian.org/debian}
  echo "prepare-images: debootstrap bookworm from $mirror"
  debootstrap --variant=minbase bookworm "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
  tar -C "$work/rootfs" -c . | docker import - berth-bench/debian:base >/dev/null
  rm -rf "$work/rootfs"
fi

if ! have berth-bench/debian:app; then
  mkdir -p "$work/app"
  cat >"$work/app/Dockerfile" <<'DOCKERFILE'
FROM berth-bench/debian:base
RUN mkdir -p /opt/app && cp -r /usr/share/locale /opt/app/locale && cp -r /usr/lib/x86_64-linux-gnu/perl-base /opt/app/perl
ENV APP_MODE=bench
RUN rm -rf /usr/share/doc /usr/share/man /opt/app/locale && chmod -R go-w /opt/app && echo 'done' > /opt/app/STAMP
RUN cp /bin/bash /opt/app/bash && rm -rf /var/cache/apt /var/lib/apt/lists
DOCKERFILE
  DOCKER_BUILDKIT=0 docker build -q -t berth-bench/debian:app "$work/app" >/dev/null
fi

if ! have berth-bench/synthetic:1g; then
  echo "prepare-images: generating 200,000 files (1 GB)"
  node -e '
    const fs = require("fs"), path = require("path");
    const root = process.argv[1];
    for (let d = 0; d < 400; d++) {
      const dir = path.join(root, "data", "d" + d);
      fs.mkdirSync(dir, { recursive: true });
      for (let f = 0; f < 500; f++) {
        const n = d * 500 + f;
        fs.writeFileSync(path.join(dir, "f" + f + ".bin"), Buffer.alloc(5000 + (n % 501), n % 251));
      }
    }' "$work/synthetic"
  tar -C "$work/synthetic" -c . | docker import - berth-bench/synthetic:1g >/dev/null
  rm -rf "$work/synthetic"
fi
docker images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep berth-bench/ | grep -v image
