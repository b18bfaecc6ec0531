#!/usr/bin/env bash
# A private three-node Docker Swarm for Berth's tests (issue #16): three dockerds, each in its own network
# namespace, joined by veth pairs to a bridge in a fourth namespace. Never touches the host's interfaces,
# routes or firewall: every address (10.213.0.0/24) and every rule lives inside those namespaces.
#   scripts/swarm.sh start DIR   -> prints KEY=VALUE lines once node 1 manages a swarm that nodes 2 and 3 joined
#                                   and each node holds the test image:
#                                     BERTH_TEST_SWARM_MANAGER=unix://DIR/node1/docker.sock
#                                     BERTH_TEST_SWARM_WORKERS=unix://DIR/node2/docker.sock,unix://DIR/node3/docker.sock
#                                     BERTH_TEST_SWARM_NODES=<the three, comma-separated>
#                                     BERTH_TEST_SWARM_ADDRS=10.213.0.11,10.213.0.12,10.213.0.13
#                                   A failed start prints the nodes' last log lines and removes what it made.
#   scripts/swarm.sh stop DIR    -> dockerds stopped by pid, leftover processes under DIR ended by pid, mounts
#                                   under DIR unmounted, namespaces (and with them the veths) deleted, DIR
#                                   removed. Harmless when run twice, or after a failed start.
#   scripts/swarm.sh status DIR
# Namespaces are named berth-sw{br,1,2,3}-<6 hex of sha1(DIR)>, so stop finds them from DIR alone.
# dockerd is started with `nsenter --net=/run/netns/X` (not `ip netns exec`, which remounts /sys: dockerd then
# misses the devices cgroup), and in its own UTS namespace, so each node has its own hostname (berth-swN).
# Flags, checked on Debian's dockerd 20.10.24 (kernel without IPVS):
#   default: --bridge none --iptables=false --ip-masq=false (as scripts/engine.sh). Swarm init/join, raft,
#     gossip, overlay networks across nodes (VXLAN over the veths: tasks ping each other and resolve
#     tasks.<service>), replicated, global and job services all work. Published ports do not answer: the
#     ingress routing mesh needs IPVS (absent from this kernel) and iptables; `mode=host` ports need the bridge
#     driver's iptables rules and docker-proxy.
#   BERTH_SWARM_DOCKERD_FLAGS="--ip-masq=false" (iptables on, default bridge): mode=host ports answer; the rules
#     and docker0 live in each node's namespace only (the host's iptables -S was unchanged here), but the
#     bridge driver then loads br_netfilter where modprobe exists (not here), which changes filtering on the
#     host's own bridges: so not the default. The ingress mesh still needs IPVS.
# DIR must be short: containerd's socket path (under DIR/nodeN/exec) has a 104-byte limit.
# One manager and two workers: enough for roles, spread, drain and worker faults; quorum tests (a manager
# lost) will need three managers (`docker node promote` of nodes 2 and 3).
set -euo pipefail
cmd=${1:-status}
[ -n "${2:-}" ] || { echo "usage: $0 start|stop|status DIR" >&2; exit 2; }
dir=$(realpath -m "$2")
sfx=$(printf %s "$dir" | sha1sum | cut -c1-6)
br_ns="berth-swbr-$sfx"
nodes=(1 2 3)
ns_of() { echo "berth-sw$1-$sfx"; }
addr_of() { echo "10.213.0.1$1"; }
sock_of() { echo "$dir/node$1/docker.sock"; }
dk() { local n=$1; shift; docker -H "unix://$(sock_of "$n")" "$@"; }

# shellcheck source=scripts/engine-lib.sh
source "$(dirname "$0")/engine-lib.sh"

# Engine processes (dockerd, containerd, its shims, runc, docker-proxy) whose command line names DIR: ours
# by their path, ended by pid when dockerd left them behind (a dockerd killed hard leaves its containerd).
pids_under_dir() {
  local p comm args
  for p in /proc/[0-9]*; do
    read -r comm <"$p/comm" 2>/dev/null || continue
    case "$comm" in dockerd|containerd|containerd-shim*|runc|docker-proxy) ;; *) continue ;; esac
    mapfile -d '' args <"$p/cmdline" 2>/dev/null || continue
    [[ " ${args[*]} " == *"$dir/"* ]] && echo "${p#/proc/}"
  done
  return 0
}

