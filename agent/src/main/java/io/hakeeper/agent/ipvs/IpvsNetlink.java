package io.hakeeper.agent.ipvs;

import io.hakeeper.agent.netlink.Netlink;
import io.hakeeper.agent.netlink.NetlinkCodec;
import io.hakeeper.agent.netlink.NetlinkError;
import io.hakeeper.agent.netlink.NetlinkException;
import io.hakeeper.agent.netlink.NetlinkMessage;
import io.hakeeper.agent.netlink.NetlinkMessageBuilder;
import io.hakeeper.agent.netlink.NetlinkSocket;
import io.hakeeper.agent.netlink.NetlinkTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The kernel's IPVS table over generic netlink (family "IPVS", version 1): what ipvsadm does,
 * without forking it. One socket, opened in the caller's network namespace, with the family id
 * resolved once at {@link #open}. Changes go out a batch per datagram ({@link #send}) or one at a
 * time ({@link #apply}); reads are a service dump and a destination dump per service, every part
 * up to NLMSG_DONE. Calls are serialised on the socket.
 *
 * <p>Errors say what to do: {@code the ip_vs kernel module is not loaded (modprobe ip_vs)} when
 * the family is missing, {@code scheduler 'xyz' is not available (modprobe ip_vs_xyz)}, {@code needs
 * CAP_NET_ADMIN} ({@link IpvsErrors}).
 */
public final class IpvsNetlink implements IpvsKernel, AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Largest datagram of changes we send, about 100 requests: well under the socket send buffer
     * (net.core.wmem_default, 212992 bytes; netlink_sendmsg refuses more with EMSGSIZE), and few
     * enough that an error message for every one of them fits the receive buffer.
     */
    static final int MAX_DATAGRAM = 16 * 1024;
    /** Receive buffer asked for: answers to a datagram (and a large dump part) with room to spare. */
    private static final int RECEIVE_BUFFER = 1 << 20;

    private final NetlinkSocket socket;
    private final GenlFamily family;
    /** Sequence numbers of batched requests, apart from the socket's own (which counts up from the clock). */
    private int nextSequence = 0x10000000 | new Random().nextInt(0x00ffffff);

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
            // Room for the answers to a datagram of changes; best effort (root may exceed rmem_max).
            try {
                socket.setReceiveBufferSize(RECEIVE_BUFFER);
            } catch (NetlinkException e) {
                // the default (net.core.rmem_default) still holds the answers to one datagram
            }
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
    public synchronized IpvsInfo info() throws NetlinkException {
        for (NetlinkMessage m : query(IpvsMessages.getInfo(family.id()), "read IPVS version")) {
            if (m.type() == family.id()) {
                return IpvsReplies.info(m, family.id());
            }
        }
        throw new NetlinkException("read IPVS version: the kernel answered without IPVS_CMD_SET_INFO");
    }

    /** Every service with its destinations, counters and stats. */
    public IpvsDump dump() throws NetlinkException {
        return dump(null, true);
    }

    /** Every service with its destinations (no counters: the cheaper read the reconciler needs). */
    @Override
    public IpvsTable table() throws NetlinkException {
        return dump(null, false).table();
    }

    /** {@code services} (those of them the kernel has) with their destinations: one service dump, then one destination dump each. */
    @Override
    public IpvsTable table(Set<IpvsServiceKey> services) throws NetlinkException {
        return dump(services, false).table();
    }

    private synchronized IpvsDump dump(Set<IpvsServiceKey> only, boolean withStats) throws NetlinkException {
        int id = family.id();
        TreeMap<IpvsServiceKey, IpvsServiceEntry> services = new TreeMap<>();
        Map<IpvsServiceKey, IpvsStats> serviceStats = new LinkedHashMap<>();
        Map<IpvsServiceKey, Map<DestinationKey, DestinationCounters>> counts = new LinkedHashMap<>();
        Map<IpvsServiceKey, Map<DestinationKey, IpvsStats>> destStats = new LinkedHashMap<>();
        for (NetlinkMessage m : dump(IpvsMessages.dumpServices(id), "list IPVS services")) {
            if (m.type() != id) {
                continue;
            }
            IpvsReplies.Service s = IpvsReplies.service(m, id, withStats);
            IpvsServiceKey key = s.service().key();
            if (only != null && !only.contains(key)) {
                continue;
            }
            serviceStats.put(key, s.stats());
            List<IpvsDestination> dests = new ArrayList<>();
            Map<DestinationKey, DestinationCounters> c = new LinkedHashMap<>();
            Map<DestinationKey, IpvsStats> st = new LinkedHashMap<>();
            for (NetlinkMessage dm : dump(IpvsMessages.dumpDestinations(id, key), "list destinations of " + key)) {
                if (dm.type() != id) {
                    continue;
                }
                IpvsReplies.Destination d = IpvsReplies.destination(dm, id, key.family(), withStats);
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

    /**
     * Sends the batch as one datagram (several when it passes {@link #MAX_DATAGRAM} bytes, cut
     * between requests): every request but the datagram's last goes without NLM_F_ACK, so the
     * kernel answers a datagram with one acknowledgement, plus an error message for each request
     * it refused (netlink_rcv_skb acks errors whatever the flags). One send and one receive per
     * datagram instead of per request.
     *
     * <p>generic netlink does not stop inside a datagram when a request fails, so the requests
     * after a refused one in the same datagram are still carried out (a refused service's
     * destinations are then refused too, ESRCH); each is reported as applied or refused. No
     * datagram is sent after one with a refusal.
     */
    @Override
    public synchronized Sent send(List<IpvsOp> ops) {
        List<IpvsOp> applied = new ArrayList<>();
        List<IpvsRequestException> refused = new ArrayList<>();
        int i = 0;
        while (i < ops.size()) {
            List<IpvsOp> chunk = new ArrayList<>();
            List<ByteBuffer> messages = new ArrayList<>();
            int bytes = 0;
            int j = i;
            while (j < ops.size()) {
                ByteBuffer m = IpvsMessages.request(family.id(), ops.get(j)).build();
                if (!chunk.isEmpty() && bytes + m.remaining() > MAX_DATAGRAM) {
                    break;
                }
                chunk.add(ops.get(j));
                messages.add(m);
                bytes += m.remaining();
                j++;
            }
            Map<Integer, NetlinkError> errors;
            try {
                errors = exchange(messages, "send " + chunk.size() + " IPVS change" + (chunk.size() == 1 ? "" : "s"));
            } catch (NetlinkException e) {
                return new Sent(applied, refused, chunk, ops.subList(j, ops.size()), Optional.of(e));
            }
            for (int k = 0; k < chunk.size(); k++) {
                NetlinkError e = errors.get(k);
                if (e == null) {
                    applied.add(chunk.get(k));
                } else {
                    IpvsOp op = chunk.get(k);
                    refused.add(IpvsErrors.refused(op, NetlinkException.fromErrno(op.toString(), e.errno(), e.kernelMessage())));
                }
            }
            i = j;
            if (!errors.isEmpty()) {
                break;
            }
        }
        return new Sent(applied, refused, List.of(), ops.subList(i, ops.size()), Optional.empty());
    }

    /**
     * Sends {@code messages} in one datagram, the last with NLM_F_ACK, and returns the errors the
     * kernel answered, by index. Sequence numbers are this object's own run of numbers.
     */
    private Map<Integer, NetlinkError> exchange(List<ByteBuffer> messages, String operation)
            throws NetlinkException {
        int n = messages.size();
        int first = nextSequence;
        nextSequence += n;
        socket.send(IpvsMessages.datagram(messages, first), operation);
        Map<Integer, NetlinkError> errors = new HashMap<>();
        while (true) {
            for (NetlinkMessage m : socket.receive(operation)) {
                int index = m.sequence() - first; // wraps correctly: n is small
                if (m.type() != Netlink.NLMSG_ERROR || index < 0 || index >= n
                        || (m.portId() != socket.portId() && m.portId() != 0)) {
                    continue; // a late answer to something else
                }
                NetlinkError e = NetlinkCodec.decodeError(m);
                if (!e.isAck()) {
                    errors.put(index, e);
                }
                if (index == n - 1) {
                    return errors;
                }
            }
        }
    }

    /** Sends one change and waits for its acknowledgement. */
    public synchronized void apply(IpvsOp op) throws NetlinkException {
        try {
            socket.acknowledged(IpvsMessages.request(family.id(), op), op.toString());
        } catch (NetlinkTimeoutException e) {
            throw e;
        } catch (NetlinkException e) {
            throw e.errno() != 0 ? IpvsErrors.refused(op, e) : e;
        }
    }

    /** IPVS_CMD_FLUSH: removes every service, ours or not. For tests; the agent never flushes. */
    public synchronized void flush() throws NetlinkException {
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
