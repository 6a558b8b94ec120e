#!/usr/bin/env bash
# The fence's figures (hand-over p50/p95/p99 for SIGTERM, vrrp_script failure and switchover; kill -9
# failover; agent RSS and start-up), measured in network namespaces with real agent processes and a
# real ZooKeeper server. Needs root. Usage: lab/bench-fence.sh [TRIALS] (default 20), or
# lab/bench-fence.sh jitter [ADVERTS] for the advert send jitter of an idle agent (default 100).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/lab/setup-host.sh" test
./mvnw -B -q -DskipTests install
cp="$(./mvnw -B -q -pl agent dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)"
exec java ${BENCH_FLAGS:+"-Dbench.flags=$BENCH_FLAGS"} -cp "agent/target/test-classes:agent/target/classes:common/target/classes:$cp" \
    io.hakeeper.agent.it.FenceBench "${@:-20}"
