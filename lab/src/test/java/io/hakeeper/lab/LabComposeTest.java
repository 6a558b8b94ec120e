package io.hakeeper.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml is valid for Debian's docker-compose (no engine needed for 'config') and
 * describes the namespace lab: the same nodes, addresses, VIP, ZooKeeper tickTime and director
 * configs as lab/topology.env and conf/lab/ (the default lab: one ZooKeeper server, the IPv4 VIP;
 * 'bin/lab up --zk 3' and '--ipv6' exist in namespaces only). The normalized output of 'docker-compose config' is
 * read as JSON with python3's yaml module, which docker-compose itself depends on.
 */
class LabComposeTest {

    private static final Path ROOT = LabTopology.repositoryRoot();
    private static LabTopology topology;
    private static JsonNode compose;

    @BeforeAll
    static void normalize() throws Exception {
        topology = LabTopology.ofRepository();
        boolean tool = List.of("/usr/bin/docker-compose", "/usr/local/bin/docker-compose").stream()
                .anyMatch(p -> Files.isExecutable(Path.of(p)));
        assumeTrue(tool, "docker-compose is not installed (sudo lab/setup-host.sh test installs Debian's);"
                + " docker-compose.yml not validated");
        String yaml = run(List.of("docker-compose", "-f", ROOT.resolve("docker-compose.yml").toString(), "config"), null);
        String json = run(List.of("python3", "-c",
                "import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))"), yaml);
        compose = new ObjectMapper().readTree(json);
    }

    private static String run(List<String> cmd, String input) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).start();
        if (input != null) {
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", cmd) + " did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + " failed: " + err);
        return out;
    }

    /** compose is the default lab (LAB_NODES): one ZooKeeper server, IPv4; bin/lab up --zk 3 / --ipv6 are namespace-only. */
    @Test
    void namesTheDefaultNamespaceLabsNodes() {
        Set<String> services = new TreeSet<>();
        compose.get("services").fieldNames().forEachRemaining(services::add);
        assertEquals(new TreeSet<>(topology.nodes()), services);
        for (String s : topology.zkEnsemble().subList(1, topology.zkEnsemble().size())) {
            assertTrue(!services.contains(s), s + " (bin/lab up --zk 3 only) is a compose service");
        }
    }

    @Test
    void givesEveryNodeItsLabAddressOnTheLabSubnet() {
        assertEquals(topology.get("LAB_SUBNET"),
                compose.at("/networks/lab/ipam/config/0/subnet").asText());
        for (String node : topology.nodes()) {
            assertEquals(topology.address(node),
                    compose.at("/services/" + node + "/networks/lab/ipv4_address").asText(), node);
        }
    }

    @Test
    void directorsRunTheLabsConfigsWithNetworkCapabilities() {
        for (String node : topology.directors()) {
            JsonNode s = compose.at("/services/" + node);
            assertEquals(List.of("run", "--config", "/etc/hakeeper/" + node + ".conf"), texts(s.get("command")), node);
            assertTrue(texts(s.get("volumes")).stream().anyMatch(v ->
                    v.startsWith(ROOT.resolve("conf/lab") + ":/etc/hakeeper")), node + " mounts conf/lab: " + s.get("volumes"));
            assertTrue(Files.isRegularFile(ROOT.resolve("conf/lab/" + node + ".conf")), node);
            assertTrue(texts(s.get("cap_add")).containsAll(List.of("NET_ADMIN", "NET_RAW")), node);
            assertEquals(node, s.get("hostname").asText());
        }
        assertEquals("docker/agent/Dockerfile", compose.at("/services/lb01/build/dockerfile").asText());
        assertTrue(Files.isRegularFile(ROOT.resolve("docker/agent/Dockerfile")));
    }

    @Test
    void realServersCarryTheVipOnLoWithDirectRoutingArpSettings() {
        for (String node : topology.realServers()) {
            JsonNode s = compose.at("/services/" + node);
            assertEquals(List.of(topology.vip()), texts(s.get("command")), node);
            assertEquals("1", s.at("/sysctls/net.ipv4.conf.all.arp_ignore").asText(), node);
            assertEquals("2", s.at("/sysctls/net.ipv4.conf.all.arp_announce").asText(), node);
            assertEquals(node, s.get("hostname").asText());
        }
    }

    @Test
    void zooKeeperHasTheLabsTickTime() {
        assertEquals(topology.get("LAB_ZK_TICK_MS"), compose.at("/services/zk/environment/ZOO_TICK_TIME").asText());
        assertTrue(compose.at("/services/zk/image").asText().startsWith("zookeeper:"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.isTextual() ? n.asText() : n.toString()));
        }
        return out;
    }
}
