package io.hakeeper.lab.zk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone server the multi-process tests use: serves, stops, restarts with its data. */
class ZooKeeperServerProcessTest {

    @TempDir
    Path dir;

    @Test
    void servesStopsAndRestartsKeepingItsData() throws Exception {
        int port = ZooKeeperServerProcess.freePort();
        try (ZooKeeperServerProcess zk = ZooKeeperServerProcess.start(dir, "127.0.0.1", port, 500, List.of())) {
            byte[] data = "kept".getBytes(StandardCharsets.UTF_8);
            try (CuratorFramework c = CuratorFrameworkFactory.newClient(zk.connectString(), 4000, 2000,
                    new RetryOneTime(100))) {
                c.start();
                assertTrue(c.blockUntilConnected(10, java.util.concurrent.TimeUnit.SECONDS));
                c.create().creatingParentsIfNeeded().forPath("/hakeeper/test", data);
            }
            assertTrue(zk.fourLetterWord("srvr").contains("Mode: standalone"));
            zk.stop();
            assertNull(zk.fourLetterWord("ruok"), "stopped server answers nothing");
            zk.restart();
            zk.awaitServing(Duration.ofSeconds(10));
            try (CuratorFramework c = CuratorFrameworkFactory.newClient(zk.connectString(), 4000, 2000,
                    new RetryOneTime(100))) {
                c.start();
                assertArrayEquals(data, c.getData().forPath("/hakeeper/test"));
            }
        }
    }
}
