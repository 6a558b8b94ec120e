package io.hakeeper.agent.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hakeeper.agent.netlink.NetworkNamespace;
import io.hakeeper.agent.netlink.RtNetlinkMonitor;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Two directors and a ZooKeeper server in network namespaces, each agent a separate process:
 *
 * <pre>
 *   lb1 [lan0 10.99.0.11/24] --\                      /-- [zk0 10.99.1.2/30] lb1
 *                              bridge (ns sw)     zk (ns zk: 10.99.1.1, 10.99.2.1, 10.99.3.1)
 *   lb2 [lan0 10.99.0.12/24] --/                      \-- [zk0 10.99.2.2/30] lb2
 *                                         test JVM (root ns) [10.99.3.2/30] -- zk
 * </pre>
 *
 * Each director reaches ZooKeeper over its own link, so cutting one ({@link #cutZooKeeper}) leaves
 * the directors' shared segment intact. An rtnetlink monitor in each director's namespace feeds
 * one {@link VipTimeline} on this JVM's monotonic clock. Everything is removed on close.
 */
final class FenceLab implements AutoCloseable {

    static final String VIP = "10.99.0.100";
    static final int SESSION_MS = 4000;
    static final int TICK_MS = 500;

    private final String id;
    private final Path dir;
    private final List<String> namespaces = new ArrayList<>();
    private final List<String> rootLinks = new ArrayList<>();
    private final Map<String, Process> agents = new LinkedHashMap<>();
    private final List<RtNetlinkMonitor> monitors = new ArrayList<>();
    final VipTimeline timeline = new VipTimeline();
    private ZooKeeperServerProcess zk;

    static void assumeRoot() {
        boolean ip = Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip"))
                || Files.isExecutable(Path.of("/usr/bin/ip"));
        assumeTrue("root".equals(System.getProperty("user.name")) && ip,
                "the fence lab needs root and iproute2 (ip) to create network namespaces; skipped");
    }

    FenceLab(Path dir) throws Exception {
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

    String ns(String name) {
        return "hkf" + id + "-" + name;
    }

    private void build() throws Exception {
        for (String n : List.of("sw", "zk", "lb1", "lb2")) {
            ip("netns", "add", ns(n));
            namespaces.add(ns(n));
            ip("-n", ns(n), "link", "set", "lo", "up");
        }
        ip("-n", ns("sw"), "link", "add", "br0", "type", "bridge");
        ip("-n", ns("sw"), "link", "set", "br0", "up");
        for (int i = 1; i <= 2; i++) {
            String lb = ns("lb" + i);
            // The shared segment: lan0 in the director, a bridge port in sw.
            veth("f" + id + "l" + i, lb, "lan0", "f" + id + "s" + i, ns("sw"), null);
            ip("-n", ns("sw"), "link", "set", "f" + id + "s" + i, "master", "br0");
            ip("-n", lb, "addr", "add", "10.99.0.1" + i + "/24", "dev", "lan0");
            // The director's own path to ZooKeeper.
            veth("f" + id + "k" + i, lb, "zk0", "f" + id + "z" + i, ns("zk"), null);
            ip("-n", lb, "addr", "add", "10.99." + i + ".2/30", "dev", "zk0");
            ip("-n", ns("zk"), "addr", "add", "10.99." + i + ".1/30", "dev", "f" + id + "z" + i);
        }
        // The test JVM's path to ZooKeeper, for inspecting znodes.
        String rootEnd = "f" + id + "r";
        veth(rootEnd, null, null, "f" + id + "q", ns("zk"), null);
        rootLinks.add(rootEnd);
        ip("addr", "add", "10.99.3.2/30", "dev", rootEnd);
        ip("-n", ns("zk"), "addr", "add", "10.99.3.1/30", "dev", "f" + id + "q");

        zk = ZooKeeperServerProcess.start(zkDir(), "0.0.0.0", 2181, TICK_MS,
                List.of("ip", "netns", "exec", ns("zk")), "10.99.3.1");
        for (int i = 1; i <= 2; i++) {
            String node = "lb" + i;
            monitors.add(timeline.watch(NetworkNamespace.named(ns(node)), node, vipAddress()));
        }
    }

    /**
     * ZooKeeper's data and transaction log on tmpfs when there is one: it stands in for the
     * dedicated low-latency log device a production ensemble has. On this shared machine a
     * disk fsync takes up to ~200 ms under load, which would measure the disk, not the fence.
     */
    private Path zkDir() throws IOException {
        Path shm = Path.of("/dev/shm");
        Path d = Files.isDirectory(shm) && Files.isWritable(shm) ? shm.resolve("hakeeper-zk-" + id) : dir.resolve("zk");
        Files.createDirectories(d);
        zkDataDir = d;
        return d;
    }

    private Path zkDataDir;

    private static InetAddress vipAddress() {
        try {
            return InetAddress.getByAddress(new byte[] {10, 99, 0, 100});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A veth pair whose ends go into namespaces (null: stay in the root namespace), optionally renamed. */
    private void veth(String a, String aNs, String aRename, String b, String bNs, String bRename) throws IOException {
        ip("link", "add", a, "type", "veth", "peer", "name", b);
        place(a, aNs, aRename);
        place(b, bNs, bRename);
    }

    private void place(String link, String ns, String rename) throws IOException {
        if (ns != null) {
            ip("link", "set", link, "netns", ns);
        }
        List<String> pre = ns == null ? List.of() : List.of("-n", ns);
        String name = link;
        if (rename != null) {
            ip(concat(pre, "link", "set", link, "name", rename));
            name = rename;
        }
        ip(concat(pre, "link", "set", name, "up"));
    }

    private static String[] concat(List<String> pre, String... rest) {
        List<String> all = new ArrayList<>(pre);
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    String zkConnectFromTest() {
        return "10.99.3.1:2181";
    }

    ZooKeeperServerProcess zk() {
        return zk;
    }

    /** The director's config: keepalived syntax plus the zookeeper block. */
    Path config(String node, int priority, String extraInstance, String extraTop) throws IOException {
        return config(node, priority, extraInstance, extraTop, SESSION_MS);
    }

    /** The same with another session timeout (at most the server's 20 ticks). */
    Path config(String node, int priority, String extraInstance, String extraTop, int sessionMs) throws IOException {
        int i = Integer.parseInt(node.substring(2));
        String text = """
                global_defs {
                    router_id %s
                }
                %s
                vrrp_instance VI_1 {
                    interface lan0
                    virtual_router_id 51
                    priority %d
                    advert_int 1
                    virtual_ipaddress {
                        %s/24
                    }
                %s
                }
                zookeeper {
                    connect 10.99.%d.1:2181
                    cluster fence-test
                    session_timeout %d
                    tick_time %d
                }
                """.formatted(node, extraTop, priority, VIP, extraInstance, i, sessionMs, TICK_MS);
        Path p = dir.resolve(node + ".conf");
        Files.writeString(p, text);
        return p;
    }

    /** Starts {@code haagent run} for {@code node} in its namespace, as its own process. */
    Process startAgent(String node, Path config) throws IOException {
        return startAgent(node, config, List.of("-XX:+UseSerialGC", "-Xmx64m", "-XX:TieredStopAtLevel=1"),
                List.of("-cp", System.getProperty("java.class.path"), "io.hakeeper.agent.HaAgent"));
    }

    /** Starts an agent with the given JVM flags and main ({@code -cp ... Main} or {@code -jar haagent.jar}). */
    Process startAgent(String node, Path config, List<String> jvmFlags, List<String> main) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns(node),
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmFlags);
        cmd.addAll(main);
        cmd.addAll(List.of("run", "--config", config.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(node + ".log").toFile())).start();
        agents.put(node, p);
        return p;
    }

    Process agent(String node) {
        return agents.get(node);
    }

    String log(String node) throws IOException {
        Path p = dir.resolve(node + ".log");
        return Files.exists(p) ? Files.readString(p) : "";
    }

    void signal(String node, String signal) throws IOException {
        run("kill", "-" + signal, Long.toString(agents.get(node).pid()));
    }

    /** Drops the director's own link to ZooKeeper; the shared segment stays up. */
    void cutZooKeeper(String node) throws IOException {
        ip("-n", ns(node), "link", "set", "zk0", "down");
    }

    void restoreZooKeeper(String node) throws IOException {
        ip("-n", ns(node), "link", "set", "zk0", "up");
    }

    static void ip(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("ip");
        cmd.addAll(List.of(args));
        run(cmd.toArray(String[]::new));
    }

    static void run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + out.trim());
            }
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
        for (RtNetlinkMonitor m : monitors) {
            m.close();
        }
        if (zk != null) {
            zk.close();
        }
        if (zkDataDir != null && zkDataDir.startsWith("/dev/shm")) {
            try (var files = Files.walk(zkDataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        for (String l : rootLinks) {
            try {
                ip("link", "del", l);
            } catch (IOException e) {
                // already gone with its namespace peer
            }
        }
        for (String n : namespaces) {
            try {
                ip("netns", "del", n);
            } catch (IOException e) {
                // best effort: report nothing, the next run uses other names
            }
        }
    }
}
