package io.hakeeper.controller.lab;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hakeeper.controller.support.TestZooKeeper;
import io.hakeeper.lab.netns.LabNetwork;
import io.hakeeper.lab.netns.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.curator.test.TestingServer;

/**
 * Two directors running real agents ({@code haagent run}, each its own process in its own network
 * namespace) and a real ZooKeeper server in this JVM:
 *
 * <pre>
 *   lb1 [lan0 10.97.0.11/24] --\                     /-- [zk0 10.97.1.2/30] lb1
 *                              bridge (ns sw)    this JVM's ZooKeeper (root ns: 10.97.1.1, 10.97.2.1)
 *   lb2 [lan0 10.97.0.12/24] --/                     \-- [zk0 10.97.2.2/30] lb2
 * </pre>
 *
 * Two instances with nopreempt everywhere: VI_1 (VRID 51, {@value #VIP1}) and VI_2 (VRID 52,
 * {@value #VIP2}). Agents authenticate with {@link #writerDigest()} (writer and read-only lines),
 * so the cluster's nodes carry ACLs. Built on the lab module's LabNetwork, as FenceLab is, on its
 * own subnet, so both can run at once. Everything is removed on close.
 */
public final class ControllerLab implements AutoCloseable {

    public static final String VIP1 = "10.97.0.100";
    public static final String VIP2 = "10.97.0.101";
    public static final String CLUSTER = "lab";
    public static final int SESSION_MS = 4000;

    private final Path dir;
    private final LabNetwork net = new LabNetwork("hkc");
    private TestingServer zk;

    /** Skips the calling test, saying why, unless this is root with iproute2. */
    public static void assumeRoot() {
        assumeTrue(Shell.whyNoNamespaces().isEmpty(),
                () -> "the hactl lab (real agents in namespaces) skipped: " + Shell.whyNoNamespaces().orElse(""));
    }

    /** Skips the calling test, saying why, unless {@code tool} is installed (lab/setup-host.sh installs it). */
    public static void assumeTool(String tool) {
        assumeTrue(Shell.installed(tool), tool + " is not installed (lab/setup-host.sh installs it); skipped");
    }

