package io.hakeeper.lab.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.agent.netlink.AddressLifetime;
import io.hakeeper.agent.netlink.AddressSpec;
import io.hakeeper.agent.netlink.NetworkNamespace;
import io.hakeeper.agent.netlink.RtNetlink;
import io.hakeeper.lab.LabAssumptions;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One socket hears two namespaces in the kernel's order: a VIP moved back and forth between them
 * as fast as netlink allows (delete in one, then add in the other, each acknowledged) never shows
 * an overlap, and every event is reported once, in the order it was made.
 */
class AddressWatchTest {

    private static final int MOVES = 300;

    @Test
    void hearsBothNamespacesInKernelOrder() throws Exception {
        LabAssumptions.assumeNamespaces();
        InetAddress vip = InetAddress.getByName("10.96.0.100");
        InetAddress other = InetAddress.getByName("10.96.0.101");
        try (LabNetwork net = new LabNetwork("hkw")) {
            net.addNamespace("a");
            net.addNamespace("b");
            net.addVeth(net.link("x"), "a", "eth0", net.link("y"), "b", "eth0");
            VipTimeline timeline = new VipTimeline();
            List<String> heardOther = new ArrayList<>();
            try (AddressWatch watch = timeline.watch(Map.of("a", net.ns("a"), "b", net.ns("b")), vip);
                 AddressWatch unrelated = new AddressWatch(Map.of("a", net.ns("a")), (node, address, added, nanos) -> {
                     if (address.equals(other)) {
                         synchronized (heardOther) {
                             heardOther.add(node + (added ? "+" : "-"));
                         }
                     }
                 });
                 RtNetlink a = NetworkNamespace.call(NetworkNamespace.named(net.ns("a")), RtNetlink::open);
                 RtNetlink b = NetworkNamespace.call(NetworkNamespace.named(net.ns("b")), RtNetlink::open)) {
                AddressSpec inA = AddressSpec.of(a.interfaceIndex("eth0"), vip, 32);
                AddressSpec inB = AddressSpec.of(b.interfaceIndex("eth0"), vip, 32);
                for (int i = 0; i < MOVES; i++) {
                    a.addAddress(inA, AddressLifetime.FOREVER);
                    a.deleteAddress(inA);
                    b.addAddress(inB, AddressLifetime.FOREVER);
                    b.deleteAddress(inB);
                }
                a.addAddress(AddressSpec.of(a.interfaceIndex("eth0"), other, 32), AddressLifetime.FOREVER);
                b.addAddress(AddressSpec.of(b.interfaceIndex("eth0"), other, 32), AddressLifetime.FOREVER);
                assertTrue(timeline.await(() -> timeline.intervals().size() == 2 * MOVES, 10_000),
                        () -> "heard " + timeline.intervals().size() + " of " + 2 * MOVES + " intervals");
                assertNull(watch.trouble());
                assertEquals(0, timeline.longestOverlapNanos(), "an overlap that was never there:\n" + timeline);
                List<VipTimeline.Interval> intervals = timeline.intervals();
                for (int i = 0; i < intervals.size(); i++) {
                    assertEquals(i % 2 == 0 ? "a" : "b", intervals.get(i).node(), "interval " + i + " out of order");
                }
                // A watch hears only the namespaces it was given.
                assertTrue(pollUntil(() -> {
                    synchronized (heardOther) {
                        return heardOther.equals(List.of("a+"));
                    }
                }), () -> "the second watch heard " + heardOther);
            }
        }
    }

    private static boolean pollUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10); // polling interval, bounded by the deadline above
        }
        return true;
    }
}
