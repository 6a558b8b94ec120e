package io.hakeeper.common.vrrp;

import static io.hakeeper.common.vrrp.Wire.hex;
import static io.hakeeper.common.vrrp.Wire.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Splitting what an IPv4 raw socket for protocol 112 delivers. */
class Ipv4FrameTest {

    /** gopacket's capture (see GoldenPacketsTest), Ethernet removed. */
    static final byte[] CAPTURED = hex("""
            45 c0 00 28 00 00 00 00 ff 70 19 cd c0 a8 00 1e e0 00 00 12
            21 01 64 01 00 01 ba 52 c0 a8 00 01 00 00 00 00 00 00 00 00""");

    static DecodeResult.Rejected rejected(byte[] p) {
        return assertInstanceOf(DecodeResult.Rejected.class, Ipv4Frame.split(p));
    }

    @Test
    void capturedPacketSplitsIntoHeaderFieldsAndPayload() {
        Ipv4Split.Ok ok = assertInstanceOf(Ipv4Split.Ok.class, Ipv4Frame.split(CAPTURED));
        assertEquals(new Ipv4Header(20, 40, 255, 112, ip("192.168.0.30"), ip("224.0.0.18")), ok.header());
        assertEquals(20, ok.payloadOffset());
        assertEquals(20, ok.payloadLength());
        assertEquals(new RxContext(ip("192.168.0.30"), ip("224.0.0.18"), 255), RxContext.of(ok.header()));
    }

    @Test
    void headerWithOptionsMovesThePayload() {
        // IHL 6: one 4-byte option word (a Router Alert, 94 04 00 00), total length 44.
        byte[] withOption = Wire.concat(hex("46 c0 00 2c 00 00 00 00 ff 70 00 00 c0 a8 00 1e e0 00 00 12 94 04 00 00"),
                GoldenPacketsTest.V2_NO_AUTH);
        Ipv4Split.Ok ok = assertInstanceOf(Ipv4Split.Ok.class, Ipv4Frame.split(withOption));
        assertEquals(24, ok.payloadOffset());
        assertEquals(20, ok.payloadLength());
        assertInstanceOf(DecodeResult.Ok.class, VrrpDecoder.decodeIpv4Packet(withOption, 0, withOption.length));
    }

    @Test
    void packetInsideALargerBufferSplitsAtItsOffset() {
        byte[] buf = Wire.concat(new byte[7], CAPTURED, new byte[5]);
        Ipv4Split.Ok ok = assertInstanceOf(Ipv4Split.Ok.class, Ipv4Frame.split(buf, 7, CAPTURED.length));
        assertEquals(27, ok.payloadOffset());
        assertInstanceOf(DecodeResult.Ok.class, VrrpDecoder.decodeIpv4Packet(buf, 7, CAPTURED.length));
    }

    @Test
    void rejectsEachMalformedHeader() {
        assertEquals(RejectReason.IP_TRUNCATED, rejected(new byte[19]).reason());
        byte[] p = CAPTURED.clone();
        p[0] = 0x45 + 0x10; // IHL 5, version 5
        assertEquals(RejectReason.IP_BAD_VERSION, rejected(p).reason());
        p = CAPTURED.clone();
        p[0] = 0x44;
        assertEquals(RejectReason.IP_BAD_IHL, rejected(p).reason());
        p = CAPTURED.clone();
        p[0] = 0x4f; // 60-byte header in a 40-byte packet
        assertEquals(RejectReason.IP_TRUNCATED, rejected(p).reason());
        p = CAPTURED.clone();
        p[3] = 41;
        assertEquals(RejectReason.IP_TRUNCATED, rejected(p).reason());
        p = CAPTURED.clone();
        p[3] = 19;
        assertEquals(RejectReason.IP_LENGTH_MISMATCH, rejected(p).reason());
        p = CAPTURED.clone();
        p[3] = 39;
        assertEquals(RejectReason.IP_LENGTH_MISMATCH, rejected(p).reason());
    }

    @Test
    void ahWrappedAdvertsAreNamedInTheDetail() {
        byte[] p = CAPTURED.clone();
        p[9] = 51;
        DecodeResult.Rejected r = rejected(p);
        assertEquals(RejectReason.IP_WRONG_PROTOCOL, r.reason());
        assertTrue(r.detail().contains("AH"), r.detail());
    }

    @Test
    void offsetsOutsideTheArrayAreAProgrammingError() {
        assertThrows(IndexOutOfBoundsException.class, () -> Ipv4Frame.split(CAPTURED, 30, 20));
    }
}
