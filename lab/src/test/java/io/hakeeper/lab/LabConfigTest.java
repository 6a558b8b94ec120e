package io.hakeeper.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hakeeper.common.config.ConfigLoader;
import io.hakeeper.common.config.HostFacts;
import io.hakeeper.common.config.model.Authentication;
import io.hakeeper.common.config.model.KeepalivedConfig;
import io.hakeeper.common.config.model.RealServer;
import io.hakeeper.common.config.model.VirtualServer;
import io.hakeeper.common.config.model.VrrpInstance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * conf/lab/'s director configs (IPv4, and IPv6 for 'bin/lab up --ipv6') are valid for hakeeper
 * and, as bin/lab hands them to keepalived (hakeeper's blocks stripped), for Debian's keepalived;
 * and they name lab/topology.env's nodes and addresses.
 */
class LabConfigTest {

    private static final Path ROOT = LabTopology.repositoryRoot();

    /** conf/lab/NODE.conf floats LAB_VIP; NODE-ipv6.conf (bin/lab up --ipv6) LAB_VIP6 to the real servers' IPv6 addresses. */
    @Test
    void directorConfigsOfBothFamiliesAreValidAndMatchTheTopology() throws Exception {
        LabTopology t = LabTopology.ofRepository();
        for (String node : t.directors()) {
            for (boolean ipv6 : List.of(false, true)) {
                Path file = ROOT.resolve("conf/lab/" + node + (ipv6 ? "-ipv6" : "") + ".conf");
                ConfigLoader.Result r = ConfigLoader.load(file, ConfigLoader.Mode.CHECK, HostFacts.trusting());
                assertTrue(r.errors().isEmpty(), file + ": " + r.errors());
                assertMatchesTopology(t, node, ipv6, r.config(), t.address("zk") + ":" + t.get("LAB_ZK_PORT"));
            }
        }
    }

    /** What haagent reads in 'bin/lab up --zk 3 --ipv6': the IPv6 file, connecting to all three servers. */
    @Test
    void binLabPointsTheAgentsAtEveryServerOfTheEnsemble() throws Exception {
        LabTopology t = LabTopology.ofRepository();
        String connect = String.join(",", t.zkEnsemble().stream().map(s -> t.address(s) + ":" + t.get("LAB_ZK_PORT")).toList());
        for (String node : t.directors()) {
            String text = binLab("agent-conf", node, "--zk", "3", "--ipv6");
            Path file = Path.of("bin-lab-agent-conf-" + node + ".conf");
            ConfigLoader.Result r = ConfigLoader.loadText(file, text, ConfigLoader.Mode.CHECK, HostFacts.trusting());
            assertTrue(r.errors().isEmpty(), "bin/lab agent-conf " + node + " --zk 3 --ipv6: " + r.errors());
            assertMatchesTopology(t, node, true, r.config(), connect);
            assertTrue(text.contains(t.runDir() + "/" + node + "/healthy"), "the health file lives in the lab's run directory");
        }
    }

    private static void assertMatchesTopology(LabTopology t, String node, boolean ipv6, KeepalivedConfig c, String connect) {
        String vip = ipv6 ? t.get("LAB_VIP6") : t.vip();
        assertEquals(node, c.globalDefs().routerId());
        VrrpInstance vi = c.instances().get(0);
        assertEquals(t.get("LAB_INSTANCE"), vi.name());
        assertEquals("eth0", vi.iface(), "the namespace lab and docker-compose both name the link eth0");
        assertEquals(List.of(vip), vi.virtualIps().stream().map(v -> v.address()).toList());
        if (ipv6) {
            assertEquals(Authentication.Type.NONE, vi.authentication().type(),
                    node + ": VRRPv3 (IPv6) has no authentication (RFC 5798 section 9)");
        }
        assertEquals(connect, c.zookeeper().connect());
        assertEquals(t.get("LAB_CLUSTER"), c.zookeeper().cluster());
        assertEquals(Integer.parseInt(t.get("LAB_SESSION_MS")), c.zookeeper().sessionTimeoutMs());
        assertEquals(Integer.parseInt(t.get("LAB_ZK_TICK_MS")), c.zookeeper().tickTimeMs());
        VirtualServer vs = c.virtualServers().get(0);
        assertEquals(vip, vs.address());
        assertEquals(t.httpPort(), vs.port());
        assertEquals(t.realServers().stream().map(ipv6 ? t::address6 : t::address).toList(),
                vs.realServers().stream().map(RealServer::endpoint).map(e -> e.address()).toList());
    }

    private static String binLab(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin/lab").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", cmd));
        return out;
    }

    @Test
    void keepalivedAcceptsTheConfigsBinLabGivesIt() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/keepalived")),
                "keepalived is not installed (sudo lab/setup-host.sh lab); the keepalived side of conf/lab not checked");
        for (String node : LabTopology.ofRepository().directors()) {
            for (List<String> mode : List.of(List.of("--zk", "1"), List.of("--zk", "3", "--ipv6"))) {
                Path stripped = Files.createTempFile("lab-" + node, ".conf");
                try {
                    List<String> args = new ArrayList<>(List.of("keepalived-conf", node));
                    args.addAll(mode);
                    Files.writeString(stripped, binLab(args.toArray(String[]::new)));
                    Process test = new ProcessBuilder("/usr/sbin/keepalived", "--config-test", "--use-file", stripped.toString())
                            .redirectErrorStream(true).start();
                    String out = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertTrue(test.waitFor(30, TimeUnit.SECONDS), "keepalived --config-test did not finish");
                    // keepalived --config-test exits non-zero and names the line for any unknown keyword.
                    assertEquals(0, test.exitValue(), node + " " + mode + ": " + out);
                } finally {
                    Files.deleteIfExists(stripped);
                }
            }
        }
    }
}
