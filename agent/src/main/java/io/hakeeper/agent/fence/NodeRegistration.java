package io.hakeeper.agent.fence;

import io.hakeeper.common.zk.DecodeResult;
import io.hakeeper.common.zk.NodeRecord;
import io.hakeeper.common.zk.RecordCodec;
import io.hakeeper.common.zk.ZkLayout;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes this agent's {@code nodes/<node>} (ephemeral; recreated by Curator after a new session).
 * Refuses to start when another live agent uses the same node id. A record left by our own
 * predecessor on this host (its process is gone; kill -9 leaves the session alive until it
 * expires) is waited out instead: the restarted agent must not run beside its own ghost.
 */
public final class NodeRegistration implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeRegistration.class);

    private final PersistentNode node;

    private NodeRegistration(PersistentNode node) {
        this.node = node;
    }

    public static NodeRegistration register(CuratorFramework client, ZkLayout layout, NodeRecord record,
                                            Duration waitForGhost) throws Exception {
        String path = layout.node(record.node());
        RecordCodec codec = new RecordCodec();
        long deadline = System.nanoTime() + waitForGhost.toNanos();
        while (true) {
            Stat stat = new Stat();
            byte[] data;
            try {
                data = client.getData().storingStatIn(stat).forPath(path);
            } catch (org.apache.zookeeper.KeeperException.NoNodeException e) {
                break;
            }
            if (stat.getEphemeralOwner() == record.sessionId()) {
                break;
            }
            DecodeResult<NodeRecord> other = codec.decode(data, NodeRecord.class);
            boolean ghost = other instanceof DecodeResult.Ok<NodeRecord> ok && ok.record().host().equals(record.host())
                    && ProcessHandle.of(ok.record().pid()).map(p -> !p.isAlive()).orElse(true);
            if (!ghost) {
                String who = other instanceof DecodeResult.Ok<NodeRecord> ok
                        ? "host " + ok.record().host() + ", pid " + ok.record().pid() : "an unreadable record";
                throw new IOException("another live agent already uses node id '" + record.node() + "' (" + who
                        + ", session 0x" + Long.toHexString(stat.getEphemeralOwner()) + "); give each agent its own"
                        + " router_id in global_defs");
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the previous agent's session for node id '" + record.node()
                        + "' did not expire in time; retry in a few seconds");
            }
            log.info("waiting for the session of our previous incarnation (0x{}) to expire",
                    Long.toHexString(stat.getEphemeralOwner()));
            // The ghost's session expires within the session timeout; poll it with a deadline.
            Thread.sleep(100);
        }
        PersistentNode node = new PersistentNode(client, CreateMode.EPHEMERAL, false, path, codec.encode(record));
        node.start();
        if (!node.waitForInitialCreate(waitForGhost.toMillis(), TimeUnit.MILLISECONDS)) {
            node.close();
            throw new IOException("could not create " + path + " in ZooKeeper");
        }
        return new NodeRegistration(node);
    }

    @Override
    public void close() throws IOException {
        node.close();
    }
}
