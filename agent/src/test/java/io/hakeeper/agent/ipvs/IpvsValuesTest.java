package io.hakeeper.agent.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The value types normalise what the kernel reports so that equal settings compare equal. */
class IpvsValuesTest {

    private static final IpvsServiceKey V4 = IpvsServiceKey.of(IpvsProtocol.TCP, "10.0.0.1", 80);
    private static final IpvsServiceKey V6 = IpvsServiceKey.of(IpvsProtocol.TCP, "2001:db8::1", 80);

    @Test
    void hashedFlagFromAKernelDumpIsDropped() {
        IpvsService dumped = new IpvsService(V4, "rr", IpvsServiceFlags.IP_VS_SVC_F_HASHED
                | IpvsServiceFlags.IP_VS_SVC_F_PERSISTENT, 300, PersistenceNetmask.IPV4_SINGLE_HOST);
        assertEquals(IpvsService.persistent(V4, "rr", 300), dumped);
    }

    @Test
    void nonPersistentServiceIgnoresTimeoutAndNetmask() {
        assertEquals(IpvsService.of(V4, "rr"), new IpvsService(V4, "rr", 0, 300, 0xFFFFFF00));
        assertEquals(128, IpvsService.of(V6, "rr").netmask());
        assertEquals(0xFFFFFFFF, IpvsService.of(V4, "rr").netmask());
    }

    @Test
    void ipv6NetmaskMustBeAPrefixLength() {
        assertThrows(IllegalArgumentException.class,
                () -> new IpvsService(V6, "rr", IpvsServiceFlags.IP_VS_SVC_F_PERSISTENT, 60, 0));
        assertThrows(IllegalArgumentException.class, () -> IpvsService.of(V4, "a-scheduler-name-too-long"));
    }

    @Test
    void granularityIsANetworkOrderMaskForIpv4AndAPrefixForIpv6() {
        assertEquals(0xFFFFFF00, PersistenceNetmask.parse("255.255.255.0", AddressFamily.INET));
        assertEquals(0xFFFFFF00, PersistenceNetmask.parse("24", AddressFamily.INET));
        assertEquals(0xFFFFFFFF, PersistenceNetmask.parse("32", AddressFamily.INET));
        assertEquals(64, PersistenceNetmask.parse("64", AddressFamily.INET6));
        assertEquals(24, PersistenceNetmask.parse("255.255.255.0", AddressFamily.INET6));
        assertEquals("255.255.240.0", PersistenceNetmask.ipv4Text(PersistenceNetmask.parse("20", AddressFamily.INET)));
        assertThrows(IllegalArgumentException.class, () -> PersistenceNetmask.parse("255.0.255.0", AddressFamily.INET6));
        assertThrows(IllegalArgumentException.class, () -> PersistenceNetmask.parse("129", AddressFamily.INET6));
    }

    @Test
    void destinationThatDoesNotTunnelHasDefaultTunnelOptions() {
        IpvsDestination d = new IpvsDestination(IpAddress.parse("10.0.1.1"), 80, ForwardingMethod.MASQ, 1, 0, 0,
                new TunnelOptions(TunnelType.GUE, 6080, TunnelOptions.IP_VS_TUNNEL_ENCAP_FLAG_CSUM));
        assertEquals(TunnelOptions.IPIP, d.tunnel());
    }

    @Test
    void servicesSortLikeIpvsadmAddressesBeforeFwmarksThenFamilyProtocolAddressPort() {
        List<IpvsServiceKey> sorted = Stream.<IpvsServiceKey>of(
                IpvsServiceKey.fwmark(AddressFamily.INET6, 2),
                IpvsServiceKey.fwmark(AddressFamily.INET, 2),
                IpvsServiceKey.fwmark(AddressFamily.INET, 1),
                IpvsServiceKey.of(IpvsProtocol.UDP, "10.0.0.1", 53),
                IpvsServiceKey.of(IpvsProtocol.TCP, "2001:db8::1", 80),
                IpvsServiceKey.of(IpvsProtocol.TCP, "10.0.0.2", 80),
                IpvsServiceKey.of(IpvsProtocol.TCP, "10.0.0.1", 443),
                IpvsServiceKey.of(IpvsProtocol.TCP, "10.0.0.1", 80)).sorted().toList();
        assertEquals(List.of("TCP 10.0.0.1:80", "TCP 10.0.0.1:443", "TCP 10.0.0.2:80", "UDP 10.0.0.1:53",
                "TCP [2001:db8::1]:80", "FWM 1", "FWM 2", "FWM 2 IPv6"), sorted.stream().map(Object::toString).toList());
    }

    @Test
    void forwardingMethodsCarryTheHeadersConnFlags() {
        assertEquals(0, ForwardingMethod.MASQ.connFlags());
        assertEquals(2, ForwardingMethod.TUNNEL.connFlags());
        assertEquals(3, ForwardingMethod.DROUTE.connFlags());
        assertEquals(ForwardingMethod.DROUTE, ForwardingMethod.fromConnFlags(0x0003 | 0x0100));
    }
}
