package io.hakeeper.lab.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.agent.netlink.NetworkNamespace;
import io.hakeeper.lab.LabAssumptions;
import io.hakeeper.lab.netns.Shell;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/lab netem NODE on|off on a node wired like the lab's: 200 ms each way (a round trip of at
 * least 400 ms) and 20 % loss each way while on, nothing once off; whichever mechanism the kernel
 * allows (tc netem, or iptables + the NFQUEUE delayer).
 */
class NetemFaultTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsRootAndIptables() {
        LabAssumptions.assumeNamespaces();
    }

    /** Echoes every datagram back to its sender, until the channel closes. */
    private static void echo(DatagramChannel ch) {
        Thread t = new Thread(() -> {
            ByteBuffer buf = ByteBuffer.allocate(64);
            try {
                while (true) {
                    buf.clear();
                    SocketAddress from = ch.receive(buf);
                    buf.flip();
                    ch.send(buf, from);
                }
            } catch (IOException closed) {
                // the test is over
            }
        }, "echo");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Round trips in milliseconds of {@code count} probes sent 20 ms apart, each waited for up to
     * {@code waitMs}; lost ones are missing.
     */
    private static List<Double> roundTrips(DatagramChannel client, SocketAddress echo, int count, long waitMs)
            throws IOException {
        client.configureBlocking(false);
        long[] sentAt = new long[count];
        List<Double> rtts = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.allocate(64);
        long start = System.nanoTime();
        long end = start + TimeUnit.MILLISECONDS.toNanos(20L * count + waitMs);
        int sent = 0;
        while (System.nanoTime() < end) {
            long now = System.nanoTime();
            if (sent < count && now - start >= TimeUnit.MILLISECONDS.toNanos(20L * sent)) {
                sentAt[sent] = now;
                client.send(ByteBuffer.allocate(4).putInt(0, sent), echo);
                sent++;
            }
            buf.clear();
            if (client.receive(buf) != null) {
                int seq = buf.getInt(0);
                rtts.add((System.nanoTime() - sentAt[seq]) / 1e6);
            } else {
                Thread.onSpinWait();
            }
        }
        Collections.sort(rtts);
        return rtts;
    }

    private static double median(List<Double> sorted) {
        return sorted.get(sorted.size() / 2);
    }

    /** How long a TCP connect from {@code node} to {@code server} takes, in ms. */
    private static double connectMs(FaultLab lab, String node, InetSocketAddress server) throws Exception {
        return NetworkNamespace.call(NetworkNamespace.named(lab.net.ns(node)), () -> {
            long t0 = System.nanoTime();
            try (SocketChannel c = SocketChannel.open()) {
                c.socket().connect(server, 15_000);
                return (System.nanoTime() - t0) / 1e6;
            }
        });
    }

    private static String iptablesRules(FaultLab lab, String node) throws IOException {
        String ipt = Shell.installed("iptables-legacy") ? "iptables-legacy" : "iptables";
        return Shell.installed(ipt) ? Shell.run("ip", "netns", "exec", lab.net.ns(node), ipt, "-S") : "";
    }

    private static String qdiscs(FaultLab lab, String node) throws IOException {
        return Shell.run("tc", "-n", lab.net.ns(node), "qdisc", "show", "dev", "eth0");
    }

    @Test
    void netemDelaysEachWayBy200msAndLosesAFifthUntilOff() throws Exception {
        try (FaultLab lab = new FaultLab(dir)) {
            DatagramChannel server = lab.udp("lb02", 7000);
            echo(server);
            DatagramChannel client = lab.udp("lb01", 7001);
            List<Double> before = roundTrips(client, server.getLocalAddress(), 20, 500);
            assertEquals(20, before.size(), "no loss before netem: " + before);
            assertTrue(median(before) < 50, "round trip before netem " + before);

            String on = lab.binLab("netem", "lb01", "on");
            assertTrue(on.contains("tc netem") || on.contains("emulated"), on);
            // on again changes nothing (no second set of rules, no second delayer).
            lab.binLab("netem", "lb01", "on");
            String rules = iptablesRules(lab, "lb01");
            if (on.contains("emulated")) {
                // In: 20 % DROPped, the rest delayed (queue 7). Out: 20 % to the drop queue 8, the rest delayed.
                assertEquals(1, rules.lines().filter(l -> l.matches("-A hk-netem-in .*statistic.*-j DROP")).count(), rules);
                assertEquals(1, rules.lines().filter(l -> l.matches("-A hk-netem-out .*statistic.*--queue-num 8")).count(), rules);
                assertEquals(2, rules.lines().filter(l -> l.matches("-A hk-netem-(in|out) -j NFQUEUE --queue-num 7")).count(), rules);
                assertEquals(2, rules.lines().filter(l -> l.matches("-A (INPUT|OUTPUT) .*-j hk-netem-(in|out)")).count(), rules);
            }

            // A probe and its echo cross lb01's link twice: at least 2 x 200 ms; 0.8^2 get through.
            List<Double> during = roundTrips(client, server.getLocalAddress(), 40, 1500);
            System.out.printf("netem: round trip before %.2f ms (median of %d), during: %d of 40 back, min %.1f median %.1f max %.1f ms%n",
                    median(before), before.size(), during.size(), during.get(0), median(during), during.get(during.size() - 1));
            assertTrue(during.size() >= 8 && during.size() <= 38, "echoes back with 36 % round-trip loss: " + during.size() + " of 40");
            assertTrue(during.get(0) >= 400, "shortest round trip under netem " + during);
            assertTrue(median(during) < 600, "round trips under netem much longer than 400 ms: " + during);

            // Loss, each way on its own: 20 % of 400 is 80 (sigma 8); 5..40 % cannot flake.
            DatagramChannel a = lab.udp("lb01", 7100);
            DatagramChannel b = lab.udp("lb02", 7100);
            FaultLab.send(a, b, 400);
            int out = FaultLab.receiveUntilQuiet(b, 1000);
            FaultLab.send(b, a, 400);
            int in = FaultLab.receiveUntilQuiet(a, 1000);
            System.out.printf("netem: loss out of lb01 %.1f %%, into lb01 %.1f %% (400 datagrams each)%n",
                    100 - out / 4.0, 100 - in / 4.0);
            assertTrue(out >= 240 && out <= 380, "datagrams out of lb01 that arrived: " + out + " of 400");
            assertTrue(in >= 240 && in <= 380, "datagrams into lb01 that arrived: " + in + " of 400");

            try (ServerSocketChannel listener = NetworkNamespace.call(NetworkNamespace.named(lab.net.ns("lb02")),
                    () -> ServerSocketChannel.open().bind(new InetSocketAddress(FaultLab.addr("lb02"), 7200)))) {
                // A SYN and its SYN-ACK cross the link once each; a lost one is retried after 1 s.
                double connect = connectMs(lab, "lb01", (InetSocketAddress) listener.getLocalAddress());
                System.out.printf("netem: TCP connect during %.1f ms%n", connect);
                assertTrue(connect >= 400, "TCP connect under netem took " + connect + " ms");

                lab.binLab("netem", "lb01", "off");
                lab.binLab("netem", "lb01", "off");
                double after = connectMs(lab, "lb01", (InetSocketAddress) listener.getLocalAddress());
                assertTrue(after < 50, "TCP connect after netem off took " + after + " ms");
            }
            List<Double> afterRtt = roundTrips(client, server.getLocalAddress(), 20, 500);
            System.out.printf("netem: round trip after off %.2f ms (median of %d)%n", median(afterRtt), afterRtt.size());
            assertEquals(20, afterRtt.size(), "no loss after netem off: " + afterRtt);
            assertTrue(median(afterRtt) < 50, "round trip after netem off " + afterRtt);
            assertFalse(iptablesRules(lab, "lb01").contains("hk-netem"), "rules left after off");
            assertFalse(qdiscs(lab, "lb01").contains("netem"), "qdisc left after off");
            assertFalse(Files.exists(dir.resolve("lb01/netem.pid")), "the delayer's pid file is left");
            if (on.contains("emulated")) {
                String log = lab.log("lb01", "netem.log");
                assertTrue(log.contains("0 malformed replies, 0 errors"), log);
            }
        }
    }
}
