package io.hakeeper.agent.zk;

import io.hakeeper.common.config.model.ZooKeeperSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.SessionConnectionStateErrorPolicy;
import org.apache.curator.retry.BoundedExponentialBackoffRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's Curator client, built from the {@code zookeeper { }} block: session timeout as
 * configured (the server may negotiate it; read {@link #negotiatedSessionTimeoutMs()}), digest
 * authentication and cluster ACLs when {@code auth_digest_file} is set.
 *
 * <p>Retries stay short: the fence renews every 250 ms and must learn of a failure within its
 * budget rather than hide it behind a long retry loop.
 */
public final class ZkConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ZkConnection.class);

    private final CuratorFramework client;
    private final ZooKeeperSettings settings;

    public ZkConnection(ZooKeeperSettings settings, DigestCredentials credentials) {
        this.settings = settings;
        CuratorFrameworkFactory.Builder b = CuratorFrameworkFactory.builder()
                .connectString(settings.connect())
                .sessionTimeoutMs(settings.sessionTimeoutMs())
                .connectionTimeoutMs(Math.min(settings.sessionTimeoutMs(), 15_000))
                .retryPolicy(new BoundedExponentialBackoffRetry(50, 500, 3))
                .aclProvider(new ClusterAcls(credentials))
                // Only a lost session is an error: a brief disconnection must not make LeaderLatch
                // drop leadership (the lease, not the latch flag, keeps the fence safe meanwhile).
                .connectionStateErrorPolicy(new SessionConnectionStateErrorPolicy());
        if (credentials != null) {
            b.authorization("digest", credentials.authBytes());
        }
        this.client = b.build();
        client.getConnectionStateListenable().addListener((c, state) ->
                log.info("ZooKeeper connection {} (session 0x{})", state, Long.toHexString(sessionIdOrZero())));
    }

    private long sessionIdOrZero() {
        try {
            return client.getZookeeperClient().getZooKeeper().getSessionId();
        } catch (Exception e) {
            return 0L;
        }
    }

    /** Reads {@code auth_digest_file} when the settings name one (checking its mode). */
    public static ZkConnection open(ZooKeeperSettings settings) throws IOException {
        DigestCredentials creds = settings.authDigestFile() == null ? null
                : DigestCredentials.load(Path.of(settings.authDigestFile()));
        return new ZkConnection(settings, creds);
    }

    public CuratorFramework client() {
        return client;
    }

    /** Starts the client and waits for the first connection. */
    public void start(Duration timeout) throws IOException, InterruptedException {
        client.start();
        if (!client.blockUntilConnected((int) timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IOException("cannot reach ZooKeeper at " + settings.connect() + " within " + timeout.toMillis()
                    + " ms; check that the servers run and that this host can reach them");
        }
        log.info("connected to ZooKeeper {} (session 0x{}, timeout {} ms negotiated, {} ms asked)",
                settings.connect(), Long.toHexString(sessionId()), negotiatedSessionTimeoutMs(),
                settings.sessionTimeoutMs());
    }

    /** The session timeout the server granted; the fence budget must use this, not the asked one. */
    public int negotiatedSessionTimeoutMs() {
        try {
            return client.getZookeeperClient().getZooKeeper().getSessionTimeout();
        } catch (Exception e) {
            throw new IllegalStateException("no ZooKeeper session", e);
        }
    }

    /** True while the client has a live connection to a server (not SUSPENDED or LOST). */
    public boolean connected() {
        return client.getZookeeperClient().isConnected();
    }

    public long sessionId() {
        try {
            return client.getZookeeperClient().getZooKeeper().getSessionId();
        } catch (Exception e) {
            throw new IllegalStateException("no ZooKeeper session", e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
