#!/usr/bin/env bash
# Shell-level proof that run-in-kernel.sh gives a real IPVS kernel and keeps its promises:
#   1. ipvsadm programs a DR service inside the VM and 'ipvsadm -Ln' shows exactly it;
#   2. the command's exit status, stdout and stderr come back separately and unmixed;
#   3. --timeout kills the VM and says so (exit 124);
#   4. modules the kernel asks for by itself (here veth) load from the extracted tree.
# Four VM boots, about 25 s under TCG. Needs root the first time (packages, kernel download).
# Usage: lab/qemu/smoke.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
run="$here/run-in-kernel.sh"
# Download and unpack first, so its progress messages do not count as the commands' stderr.
"$here/fetch-kernel.sh" >/dev/null
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

passed=0
failed=0
pass() { echo "ok   $1"; passed=$((passed + 1)); }
fail() {
    echo "FAIL $1"
    shift
    for f in "$@"; do [ -f "$tmp/$f" ] && { echo "--- $f"; cat "$tmp/$f"; }; done
    failed=$((failed + 1))
}

# 1. A direct-routing service with one real server, as the kernel reports it. Blank runs are
# collapsed: column widths are ipvsadm's layout, not a kernel fact.
rc=0
"$run" -- sh -c 'ipvsadm -A -t 10.200.0.100:80 -s rr; ipvsadm -a -t 10.200.0.100:80 -r 10.200.1.1:80 -g; ipvsadm -Ln' \
    >"$tmp/out" 2>"$tmp/err" || rc=$?
cat >"$tmp/want" <<'EOF'
Prot LocalAddress:Port Scheduler Flags
-> RemoteAddress:Port Forward Weight ActiveConn InActConn
TCP 10.200.0.100:80 rr
-> 10.200.1.1:80 Route 1 0 0
EOF
tail -n +2 "$tmp/out" | sed 's/^ *//; s/ *$//; s/  */ /g' >"$tmp/got"
if [ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ] && head -n1 "$tmp/out" | grep -q '^IP Virtual Server version ' \
        && diff -u "$tmp/want" "$tmp/got" >"$tmp/diff"; then
    pass "ipvsadm programs the guest kernel's IPVS table"
else
    fail "ipvsadm programs the guest kernel's IPVS table (exit $rc)" out err diff
fi

# 2. Exit status and the two streams.
rc=0
"$run" -- sh -c 'echo to-stdout; echo to-stderr >&2; exit 7' >"$tmp/out" 2>"$tmp/err" || rc=$?
if [ "$rc" -eq 7 ] && [ "$(cat "$tmp/out")" = to-stdout ] && [ "$(cat "$tmp/err")" = to-stderr ]; then
    pass "exit status 7, stdout and stderr come back apart"
else
    fail "exit status 7, stdout and stderr come back apart (exit $rc)" out err
fi

# 3. A command that outlives --timeout. Two seconds end the VM before it finishes booting.
rc=0
"$run" --timeout 2 -- sleep 600 >"$tmp/out" 2>"$tmp/err" || rc=$?
if [ "$rc" -eq 124 ] && grep -q 'timed out after 2 s' "$tmp/err"; then
    pass "--timeout kills the VM with exit 124"
else
    fail "--timeout kills the VM with exit 124 (exit $rc)" out err
fi

# 4. The kernel's own module requests ('ip link add type veth' asks for rtnl-link-veth).
rc=0
"$run" -- sh -c 'ip link add hkv0 type veth peer name hkv1 && ip -o link show type veth | wc -l' \
    >"$tmp/out" 2>"$tmp/err" || rc=$?
if [ "$rc" -eq 0 ] && [ "$(cat "$tmp/out")" = 2 ]; then
    pass "the kernel autoloads modules (veth) from the extracted tree"
else
    fail "the kernel autoloads modules (veth) from the extracted tree (exit $rc)" out err
fi

echo "smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
