#!/usr/bin/env bash
# Runs one command inside Debian's stock kernel, with IPVS and all its schedulers loaded, under
# qemu's TCG emulator. The host's root file system is the VM's root (read-only over virtio-9p,
# writable through an overlay in the VM's memory), so the command sees the same paths, tools and
# repository as on the host. Nothing leaves the VM: it has no network device, only a dummy
# interface with the addresses below.
#
# Usage: run-in-kernel.sh [--timeout SECS] [--mem MB] [--smp N] -- CMD [ARGS...]
#   --timeout SECS  kill the VM after SECS seconds of wall time (default 300)
#   --mem MB        guest memory (default 1024)
#   --smp N         virtual CPUs (default 1; TCG runs each on a host thread)
#
# CMD runs as root in the caller's working directory with the caller's exported environment,
# stdin from /dev/null. Its stdout and stderr reach this script's stdout and stderr as it writes
# them, on virtio-serial ports of their own; the kernel's console goes to a log file instead.
#
# Exit status: CMD's own; 124 when the timeout killed the VM; 125 when the VM could not be
# prepared or never reported a status (the console log is shown then).
#
# Environment:
#   HAKEEPER_QEMU_NET4     IPv4 address/prefix of the dummy interface (default 10.200.0.1/16)
#   HAKEEPER_QEMU_NET6     IPv6 address/prefix of the dummy interface (default 2001:db8:200::1/48)
#   HAKEEPER_QEMU_VERBOSE  1: print the guest's console log to stderr after the run
#   HAKEEPER_QEMU_APPEND   extra kernel command line arguments (e.g. "loglevel=7" to debug)
# Inside the VM CMD also gets HAKEEPER_QEMU_SCHEDULERS (the IPVS schedulers loaded, e.g.
# "dh fo lblc ...") and HAKEEPER_QEMU_IFACE (the dummy interface's name).
set -euo pipefail

usage() { sed -n '/^# Usage:/,/^#$/s/^# \{0,1\}//p' "$0" >&2; exit 125; }
die() { echo "run-in-kernel: $*" >&2; exit 125; }

timeout_s=300
mem=1024
smp=1
while [ $# -gt 0 ]; do
    case "$1" in
        --timeout) [ $# -ge 2 ] || usage; timeout_s="$2"; shift 2 ;;
        --mem) [ $# -ge 2 ] || usage; mem="$2"; shift 2 ;;
        --smp) [ $# -ge 2 ] || usage; smp="$2"; shift 2 ;;
        --) shift; break ;;
        -h|--help) usage ;;
        *) echo "run-in-kernel: unexpected '$1' (put the command after --)" >&2; usage ;;
    esac
done
[ $# -gt 0 ] || usage
for n in "$timeout_s" "$mem" "$smp"; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "'$n' is not a positive whole number"
done

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(cd "$here/.." && pwd)/.work/qemu"
net4="${HAKEEPER_QEMU_NET4:-10.200.0.1/16}"
net6="${HAKEEPER_QEMU_NET6:-2001:db8:200::1/48}"
[[ "$net4" =~ ^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+/[0-9]+$ ]] || die "HAKEEPER_QEMU_NET4='$net4' is not an IPv4 address/prefix"
[[ "$net6" =~ ^[0-9A-Fa-f:]+/[0-9]+$ ]] || die "HAKEEPER_QEMU_NET6='$net6' is not an IPv6 address/prefix"

kdir="$("$here/fetch-kernel.sh")" || die "could not prepare the kernel (see above)"
# shellcheck source=/dev/null
source "$kdir/kernel.env" # package, version, kver
: "${kver:?$kdir/kernel.env names no kver}"
vmlinuz="$kdir/boot/vmlinuz-$kver"

# --- initramfs: static busybox, the modules needed to reach the 9p root, and the init script ---
# Cached by content: a new kernel, init script or busybox makes a new one.
modules=(virtio_pci virtio_console 9pnet_virtio 9p overlay)
order="$(modprobe -d "$kdir" -S "$kver" --show-depends -a "${modules[@]}" \
    | awk '$1 == "insmod" && !seen[$2]++ { print $2 }')" \
    || die "cannot resolve the module dependencies of ${modules[*]} in $kdir"
key="$( { cat "$here/initramfs-init.sh"; echo "$kver $order"; sha256sum /bin/busybox; } \
    | sha256sum | cut -c1-16)"
initrd="$work/initramfs/$kver-$key.cpio.gz"
if [ ! -f "$initrd" ]; then
    mkdir -p "$work/initramfs"
    stage="$(mktemp -d "$work/initramfs/.build.XXXXXX")"
    trap 'rm -rf "$stage"' EXIT
    mkdir -p "$stage"/{bin,dev,proc,sys,lower,rw,newroot,modules}
    cp /bin/busybox "$stage/bin/busybox"
    install -m 0755 "$here/initramfs-init.sh" "$stage/init"
    while read -r ko; do
        base="$(basename "$ko")"
        # busybox insmod cannot read compressed modules; newer Debian kernels compress them.
        case "$ko" in
            *.ko.xz) xz -dc "$ko" >"$stage/modules/${base%.xz}"; base="${base%.xz}" ;;
            *.ko.zst) zstd -qdc "$ko" >"$stage/modules/${base%.zst}"; base="${base%.zst}" ;;
            *) cp "$ko" "$stage/modules/$base" ;;
        esac
        echo "$base" >>"$stage/modules/order"
    done <<<"$order"
    (cd "$stage" && find . | cpio -o -H newc -R 0:0 --quiet | gzip -1) >"$initrd.tmp.$$"
    mv "$initrd.tmp.$$" "$initrd"
    rm -rf "$stage"
    trap - EXIT
