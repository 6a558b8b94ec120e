package io.hakeeper.common.vrrp;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

/** Builds machines and the inputs to drive them with, on a fake clock that is just a number. */
final class MachineFixture {

    static final long SECOND = 1_000_000_000L;
    static final InetAddress SELF = Wire.ip("198.18.7.1");
    static final InetAddress PEER = Wire.ip("198.18.7.2");
    static final InetAddress OTHER_PEER = Wire.ip("198.18.7.3");
    static final InetAddress STRANGER = Wire.ip("198.18.7.99");
    static final InetAddress VIP = Wire.ip("198.18.7.100");
    static final InetAddress GROUP = VrrpProtocol.VRRP_MCAST_GROUP4;
    static final Set<InetAddress> MEMBERS = Set.of(SELF, PEER, OTHER_PEER);
    static final VrrpAuth AUTH = VrrpAuth.password("secret");

    private MachineFixture() {
    }

    /** VRRPv2, VRID 51, advert_int 1 s, priority 100. */
    static VrrpMachineConfig v2() {
        return new VrrpMachineConfig(51, 2, IpFamily.IPV4, AUTH, 1, List.of(VIP), 100, MEMBERS::contains);
    }

    /** VRRPv3 over IPv4, VRID 51, 100 cs, priority 100. */
    static VrrpMachineConfig v3(int centiseconds) {
        return new VrrpMachineConfig(51, 3, IpFamily.IPV4, VrrpAuth.NONE, centiseconds, List.of(VIP), 100,
                MEMBERS::contains);
    }

    /** What a decoder returns for a valid advert. */
    static DecodeResult ok(VrrpAdvert advert) {
        return new DecodeResult.Ok(advert, ChecksumForm.defaultFor(advert.version()), List.of());
    }

    static VrrpInput.Received v2From(long now, InetAddress source, int priority) {
        return new VrrpInput.Received(now, source, ok(VrrpAdvert.v2(51, priority, 1, AUTH, List.of(VIP))));
    }

    static VrrpInput.Received v3From(long now, InetAddress source, int priority, int centiseconds) {
        return new VrrpInput.Received(now, source,
                ok(VrrpAdvert.v3(51, priority, centiseconds, IpFamily.IPV4, List.of(VIP))));
    }

    static VrrpInput.Tick tick(long now) {
        return new VrrpInput.Tick(now);
    }

    static <T extends VrrpAction> List<T> only(List<VrrpAction> actions, Class<T> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
