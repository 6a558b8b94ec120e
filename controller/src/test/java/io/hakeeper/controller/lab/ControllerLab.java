package io.hakeeper.controller.lab;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hakeeper.controller.support.TestZooKeeper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
 * so the cluster's nodes carry ACLs. The same helper the agent module's FenceLab is, written for
 * this module's needs (its own subnet, so both can run at once). Everything is removed on close.
 */
public final class ControllerLab implements AutoCloseable {

    public static final String VIP1 = "10.97.0.100";
    public static final String VIP2 = "10.97.0.101";
    public static final String CLUSTER = "lab";
    public static final int SESSION_MS = 4000;

    private final String id;
    private final Path dir;
    private final List<String> namespaces = new ArrayList<>();
    private final List<String> rootLinks = new ArrayList<>();
    private final Map<String, Process> agents = new LinkedHashMap<>();
    private TestingServer zk;

    /** Skips the calling test, saying why, unless this is root with iproute2. */
    public static void assumeRoot() {
        boolean ip = Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip"));
        assumeTrue("root".equals(System.getProperty("user.name")) && ip,
                "the hactl lab needs root and iproute2 (ip) to create network namespaces for real agents; skipped");
    }

    /** Skips the calling test, saying why, unless {@code tool} is installed (lab/setup-host.sh installs it). */
    public static void assumeTool(String tool) {
        boolean found = java.util.stream.Stream.of("/usr/sbin/", "/usr/bin/", "/sbin/")
                .anyMatch(d -> Files.isExecutable(Path.of(d + tool)));
        assumeTrue(found, tool + " is not installed (lab/setup-host.sh installs it); skipped");
    }

    public ControllerLab(Path dir) throws Exception {
        byte[] r = new byte[2];
        new SecureRandom().nextBytes(r);
        this.id = HexFormat.of().formatHex(r);
        this.dir = dir;
        try {
            build();
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private String ns(String name) {
        return "hkc" + id + "-" + name;
    }

    private void build() throws Exception {
        zk = TestZooKeeper.server(dir.resolve("zk").toFile());
        for (String n : List.of("sw", "lb1", "lb2")) {
            ip("netns", "add", ns(n));
            namespaces.add(ns(n));
            ip("-n", ns(n), "link", "set", "lo", "up");
        }
        ip("-n", ns("sw"), "link", "add", "br0", "type", "bridge");
        ip("-n", ns("sw"), "link", "set", "br0", "up");
        for (int i = 1; i <= 2; i++) {
            String lb = ns("lb" + i);
            String lan = "hkc" + id + "l" + i;
            String port = "hkc" + id + "s" + i;
            ip("link", "add", lan, "type", "veth", "peer", "name", port);
            ip("link", "set", lan, "netns", lb);
            ip("-n", lb, "link", "set", lan, "name", "lan0");
            ip("-n", lb, "link", "set", "lan0", "up");
            ip("-n", lb, "addr", "add", "10.97.0.1" + i + "/24", "dev", "lan0");
            ip("link", "set", port, "netns", ns("sw"));
            ip("-n", ns("sw"), "link", "set", port, "master", "br0");
            ip("-n", ns("sw"), "link", "set", port, "up");
            // The director's own link to ZooKeeper, which runs in this JVM in the root namespace.
            String rootEnd = "hkc" + id + "r" + i;
            String lbEnd = "hkc" + id + "z" + i;
            ip("link", "add", rootEnd, "type", "veth", "peer", "name", lbEnd);
            rootLinks.add(rootEnd);
            ip("addr", "add", "10.97." + i + ".1/30", "dev", rootEnd);
            ip("link", "set", rootEnd, "up");
            ip("link", "set", lbEnd, "netns", lb);
            ip("-n", lb, "link", "set", lbEnd, "name", "zk0");
            ip("-n", lb, "addr", "add", "10.97." + i + ".2/30", "dev", "zk0");
            ip("-n", lb, "link", "set", "zk0", "up");
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
        List<String> cmd = List.of("ip", "netns", "exec", ns(node),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx64m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.hakeeper.agent.HaAgent", "run", "--config",
                config.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(node).toFile())).start();
        agents.put(node, p);
    }

    public Path log(String node) {
        return dir.resolve(node + ".log");
    }

    public String logs() throws IOException {
        StringBuilder b = new StringBuilder();
        for (String node : agents.keySet()) {
            b.append("\n--- ").append(node).append(" log (tail)\n");
            String text = Files.exists(log(node)) ? Files.readString(log(node)) : "";
            b.append(text.length() > 6000 ? text.substring(text.length() - 6000) : text);
        }
        return b.toString();
    }

    /** kill -9: the agent's session lives on until ZooKeeper expires it. */
    public void kill(String node) throws InterruptedException {
        Process p = agents.get(node);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM: the agent releases and leaves at once. */
    public void stop(String node) throws InterruptedException {
        Process p = agents.get(node);
        p.destroy();
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }

    /** The IPv4 addresses on the director's lan0, as the kernel has them now. */
    public Set<String> addresses(String node) throws IOException {
        String out = run("ip", "-n", ns(node), "-o", "-4", "addr", "show", "dev", "lan0");
        Set<String> found = new TreeSet<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            for (int k = 0; k + 1 < f.length; k++) {
                if (f[k].equals("inet")) {
                    found.add(f[k + 1].substring(0, f[k + 1].indexOf('/')));
                }
            }
        }
        return found;
    }

    /** An operator's {@code ip addr add} on a director's lan0, behind the agent's back. */
    public void addAddressByHand(String node, String address) throws IOException {
        ip("-n", ns(node), "addr", "add", address + "/24", "dev", "lan0");
    }

    public void deleteAddressByHand(String node, String address) throws IOException {
        ip("-n", ns(node), "addr", "del", address + "/24", "dev", "lan0");
    }

    /**
     * Debian's keepalived in its own namespace on the segment (10.97.0.13), MASTER for
     * {@code vrid} at {@code priority} with a VIP of its own: a router no agent knows.
     */
    public Keepalived startKeepalived(int vrid, int priority, String vip) throws IOException {
        String rtr = ns("rtr");
        if (!namespaces.contains(rtr)) {
            ip("netns", "add", rtr);
            namespaces.add(rtr);
            ip("-n", rtr, "link", "set", "lo", "up");
            String lan = "hkc" + id + "l3";
            String port = "hkc" + id + "s3";
            ip("link", "add", lan, "type", "veth", "peer", "name", port);
            ip("link", "set", lan, "netns", rtr);
            ip("-n", rtr, "link", "set", lan, "name", "lan0");
            ip("-n", rtr, "link", "set", "lan0", "up");
            ip("-n", rtr, "addr", "add", "10.97.0.13/24", "dev", "lan0");
            ip("link", "set", port, "netns", ns("sw"));
            ip("-n", ns("sw"), "link", "set", port, "master", "br0");
            ip("-n", ns("sw"), "link", "set", port, "up");
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
        Process p = new ProcessBuilder("ip", "netns", "exec", rtr, "keepalived", "-n", "-l", "-D", "-P", "-f",
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

    private static void ip(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("ip");
        cmd.addAll(List.of(args));
        run(cmd.toArray(String[]::new));
    }

    private static String run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + out.trim());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        for (Process p : agents.values()) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        if (zk != null) {
            zk.close();
        }
        for (String l : rootLinks) {
            try {
                ip("link", "del", l);
            } catch (IOException e) {
                // gone with its namespace peer
            }
        }
        for (String n : namespaces) {
            try {
                ip("netns", "del", n);
            } catch (IOException e) {
                // best effort; the next run uses other names
            }
        }
    }
}
