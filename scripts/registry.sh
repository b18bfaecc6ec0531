#!/usr/bin/env bash
# Start or stop a private image registry (Debian's docker-registry, distribution 2.8) with htpasswd
# log-in, on loopback, for Berth's tests. Docker treats 127.0.0.0/8 registries as insecure (plain HTTP)
# by default, so no TLS is needed.
#   scripts/registry.sh start [DIR] -> prints BERTH_TEST_REGISTRY=127.0.0.1:PORT once /v2/ answers
#   scripts/registry.sh stop  [DIR]
# User and password: BERTH_REGISTRY_USER / BERTH_REGISTRY_PASSWORD (default berth / berth-secret).
# Port: BERTH_REGISTRY_PORT (default: a free one).
set -euo pipefail
cmd=${1:-start}
dir=${2:-${BERTH_REGISTRY_DIR:-/tmp/berth-registry}}
user=${BERTH_REGISTRY_USER:-berth}
password=${BERTH_REGISTRY_PASSWORD:-berth-secret}
# shellcheck source=scripts/registry-lib.sh
source "$(dirname "$0")/registry-lib.sh"

case "$cmd" in
  start)
    # A free port unless one is given, so a second registry never answers for this one.
    port=${BERTH_REGISTRY_PORT:-$(free_port)}
    command -v docker-registry >/dev/null || { echo "docker-registry not found: run scripts/install-deps.sh (as root)" >&2; exit 1; }
    command -v htpasswd >/dev/null || { echo "htpasswd not found (apache2-utils): run scripts/install-deps.sh" >&2; exit 1; }
    mkdir -p "$dir/storage"
    htpasswd -Bbc "$dir/htpasswd" "$user" "$password" >/dev/null 2>&1
    write_registry_config "$dir" "$port" <<EOF
  htpasswd:
    realm: berth-test
    path: $dir/htpasswd
EOF
    nohup docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 &
    echo $! >"$dir/pid"
    for _ in $(seq 1 80); do
      kill -0 "$(cat "$dir/pid")" 2>/dev/null || break
      # 401 means it answers and demands log-in.
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/v2/" || true)
      [ "$code" = 401 ] && { echo "BERTH_TEST_REGISTRY=127.0.0.1:$port"; exit 0; }
      sleep 0.25
    done
    echo "docker-registry did not answer on 127.0.0.1:$port within 20 s:" >&2
    tail -n 20 "$dir/registry.log" >&2
    exit 1
    ;;
  stop)
    if [ -f "$dir/pid" ]; then kill "$(cat "$dir/pid")" 2>/dev/null || true; rm -f "$dir/pid"; fi
    ;;
  *) echo "usage: $0 start|stop [DIR]" >&2; exit 2 ;;
esac
