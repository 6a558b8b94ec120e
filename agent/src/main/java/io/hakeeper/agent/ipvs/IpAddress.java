package io.hakeeper.agent.ipvs;

import io.hakeeper.common.config.grammar.IpLiteral;
import java.util.Objects;

/**
 * An IPv4 or IPv6 address as a value: equal when the bits are equal, ordered as ipvsadm orders
 * them (family, then the address as an unsigned big-endian number). IPv4 keeps its 32 bits in the
 * low half of {@code low}; IPv6 keeps bytes 0-7 in {@code high} and 8-15 in {@code low}.
 *
 * <p>{@link #toString()} prints what glibc's {@code inet_ntop} prints, because that is what
 * {@code ipvsadm -Ln} shows: lower-case hex, the longest run of two or more zero groups as
 * "::" (the first such run on a tie), and the last 32 bits dotted for {@code ::a.b.c.d} and
 * {@code ::ffff:a.b.c.d}.
 */
public record IpAddress(AddressFamily family, long high, long low) implements Comparable<IpAddress> {

    public IpAddress {
        Objects.requireNonNull(family, "family");
        if (family == AddressFamily.INET && (high != 0 || (low >>> 32) != 0)) {
            throw new IllegalArgumentException("an IPv4 address has 32 bits");
        }
    }

    /** Parses a literal such as {@code 10.0.0.1} or {@code 2001:db8::1}; never resolves a name. */
    public static IpAddress parse(String text) {
        IpLiteral literal = IpLiteral.parse(text).orElseThrow(
                () -> new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address literal"));
        return ofBytes(literal.bytes());
    }

    /** From 4 or 16 bytes in network order, as netlink carries them. */
    public static IpAddress ofBytes(byte[] b) {
        if (b.length == 4) {
            return new IpAddress(AddressFamily.INET, 0, Integer.toUnsignedLong(bigEndianInt(b, 0)));
        }
        if (b.length == 16) {
            return new IpAddress(AddressFamily.INET6, bigEndianLong(b, 0), bigEndianLong(b, 8));
        }
        throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + b.length);
    }

    public static IpAddress ipv4(int bits) {
        return new IpAddress(AddressFamily.INET, 0, Integer.toUnsignedLong(bits));
    }

    /** The address in network order: 4 or 16 bytes. */
    public byte[] bytes() {
        byte[] out = new byte[family.addressLength()];
        if (family == AddressFamily.INET) {
            for (int i = 0; i < 4; i++) {
                out[i] = (byte) (low >>> (24 - 8 * i));
            }
            return out;
        }
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (high >>> (56 - 8 * i));
            out[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return out;
    }

    /** The same address with {@code delta} added to its low bits (used to walk a group's range). */
    public IpAddress plus(long delta) {
        long next = low + delta;
        if (family == AddressFamily.INET ? (next >>> 32) != 0 : Long.compareUnsigned(next, low) < 0) {
            throw new IllegalArgumentException(this + " + " + delta + " leaves the address space");
        }
        return new IpAddress(family, high, next);
    }

    /** How ipvsadm writes an address with a port: {@code 10.0.0.1:80}, {@code [2001:db8::1]:80}. */
    public String withPort(int port) {
        return family == AddressFamily.INET6 ? "[" + this + "]:" + port : this + ":" + port;
    }

    @Override
    public int compareTo(IpAddress o) {
        int c = Integer.compare(family.value(), o.family.value());
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(high, o.high);
        return c != 0 ? c : Long.compareUnsigned(low, o.low);
    }

    @Override
    public String toString() {
        return family == AddressFamily.INET ? dotted((int) low) : ipv6Text();
    }

    private static String dotted(int bits) {
        return (bits >>> 24) + "." + ((bits >>> 16) & 0xff) + "." + ((bits >>> 8) & 0xff) + "." + (bits & 0xff);
    }

    private String ipv6Text() {
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) (high >>> (48 - 16 * i)) & 0xffff;
            groups[4 + i] = (int) (low >>> (48 - 16 * i)) & 0xffff;
        }
        int runStart = -1;
        int runLength = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int end = i;
            while (end < 8 && groups[end] == 0) {
                end++;
            }
            if (end - i > runLength) {
                runStart = i;
                runLength = end - i;
            }
            i = end;
        }
        if (runLength < 2) {
            runStart = -1;
        }
        boolean embeddedIpv4 = runStart == 0 && (runLength == 6 || (runLength == 5 && groups[5] == 0xffff));
        StringBuilder s = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (runStart >= 0 && i >= runStart && i < runStart + runLength) {
                if (i == runStart) {
                    s.append(':');
                }
                continue;
            }
            if (i != 0) {
                s.append(':');
            }
            if (i == 6 && embeddedIpv4) {
                return s.append(dotted((int) low)).toString();
            }
            s.append(Integer.toHexString(groups[i]));
        }
        if (runStart >= 0 && runStart + runLength == 8) {
            s.append(':');
        }
        return s.toString();
    }

    private static int bigEndianInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    private static long bigEndianLong(byte[] b, int at) {
        return (Integer.toUnsignedLong(bigEndianInt(b, at)) << 32) | Integer.toUnsignedLong(bigEndianInt(b, at + 4));
    }
}
