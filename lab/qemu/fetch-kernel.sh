#!/usr/bin/env bash
# Makes Debian's stock kernel (the one linux-image-amd64 depends on) and the host tools the VM
# harness needs available, and prints the directory holding the extracted kernel.
#
# Usage: fetch-kernel.sh [--refresh]
#   --refresh  ask apt again which kernel linux-image-amd64 points at (after a Debian point
#              release) instead of reusing the cached one
#
# The kernel is never installed: its .deb is downloaded with apt-get and unpacked with dpkg-deb
# into lab/.work/qemu/kernel/<package>_<version>/, so the host's /boot and /lib/modules stay
# untouched. Progress goes to stderr; stdout carries only the kernel directory, so callers can
# write kdir="$(fetch-kernel.sh)". When everything is cached this runs no apt command at all.
set -euo pipefail

refresh=
case "${1:-}" in
    "") ;;
    --refresh) refresh=1 ;;
    -h|--help) sed -n '2,12s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "fetch-kernel: unknown argument '$1' (usage: fetch-kernel.sh [--refresh])" >&2; exit 2 ;;
esac

lab="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$lab/.work/qemu"
mkdir -p "$work/kernel"

say() { echo "fetch-kernel: $*" >&2; }
die() { say "$*"; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }
installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }

# Two harness runs started at once (parallel test forks, two shells) must not unpack into the
# same directory or run apt-get side by side.
exec 9>"$work/.fetch.lock"
flock 9

apt_updated=
apt_update() {
    [ -n "$apt_updated" ] && return 0
    say "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    apt_updated=1
}

# --- host tools -------------------------------------------------------------------------------
# busybox must be the static build: the initramfs has no C library to link against.
need=()
have qemu-system-x86_64 || need+=(qemu-system-x86)
installed busybox-static || need+=(busybox-static)
have ipvsadm || need+=(ipvsadm)
{ have modprobe && have depmod; } || need+=(kmod)
have cpio || need+=(cpio)
have ip || need+=(iproute2)
have flock || need+=(util-linux)
if [ "${#need[@]}" -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        die "missing packages: ${need[*]}; install them as root (lab/setup-host.sh test does)"
    fi
    apt_update
    say "installing ${need[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

# --- kernel -----------------------------------------------------------------------------------
current="$work/kernel/current"
if [ -z "$refresh" ] && [ -s "$current" ] && [ -f "$work/kernel/$(cat "$current")/.complete" ]; then
    echo "$work/kernel/$(cat "$current")"
    exit 0
fi

# The flavour package (linux-image-6.1.0-NN-amd64) that the meta package depends on right now,
# and its candidate version. Sets pkg, version, name and dir.
pick() {
    pkg="$(apt-cache depends linux-image-amd64 2>/dev/null \
        | sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*-amd64\)$/\1/p' | head -n1)"
    version=
    [ -n "$pkg" ] && version="$(apt-cache policy "$pkg" | sed -n 's/^ *Candidate: //p')"
    [ "$version" = "(none)" ] && version=
    name="${pkg}_${version}"
    dir="$work/kernel/$name"
    [ -n "$pkg" ] && [ -n "$version" ]
}
[ -n "$refresh" ] && apt_update
if ! pick; then
    apt_update
    pick || die "apt cannot tell which kernel linux-image-amd64 depends on (is a Debian mirror in sources.list?)"
fi

if [ ! -f "$dir/.complete" ]; then
    debs="$work/debs"
    mkdir -p "$debs"
    rm -f "$debs"/*.deb # leftovers of an interrupted run would be taken for this download
    say "downloading $pkg $version"
    # As root apt drops to the _apt user for downloads, which cannot write into lab/.work.
    sandbox=()
    [ "$(id -u)" -eq 0 ] && sandbox=(-o APT::Sandbox::User=root)
    if ! (cd "$debs" && apt-get download -qq "${sandbox[@]}" "$pkg=$version" >&2); then
        # A stale package list names a file the mirror no longer has; the fresh list may even
        # name another kernel.
        [ -z "$apt_updated" ] || die "apt-get download $pkg=$version failed"
        apt_update
        pick || die "apt cannot tell which kernel linux-image-amd64 depends on"
        say "downloading $pkg $version"
        (cd "$debs" && apt-get download -qq "${sandbox[@]}" "$pkg=$version" >&2)
    fi
    deb="$(ls "$debs/${pkg}_"*.deb 2>/dev/null | head -n1)"
    [ -f "$deb" ] || die "apt-get download left no .deb for $pkg in $debs"

    # Unpack beside the final place and rename, so an interrupted run never leaves a half tree
    # that looks complete.
    tmp="$(mktemp -d "$work/kernel/.unpack.XXXXXX")"
    trap 'rm -rf "$tmp"' EXIT
    say "unpacking $(basename "$deb")"
    dpkg-deb -x "$deb" "$tmp"
    kver="$(ls "$tmp/lib/modules" | head -n1)"
    [ -n "$kver" ] && [ -f "$tmp/boot/vmlinuz-$kver" ] || die "$deb holds no vmlinuz/modules pair"
    # The package ships no modules.dep (its postinst runs depmod); build one inside the cache
    # tree so 'modprobe -d' in the guest resolves dependencies.
    depmod -b "$tmp" "$kver"
    {
        echo "package=$pkg"
        echo "version=$version"
        echo "kver=$kver"
    } >"$tmp/kernel.env"
    touch "$tmp/.complete"
    rm -rf "$dir"
    mv "$tmp" "$dir"
    trap - EXIT
    rm -f "$deb"
fi

# Older unpacked kernels are kept: a run still booting one must not lose its modules.
echo "$name" >"$current.tmp"
mv "$current.tmp" "$current"
say "kernel $name ready"
echo "$dir"
