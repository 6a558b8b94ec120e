package io.hakeeper.controller.cluster;

import io.hakeeper.common.zk.ZkLayout;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;

/**
 * The cluster tree kept current by ZooKeeper watches (a {@link CuratorCache} on the cluster root),
 * with a signal on every change. Drives {@code status --watch} and every {@code --wait}: nothing
 * polls. Changes that arrive together are coalesced into one wake-up.
 */
public final class ClusterWatch implements AutoCloseable {

    private final CuratorCache cache;
    private final CachedTree tree;
    private final SnapshotReader reader;
    private final Semaphore changed = new Semaphore(0);
    /** Events during the first fill describe a half-read tree; only the end of the fill counts. */
    private volatile boolean initialized;

    public ClusterWatch(CuratorFramework client, ZkLayout layout) {
        this.cache = CuratorCache.build(client, layout.clusterRoot());
        this.tree = new CachedTree(cache);
        this.reader = new SnapshotReader(tree, layout, System::currentTimeMillis);
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forAll((type, oldData, data) -> {
                    if (initialized) {
                        signal();
                    }
                })
                .forInitialized(() -> {
                    initialized = true;
                    signal();
                })
                .build());
    }

    private void signal() {
        if (changed.availablePermits() == 0) {
            changed.release();
        }
    }

    public ClusterWatch start() {
        cache.start();
        return this;
    }

    /** Blocks until the next change (the first call returns once the cache is filled); false on timeout. */
    public boolean awaitChange(Duration timeout) throws InterruptedException {
        boolean got = changed.tryAcquire(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        changed.drainPermits();
        return got;
    }

    /** The cached znodes, for readers other than the snapshot (events). */
    public TreeSource tree() {
        return tree;
    }

    /** The tree as the watches last reported it. */
    public ClusterSnapshot snapshot() throws Exception {
        return reader.read();
    }

    /**
     * Waits until {@code condition} returns a value for the current snapshot, re-checking on every
     * change; empty when {@code timeout} passes first.
     */
    public <T> Optional<T> awaitUntil(Function<ClusterSnapshot, Optional<T>> condition, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            if (awaitChange(Duration.ofNanos(left))) {
                Optional<T> done = condition.apply(snapshot());
                if (done.isPresent()) {
                    return done;
                }
            }
        }
    }

    @Override
    public void close() {
        cache.close();
    }
}
