package io.hakeeper.controller.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.common.fence.FenceBudget;
import io.hakeeper.common.zk.NodeRecord;
import io.hakeeper.common.zk.RecordCodec;
import io.hakeeper.common.zk.ZkLayout;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;

/** ZooKeeper sessions standing in for agents: connected, and registered as a node the way an agent registers. */
public final class AgentSessions {

    private AgentSessions() {
    }

    public static CuratorFramework connect(TestingServer server) throws InterruptedException {
        CuratorFramework c = CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryOneTime(10));
        c.start();
        assertTrue(c.blockUntilConnected(10, TimeUnit.SECONDS), "connected to " + server.getConnectString());
        return c;
    }

    /** Creates {@code nodes/<node>} (ephemeral) owned by {@code c}'s session, with a safe fence budget. */
    public static void register(CuratorFramework c, ZkLayout layout, String node) throws Exception {
        long session = c.getZookeeperClient().getZooKeeper().getSessionId();
        NodeRecord r = new NodeRecord(node, "host", "1.0", 1, System.currentTimeMillis(), session,
                NodeRecord.Fence.of(FenceBudget.of(4000, 500)), false);
        c.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(layout.node(node),
                new RecordCodec().encode(r));
    }
}
