#!/usr/bin/env bash
# Checker engine benchmark: 10,000 real servers with TCP_CHECK at delay_loop 1 against loopback
# listeners (a separate process), in a JVM limited to -Xmx128m. Prints sustained checks/s, the
# checker process's CPU as % of one core and its heap. No root needed.
# Usage: lab/bench-checks.sh [TARGETS] (default 10000)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
exec ./mvnw -B -q -pl agent -am test -Dhakeeper.bench=checks -Dbench.targets="${1:-10000}" \
    -Dtest=CheckRunnerBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx128m
