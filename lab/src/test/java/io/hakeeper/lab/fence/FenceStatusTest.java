package io.hakeeper.lab.fence;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.agent.netlink.NetworkNamespace;
import io.hakeeper.lab.LabAssumptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's /health and /metrics on 127.0.0.1:9405 inside its namespace. */
class FenceStatusTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsRoot() {
        LabAssumptions.assumeNamespaces();
    }

    /** GET over a socket opened inside the agent's namespace; returns "STATUS\nBODY". */
    private static String get(FenceLab lab, String node, String path) throws Exception {
        return NetworkNamespace.call(NetworkNamespace.named(lab.ns(node)), () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", 9405), 2000);
                s.setSoTimeout(5000);
                OutputStream out = s.getOutputStream();
                out.write(("GET " + path + " HTTP/1.0\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                String status = response.substring(9, 12);
                return status + "\n" + response.substring(response.indexOf("\r\n\r\n") + 4);
            }
        });
    }

    @Test
    void healthFollowsTheZooKeeperConnectionAndMetricsShowTheHolder() throws Exception {
        try (FenceLab lab = new FenceLab(dir)) {
            lab.startAgent("lb1", lab.config("lb1", 150, "", ""));
            assertTrue(lab.timeline.await(() -> lab.timeline.holds("lb1"), 30_000), lab.log("lb1"));
            assertTrue(lab.awaitLog("lb1", "agent lb1 running"), lab.log("lb1"));
            String health = get(lab, "lb1", "/health");
            assertTrue(health.startsWith("200\nok"), health);
            String metrics = get(lab, "lb1", "/metrics");
            for (String line : new String[] {"hakeeper_instance_holder{instance=\"VI_1\"} 1.0",
                "hakeeper_instance_effective_priority{instance=\"VI_1\"} 150.0",
                "hakeeper_instance_claims_total{instance=\"VI_1\"} 1.0", "hakeeper_zookeeper_connected 1.0"}) {
                assertTrue(metrics.contains(line), line + " missing from:\n" + metrics);
            }
            assertTrue(metrics.contains("hakeeper_renewals_total"), metrics);
            assertTrue(metrics.contains("hakeeper_vrrp_adverts_sent_total{instance=\"VI_1\"}"), metrics);
            lab.cutZooKeeper("lb1");
            long deadline = System.nanoTime() + 10_000_000_000L;
            String h = health;
            while (!h.startsWith("503") && System.nanoTime() < deadline) {
                Thread.sleep(100); // polling the endpoint with a deadline
                h = get(lab, "lb1", "/health");
            }
            assertTrue(h.startsWith("503"), "still healthy without ZooKeeper: " + h);
            System.out.println("/health without ZooKeeper: " + h.replace('\n', ' '));
        }
    }
}
