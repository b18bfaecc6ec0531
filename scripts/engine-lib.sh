# Shared by scripts/engine.sh and scripts/podman.sh (sourced): an Engine API on a unix socket.

# True when the engine answers GET /_ping on socket $1.
answers() { curl -fsS --max-time 2 --unix-socket "$1" http://localhost/_ping >/dev/null 2>&1; }

# Wait up to 30 s for socket $1 to answer, then print DOCKER_HOST=unix://$1; else name $2 and show log $3.
wait_answer() {
  for _ in $(seq 1 120); do
    answers "$1" && { echo "DOCKER_HOST=unix://$1"; return 0; }
    sleep 0.25
  done
  echo "$2 did not answer on $1 within 30 s; last log lines:" >&2
  tail -n 20 "$3" >&2
  return 1
}

# Stop process $1: TERM, up to 20 s to exit, then KILL.
stop_pid() {
  kill "$1" 2>/dev/null || true
  for _ in $(seq 1 80); do kill -0 "$1" 2>/dev/null || break; sleep 0.25; done
  kill -9 "$1" 2>/dev/null || true
}
