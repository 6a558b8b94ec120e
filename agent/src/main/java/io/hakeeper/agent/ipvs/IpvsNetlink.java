package io.hakeeper.agent.ipvs;

import io.hakeeper.agent.netlink.Netlink;
import io.hakeeper.agent.netlink.NetlinkException;
import io.hakeeper.agent.netlink.NetlinkMessage;
import io.hakeeper.agent.netlink.NetlinkMessageBuilder;
import io.hakeeper.agent.netlink.NetlinkSocket;
import io.hakeeper.agent.netlink.NetlinkTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kernel's IPVS table over generic netlink (family "IPVS", version 1): what ipvsadm does,
 * without forking it. One socket, opened in the caller's network namespace, with the family id
 * resolved once at {@link #open}. Each change is one request and one acknowledgement; dumps read
 * every part up to NLMSG_DONE. Calls are serialised on the socket.
 *
 * <p>Errors say what to do: {@code the ip_vs kernel module is not loaded (modprobe ip_vs)} when
 * the family is missing, {@code scheduler 'xyz' is not available (modprobe ip_vs_xyz)}, {@code needs
 * CAP_NET_ADMIN} ({@link IpvsErrors}).
 */
public final class IpvsNetlink implements IpvsKernel, AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final NetlinkSocket socket;
    private final GenlFamily family;

    private IpvsNetlink(NetlinkSocket socket, GenlFamily family) {
        this.socket = socket;
        this.family = family;
    }

    public static IpvsNetlink open() throws NetlinkException {
        return open(DEFAULT_TIMEOUT);
    }

    /**
     * Opens a generic netlink socket and resolves the IPVS family.
     *
     * @param timeout how long any one answer may take
     * @throws IpvsRequestException "the ip_vs kernel module is not loaded (modprobe ip_vs)" when the
     *                              family is unknown
     */
    public static IpvsNetlink open(Duration timeout) throws NetlinkException {
        NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_GENERIC, timeout);
        try {
            return new IpvsNetlink(socket, resolve(socket));
        } catch (NetlinkException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static GenlFamily resolve(NetlinkSocket socket) throws NetlinkException {
        String operation = "resolve generic netlink family " + IpvsGenl.IPVS_GENL_NAME;
        List<NetlinkMessage> replies;
        try {
            replies = socket.query(GenlFamily.lookup(IpvsGenl.IPVS_GENL_NAME), operation);
        } catch (NetlinkTimeoutException e) {
            throw e;
        } catch (NetlinkException e) {
            throw e.errno() != 0 ? IpvsErrors.familyLookup(operation, e) : e;
        }
        for (NetlinkMessage m : replies) {
            if (m.type() == Genetlink.GENL_ID_CTRL) {
                return GenlFamily.decode(m);
            }
        }
        throw new NetlinkException(operation + ": the controller answered without a family");
    }

    /** The family as the controller described it (its id changes from boot to boot). */
    public GenlFamily family() {
        return family;
    }

    /** IPVS_CMD_GET_INFO: version and connection hash table size, as {@code ipvsadm -L}'s first line shows. */
    public IpvsInfo info() throws NetlinkException {
        for (NetlinkMessage m : query(IpvsMessages.getInfo(family.id()), "read IPVS version")) {
            if (m.type() == family.id()) {
                return IpvsReplies.info(m, family.id());
            }
        }
        throw new NetlinkException("read IPVS version: the kernel answered without IPVS_CMD_SET_INFO");
    }

    /** Every service with its destinations, counters and stats. */
    public IpvsDump dump() throws NetlinkException {
        int id = family.id();
        TreeMap<IpvsServiceKey, IpvsServiceEntry> services = new TreeMap<>();
        Map<IpvsServiceKey, IpvsStats> serviceStats = new LinkedHashMap<>();
        Map<IpvsServiceKey, Map<DestinationKey, DestinationCounters>> counts = new LinkedHashMap<>();
        Map<IpvsServiceKey, Map<DestinationKey, IpvsStats>> destStats = new LinkedHashMap<>();
        for (NetlinkMessage m : dump(IpvsMessages.dumpServices(id), "list IPVS services")) {
            if (m.type() != id) {
                continue;
            }
            IpvsReplies.Service s = IpvsReplies.service(m, id);
            IpvsServiceKey key = s.service().key();
            serviceStats.put(key, s.stats());
            List<IpvsDestination> dests = new ArrayList<>();
            Map<DestinationKey, DestinationCounters> c = new LinkedHashMap<>();
            Map<DestinationKey, IpvsStats> st = new LinkedHashMap<>();
            for (NetlinkMessage dm : dump(IpvsMessages.dumpDestinations(id, key), "list destinations of " + key)) {
                if (dm.type() != id) {
                    continue;
                }
                IpvsReplies.Destination d = IpvsReplies.destination(dm, id, key.family());
                dests.add(d.destination());
                c.put(d.destination().key(), d.counters());
                st.put(d.destination().key(), d.stats());
            }
            services.put(key, IpvsServiceEntry.of(s.service(), dests));
            counts.put(key, c);
            destStats.put(key, st);
        }
        return new IpvsDump(new IpvsTable(services), serviceStats, counts, destStats);
    }

    @Override
    public IpvsTable table() throws NetlinkException {
        return dump().table();
    }

    @Override
    public void apply(IpvsOp op) throws NetlinkException {
        try {
            socket.acknowledged(IpvsMessages.request(family.id(), op), op.toString());
        } catch (NetlinkTimeoutException e) {
            throw e;
        } catch (NetlinkException e) {
            throw e.errno() != 0 ? IpvsErrors.refused(op, e) : e;
        }
    }

    /** IPVS_CMD_FLUSH: removes every service, ours or not. For tests; the agent never flushes. */
    public void flush() throws NetlinkException {
        try {
            socket.acknowledged(IpvsMessages.flush(family.id()), "flush the IPVS table");
        } catch (NetlinkTimeoutException e) {
            throw e;
        } catch (NetlinkException e) {
            throw e.errno() != 0 ? IpvsErrors.query("flush the IPVS table", e) : e;
        }
    }

    private List<NetlinkMessage> query(NetlinkMessageBuilder request, String operation)
            throws NetlinkException {
        try {
            return socket.query(request, operation);
        } catch (NetlinkTimeoutException e) {
            throw e;
        } catch (NetlinkException e) {
            throw e.errno() != 0 ? IpvsErrors.query(operation, e) : e;
        }
    }

    private List<NetlinkMessage> dump(NetlinkMessageBuilder request, String operation)
            throws NetlinkException {
        try {
            return socket.dump(request, operation);
        } catch (NetlinkTimeoutException e) {
            throw e;
        } catch (NetlinkException e) {
            throw e.errno() != 0 ? IpvsErrors.query(operation, e) : e;
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
