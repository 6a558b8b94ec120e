package io.hakeeper.lab.fence;

import io.hakeeper.common.zk.RecordCodec;
import io.hakeeper.common.zk.SwitchoverRequest;
import io.hakeeper.common.zk.ZkLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;

/**
 * The fence issue's targets, measured in the namespace lab with separate agent processes started
 * with the launcher's default JVM flags (a benchmark that prints figures; it asserts nothing).
 * Hand-over time is from the old holder's VIP removal to the successor's VIP add, both netlink
 * events on one clock. Run with lab/bench-fence.sh [TRIALS].
 */
public final class FenceBench {

    /** bin/launch.sh's defaults: what an operator runs. */
    static final List<String> LAUNCHER_FLAGS = System.getProperty("bench.flags") != null
            ? List.of(System.getProperty("bench.flags").trim().split("\\s+"))
            : List.of("-XX:+UseSerialGC", "-Xms20m", "-Xmx20m", "-Xmn6m", "-Xss256k", "-XX:MaxMetaspaceSize=64m",
                    "-XX:ReservedCodeCacheSize=16m", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError");

    private final FenceLab lab;
    private final Path dir;
    private final List<String> main;
    private final CuratorFramework zk;
    private final Map<String, List<Double>> results = new TreeMap<>();
    private final Map<String, Integer> overlaps = new TreeMap<>();

    private FenceBench(FenceLab lab, Path dir, List<String> main, CuratorFramework zk) {
        this.lab = lab;
        this.dir = dir;
        this.main = main;
        this.zk = zk;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("jitter")) {
            jitter(args.length > 1 ? Integer.parseInt(args[1]) : 100);
            return;
        }
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path jar = Path.of(System.getProperty("hakeeper.jar", "agent/target/haagent.jar")).toAbsolutePath();
        List<String> main = Files.exists(jar) ? List.of("-jar", jar.toString())
                : List.of("-cp", System.getProperty("java.class.path"), "io.hakeeper.agent.HaAgent");
        Path dir = Files.createTempDirectory("hk-fence-bench");
        try (FenceLab lab = new FenceLab(dir)) {
            CuratorFramework zk = CuratorFrameworkFactory.newClient(lab.zkConnectFromTest(), new RetryOneTime(100));
            zk.start();
            zk.blockUntilConnected(10, TimeUnit.SECONDS);
            new FenceBench(lab, dir, main, zk).run(trials);
            zk.close();
        }
    }

