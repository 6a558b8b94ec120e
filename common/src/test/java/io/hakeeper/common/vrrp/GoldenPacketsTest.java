package io.hakeeper.common.vrrp;

import static io.hakeeper.common.vrrp.Wire.hex;
import static io.hakeeper.common.vrrp.Wire.ip;
import static io.hakeeper.common.vrrp.Wire.rx;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Packets written out byte by byte. Each expected checksum was summed by hand from the RFC's
 * layout (the sum is in the comment: 16-bit words, carries folded back, then complemented,
 * RFC 1071) and cross-checked with a scratch script outside the repository. Where public material
 * has the same packet - a tcpdump capture, keepalived's own debug log, scapy's regression vectors -
 * a second test decodes that too, so a shared misreading of the RFC by us and our arithmetic
 * cannot pass unnoticed.
 */
class GoldenPacketsTest {

    // --- VRRPv2, auth_type PASS, auth_pass 1111, VRID 51, priority 100: the project's keepalived fixtures ---

    /*
     * 21           version 2, type 1 ADVERTISEMENT (RFC 3768 sections 5.3.1-5.3.2)
     * 33           VRID 51
     * 64           priority 100
     * 01           one address
     * 01           Auth Type 1, simple text password (RFC 2338 section 5.3.6.1)
     * 01           Adver Int 1 s
     * ba 1d        checksum over the message only (RFC 3768 section 5.3.8):
     *              2133 + 6401 + 0101 + c0a8 + 9ca1 + 3131 + 3131 + 0000 + 0000 = 0x245e0
     *              fold 0x45e0 + 0x2 = 0x45e2, complement 0xba1d
     * c0 a8 9c a1  192.168.156.161, the fixtures' virtual_ipaddress
     * 31 31 31 31 00 00 00 00   "1111", zero-padded to 8 as keepalived's vrrp_auth_pass_handler does
     */
    static final byte[] V2_PASS_1111 = hex("21 33 64 01 01 01 ba 1d c0 a8 9c a1 31 31 31 31 00 00 00 00");

    static final VrrpAdvert V2_PASS_1111_ADVERT =
            VrrpAdvert.v2(51, 100, 1, VrrpAuth.password("1111"), List.of(ip("192.168.156.161")));

    @Test
    void v2PasswordAdvertEncodesAsKeepalivedFixturesSendIt() {
        byte[] out = VrrpEncoder.encode(V2_PASS_1111_ADVERT, ip("192.168.156.136"), ip("224.0.0.18"));
        assertArrayEquals(V2_PASS_1111, out, () -> hex(out));
    }

    @Test
    void v2PasswordAdvertDecodesAndMatchesTheFixtureConfig() {
        VrrpExpectation fixture = new VrrpExpectation(51, 2, VrrpAuth.password("1111"),
                List.of(ip("192.168.156.161")), 1, false);
        DecodeResult r = VrrpDecoder.decode(V2_PASS_1111, 0, V2_PASS_1111.length,
                rx("192.168.156.136", "224.0.0.18", 255), fixture);
        DecodeResult.Ok ok = assertInstanceOf(DecodeResult.Ok.class, r, r::toString);
        assertEquals(V2_PASS_1111_ADVERT, ok.advert());
        assertEquals(ChecksumForm.V2_MESSAGE, ok.checksumForm());
        assertEquals(List.of(), ok.findings());
        assertEquals(VrrpAuth.VRRP_AUTH_PASS, ok.advert().auth().type());
        assertArrayEquals(hex("31 31 31 31 00 00 00 00"), ok.advert().auth().data());
    }

    // --- VRRPv2, no authentication ---

    /*
     * 21 01 64 01  version 2 type 1, VRID 1, priority 100, one address
     * 00 01        Auth Type 0, Adver Int 1 s
     * ba 52        2101 + 6401 + 0001 + c0a8 + 0001 = 0x145ac; fold 0x45ad; complement 0xba52
     * c0 a8 00 01  192.168.0.1
     * 00 x 8       Authentication Data, zero (RFC 3768 section 5.3.10)
     */
    static final byte[] V2_NO_AUTH = hex("21 01 64 01 00 01 ba 52 c0 a8 00 01 00 00 00 00 00 00 00 00");

