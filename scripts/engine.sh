#!/usr/bin/env bash
# Start or stop a private dockerd for Berth's tests, so they never touch anyone's containers.
#   scripts/engine.sh start [DIR]   -> prints DOCKER_HOST=unix://DIR/docker.sock once the engine answers
#                                      (BERTH_DATA_ROOT overrides the data-root, default DIR/data)
#   scripts/engine.sh stop  [DIR]   -> stops it by its pid file
#   scripts/engine.sh status [DIR]
# DIR defaults to $BERTH_ENGINE_DIR or /tmp/berth-engine. Flags as in docs/ARCHITECTURE.md:
# own data-root, exec-root, pidfile and socket; no bridge and no iptables, so the host's network is untouched.
set -euo pipefail
cmd=${1:-status}
dir=${2:-${BERTH_ENGINE_DIR:-/tmp/berth-engine}}
sock="$dir/docker.sock"

# shellcheck source=scripts/engine-lib.sh
source "$(dirname "$0")/engine-lib.sh"

case "$cmd" in
  start)
    mkdir -p "$dir"
    if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null && answers "$sock"; then
      echo "DOCKER_HOST=unix://$sock"; exit 0
    fi
    command -v dockerd >/dev/null || { echo "dockerd not found: run scripts/install-deps.sh (as root)" >&2; exit 1; }
    # exec-root must be short: containerd's socket path has a 104-byte limit.
    nohup dockerd --data-root "${BERTH_DATA_ROOT:-$dir/data}" --exec-root "$dir/exec" --pidfile "$dir/pid" \
      -H "unix://$sock" --bridge none --iptables=false --ip-masq=false \
      >"$dir/dockerd.log" 2>&1 &
    wait_answer "$sock" dockerd "$dir/dockerd.log"
    ;;
  stop)
    if [ -f "$dir/pid" ]; then
      pid=$(cat "$dir/pid")
      stop_pid "$pid"
      rm -f "$dir/pid"
    fi
    ;;
  status)
    answers "$sock" && echo "running: unix://$sock" || { echo "not running: $sock"; exit 1; }
    ;;
  *) echo "usage: $0 start|stop|status [DIR]" >&2; exit 2 ;;
esac
