package io.hakeeper.agent.fence;

import io.hakeeper.agent.netlink.AddressLifetime;
import io.hakeeper.agent.netlink.AddressScope;
import io.hakeeper.agent.netlink.AddressSpec;
import io.hakeeper.agent.netlink.InterfaceAddress;
import io.hakeeper.agent.netlink.NetlinkException;
import io.hakeeper.agent.netlink.RtNetlink;
import io.hakeeper.common.config.grammar.IpLiteral;
import io.hakeeper.common.config.model.VirtualIp;
import io.hakeeper.common.config.model.VrrpInstance;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts one instance's VIPs on their interfaces with a kernel lifetime, renews it, and removes them
 * (DESIGN.md, "The fence"): the kernel deletes a VIP whose lifetime ends, whatever happens to this
 * process. Not thread-safe: each thread that touches VIPs owns its own keeper and netlink socket.
 */
public final class VipKeeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VipKeeper.class);
    /** EADDRNOTAVAIL (include/uapi/asm-generic/errno.h): the address is already gone. */
    private static final int EADDRNOTAVAIL = 99;

    private final RtNetlink netlink;
    private final List<VirtualIp> vips;
    private final String defaultInterface;

    public VipKeeper(RtNetlink netlink, VrrpInstance instance) {
        this.netlink = netlink;
        // The holder adds both lists (keepalived: excluded addresses are not in adverts, but held).
        List<VirtualIp> all = new ArrayList<>(instance.virtualIps());
        all.addAll(instance.excludedVirtualIps());
        this.vips = List.copyOf(all);
        this.defaultInterface = instance.iface();
    }

    /**
     * Adds or renews every VIP with {@code validSec} of life (the first call adds, later calls
     * renew: RTM_NEWADDR with NLM_F_REPLACE re-creates a missing address, see
     * {@link RtNetlink#replaceLifetime}). Call only while entitled to hold the VIPs.
     */
    public void hold(int validSec) throws NetlinkException {
        AddressLifetime life = AddressLifetime.ofSeconds(validSec);
        for (AddressSpec spec : specs()) {
            netlink.replaceLifetime(spec, life);
        }
    }

    /** Deletes every VIP and returns once the kernel has acknowledged each; a missing one is fine. */
    public void remove() throws NetlinkException {
        NetlinkException first = null;
        for (AddressSpec spec : specs()) {
            try {
                netlink.deleteAddress(spec);
            } catch (NetlinkException e) {
                if (e.errno() != EADDRNOTAVAIL) {
                    log.error("cannot delete VIP {}: {}", spec, e.getMessage());
                    first = first == null ? e : first;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** The configured VIPs found on any local interface now (start-up clean-up, duplicate detection). */
    public List<InterfaceAddress> present() throws NetlinkException {
        List<InterfaceAddress> found = new ArrayList<>();
        List<InetAddress> ours = new ArrayList<>();
        for (VirtualIp v : vips) {
            ours.add(address(v));
        }
        for (InterfaceAddress a : netlink.addresses()) {
            if (ours.contains(a.address())) {
                found.add(a);
            }
        }
        return found;
    }

    /** Deletes the configured VIPs wherever they are on this host (DESIGN.md, "The fence", point 5). */
    public List<InterfaceAddress> removeLeftovers() throws NetlinkException {
        List<InterfaceAddress> found = present();
        for (InterfaceAddress a : found) {
            try {
                netlink.deleteAddress(new AddressSpec(a.interfaceIndex(), a.address(), a.prefixLength(), null, null,
                        AddressScope.UNIVERSE, false));
            } catch (NetlinkException e) {
                if (e.errno() != EADDRNOTAVAIL) {
                    throw e;
                }
            }
        }
        return found;
    }

    private List<AddressSpec> specs() throws NetlinkException {
        List<AddressSpec> out = new ArrayList<>(vips.size());
        for (VirtualIp v : vips) {
            String dev = v.dev() != null ? v.dev() : defaultInterface;
            int index = netlink.interfaceIndex(dev);
            AddressSpec spec = AddressSpec.of(index, address(v), v.prefix());
            if (v.label() != null) {
                spec = spec.withLabel(v.label());
            }
            if (v.scope() != null) {
                spec = spec.withScope(scope(v.scope()));
            }
            out.add(spec);
        }
        return out;
    }

    /** ip(8)'s scope names (the config grammar allows only these). */
    private static AddressScope scope(String name) {
        return switch (name) {
            case "site" -> AddressScope.SITE;
            case "link" -> AddressScope.LINK;
            case "host" -> AddressScope.HOST;
            case "nowhere" -> AddressScope.NOWHERE;
            default -> AddressScope.UNIVERSE;
        };
    }

    static InetAddress address(VirtualIp v) {
        byte[] bytes = IpLiteral.parse(v.address()).orElseThrow().bytes();
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        netlink.close();
    }
}
