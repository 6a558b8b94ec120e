package io.hakeeper.common.vrrp;

import static io.hakeeper.common.vrrp.Wire.hex;
import static io.hakeeper.common.vrrp.Wire.ip;
import static io.hakeeper.common.vrrp.Wire.patched;
import static io.hakeeper.common.vrrp.Wire.rx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** One packet per {@link RejectReason} that is dropped for exactly that reason. */
class RejectionReasonsTest {

    static final byte[] V2 = GoldenPacketsTest.V2_PASS_1111;
    static final RxContext V2_RX = rx("192.168.156.136", "224.0.0.18", 255);
    static final byte[] V3 = GoldenPacketsTest.V3_IPV4;
    static final RxContext V3_RX = GoldenPacketsTest.V3_IPV4_RX;
    static final VrrpExpectation FIXTURE = new VrrpExpectation(51, 2, VrrpAuth.password("1111"),
            List.of(ip("192.168.156.161")), 1, false);

    /** The gopacket capture's IPv4 header in front of V2. */
    static byte[] ipv4(byte[] header20, byte[] payload) {
        return Wire.concat(header20, payload);
    }

    static final byte[] IP_HEADER = hex("45 c0 00 28 00 00 00 00 ff 70 19 cd c0 a8 00 1e e0 00 00 12");

    static Map<RejectReason, Supplier<DecodeResult>> cases() {
        Map<RejectReason, Supplier<DecodeResult>> c = new EnumMap<>(RejectReason.class);
        c.put(RejectReason.IP_TRUNCATED, () -> VrrpDecoder.decodeIpv4Packet(new byte[19], 0, 19));
        c.put(RejectReason.IP_BAD_VERSION, () -> {
            byte[] p = ipv4(IP_HEADER, V2);
            p[0] = 0x65;
            return VrrpDecoder.decodeIpv4Packet(p, 0, p.length);
        });
        c.put(RejectReason.IP_BAD_IHL, () -> {
            byte[] p = ipv4(IP_HEADER, V2);
            p[0] = 0x44;
            return VrrpDecoder.decodeIpv4Packet(p, 0, p.length);
        });
        c.put(RejectReason.IP_LENGTH_MISMATCH, () -> {
            byte[] p = Wire.concat(ipv4(IP_HEADER, V2), new byte[6]); // Ethernet padding left on
            return VrrpDecoder.decodeIpv4Packet(p, 0, p.length);
        });
        c.put(RejectReason.IP_WRONG_PROTOCOL, () -> {
            byte[] p = ipv4(IP_HEADER, V2);
            p[9] = (byte) Ipv4Frame.IPPROTO_AH;
            return VrrpDecoder.decodeIpv4Packet(p, 0, p.length);
        });
        c.put(RejectReason.TOO_SHORT, () -> VrrpDecoder.decode(new byte[] {0x21, 0x33, 0x64}, V2_RX));
        c.put(RejectReason.LENGTH_MISMATCH, () -> VrrpDecoder.decode(Wire.concat(V3, new byte[3]), V3_RX));
        c.put(RejectReason.ADDRESS_COUNT_MISMATCH, () -> VrrpDecoder.decode(patched(V2, 3, 2,
                ChecksumForm.V2_MESSAGE, V2_RX), V2_RX));
        c.put(RejectReason.BAD_VERSION, () -> VrrpDecoder.decode(patched(V2, 0, 0x41, ChecksumForm.V2_MESSAGE,
                V2_RX), V2_RX));
        c.put(RejectReason.BAD_TYPE, () -> VrrpDecoder.decode(patched(V2, 0, 0x22, ChecksumForm.V2_MESSAGE,
                V2_RX), V2_RX));
        c.put(RejectReason.BAD_CHECKSUM, () -> {
            byte[] p = V2.clone();
            p[7] ^= 1;
            return VrrpDecoder.decode(p, V2_RX);
        });
        c.put(RejectReason.BAD_TTL, () -> VrrpDecoder.decode(V2, rx("192.168.156.136", "224.0.0.18", 254)));
        c.put(RejectReason.VRID_ZERO, () -> VrrpDecoder.decode(patched(V2, 1, 0, ChecksumForm.V2_MESSAGE, V2_RX),
                V2_RX));
        c.put(RejectReason.ADVERT_INTERVAL_ZERO, () -> VrrpDecoder.decode(patched(V2, 5, 0,
                ChecksumForm.V2_MESSAGE, V2_RX), V2_RX));
        c.put(RejectReason.AUTH_TYPE_UNKNOWN, () -> VrrpDecoder.decode(patched(V2, 4, 3, ChecksumForm.V2_MESSAGE,
                V2_RX), V2_RX));
        c.put(RejectReason.VRID_MISMATCH, () -> VrrpDecoder.decode(patched(V2, 1, 52, ChecksumForm.V2_MESSAGE,
                V2_RX), 0, V2.length, V2_RX, FIXTURE));
        c.put(RejectReason.VERSION_MISMATCH, () -> VrrpDecoder.decode(V3, 0, V3.length, V3_RX, FIXTURE));
        c.put(RejectReason.AUTH_TYPE_MISMATCH, () -> VrrpDecoder.decode(GoldenPacketsTest.V2_NO_AUTH, 0, 20,
                rx("192.168.0.30", "224.0.0.18", 255),
                new VrrpExpectation(1, 2, VrrpAuth.password("1111"), List.of(ip("192.168.0.1")), 1, false)));
        c.put(RejectReason.PASSWORD_MISMATCH, () -> VrrpDecoder.decode(V2, 0, V2.length, V2_RX,
                new VrrpExpectation(51, 2, VrrpAuth.password("1112"), List.of(ip("192.168.156.161")), 1, false)));
        c.put(RejectReason.ADVERT_INTERVAL_MISMATCH, () -> VrrpDecoder.decode(V2, 0, V2.length, V2_RX,
                new VrrpExpectation(51, 2, VrrpAuth.password("1111"), List.of(ip("192.168.156.161")), 3, false)));
        return c;
    }

