package io.hakeeper.lab;

import io.hakeeper.lab.netns.VipTimeline;
import io.hakeeper.agent.netlink.NetworkNamespace;
import io.hakeeper.agent.netlink.RtNetlinkMonitor;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Who has the VIP, from rtnetlink address events in each director's namespace (not from polling),
 * all on this JVM's monotonic clock: one {@link VipTimeline} for the whole lab.
 */
final class DirectorWatch implements AutoCloseable {

    final VipTimeline timeline = new VipTimeline();
    private final List<RtNetlinkMonitor> monitors = new ArrayList<>();

    DirectorWatch(LabTopology topology) throws Exception {
        InetAddress vip = InetAddress.getByName(topology.vip());
        try {
            for (String node : topology.directors()) {
                monitors.add(timeline.watch(NetworkNamespace.named(topology.namespace(node)), node, vip));
            }
        } catch (Exception e) {
            close();
            throw e;
        }
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

    @Override
    public void close() {
        for (RtNetlinkMonitor m : monitors) {
            m.close();
        }
    }
}
