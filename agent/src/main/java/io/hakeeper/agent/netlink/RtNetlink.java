package io.hakeeper.agent.netlink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Links and addresses over rtnetlink (NETLINK_ROUTE): what the agent does with {@code ip link} and
 * {@code ip addr}, without forking {@code ip}.
 *
 * <p>Works in the network namespace the process (strictly: the thread that called {@link #open})
 * was in. Every call waits for the kernel's answer, at most the receive timeout per datagram.
 * Calls are serialised on one socket; give the lease keeper its own instance so a large dump
 * elsewhere never delays a renewal.
 */
public final class RtNetlink implements AutoCloseable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    private final NetlinkSocket socket;

    private RtNetlink(NetlinkSocket socket) {
        this.socket = socket;
    }

    public static RtNetlink open() throws NetlinkException {
        return open(DEFAULT_TIMEOUT);
    }

    /** Opens an rtnetlink socket whose calls give up after {@code timeout} without an answer. */
    public static RtNetlink open(Duration timeout) throws NetlinkException {
        NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE, timeout);
        try {
            // Makes the kernel validate our dump headers and filter address dumps by ifindex
            // (kernel 5.0+). Older kernels refuse the option; we filter on our side anyway.
            socket.trySetOption(Netlink.SOL_NETLINK, Netlink.NETLINK_GET_STRICT_CHK, 1);
        } catch (NetlinkException | RuntimeException e) {
            socket.close();
            throw e;
        }
        return new RtNetlink(socket);
    }

    // ---- links ----

    /** The ifindex of the link called {@code name}; ENODEV if there is none. */
    public int interfaceIndex(String name) throws NetlinkException {
        return link(name).index();
    }

    /** The link called {@code name}, with its flags and operational state. */
    public Link link(String name) throws NetlinkException {
        if (name.isEmpty() || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= IfAddr.IFNAMSIZ) {
            throw new IllegalArgumentException("interface name '" + name + "' must be 1.." + (IfAddr.IFNAMSIZ - 1)
                    + " bytes");
        }
        return single(socket.query(LinkMessages.getLinkByName(name), "look up interface '" + name + "'"),
                "interface '" + name + "'");
    }

    /** The link with index {@code index}. */
    public Link link(int index) throws NetlinkException {
        return single(socket.query(LinkMessages.getLinkByIndex(index), "look up interface index " + index),
                "interface index " + index);
    }

    /** Every link in this network namespace. */
    public List<Link> links() throws NetlinkException {
        List<Link> out = new ArrayList<>();
        for (NetlinkMessage m : socket.dump(LinkMessages.dumpLinks(), "list interfaces")) {
            if (m.type() == Rtnetlink.RTM_NEWLINK) {
                out.add(LinkMessages.decode(m));
            }
        }
        return out;
    }

    private static Link single(List<NetlinkMessage> replies, String what) throws NetlinkException {
        for (NetlinkMessage m : replies) {
            if (m.type() == Rtnetlink.RTM_NEWLINK) {
                return LinkMessages.decode(m);
            }
        }
        throw new NetlinkException("look up " + what + ": the kernel answered without a link message");
    }

    // ---- addresses ----

    /**
     * Adds an address with a lifetime, like {@code ip addr add}. After {@code lifetime.validSeconds()}
     * the kernel deletes it by itself unless renewed with {@link #replaceLifetime}.
     *
     * @throws NetlinkException EEXIST if the address is already there, ENODEV if the link is gone,
     *                          EPERM without CAP_NET_ADMIN
     */
    public void addAddress(AddressSpec spec, AddressLifetime lifetime) throws NetlinkException {
        socket.acknowledged(AddressMessages.newAddress(spec, lifetime, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL),
                "add address " + spec);
    }

    /**
     * Sets an address's lifetimes from now (RTM_NEWADDR with NLM_F_REPLACE and IFA_CACHEINFO): the
     * lease renewal. One request and one ack, no dump.
     *
     * <p>Caution: if the address is no longer there (it expired, or someone deleted it), the kernel
     * adds it again rather than failing; it ignores the absence of NLM_F_CREATE for addresses
     * (net/ipv4/devinet.c inet_rtm_newaddr, net/ipv6/addrconf.c inet6_rtm_newaddr). The request
     * carries the whole spec, so a re-created address is identical. Call this only while entitled
     * to hold the address.
     */
    public void replaceLifetime(AddressSpec spec, AddressLifetime lifetime) throws NetlinkException {
        socket.acknowledged(AddressMessages.newAddress(spec, lifetime, Netlink.NLM_F_REPLACE),
                "renew lifetime of address " + spec);
    }

    /**
     * Deletes an address and returns once the kernel has acknowledged it: by then it is off the
     * interface.
     *
     * @throws NetlinkException EADDRNOTAVAIL if it is not there (IPv4 and IPv6 alike), ENODEV if
     *                          the link is gone
     */
    public void deleteAddress(AddressSpec spec) throws NetlinkException {
        socket.acknowledged(AddressMessages.deleteAddress(spec), "delete address " + spec);
    }

    /** Every IPv4 and IPv6 address in this network namespace. */
    public List<InterfaceAddress> addresses() throws NetlinkException {
        return addresses(0);
    }

    /** The IPv4 and IPv6 addresses on link {@code interfaceIndex} (all links when 0). */
    public List<InterfaceAddress> addresses(int interfaceIndex) throws NetlinkException {
        List<InterfaceAddress> out = new ArrayList<>();
        String what = interfaceIndex > 0 ? "list addresses on interface index " + interfaceIndex : "list addresses";
        for (NetlinkMessage m : socket.dump(AddressMessages.dumpAddresses(Rtnetlink.AF_UNSPEC, interfaceIndex), what)) {
            if (m.type() != Rtnetlink.RTM_NEWADDR || !AddressMessages.isInet(m)) {
                continue;
            }
            InterfaceAddress a = AddressMessages.decode(m);
            if (interfaceIndex <= 0 || a.interfaceIndex() == interfaceIndex) {
                out.add(a);
            }
        }
        return out;
    }

    @Override
    public void close() {
        socket.close();
    }
}