    /**
     * Advert send jitter of a real, otherwise idle agent process (launcher flags) at advert_int 1:
     * tcpdump in the other director's namespace timestamps {@code adverts} adverts; prints the
     * spread of the intervals around 1 s.
     */
    static void jitter(int adverts) throws Exception {
        Path jar = Path.of(System.getProperty("hakeeper.jar", "agent/target/haagent.jar")).toAbsolutePath();
        List<String> main = List.of("-jar", jar.toString());
        Path dir = Files.createTempDirectory("hk-jitter");
        try (FenceLab lab = new FenceLab(dir)) {
            lab.startAgent("lb1", lab.config("lb1", 150, "", ""), LAUNCHER_FLAGS, main);
            lab.timeline.await(() -> lab.timeline.holds("lb1"), 30_000);
            lab.timeline.await(() -> false, 10_000); // steady state: past start-up's class loading and JIT
            Process tcpdump = new ProcessBuilder("ip", "netns", "exec", lab.ns("lb2"), "tcpdump", "-i", "lan0", "-n",
                    "-tt", "-l", "-c", Integer.toString(adverts + 1), "vrrp and src 10.99.0.11").start();
            List<Double> times = new ArrayList<>();
            try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(tcpdump.getInputStream()))) {
                String line;
                while ((line = out.readLine()) != null) {
                    times.add(Double.parseDouble(line.substring(0, line.indexOf(' '))));
                }
            }
            List<Double> dev = new ArrayList<>();
            for (int i = 1; i < times.size(); i++) {
                dev.add(Math.abs((times.get(i) - times.get(i - 1)) * 1000.0 - 1000.0));
            }
            List<Double> sorted = dev.stream().sorted().toList();
            System.out.printf("advert send jitter of an idle agent (launcher flags), %d intervals at advert_int 1:"
                            + " |interval - 1 s| p50 %.3f ms, p95 %.3f ms, p99 %.3f ms, max %.3f ms%n", sorted.size(),
                    pct(sorted, 0.5), pct(sorted, 0.95), pct(sorted, 0.99), sorted.get(sorted.size() - 1));
        }
    }

    private Path config(String node, int priority) throws Exception {
        Path healthy = dir.resolve(node + ".healthy");
        Files.writeString(healthy, "ok");
        String script = """
                vrrp_script chk {
                    script "/usr/bin/test -f %s"
                    interval 1
                    fall 1
                    rise 1
                }
                """.formatted(healthy);
        return lab.config(node, priority, "    nopreempt\n    track_script {\n        chk\n    }", script);
    }

    /** Starts the agent and waits for this incarnation's "running" line (the log file is appended to). */
    private void start(String node, int priority) throws Exception {
        String running = "agent " + node + " running";
        int before = count(lab.log(node), running);
        lab.startAgent(node, config(node, priority), LAUNCHER_FLAGS, main);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (count(lab.log(node), running) == before) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(node + " did not start:\n" + lab.log(node));
            }
            Thread.sleep(20); // polling the log with a deadline
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** The node holding the VIP, once exactly one does (a trial starts from a settled cluster). */
    private String holder() throws InterruptedException {
        if (!lab.timeline.await(() -> lab.timeline.holds("lb1") ^ lab.timeline.holds("lb2"), 15_000)) {
            throw new IllegalStateException("no single holder:\n" + lab.timeline);
        }
        return lab.timeline.holds("lb1") ? "lb1" : "lb2";
    }

    private static String other(String node) {
        return node.equals("lb1") ? "lb2" : "lb1";
    }

    private void run(int trials) throws Exception {
        long spawned = System.nanoTime();
        start("lb1", 150);
        lab.timeline.await(() -> lab.timeline.holds("lb1"), 30_000);
        double firstClaim = (lab.timeline.firstAddedAfter("lb1", spawned).orElseThrow() - spawned) / 1e6;
        long spawned2 = System.nanoTime();
        lab.startAgent("lb2", config("lb2", 100), LAUNCHER_FLAGS, main);
        ZkLayout layout = new ZkLayout("/hakeeper", "fence-test");
        while (zk.checkExists().forPath(layout.member("VI_1", "lb2")) == null) {
            Thread.sleep(5); // polling ZooKeeper for the member record, with the loop's own deadline below
            if (System.nanoTime() - spawned2 > 30_000_000_000L) {
                throw new IllegalStateException("lb2 never published its member record:\n" + lab.log("lb2"));
            }
        }
        double startToBackup = (System.nanoTime() - spawned2) / 1e6;
        lab.awaitLog("lb2", "agent lb2 running");

        lab.timeline.await(() -> false, 10_000); // steady state
        System.out.printf("%nfootprint (launcher flags %s):%n", String.join(" ", LAUNCHER_FLAGS));
        for (String n : List.of("lb1", "lb2")) {
            System.out.printf("  %s RSS %d MB%n", n, rssKb(lab.agent(n).pid()) / 1024);
        }
        if (trials == 0) {
            return;
        }
        System.out.printf("  first start to holding the VIP: %.0f ms; start to BACKUP (member record in"
                + " ZooKeeper): %.0f ms%n", firstClaim, startToBackup);

        for (int i = 0; i < trials; i++) {
            String h = holder();
            long t = System.nanoTime();
            lab.signal(h, "TERM");
            measureHandover("graceful (SIGTERM)", h, t);
            lab.agent(h).waitFor(10, TimeUnit.SECONDS);
            start(h, h.equals("lb1") ? 150 : 100);
        }
        for (int i = 0; i < trials; i++) {
            String h = holder();
            long t = System.nanoTime();
            Path healthy = dir.resolve(h + ".healthy");
            Files.delete(healthy);
            measureHandover("health failure (vrrp_script)", h, t);
            Files.writeString(healthy, "ok");
            awaitEligible(h, layout);
        }
        RecordCodec codec = new RecordCodec();
        for (int i = 0; i < trials; i++) {
            String h = holder();
            long t = System.nanoTime();
            zk.create().creatingParentsIfNeeded().forPath(layout.switchover("VI_1"), codec.encode(
                    new SwitchoverRequest("VI_1", other(h), "bench", System.currentTimeMillis(), "bench")));
            measureHandover("switchover", h, t);
            while (zk.checkExists().forPath(layout.switchover("VI_1")) != null) {
                Thread.sleep(10); // the new holder deletes the request
            }
        }
        List<Double> gone = new ArrayList<>();
        for (int i = 0; i < Math.max(3, trials / 2); i++) {
            String h = holder();
            long t = System.nanoTime();
            lab.agent(h).destroyForcibly();
            String s = other(h);
            lab.timeline.await(() -> lab.timeline.holds(s), 20_000);
            gone.add((lab.timeline.firstRemovedAfter(h, t).orElseThrow() - t) / 1e6);
            results.computeIfAbsent("crash (kill -9): successor holds after", k -> new ArrayList<>())
                    .add((lab.timeline.firstAddedAfter(s, t).orElseThrow() - t) / 1e6);
            results.put("crash (kill -9): old VIP gone after", gone);
            lab.agent(h).waitFor(10, TimeUnit.SECONDS);
            start(h, h.equals("lb1") ? 150 : 100);
        }
        System.out.printf("%n%-42s %6s %8s %8s %8s %8s%n", "scenario (ms)", "trials", "p50", "p95", "p99", "max");
        results.forEach((name, v) -> {
            List<Double> sorted = v.stream().sorted().toList();
            System.out.printf("%-42s %6d %8.1f %8.1f %8.1f %8.1f%n", name, sorted.size(), pct(sorted, 0.50),
                    pct(sorted, 0.95), pct(sorted, 0.99), sorted.get(sorted.size() - 1));
        });
        System.out.printf("%nlongest overlap over the whole run: %.3f ms (two holders at once: %s)%n",
                lab.timeline.longestOverlapNanos() / 1e6, lab.timeline.longestOverlapNanos() > 0 ? "YES" : "never");
    }

    /** Waits until the node's member record says it is eligible again (its script passed). */
    private void awaitEligible(String node, ZkLayout layout) throws Exception {
        RecordCodec codec = new RecordCodec();
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            byte[] data = zk.getData().forPath(layout.member("VI_1", node));
            if (codec.decode(data, io.hakeeper.common.zk.MemberRecord.class)
                    instanceof io.hakeeper.common.zk.DecodeResult.Ok<io.hakeeper.common.zk.MemberRecord> ok
                    && ok.record().eligible()) {
                return;
            }
            Thread.sleep(20); // polling ZooKeeper with a deadline
        }
        throw new IllegalStateException(node + " did not become eligible again:\n" + lab.log(node));
    }

    private void measureHandover(String scenario, String from, long since) throws Exception {
        String to = other(from);
        if (!lab.timeline.await(() -> lab.timeline.firstAddedAfter(to, since).isPresent(), 15_000)) {
            throw new IllegalStateException(scenario + ": " + to + " never took over:\n" + lab.timeline);
        }
        long released = lab.timeline.firstRemovedAfter(from, since).orElseThrow();
        long taken = lab.timeline.firstAddedAfter(to, since).orElseThrow();
        results.computeIfAbsent(scenario + ": release to successor", k -> new ArrayList<>()).add((taken - released) / 1e6);
    }

    private static double pct(List<Double> sorted, double p) {
        return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
