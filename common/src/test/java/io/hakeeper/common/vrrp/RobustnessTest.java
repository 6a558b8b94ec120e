package io.hakeeper.common.vrrp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: random bytes and every small corruption of valid packets. The only acceptable
 * outcomes are {@link DecodeResult.Ok} and {@link DecodeResult.Rejected}; where the RFC's checks
 * make a corruption certain to be caught, the test also says it is. The seed is fresh each run and
 * printed with every failure; rerun one with {@code -Dvrrp.seed=N}.
 */
class RobustnessTest {

    static long seed;
    static Random random;
    static long cases;
    static List<RandomAdverts.Sent> valid;

    @BeforeAll
    static void packets() {
        seed = Long.getLong("vrrp.seed", System.nanoTime());
        random = new Random(seed);
        valid = new ArrayList<>();
        valid.add(golden(GoldenPacketsTest.V2_PASS_1111, "192.168.156.136", "224.0.0.18", ChecksumForm.V2_MESSAGE));
        valid.add(golden(GoldenPacketsTest.V2_NO_AUTH, "192.168.0.30", "224.0.0.18", ChecksumForm.V2_MESSAGE));
        valid.add(golden(GoldenPacketsTest.V3_IPV4, "192.168.156.136", "224.0.0.18", ChecksumForm.V3_PSEUDO_HEADER));
        valid.add(golden(GoldenPacketsTest.V3_IPV4_MESSAGE_ONLY, "192.168.156.136", "224.0.0.18",
                ChecksumForm.V3_MESSAGE_ONLY));
        valid.add(golden(GoldenPacketsTest.V3_IPV6, "fe80::1", "ff02::12", ChecksumForm.V3_PSEUDO_HEADER));
        RandomAdverts adverts = new RandomAdverts(random);
        while (valid.size() < 400) {
            RandomAdverts.Sent s = adverts.sent();
            if (s.bytes().length <= 200) { // keeps bit flips and truncations quick; round trips cover big ones
                valid.add(s);
            }
        }
    }

    @AfterAll
    static void report() {
        System.out.println("RobustnessTest: " + cases + " decodes, seed " + seed);
    }

    static RandomAdverts.Sent golden(byte[] bytes, String src, String dst, ChecksumForm form) {
        RxContext rx = Wire.rx(src, dst, 255);
        DecodeResult.Ok ok = (DecodeResult.Ok) VrrpDecoder.decode(bytes, rx);
        return new RandomAdverts.Sent(ok.advert(), rx.source(), rx.destination(), form, bytes);
    }

    /** Decodes, turning any exception into a failure that carries the seed and the bytes. */
    static DecodeResult decode(byte[] buf, int off, int len, RxContext rx, VrrpExpectation expectation) {
        cases++;
        try {
            DecodeResult r = expectation == null
                    ? VrrpDecoder.decode(buf, off, len, rx)
                    : VrrpDecoder.decode(buf, off, len, rx, expectation);
            assertNotNull(r);
            return r;
        } catch (RuntimeException e) {
            throw new AssertionError(where(buf, off, len) + " " + rx + " threw", e);
        }
    }

    static DecodeResult decodeIpv4(byte[] packet) {
        cases++;
        try {
            return assertNotNullResult(VrrpDecoder.decodeIpv4Packet(packet, 0, packet.length));
        } catch (RuntimeException e) {
            throw new AssertionError(where(packet, 0, packet.length) + " threw", e);
        }
    }

    static DecodeResult assertNotNullResult(DecodeResult r) {
        assertNotNull(r);
        return r;
    }

    static String where(byte[] buf, int off, int len) {
        byte[] slice = new byte[len];
        System.arraycopy(buf, off, slice, 0, len);
        return "seed=" + seed + " (rerun with -Dvrrp.seed=" + seed + "), input " + Wire.hex(slice);
    }

    static RxContext randomRx() {
        IpFamily family = random.nextBoolean() ? IpFamily.IPV4 : IpFamily.IPV6;
        byte[] s = new byte[family.addressLength()];
        byte[] d = new byte[family.addressLength()];
        random.nextBytes(s);
        random.nextBytes(d);
        InetAddress dst = random.nextBoolean() ? family.multicastGroup() : family.address(d, 0);
        int ttl = random.nextInt(8) == 0 ? random.nextInt(256) : 255;
        return new RxContext(family.address(s, 0), dst, ttl);
    }

