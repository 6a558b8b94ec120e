package io.hakeeper.controller.cli;

import static io.hakeeper.controller.support.Snapshots.member;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hakeeper.common.fence.FenceBudget;
import io.hakeeper.common.zk.EventRecord;
import io.hakeeper.common.zk.HolderRecord;
import io.hakeeper.common.zk.MemberRecord;
import io.hakeeper.common.zk.NodeRecord;
import io.hakeeper.common.zk.RecordCodec;
import io.hakeeper.common.zk.ZkLayout;
import io.hakeeper.controller.support.HaCtlRun;
import io.hakeeper.controller.support.HaCtlRun.Result;
import io.hakeeper.controller.support.SchemaCheck;
import io.hakeeper.controller.support.TestZooKeeper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hactl against a real ZooKeeper holding records in exactly the shape agents publish, each node's
 * ephemeral records written by its own session. This covers what agents on main do not publish
 * yet (a member's VRRP view with foreign routers, the addresses it sees) and conditions an agent
 * refuses to run with (an unsafe fence budget); HactlLabTest covers the rest with real agents.
 */
class HaCtlAgainstZooKeeperTest {

    private static final ZkLayout LAYOUT = new ZkLayout("/hakeeper", "t");
    private static final RecordCodec CODEC = new RecordCodec();
    private static final String VIP = "10.0.0.100/24";

    @TempDir
    Path dir;

    private TestingServer server;
    private CuratorFramework lb1;
    private CuratorFramework lb2;
    private HaCtlRun hactl;

    @BeforeEach
    void startZooKeeperAndTwoAgentSessions() throws Exception {
        server = TestZooKeeper.server(dir.resolve("zk").toFile());
        lb1 = session();
        lb2 = session();
        hactl = new HaCtlRun("--zk", server.getConnectString(), "--cluster", "t");
        register(lb1, "lb1", 4000, 500);
        register(lb2, "lb2", 4000, 500);
        publish(lb1, member("lb1", 51, VIP, 150, true, "", null, List.of(VIP)));
        publish(lb2, member("lb2", 51, VIP, 100, true, "", null, List.of()));
        lb1.create().creatingParentsIfNeeded().forPath(LAYOUT.epoch("VI_1"));
        lb1.setData().forPath(LAYOUT.epoch("VI_1"), new byte[0]);
        lb1.create().withMode(CreateMode.EPHEMERAL).forPath(LAYOUT.holder("VI_1"),
                CODEC.encode(new HolderRecord("lb1", 1, System.currentTimeMillis(), List.of(VIP))));
    }

    @AfterEach
    void stop() throws Exception {
        lb1.close();
        lb2.close();
        server.close();
    }

    private CuratorFramework session() throws InterruptedException {
        CuratorFramework c = CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryOneTime(10));
        c.start();
        assertTrue(c.blockUntilConnected(10, TimeUnit.SECONDS));
        return c;
    }

    private static void register(CuratorFramework c, String node, int sessionMs, int tickMs) throws Exception {
        long session = c.getZookeeperClient().getZooKeeper().getSessionId();
        NodeRecord r = new NodeRecord(node, "host", "1.0", 1, System.currentTimeMillis(), session,
                NodeRecord.Fence.of(FenceBudget.of(sessionMs, tickMs)), false);
        c.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(LAYOUT.node(node), CODEC.encode(r));
    }

    private static void publish(CuratorFramework c, MemberRecord r) throws Exception {
        String path = LAYOUT.member("VI_1", r.node());
        if (c.checkExists().forPath(path) == null) {
            c.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(path, CODEC.encode(r));
        } else {
            c.setData().forPath(path, CODEC.encode(r));
        }
    }

    private static Set<String> codes(JsonNode report, String severity) {
        Set<String> out = new TreeSet<>();
        report.get("findings").forEach(f -> {
            if (f.get("severity").asText().equals(severity)) {
                out.add(f.get("code").asText());
            }
        });
        return out;
    }

    @Test
    void aForeignRouterDegradesAndAVipOnTwoNodesIsCritical() throws Exception {
        Result healthy = hactl.run("status", "--json");
        assertEquals(0, healthy.exit(), healthy.toString());
        SchemaCheck.valid(healthy.out());

        publish(lb2, member("lb2", 51, VIP, 100, true, "",
                new MemberRecord.VrrpView("lb1", 150, false, List.of("10.0.0.9"), 40, 2), List.of()));
        Result foreign = hactl.run("status", "--json");
        assertEquals(1, foreign.exit(), foreign.toString());
        JsonNode f = SchemaCheck.valid(foreign.out());
        assertEquals(Set.of("foreign-router"), codes(f, "degraded"));
        assertTrue(hactl.run("status").out().contains("master lb1 (150), foreign: 10.0.0.9"));

        publish(lb2, member("lb2", 51, VIP, 100, true, "", null, List.of("10.0.0.100/24")));
        Result duplicate = hactl.run("status", "--json");
        assertEquals(2, duplicate.exit(), duplicate.toString());
        assertEquals(Set.of("duplicate-vip"), codes(SchemaCheck.valid(duplicate.out()), "critical"));

        Result doctor = hactl.run("doctor", "--json");
        JsonNode d = SchemaCheck.valid(doctor.out());
        assertEquals(2, doctor.exit(), doctor.toString());
        Set<String> critical = new TreeSet<>();
        d.get("checks").forEach(c -> {
            if (c.get("severity").asText().equals("critical")) {
                critical.add(c.get("code").asText());
            }
        });
        assertEquals(Set.of("duplicate-vip"), critical);
    }

    @Test
    void aNodeWithAnUnsafeFenceBudgetIsCritical() throws Exception {
        lb2.delete().forPath(LAYOUT.node("lb2"));
        register(lb2, "lb2", 3000, 2000); // lease 250 ms: the agent refuses to start like this
        Result r = hactl.run("status", "--json");
        assertEquals(2, r.exit(), r.toString());
        assertEquals(Set.of("unsafe-fence-budget"), codes(SchemaCheck.valid(r.out()), "critical"));
        assertTrue(hactl.run("status").out().contains("UNSAFE"));
    }

    @Test
    void garbageEventsAreListedAsUnreadableAndSinceFilters() throws Exception {
        long now = System.currentTimeMillis();
        for (EventRecord e : List.of(new EventRecord(now - 3_600_000, EventRecord.Kind.CLAIM, "VI_1", "lb1", 1, "old"),
                new EventRecord(now - 1000, EventRecord.Kind.YIELD, "VI_1", "lb1", 1, "recent"))) {
            lb1.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT_SEQUENTIAL)
                    .forPath(LAYOUT.eventPrefix(), CODEC.encode(e));
        }
        lb1.create().withMode(CreateMode.PERSISTENT_SEQUENTIAL).forPath(LAYOUT.eventPrefix(),
                "\u0000garbage".getBytes(StandardCharsets.UTF_8));
        Result r = hactl.run("events", "--since", "10m", "--json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode e = SchemaCheck.valid(r.out());
        assertEquals(1, e.get("events").size(), r.out());
        assertEquals("yield", e.get("events").get(0).get("kind").asText());
        assertEquals(1, e.get("unreadable").size());
        Result text = hactl.run("events");
        assertTrue(text.out().contains("claim") && text.out().contains("unreadable event"), text.out());
    }

    @Test
    void globalOptionsGoBeforeOrAfterTheCommand() {
        Result before = new HaCtlRun().run("--zk", server.getConnectString(), "--cluster", "t", "status");
        assertEquals(0, before.exit(), before.toString());
        Result after = new HaCtlRun().run("status", "--zk", server.getConnectString(), "--cluster", "t");
        assertEquals(0, after.exit(), after.toString());
    }

    @Test
    void anUnknownClusterIsCriticalAndNamesTheClustersThatExist() {
        Result r = new HaCtlRun("--zk", server.getConnectString(), "--cluster", "prod").run("status");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.out().contains("pass --cluster with one of: t"), r.out());
        Result drain = new HaCtlRun("--zk", server.getConnectString(), "--cluster", "prod").run("drain", "lb1");
        assertEquals(64, drain.exit(), drain.toString());
    }

    @Test
    void usageErrorsSayWhatToDo() throws Exception {
        Result noZk = new HaCtlRun().run("status");
        if (System.getenv("HAKEEPER_ZK") == null) {
            assertEquals(64, noZk.exit(), noZk.toString());
            assertTrue(noZk.err().contains("pass --zk host:port"), noZk.err());
        }
        Result typo = hactl.run("staus");
        assertEquals(64, typo.exit(), typo.toString());
        assertTrue(typo.err().contains("status"), "suggests the command: " + typo.err());
        Path loose = dir.resolve("loose.digest");
        Files.writeString(loose, "hakeeper:secret\n");
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));
        Result mode = hactl.run("status", "--auth-digest-file", loose.toString());
        assertEquals(64, mode.exit(), mode.toString());
        assertTrue(mode.err().contains("run: chmod 600 " + loose), mode.err());
    }

    @Test
    void zooKeeperUnreachableExitsThreeNamingTheAddress() {
        Result r = new HaCtlRun("--zk", "127.0.0.1:1", "--timeout", "1s").run("status");
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.err().contains("cannot reach ZooKeeper (--zk 127.0.0.1:1) within 1000 ms: 127.0.0.1:1: connection"
                + " refused"), r.err());
    }

    @Test
    void theSchemaCommandPrintsTheSchemaTheTestsValidateAgainst() throws Exception {
        Result r = hactl.run("schema");
        assertEquals(0, r.exit());
        assertEquals(SchemaCommand.text(), r.out());
        assertTrue(r.out().contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\""));
    }
}
