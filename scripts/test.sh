#!/usr/bin/env bash
# `npm test`: typecheck and lint, unit tests, then integration and end-to-end tests against a private
# dockerd this script starts (and stops) in a temporary folder, then the Podman-only integration tests
# (podman-*.int.test.ts) and the end-to-end suite again against a private Podman service (scripts/podman.sh).
# The swarm suites (electron/swarm/) run in the integration step against a private three-node swarm (scripts/swarm.sh).
# Never touches the system engine.
# Engine suites fail under CI=true when no engine can be started, and are skipped loudly elsewhere.
set -uo pipefail
cd "$(dirname "$0")/.."
reports=$(mktemp -d)
status=0
step() { printf '\n=== %s\n' "$*"; }
fail() { echo "FAILED: $*"; status=1; }

step "dependencies"
bash scripts/install-deps.sh || echo "WARNING: some test dependencies are missing (see above)"

step "typecheck and lint"
npm run -s typecheck || fail typecheck
npm run -s lint || fail lint

step "unit tests"
npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$reports/unit.json" || fail "unit tests"

# The private three-node swarm (scripts/swarm.sh, ~16 s) starts in the background beside the other engines;
# the "private swarm" step waits for it. Its folder stays short: containerd's socket path limit.
swarm_dir=$(mktemp -d /tmp/berth-swarm-XXXXXX)
bash scripts/swarm.sh start "$swarm_dir" >"$reports/swarm.env" 2>"$reports/swarm.log" &
swarm_pid=$!
swarm_stop_pid=

step "private engine"
engine_dir=$(mktemp -d /tmp/berth-test-XXXXXX)
registry_dir=$(mktemp -d /tmp/berth-registry-XXXXXX)
token_registry_dir=$(mktemp -d /tmp/berth-token-registry-XXXXXX)
podman_dir=$(mktemp -d /tmp/berth-podman-XXXXXX)
# Stopping what never started is harmless: one cleanup for all of them.
cleanup() {
  # The swarm's start (if never waited for: a reaped pid may be another process's by now) and its stop.
  [ -n "$swarm_pid" ] && kill "$swarm_pid" 2>/dev/null && wait "$swarm_pid" 2>/dev/null
  [ -n "$swarm_stop_pid" ] && wait "$swarm_stop_pid" 2>/dev/null
  bash scripts/swarm.sh stop "$swarm_dir"
  bash scripts/registry.sh stop "$registry_dir"
  bash scripts/token-registry.sh stop "$token_registry_dir"
  bash scripts/engine.sh stop "$engine_dir"
  bash scripts/podman.sh stop "$podman_dir"
  rm -rf "$engine_dir" "$registry_dir" "$token_registry_dir" "$podman_dir" 2>/dev/null  # swarm.sh stop removes its own folder (only once nothing is mounted in it)
}
trap cleanup EXIT
if out=$(bash scripts/engine.sh start "$engine_dir"); then
  export "$out"
  echo "engine: $DOCKER_HOST"
  bash scripts/test-image.sh || fail "test image"
else
  export DOCKER_HOST="unix://$engine_dir/docker.sock"
  if [ "${CI:-}" = true ]; then fail "could not start a private dockerd (engine suites cannot run)"; else echo "WARNING: no private dockerd: engine suites will be SKIPPED"; fi
fi

step "private registry"
if out=$(bash scripts/registry.sh start "$registry_dir"); then
  export "$out"
  echo "registry: $BERTH_TEST_REGISTRY"
else
  if [ "${CI:-}" = true ]; then fail "could not start a private registry"; else echo "WARNING: no private registry: registry suites will be SKIPPED"; fi
fi

step "private registry with token auth"
# docker-registry with `auth: token` and the test token server (electron/testing/token-server.ts): one KEY=VALUE a line.
if out=$(bash scripts/token-registry.sh start "$token_registry_dir"); then
  while IFS= read -r line; do export "$line"; done <<<"$out"
  echo "token registry: $BERTH_TEST_TOKEN_REGISTRY (token server $BERTH_TEST_TOKEN_REALM)"
else
  if [ "${CI:-}" = true ]; then fail "could not start a private registry with token auth"; else echo "WARNING: no token-auth registry: token-registry suites will be SKIPPED"; fi
