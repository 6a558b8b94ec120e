package io.hakeeper.controller.cluster;

import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/** Reads straight from ZooKeeper, one call per node. */
public final class LiveTree implements TreeSource {

    private final CuratorFramework client;

    public LiveTree(CuratorFramework client) {
        this.client = client;
    }

    @Override
    public List<String> children(String path) throws Exception {
        try {
            return client.getChildren().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        }
    }

    @Override
    public Optional<ZNode> node(String path) throws Exception {
        try {
            Stat stat = new Stat();
            byte[] data = client.getData().storingStatIn(stat).forPath(path);
            return Optional.of(new ZNode(path, data, stat));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        }
    }
}
