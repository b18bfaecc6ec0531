#!/usr/bin/env bash
# A ~200 MB Debian-ish image built without any network, for the layer benches (bench/layer-analysis.ts,
# bench/layer-preview.ts): berth-bench/local:app in the engine at $DOCKER_HOST.
#  - base layer: this machine's own Debian files (/etc, shared libraries and /usr/share, files up to 8 MB, cut at ~170 MB) and
#    its static busybox as /bin/sh, imported with `docker import` (real file sizes and counts, like a
#    Debian base image);
#  - then several RUN steps (classic builder) that add, copy, modify (chmod) and remove files.
set -euo pipefail
name=${1:-berth-bench/local:app}
docker image inspect "$name" >/dev/null 2>&1 && exit 0
bb=$(command -v busybox) || { echo "prepare-local-image: needs busybox (busybox-static)" >&2; exit 1; }
work=$(mktemp -d /var/tmp/berth-bench-local-XXXXXX)
trap 'rm -rf "$work"' EXIT
# Regular files of these trees, in a fixed shuffled order (a mix of configs, libraries and data, as in a base
# image), until ~170 MB.
find /etc /usr/lib/x86_64-linux-gnu /usr/share -xdev -type f -readable 2>/dev/null | LC_ALL=C sort | shuf --random-source=<(yes) >"$work/all"
xargs -d '\n' stat -c '%s %n' <"$work/all" >"$work/sized" 2>/dev/null || true
awk '{ if ($1 > 8e6) next; s += $1; if (s > 170e6) exit; sub(/^[0-9]+ /, ""); print }' "$work/sized" >"$work/list"
mkdir -p "$work/root/bin"
tar -C / --no-recursion -T <(sed 's|^/||' "$work/list") -cf - | tar -C "$work/root" -xf -
for a in $("$bb" --list); do [ "$a" = busybox ] || ln -sf busybox "$work/root/bin/$a"; done
rm -f "$work/root/bin/busybox" && cp "$bb" "$work/root/bin/busybox"
tar -C "$work/root" -c . | docker import -c 'CMD ["/bin/sh"]' - "${name%:*}:base" >/dev/null
rm -rf "$work/root"
mkdir -p "$work/ctx"
cat >"$work/ctx/Dockerfile" <<DOCKERFILE
FROM ${name%:*}:base
RUN mkdir -p /opt/app && cp -r /usr/share/locale /opt/app/locale 2>/dev/null; cp -r /usr/share/doc /opt/app/doc 2>/dev/null; true
RUN dd if=/dev/urandom of=/opt/app/blob.bin bs=1M count=16 2>/dev/null && for i in \$(seq 1 200); do echo "line \$i" > /opt/app/f\$i.txt; done
RUN rm -rf /usr/share/man /opt/app/locale && chmod -R go-w /opt/app && echo done > /opt/app/STAMP
RUN cp /bin/busybox /opt/app/busybox && rm -f /opt/app/f1*.txt
DOCKERFILE
DOCKER_BUILDKIT=0 docker build -q -t "$name" "$work/ctx" >/dev/null
docker images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep "^${name%:*}:"
