package io.hakeeper.agent.netlink;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An address to put on, renew on, or remove from an interface: what {@code ip addr add
 * ADDRESS/PREFIX dev DEV [brd BRD] [label LABEL] [scope SCOPE] [nodad]} says, less the lifetime,
 * which each call gives separately.
 *
 * @param interfaceIndex the link's ifindex (see {@link RtNetlink#interfaceIndex(String)})
 * @param address        IPv4 or IPv6, built from bytes (never a resolved name)
 * @param prefixLength   0..32 for IPv4, 0..128 for IPv6
 * @param label          IPv4 only: the alias label such as {@code "eth0:1"}, or null. The kernel
 *                       stores up to 15 bytes; {@code ip} requires it to start with the interface
 *                       name, which the caller should check where it knows the name.
 * @param broadcast      IPv4 only: IFA_BROADCAST, or null for none
 * @param scope          usually {@link AddressScope#UNIVERSE}
 * @param noDad          IPv6 only: skip duplicate address detection (IFA_F_NODAD), so the address
 *                       is usable at once; a moving VIP wants this. Ignored for IPv4.
 */
public record AddressSpec(int interfaceIndex, InetAddress address, int prefixLength, String label,
                          InetAddress broadcast, AddressScope scope, boolean noDad) {

    public AddressSpec {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(scope, "scope");
        if (interfaceIndex <= 0) {
            throw new IllegalArgumentException("interface index must be positive, got " + interfaceIndex);
        }
        int maxPrefix = address instanceof Inet4Address ? 32 : 128;
        if (prefixLength < 0 || prefixLength > maxPrefix) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range 0.." + maxPrefix
                    + " for " + address.getHostAddress());
        }
        if (label != null) {
            if (!(address instanceof Inet4Address)) {
                throw new IllegalArgumentException("label '" + label + "' given for IPv6 address "
                        + address.getHostAddress() + ": the kernel keeps labels for IPv4 addresses only");
            }
            int bytes = label.getBytes(StandardCharsets.UTF_8).length;
            if (bytes == 0 || bytes >= IfAddr.IFNAMSIZ) {
                throw new IllegalArgumentException("label '" + label + "' must be 1.." + (IfAddr.IFNAMSIZ - 1)
                        + " bytes long");
            }
        }
        if (broadcast != null && !(address instanceof Inet4Address && broadcast instanceof Inet4Address)) {
            throw new IllegalArgumentException("broadcast " + broadcast.getHostAddress() + " given for "
                    + address.getHostAddress() + ": broadcast addresses exist for IPv4 only");
        }
    }

    /** A global-scope address with no label or broadcast; IPv6 addresses skip DAD. */
    public static AddressSpec of(int interfaceIndex, InetAddress address, int prefixLength) {
        return new AddressSpec(interfaceIndex, address, prefixLength, null, null, AddressScope.UNIVERSE,
                address instanceof Inet6Address);
    }

    public AddressSpec withLabel(String newLabel) {
        return new AddressSpec(interfaceIndex, address, prefixLength, newLabel, broadcast, scope, noDad);
    }

    public AddressSpec withBroadcast(InetAddress newBroadcast) {
        return new AddressSpec(interfaceIndex, address, prefixLength, label, newBroadcast, scope, noDad);
    }

    /** The conventional broadcast: the address with all host bits set (what {@code brd +} means). */
    public AddressSpec withDefaultBroadcast() {
        if (!(address instanceof Inet4Address)) {
            throw new IllegalArgumentException("no broadcast for IPv6 address " + address.getHostAddress());
        }
        byte[] b = address.getAddress();
        int host = prefixLength >= 32 ? 0 : (int) (0xFFFF_FFFFL >>> prefixLength);
        int value = ((b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff)) | host;
        byte[] brd = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        try {
            return withBroadcast(InetAddress.getByAddress(brd));
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError("4 bytes are always a valid IPv4 address", e);
        }
    }

    public AddressSpec withScope(AddressScope newScope) {
        return new AddressSpec(interfaceIndex, address, prefixLength, label, broadcast, newScope, noDad);
    }

    public AddressSpec withNoDad(boolean newNoDad) {
        return new AddressSpec(interfaceIndex, address, prefixLength, label, broadcast, scope, newNoDad);
    }

    public int family() {
        return address instanceof Inet4Address ? Rtnetlink.AF_INET : Rtnetlink.AF_INET6;
    }

    /** {@code "192.0.2.10/24 on ifindex 7"}, for messages. */
    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength + " on ifindex " + interfaceIndex
                + (label != null ? " label " + label : "");
    }
}
