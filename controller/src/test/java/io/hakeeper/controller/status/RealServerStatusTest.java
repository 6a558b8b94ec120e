package io.hakeeper.controller.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hakeeper.common.zk.RealServerView;
import io.hakeeper.common.zk.RecordCodec;
import io.hakeeper.common.zk.ZkLayout;
import io.hakeeper.controller.support.AgentSessions;
import io.hakeeper.controller.support.HaCtlRun;
import io.hakeeper.controller.support.SchemaCheck;
import io.hakeeper.controller.support.TestZooKeeper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hactl status} shows, per virtual server and real server, what each director's checkers
 * see: records written under {@code realservers/<vs>/<node>} as two agents publish them (lb2 finds
 * one server down), plus garbage that is listed as unreadable and skipped. Real ZooKeeper.
 */
class RealServerStatusTest {

    private static final ZkLayout LAYOUT = new ZkLayout("/hakeeper", "t");
    private static final RecordCodec CODEC = new RecordCodec();
    private static final String VS = "TCP_10.0.0.1_80";

    @TempDir
    Path dir;

    private TestingServer server;
    private CuratorFramework lb1;
    private CuratorFramework lb2;

    @BeforeEach
    void start() throws Exception {
        server = TestZooKeeper.server(dir.resolve("zk").toFile());
        lb1 = AgentSessions.connect(server);
        lb2 = AgentSessions.connect(server);
        AgentSessions.register(lb1, LAYOUT, "lb1");
        AgentSessions.register(lb2, LAYOUT, "lb2");
        publish(lb1, "lb1", List.of(
                new RealServerView.RealServer("10.0.1.1", 80, true, 3, "", 1_700_000_000_000L),
                new RealServerView.RealServer("10.0.1.2", 80, true, 1, "", 1_700_000_000_000L)));
        publish(lb2, "lb2", List.of(
                new RealServerView.RealServer("10.0.1.1", 80, true, 3, "", 1_700_000_000_000L),
                new RealServerView.RealServer("10.0.1.2", 80, false, 0, "HTTP_GET: BAD_STATUS 503", 1_700_000_100_000L)));
        lb1.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL)
                .forPath(LAYOUT.realServersDir() + "/TCP_10.0.0.2_80/lb1", "{not json".getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() throws Exception {
        lb1.close();
        lb2.close();
        server.close();
    }

    private static void publish(CuratorFramework c, String node, List<RealServerView.RealServer> servers)
            throws Exception {
        c.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(
                LAYOUT.realServersDir() + "/" + VS + "/" + node,
                CODEC.encode(new RealServerView(node, VS, servers, System.currentTimeMillis())));
    }

    @Test
    void statusShowsEachDirectorsVerdictPerRealServer() throws Exception {
        HaCtlRun hactl = new HaCtlRun("--zk", server.getConnectString(), "--cluster", "t");

        JsonNode json = SchemaCheck.valid(hactl.run("status", "--json").out());
        JsonNode vss = json.get("virtualServers");
        assertEquals(2, vss.size(), json.toPrettyString());
        JsonNode web = vss.get(0);
        assertEquals(VS, web.get("key").asText());
        assertEquals("10.0.0.1:80", web.get("label").asText());
        JsonNode second = web.get("realServers").get(1);
        assertEquals("10.0.1.2", second.get("address").asText());
        assertEquals("lb1", second.get("seenBy").get(0).get("node").asText());
        assertTrue(second.get("seenBy").get(0).get("up").asBoolean());
        JsonNode lb2sees = second.get("seenBy").get(1);
        assertEquals("lb2", lb2sees.get("node").asText());
        assertTrue(!lb2sees.get("up").asBoolean());
        assertEquals(0, lb2sees.get("weight").asInt());
        assertEquals("HTTP_GET: BAD_STATUS 503", lb2sees.get("reason").asText());
        assertTrue(lb2sees.get("current").asBoolean());
        assertEquals(0, vss.get(1).get("realServers").size(), "the garbage record is skipped");
        assertTrue(json.get("unreadable").toString().contains("/realservers/TCP_10.0.0.2_80/lb1"), json.toString());

        String text = hactl.run("status").out();
        System.out.print(text);
        assertTrue(text.contains("VIRTUAL SERVER"), text);
        String row = text.lines().filter(l -> l.contains("10.0.1.2:80")).findFirst().orElseThrow();
        assertTrue(row.matches(".*10\\.0\\.0\\.1:80 +10\\.0\\.1\\.2:80 +up, weight 1 +DOWN: HTTP_GET: BAD_STATUS 503.*"),
                row);
        String first = text.lines().filter(l -> l.contains("10.0.1.1:80")).findFirst().orElseThrow();
        assertTrue(first.matches(".*up, weight 3 +up, weight 3.*"), first);
    }
}