# Mount points under DIR, deepest first (/proc/self/mounts escapes spaces as \040: DIR has none we make).
mounts_under_dir() {
  awk -v d="$dir/" 'index($2, d) == 1 { print $2 }' /proc/self/mounts | sort -r
}

stop_all() {
  local n pid f ids root state id pids=()
  for n in "${nodes[@]}"; do
    for f in "$dir/node$n/pid" "$dir/node$n/nsenter.pid"; do
      [ -f "$f" ] && pid=$(cat "$f") && [ -n "$pid" ] && pids+=("$pid")
    done
  done
  # Tasks' containers are killed first: on TERM the swarm agent stops them with their stop grace period
  # (10 s by default), not dockerd's --shutdown-timeout. Bounded, in case a node hangs.
  for n in "${nodes[@]}"; do
    if answers "$(sock_of "$n")"; then
      ids=$(timeout 10 docker -H "unix://$(sock_of "$n")" ps -q 2>/dev/null || true)
      [ -n "$ids" ] && { timeout 10 docker -H "unix://$(sock_of "$n")" kill $ids >/dev/null 2>&1 || true; } &
    fi
  done
  wait
  # All nodes at once (each stops its tasks' containers within --shutdown-timeout), then wait for each.
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do stop_pid "$pid"; done
  # A dockerd that died hard leaves its containers running: runc (whose state is under each exec-root) kills
  # and deletes them, before their shims go (a shim ended first would orphan its container's processes).
  for root in "$dir"/node*/exec/runtime-runc/moby; do
    [ -d "$root" ] || continue
    for state in "$root"/*/state.json; do
      [ -f "$state" ] || continue
      id=$(basename "$(dirname "$state")")
      runc --root "$root" delete --force "$id" >/dev/null 2>&1 || true
    done
  done
  for pid in $(pids_under_dir); do stop_pid "$pid"; done
  for m in $(mounts_under_dir); do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
  for n in "${nodes[@]}"; do ip netns delete "$(ns_of "$n")" 2>/dev/null || true; done
  ip netns delete "$br_ns" 2>/dev/null || true
  [ -z "$(mounts_under_dir)" ] && rm -rf --one-file-system "$dir"
  return 0
}

fail_start() {
  echo "swarm start failed: $*" >&2
  for n in "${nodes[@]}"; do
    [ -f "$dir/node$n/dockerd.log" ] && { echo "--- node $n (last log lines)" >&2; tail -n 15 "$dir/node$n/dockerd.log" >&2; }
  done
  stop_all
  exit 1
}

case "$cmd" in
  start)
    command -v dockerd >/dev/null || { echo "dockerd not found: run scripts/install-deps.sh (as root)" >&2; exit 1; }
    [ "$(id -u)" = 0 ] || { echo "swarm.sh needs root (ip netns, nsenter)" >&2; exit 1; }
    # An empty DIR (mktemp -d) is fine; one with nodes in it, or namespaces of this DIR, are not.
    if [ -n "$(ls -A "$dir" 2>/dev/null)" ] || ip netns list | grep -q -- "-$sfx\b"; then
      echo "$dir is not empty or its namespaces exist: run '$0 stop $dir' first" >&2; exit 1
    fi
    t0=$(date +%s%N)
    mkdir -p "$dir"
    # The network: a bridge in its own namespace; each node's eth0 is one end of a veth whose peer is on it.
    ip netns add "$br_ns" || fail_start "ip netns add $br_ns"
    ip -n "$br_ns" link set lo up
    ip -n "$br_ns" link add br0 type bridge
    ip -n "$br_ns" link set br0 up
    for n in "${nodes[@]}"; do
      ns=$(ns_of "$n")
      ip netns add "$ns" || fail_start "ip netns add $ns"
      ip -n "$ns" link add eth0 type veth peer name "n$n" netns "$br_ns" || fail_start "veth for node $n"
      ip -n "$br_ns" link set "n$n" master br0 up
      ip -n "$ns" addr add "$(addr_of "$n")/24" dev eth0
      ip -n "$ns" link set eth0 up
      ip -n "$ns" link set lo up
    done
    for n in "${nodes[@]}"; do
      d="$dir/node$n"
      mkdir -p "$d"
      # unshare and sh exec, so $! is dockerd's pid.
      nohup nsenter --net="/run/netns/$(ns_of "$n")" unshare --uts sh -c 'hostname "$0" && exec "$@"' "berth-sw$n" \
        dockerd --data-root "$d/data" --exec-root "$d/exec" --pidfile "$d/pid" -H "unix://$d/docker.sock" \
        ${BERTH_SWARM_DOCKERD_FLAGS:---bridge none --iptables=false --ip-masq=false} --shutdown-timeout 2 \
        >"$d/dockerd.log" 2>&1 &
      echo $! >"$d/nsenter.pid"
    done
    # Up to 30 s for the three to answer; a dockerd that exits (bad flag, busy port) fails the start at once.
    waiting=("${nodes[@]}")
    for _ in $(seq 1 120); do
      left=()
      for n in "${waiting[@]}"; do
        answers "$(sock_of "$n")" && continue
        kill -0 "$(cat "$dir/node$n/nsenter.pid")" 2>/dev/null || fail_start "dockerd of node $n exited"
        left+=("$n")
      done
      waiting=("${left[@]}")
      [ ${#waiting[@]} = 0 ] && break
      sleep 0.25
    done
    [ ${#waiting[@]} = 0 ] || fail_start "node(s) ${waiting[*]} did not answer within 30 s"
    t_engines=$(date +%s%N)
    dk 1 swarm init --advertise-addr "$(addr_of 1)" --listen-addr "$(addr_of 1):2377" >/dev/null || fail_start "swarm init"
    token=$(dk 1 swarm join-token -q worker) || fail_start "join-token"
    # The two joins and the test image's build (on node 1) at once; then the image saved once, loaded into both.
    join_pids=()
    for n in 2 3; do
      dk "$n" swarm join --token "$token" --advertise-addr "$(addr_of "$n")" --listen-addr "$(addr_of "$n"):2377" \
        "$(addr_of 1):2377" >/dev/null 2>>"$dir/node$n/dockerd.log" &
      join_pids+=($!)
    done
    DOCKER_HOST="unix://$(sock_of 1)" bash "$(dirname "$0")/test-image.sh" >>"$dir/node1/dockerd.log" 2>&1 || fail_start "test image"
    for i in 0 1; do wait "${join_pids[$i]}" || fail_start "swarm join of node $((i + 2))"; done
    t_swarm=$(date +%s%N)
    dk 1 save -o "$dir/image.tar" berth-test/busybox:latest || fail_start "image save"
    load_pids=()
    for n in 2 3; do dk "$n" load -q -i "$dir/image.tar" >/dev/null 2>>"$dir/node$n/dockerd.log" & load_pids+=($!); done
    for i in 0 1; do wait "${load_pids[$i]}" || fail_start "image load into node $((i + 2))"; done
    rm -f "$dir/image.tar"
    # Ready when the manager sees three Ready nodes (joins are synchronous, the heartbeat may lag): 30 s at most.
    for _ in $(seq 1 120); do
      [ "$(dk 1 node ls --format '{{.Status}}' | grep -c '^Ready$')" = 3 ] && break
      sleep 0.25
    done
    [ "$(dk 1 node ls --format '{{.Status}}' | grep -c '^Ready$')" = 3 ] || fail_start "the manager does not see three Ready nodes"
    echo "BERTH_TEST_SWARM_MANAGER=unix://$(sock_of 1)"
    echo "BERTH_TEST_SWARM_WORKERS=unix://$(sock_of 2),unix://$(sock_of 3)"
    echo "BERTH_TEST_SWARM_NODES=unix://$(sock_of 1),unix://$(sock_of 2),unix://$(sock_of 3)"
    echo "BERTH_TEST_SWARM_ADDRS=$(addr_of 1),$(addr_of 2),$(addr_of 3)"
    ms() { echo $(( ($2 - $1) / 1000000 )); }
    t_end=$(date +%s%N)
    echo "swarm of 3 nodes ready in $(ms "$t0" "$t_end") ms (engines $(ms "$t0" "$t_engines"), init, joins and image build $(ms "$t_engines" "$t_swarm"), image loads and Ready $(ms "$t_swarm" "$t_end"))" >&2
    ;;
  stop)
    stop_all
    ;;
  status)
    for n in "${nodes[@]}"; do
      if answers "$(sock_of "$n")"; then echo "node $n: $(dk "$n" info --format '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}')"; else echo "node $n: not running"; fi
    done
    ;;
  *) echo "usage: $0 start|stop|status DIR" >&2; exit 2 ;;
esac
