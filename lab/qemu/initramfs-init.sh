#!/bin/busybox sh
# PID 1 of the harness VM: the /init of the initramfs that run-in-kernel.sh builds. It holds only
# a static busybox and the virtio/9p/overlay modules, because everything else (bash, kmod,
# iproute2, ipvsadm, java, the repository) comes from the host's root file system, shared
# read-only over virtio-9p. This stage mounts that share, makes it writable with an overlay on
# tmpfs (writes stay in the VM's memory) and hands PID 1 over to guest-run.sh inside it, which
# powers the VM off. It reports its own failures on the serial console, which run-in-kernel.sh
# shows when the guest never reported an exit status.

/bin/busybox --install -s /bin
export PATH=/bin

mount -t devtmpfs devtmpfs /dev
# The initramfs has no /dev/console node (building one would need mknod, i.e. root on the host).
exec </dev/console >/dev/console 2>&1
mount -t proc proc /proc
mount -t sysfs sysfs /sys

fail() {
    echo "hakeeper-qemu: init: $*"
    # The host sees no exit status and prints this console log.
    poweroff -f
}

# modules/order lists the modules in dependency order (modprobe --show-depends on the host).
while read -r m; do
    insmod "/modules/$m" || fail "insmod $m failed"
done </modules/order

run=
job=
for arg in $(cat /proc/cmdline); do
    case "$arg" in
        hk.run=*) run="${arg#hk.run=}" ;;
        hk.job=*) job="${arg#hk.job=}" ;;
    esac
done
[ -n "$run" ] && [ -n "$job" ] || fail "kernel command line lacks hk.run= or hk.job="

# cache=loose: the host tree does not change under a run, and it makes the JVM start much faster.
# msize: the largest message virtio-9p takes in this kernel; bigger reads mean fewer round trips.
mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose,msize=512000 hostroot /lower \
    || fail "mounting the host root over 9p failed"
mount -t tmpfs -o mode=0755 tmpfs /rw || fail "tmpfs for the overlay failed"
mkdir -p /rw/upper /rw/work
mount -t overlay -o lowerdir=/lower,upperdir=/rw/upper,workdir=/rw/work overlay /newroot \
    || fail "overlay over the host root failed"

mount --move /dev /newroot/dev
mount --move /proc /newroot/proc
mount --move /sys /newroot/sys
# Fresh runtime state, as after a boot: the host's pid files and sockets mean nothing here.
mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs /newroot/run
mkdir -p /newroot/dev/shm /newroot/dev/pts
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /newroot/dev/shm
mount -t devpts -o gid=5,mode=620,ptmxmode=666 devpts /newroot/dev/pts

# switch_root, not chroot in a child: PID 1 shares its root with the kernel threads, so only this
# way do kernel-started helpers (the module autoloader) run in the new root.
exec switch_root /newroot /bin/bash "$run" "$job"
