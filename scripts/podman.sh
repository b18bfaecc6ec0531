#!/usr/bin/env bash
# Start or stop a private Podman service (Docker-compatible API) for Berth's tests, with its own storage,
# so it never touches anyone's containers.
#   scripts/podman.sh start [DIR]   -> prints DOCKER_HOST=unix://DIR/podman.sock once the service answers
#   scripts/podman.sh stop  [DIR]   -> stops it and the containers it started
#   scripts/podman.sh status [DIR]
# DIR defaults to $BERTH_PODMAN_DIR or /tmp/berth-podman. Containers on these machines need
# nofile/nproc ulimits (docs/ARCHITECTURE.md): they are given as default_ulimits in DIR/containers.conf,
# with its own network configuration folder (DIR/networks).
# Registries named in BERTH_PODMAN_INSECURE (space-separated host:port) are reached over plain HTTP, as
# Docker does by itself for 127.0.0.0/8 (the private test registry).
set -euo pipefail
cmd=${1:-status}
dir=${2:-${BERTH_PODMAN_DIR:-/tmp/berth-podman}}
sock="$dir/podman.sock"
export CONTAINERS_CONF="$dir/containers.conf" CONTAINERS_REGISTRIES_CONF="$dir/registries.conf"
pm() { podman --root "$dir/storage" --runroot "$dir/run" --tmpdir "$dir/tmp" "$@"; }

# shellcheck source=scripts/engine-lib.sh
source "$(dirname "$0")/engine-lib.sh"

case "$cmd" in
  start)
    mkdir -p "$dir/tmp"
    if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null && answers "$sock"; then
      echo "DOCKER_HOST=unix://$sock"; exit 0
    fi
    command -v podman >/dev/null || { echo "podman not found: run scripts/install-deps.sh (as root)" >&2; exit 1; }
    # Networks of its own too: the machine's CNI folder (/etc/cni/net.d) may hold networks someone else
    # made (a `pcp_default` seen here), which would appear in this service's lists.
    mkdir -p "$dir/networks"
    cat >"$CONTAINERS_CONF" <<CONF
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]

[network]
network_config_dir = "$dir/networks"
CONF
    {
      echo 'unqualified-search-registries = ["docker.io"]'
      for r in ${BERTH_PODMAN_INSECURE:-}; do printf '[[registry]]\nlocation = "%s"\ninsecure = true\n' "$r"; done
    } >"$CONTAINERS_REGISTRIES_CONF"
    nohup podman --root "$dir/storage" --runroot "$dir/run" --tmpdir "$dir/tmp" \
      system service --time=0 "unix://$sock" >"$dir/podman.log" 2>&1 &
    echo $! >"$dir/pid"
    wait_answer "$sock" podman "$dir/podman.log"
    ;;
  stop)
    if [ -f "$dir/pid" ]; then
      pid=$(cat "$dir/pid")
      pm rm -af -t 0 >/dev/null 2>&1 || true
      stop_pid "$pid"
      rm -f "$dir/pid"
      # Overlay mounts of the private storage would keep its folder from being removed.
      grep -o " $dir/[^ ]*" /proc/mounts 2>/dev/null | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
    fi
    ;;
  status)
    answers "$sock" && echo "running: unix://$sock" || { echo "not running: $sock"; exit 1; }
    ;;
  *) echo "usage: $0 start|stop|status [DIR]" >&2; exit 2 ;;
esac