    static byte[] ipv4Packet(RandomAdverts.Sent s) {
        byte[] p = new byte[20 + s.bytes().length];
        p[0] = 0x45;
        p[1] = (byte) 0xc0;
        p[2] = (byte) (p.length >>> 8);
        p[3] = (byte) p.length;
        p[8] = (byte) 255;
        p[9] = 112;
        System.arraycopy(s.source().getAddress(), 0, p, 12, 4);
        System.arraycopy(s.destination().getAddress(), 0, p, 16, 4);
        System.arraycopy(s.bytes(), 0, p, 20, s.bytes().length);
        return p;
    }

    @Test
    void randomBytesNeverThrow() {
        byte[] buf = new byte[1200];
        for (int i = 0; i < 150_000; i++) {
            int len = random.nextInt(50) == 0 ? random.nextInt(buf.length) : random.nextInt(48);
            int off = random.nextInt(buf.length - len + 1);
            random.nextBytes(buf);
            if (len > 0 && random.nextBoolean()) {
                // Get past the version/type check half the time, so the deeper checks see garbage too.
                buf[off] = (byte) (random.nextBoolean() ? 0x21 : 0x31);
            }
            RxContext rx = randomRx();
            VrrpExpectation expectation = random.nextInt(4) == 0
                    ? new VrrpExpectation(1 + random.nextInt(255), 2 + random.nextInt(2), VrrpAuth.password("x"),
                    List.of(), 1 + random.nextInt(255), random.nextBoolean())
                    : null;
            decode(buf, off, len, rx, expectation);
        }
    }

    @Test
    void randomIpv4PacketsNeverThrow() {
        for (int i = 0; i < 50_000; i++) {
            byte[] p = new byte[random.nextInt(80)];
            random.nextBytes(p);
            if (p.length >= 20 && random.nextBoolean()) {
                p[0] = (byte) (0x40 | (p[0] & 0x0F));
                p[2] = (byte) (p.length >>> 8);
                p[3] = (byte) p.length;
                p[9] = 112;
            }
            decodeIpv4(p);
        }
    }

    @Test
    void everyTruncationIsRejectedForItsLength() {
        Set<RejectReason> lengthReasons = EnumSet.of(RejectReason.TOO_SHORT, RejectReason.LENGTH_MISMATCH,
                RejectReason.ADDRESS_COUNT_MISMATCH);
        for (RandomAdverts.Sent s : valid) {
            for (int len = 0; len < s.bytes().length; len++) {
                DecodeResult r = decode(s.bytes(), 0, len, s.rx(), null);
                if (!(r instanceof DecodeResult.Rejected rejected) || !lengthReasons.contains(rejected.reason())) {
                    fail(where(s.bytes(), 0, len) + " truncated to " + len + " gave " + r);
                }
            }
            if (s.advert().family() == IpFamily.IPV4) {
                byte[] p = ipv4Packet(s);
                for (int len = 0; len < p.length; len++) {
                    cases++;
                    Ipv4Split split = Ipv4Frame.split(p, 0, len);
                    assertEquals(RejectReason.IP_TRUNCATED, ((DecodeResult.Rejected) split).reason(),
                            () -> where(p, 0, p.length));
                }
            }
        }
    }

