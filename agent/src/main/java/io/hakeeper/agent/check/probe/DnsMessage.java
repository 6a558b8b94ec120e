package io.hakeeper.agent.check.probe;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The two DNS messages DNS_CHECK needs, by hand (RFC 1035 section 4.1): a query with recursion
 * desired, and the header of the answer. keepalived's check_dns.c passes on an answer with our id,
 * QR set and RCODE 0 (NOERROR), whatever its answer count; anything else with our id fails.
 */
final class DnsMessage {

    /** RFC 1035 section 3.2.2, RFC 3596 (AAAA), RFC 4034 (RRSIG, DNSKEY). */
    static final Map<String, Integer> TYPES = Map.of("A", 1, "NS", 2, "CNAME", 5, "SOA", 6, "MX", 15, "TXT", 16,
            "AAAA", 28, "RRSIG", 46, "DNSKEY", 48);
    static final int HEADER_BYTES = 12;
    private static final int FLAG_QR = 0x8000;
    private static final int FLAG_RD = 0x0100;
    private static final int CLASS_IN = 1;

    private DnsMessage() {
    }

    static byte[] query(int id, String name, String type) {
        Integer qtype = TYPES.get(type.toUpperCase(Locale.ROOT));
        if (qtype == null) {
            throw new IllegalArgumentException("unknown DNS type '" + type + "'; use one of " + TYPES.keySet());
        }
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + name.length() + 2 + 4);
        b.putShort((short) id).putShort((short) FLAG_RD).putShort((short) 1).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0);
        for (String label : name.split("\\.")) {
            if (label.isEmpty()) {
                continue; // "." is the root: just the terminating zero
            }
            byte[] l = label.getBytes(StandardCharsets.US_ASCII);
            if (l.length > 63) {
                throw new IllegalArgumentException("DNS label longer than 63 bytes in '" + name + "'");
            }
            b.put((byte) l.length).put(l);
        }
        b.put((byte) 0).putShort((short) (int) qtype).putShort((short) CLASS_IN);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    /** What an answer's header says, relative to our query id. */
    enum Answer { NOT_OURS, OK, ERROR }

    static Answer judge(ByteBuffer datagram, int id) {
        if (datagram.remaining() < HEADER_BYTES) {
            return Answer.NOT_OURS;
        }
        int p = datagram.position();
        int rid = datagram.getShort(p) & 0xffff;
        int flags = datagram.getShort(p + 2) & 0xffff;
        if (rid != id || (flags & FLAG_QR) == 0) {
            return Answer.NOT_OURS;
        }
        return rcode(datagram) == 0 ? Answer.OK : Answer.ERROR;
    }

    static int rcode(ByteBuffer datagram) {
        return datagram.getShort(datagram.position() + 2) & 0x000f;
    }
}