    @Test
    void v2NoAuthAdvertEncodesToHandBuiltBytes() {
        VrrpAdvert advert = VrrpAdvert.v2(1, 100, 1, VrrpAuth.NONE, List.of(ip("192.168.0.1")));
        byte[] out = VrrpEncoder.encode(advert, ip("192.168.0.30"), ip("224.0.0.18"));
        assertArrayEquals(V2_NO_AUTH, out, () -> hex(out));
        DecodeResult.Ok ok = assertInstanceOf(DecodeResult.Ok.class,
                VrrpDecoder.decode(V2_NO_AUTH, rx("192.168.0.30", "224.0.0.18", 255)));
        assertEquals(advert, ok.advert());
    }

    /**
     * The same advert from a real wire capture: gopacket's {@code layers/vrrp_test.go}
     * ("IP 192.168.0.30 > 224.0.0.18: VRRPv2, Advertisement, vrid 1, prio 100, authtype none,
     * intvl 1s, length 20"). Ethernet header and trailer padding removed; what is left is what an
     * IPv4 raw socket delivers. The frame's source MAC was 00:00:5e:00:01:01, the virtual MAC.
     */
    @Test
    void capturedV2AdvertMatchesOurEncodingByteForByte() {
        byte[] captured = hex("""
                45 c0 00 28 00 00 00 00 ff 70 19 cd c0 a8 00 1e e0 00 00 12
                21 01 64 01 00 01 ba 52 c0 a8 00 01 00 00 00 00 00 00 00 00""");
        DecodeResult r = VrrpDecoder.decodeIpv4Packet(captured, 0, captured.length);
        DecodeResult.Ok ok = assertInstanceOf(DecodeResult.Ok.class, r, r::toString);
        assertEquals(VrrpAdvert.v2(1, 100, 1, VrrpAuth.NONE, List.of(ip("192.168.0.1"))), ok.advert());
        assertArrayEquals(V2_NO_AUTH, Arrays.copyOfRange(captured, 20, 40));
        assertArrayEquals(hex("00 00 5e 00 01 01"), new VirtualMac(IpFamily.IPV4, 1).bytes());
    }

    // --- VRRPv3 over IPv4 with the pseudo-header (RFC 5798 section 5.2.8; keepalived's default) ---

    /*
     * 31 33 64 01  version 3 type 1, VRID 51, priority 100, one address
     * 00 64        reserved 0, Max Adver Int 100 cs = 1 s (RFC 5798 sections 5.2.6-5.2.7)
     * cf 5c        pseudo-header 192.168.156.136 -> 224.0.0.18, zero, 112, length 12:
     *                c0a8 + 9c88 + e000 + 0012 + 0070 + 000c
     *              message: 3133 + 6401 + 0064 + c0a8 + 9ca1
     *              = 0x4309f; fold 0x30a3; complement 0xcf5c
     * c0 a8 9c a1  192.168.156.161
     */
    static final byte[] V3_IPV4 = hex("31 33 64 01 00 64 cf 5c c0 a8 9c a1");
    static final VrrpAdvert V3_IPV4_ADVERT = VrrpAdvert.v3(51, 100, 100, IpFamily.IPV4, List.of(ip("192.168.156.161")));
    static final RxContext V3_IPV4_RX = rx("192.168.156.136", "224.0.0.18", 255);

    @Test
    void v3Ipv4EncodesWithPseudoHeaderByDefault() {
        byte[] out = VrrpEncoder.encode(V3_IPV4_ADVERT, V3_IPV4_RX.source(), V3_IPV4_RX.destination());
        assertArrayEquals(V3_IPV4, out, () -> hex(out));
        DecodeResult.Ok ok = assertInstanceOf(DecodeResult.Ok.class, VrrpDecoder.decode(V3_IPV4, V3_IPV4_RX));
        assertEquals(V3_IPV4_ADVERT, ok.advert());
        assertEquals(ChecksumForm.V3_PSEUDO_HEADER, ok.checksumForm());
    }

    /** scapy's {@code test/scapy/layers/vrrp.uts} ("VRRP - chksums"): VRRPv3 from 20.0.0.3 to 224.0.0.18, checksum 0xb25e. */
    @Test
    void scapyVrrpv3Ipv4VectorVerifiesWithPseudoHeader() {
        byte[] scapy = hex("31 02 fe 02 00 01 b2 5e 14 00 01 02 14 00 01 03");
        DecodeResult.Ok ok = assertInstanceOf(DecodeResult.Ok.class,
                VrrpDecoder.decode(scapy, rx("20.0.0.3", "224.0.0.18", 255)));
        assertEquals(ChecksumForm.V3_PSEUDO_HEADER, ok.checksumForm());
        assertEquals(VrrpAdvert.v3(2, 254, 1, IpFamily.IPV4, List.of(ip("20.0.1.2"), ip("20.0.1.3"))), ok.advert());
        assertArrayEquals(scapy, VrrpEncoder.encode(ok.advert(), ip("20.0.0.3"), ip("224.0.0.18")));
    }

