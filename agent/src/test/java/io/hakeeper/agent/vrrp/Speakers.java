package io.hakeeper.agent.vrrp;

import io.hakeeper.common.vrrp.IpFamily;
import io.hakeeper.common.vrrp.VrrpAuth;
import io.hakeeper.common.vrrp.VrrpMachineConfig;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Speaker configurations for the lab: VRID 51 on {@link VrrpLab#IFACE}, members given by address. */
final class Speakers {
    private Speakers() {
    }

    static final int VRID = 51;
    static final String PASSWORD = "hkvpass1";

    /** VRRPv2 over IPv4 multicast, auth PASS, advert_int 1 s. */
    static SpeakerConfig v2(String name, int priority, Set<InetAddress> members, InetAddress vip) {
        VrrpMachineConfig machine = new VrrpMachineConfig(VRID, 2, IpFamily.IPV4, VrrpAuth.password(PASSWORD), 1,
                List.of(vip), priority, members::contains);
        return new SpeakerConfig(name, VrrpLab.IFACE, machine, Optional.empty(), List.of(),
                SpeakerConfig.DEFAULT_RECEIVE_TIMEOUT);
    }

    /** VRRPv3 in {@code family}, interval in centiseconds. */
    static SpeakerConfig v3(String name, IpFamily family, int centiseconds, int priority, Set<InetAddress> members,
                            InetAddress vip) {
        VrrpMachineConfig machine = new VrrpMachineConfig(VRID, 3, family, VrrpAuth.NONE, centiseconds, List.of(vip),
                priority, members::contains);
        return new SpeakerConfig(name, VrrpLab.IFACE, machine, Optional.empty(), List.of(),
                SpeakerConfig.DEFAULT_RECEIVE_TIMEOUT);
    }

    /** The same speaker, sending to {@code peers} by unicast from {@code source}. */
    static SpeakerConfig unicast(SpeakerConfig c, InetAddress source, List<InetAddress> peers) {
        return new SpeakerConfig(c.instance(), c.interfaceName(), c.machine(), Optional.of(source), peers,
                c.receiveTimeout());
    }
}
