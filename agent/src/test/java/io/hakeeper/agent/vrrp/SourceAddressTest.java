package io.hakeeper.agent.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hakeeper.agent.netlink.AddressLifetime;
import io.hakeeper.agent.netlink.AddressScope;
import io.hakeeper.agent.netlink.IfAddr;
import io.hakeeper.agent.netlink.InterfaceAddress;
import io.hakeeper.common.vrrp.IpFamily;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which address adverts come from when the config names none. */
class SourceAddressTest {

    private static InterfaceAddress on(String address, int prefix, int flags) throws Exception {
        return new InterfaceAddress(3, InetAddress.getByName(address), prefix, "", null, AddressScope.UNIVERSE, flags,
                AddressLifetime.FOREVER);
    }

    @Test
    void ipv4UsesThePrimaryAddressNeverAVipOrASecondary() throws Exception {
        InetAddress vip = InetAddress.getByName("198.18.0.100");
        List<InterfaceAddress> addrs = List.of(on("198.18.0.100", 32, 0), on("fe80::1", 64, 0),
                on("198.18.0.9", 24, IfAddr.IFA_F_SECONDARY), on("198.18.0.1", 24, 0));
        assertEquals(Optional.of(InetAddress.getByName("198.18.0.1")),
                SourceAddress.choose(addrs, IpFamily.IPV4, List.of(vip)));
    }

    @Test
    void ipv6UsesAUsableLinkLocalAddress() throws Exception {
        List<InterfaceAddress> addrs = List.of(on("2001:db8::1", 64, 0), on("fe80::2", 64, IfAddr.IFA_F_TENTATIVE),
                on("fe80::3", 64, 0));
        assertEquals(Optional.of(InetAddress.getByName("fe80::3")), SourceAddress.choose(addrs, IpFamily.IPV6, List.of()));
        assertEquals(Optional.empty(), SourceAddress.choose(List.of(on("fe80::2", 64, IfAddr.IFA_F_TENTATIVE)),
                IpFamily.IPV6, List.of()));
    }
}
