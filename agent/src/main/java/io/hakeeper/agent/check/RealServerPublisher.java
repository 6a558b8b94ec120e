package io.hakeeper.agent.check;

import io.hakeeper.common.zk.RealServerView;
import io.hakeeper.common.zk.RecordCodec;
import io.hakeeper.common.zk.VirtualServerKey;
import io.hakeeper.common.zk.ZkLayout;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.zookeeper.CreateMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes this node's verdicts as {@code realservers/<vs>/<node>} (DESIGN.md, "ZooKeeper layout"):
 * one ephemeral {@link RealServerView} per virtual server, written only when a real server's
 * verdict or weight changed. Curator's {@link PersistentNode} recreates it after a session loss.
 * Writes run on the publisher's own thread; a burst of changes to one virtual server is one write.
 */
public final class RealServerPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RealServerPublisher.class);
    private static final long CREATE_WAIT_MS = 5_000;

    private final CuratorFramework client;
    private final ZkLayout layout;
    private final String node;
    private final LongSupplier wallClock;
    private final RecordCodec codec = new RecordCodec();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "realservers-zk");
        t.setDaemon(true);
        return t;
    });
    /** Virtual servers with a write queued: later changes ride on it. */
    private final Map<VirtualServerKey, Supplier<List<RealServerView.RealServer>>> queued = new ConcurrentHashMap<>();
    private final Map<VirtualServerKey, PersistentNode> nodes = new HashMap<>();
    private final Map<VirtualServerKey, List<RealServerView.RealServer>> written = new HashMap<>();
    private final AtomicLong writes = new AtomicLong();

    public RealServerPublisher(CuratorFramework client, ZkLayout layout, String node, LongSupplier wallClock) {
        this.client = client;
        this.layout = layout;
        this.node = node;
        this.wallClock = wallClock;
    }

    /** Something in {@code key} may have changed; {@code servers} reads its current views. Never blocks. */
    void changed(VirtualServerKey key, Supplier<List<RealServerView.RealServer>> servers) {
        if (queued.put(key, servers) == null) {
            thread.execute(() -> {
                Supplier<List<RealServerView.RealServer>> s = queued.remove(key);
                if (s != null) {
                    write(key, s.get());
                }
            });
        }
    }

    /** The virtual server left the config: its record goes. */
    void retire(VirtualServerKey key) {
        thread.execute(() -> {
            written.remove(key);
            closeQuietly(nodes.remove(key));
        });
    }

    /** How many times a record was written (created or changed). */
    public long writes() {
        return writes.get();
    }

    /** Waits until every change handed over so far is written (tests). */
    void flush() throws Exception {
        thread.submit(() -> { }).get(30, TimeUnit.SECONDS);
    }

    private void write(VirtualServerKey key, List<RealServerView.RealServer> servers) {
        if (Objects.equals(written.get(key), servers)) {
            return;
        }
        byte[] data = codec.encode(new RealServerView(node, key.encode(), servers, wallClock.getAsLong()));
        try {
            PersistentNode existing = nodes.get(key);
            if (existing != null && existing.waitForInitialCreate(CREATE_WAIT_MS, TimeUnit.MILLISECONDS)) {
                existing.setData(data);
            } else {
                // Not created yet (ZooKeeper unreachable): start over with the newest data, which
                // PersistentNode writes as soon as it can.
                closeQuietly(existing);
                PersistentNode created = new PersistentNode(client, CreateMode.EPHEMERAL, false,
                        layout.realServerView(key, node), data);
                created.start();
                nodes.put(key, created);
            }
            written.put(key, servers);
            writes.incrementAndGet();
        } catch (Exception e) {
            log.warn("realservers: could not publish {}: {}", key.label(), e.toString());
        }
    }

    private static void closeQuietly(PersistentNode n) {
        if (n != null) {
            try {
                n.close();
            } catch (Exception e) {
                log.debug("realservers close: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        try {
            thread.submit(() -> {
                nodes.values().forEach(RealServerPublisher::closeQuietly);
                nodes.clear();
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("realservers close: {}", e.toString());
        }
        thread.shutdownNow();
    }
}
