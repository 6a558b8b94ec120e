package io.hakeeper.agent.zk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.common.config.model.ZooKeeperSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZkConnectionTest {

    static TestingServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        // tickTime 500 ms: the server grants session timeouts between 1 s and 10 s.
        server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 500, -1), true);
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    private ZooKeeperSettings settings(int sessionMs, String digestFile) {
        return new ZooKeeperSettings(server.getConnectString(), "/hakeeper", "t", sessionMs, 500, digestFile);
    }

    private Path digestFile(String text, String mode) throws IOException {
        Path p = dir.resolve("zk.digest");
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        return p;
    }

    @Test
    void reportsTheNegotiatedSessionTimeout() throws Exception {
        try (ZkConnection c = new ZkConnection(settings(60_000, null), null)) {
            c.start(Duration.ofSeconds(10));
            assertEquals(10_000, c.negotiatedSessionTimeoutMs(), "clamped to 20 x tickTime");
            assertTrue(c.sessionId() != 0);
        }
    }

    @Test
    void digestFileLooserThan0600IsRefusedWithTheFix() throws IOException {
        Path p = digestFile("agent:secret\n", "rw-r-----");
        IOException e = assertThrows(IOException.class, () -> ZkConnection.open(settings(4000, p.toString())));
        assertEquals("auth_digest_file " + p + " has mode rw-r-----, looser than 0600 (rw-------); run: chmod 600 " + p,
                e.getMessage());
    }

    @Test
    void withDigestOnlyAgentsWriteReaderReadsAndStrangersNothing() throws Exception {
        Path p = digestFile("# agents\nagent:secret\nreader:look\n", "rw-------");
        byte[] data = "x".getBytes(StandardCharsets.UTF_8);
        try (ZkConnection agent = ZkConnection.open(settings(4000, p.toString()))) {
            agent.start(Duration.ofSeconds(10));
            agent.client().create().creatingParentContainersIfNeeded().forPath("/acl-test/node", data);
        }
        try (CuratorFramework stranger = CuratorFrameworkFactory.newClient(server.getConnectString(),
                new RetryOneTime(10))) {
            stranger.start();
            assertThrows(KeeperException.NoAuthException.class, () -> stranger.getData().forPath("/acl-test/node"));
            assertThrows(KeeperException.NoAuthException.class, () -> stranger.setData().forPath("/acl-test/node"));
            assertThrows(KeeperException.NoAuthException.class,
                    () -> stranger.create().forPath("/acl-test/other"));
        }
        try (CuratorFramework reader = CuratorFrameworkFactory.builder().connectString(server.getConnectString())
                .retryPolicy(new RetryOneTime(10))
                .authorization("digest", "reader:look".getBytes(StandardCharsets.UTF_8)).build()) {
            reader.start();
            assertArrayEquals(data, reader.getData().forPath("/acl-test/node"));
            assertThrows(KeeperException.NoAuthException.class, () -> reader.setData().forPath("/acl-test/node"));
            assertThrows(KeeperException.NoAuthException.class, () -> reader.delete().forPath("/acl-test/node"));
        }
    }

    @Test
    void unreachableZooKeeperSaysWhichAddress() {
        ZooKeeperSettings s = new ZooKeeperSettings("127.0.0.1:1", "/hakeeper", "t", 4000, 500, null);
        try (ZkConnection c = new ZkConnection(s, null)) {
            IOException e = assertThrows(IOException.class, () -> c.start(Duration.ofMillis(500)));
            assertTrue(e.getMessage().startsWith("cannot reach ZooKeeper at 127.0.0.1:1 within 500 ms"), e.getMessage());
        }
    }
}
