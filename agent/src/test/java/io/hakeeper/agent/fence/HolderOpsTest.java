package io.hakeeper.agent.fence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The holder's own ops against a real ZooKeeper: a release repeated from a stale view (the first
 * one's answer lost with a ZooKeeper leader) must not remove the successor's holder node, and a
 * renewal must fail once anyone has claimed since our epoch.
 */
class HolderOpsTest {

    private static final String EPOCH = "/t/epoch";
    private static final String HOLDER = "/t/holder";
    private static final String LATCH = "/t/latch-";

    private TestingServer server;
    private CuratorFramework old;
    private CuratorFramework successor;

    @BeforeEach
    void start() throws Exception {
        server = new TestingServer(true);
        old = client();
        successor = client();
        old.create().forPath("/t");
        old.create().forPath(EPOCH);
    }

    @AfterEach
    void stop() throws Exception {
        successor.close();
        old.close();
        server.close();
    }

    private CuratorFramework client() throws InterruptedException {
        CuratorFramework c = CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryOneTime(100));
        c.start();
        c.blockUntilConnected();
        return c;
    }

    /** The claim's multi (InstanceFence#sendClaim): returns the epoch it took. */
    private static long claim(CuratorFramework c, String who) throws Exception {
        ZooKeeper zk = c.getZookeeperClient().getZooKeeper();
        Stat epoch = zk.exists(EPOCH, false);
        zk.multi(List.of(
                Op.create(HOLDER, who.getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE,
                        CreateMode.EPHEMERAL),
                Op.setData(EPOCH, new byte[0], epoch.getVersion())));
        return epoch.getVersion() + 1L;
    }

    private static String latchNode(CuratorFramework c) throws Exception {
        return c.create().withMode(CreateMode.EPHEMERAL_SEQUENTIAL).forPath(LATCH);
    }

    private byte[] holderData() throws Exception {
        return successor.getData().forPath(HOLDER);
    }

    @Test
    void aRepeatedReleaseLeavesTheSuccessorsHolderNodeAlone() throws Exception {
        long oldEpoch = claim(old, "lb01");
        ZooKeeper oldZk = old.getZookeeperClient().getZooKeeper();
        oldZk.multi(HolderOps.release(HOLDER, 0, EPOCH, oldEpoch));
        long newEpoch = claim(successor, "lb02");
        assertEquals(oldEpoch + 1, newEpoch);

        KeeperException e = assertThrows(KeeperException.class,
                () -> oldZk.multi(HolderOps.release(HOLDER, 0, EPOCH, oldEpoch)));
        assertEquals(KeeperException.Code.BADVERSION, e.code());
        assertArrayEquals("lb02".getBytes(StandardCharsets.UTF_8), holderData(), "the successor still holds");
    }

    @Test
    void aPlainVersionedDeleteCannotTellTheSuccessorsNodeFromOurs() throws Exception {
        // Why the guard exists: what the release used to send removes the successor's node.
        claim(old, "lb01");
        ZooKeeper oldZk = old.getZookeeperClient().getZooKeeper();
        oldZk.delete(HOLDER, 0);
        claim(successor, "lb02");
        oldZk.delete(HOLDER, 0);
        assertNull(successor.checkExists().forPath(HOLDER));
    }

    @Test
    void aReleaseOfOurOwnNodeGoesThrough() throws Exception {
        long epoch = claim(old, "lb01");
        old.getZookeeperClient().getZooKeeper().multi(HolderOps.release(HOLDER, 0, EPOCH, epoch));
        assertNull(old.checkExists().forPath(HOLDER));
    }

    @Test
    void theRenewalConfirmsOurTenureAndFailsOnceSomeoneClaimedSince() throws Exception {
        String latch = latchNode(old);
        long oldEpoch = claim(old, "lb01");
        ZooKeeper oldZk = old.getZookeeperClient().getZooKeeper();
        List<Op> renewal = HolderOps.renewal(latch, HOLDER, 0, EPOCH, oldEpoch);
        assertEquals(HolderOps.RENEWAL_OPS, renewal.size());
        assertEquals(HolderOps.RENEWAL_OPS, oldZk.multi(renewal).size());

        // Someone removed our node (a stale delete, an operator) and the successor claimed: our
        // latch node is still there and the new holder node has our version, 0.
        successor.delete().forPath(HOLDER);
        claim(successor, "lb02");
        assertNotNull(old.checkExists().forPath(latch));
        KeeperException e = assertThrows(KeeperException.class, () -> oldZk.multi(renewal));
        assertEquals(KeeperException.Code.BADVERSION, e.code());
    }

    @Test
    void aClaimWhoseAnswerWasLostLeavesANodeOnlyItsOwnEpochCanDelete() throws Exception {
        // Our last confirmed tenure was epoch 1; a second claim committed but its answer was lost.
        long confirmed = claim(old, "lb01");
        ZooKeeper oldZk = old.getZookeeperClient().getZooKeeper();
        oldZk.multi(HolderOps.release(HOLDER, 0, EPOCH, confirmed));
        long orphan = claim(old, "lb01");
        KeeperException e = assertThrows(KeeperException.class,
                () -> oldZk.multi(HolderOps.release(HOLDER, 0, EPOCH, confirmed)));
        assertEquals(KeeperException.Code.BADVERSION, e.code(), "the last confirmed epoch cannot remove it");
        oldZk.multi(HolderOps.release(HOLDER, 0, EPOCH, orphan));
        assertNull(old.checkExists().forPath(HOLDER), "the epoch written in the node can");
    }
}
