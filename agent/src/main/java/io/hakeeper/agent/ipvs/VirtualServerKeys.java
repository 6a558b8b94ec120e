package io.hakeeper.agent.ipvs;

import io.hakeeper.common.config.model.Endpoint;
import io.hakeeper.common.config.model.KeepalivedConfig;
import io.hakeeper.common.config.model.RealServer;
import io.hakeeper.common.config.model.VirtualServer;
import io.hakeeper.common.config.model.VirtualServerGroup;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The IPVS services one {@code virtual_server} block stands for (keepalived.conf(5), "Virtual
 * server(s)" and "Virtual server group(s)"): {@code IP PORT} is one service, {@code fwmark N} is
 * one, and {@code group NAME} is one per address of each range line and one per {@code fwmark}
 * line of the group, all sharing the block's settings and real servers.
 */
final class VirtualServerKeys {

    private VirtualServerKeys() {
    }

    static List<IpvsServiceKey> of(VirtualServer vs, KeepalivedConfig config, Collection<String> warnings) {
        IpvsProtocol protocol = IpvsProtocol.of(vs.protocol());
        return switch (vs.kind()) {
            case ADDRESS -> List.of(new IpvsServiceKey.Address(protocol, IpAddress.parse(vs.address()), vs.port()));
            case FWMARK -> List.of(new IpvsServiceKey.Fwmark(fwmarkFamily(vs), vs.fwmark()));
            case GROUP -> group(vs, config, protocol, warnings);
        };
    }

    private static List<IpvsServiceKey> group(VirtualServer vs, KeepalivedConfig config, IpvsProtocol protocol,
                                              Collection<String> warnings) {
        Optional<VirtualServerGroup> group = config.virtualServerGroups().stream()
                .filter(g -> g.name().equals(vs.group())).findFirst();
        if (group.isEmpty()) {
            warnings.add("virtual_server group " + vs.group() + ": no virtual_server_group of that name; nothing to program");
            return List.of();
        }
        List<IpvsServiceKey> keys = new ArrayList<>();
        for (VirtualServerGroup.Member m : group.get().members()) {
            if (m.fwmark() != null) {
                keys.add(new IpvsServiceKey.Fwmark(fwmarkFamily(vs), m.fwmark()));
                continue;
            }
            IpAddress first = IpAddress.parse(m.firstAddress());
            IpAddress last = IpAddress.parse(m.lastAddress());
            long count = last.low() - first.low() + 1;
            if (last.family() != first.family() || last.high() != first.high() || count < 1 || count > 65536) {
                warnings.add("virtual_server_group " + group.get().name() + ": range " + first + "-" + last
                        + " is not a range of the last address part; using " + first + " alone");
                count = 1;
            }
            for (long i = 0; i < count; i++) {
                keys.add(new IpvsServiceKey.Address(protocol, first.plus(i), m.port()));
            }
        }
        return keys;
    }

    /**
     * A fwmark has no address to take a family from. keepalived.conf(5), "LVS CONFIGURATION":
     * non-tunnelled real and sorry servers must share the virtual server's family, and when they
     * are all tunnelled the virtual server takes their family if they all agree, "otherwise it will
     * default to IPv4". Either way: the servers' common family, else IPv4.
     */
    static AddressFamily fwmarkFamily(VirtualServer vs) {
        if (vs.ipv6()) {
            return AddressFamily.INET6;
        }
        Set<Boolean> ipv6 = new HashSet<>();
        for (RealServer rs : vs.realServers()) {
            ipv6.add(rs.endpoint().ipv6());
        }
        Endpoint sorry = vs.sorryServer();
        if (sorry != null) {
            ipv6.add(sorry.ipv6());
        }
        return ipv6.equals(Set.of(true)) ? AddressFamily.INET6 : AddressFamily.INET;
    }
}
