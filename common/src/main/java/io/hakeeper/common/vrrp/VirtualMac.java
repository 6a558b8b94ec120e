package io.hakeeper.common.vrrp;

import java.util.Objects;

/**
 * The virtual router MAC address of a VRID: 00-00-5E-00-01-{VRID} for IPv4 and 00-00-5E-00-02-{VRID}
 * for IPv6 (RFC 5798 section 7.3; RFC 3768 section 7.3 for IPv4). The master sources its adverts
 * from it, and it is what a {@code use_vmac} interface carries.
 */
public record VirtualMac(IpFamily family, int vrid) {

    /** IANA's OUI 00-00-5E followed by 00, the block both families share (RFC 5798 section 7.3). */
    private static final byte[] IANA_PREFIX = {0x00, 0x00, 0x5E, 0x00};
    /** Fifth byte: 01 for IPv4, 02 for IPv6 (RFC 5798 section 7.3). */
    private static final int IPV4_BLOCK = 0x01;
    private static final int IPV6_BLOCK = 0x02;

    public VirtualMac {
        Objects.requireNonNull(family, "family");
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("VRID " + vrid + " outside 1-255 (RFC 5798 section 5.2.3)");
        }
    }

    /** The six bytes, in wire order. */
    public byte[] bytes() {
        byte[] mac = new byte[6];
        System.arraycopy(IANA_PREFIX, 0, mac, 0, IANA_PREFIX.length);
        mac[4] = (byte) (family == IpFamily.IPV4 ? IPV4_BLOCK : IPV6_BLOCK);
        mac[5] = (byte) vrid;
        return mac;
    }

    /** {@code 00:00:5e:00:01:33}, the form {@code ip link} prints. */
    @Override
    public String toString() {
        byte[] mac = bytes();
        StringBuilder out = new StringBuilder(17);
        for (int i = 0; i < mac.length; i++) {
            if (i > 0) {
                out.append(':');
            }
            out.append(Character.forDigit((mac[i] >> 4) & 0xF, 16)).append(Character.forDigit(mac[i] & 0xF, 16));
        }
        return out.toString();
    }
}