fi

# --- the job: what the guest runs, read by guest-run.sh over the 9p share ---
mkdir -p "$work/runs"
# Runs ended by SIGKILL leave their directory; a day later nothing can still be using it.
find "$work/runs" -mindepth 1 -maxdepth 1 -mmin +1440 -exec rm -rf {} + 2>/dev/null || true
[[ "$here$work" != *[[:space:]]* ]] || die "the repository path must not contain white space (it goes on the kernel command line)"
run="$(mktemp -d "$work/runs/run.XXXXXX")" # mode 0700: env may hold secrets
{
    printf 'hk_kdir=%q\nhk_kver=%q\nhk_net4=%q\nhk_net6=%q\nhk_cwd=%q\n' \
        "$kdir" "$kver" "$net4" "$net6" "$PWD"
    hk_cmd=("$@")
    declare -p hk_cmd
} >"$run/vars"
# The caller's exported variables, minus those that describe this shell or that the guest sets.
while read -r name; do
    case "$name" in
        _|PWD|OLDPWD|SHLVL|SHELLOPTS|BASHOPTS|BASH_*|HAKEEPER_QEMU_SCHEDULERS|HAKEEPER_QEMU_IFACE) continue ;;
    esac
    printf 'export %s=%q\n' "$name" "${!name}"
done < <(compgen -e) >"$run/env"
mkfifo "$run/stdout" "$run/stderr"
: >"$run/status"

qemu_pid=
readers=()
cleanup() {
    if [ -n "$qemu_pid" ] && kill -0 "$qemu_pid" 2>/dev/null; then
        kill -TERM "$qemu_pid" 2>/dev/null || true
        wait "$qemu_pid" 2>/dev/null || true
    fi
    # A reader blocked in open() (qemu never opened its end) wakes when some writer comes and
    # goes; O_RDWR never blocks on Linux.
    local f fd
    for f in "$run/stdout" "$run/stderr"; do
        [ -p "$f" ] && { exec {fd}<>"$f"; exec {fd}>&-; }
    done
    [ "${#readers[@]}" -gt 0 ] && wait "${readers[@]}" 2>/dev/null || true
    rm -rf "$run"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Readers first: qemu opens each FIFO for writing at start-up and blocks until a reader is there.
cat <"$run/stdout" &
readers+=($!)
cat <"$run/stderr" >&2 &
readers+=($!)

# -accel tcg: KVM is present on the lab hosts but guests hang under it.
# -nodefaults: no NIC, VGA, floppy or default serial; the only channels are the ones below.
# multidevs=remap: the host root spans several file systems; without it inode numbers collide.
# panic=-1 with -no-reboot: a guest that panics ends qemu at once instead of hanging until the timeout.
start_ns="$(date +%s%N)"
timeout --kill-after=5 "$timeout_s" qemu-system-x86_64 \
    -accel tcg -cpu max -m "$mem" -smp "$smp" \
    -nographic -nodefaults -no-reboot -monitor none \
    -serial "file:$run/console.log" \
    -kernel "$vmlinuz" -initrd "$initrd" \
    -append "console=ttyS0 quiet panic=-1 rdinit=/init hk.run=$here/guest-run.sh hk.job=$run ${HAKEEPER_QEMU_APPEND:-}" \
    -fsdev "local,id=hostroot,path=/,security_model=none,readonly=on,multidevs=remap" \
    -device virtio-9p-pci,fsdev=hostroot,mount_tag=hostroot \
    -device virtio-serial-pci,id=hkser \
    -chardev "file,id=hkstatus,path=$run/status" \
    -device virtserialport,bus=hkser.0,chardev=hkstatus,name=hk.status \
    -chardev "file,id=hkstdout,path=$run/stdout" \
    -device virtserialport,bus=hkser.0,chardev=hkstdout,name=hk.stdout \
    -chardev "file,id=hkstderr,path=$run/stderr" \
    -device virtserialport,bus=hkser.0,chardev=hkstderr,name=hk.stderr \
    </dev/null &
qemu_pid=$!
set +e
wait "$qemu_pid"
qemu_rc=$?
set -e
qemu_pid=
# qemu closed both FIFOs when it exited; the readers drain them and end.
wait "${readers[@]}" 2>/dev/null || true
readers=()
elapsed_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))

show_console() {
    echo "run-in-kernel: guest console (last lines of $1):" >&2
    # Without the firmware's terminal escapes (ESC c, ESC [ ... letter) and carriage returns;
    # awk ends the last line, which the console often leaves open.
    tail -n "${2:-40}" "$run/console.log" | sed 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\x1bc//g; s/\r//g' \
        | awk '{ print "  | " $0 }' >&2
}
[ "${HAKEEPER_QEMU_VERBOSE:-0}" = 1 ] && show_console "the log" 1000

status="$(head -n1 "$run/status")"
case "$status" in
    "hk-exit "*)
        [ "${HAKEEPER_QEMU_VERBOSE:-0}" = 1 ] && echo "run-in-kernel: VM ran ${elapsed_ms} ms" >&2
        exit "${status#hk-exit }"
        ;;
    "hk-error "*)
        echo "run-in-kernel: the VM could not be prepared: ${status#hk-error }" >&2
        show_console "the log"
        exit 125
        ;;
esac
if [ "$qemu_rc" -eq 124 ] || [ "$qemu_rc" -eq 137 ]; then
    echo "run-in-kernel: timed out after ${timeout_s} s; the VM was killed (raise --timeout?)" >&2
    show_console "the log" 20
    exit 124
fi
echo "run-in-kernel: the VM stopped (qemu exit $qemu_rc) without reporting an exit status" >&2
show_console "the log"
exit 125