    /**
     * keepalived's own advert, from its checksum debug log in keepalived issue #1175 (v2.0.12,
     * unicast to 10.1.0.1): "pkt 0x199c, calc 0x199c" (host byte order) and the full IP packet.
     * The pseudo-header carries the real unicast destination.
     */
    @Test
    void keepalivedUnicastAdvertFromIssue1175VerifiesWithPseudoHeader() {
        byte[] logged = hex("""
                45 c0 00 20 00 01 00 00 ff 70 00 00 0a 01 00 03 0a 01 00 01
                31 58 c6 01 00 64 9c 19 0a c3 4c e3""");
        DecodeResult r = VrrpDecoder.decodeIpv4Packet(logged, 0, logged.length);
        DecodeResult.Ok ok = assertInstanceOf(DecodeResult.Ok.class, r, r::toString);
        assertEquals(ChecksumForm.V3_PSEUDO_HEADER, ok.checksumForm());
        assertEquals(VrrpAdvert.v3(88, 198, 100, IpFamily.IPV4, List.of(ip("10.195.76.227"))), ok.advert());
        assertArrayEquals(Arrays.copyOfRange(logged, 20, 32),
                VrrpEncoder.encode(ok.advert(), ip("10.1.0.3"), ip("10.1.0.1")));
    }

    /**
     * keepalived's multicast advert in keepalived issue #1490: VRID 2, priority 150, three
     * addresses, checksum 0x082d from 10.0.0.3, which the maintainer confirmed correct.
     */
    @Test
    void keepalivedMulticastAdvertFromIssue1490HasOurChecksum() {
        VrrpAdvert advert = VrrpAdvert.v3(2, 150, 100, IpFamily.IPV4,
                List.of(ip("185.203.112.1"), ip("10.0.0.1"), ip("10.0.8.1")));
        byte[] out = VrrpEncoder.encode(advert, ip("10.0.0.3"), ip("224.0.0.18"));
        assertEquals(0x082d, ((out[6] & 0xFF) << 8) | (out[7] & 0xFF));
    }

    // --- VRRPv3 over IPv4 without the pseudo-header (RFC 9568, keepalived v3_checksum_as_v2, Cisco) ---

    /*
     * The V3_IPV4 message with the message-only checksum:
     * 3133 + 6401 + 0064 + c0a8 + 9ca1 = 0x1f2e1; fold 0xf2e2; complement 0x0d1d
     */
    static final byte[] V3_IPV4_MESSAGE_ONLY = hex("31 33 64 01 00 64 0d 1d c0 a8 9c a1");

    @Test
    void v3Ipv4ChecksumWithoutPseudoHeaderIsAccepted() {
        DecodeResult r = VrrpDecoder.decode(V3_IPV4_MESSAGE_ONLY, V3_IPV4_RX);
        DecodeResult.Ok ok = assertInstanceOf(DecodeResult.Ok.class, r, r::toString);
        assertEquals(V3_IPV4_ADVERT, ok.advert());
        assertEquals(ChecksumForm.V3_MESSAGE_ONLY, ok.checksumForm());
        assertArrayEquals(V3_IPV4_MESSAGE_ONLY, VrrpEncoder.encode(V3_IPV4_ADVERT, V3_IPV4_RX.source(),
                V3_IPV4_RX.destination(), ChecksumForm.V3_MESSAGE_ONLY));
    }

    /*
     * The issue #1175 advert as keepalived before 1.3.8 sent it to a unicast peer: pseudo-header
     * destination 224.0.0.18 although the packet goes to 10.1.0.1 (keepalived issue #642).
     * 0a01 + 0003 + e000 + 0012 + 0070 + 000c + 3158 + c601 + 0064 + 0ac3 + 4ce3 = 0x239f5;
     * fold 0x39f7; complement 0xc608
     */
    @Test
    void oldKeepalivedUnicastChecksumWithMulticastPseudoDestinationIsAccepted() {
        byte[] old = hex("31 58 c6 01 00 64 c6 08 0a c3 4c e3");
        DecodeResult r = VrrpDecoder.decode(old, rx("10.1.0.3", "10.1.0.1", 255));
        DecodeResult.Ok ok = assertInstanceOf(DecodeResult.Ok.class, r, r::toString);
        assertEquals(ChecksumForm.V3_PSEUDO_HEADER_MULTICAST_DESTINATION, ok.checksumForm());
        assertArrayEquals(old, VrrpEncoder.encode(ok.advert(), ip("10.1.0.3"), ip("10.1.0.1"),
                ChecksumForm.V3_PSEUDO_HEADER_MULTICAST_DESTINATION));
    }

