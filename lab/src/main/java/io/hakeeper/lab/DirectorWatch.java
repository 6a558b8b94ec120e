package io.hakeeper.lab;

import io.hakeeper.lab.netns.AddressWatch;
import io.hakeeper.lab.netns.VipTimeline;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who has the VIP, from the kernel's address notifications of every director's namespace on one
 * socket (not from polling), in the kernel's order and on CLOCK_MONOTONIC: one {@link VipTimeline}
 * for the whole lab.
 */
final class DirectorWatch implements AutoCloseable {

    /** How the timeline is measured, for the bench's and the demo's header. */
    static final String HOW = "VIP add/remove notifications of both directors' namespaces on one netlink socket"
            + " (NETLINK_LISTEN_ALL_NSID): in the kernel's order, stamped with CLOCK_MONOTONIC by one reader thread"
            + " as they arrive; overlap = any interval in which both namespaces had the VIP";

    final VipTimeline timeline = new VipTimeline();
    private final AddressWatch watch;

    DirectorWatch(LabTopology topology, String vip) throws Exception {
        Map<String, String> namespaces = new LinkedHashMap<>();
        for (String node : topology.directors()) {
            namespaces.put(node, topology.namespace(node));
        }
        watch = timeline.watch(namespaces, InetAddress.getByName(vip));
    }

    /**
     * Records a VIP that was already there when the watch started (bin/lab up ran before us), so
     * that the timeline knows the current holder.
     */
    void seed(String node, long nanos) {
        if (!timeline.holds(node)) {
            timeline.added(node, nanos);
        }
    }

    /** Why the timeline has holes (notifications lost), or null. */
    String trouble() {
        return watch.trouble();
    }

    @Override
    public void close() {
        watch.close();
    }
}
