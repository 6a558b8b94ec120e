package io.hakeeper.agent.fence;

import io.hakeeper.common.zk.ZkLayout;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.zookeeper.data.Stat;

/**
 * Which agents are alive, and under which session: the owner of each ephemeral
 * {@code nodes/<node>}. A member record written by any other session is left over from an earlier
 * incarnation and must not win (the candidacy rule's "current" members).
 */
public final class ClusterView implements AutoCloseable {

    private final CuratorCache cache;
    private final String nodesDir;
    private final Map<String, Long> sessions = new ConcurrentHashMap<>();

    public ClusterView(CuratorFramework client, ZkLayout layout, Runnable onChange) {
        this.nodesDir = layout.nodesDir();
        this.cache = CuratorCache.build(client, nodesDir);
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forAll((type, oldData, data) -> {
                    update(oldData, data);
                    onChange.run();
                })
                .build());
    }

    private void update(ChildData oldData, ChildData data) {
        if (data == null && oldData != null) {
            sessions.remove(child(oldData.getPath()));
        } else if (data != null && !data.getPath().equals(nodesDir)) {
            Stat stat = data.getStat();
            sessions.put(child(data.getPath()), stat == null ? 0L : stat.getEphemeralOwner());
        }
    }

    private static String child(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    public void start() {
        cache.start();
    }

    /** The session that owns {@code nodes/<node>} now, or 0 when the node is not registered. */
    public long sessionOf(String node) {
        return sessions.getOrDefault(node, 0L);
    }

    @Override
    public void close() {
        cache.close();
    }
}