    public ControllerLab(Path dir) throws Exception {
        this.dir = dir;
        try {
            build();
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private void build() throws Exception {
        zk = TestZooKeeper.server(dir.resolve("zk").toFile());
        for (String n : List.of("sw", "lb1", "lb2")) {
            net.addNamespace(n);
        }
        net.addBridge("sw");
        for (int i = 1; i <= 2; i++) {
            String lb = "lb" + i;
            net.plugIntoBridge(lb, "lan0", "10.97.0.1" + i + "/24", "sw", Integer.toString(i));
            // The director's own link to ZooKeeper, which runs in this JVM in the root namespace.
            String rootEnd = net.link("r" + i);
            net.addVeth(rootEnd, null, null, net.link("z" + i), lb, "zk0");
            Shell.ip("addr", "add", "10.97." + i + ".1/30", "dev", rootEnd);
            Shell.ipIn(net.ns(lb), "addr", "add", "10.97." + i + ".2/30", "dev", "zk0");
        }
        Files.writeString(writerDigest(), "# agents (writer), then the read-only identity\nhakeeper:writer-secret\n"
                + "observer:reader-secret\n");
        Files.setPosixFilePermissions(writerDigest(), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(readerDigest(), "observer:reader-secret\n");
        Files.setPosixFilePermissions(readerDigest(), PosixFilePermissions.fromString("rw-------"));
    }

    /** The agents' auth_digest_file: writer line first, read-only identity second. */
    public Path writerDigest() {
        return dir.resolve("agents.digest");
    }

    /** A file whose first line is the read-only identity. */
    public Path readerDigest() {
        return dir.resolve("observer.digest");
    }

    /** How this JVM reaches ZooKeeper. */
    public String zkConnect() {
        return "127.0.0.1:" + zk.getPort();
    }

    public TestingServer zk() {
        return zk;
    }

    /**
     * A director's config: both instances, nopreempt, and the zookeeper block.
     *
     * @param vrid1 VI_1's virtual_router_id (51 unless a test wants members to disagree)
     * @param tickMs what the agent believes the ensemble's tickTime is
     */
    public Path config(String node, int priority, int vrid1, int tickMs) throws IOException {
        int i = Integer.parseInt(node.substring(2));
        String text = """
                global_defs {
                    router_id %1$s
                }
                vrrp_instance VI_1 {
                    interface lan0
                    virtual_router_id %2$d
                    priority %3$d
                    advert_int 1
                    nopreempt
                    virtual_ipaddress {
                        %4$s/24
                    }
                }
                vrrp_instance VI_2 {
                    interface lan0
                    virtual_router_id 52
                    priority %3$d
                    advert_int 1
                    nopreempt
                    virtual_ipaddress {
                        %5$s/24
                    }
                }
                zookeeper {
                    connect 10.97.%6$d.1:%7$d
                    cluster %8$s
                    session_timeout %9$d
                    tick_time %10$d
                    auth_digest_file %11$s
                }
                """.formatted(node, vrid1, priority, VIP1, VIP2, i, zk.getPort(), CLUSTER, SESSION_MS, tickMs,
                writerDigest());
        Path p = dir.resolve(node + "-" + vrid1 + "-" + tickMs + ".conf");
        Files.writeString(p, text);
        return p;
    }

    public Path config(String node, int priority) throws IOException {
        return config(node, priority, 51, TestZooKeeper.TICK_MS);
    }

    /** Starts {@code haagent run} for {@code node} in its namespace, as its own process, from the test classpath. */
    public void startAgent(String node, Path config) throws IOException {
        net.startAgent(node, config, log(node), LabNetwork.TEST_AGENT_FLAGS, LabNetwork.agentFromClasspath());
    }

    public Path log(String node) {
        return dir.resolve(node + ".log");
    }

    public String logs() throws IOException {
        StringBuilder b = new StringBuilder();
        for (String node : net.agentNodes()) {
            b.append("\n--- ").append(node).append(" log (tail)\n");
            String text = Files.exists(log(node)) ? Files.readString(log(node)) : "";
            b.append(text.length() > 6000 ? text.substring(text.length() - 6000) : text);
        }
        return b.toString();
    }

    /** kill -9: the agent's session lives on until ZooKeeper expires it. */
    public void kill(String node) throws InterruptedException {
        net.kill(node);
    }

    /** SIGTERM: the agent releases and leaves at once. */
    public void stop(String node) throws InterruptedException {
        net.stop(node);
    }

    /** The IPv4 addresses on the director's lan0, as the kernel has them now. */
    public Set<String> addresses(String node) throws IOException {
        return net.ipv4Addresses(node, "lan0");
    }

    /** An operator's {@code ip addr add} on a director's lan0, behind the agent's back. */
    public void addAddressByHand(String node, String address) throws IOException {
        Shell.ipIn(net.ns(node), "addr", "add", address + "/24", "dev", "lan0");
    }

    public void deleteAddressByHand(String node, String address) throws IOException {
        Shell.ipIn(net.ns(node), "addr", "del", address + "/24", "dev", "lan0");
    }

    /**
     * Debian's keepalived in its own namespace on the segment (10.97.0.13), MASTER for
     * {@code vrid} at {@code priority} with a VIP of its own: a router no agent knows.
     */
    public Keepalived startKeepalived(int vrid, int priority, String vip) throws IOException {
        if (!net.hasNamespace("rtr")) {
            net.addNamespace("rtr");
            net.plugIntoBridge("rtr", "lan0", "10.97.0.13/24", "sw", "3");
        }
        Path kdir = Files.createDirectories(dir.resolve("keepalived-" + vrid));
        Path conf = kdir.resolve("keepalived.conf");
        Files.writeString(conf, """
                global_defs {
                    router_id foreign_keepalived
                }
                vrrp_instance VI_FOREIGN {
                    state MASTER
                    interface lan0
                    virtual_router_id %d
                    priority %d
                    advert_int 1
                    virtual_ipaddress {
                        %s/32
                    }
                }
                """.formatted(vrid, priority, vip));
        Process p = new ProcessBuilder("ip", "netns", "exec", net.ns("rtr"), "keepalived", "-n", "-l", "-D", "-P", "-f",
                conf.toString(), "-p", kdir.resolve("keepalived.pid").toString(), "-r",
                kdir.resolve("vrrp.pid").toString(), "-c", kdir.resolve("checkers.pid").toString())
                .redirectErrorStream(true).redirectOutput(kdir.resolve("keepalived.log").toFile()).start();
        return new Keepalived(p, kdir);
    }

    /** A running keepalived; closing stops it (SIGTERM, then its VRRP child by pid). */
    public record Keepalived(Process process, Path dir) implements AutoCloseable {

        public String log() throws IOException {
            return Files.readString(dir.resolve("keepalived.log"));
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            Path vrrpPid = dir.resolve("vrrp.pid");
            if (Files.exists(vrrpPid)) {
                String pid = Files.readString(vrrpPid).trim();
                if (!pid.isEmpty()) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
    }

    /** Polls the kernel's addresses with a deadline: true once {@code condition} holds. */
    public static boolean within(long timeoutMs, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20); // pacing a poll of kernel state, bounded by the deadline
        }
        return condition.getAsBoolean();
    }

    public boolean holds(String node, String vip) {
        try {
            return addresses(node).contains(vip);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        for (String node : net.agentNodes()) {
            net.kill(node);
        }
        if (zk != null) {
            zk.close();
        }
        net.close();
    }
}
