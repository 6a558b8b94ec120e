package io.hakeeper.controller.control;

import io.hakeeper.common.zk.EventRecord;
import io.hakeeper.common.zk.RecordCodec;
import io.hakeeper.common.zk.ZkLayout;
import io.hakeeper.controller.zk.InheritedAcl;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.data.ACL;

/**
 * The znodes hactl writes: operator requests under {@code control/} and their events, each created
 * with the cluster root's ACL ({@link InheritedAcl}). Run inside {@code ZkSession.write} so that a
 * refusal names the identity needed.
 */
final class ControlWrites {

    private final CuratorFramework client;
    private final ZkLayout layout;
    private final RecordCodec codec = new RecordCodec();

    ControlWrites(CuratorFramework client, ZkLayout layout) {
        this.client = client;
        this.layout = layout;
    }

    void create(String path, io.hakeeper.common.zk.ZkRecord record) throws Exception {
        List<ACL> acl = InheritedAcl.ofClusterRoot(client, layout.clusterRoot());
        client.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT).withACL(acl, true)
                .forPath(path, codec.encode(record));
    }

    void delete(String path) throws Exception {
        client.delete().forPath(path);
    }

    /** Adds an operator action to {@code events/} beside the agents' transitions. */
    void event(EventRecord event) throws Exception {
        List<ACL> acl = InheritedAcl.ofClusterRoot(client, layout.clusterRoot());
        client.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT_SEQUENTIAL).withACL(acl, true)
                .forPath(layout.eventPrefix(), codec.encode(event));
    }
}
