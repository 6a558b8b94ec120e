package io.hakeeper.agent.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.common.config.model.Authentication;
import io.hakeeper.common.config.model.VirtualIp;
import io.hakeeper.common.config.model.VrrpInstance;
import io.hakeeper.common.vrrp.IpFamily;
import io.hakeeper.common.vrrp.VrrpAuth;
import io.hakeeper.common.vrrp.VrrpProtocol;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a configured vrrp_instance becomes a speaker, the way keepalived would run it. */
class SpeakerConfigTest {

    private static VrrpInstance instance(Integer version, int advertIntMs, List<VirtualIp> vips, String mcastSrc,
                                         String unicastSrc, List<String> peers) {
        return new VrrpInstance("VI_1", VrrpInstance.State.BACKUP, "eth0", 51, 150, advertIntMs, false, 0, version,
                new Authentication(Authentication.Type.PASS, "secret99"), vips, List.of(), List.of(), List.of(),
                List.of(), unicastSrc, mcastSrc, peers, null, null);
    }

    private static VirtualIp vip(String address, boolean ipv6) {
        return new VirtualIp(address, ipv6 ? 128 : 32, ipv6, null, null, null, null);
    }

    @Test
    void v2InstanceKeepsItsPasswordAndWholeSecondsAndMulticasts() throws Exception {
        SpeakerConfig c = SpeakerConfig.from(instance(null, 1000, List.of(vip("10.0.0.100", false)), null, null,
                List.of()), 2, a -> true);
        assertEquals(2, c.machine().version());
        assertEquals(IpFamily.IPV4, c.machine().family());
        assertEquals(VrrpAuth.password("secret99"), c.machine().auth());
        assertEquals(1, c.machine().advertInterval());
        assertEquals(150, c.machine().priority());
        assertEquals(List.of(InetAddress.getByName("10.0.0.100")), c.machine().addresses());
        assertEquals(List.of(VrrpProtocol.VRRP_MCAST_GROUP4), c.destinations());
        assertEquals(Optional.empty(), c.source());
        assertEquals("eth0", c.interfaceName());
    }

    @Test
    void v3KeepsCentisecondsAndDropsAuthentication() {
        SpeakerConfig c = SpeakerConfig.from(instance(3, 250, List.of(vip("10.0.0.100", false)), null, null, List.of()),
                2, a -> true);
        assertEquals(3, c.machine().version());
        assertEquals(25, c.machine().advertInterval());
        assertEquals(VrrpAuth.NONE, c.machine().auth());
    }

    @Test
    void v2IntervalRoundsToWholeSecondsAndNeverBelowOne() {
        assertEquals(2, SpeakerConfig.from(instance(2, 1500, List.of(vip("10.0.0.100", false)), null, null, List.of()),
                2, a -> true).machine().advertInterval());
        assertEquals(1, SpeakerConfig.from(instance(2, 200, List.of(vip("10.0.0.100", false)), null, null, List.of()),
                2, a -> true).machine().advertInterval());
    }

    @Test
    void ipv6AddressesMakeItVrrpV3OverIpv6() {
        SpeakerConfig c = SpeakerConfig.from(instance(2, 1000, List.of(vip("2001:db8::100", true)), null, null,
                List.of()), 2, a -> true);
        assertEquals(3, c.machine().version());
        assertEquals(IpFamily.IPV6, c.machine().family());
        assertEquals(100, c.machine().advertInterval());
        assertEquals(List.of(VrrpProtocol.VRRP_MCAST_GROUP6), c.destinations());
    }

    @Test
    void unicastPeersAndSourceAreUsed() throws Exception {
        SpeakerConfig c = SpeakerConfig.from(instance(null, 1000, List.of(vip("10.0.0.100", false)), null, "10.0.0.1",
                List.of("10.0.0.2", "10.0.0.3")), 2, a -> true);
        assertTrue(c.unicast());
        assertEquals(List.of(InetAddress.getByName("10.0.0.2"), InetAddress.getByName("10.0.0.3")), c.destinations());
        assertEquals(Optional.of(InetAddress.getByName("10.0.0.1")), c.source());
        SpeakerConfig m = SpeakerConfig.from(instance(null, 1000, List.of(vip("10.0.0.100", false)), "10.0.0.9", null,
                List.of()), 2, a -> true);
        assertEquals(Optional.of(InetAddress.getByName("10.0.0.9")), m.source());
    }

    @Test
    void mixedFamiliesAndNamesAreRefusedWithTheInstanceName() {
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class, () -> SpeakerConfig.from(
                instance(3, 1000, List.of(vip("10.0.0.100", false), vip("2001:db8::1", true)), null, null, List.of()),
                2, a -> true));
        assertTrue(mixed.getMessage().contains("VI_1"), mixed.getMessage());
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class, () -> SpeakerConfig.from(
                instance(2, 1000, List.of(vip("10.0.0.100", false)), "router.example", null, List.of()), 2, a -> true));
        assertTrue(name.getMessage().contains("not an IP address"), name.getMessage());
    }
}
