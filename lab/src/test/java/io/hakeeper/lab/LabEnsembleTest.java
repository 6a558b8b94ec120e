package io.hakeeper.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 'bin/lab up --zk 3' for real, in a lab of its own beside any other (namespaces
 * {@code <prefix>t-*}, its own run directory): kill -9 of the ZooKeeper leader elects another, the
 * VIP stays with lb01 (lb02 never has it), and 'bin/lab zk start' brings the server back into the
 * ensemble. ZooKeeper runs from this test's classpath (the lab's jar is packaged after the tests).
 */
class LabEnsembleTest {

    private static final Path ROOT = LabTopology.repositoryRoot();
    private static Map<String, String> env;

    @BeforeAll
    static void up() throws Exception {
        LabAssumptions.assumeNamespaces();
        LabTopology t = LabTopology.ofRepository();
        env = Map.of("HAKEEPER_LAB_NS_PREFIX", t.get("LAB_NS_PREFIX") + "t-",
                "HAKEEPER_LAB_RUN_DIR", t.runDir() + "-ensemble-test",
                "HAKEEPER_LAB_CLASSPATH", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        lab("down");
        lab("up", "--zk", "3");
    }

    @AfterAll
    static void down() throws Exception {
        if (env != null) {
            lab("down");
        }
    }

    @Test
    void killedZooKeeperLeaderIsReplacedWhileLb01KeepsTheVip() throws Exception {
        assertTrue(lab("info").contains("LAB_MODE_ZK_SERVERS=zk zk2 zk3\n"), "bin/lab info");
        assertEquals("lb01", lab("holders").strip());
        String leader = lab("zk", "leader").strip();

        long killed = System.nanoTime();
        lab("zk", "kill", leader);
        String next = poll(15_000, () -> labMaybe("zk", "leader"), s -> !s.isEmpty() && !s.equals(leader), "lb01");
        long electedMs = (System.nanoTime() - killed) / 1_000_000;
        assertNotEquals(leader, next);
        String status = lab("zk", "status");
        assertTrue(status.matches("(?s).*" + leader + " +\\S+ +down\n.*"), status);
        assertEquals(1, status.lines().filter(l -> l.endsWith(" leader")).count(), status);
        assertEquals(1, status.lines().filter(l -> l.endsWith(" follower")).count(), status);
        // The ZooKeeper client reconnects after the election: lb01 keeps (or re-takes) the VIP,
        // and lb02 never has it.
        poll(10_000, () -> lab("holders").strip(), "lb01"::equals, "lb01");
        long settled = System.nanoTime();
        while (System.nanoTime() - settled < 3_000_000_000L) {
            assertEquals("lb01", poll(5_000, () -> lab("holders").strip(), h -> !h.isEmpty(), "lb01"));
        }
        System.out.printf("ZooKeeper: %s killed, %s leads after %d ms (bin/lab zk leader polling)%n", leader, next, electedMs);

        lab("zk", "start", leader);
        String back = lab("zk", "status");
        assertFalse(back.contains(" down"), back);
        assertEquals(1, back.lines().filter(l -> l.endsWith(" leader")).count(), back);
    }

    private interface Probe {
        String get() throws Exception;
    }

    /** Polls {@code probe} until {@code done} holds or {@code timeoutMs} pass on the monotonic clock; never lets lb02 hold the VIP. */
    private static String poll(long timeoutMs, Probe probe, Predicate<String> done, String holder) throws Exception {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        String last;
        do {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            String holders = lab("holders").strip();
            assertTrue(holders.isEmpty() || holders.equals(holder), "the VIP is on '" + holders + "', expected " + holder);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not within " + timeoutMs + " ms; last: '" + last + "'");
    }

    private static String lab(String... args) throws Exception {
        Result r = run(args);
        assertEquals(0, r.exit, "bin/lab " + String.join(" ", args) + ": " + r.out);
        return r.out;
    }

    /** The output of a bin/lab command that may fail (zk leader during an election): empty then. */
    private static String labMaybe(String... args) throws Exception {
        Result r = run(args);
        return r.exit == 0 ? r.out.strip() : "";
    }

    private record Result(int exit, String out) {
    }

    private static Result run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin/lab").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bin/lab " + String.join(" ", args) + " did not finish within 120 s");
        }
        return new Result(p.exitValue(), out);
    }
}
