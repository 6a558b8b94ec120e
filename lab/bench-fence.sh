#!/usr/bin/env bash
# The fence's figures (hand-over p50/p95/p99 for SIGTERM, vrrp_script failure and switchover; kill -9
# failover; agent RSS and start-up), measured in network namespaces with real agent processes and a
# real ZooKeeper server. Needs root. Usage: lab/bench-fence.sh [TRIALS] (default 20), or
# lab/bench-fence.sh jitter [ADVERTS] for the advert send jitter of an idle agent (default 100).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
[ "$(id -u)" -eq 0 ] || { echo "bench-fence: needs root (network namespaces): sudo $0 $*" >&2; exit 1; }
"$root/lab/setup-host.sh" test
# The agents run from agent/target/haagent.jar, the bench from the lab's jar (both built here,
# nothing installed into the local Maven repository).
"$root/bin/lab" build
exec java ${BENCH_FLAGS:+"-Dbench.flags=$BENCH_FLAGS"} -cp "$root/lab/target/hakeeper-lab.jar" \
    io.hakeeper.lab.fence.FenceBench "${@:-20}"
