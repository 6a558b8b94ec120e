package io.hakeeper.common.vrrp;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/** The address family an advert travels in; it fixes how wide each address in the advert is. */
public enum IpFamily {
    IPV4(4),
    IPV6(16);

    private final int addressLength;

    IpFamily(int addressLength) {
        this.addressLength = addressLength;
    }

    /** Bytes per address on the wire. */
    public int addressLength() {
        return addressLength;
    }

    /** The family of {@code address}. */
    public static IpFamily of(InetAddress address) {
        Objects.requireNonNull(address, "address");
        return address instanceof Inet4Address ? IPV4 : IPV6;
    }

    /** The multicast group adverts of this family are sent to. */
    public InetAddress multicastGroup() {
        return this == IPV4 ? VrrpProtocol.VRRP_MCAST_GROUP4 : VrrpProtocol.VRRP_MCAST_GROUP6;
    }

    /**
     * The address stored at {@code buf[off..off+addressLength)}, built from the bytes alone: no name
     * lookup ever happens. IPv6 goes through {@link Inet6Address#getByAddress(String, byte[], int)}
     * because {@link InetAddress#getByAddress(byte[])} turns an IPv4-mapped IPv6 address into an
     * {@link Inet4Address}, which would change the advert's family and its length on re-encoding.
     */
    public InetAddress address(byte[] buf, int off) {
        byte[] raw = new byte[addressLength];
        System.arraycopy(buf, off, raw, 0, addressLength);
        try {
            return this == IPV4 ? InetAddress.getByAddress(raw) : Inet6Address.getByAddress(null, raw, -1);
        } catch (UnknownHostException e) {
            // Only thrown for a wrong array length, which the copy above rules out.
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code address} as a plain address of this family: same bytes, no host name, no IPv6 scope.
     * Adverts carry bare addresses, and equality must not depend on how the caller built them.
     *
     * @throws IllegalArgumentException if {@code address} is of the other family
     */
    public InetAddress canonical(InetAddress address) {
        if (of(address) != this) {
            throw new IllegalArgumentException(address + " is not an " + this + " address");
        }
        return address(address.getAddress(), 0);
    }
}
