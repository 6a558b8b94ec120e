package io.hakeeper.common.vrrp;

import static io.hakeeper.common.vrrp.Wire.hex;
import static io.hakeeper.common.vrrp.Wire.ip;
import static io.hakeeper.common.vrrp.Wire.rx;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.common.config.model.Authentication;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Constants, virtual MACs, auth data and the advert's own invariants. */
class VrrpValuesTest {

    @Test
    void constantsAreTheRfcValues() {
        assertEquals(ip("224.0.0.18"), VrrpProtocol.VRRP_MCAST_GROUP4);
        assertEquals(ip("ff02::12"), VrrpProtocol.VRRP_MCAST_GROUP6);
        assertEquals(112, VrrpProtocol.IPPROTO_VRRP);
        assertEquals(255, VrrpProtocol.VRRP_IP_TTL);
        assertEquals(VrrpProtocol.VRRP_MCAST_GROUP6, IpFamily.IPV6.multicastGroup());
    }

    @Test
    void virtualMacFollowsRfc5798Section7_3() {
        assertEquals("00:00:5e:00:01:33", new VirtualMac(IpFamily.IPV4, 51).toString());
        assertEquals("00:00:5e:00:02:33", new VirtualMac(IpFamily.IPV6, 51).toString());
        assertArrayEquals(hex("00 00 5e 00 01 ff"), new VirtualMac(IpFamily.IPV4, 255).bytes());
        assertThrows(IllegalArgumentException.class, () -> new VirtualMac(IpFamily.IPV4, 0));
        assertThrows(IllegalArgumentException.class, () -> new VirtualMac(IpFamily.IPV6, 256));
    }

    @Test
    void passwordIsCutToEightBytesAndZeroPaddedAsKeepalivedDoes() {
        assertArrayEquals(hex("31 31 31 31 00 00 00 00"), VrrpAuth.password("1111").data());
        assertArrayEquals("12345678".getBytes(), VrrpAuth.password("123456789").data());
        assertArrayEquals(new byte[8], VrrpAuth.password("").data());
        assertEquals(VrrpAuth.password("1111"),
                VrrpAuth.fromConfig(new Authentication(Authentication.Type.PASS, "1111")));
        assertEquals(VrrpAuth.NONE, VrrpAuth.fromConfig(Authentication.NONE));
        assertEquals(VrrpAuth.NONE, VrrpAuth.fromConfig(null));
    }

    @Test
    void authNeverPrintsThePassword() {
        assertFalse(VrrpAuth.password("s3cret").toString().contains("s3cret"));
        assertFalse(GoldenPacketsTest.V2_PASS_1111_ADVERT.toString().contains("1111"));
    }

    @Test
    void authDataCannotBeChangedFromOutside() {
        byte[] data = new byte[8];
        VrrpAuth auth = new VrrpAuth(VrrpAuth.VRRP_AUTH_PASS, data);
        data[0] = 1;
        auth.data()[1] = 1;
        assertArrayEquals(new byte[8], auth.data());
    }

