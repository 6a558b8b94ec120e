#!/usr/bin/env bash
# Installs what hakeeper's build, tests and lab need on Debian/Ubuntu, only what is missing.
# Usage: setup-host.sh [java|test|lab]
#   java  a JDK 17+, a downloader for the Maven Wrapper, libpcap for gratuitous ARPs
#   test  java + the tools the tests drive (iproute2; for the real-kernel IPVS tests in lab/qemu:
#         qemu, a static busybox for its initramfs, ipvsadm, kmod, cpio; for the VRRP speaker
#         tests: keepalived to interoperate with, tcpdump and tshark to read the adverts we send;
#         docker-compose to validate docker-compose.yml) + what the lab needs (CI runs its smoke)
#   lab   java + bin/lab's needs: iproute2, kmod, Nginx, curl, keepalived (bench --vs keepalived),
#         nftables (oneway's ingress drop) and iptables (netem's emulation where the kernel has no
#         sch_netem); gcc builds the clock fault's LD_PRELOAD shim when present (not installed here)
# As root it installs with apt-get; otherwise it says what is missing and the tests that need it skip.
set -euo pipefail
what="${1:-test}"

need=()
have() { command -v "$1" >/dev/null 2>&1; }

java_ok() {
    have java || return 1
    local v
    v="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
    [ -n "$v" ] && [ "${v%%.*}" -ge 17 ]
}

java_ok || need+=(openjdk-17-jdk-headless)
have curl || have wget || need+=(curl)
have unzip || need+=(unzip)
# The agent sends gratuitous ARPs / unsolicited NAs through libpcap (pcap4j).
ldconfig -p 2>/dev/null | grep -q 'libpcap\.so\.0\.8' || need+=(libpcap0.8)
if [ "$what" = test ] || [ "$what" = lab ]; then
    have ip || need+=(iproute2)
    have depmod || need+=(kmod)
    # The lab: Nginx (Debian's package) on the real servers, curl for the client, keepalived to
    # compare with.
    have nginx || [ -x /usr/sbin/nginx ] || need+=(nginx)
    have curl || need+=(curl)
    have keepalived || [ -x /usr/sbin/keepalived ] || need+=(keepalived)
    # Fault injection (bin/lab oneway, netem): an nftables netdev ingress chain; iptables-legacy's
    # statistic match and NFQUEUE target where the kernel has no sch_netem.
    have nft || [ -x /usr/sbin/nft ] || need+=(nftables)
    have iptables-legacy || [ -x /usr/sbin/iptables-legacy ] || need+=(iptables)
fi
if [ "$what" = test ]; then
    have qemu-system-x86_64 || need+=(qemu-system-x86)
    # The dynamic busybox also provides /bin/busybox, but the initramfs has no C library.
    [ "$(dpkg-query -W -f='${Status}' busybox-static 2>/dev/null)" = "install ok installed" ] \
        || need+=(busybox-static)
    have ipvsadm || need+=(ipvsadm)
    have cpio || need+=(cpio)
    # VRRP speaker tests: Debian's keepalived (above) is the peer we must interoperate with; tcpdump
    # and tshark decode what we send (tshark also verifies VRRPv3 checksums, tcpdump only v2's).
    have tcpdump || need+=(tcpdump)
    have tshark || need+=(tshark)
    # Checker tests: a certificate for the HTTPS real server (Nginx is installed above).
    have openssl || need+=(openssl)
    # LabComposeTest validates docker-compose.yml with Debian's docker-compose (no engine needed).
    have docker-compose || need+=(docker-compose)
fi

[ "${#need[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "setup-host: missing packages: ${need[*]}; run 'sudo $0 $what' (tests needing them will skip)" >&2
    java_ok || { echo "setup-host: step 'find a JDK 17+' failed: no java 17 or newer on PATH; run 'sudo $0 java'" >&2; exit 1; }
    exit 0
fi
echo "setup-host: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# Packages such as nginx and keepalived start their service on install; the lab runs its own
# instances in namespaces, so tell invoke-rc.d not to start anything (exit 101: action forbidden,
# policy-rc.d(8)) while we install, unless the host already has a policy.
if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
# A failed step ends with one line naming it, the packages and what to run next.
if ! apt-get update -qq >&2; then
    echo "setup-host: step 'apt-get update' failed (output above): check that this machine reaches its" \
        "Debian/Ubuntu mirrors (/etc/apt/sources.list, proxy), then run 'sudo $0 $what' again" >&2
    exit 1
fi
if ! apt-get install -y -qq --no-install-recommends "${need[@]}" >&2; then
    echo "setup-host: step 'apt-get install ${need[*]}' failed (output above): run" \
        "'sudo apt-get install ${need[*]}' to see which package, then 'sudo $0 $what' again" >&2
    exit 1
fi
