package io.hakeeper.agent.check.probe;

import java.nio.ByteBuffer;

/**
 * ICMP echo request and reply (RFC 792 for IPv4, RFC 4443 section 4 for IPv6), by hand: type, code,
 * checksum, identifier, sequence number, then our payload. Pure.
 */
final class IcmpEcho {

    /** RFC 792. */
    static final int ICMP_ECHO_REPLY = 0;
    static final int ICMP_DEST_UNREACH = 3;
    static final int ICMP_ECHO = 8;
    /** RFC 4443 section 4.1, 4.2 and 3.1. */
    static final int ICMP6_DST_UNREACH = 1;
    static final int ICMP6_ECHO_REQUEST = 128;
    static final int ICMP6_ECHO_REPLY = 129;
    static final int HEADER_BYTES = 8;

    /** What a received packet is to us. */
    record Received(boolean reply, boolean unreachable, int id, int sequence) {
    }

    private IcmpEcho() {
    }

    static ByteBuffer request(boolean ipv6, int id, int sequence, byte[] payload, ByteBuffer into) {
        into.clear();
        into.put((byte) (ipv6 ? ICMP6_ECHO_REQUEST : ICMP_ECHO)).put((byte) 0).putShort((short) 0)
                .putShort((short) id).putShort((short) sequence).put(payload);
        if (!ipv6) {
            // ICMPv6's checksum covers a pseudo-header and is the kernel's job (RFC 3542 section 3.1).
            into.putShort(2, (short) checksum(into, into.position()));
        }
        return into.flip();
    }

    /** RFC 1071 Internet checksum over {@code b[0..length)} (absolute indices). */
    static int checksum(ByteBuffer b, int length) {
        long sum = 0;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += ((b.get(i) & 0xff) << 8) | (b.get(i + 1) & 0xff);
        }
        if ((length & 1) != 0) {
            sum += (b.get(length - 1) & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    /**
     * Parses what a socket received. An IPv4 raw socket's packets start with the IP header (raw(7));
     * ICMP datagram sockets and IPv6 sockets start at the ICMP header. A destination unreachable
     * carries the start of our request (RFC 792), whose id and sequence we report.
     */
    static Received parse(ByteBuffer p, boolean ipv6, boolean withIpHeader) {
        int off = 0;
        if (withIpHeader) {
            if (p.remaining() < 20) {
                return null;
            }
            off = (p.get(0) & 0x0f) * 4;
        }
        if (p.remaining() < off + HEADER_BYTES) {
            return null;
        }
        int type = p.get(off) & 0xff;
        int replyType = ipv6 ? ICMP6_ECHO_REPLY : ICMP_ECHO_REPLY;
        int unreachType = ipv6 ? ICMP6_DST_UNREACH : ICMP_DEST_UNREACH;
        if (type == replyType) {
            return new Received(true, false, p.getShort(off + 4) & 0xffff, p.getShort(off + 6) & 0xffff);
        }
        if (type == unreachType) {
            // after the 8-byte unreachable header: the original IP header (IPv4: variable, IPv6: 40 bytes)
            int inner = off + HEADER_BYTES;
            int innerIp = ipv6 ? 40 : p.remaining() > inner ? (p.get(inner) & 0x0f) * 4 : 0;
            int echo = inner + innerIp;
            if (innerIp > 0 && p.remaining() >= echo + HEADER_BYTES) {
                return new Received(false, true, p.getShort(echo + 4) & 0xffff, p.getShort(echo + 6) & 0xffff);
            }
        }
        return null;
    }
}
