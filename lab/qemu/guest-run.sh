#!/usr/bin/env bash
# Second stage inside the harness VM and its PID 1, started by initramfs-init.sh's switch_root
# with the host's root file system (overlaid, writable in memory) as /. Loads IPVS from the
# extracted Debian kernel's module tree, gives the VM a dummy interface whose subnets cover the
# tests' real servers, runs the caller's command and reports its exit status on a virtio-serial
# port.
#
# Usage (by initramfs-init.sh only): guest-run.sh JOBDIR
#   JOBDIR/vars  hk_kdir hk_kver hk_net4 hk_net6 hk_cwd and the array hk_cmd (from run-in-kernel.sh)
#   JOBDIR/env   the caller's exported environment, as 'export NAME=value' lines
#
# Protocol on the port named hk.status, one line: 'hk-exit N' after the command ran, or
# 'hk-error MESSAGE' when the VM could not be prepared (run-in-kernel.sh then exits 125).
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
# PID 1 must not end: the kernel would panic. Power off instead, however this script ends. The
# host's static busybox (a harness requirement) calls reboot(2) directly; sysrq is the fallback.
trap 'echo "hakeeper-qemu: guest-run: ending with status $?"; /bin/busybox poweroff -f; echo o >/proc/sysrq-trigger' EXIT
job="$1"
# shellcheck source=/dev/null
source "$job/vars"
: "${hk_kdir:?}" "${hk_kver:?}" "${hk_net4:?}" "${hk_net6:?}" "${hk_cwd:?}" "${hk_cmd[0]:?}"

# virtio_console announces ports from a work queue, so they may appear a moment after the module
# loaded; wait for them against a deadline. Builtins only: every fork costs milliseconds under TCG.
port() {
    local f name
    for f in /sys/class/virtio-ports/*/name; do
        [ -r "$f" ] || continue
        read -r name <"$f"
        if [ "$name" = "$1" ]; then
            f="${f%/name}"
            REPLY="/dev/${f##*/}"
            return 0
        fi
    done
    return 1
}
deadline=$((SECONDS + 20))
until port hk.status && status="$REPLY" && port hk.stdout && out="$REPLY" && port hk.stderr \
        && err="$REPLY" && [ -c "$status" ] && [ -c "$out" ] && [ -c "$err" ]; do
    if [ "$SECONDS" -ge "$deadline" ]; then
        echo "hakeeper-qemu: guest-run: virtio-serial ports hk.status/hk.stdout/hk.stderr never appeared" >&2
        exit 1
    fi
    sleep 0.05 # polling sysfs: there is no udev here to wait on
done

fail() {
    echo "hk-error $*" >"$status"
    echo "hakeeper-qemu: guest-run: $*" >&2
    exit 1
}
trap 'fail "setup command failed (line $LINENO): $BASH_COMMAND"' ERR

echo hakeeper-vm >/proc/sys/kernel/hostname

# The kernel runs modprobe by itself for modules it wants (an IPVS scheduler named in a service,
# a link type); point it at the extracted module tree, which the host's /lib/modules lacks.
printf '#!/bin/sh\nexec /sbin/modprobe -d %q "$@"\n' "$hk_kdir" >/run/hakeeper-modprobe
chmod 0755 /run/hakeeper-modprobe
echo /run/hakeeper-modprobe >/proc/sys/kernel/modprobe

# IPVS and every scheduler this kernel ships. The list comes from the module tree, so a kernel
# that adds one (twos arrived in 6.2; Debian 12's 6.1 lacks it) gets it loaded too. ip_vs_ftp and
# the persistence engines (ip_vs_pe_*) are helpers, not schedulers.
ipvs_dir="$hk_kdir/lib/modules/$hk_kver/kernel/net/netfilter/ipvs"
schedulers=()
for f in "$ipvs_dir"/ip_vs_*.ko*; do
    m="${f##*/}"
    m="${m%%.ko*}"
    case "$m" in ip_vs_ftp|ip_vs_pe_*) continue ;; esac
    schedulers+=("${m#ip_vs_}")
done
[ "${#schedulers[@]}" -gt 0 ] || fail "no IPVS scheduler modules under $ipvs_dir"
modprobe -d "$hk_kdir" -a ip_vs "${schedulers[@]/#/ip_vs_}" dummy \
    || fail "modprobe of ip_vs/schedulers/dummy from $hk_kdir failed"
# The commands get the list, so tests can cover exactly what this kernel offers.
export HAKEEPER_QEMU_SCHEDULERS="${schedulers[*]}"

# No network device leaves the VM. Addresses matter to IPVS: in a namespace with no IPv4 address
# at all the local routing table does not exist yet and the kernel refuses every IPv4 destination
# (ipvsadm: "address not unicast"). The dummy interface adds a route to the tests' real servers,
# so packets the VM sends them (DR, NAT, TUN) have a way to go, and nothing leaves the VM.
# One ip process for all of it (a fork costs under TCG). nodad: the address is usable at once.
ip -batch - <<EOF
link set lo up
link add hakeeper0 type dummy
link set hakeeper0 up
address add $hk_net4 dev hakeeper0
address add $hk_net6 dev hakeeper0 nodad
EOF
export HAKEEPER_QEMU_IFACE=hakeeper0

trap - ERR
set +e
(
    cd "$hk_cwd" || exit 125
    # shellcheck source=/dev/null
    source "$job/env"
    exec "${hk_cmd[@]}"
) <"/dev/null" >"$out" 2>"$err"
rc=$?
echo "hk-exit $rc" >"$status"
exit 0
