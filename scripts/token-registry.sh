#!/usr/bin/env bash
# Start or stop a private registry with token auth (what Docker Hub, GHCR, GitLab and NGC use), on loopback,
# for Berth's tests: Debian's docker-registry (distribution 2.8) with `auth: token` trusting a throwaway
# self-signed certificate, and the test token server (electron/testing/token-server.ts, run with the tsx
# in node_modules: no network needed) that signs RS256 JWTs with that certificate's key.
#   scripts/token-registry.sh start [DIR] -> once /v2/ answers 401 with a Bearer challenge, prints
#     BERTH_TEST_TOKEN_REGISTRY=127.0.0.1:PORT     the registry
#     BERTH_TEST_TOKEN_REALM=http://127.0.0.1:P/token   the token server (auth.token.realm)
#     BERTH_TEST_TOKEN_CONTROL=http://127.0.0.1:C  the token server's control port (GET/POST /state)
#     BERTH_TEST_TOKEN_USER=…  BERTH_TEST_TOKEN_PASSWORD=…
#   scripts/token-registry.sh stop  [DIR]
# User and password: BERTH_TOKEN_USER / BERTH_TOKEN_PASSWORD (default berth / berth-token-secret).
set -euo pipefail
cmd=${1:-start}
dir=${2:-${BERTH_TOKEN_REGISTRY_DIR:-/tmp/berth-token-registry}}
root=$(cd "$(dirname "$0")/.." && pwd)
export BERTH_TOKEN_USER=${BERTH_TOKEN_USER:-berth}
export BERTH_TOKEN_PASSWORD=${BERTH_TOKEN_PASSWORD:-berth-token-secret}
# shellcheck source=scripts/registry-lib.sh
source "$root/scripts/registry-lib.sh"

stop_pid() { if [ -f "$1" ]; then kill "$(cat "$1")" 2>/dev/null || true; rm -f "$1"; fi; }

case "$cmd" in
  start)
    command -v docker-registry >/dev/null || { echo "docker-registry not found: run scripts/install-deps.sh (as root)" >&2; exit 1; }
    command -v openssl >/dev/null || { echo "openssl not found" >&2; exit 1; }
    [ -x "$root/node_modules/.bin/tsx" ] || { echo "tsx not found in node_modules (npm ci)" >&2; exit 1; }
    mkdir -p "$dir/storage"
    rm -f "$dir/token-server.json"
    # The signing key and its certificate; the registry trusts the certificate (rootcertbundle).
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/key.pem" -out "$dir/cert.pem" -days 2 \
      -subj "/CN=berth-test-token-server" >/dev/null 2>&1
    nohup "$root/node_modules/.bin/tsx" "$root/electron/testing/token-server-cli.ts" "$dir" >"$dir/token-server.log" 2>&1 &
    echo $! >"$dir/token.pid"
    for _ in $(seq 1 120); do
      [ -s "$dir/token-server.json" ] && break
      kill -0 "$(cat "$dir/token.pid")" 2>/dev/null || break
      sleep 0.25
    done
    if [ ! -s "$dir/token-server.json" ]; then
      echo "the token server did not start within 30 s:" >&2; tail -n 20 "$dir/token-server.log" >&2; stop_pid "$dir/token.pid"; exit 1
    fi
    realm=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).realm)' "$dir/token-server.json")
    control=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).control)' "$dir/token-server.json")
    port=${BERTH_TOKEN_REGISTRY_PORT:-$(free_port)}
    # service and issuer as electron/testing/token-server-cli.ts signs them.
    write_registry_config "$dir" "$port" <<EOF
  token:
    realm: $realm
    service: berth-test-registry
    issuer: berth-test-token-server
    rootcertbundle: $dir/cert.pem
EOF
    nohup docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 &
    echo $! >"$dir/registry.pid"
    for _ in $(seq 1 80); do
      kill -0 "$(cat "$dir/registry.pid")" 2>/dev/null || break
      # 401 with a Bearer challenge naming the realm: it answers and sends clients to the token server.
      challenge=$(curl -s -o /dev/null -D - --max-time 2 "http://127.0.0.1:$port/v2/" | tr -d '\r' | grep -i '^www-authenticate:' || true)
      if [[ "$challenge" == *"Bearer realm=\"$realm\""* ]]; then
        printf '%s\n' "BERTH_TEST_TOKEN_REGISTRY=127.0.0.1:$port" "BERTH_TEST_TOKEN_REALM=$realm" "BERTH_TEST_TOKEN_CONTROL=$control" \
          "BERTH_TEST_TOKEN_USER=$BERTH_TOKEN_USER" "BERTH_TEST_TOKEN_PASSWORD=$BERTH_TOKEN_PASSWORD"
        exit 0
      fi
      sleep 0.25
    done
    echo "docker-registry (token auth) did not answer with a Bearer challenge on 127.0.0.1:$port within 20 s:" >&2
    tail -n 20 "$dir/registry.log" >&2
    stop_pid "$dir/registry.pid"; stop_pid "$dir/token.pid"
    exit 1
    ;;
  stop)
    stop_pid "$dir/registry.pid"
    stop_pid "$dir/token.pid"
    ;;
  *) echo "usage: $0 start|stop [DIR]" >&2; exit 2 ;;
esac
