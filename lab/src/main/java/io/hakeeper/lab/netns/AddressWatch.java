package io.hakeeper.lab.netns;

import io.hakeeper.agent.netlink.AddressMessages;
import io.hakeeper.agent.netlink.InterfaceAddress;
import io.hakeeper.agent.netlink.MalformedNetlinkMessageException;
import io.hakeeper.agent.netlink.Netlink;
import io.hakeeper.agent.netlink.NetlinkException;
import io.hakeeper.agent.netlink.NetlinkMessage;
import io.hakeeper.agent.netlink.NetlinkSocket;
import io.hakeeper.agent.netlink.NetlinkTimeoutException;
import io.hakeeper.agent.netlink.Rtnetlink;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Address notifications of several network namespaces on ONE netlink socket in this JVM's
 * namespace (NETLINK_LISTEN_ALL_NSID, include/uapi/linux/netlink.h), so that they arrive in the
 * order the kernel sent them, whichever namespace each comes from. One reader thread stamps each
 * datagram with CLOCK_MONOTONIC as recvmsg returns it: a reader that is scheduled late stamps late,
 * but can never reorder a removal in one namespace and an addition in another. (Two monitors, one
 * per namespace, each stamping on its own thread, can: that is how a bench once printed 0.1 ms of
 * overlap that was not there.)
 *
 * <p>Each namespace gets an id in this namespace ({@code ip netns set NAME auto}) if it has none.
 */
public final class AddressWatch implements AutoCloseable {

    /** Receives every address added to or removed from a watched namespace, on the reader thread. */
    public interface Listener {
        void changed(String node, InetAddress address, boolean added, long monotonicNanos);
    }

    /** Room for bursts: renewals of thousands of addresses between two reads. */
    private static final int RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

    private final Map<Integer, String> nodeById = new HashMap<>();
    private final Listener listener;
    private final NetlinkSocket socket;
    private final Thread reader;
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private volatile boolean running = true;
    private volatile String failure;

    /**
     * Starts watching; every change after this returns is reported.
     *
     * @param namespaceByNode the node name each reported change carries, by namespace name
     */
    public AddressWatch(Map<String, String> namespaceByNode, Listener listener) throws IOException {
        this.listener = listener;
        Map<String, Integer> ids = NamespaceIds.assign(namespaceByNode.values());
        for (Map.Entry<String, String> e : namespaceByNode.entrySet()) {
            Integer id = ids.get(e.getValue());
            if (id == null) {
                throw new IOException("namespace " + e.getValue() + " has no id after 'ip netns set "
                        + e.getValue() + " auto' (ip netns list-id does not list it)");
            }
            nodeById.put(id, e.getKey());
        }
        try {
            socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE, Duration.ofMillis(100));
            socket.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
            socket.setOption(Netlink.SOL_NETLINK, Netlink.NETLINK_LISTEN_ALL_NSID, 1);
            for (int group : Set.of(Rtnetlink.RTNLGRP_IPV4_IFADDR, Rtnetlink.RTNLGRP_IPV6_IFADDR)) {
                socket.joinGroup(group);
            }
        } catch (NetlinkException e) {
            throw new IOException("address watch: " + e.getMessage(), e);
        }
        reader = new Thread(this::run, "address-watch");
        reader.setDaemon(true);
        reader.setPriority(Thread.MAX_PRIORITY);
        reader.start();
    }

    private void run() {
        try {
            while (running) {
                NetlinkSocket.TaggedDatagram d;
                try {
                    d = socket.receiveTagged("receive address notifications");
                } catch (NetlinkTimeoutException idle) {
                    continue;
                } catch (MalformedNetlinkMessageException e) {
                    malformed.incrementAndGet();
                    continue;
                } catch (NetlinkException e) {
                    if (e.errno() == io.hakeeper.agent.netlink.Errno.ENOBUFS) {
                        lost.incrementAndGet(); // the timeline has a hole: whoever reads it must know
                        continue;
                    }
                    if (running) {
                        failure = e.getMessage();
                    }
                    return;
                }
                String node = nodeById.get(d.namespaceId());
                if (node == null) {
                    continue; // this namespace's own addresses, or a namespace nobody asked about
                }
                for (NetlinkMessage m : d.messages()) {
                    report(node, m, d.receivedNanos());
                }
            }
        } finally {
            socket.close();
        }
    }

    private void report(String node, NetlinkMessage m, long nanos) {
        if ((m.type() != Rtnetlink.RTM_NEWADDR && m.type() != Rtnetlink.RTM_DELADDR) || !AddressMessages.isInet(m)) {
            return;
        }
        try {
            InterfaceAddress a = AddressMessages.decode(m);
            listener.changed(node, a.address(), m.type() == Rtnetlink.RTM_NEWADDR, nanos);
        } catch (MalformedNetlinkMessageException e) {
            malformed.incrementAndGet();
        }
    }

    /**
     * Why the timeline cannot be trusted, or null: notifications the kernel dropped (receive
     * buffer overflow), malformed ones, or a socket error that stopped the watch.
     */
    public String trouble() {
        if (failure != null) {
            return "the address watch stopped: " + failure;
        }
        if (lost.get() > 0 || malformed.get() > 0) {
            return "the address watch lost " + lost.get() + " batches of notifications (receive buffer overflow)"
                    + " and dropped " + malformed.get() + " malformed ones";
        }
        return null;
    }

    @Override
    public void close() {
        running = false;
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
