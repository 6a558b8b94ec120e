package io.hakeeper.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hakeeper.common.config.ConfigLoader;
import io.hakeeper.common.config.HostFacts;
import io.hakeeper.common.config.model.KeepalivedConfig;
import io.hakeeper.common.config.model.RealServer;
import io.hakeeper.common.config.model.VirtualServer;
import io.hakeeper.common.config.model.VrrpInstance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * conf/lab/'s director configs are valid for hakeeper and, as bin/lab hands them to keepalived
 * (hakeeper's blocks stripped), for Debian's keepalived; and they name lab/topology.env's nodes and
 * addresses.
 */
class LabConfigTest {

    private static final Path ROOT = LabTopology.repositoryRoot();

    @Test
    void directorConfigsAreValidAndMatchTheTopology() throws Exception {
        LabTopology t = LabTopology.ofRepository();
        for (String node : t.directors()) {
            Path file = ROOT.resolve("conf/lab/" + node + ".conf");
            ConfigLoader.Result r = ConfigLoader.load(file, ConfigLoader.Mode.CHECK, HostFacts.trusting());
            assertTrue(r.errors().isEmpty(), file + ": " + r.errors());
            KeepalivedConfig c = r.config();
            assertEquals(node, c.globalDefs().routerId());
            VrrpInstance vi = c.instances().get(0);
            assertEquals(t.get("LAB_INSTANCE"), vi.name());
            assertEquals("eth0", vi.iface(), "the namespace lab and docker-compose both name the link eth0");
            assertEquals(List.of(t.vip()), vi.virtualIps().stream().map(v -> v.address()).toList());
            assertEquals(t.address("zk") + ":" + t.get("LAB_ZK_PORT"), c.zookeeper().connect());
            assertEquals(t.get("LAB_CLUSTER"), c.zookeeper().cluster());
            assertEquals(Integer.parseInt(t.get("LAB_SESSION_MS")), c.zookeeper().sessionTimeoutMs());
            assertEquals(Integer.parseInt(t.get("LAB_ZK_TICK_MS")), c.zookeeper().tickTimeMs());
            VirtualServer vs = c.virtualServers().get(0);
            assertEquals(t.vip(), vs.address());
            assertEquals(t.httpPort(), vs.port());
            assertEquals(t.realServers().stream().map(t::address).toList(),
                    vs.realServers().stream().map(RealServer::endpoint).map(e -> e.address()).toList());
        }
    }

    @Test
    void keepalivedAcceptsTheConfigsBinLabGivesIt() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/keepalived")),
                "keepalived is not installed (sudo lab/setup-host.sh lab); the keepalived side of conf/lab not checked");
        for (String node : LabTopology.ofRepository().directors()) {
            Path stripped = Files.createTempFile("lab-" + node, ".conf");
            try {
                Process strip = new ProcessBuilder(ROOT.resolve("bin/lab").toString(), "keepalived-conf", node)
                        .redirectOutput(stripped.toFile()).start();
                assertTrue(strip.waitFor(30, TimeUnit.SECONDS) && strip.exitValue() == 0, "bin/lab keepalived-conf " + node);
                Process test = new ProcessBuilder("/usr/sbin/keepalived", "--config-test", "--use-file", stripped.toString())
                        .redirectErrorStream(true).start();
                String out = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(test.waitFor(30, TimeUnit.SECONDS), "keepalived --config-test did not finish");
                // keepalived --config-test exits non-zero and names the line for any unknown keyword.
                assertEquals(0, test.exitValue(), node + ": " + out);
            } finally {
                Files.deleteIfExists(stripped);
            }
        }
    }
}
