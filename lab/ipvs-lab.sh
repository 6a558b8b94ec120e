#!/usr/bin/env bash
# The lab where the kernel has IPVS: this host's kernel has none, so this boots Debian's stock
# kernel under QEMU (lab/qemu/run-in-kernel.sh: the host's root shared read-only, IPVS loaded),
# brings the lab up inside it and sends the client's requests to the VIP: with IPVS in DR mode
# they must reach both web01 and web02, not the director. Needs root. Slow (TCG emulation): a few
# minutes. Usage: sudo lab/ipvs-lab.sh [REQUESTS] (default 6)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
requests="${1:-6}"

if [ "${HAKEEPER_IPVS_LAB_INSIDE:-}" != 1 ]; then
    [ "$(id -u)" -eq 0 ] || { echo "ipvs-lab: needs root: sudo $0" >&2; exit 1; }
    "$root/lab/setup-host.sh" test
    # Build on the host (the VM sees the repository through a memory overlay, without network).
    "$root/bin/lab" build
    cd "$root"
    export HAKEEPER_IPVS_LAB_INSIDE=1 HAKEEPER_LAB_WAIT=300
    exec "$root/lab/qemu/run-in-kernel.sh" --timeout 1500 --mem 3072 --smp 2 -- "$root/lab/ipvs-lab.sh" "$requests"
fi

"$root/bin/lab" up
prefix="${HAKEEPER_LAB_NS_PREFIX:-$(sed -n 's/^LAB_NS_PREFIX=//p' "$root/lab/topology.env")}"
vip="$(sed -n 's/^LAB_VIP=//p' "$root/lab/topology.env")"
holder="$("$root/bin/lab" holders)"
# The agent programs IPVS on its own thread after start-up, slowly under emulation: wait for the
# holder's virtual server (monotonic deadline, /proc/uptime) before sending requests.
deadline=$(($(cut -d. -f1 /proc/uptime) + ${HAKEEPER_LAB_WAIT:-300}))
until [[ "$(ip netns exec "$prefix$holder" ipvsadm -Ln 2>/dev/null)" == *"$vip:80"* ]]; do
    [ "$(cut -d. -f1 /proc/uptime)" -lt "$deadline" ] || { echo "ipvs-lab: $holder never programmed IPVS" >&2; break; }
    sleep 1
done
answers=()
for _ in $(seq "$requests"); do
    answers+=("$("$root/bin/lab" curl 2>&1 | head -n1 || true)")
done
echo "client -> VIP, $requests requests: ${answers[*]}"
echo "VIP on: $("$root/bin/lab" holders || true)"
for lb in lb01 lb02; do
    echo "IPVS table of $lb:"
    ip netns exec "$prefix$lb" ipvsadm -Ln || true
    grep -i "ipvs" "/run/hakeeper-lab/$lb/agent.log" | tail -n 3 || true
done
status=0
for web in web01 web02; do
    [[ " ${answers[*]} " == *" $web "* ]] || { echo "ipvs-lab: no answer from $web" >&2; status=1; }
done
"$root/bin/lab" down
echo "ipvs-lab: $([ $status = 0 ] && echo "passed: the VIP reaches web01 and web02 through the holder's IPVS" || echo FAILED)"
exit $status
