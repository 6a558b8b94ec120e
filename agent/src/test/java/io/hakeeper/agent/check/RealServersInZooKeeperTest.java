package io.hakeeper.agent.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.agent.ipvs.RealServerId;
import io.hakeeper.agent.testsupport.Poll;
import io.hakeeper.common.config.ConfigLoader;
import io.hakeeper.common.config.HostFacts;
import io.hakeeper.common.config.model.KeepalivedConfig;
import io.hakeeper.common.zk.DecodeResult;
import io.hakeeper.common.zk.RealServerView;
import io.hakeeper.common.zk.RecordCodec;
import io.hakeeper.common.zk.VirtualServerKey;
import io.hakeeper.common.zk.ZkLayout;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Verdicts from real TCP connects to loopback listeners, published to a real ZooKeeper
 * (curator-test): the {@code realservers/<vs>/<node>} record appears at start, changes exactly once
 * per verdict change, and is not rewritten while checks keep passing or failing.
 */
class RealServersInZooKeeperTest {

    private TestingServer zk;
    private CuratorFramework client;
    private ServerSocket a;
    private ServerSocket b;
    private int portB;

    @BeforeEach
    void start() throws Exception {
        zk = new TestingServer(true);
        client = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100));
        client.start();
        a = listen(0);
        b = listen(0);
        portB = b.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        a.close();
        b.close();
        client.close();
        zk.close();
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return s;
    }

    static KeepalivedConfig config(String text) {
        ConfigLoader.Result r = ConfigLoader.loadText(Path.of("t.conf"), text, ConfigLoader.Mode.CHECK,
                HostFacts.trusting());
        assertTrue(r.ok(), r.errors().toString());
        return r.config();
    }

    private KeepalivedConfig config() {
        return config("""
                virtual_server 10.1.0.1 80 {
                    delay_loop 1
                    lb_kind NAT
                    real_server 127.0.0.1 %d {
                        weight 3
                        TCP_CHECK {
                            connect_timeout 1
                            retry 0
                        }
                    }
                    real_server 127.0.0.1 %d {
                        TCP_CHECK {
                            connect_timeout 1
                            retry 0
                        }
                    }
                }
                """.formatted(a.getLocalPort(), portB));
    }

    private RealServerView read(String path, Stat stat) throws Exception {
        DecodeResult<RealServerView> r = new RecordCodec().decode(client.getData().storingStatIn(stat).forPath(path),
                RealServerView.class);
        return r.toOptional().orElseThrow(() -> new AssertionError("unreadable " + path + ": " + r));
    }

    @Test
    void recordsAreWrittenOnlyWhenAVerdictChanges() throws Exception {
        ZkLayout layout = new ZkLayout("/hakeeper", "test");
        KeepalivedConfig config = config();
        String path = layout.realServerView(VirtualServerKey.of(config.virtualServers().get(0)), "lb1");
        assertEquals("/hakeeper/test/realservers/TCP_10.1.0.1_80/lb1", path);
        try (LoopbackChecks live = new LoopbackChecks(client, layout, null)) {
            CheckService checks = live.service;
            RealServerPublisher publisher = live.publisher();
            checks.apply(config);
            RealServerId idB = checks.checked().stream().filter(id -> id.realServer().port() == portB).findFirst()
                    .orElseThrow();

            Poll.until(Duration.ofSeconds(10), "the record exists", () -> client.checkExists().forPath(path) != null);
            Stat stat = new Stat();
            RealServerView first = read(path, stat);
            assertEquals("lb1", first.node());
            assertEquals(2, first.realServers().size());
            assertTrue(first.realServers().stream().allMatch(RealServerView.RealServer::up), first.toString());
            assertEquals(3, first.realServers().get(0).weight());
            assertTrue(client.getData().forPath(path) != null && stat.getEphemeralOwner() != 0, "ephemeral");
            int created = stat.getVersion();

            // Three rounds of passing checks (delay_loop 1) write nothing.
            long runBefore = checks.metrics().checksRun();
            Poll.holdsFor(Duration.ofMillis(2500), "no rewrite while nothing changes",
                    () -> client.checkExists().forPath(path).getVersion() == created);
            assertTrue(checks.metrics().checksRun() - runBefore >= 4, "checks kept running");

            // B stops listening: one write, saying B is down with the reason.
            b.close();
            Poll.until(Duration.ofSeconds(10), "B down in ZooKeeper",
                    () -> !read(path, new Stat()).realServers().get(1).up());
            Stat afterDown = new Stat();
            RealServerView down = read(path, afterDown);
            assertEquals(created + 1, afterDown.getVersion(), "exactly one write for the change");
            assertEquals(0, down.realServers().get(1).weight());
            assertTrue(down.realServers().get(1).reason().startsWith("TCP_CHECK: REFUSED"), down.toString());
            assertTrue(down.realServers().get(0).up());
            assertEquals(java.util.Optional.of(io.hakeeper.agent.ipvs.Verdict.down()), checks.verdict(idB));
            Poll.holdsFor(Duration.ofMillis(2500), "no rewrite while B keeps failing",
                    () -> client.checkExists().forPath(path).getVersion() == created + 1);

            // B back: one more write.
            b = listen(portB);
            Poll.until(Duration.ofSeconds(10), "B up again", () -> read(path, new Stat()).realServers().get(1).up());
            assertEquals(created + 2, client.checkExists().forPath(path).getVersion());
            assertEquals(3, publisher.writes(), "create, down, up");
        }
        assertTrue(client.checkExists().forPath(path) == null, "the publisher's close removes the ephemeral record");
    }

    @Test
    void aReloadKeepsUnchangedServersAndRetiresAVirtualServerThatWent() throws Exception {
        ZkLayout layout = new ZkLayout("/hakeeper", "test");
        KeepalivedConfig config = config();
        String gone = layout.realServerView(VirtualServerKey.of(config.virtualServers().get(0)), "lb1");
        KeepalivedConfig other = config("""
                virtual_server 10.1.0.2 80 {
                    delay_loop 1
                    real_server 127.0.0.1 %d {
                        TCP_CHECK {
                            connect_timeout 1
                            retry 0
                        }
                    }
                }
                """.formatted(a.getLocalPort()));
        String added = layout.realServerView(VirtualServerKey.of(other.virtualServers().get(0)), "lb1");
        try (LoopbackChecks live = new LoopbackChecks(client, layout, null)) {
            CheckService checks = live.service;
            RealServerPublisher publisher = live.publisher();
            checks.apply(config);
            Poll.until(Duration.ofSeconds(10), "first record", () -> client.checkExists().forPath(gone) != null);
            checks.apply(other);
            Poll.until(Duration.ofSeconds(10), "old record gone, new one there",
                    () -> client.checkExists().forPath(gone) == null && client.checkExists().forPath(added) != null);
            assertEquals(List.of(other.virtualServers().get(0).label()),
                    checks.checked().stream().map(RealServerId::virtualServer).map(s -> s.substring(4)).toList());
        }
    }
}
