package io.hakeeper.lab.fence;

import io.hakeeper.lab.netns.AddressWatch;
import io.hakeeper.lab.netns.LabNetwork;
import io.hakeeper.lab.netns.Shell;
import io.hakeeper.lab.netns.VipTimeline;
import io.hakeeper.lab.zk.ZooKeeperServerProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

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
public final class FenceLab implements AutoCloseable {

    public static final String VIP = "10.99.0.100";
    public static final int SESSION_MS = 4000;
    public static final int TICK_MS = 500;

    private final Path dir;
    private final LabNetwork net = new LabNetwork("hkf");
    private AddressWatch watch;
    public final VipTimeline timeline = new VipTimeline();
    private ZooKeeperServerProcess zk;
    private Path zkDataDir;

    public FenceLab(Path dir) throws Exception {
        this.dir = dir;
        try {
            build();
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    public String ns(String name) {
        return net.ns(name);
    }

    private void build() throws Exception {
        for (String n : List.of("sw", "zk", "lb1", "lb2")) {
            net.addNamespace(n);
        }
        net.addBridge("sw");
        for (int i = 1; i <= 2; i++) {
            String lb = "lb" + i;
            // The shared segment: lan0 in the director, a bridge port in sw.
            net.plugIntoBridge(lb, "lan0", "10.99.0.1" + i + "/24", "sw", Integer.toString(i));
            // The director's own path to ZooKeeper.
            String zkEnd = net.link("z" + i);
            net.addVeth(net.link("k" + i), lb, "zk0", zkEnd, "zk", null);
            Shell.ipIn(ns(lb), "addr", "add", "10.99." + i + ".2/30", "dev", "zk0");
            Shell.ipIn(ns("zk"), "addr", "add", "10.99." + i + ".1/30", "dev", zkEnd);
        }
        // The test JVM's path to ZooKeeper, for inspecting znodes.
        String rootEnd = net.link("r");
        String zkEnd = net.link("q");
        net.addVeth(rootEnd, null, null, zkEnd, "zk", null);
        Shell.ip("addr", "add", "10.99.3.2/30", "dev", rootEnd);
        Shell.ipIn(ns("zk"), "addr", "add", "10.99.3.1/30", "dev", zkEnd);

        zk = ZooKeeperServerProcess.start(zkDir(), "0.0.0.0", 2181, TICK_MS,
                List.of("ip", "netns", "exec", ns("zk")), "10.99.3.1");
        watch = timeline.watch(Map.of("lb1", ns("lb1"), "lb2", ns("lb2")), vipAddress());
    }

    /**
     * ZooKeeper's data and transaction log on tmpfs when there is one: it stands in for the
     * dedicated low-latency log device a production ensemble has. On this shared machine a
     * disk fsync takes up to ~200 ms under load, which would measure the disk, not the fence.
     */
    private Path zkDir() throws IOException {
        Path shm = Path.of("/dev/shm");
        Path d = Files.isDirectory(shm) && Files.isWritable(shm) ? shm.resolve("hakeeper-zk-" + ns("zk"))
                : dir.resolve("zk");
        Files.createDirectories(d);
        zkDataDir = d;
        return d;
    }

    private static InetAddress vipAddress() {
        try {
            return InetAddress.getByAddress(new byte[] {10, 99, 0, 100});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String zkConnectFromTest() {
        return "10.99.3.1:2181";
    }

    public ZooKeeperServerProcess zk() {
        return zk;
    }

    /** The director's config: keepalived syntax plus the zookeeper block. */
    public Path config(String node, int priority, String extraInstance, String extraTop) throws IOException {
        return config(node, priority, extraInstance, extraTop, SESSION_MS);
    }

    /** The same with another session timeout (at most the server's 20 ticks). */
    public Path config(String node, int priority, String extraInstance, String extraTop, int sessionMs)
            throws IOException {
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

    /** Starts {@code haagent run} for {@code node} in its namespace, as its own process, from this JVM's classpath. */
    public Process startAgent(String node, Path config) throws IOException {
        return startAgent(node, config, LabNetwork.TEST_AGENT_FLAGS, LabNetwork.agentFromClasspath());
    }

    /** Starts an agent with the given JVM flags and main ({@code -cp ... Main} or {@code -jar haagent.jar}). */
    public Process startAgent(String node, Path config, List<String> jvmFlags, List<String> main) throws IOException {
        return net.startAgent(node, config, dir.resolve(node + ".log"), jvmFlags, main);
    }

    public Process agent(String node) {
        return net.agent(node);
    }

    public String log(String node) throws IOException {
        Path p = dir.resolve(node + ".log");
        return Files.exists(p) ? Files.readString(p) : "";
    }

    /** Polls the node's log (deadline 30 s) until it contains {@code text}; false if it never did. */
    public boolean awaitLog(String node, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (log(node).contains(text)) {
                return true;
            }
            Thread.sleep(50); // polling a log file with a deadline
        }
        return false;
    }

    public void signal(String node, String signal) throws IOException {
        net.signal(node, signal);
    }

    /** Drops the director's own link to ZooKeeper; the shared segment stays up. */
    public void cutZooKeeper(String node) throws IOException {
        Shell.ipIn(ns(node), "link", "set", "zk0", "down");
    }

    public void restoreZooKeeper(String node) throws IOException {
        Shell.ipIn(ns(node), "link", "set", "zk0", "up");
    }

    @Override
    public void close() throws Exception {
        for (String node : net.agentNodes()) {
            net.kill(node);
        }
        if (watch != null) {
            watch.close();
        }
        if (zk != null) {
            zk.close();
        }
        if (zkDataDir != null && zkDataDir.startsWith("/dev/shm")) {
            try (var files = Files.walk(zkDataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        net.close();
    }
}
