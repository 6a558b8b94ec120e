package io.hakeeper.common.vrrp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/** Test helpers for writing packets as hex and addresses as literals. */
final class Wire {

    private Wire() {
    }

    /** {@code "21 33 64 01"} to bytes; spaces and line breaks are for the reader. */
    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s+", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    /** An address literal; {@code getByName} does not resolve literals, so no lookup happens. */
    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    static RxContext rx(String source, String destination, int ttl) {
        return new RxContext(ip(source), ip(destination), ttl);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /**
     * {@code packet} with byte {@code index} set to {@code value} and the checksum recomputed under
     * {@code form}, so that checks after the checksum see the change.
     */
    static byte[] patched(byte[] packet, int index, int value, ChecksumForm form, RxContext rx) {
        byte[] out = packet.clone();
        out[index] = (byte) value;
        out[6] = 0;
        out[7] = 0;
        int sum = VrrpChecksum.compute(out, 0, out.length, form, rx.source(), rx.destination());
        out[6] = (byte) (sum >>> 8);
        out[7] = (byte) sum;
        return out;
    }
}
