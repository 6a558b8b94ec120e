package io.hakeeper.common.zk;

import io.hakeeper.common.config.model.VirtualServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VirtualServerKeyTest {

    @Test
    void addressKeysReadLikeTheBlockTheyComeFrom() {
        VirtualServerKey v4 = new VirtualServerKey.Address(VirtualServer.Protocol.TCP, "10.0.0.1", 80);
        assertEquals("TCP_10.0.0.1_80", v4.encode());
        assertEquals("10.0.0.1:80", v4.label());
        VirtualServerKey v6 = new VirtualServerKey.Address(VirtualServer.Protocol.UDP, "2001:DB8:0:0:0:0:0:1", 53);
        assertEquals("UDP_2001:db8::1_53", v6.encode(), "IPv6 is written in RFC 5952 form");
        assertEquals("[2001:db8::1]:53", v6.label());
        assertEquals("SCTP_::_0", new VirtualServerKey.Address(VirtualServer.Protocol.SCTP, "::", 0).encode());
    }

    @Test
    void fwmarkAndGroupKeys() {
        assertEquals("FWM_5", new VirtualServerKey.Fwmark(5, false).encode());
        assertEquals("FWM6_5", new VirtualServerKey.Fwmark(5, true).encode());
        assertEquals("FWM_4294967295", new VirtualServerKey.Fwmark(0xFFFF_FFFFL, false).encode());
        assertEquals("GROUP_web", new VirtualServerKey.Group("web").encode());
        assertEquals("GROUP_a%2Fb%25c%20d", new VirtualServerKey.Group("a/b%c d").encode());
        assertEquals("GROUP_caf%C3%A9", new VirtualServerKey.Group("café").encode());
    }

    @Test
    void everyEncodingDecodesBackToTheSameKey() {
        List<VirtualServerKey> keys = List.of(
                new VirtualServerKey.Address(VirtualServer.Protocol.TCP, "10.0.0.1", 80),
                new VirtualServerKey.Address(VirtualServer.Protocol.UDP, "fe80::1:2", 65535),
                new VirtualServerKey.Address(VirtualServer.Protocol.SCTP, "64:ff9b::a00:1", 1),
                new VirtualServerKey.Fwmark(1, false), new VirtualServerKey.Fwmark(77, true),
                new VirtualServerKey.Group("web"), new VirtualServerKey.Group("a/b%c d_e"),
                new VirtualServerKey.Group("."), new VirtualServerKey.Group("日本"));
        for (VirtualServerKey key : keys) {
            String encoded = key.encode();
            assertTrue(ZNodeName.valid(encoded), encoded);
            assertEquals(Optional.of(key), VirtualServerKey.decode(encoded), encoded);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "TCP", "TCP_10.0.0.1", "TCP__80", "TCP_10.0.0.1_", "TCP_10.0.0.1_080",
            "TCP_10.0.0.1_65536", "TCP_10.0.0.1_-1", "tcp_10.0.0.1_80", "ICMP_10.0.0.1_80", "TCP_010.0.0.1_80",
            "TCP_2001:DB8::1_80", "TCP_2001:db8:0:0:0:0:0:1_80", "TCP_host.example_80", "TCP_10.0.0.1_8_0",
            "FWM_", "FWM_0", "FWM_05", "FWM_4294967296", "FWM_x", "FWM7_5", "GROUP_", "GROUP_a b",
            "GROUP_%2", "GROUP_%2f", "GROUP_%41", "GROUP_%FF", "GROUP_a/b"})
    void nonCanonicalOrBrokenNamesDoNotDecode(String element) {
        assertEquals(Optional.empty(), VirtualServerKey.decode(element), element);
    }

    @Test
    void decodeOfNullIsEmpty() {
        assertEquals(Optional.empty(), VirtualServerKey.decode(null));
    }

    @Test
    void keysRefuseImpossibleValues() {
        assertThrows(IllegalArgumentException.class,
                () -> new VirtualServerKey.Address(VirtualServer.Protocol.TCP, "web.example", 80));
        assertThrows(IllegalArgumentException.class,
                () -> new VirtualServerKey.Address(VirtualServer.Protocol.TCP, "10.0.0.1", 70000));
        assertThrows(IllegalArgumentException.class, () -> new VirtualServerKey.Fwmark(0, false));
        assertThrows(IllegalArgumentException.class, () -> new VirtualServerKey.Group(""));
    }

    @Test
    void keyOfAConfiguredVirtualServer() {
        VirtualServer vs = new VirtualServer(VirtualServer.Kind.ADDRESS, "2001:db8::10", 443, null, null, true,
                VirtualServer.Protocol.TCP, "wlc", VirtualServer.LbMethod.DR, 6, null, null, null, false, 1, 0,
                false, false, false, null, List.of(), List.of(), List.of());
        assertEquals("TCP_2001:db8::10_443", VirtualServerKey.of(vs).encode());
        VirtualServer fwm = new VirtualServer(VirtualServer.Kind.FWMARK, null, null, 9, null, false,
                VirtualServer.Protocol.TCP, "rr", VirtualServer.LbMethod.NAT, 6, null, null, null, false, 1, 0,
                false, false, false, null, List.of(), List.of(), List.of());
        assertEquals("FWM_9", VirtualServerKey.of(fwm).encode());
        assertFalse(VirtualServerKey.of(fwm).label().isEmpty());
    }
}