fi

step "private swarm (three dockerds in their own network namespaces)"
# BERTH_TEST_SWARM_MANAGER, _WORKERS, _NODES, _ADDRS for electron/swarm/*.int.test.ts and e2e/swarm.spec.ts.
swarm_started=0
wait "$swarm_pid" && swarm_started=1
swarm_pid=
if [ $swarm_started = 1 ]; then
  while IFS= read -r line; do export "$line"; done <"$reports/swarm.env"
  echo "swarm: manager $BERTH_TEST_SWARM_MANAGER, workers $BERTH_TEST_SWARM_WORKERS ($(tail -n 1 "$reports/swarm.log"))"
else
  cat "$reports/swarm.log"
  if [ "${CI:-}" = true ]; then fail "could not start a private swarm"; else echo "WARNING: no private swarm: swarm suites will be SKIPPED"; fi
fi

step "integration tests (real engine)"
npx vitest run --project integration --reporter=default --reporter=json --outputFile.json="$reports/integration.json" || fail "integration tests"

step "build"
npx electron-vite build --logLevel warn || fail build

# The packaging check (an unpacked electron-builder build from a stand-in Electron, then its asar, node-pty,
# .desktop entry, icons and fuses checked) is mostly disk work: it runs beside the fuzz suite, its output
# printed after it.
npm run -s package:check >"$reports/package-check.log" 2>&1 &
package_pid=$!

step "fuzz (contract over a real serve process)"
# Every contract method over serve mode's WebSocket, through a counting proxy in front of the private engine
# (electron/fuzz/). The seed is printed; FUZZ_SEED=<seed> replays a run.
npx vitest run --project fuzz --reporter=default --reporter=json --outputFile.json="$reports/fuzz.json" || fail "fuzz"

step "packaging check (scripts/packaging/check.ts)"
wait "$package_pid" || fail "packaging check"
grep -v 'duplicate dependency references' "$reports/package-check.log"

step "end-to-end tests (serve mode in Chromium, real engine)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/e2e.json" npx playwright test --reporter=list,json || fail "end-to-end tests"
# e2e/swarm.spec.ts (the Docker round) was the last to need the swarm: its three dockerds go now (~5-7 s, in the
# background, beside the Podman round) rather than at exit; the cleanup waits for that stop and stops again (harmless).
bash scripts/swarm.sh stop "$swarm_dir" >"$reports/swarm-stop.log" 2>&1 &
swarm_stop_pid=$!
unset BERTH_TEST_SWARM_MANAGER BERTH_TEST_SWARM_WORKERS BERTH_TEST_SWARM_NODES BERTH_TEST_SWARM_ADDRS

step "Podman round: podman-only integration tests, then the end-to-end suite (a private podman system service)"
docker_host=$DOCKER_HOST
if out=$(BERTH_PODMAN_INSECURE="${BERTH_TEST_REGISTRY:-} ${BERTH_TEST_TOKEN_REGISTRY:-}" bash scripts/podman.sh start "$podman_dir"); then
  export "$out"
  echo "podman: $DOCKER_HOST"
  bash scripts/test-image.sh || fail "test image (podman)"
  # Integration files named podman-*.int.test.ts need a Podman engine (podman-compose): they run here, against
  # the Podman service (in the dockerd round they skip, saying so).
  mapfile -t podman_int < <(find electron -name 'podman-*.int.test.ts' | sort)
  if [ ${#podman_int[@]} -gt 0 ]; then
    npx vitest run --project integration --reporter=default --reporter=json --outputFile.json="$reports/integration-podman.json" "${podman_int[@]}" || fail "integration tests (podman)"
  fi
  BERTH_E2E_ROUND=podman PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/e2e-podman.json" npx playwright test --project serve --reporter=list,json || fail "end-to-end tests (podman)"
  bash scripts/podman.sh stop "$podman_dir"
else
  if [ "${CI:-}" = true ]; then fail "could not start a private Podman service"; else echo "WARNING: no podman: the Podman round is SKIPPED"; fi
fi
export DOCKER_HOST=$docker_host

step "summary"
node scripts/test-summary.mjs "$reports" || status=1
rm -rf "$reports"
exit $status
