package io.hakeeper.agent.fence;

import io.hakeeper.common.zk.DecodeResult;
import io.hakeeper.common.zk.RecordCodec;
import io.hakeeper.common.zk.SwitchoverRequest;
import io.hakeeper.common.zk.ZkLayout;
import java.util.List;
import java.util.concurrent.Executor;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator requests from {@code hactl}: {@code control/drain/<node>} and
 * {@code control/switchover/<inst>}, watched (not polled) and handed to the instances on the
 * fence thread. An unreadable switchover request is logged and ignored.
 */
final class ControlWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControlWatcher.class);

    private final CuratorCache cache;
    private final ZkLayout layout;
    private final String node;
    private final List<InstanceFence> instances;
    private final RecordCodec codec = new RecordCodec();

    ControlWatcher(CuratorFramework client, ZkLayout layout, String node, List<InstanceFence> instances,
                   Executor fence) {
        this.layout = layout;
        this.node = node;
        this.instances = instances;
        this.cache = CuratorCache.build(client, layout.controlDir());
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forAll((type, oldData, data) -> fence.execute(this::apply)).build());
    }

    /** Creates the control folders first: a cache whose root exists from the start sees every change. */
    void start(CuratorFramework client) throws Exception {
        for (String dir : List.of(layout.drainDir(), layout.switchoverDir())) {
            try {
                client.create().creatingParentsIfNeeded().forPath(dir);
            } catch (org.apache.zookeeper.KeeperException.NodeExistsException e) {
                // made by another agent or by hactl
            }
        }
        cache.start();
    }

    private void apply() {
        boolean drained = cache.get(layout.drain(node)).isPresent();
        for (InstanceFence f : instances) {
            f.setDrained(drained);
            f.switchoverChanged(cache.get(layout.switchover(f.name())).map(this::request).orElse(null));
        }
    }

    private SwitchoverRequest request(ChildData data) {
        DecodeResult<SwitchoverRequest> r = codec.decode(data.getData(), SwitchoverRequest.class);
        if (r instanceof DecodeResult.Ok<SwitchoverRequest> ok) {
            return ok.record();
        }
        log.warn("ignoring unreadable switchover request at {}: {}", data.getPath(), r);
        return null;
    }

    @Override
    public void close() {
        cache.close();
    }
}