    @Test
    void advertRefusesWhatTheWireCannotCarry() {
        List<InetAddress> one = List.of(ip("10.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> VrrpAdvert.v2(0, 100, 1, VrrpAuth.NONE, one));
        assertThrows(IllegalArgumentException.class, () -> VrrpAdvert.v2(1, 256, 1, VrrpAuth.NONE, one));
        assertThrows(IllegalArgumentException.class, () -> VrrpAdvert.v2(1, 100, 0, VrrpAuth.NONE, one));
        assertThrows(IllegalArgumentException.class, () -> VrrpAdvert.v2(1, 100, 256, VrrpAuth.NONE, one));
        assertThrows(IllegalArgumentException.class, () -> VrrpAdvert.v3(1, 100, 4096, IpFamily.IPV4, one));
        assertThrows(IllegalArgumentException.class, () -> VrrpAdvert.v3(1, 100, 100, IpFamily.IPV6, one));
        assertThrows(IllegalArgumentException.class,
                () -> VrrpAdvert.v3(1, 100, 100, IpFamily.IPV4, Collections.nCopies(256, ip("10.0.0.1"))));
        assertThrows(IllegalArgumentException.class, () -> new VrrpAdvert(2, 1, 1, 100, 1, VrrpAuth.NONE, 1,
                IpFamily.IPV6, List.of(ip("fe80::1"))));
        assertThrows(IllegalArgumentException.class, () -> new VrrpAdvert(3, 1, 1, 100, 1,
                VrrpAuth.password("x"), 100, IpFamily.IPV4, one));
        assertThrows(IllegalArgumentException.class, () -> new VrrpAdvert(2, 1, 1, 100, 2, VrrpAuth.NONE, 1,
                IpFamily.IPV4, one));
        assertThrows(IllegalArgumentException.class, () -> new VrrpAdvert(2, 2, 1, 100, 1, VrrpAuth.NONE, 1,
                IpFamily.IPV4, one));
    }

    @Test
    void encoderRefusesToSendAhOrMismatchedForms() {
        VrrpAdvert ah = VrrpAdvert.v2(1, 100, 1, new VrrpAuth(VrrpAuth.VRRP_AUTH_AH, new byte[8]),
                List.of(ip("10.0.0.1")));
        assertThrows(IllegalArgumentException.class, () -> VrrpEncoder.encode(ah, ip("10.0.0.2"), ip("224.0.0.18")));
        VrrpAdvert v6 = GoldenPacketsTest.V3_IPV6_ADVERT;
        assertThrows(IllegalArgumentException.class,
                () -> VrrpEncoder.encode(v6, ip("fe80::1"), ip("ff02::12"), ChecksumForm.V3_MESSAGE_ONLY));
        assertThrows(IllegalArgumentException.class,
                () -> VrrpEncoder.encode(v6, ip("10.0.0.1"), ip("ff02::12")));
        assertThrows(IllegalArgumentException.class, () -> VrrpEncoder.encode(GoldenPacketsTest.V2_PASS_1111_ADVERT,
                ip("10.0.0.1"), ip("224.0.0.18"), ChecksumForm.V3_PSEUDO_HEADER));
    }

    @Test
    void ipv4MappedIpv6AddressesStayIpv6ThroughDecode() {
        // InetAddress.getByAddress would turn ::ffff:10.0.0.1 into an Inet4Address.
        byte[] mapped = hex("00 00 00 00 00 00 00 00 00 00 ff ff 0a 00 00 01");
        InetAddress a = IpFamily.IPV6.address(mapped, 0);
        assertInstanceOf(Inet6Address.class, a);
        VrrpAdvert advert = VrrpAdvert.v3(3, 100, 100, IpFamily.IPV6, List.of(a));
        byte[] p = VrrpEncoder.encode(advert, ip("fe80::1"), ip("ff02::12"));
        DecodeResult.Ok ok = assertInstanceOf(DecodeResult.Ok.class, VrrpDecoder.decode(p, rx("fe80::1", "ff02::12", 255)));
        assertEquals(advert, ok.advert());
        assertInstanceOf(Inet6Address.class, ok.advert().addresses().get(0));
    }

    @Test
    void advertKeepsBareAddressesWithoutScopeOrHostName() throws Exception {
        InetAddress scoped = Inet6Address.getByAddress("router", ip("fe80::51").getAddress(), 2);
        VrrpAdvert advert = VrrpAdvert.v3(3, 100, 100, IpFamily.IPV6, List.of(scoped));
        Inet6Address bare = (Inet6Address) advert.addresses().get(0);
        assertEquals(0, bare.getScopeId());
        assertEquals(ip("fe80::51"), bare);
        assertTrue(bare.toString().startsWith("/"), bare.toString());
    }

    @Test
    void releaseAdvertHasPriorityZeroAndOtherwiseTheSameFields() {
        VrrpAdvert release = GoldenPacketsTest.V2_PASS_1111_ADVERT.withPriority(VrrpProtocol.VRRP_PRIO_STOP);
        assertEquals(0, release.priority());
        assertNotEquals(GoldenPacketsTest.V2_PASS_1111_ADVERT, release);
        assertEquals(GoldenPacketsTest.V2_PASS_1111_ADVERT, release.withPriority(100));
        assertEquals(1000, release.advertIntervalMillis());
        assertEquals(1000, GoldenPacketsTest.V3_IPV4_ADVERT.advertIntervalMillis());
    }
}
