package io.hakeeper.agent.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Address and link notifications for a veth pair this test creates. */
class RtNetlinkMonitorTest {
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private final TestAddresses addr = new TestAddresses();
    private final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private ScratchVeth veth;
    private RtNetlink rtnl;
    private RtNetlinkMonitor monitor;
    private int index;

    @BeforeEach
    void start() throws Exception {
        ScratchVeth.assumeNetAdmin();
        veth = ScratchVeth.create();
        index = veth.index();
        rtnl = RtNetlink.open();
        monitor = new RtNetlinkMonitor(new RtNetlinkMonitor.Listener() {
            // Only our interface: other tests on this host change theirs concurrently.
            @Override
            public void addressChanged(AddressEvent event) {
                if (event.address().interfaceIndex() == index) {
                    events.add(event);
                }
            }

            @Override
            public void linkChanged(LinkEvent event) {
                if (event.link().index() == index) {
                    events.add(event);
                }
            }

            @Override
            public void eventsLost(NetlinkException cause) {
                events.add(cause);
            }

            @Override
            public void monitorFailed(NetlinkException cause) {
                events.add(cause);
            }
        });
        monitor.start();
    }

    @AfterEach
    void stop() {
        try {
            if (monitor != null) {
                monitor.close();
            }
            if (rtnl != null) {
                rtnl.close();
            }
        } finally {
            if (veth != null) {
                veth.close();
            }
        }
    }

    /** The next event matching {@code wanted}, skipping others; fails after the deadline. */
    @SuppressWarnings("unchecked")
    private <T> T next(Class<T> type, Predicate<T> wanted, String what) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            Object e = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
            if (e == null) {
                throw new AssertionError("no " + what + " within " + DEADLINE.toMillis() + " ms");
            }
            if (e instanceof NetlinkException failure) {
                throw new AssertionError("monitor reported a failure", failure);
            }
            if (type.isInstance(e) && wanted.test((T) e)) {
                return (T) e;
            }
        }
    }

    @Test
    void reportsAddedRenewedAndRemovedAddresses() throws Exception {
        veth.up();
        for (AddressSpec spec : new AddressSpec[] {
                AddressSpec.of(index, addr.v4(10), 24).withLabel(veth.name() + ":1"),
                AddressSpec.of(index, addr.v6(10), 64)}) {
            Predicate<AddressEvent> ours = e -> e.address().matches(spec);
            long before = System.nanoTime();
            rtnl.addAddress(spec, AddressLifetime.ofSeconds(30));
            AddressEvent added = next(AddressEvent.class, ours, "ADDED for " + spec);
            assertEquals(AddressEvent.Kind.ADDED, added.kind());
            assertTrue(added.monotonicNanos() - before >= 0, "timestamp is on the System.nanoTime clock");
            assertTrue(added.address().remaining().validSeconds() <= 30);

            rtnl.replaceLifetime(spec, AddressLifetime.ofSeconds(20));
            AddressEvent renewed = next(AddressEvent.class, ours, "UPDATED for " + spec);
            assertEquals(AddressEvent.Kind.UPDATED, renewed.kind());
            assertTrue(renewed.address().remaining().validSeconds() <= 20, renewed.toString());

            rtnl.deleteAddress(spec);
            AddressEvent removed = next(AddressEvent.class, ours, "REMOVED for " + spec);
            assertEquals(AddressEvent.Kind.REMOVED, removed.kind());
            assertTrue(removed.monotonicNanos() >= renewed.monotonicNanos());
        }
    }

    @Test
    void reportsExpiryAsRemoval() throws Exception {
        AddressSpec spec = AddressSpec.of(index, addr.v4(20), 24);
        rtnl.addAddress(spec, AddressLifetime.ofSeconds(1));
        AddressEvent added = next(AddressEvent.class, e -> e.address().matches(spec), "ADDED");
        AddressEvent removed = next(AddressEvent.class,
                e -> e.address().matches(spec) && e.kind() == AddressEvent.Kind.REMOVED, "REMOVED on expiry");
        double lived = (removed.monotonicNanos() - added.monotonicNanos()) / 1e9;
        System.out.printf("[netlink] monitor saw valid_lft 1 address live %.3f s%n", lived);
        assertTrue(lived > 0.5, "expired too early: " + lived);
    }

    @Test
    void reportsLinkDownAndUp() throws Exception {
        veth.up();
        LinkEvent up = next(LinkEvent.class, e -> e.link().isRunning(), "link running");
        assertEquals(LinkEvent.Kind.CHANGED, up.kind());
        assertEquals(veth.name(), up.link().name());

        ScratchVeth.ip("link", "set", veth.name(), "down");
        LinkEvent down = next(LinkEvent.class, e -> !e.link().isUp(), "link down");
        assertEquals(OperState.DOWN, down.link().operState());

        ScratchVeth.ip("link", "set", veth.name(), "up");
        next(LinkEvent.class, e -> e.link().isUp() && e.link().isRunning(), "link up again");

        ScratchVeth.ip("link", "del", veth.name());
        LinkEvent gone = next(LinkEvent.class, e -> e.kind() == LinkEvent.Kind.REMOVED, "link removed");
        assertEquals(veth.name(), gone.link().name());
    }

    @Test
    void closeStopsDeliveryPromptly() throws Exception {
        long start = System.nanoTime();
        monitor.close();
        long took = System.nanoTime() - start;
        assertEquals(RtNetlinkMonitor.State.CLOSED, monitor.state());
        System.out.printf("[netlink] monitor close took %.1f ms%n", took / 1e6);
        assertTrue(took < 2_000_000_000L, "close took " + took / 1e6 + " ms");
        events.clear();
        rtnl.addAddress(AddressSpec.of(index, addr.v4(30), 24), AddressLifetime.ofSeconds(30));
        // Nothing can arrive after close(); a second dump round-trip gives a straggler time to show.
        rtnl.addresses(index);
        assertNotNull(rtnl.link(index));
        assertTrue(events.isEmpty(), "events after close: " + events);
        monitor.close(); // idempotent
    }

    @Test
    void lifecycleIsEnforced() throws Exception {
        assertThrows(IllegalStateException.class, monitor::start, "already started");
        RtNetlinkMonitor unused = new RtNetlinkMonitor(new RtNetlinkMonitor.Listener() {},
                EnumSet.of(RtNetlinkMonitor.Topic.LINKS), System::nanoTime);
        assertEquals(RtNetlinkMonitor.State.LATENT, unused.state());
        unused.close();
        assertEquals(RtNetlinkMonitor.State.CLOSED, unused.state());
        assertThrows(IllegalStateException.class, unused::start);
        assertFalse(events.stream().anyMatch(e -> e instanceof NetlinkException));
    }
}
