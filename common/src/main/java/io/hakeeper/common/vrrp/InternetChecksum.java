package io.hakeeper.common.vrrp;

/**
 * The Internet checksum of RFC 1071: the 16-bit one's complement of the one's complement sum of
 * big-endian 16-bit words. The sum is kept unfolded in a {@code long} so pseudo-header and message
 * can be added in any order and folded once.
 */
final class InternetChecksum {

    private InternetChecksum() {
    }

    /** {@code acc} plus the words of {@code buf[off..off+len)}; an odd last byte counts as the high half of a last word, as RFC 1071 section 4.1's code adds it. */
    static long add(long acc, byte[] buf, int off, int len) {
        int end = off + len;
        int i = off;
        for (; i + 1 < end; i += 2) {
            acc += ((buf[i] & 0xFF) << 8) | (buf[i + 1] & 0xFF);
        }
        if (i < end) {
            acc += (buf[i] & 0xFF) << 8;
        }
        return acc;
    }

    /** The one's complement sum: carries added back in until it fits 16 bits. */
    static int fold(long acc) {
        while ((acc >>> 16) != 0) {
            acc = (acc & 0xFFFF) + (acc >>> 16);
        }
        return (int) acc;
    }

    /** The value to put in a checksum field whose words (field as zero) sum to {@code acc}. */
    static int checksum(long acc) {
        return ~fold(acc) & 0xFFFF;
    }

    /**
     * Whether words summed with the checksum field in place verify. Adding the checksum back gives
     * all ones; receivers test that rather than recompute and compare, so 0x0000 and 0xFFFF
     * (the two one's complement zeros) are both accepted, as keepalived's {@code in_csum} does.
     */
    static boolean verifies(long acc) {
        return fold(acc) == 0xFFFF;
    }
}
