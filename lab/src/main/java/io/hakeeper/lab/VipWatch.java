package io.hakeeper.lab;

import io.hakeeper.agent.netlink.AddressEvent;
import io.hakeeper.agent.netlink.NetworkNamespace;
import io.hakeeper.agent.netlink.RtNetlinkMonitor;
import io.hakeeper.lab.netns.VipTimeline;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The demo's view of who has the lab's VIP, IPv4 or IPv6 as {@link LabMode} says: rtnetlink address
 * events of both families in each director's namespace, on this JVM's monotonic clock, in one
 * {@link VipTimeline}. (DirectorWatch, the bench's, subscribes to IPv4 events only.)
 */
final class VipWatch implements AutoCloseable {

    final VipTimeline timeline = new VipTimeline();
    private final List<RtNetlinkMonitor> monitors = new ArrayList<>();

    VipWatch(LabTopology topology, LabMode mode) throws Exception {
        InetAddress vip = InetAddress.getByName(mode.vip());
        try {
            for (String node : topology.directors()) {
                monitors.add(NetworkNamespace.call(NetworkNamespace.named(topology.namespace(node)), () -> {
                    RtNetlinkMonitor m = new RtNetlinkMonitor(new RtNetlinkMonitor.Listener() {
                        @Override
                        public void addressChanged(AddressEvent e) {
                            if (!e.address().address().equals(vip)) {
                                return;
                            }
                            if (e.kind() == AddressEvent.Kind.ADDED) {
                                timeline.added(node, e.monotonicNanos());
                            } else if (e.kind() == AddressEvent.Kind.REMOVED) {
                                timeline.removed(node, e.monotonicNanos());
                            }
                        }
                    }, EnumSet.of(RtNetlinkMonitor.Topic.IPV4_ADDRESSES, RtNetlinkMonitor.Topic.IPV6_ADDRESSES),
                            System::nanoTime);
                    m.start();
                    return m;
                }));
            }
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** Records a VIP that was there before the watch started (bin/lab up ran before us). */
    void seed(String node, long nanos) {
        if (!timeline.holds(node)) {
            timeline.added(node, nanos);
        }
    }

    @Override
    public void close() {
        for (RtNetlinkMonitor m : monitors) {
            m.close();
        }
    }
}