    /**
     * A single flipped bit changes a one's complement sum by a power of two, which is never a
     * multiple of 0xFFFF, so the checksum form the packet was sent with always catches it. Only
     * VRRPv3 over IPv4 has a second form to fall back on, and a flip can, by rare coincidence,
     * land on it; it can never verify under the original form.
     */
    @Test
    void everySingleBitFlipIsCaughtByTheChecksumItWasSentWith() {
        for (RandomAdverts.Sent s : valid) {
            ChecksumForm original = ((DecodeResult.Ok) decode(s.bytes(), 0, s.bytes().length, s.rx(), null))
                    .checksumForm();
            boolean fallbackExists = s.advert().version() == 3 && s.advert().family() == IpFamily.IPV4;
            for (int bit = 0; bit < s.bytes().length * 8; bit++) {
                byte[] p = s.bytes().clone();
                p[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
                DecodeResult r = decode(p, 0, p.length, s.rx(), null);
                if (r instanceof DecodeResult.Ok ok) {
                    int flipped = bit;
                    assertTrue(fallbackExists, () -> where(p, 0, p.length) + " bit " + flipped + " verified: " + ok);
                    assertNotEquals(original, ok.checksumForm(), () -> where(p, 0, p.length));
                }
            }
            if (s.advert().family() == IpFamily.IPV4) {
                byte[] packet = ipv4Packet(s);
                for (int bit = 0; bit < 20 * 8; bit++) {
                    byte[] p = packet.clone();
                    p[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
                    decodeIpv4(p);
                }
            }
        }
    }

    @Test
    void hugeAddressCountsAreRejectedWithOrWithoutAValidChecksum() {
        for (RandomAdverts.Sent s : valid) {
            for (int count : new int[] {0, 1, 2, 127, 128, 254, 255}) {
                if (count == s.advert().addressCount()) {
                    continue;
                }
                byte[] raw = s.bytes().clone();
                raw[3] = (byte) count;
                byte[] fixed = Wire.patched(s.bytes(), 3, count, s.form(), s.rx());
                for (byte[] p : List.of(raw, fixed)) {
                    DecodeResult r = decode(p, 0, p.length, s.rx(), null);
                    assertEquals(RejectReason.ADDRESS_COUNT_MISMATCH, ((DecodeResult.Rejected) r).reason(),
                            () -> where(p, 0, p.length) + " " + r);
                }
            }
        }
    }

    /**
     * Each of the 8 header bytes at each of its 256 values, checksum repaired so the change reaches
     * the field checks. Whatever decodes must re-encode to the same bytes, save the reserved bits
     * VRRPv3 ignores on receipt and AH, which we decode but never send.
     */
    @Test
    void everyHeaderByteAtEveryValueDecodesConsistently() {
        for (RandomAdverts.Sent s : valid) {
            for (int index = 0; index < VrrpProtocol.VRRP_HEADER_LEN; index++) {
                if (index == 6 || index == 7) {
                    continue; // the checksum itself: covered by bit flips
                }
                for (int value = 0; value < 256; value++) {
                    byte[] p = Wire.patched(s.bytes(), index, value, s.form(), s.rx());
                    VrrpExpectation self = random.nextBoolean() ? null : new VrrpExpectation(s.advert().vrid(),
                            s.advert().version(), s.advert().auth(), s.advert().addresses(),
                            s.advert().advertInterval(), false);
                    DecodeResult r = decode(p, 0, p.length, s.rx(), self);
                    if (index == 1 && value == 0) {
                        assertEquals(RejectReason.VRID_ZERO, ((DecodeResult.Rejected) r).reason(), r::toString);
                    }
                    if (r instanceof DecodeResult.Ok ok && ok.advert().auth().type() != VrrpAuth.VRRP_AUTH_AH) {
                        byte[] again = VrrpEncoder.encode(ok.advert(), s.source(), s.destination(), ok.checksumForm());
                        byte[] expected = p.clone();
                        if (ok.advert().version() == 3 && (expected[4] & 0xF0) != 0) {
                            expected = Wire.patched(expected, 4, expected[4] & 0x0F, ok.checksumForm(), s.rx());
                        }
                        assertArrayEquals(expected, again, where(p, 0, p.length));
                    }
                }
            }
        }
    }

    @Test
    void ipv4HeaderFieldsAtTheirEdgesNeverThrow() {
        int[] edges = {0, 1, 4, 5, 0x0f, 0x10, 0x40, 0x45, 0x4f, 0x70, 0x7f, 0x80, 0xfe, 0xff};
        for (RandomAdverts.Sent s : valid) {
            if (s.advert().family() != IpFamily.IPV4) {
                continue;
            }
            byte[] packet = ipv4Packet(s);
            for (int index = 0; index < 20; index++) {
                for (int value : edges) {
                    byte[] p = packet.clone();
                    p[index] = (byte) value;
                    decodeIpv4(p);
                }
            }
        }
    }
}