    @Test
    void everyRejectReasonHasAPacketThatProducesIt() {
        Map<RejectReason, Supplier<DecodeResult>> cases = cases();
        assertEquals(EnumSet.allOf(RejectReason.class), cases.keySet(), "add a case for each new reason");
        cases.forEach((reason, packet) -> {
            DecodeResult r = packet.get();
            DecodeResult.Rejected rejected = assertInstanceOf(DecodeResult.Rejected.class, r, reason + ": " + r);
            assertEquals(reason, rejected.reason(), rejected::describe);
            assertFalse(rejected.detail().isBlank(), reason + " needs a detail");
            assertFalse(reason.message().isBlank());
        });
    }

    @Test
    void v2WithoutItsAuthenticationTrailerIsTooShort() {
        DecodeResult r = VrrpDecoder.decode(hex("21 33 64 01 01 01 ba 1d c0 a8 9c a1"), V2_RX);
        assertEquals(RejectReason.TOO_SHORT, assertInstanceOf(DecodeResult.Rejected.class, r).reason());
    }

    @Test
    void v2OverIpv6IsABadVersion() {
        DecodeResult r = VrrpDecoder.decode(V2, rx("fe80::1", "ff02::12", 255));
        DecodeResult.Rejected rejected = assertInstanceOf(DecodeResult.Rejected.class, r);
        assertEquals(RejectReason.BAD_VERSION, rejected.reason());
    }

    @Test
    void v3IntervalZeroIsRejectedEvenWithReservedBitsSet() {
        // 0xF0 00: reserved bits all set, Max Adver Int 0. Reserved bits are ignored (RFC 5798 section 5.2.6).
        byte[] p = patched(patched(V3, 4, 0xF0, ChecksumForm.V3_PSEUDO_HEADER, V3_RX), 5, 0,
                ChecksumForm.V3_PSEUDO_HEADER, V3_RX);
        DecodeResult r = VrrpDecoder.decode(p, V3_RX);
        assertEquals(RejectReason.ADVERT_INTERVAL_ZERO, assertInstanceOf(DecodeResult.Rejected.class, r).reason());
    }

    /**
     * scapy's default {@code IPv6()/VRRPv3()} (its "VRRP IPv6 - build" vector) claims one address
     * but carries none; its checksum 0x6a1f is right for those bytes from ::1 to ::1.
     */
    @Test
    void scapyDefaultIpv6AdvertClaimsAnAddressItDoesNotCarry() {
        DecodeResult r = VrrpDecoder.decode(hex("31 01 64 01 00 64 6a 1f"), rx("::1", "::1", 255));
        assertEquals(RejectReason.ADDRESS_COUNT_MISMATCH, assertInstanceOf(DecodeResult.Rejected.class, r).reason());
    }

    @Test
    void addressCountOf255WithOneAddressPresentIsACountMismatch() {
        DecodeResult r = VrrpDecoder.decode(patched(V3, 3, 255, ChecksumForm.V3_PSEUDO_HEADER, V3_RX), V3_RX);
        DecodeResult.Rejected rejected = assertInstanceOf(DecodeResult.Rejected.class, r);
        assertEquals(RejectReason.ADDRESS_COUNT_MISMATCH, rejected.reason());
        assertEquals("count field says 255, the packet carries 1", rejected.detail());
    }

    @Test
    void ttlIsCheckedBeforeAnythingElse() {
        DecodeResult r = VrrpDecoder.decode(new byte[0], rx("fe80::1", "ff02::12", 1));
        DecodeResult.Rejected rejected = assertInstanceOf(DecodeResult.Rejected.class, r);
        assertEquals(RejectReason.BAD_TTL, rejected.reason());
        assertEquals("hop limit 1 from fe80:0:0:0:0:0:0:1; a sender on our link uses 255", rejected.detail());
    }
}
