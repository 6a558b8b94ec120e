package io.hakeeper.agent.vrrp;

import io.hakeeper.common.config.model.VirtualIp;
import io.hakeeper.common.config.model.VrrpInstance;
import io.hakeeper.common.vrrp.IpFamily;
import io.hakeeper.common.vrrp.VrrpAuth;
import io.hakeeper.common.vrrp.VrrpMachineConfig;
import io.hakeeper.common.vrrp.VrrpProtocol;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Everything one {@link VrrpSpeaker} needs: the virtual router, the interface, and how to reach the
 * other routers.
 *
 * @param instance       the vrrp_instance name, for logs and thread names
 * @param interfaceName  the interface adverts go out of and come in on
 * @param machine        the virtual router (VRID, version, family, auth, interval, VIPs, priority, members)
 * @param source         mcast_src_ip / unicast_src_ip; empty: the interface's primary address
 *                       (IPv4) or its link-local address (IPv6, RFC 5798 section 5.1.2.1)
 * @param unicastPeers   unicast_peer addresses; empty: multicast to 224.0.0.18 / ff02::12
 * @param receiveTimeout how long one socket receive waits, which bounds how long close() takes
 */
public record SpeakerConfig(String instance, String interfaceName, VrrpMachineConfig machine,
                            Optional<InetAddress> source, List<InetAddress> unicastPeers, Duration receiveTimeout) {

    public static final Duration DEFAULT_RECEIVE_TIMEOUT = Duration.ofMillis(100);

    public SpeakerConfig {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(receiveTimeout, "receiveTimeout");
        unicastPeers = List.copyOf(unicastPeers);
        source.ifPresent(s -> requireFamily(s, machine.family(), "source address"));
        for (InetAddress peer : unicastPeers) {
            requireFamily(peer, machine.family(), "unicast_peer");
        }
    }

    public boolean unicast() {
        return !unicastPeers.isEmpty();
    }

    /** Where each advert goes: every unicast peer, or the family's VRRP group. */
    public List<InetAddress> destinations() {
        return unicast() ? unicastPeers : List.of(machine.family().multicastGroup());
    }

    /**
     * The speaker for a configured instance, as keepalived would run it: {@code vrrp_version} from
     * the instance or else {@code global_defs}; an instance with IPv6 virtual addresses speaks
     * VRRPv3 over IPv6 whatever the version (keepalived does the same); a VRRPv2 {@code advert_int}
     * rounds to whole seconds (at least 1); VRRPv3 keeps centiseconds.
     *
     * @param globalVersion {@code global_defs vrrp_version}
     * @param isMember      whether an address belongs to an agent of our cluster
     */
    public static SpeakerConfig from(VrrpInstance instance, int globalVersion, Predicate<InetAddress> isMember) {
        List<VirtualIp> vips = instance.virtualIps();
        IpFamily family = !vips.isEmpty() && vips.get(0).ipv6() ? IpFamily.IPV6 : IpFamily.IPV4;
        int version = instance.version() != null ? instance.version() : globalVersion;
        if (family == IpFamily.IPV6) {
            version = VrrpProtocol.VRRP_VERSION_3;
        }
        List<InetAddress> addresses = new ArrayList<>();
        for (VirtualIp vip : vips) {
            if (vip.ipv6() != (family == IpFamily.IPV6)) {
                throw new IllegalArgumentException("vrrp_instance " + instance.name() + ": virtual_ipaddress "
                        + vip.address() + " is not " + family + " like the first one; VRRP carries one family per"
                        + " instance, so put it in an instance of its own");
            }
            addresses.add(literal(vip.address(), instance.name()));
        }
        VrrpAuth auth = version == VrrpProtocol.VRRP_VERSION_2 ? VrrpAuth.fromConfig(instance.authentication())
                : VrrpAuth.NONE;
        int interval = version == VrrpProtocol.VRRP_VERSION_2
                ? Math.max(1, Math.round(instance.advertIntMs() / 1000f))
                : Math.max(1, instance.advertIntMs() / 10);
        int priority = Math.max(1, Math.min(VrrpProtocol.VRRP_PRIO_OWNER, instance.priority()));
        VrrpMachineConfig machine = new VrrpMachineConfig(instance.vrid(), version, family, auth, interval, addresses,
                priority, isMember);
        List<InetAddress> peers = new ArrayList<>();
        for (String peer : instance.unicastPeers()) {
            peers.add(literal(peer, instance.name()));
        }
        String src = peers.isEmpty() ? instance.mcastSrcIp() : instance.unicastSrcIp();
        if (src == null) {
            src = peers.isEmpty() ? instance.unicastSrcIp() : instance.mcastSrcIp();
        }
        Optional<InetAddress> source = Optional.ofNullable(src).map(s -> literal(s, instance.name()));
        return new SpeakerConfig(instance.name(), instance.iface(), machine, source, peers, DEFAULT_RECEIVE_TIMEOUT);
    }

    /** An address literal; the config validator already refused names, so no lookup happens. */
    private static InetAddress literal(String text, String instance) {
        String bare = text.contains("/") ? text.substring(0, text.indexOf('/')) : text;
        // Only literals reach getByName, which then never resolves: dotted IPv4 or anything with a colon.
        if (!bare.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !bare.contains(":")) {
            throw new IllegalArgumentException("vrrp_instance " + instance + ": '" + text + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(bare);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("vrrp_instance " + instance + ": '" + text + "' is not an IP address", e);
        }
    }

    private static void requireFamily(InetAddress address, IpFamily family, String what) {
        if (IpFamily.of(address) != family) {
            throw new IllegalArgumentException(what + " " + address.getHostAddress() + " is not " + family
                    + " like the instance's virtual addresses");
        }
    }
}
