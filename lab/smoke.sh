#!/usr/bin/env bash
# The lab smoke that CI runs after the tests (bin/test): bin/lab demo must fail over with zero
# overlap, and bin/lab down must leave nothing behind: no lab namespaces, no processes in them,
# no run directory. Needs root. Prints how long it took.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
started="$(cut -d' ' -f1 /proc/uptime)"
prefix="${HAKEEPER_LAB_NS_PREFIX:-$(sed -n 's/^LAB_NS_PREFIX=//p' "$root/lab/topology.env")}"
run_dir="${HAKEEPER_LAB_RUN_DIR:-$(sed -n 's/^LAB_RUN_DIR=//p' "$root/lab/topology.env")}"

lab_namespaces() { ip netns list | awk '{print $1}' | grep "^$prefix" || true; }

status=0
"$root/bin/lab" down >/dev/null 2>&1 || true
"$root/bin/lab" demo || { echo "lab smoke: bin/lab demo failed" >&2; status=1; }
namespaces="$(lab_namespaces)"
pids=""
for n in $namespaces; do
    pids="$pids $(ip netns pids "$n")"
done
"$root/bin/lab" down
"$root/bin/lab" down # idempotent
left="$(lab_namespaces)"
if [ -n "$left" ] || [ -e "$run_dir" ]; then
    echo "lab smoke: bin/lab down left namespaces [$left] or $run_dir behind" >&2
    status=1
fi
for pid in $pids; do
    if kill -0 "$pid" 2>/dev/null; then
        echo "lab smoke: process $pid of the lab still runs after bin/lab down" >&2
        status=1
    fi
done
[ -n "$pids" ] || { echo "lab smoke: the lab ran no processes" >&2; status=1; }
ended="$(cut -d' ' -f1 /proc/uptime)"
echo "lab smoke: $([ $status = 0 ] && echo passed || echo FAILED) in $(awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.0f", b - a }') s"
exit $status
