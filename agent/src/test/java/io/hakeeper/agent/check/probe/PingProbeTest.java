package io.hakeeper.agent.check.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hakeeper.common.config.model.Checker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PING_CHECK with real ICMP: loopback answers; an unassigned address on a veth link into a network
 * namespace this test creates does not (root only). No echo request leaves for any other address.
 */
class PingProbeTest {

    private final ProbeFixture f = new ProbeFixture();
    private final List<List<String>> cleanup = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        f.close();
        for (List<String> cmd : cleanup) {
            run(cmd, false);
        }
    }

    private static Checker.Ping ping(int timeout, String bindTo) {
        return new Checker.Ping(ProbeFixture.with(timeout, null, null, bindTo, null));
    }

    private static boolean canOpenIcmp() {
        try (IcmpSocket s = new IcmpSocket(false, null, 100)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void loopbackAnswers() throws Exception {
        assumeTrue(canOpenIcmp(), "needs net.ipv4.ping_group_range to include our group, or CAP_NET_RAW");
        ProbeResult r = f.check(ping(2, null), new InetSocketAddress("127.0.0.1", 0));
        assertTrue(r.passed(), r.toString());
        ProbeResult bound = f.check(ping(2, "127.0.0.1"), new InetSocketAddress("127.0.0.1", 0));
        assertTrue(bound.passed(), bound.toString());
    }

    @Test
    void manyPingsInFlightShareOneSocket() throws Exception {
        assumeTrue(canOpenIcmp(), "needs net.ipv4.ping_group_range to include our group, or CAP_NET_RAW");
        List<CompletableFuture<ProbeResult>> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            all.add(f.probes.check(new ProbeTarget(ping(2, null), new InetSocketAddress("127.0.0." + (1 + i % 50), 0), null)));
        }
        for (CompletableFuture<ProbeResult> p : all) {
            ProbeResult r = p.get(10, TimeUnit.SECONDS);
            assertTrue(r.passed(), r.toString());
        }
    }

    @Test
    void unassignedAddressInATestNamespaceTimesOutAndItsNeighbourAnswers() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to create a network namespace and a veth pair");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")), "needs ip(8)");
        assumeTrue(canOpenIcmp(), "needs an ICMP socket");
        String tag = "hkp" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        int net = ThreadLocalRandom.current().nextInt(1, 250);
        String prefix = "10.253." + net + ".";
        String ns = tag;
        run(List.of("ip", "netns", "add", ns), true);
        cleanup.add(List.of("ip", "netns", "del", ns));
        run(List.of("ip", "link", "add", tag + "a", "type", "veth", "peer", "name", tag + "b"), true);
        cleanup.add(0, List.of("ip", "link", "del", tag + "a"));
        run(List.of("ip", "link", "set", tag + "b", "netns", ns), true);
        run(List.of("ip", "addr", "add", prefix + "1/24", "dev", tag + "a"), true);
        run(List.of("ip", "link", "set", tag + "a", "up"), true);
        run(List.of("ip", "-n", ns, "addr", "add", prefix + "2/24", "dev", tag + "b"), true);
        run(List.of("ip", "-n", ns, "link", "set", tag + "b", "up"), true);

        ProbeResult answered = f.check(ping(3, null), new InetSocketAddress(prefix + "2", 0));
        assertTrue(answered.passed(), answered.toString());
        ProbeResult silent = f.check(ping(1, null), new InetSocketAddress(prefix + "3", 0));
        assertEquals(FailureReason.TIMEOUT, silent.reason(), silent.detail());
        assertTrue(ProbeFixture.millis(silent) >= 990 && ProbeFixture.millis(silent) < 1500, "took " + ProbeFixture.millis(silent));
    }

    private static void run(List<String> cmd, boolean mustWork) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.SECONDS) || (mustWork && p.exitValue() != 0)) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
