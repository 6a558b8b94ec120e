package io.hakeeper.agent.netlink;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches address and link changes in this network namespace through rtnetlink multicast groups
 * and hands them to a {@link Listener} on its own thread, in kernel order.
 *
 * <p>Lifecycle as in Curator's recipes: construct, {@link #start()}, {@link #close()}. Events that
 * happen before start() returns are not reported; addresses that existed before start() are
 * reported as ADDED when the kernel first mentions them (e.g. on their next renewal).
 *
 * <p>If the listener falls far behind, the kernel drops notifications; the monitor then tells the
 * listener through {@link Listener#eventsLost} and forgets which addresses it has seen (so the
 * next notification for each reads ADDED). A consumer that must be exact re-reads the state with
 * {@link RtNetlink#addresses()} at that point.
 */
public final class RtNetlinkMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RtNetlinkMonitor.class);
    /** Bounds how long close() waits for the reader thread to notice. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    /** Room for bursts: ~4 MiB holds tens of thousands of address notifications. */
    private static final int RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

    /** What to watch. */
    public enum Topic {
        LINKS(Rtnetlink.RTNLGRP_LINK),
        IPV4_ADDRESSES(Rtnetlink.RTNLGRP_IPV4_IFADDR),
        IPV6_ADDRESSES(Rtnetlink.RTNLGRP_IPV6_IFADDR);

        final int group;

        Topic(int group) {
            this.group = group;
        }
    }

    public enum State {
        LATENT, STARTED, CLOSED
    }

    /** Receives events on the monitor's thread. Keep it quick; a slow listener loses events. */
    public interface Listener {
        default void addressChanged(AddressEvent event) {}

        default void linkChanged(LinkEvent event) {}

        /** The socket's receive buffer overflowed (ENOBUFS): some notifications are gone. */
        default void eventsLost(NetlinkException cause) {}

        /**
         * The monitor failed: a malformed notification (skipped; the monitor goes on) or a socket
         * error (the monitor stops and its state becomes CLOSED).
         */
        default void monitorFailed(NetlinkException cause) {}
    }

    private record AddressKey(int interfaceIndex, java.net.InetAddress address, int prefixLength) {
        static AddressKey of(InterfaceAddress a) {
            return new AddressKey(a.interfaceIndex(), a.address(), a.prefixLength());
        }
    }

    private final Listener listener;
    private final Set<Topic> topics;
    private final LongSupplier nanoClock;
    private final Set<AddressKey> seen = new HashSet<>();
    private final Object lock = new Object();
    private State state = State.LATENT;
    private NetlinkSocket socket;
    private Thread thread;

    /** Watches links and IPv4 and IPv6 addresses. */
    public RtNetlinkMonitor(Listener listener) {
        this(listener, EnumSet.allOf(Topic.class), System::nanoTime);
    }

    public RtNetlinkMonitor(Listener listener, Set<Topic> topics, LongSupplier nanoClock) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.topics = EnumSet.copyOf(topics);
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        if (this.topics.isEmpty()) {
            throw new IllegalArgumentException("nothing to monitor: no topics given");
        }
    }

    /**
     * Subscribes and starts the reader thread. Once this returns, every later change is reported.
     *
     * @throws IllegalStateException if already started or closed
     */
    public void start() throws NetlinkException {
        synchronized (lock) {
            if (state != State.LATENT) {
                throw new IllegalStateException("cannot start a monitor that is " + state);
            }
            NetlinkSocket s = NetlinkSocket.open(Netlink.NETLINK_ROUTE, POLL_INTERVAL);
            try {
                s.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
                for (Topic topic : topics) {
                    s.joinGroup(topic.group);
                }
            } catch (NetlinkException | RuntimeException e) {
                s.close();
                throw e;
            }
            socket = s;
            state = State.STARTED;
            thread = new Thread(this::run, "rtnetlink-monitor");
            thread.setDaemon(true);
            thread.start();
        }
    }

    public State state() {
        synchronized (lock) {
            return state;
        }
    }

    private boolean running() {
        synchronized (lock) {
            return state == State.STARTED;
        }
    }

    private void run() {
        NetlinkSocket s = socket;
        try {
            while (running()) {
                List<NetlinkMessage> batch;
                try {
                    batch = s.receive("receive rtnetlink notifications");
                } catch (NetlinkTimeoutException idle) {
                    continue; // wake up to check for close()
                } catch (MalformedNetlinkMessageException e) {
                    notifyFailure(e);
                    continue;
                } catch (NetlinkException e) {
                    if (e.errno() == Errno.ENOBUFS) {
                        seen.clear();
                        notifyLost(e);
                        continue;
                    }
                    if (running()) {
                        notifyFailure(e);
                    }
                    return;
                }
                long now = nanoClock.getAsLong();
                for (NetlinkMessage m : batch) {
                    if (!running()) {
                        return;
                    }
                    dispatch(m, now);
                }
            }
        } finally {
            synchronized (lock) {
                state = State.CLOSED;
            }
            s.close();
        }
    }

    private void dispatch(NetlinkMessage m, long now) {
        try {
            switch (m.type()) {
                case Rtnetlink.RTM_NEWADDR, Rtnetlink.RTM_DELADDR -> {
                    if (!AddressMessages.isInet(m)) {
                        return;
                    }
                    InterfaceAddress a = AddressMessages.decode(m);
                    AddressEvent.Kind kind;
                    if (m.type() == Rtnetlink.RTM_DELADDR) {
                        seen.remove(AddressKey.of(a));
                        kind = AddressEvent.Kind.REMOVED;
                    } else {
                        kind = seen.add(AddressKey.of(a)) ? AddressEvent.Kind.ADDED : AddressEvent.Kind.UPDATED;
                    }
                    AddressEvent event = new AddressEvent(kind, a, now);
                    deliver(() -> listener.addressChanged(event));
                }
                case Rtnetlink.RTM_NEWLINK, Rtnetlink.RTM_DELLINK -> {
                    Link link = LinkMessages.decode(m);
                    if (m.type() == Rtnetlink.RTM_DELLINK) {
                        seen.removeIf(k -> k.interfaceIndex() == link.index());
                    }
                    LinkEvent event = new LinkEvent(
                            m.type() == Rtnetlink.RTM_DELLINK ? LinkEvent.Kind.REMOVED : LinkEvent.Kind.CHANGED,
                            link, now);
                    deliver(() -> listener.linkChanged(event));
                }
                default -> {
                    // NLMSG_NOOP and friends, or groups we did not ask for.
                }
            }
        } catch (MalformedNetlinkMessageException e) {
            notifyFailure(e);
        }
    }

    private void notifyLost(NetlinkException e) {
        deliver(() -> listener.eventsLost(e));
    }

    private void notifyFailure(NetlinkException e) {
        deliver(() -> listener.monitorFailed(e));
    }

    private void deliver(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            // A faulty listener must not kill the monitor.
            LOG.warn("rtnetlink monitor listener threw; continuing", e);
        }
    }

    /**
     * Stops the reader thread and closes the socket. Returns within about 100 ms (the poll interval)
     * unless the listener is busy. No events are delivered after this returns, except when called
     * from the listener itself. Idempotent.
     */
    @Override
    public void close() {
        Thread t;
        synchronized (lock) {
            if (state == State.LATENT) {
                state = State.CLOSED;
                return;
            }
            state = State.CLOSED;
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            boolean interrupted = false;
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
