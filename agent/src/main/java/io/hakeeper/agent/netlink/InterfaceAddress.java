package io.hakeeper.agent.netlink;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * An address found on an interface, as a dump or an address event reports it.
 *
 * @param interfaceIndex the link's ifindex
 * @param address        the local address (IFA_LOCAL, or IFA_ADDRESS where there is no IFA_LOCAL)
 * @param prefixLength   ifa_prefixlen
 * @param label          IFA_LABEL (IPv4), or "" where the kernel sent none (IPv6)
 * @param broadcast      IFA_BROADCAST, or null
 * @param scope          ifa_scope
 * @param flags          IFA_F_* bits, from IFA_FLAGS when present, else ifa_flags
 * @param remaining      the lifetimes left, from IFA_CACHEINFO ({@link AddressLifetime#FOREVER}
 *                       for permanent addresses or when the kernel sent none)
 */
public record InterfaceAddress(int interfaceIndex, InetAddress address, int prefixLength, String label,
                               InetAddress broadcast, AddressScope scope, int flags, AddressLifetime remaining) {

    public int family() {
        return address instanceof Inet4Address ? Rtnetlink.AF_INET : Rtnetlink.AF_INET6;
    }

    public boolean hasFlag(int flag) {
        return (flags & flag) == flag;
    }

    /** Whether this is the address {@code spec} describes (same link, address and prefix). */
    public boolean matches(AddressSpec spec) {
        return interfaceIndex == spec.interfaceIndex() && prefixLength == spec.prefixLength()
                && address.equals(spec.address());
    }

    /** {@code "192.0.2.10/24"}. */
    public String cidr() {
        return address.getHostAddress() + "/" + prefixLength;
    }

    @Override
    public String toString() {
        return cidr() + " ifindex " + interfaceIndex + (label.isEmpty() ? "" : " label " + label)
                + (broadcast != null ? " brd " + broadcast.getHostAddress() : "") + " scope " + scope
                + " flags 0x" + Integer.toHexString(flags) + " " + remaining;
    }
}
