package io.hakeeper.agent.track;

import io.hakeeper.agent.netlink.Link;
import io.hakeeper.agent.netlink.LinkEvent;
import io.hakeeper.agent.netlink.NetlinkException;
import io.hakeeper.agent.netlink.RtNetlink;
import io.hakeeper.agent.netlink.RtNetlinkMonitor;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * Link state for {@code track_interface} and each instance's own interface, from rtnetlink link
 * events (no polling). A link counts as up when it is administratively up and has carrier
 * (IFF_UP and IFF_RUNNING), as keepalived reads it.
 */
public final class LinkWatcher implements AutoCloseable {

    private final Map<String, Boolean> up = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, Boolean>> listeners = new CopyOnWriteArrayList<>();
    private final RtNetlinkMonitor monitor;

    public LinkWatcher() {
        this.monitor = new RtNetlinkMonitor(new RtNetlinkMonitor.Listener() {
            @Override
            public void linkChanged(LinkEvent event) {
                boolean nowUp = event.kind() == LinkEvent.Kind.CHANGED && isUp(event.link());
                Boolean before = up.put(event.link().name(), nowUp);
                if (before == null || before != nowUp) {
                    listeners.forEach(l -> l.accept(event.link().name(), nowUp));
                }
            }
        }, EnumSet.of(RtNetlinkMonitor.Topic.LINKS), System::nanoTime);
    }

    private static boolean isUp(Link l) {
        return l.isUp() && l.isRunning();
    }

    /** Subscribes first, then reads every link, so no change falls between the two. */
    public void start() throws NetlinkException {
        monitor.start();
        try (RtNetlink netlink = RtNetlink.open()) {
            for (Link l : netlink.links()) {
                up.putIfAbsent(l.name(), isUp(l));
            }
        }
    }

    /** False for a link that does not exist. */
    public boolean isUp(String name) {
        return up.getOrDefault(name, false);
    }

    public void addListener(BiConsumer<String, Boolean> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        monitor.close();
    }
}