    // --- VRRPv3 over IPv6, two addresses (RFC 2460 section 8.1 pseudo-header) ---

    /*
     * 31 33 64 02  version 3 type 1, VRID 51, priority 100, two addresses
     * 00 64        Max Adver Int 100 cs
     * 3f 5b        pseudo-header fe80::1 -> ff02::12, length 40 (32-bit), zero, next header 112:
     *                fe80 + 0001 + ff02 + 0012 + 0028 + 0070   (zero words left out)
     *              message: 3133 + 6402 + 0064 + fe80 + 0051 + 2001 + 0db8 + 0051
     *              = 0x3c0a1; fold 0xc0a4; complement 0x3f5b
     * fe80::51     the link-local address first (RFC 5798 section 5.2.9)
     * 2001:db8::51
     */
    static final byte[] V3_IPV6 = hex("""
            31 33 64 02 00 64 3f 5b
            fe 80 00 00 00 00 00 00 00 00 00 00 00 00 00 51
            20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 51""");
    static final VrrpAdvert V3_IPV6_ADVERT = VrrpAdvert.v3(51, 100, 100, IpFamily.IPV6,
            List.of(ip("fe80::51"), ip("2001:db8::51")));

    @Test
    void v3Ipv6TwoAddressesEncodesWithRfc2460PseudoHeader() {
        byte[] out = VrrpEncoder.encode(V3_IPV6_ADVERT, ip("fe80::1"), ip("ff02::12"));
        assertArrayEquals(V3_IPV6, out, () -> hex(out));
        DecodeResult r = VrrpDecoder.decode(V3_IPV6, rx("fe80::1", "ff02::12", 255));
        DecodeResult.Ok ok = assertInstanceOf(DecodeResult.Ok.class, r, r::toString);
        assertEquals(V3_IPV6_ADVERT, ok.advert());
        assertEquals(ChecksumForm.V3_PSEUDO_HEADER, ok.checksumForm());
    }

    /** scapy's "VRRP IPv6 - chksums" vector: 2001:db8::1 to ff02::12, two addresses, checksum 0x481b. */
    @Test
    void scapyVrrpv3Ipv6VectorVerifies() {
        byte[] scapy = hex("""
                31 02 fe 02 00 01 48 1b
                20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 02
                20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 03""");
        DecodeResult r = VrrpDecoder.decode(scapy, rx("2001:db8::1", "ff02::12", 255));
        DecodeResult.Ok ok = assertInstanceOf(DecodeResult.Ok.class, r, r::toString);
        assertEquals(List.of(ip("2001:db8::2"), ip("2001:db8::3")), ok.advert().addresses());
        assertArrayEquals(scapy, VrrpEncoder.encode(ok.advert(), ip("2001:db8::1"), ip("ff02::12")));
    }

    /** RFC 9568 dropped the pseudo-header for IPv4 only; an IPv6 advert without it is corrupt. */
    @Test
    void v3Ipv6ChecksumWithoutPseudoHeaderIsRejected() {
        byte[] messageOnly = V3_IPV6.clone();
        messageOnly[6] = 0;
        messageOnly[7] = 0;
        int sum = InternetChecksum.checksum(InternetChecksum.add(0, messageOnly, 0, messageOnly.length));
        messageOnly[6] = (byte) (sum >>> 8);
        messageOnly[7] = (byte) sum;
        DecodeResult r = VrrpDecoder.decode(messageOnly, rx("fe80::1", "ff02::12", 255));
        assertEquals(RejectReason.BAD_CHECKSUM, assertInstanceOf(DecodeResult.Rejected.class, r).reason());
    }

    @Test
    void pseudoHeaderUsesTheActualDestinationSoAnotherDestinationFails() {
        DecodeResult r = VrrpDecoder.decode(V3_IPV6, rx("fe80::1", "fe80::2", 255));
        assertEquals(RejectReason.BAD_CHECKSUM, assertInstanceOf(DecodeResult.Rejected.class, r).reason());
        assertTrue(((DecodeResult.Rejected) r).detail().contains("0x3f5b"), r::toString);
    }
}
