package io.hakeeper.common.vrrp;

import java.net.InetAddress;

/**
 * VRRP checksums in each {@link ChecksumForm}. The message is summed with its checksum field as
 * found: zero when computing, the received value when verifying.
 *
 * <p>Both pseudo-headers reduce to the same word sum. IPv4 (RFC 5798 section 5.2.8 read with
 * RFC 768's layout, as keepalived builds {@code ipv4_phdr_t}): source (4), destination (4), zero (1),
 * protocol 112 (1), VRRP length (2). IPv6 (RFC 2460 section 8.1): source (16), destination (16),
 * upper-layer length (4), zero (3), next header 112 (1). A VRRP message is far shorter than 64 KiB,
 * so the length sits in one 16-bit word in both, and 112 in another.
 */
final class VrrpChecksum {

    private VrrpChecksum() {
    }

    /** The checksum field value for the message at {@code buf[off..off+len)}, whose checksum bytes must be zero. */
    static int compute(byte[] buf, int off, int len, ChecksumForm form, InetAddress source, InetAddress destination) {
        return InternetChecksum.checksum(sum(buf, off, len, form, source, destination));
    }

    /** Whether the message at {@code buf[off..off+len)}, checksum field in place, verifies under {@code form}. */
    static boolean verifies(byte[] buf, int off, int len, ChecksumForm form, InetAddress source,
                            InetAddress destination) {
        return InternetChecksum.verifies(sum(buf, off, len, form, source, destination));
    }

    private static long sum(byte[] buf, int off, int len, ChecksumForm form, InetAddress source,
                            InetAddress destination) {
        long acc = InternetChecksum.add(0, buf, off, len);
        return switch (form) {
            case V2_MESSAGE, V3_MESSAGE_ONLY -> acc;
            case V3_PSEUDO_HEADER -> acc + pseudoHeader(source, destination, len);
            case V3_PSEUDO_HEADER_MULTICAST_DESTINATION ->
                    acc + pseudoHeader(source, VrrpProtocol.VRRP_MCAST_GROUP4, len);
        };
    }

    private static long pseudoHeader(InetAddress source, InetAddress destination, int vrrpLength) {
        byte[] src = source.getAddress();
        byte[] dst = destination.getAddress();
        long acc = InternetChecksum.add(0, src, 0, src.length);
        acc = InternetChecksum.add(acc, dst, 0, dst.length);
        return acc + VrrpProtocol.IPPROTO_VRRP + vrrpLength;
    }
}
