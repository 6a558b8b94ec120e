package io.hakeeper.agent.fence;

import io.hakeeper.common.zk.EventRecord;
import io.hakeeper.common.zk.RecordCodec;
import io.hakeeper.common.zk.ZkLayout;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes transitions to {@code events/e-<seq>} (persistent-sequential) in the background, so the
 * fence never waits for it, and trims the oldest beyond {@link #CAP}.
 */
public final class EventLog {

    private static final Logger log = LoggerFactory.getLogger(EventLog.class);
    /** Enough history for {@code hactl events}; ZooKeeper is not an archive. */
    static final int CAP = 1000;
    /** Trim once in this many writes: a listing per write would cost more than the write. */
    private static final int TRIM_EVERY = 50;

    private final CuratorFramework client;
    private final ZkLayout layout;
    private final RecordCodec codec = new RecordCodec();
    private final AtomicInteger writes = new AtomicInteger();

    public EventLog(CuratorFramework client, ZkLayout layout) {
        this.client = client;
        this.layout = layout;
    }

    public void record(EventRecord event) {
        try {
            client.create().creatingParentContainersIfNeeded().withMode(CreateMode.PERSISTENT_SEQUENTIAL)
                    .inBackground((c, e) -> {
                        if (e.getResultCode() != 0) {
                            log.warn("could not record event {} (ZooKeeper code {})", event.kind(), e.getResultCode());
                        }
                    })
                    .forPath(layout.eventPrefix(), codec.encode(event));
        } catch (Exception e) {
            log.warn("could not record event {}: {}", event.kind(), e.toString());
        }
        if (writes.incrementAndGet() % TRIM_EVERY == 0) {
            trim();
        }
    }

    private void trim() {
        try {
            client.getChildren().inBackground((c, e) -> {
                List<String> children = e.getChildren();
                if (children == null || children.size() <= CAP) {
                    return;
                }
                List<String> sorted = children.stream()
                        .filter(n -> ZkLayout.eventSequence(n).isPresent())
                        .sorted(Comparator.comparingLong(n -> ZkLayout.eventSequence(n).getAsLong()))
                        .toList();
                for (String old : sorted.subList(0, Math.max(0, sorted.size() - CAP))) {
                    c.delete().inBackground().forPath(layout.eventsDir() + "/" + old);
                }
            }).forPath(layout.eventsDir());
        } catch (Exception e) {
            log.debug("event trim failed: {}", e.toString());
        }
    }
}
