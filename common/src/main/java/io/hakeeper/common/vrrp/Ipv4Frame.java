package io.hakeeper.common.vrrp;

import java.util.Objects;

/**
 * Splits what a Linux IPv4 raw socket for protocol 112 delivers - the IP header followed by the
 * VRRP message - into header fields and payload. IPv6 raw sockets deliver the payload alone, so
 * there is no IPv6 counterpart.
 */
public final class Ipv4Frame {

    /** Minimum IPv4 header: five 32-bit words (RFC 791 section 3.1, IHL). */
    public static final int IPV4_MIN_HEADER_LEN = 20;
    /** IP protocol number of the Authentication Header (RFC 4302 section 2), which keepalived's AH mode puts before VRRP. */
    public static final int IPPROTO_AH = 51;

    private Ipv4Frame() {
    }

    /** {@link #split(byte[], int, int)} over the whole array. */
    public static Ipv4Split split(byte[] packet) {
        return split(packet, 0, packet.length);
    }

    /**
     * Reads the IPv4 header at {@code packet[off..off+len)}. Never throws for any content;
     * {@code off} and {@code len} must lie inside the array.
     */
    public static Ipv4Split split(byte[] packet, int off, int len) {
        Objects.checkFromIndexSize(off, len, packet.length);
        if (len < IPV4_MIN_HEADER_LEN) {
            return reject(RejectReason.IP_TRUNCATED, len + " bytes; an IPv4 header needs at least 20");
        }
        int version = (packet[off] & 0xFF) >>> 4;
        if (version != 4) {
            return reject(RejectReason.IP_BAD_VERSION, "version nibble " + version);
        }
        int headerLength = (packet[off] & 0x0F) * 4;
        if (headerLength < IPV4_MIN_HEADER_LEN) {
            return reject(RejectReason.IP_BAD_IHL, "IHL " + headerLength / 4 + " words; the minimum is 5");
        }
        if (headerLength > len) {
            return reject(RejectReason.IP_TRUNCATED, "header claims " + headerLength + " bytes but " + len
                    + " arrived");
        }
        int totalLength = ((packet[off + 2] & 0xFF) << 8) | (packet[off + 3] & 0xFF);
        if (totalLength > len) {
            return reject(RejectReason.IP_TRUNCATED, "total length " + totalLength + " but " + len + " bytes arrived");
        }
        if (totalLength < headerLength || totalLength != len) {
            return reject(RejectReason.IP_LENGTH_MISMATCH, "total length " + totalLength + ", header " + headerLength
                    + ", received " + len);
        }
        int protocol = packet[off + 9] & 0xFF;
        if (protocol != VrrpProtocol.IPPROTO_VRRP) {
            return reject(RejectReason.IP_WRONG_PROTOCOL, "protocol " + protocol
                    + (protocol == IPPROTO_AH ? " (IPsec AH, keepalived auth_type AH, is not supported)" : ""));
        }
        int ttl = packet[off + 8] & 0xFF;
        Ipv4Header header = new Ipv4Header(headerLength, totalLength, ttl, protocol,
                IpFamily.IPV4.address(packet, off + 12), IpFamily.IPV4.address(packet, off + 16));
        return new Ipv4Split.Ok(header, off + headerLength, totalLength - headerLength);
    }

    private static DecodeResult.Rejected reject(RejectReason reason, String detail) {
        return new DecodeResult.Rejected(reason, detail);
    }
}
