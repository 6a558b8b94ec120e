package io.hakeeper.lab.faults;

import io.hakeeper.agent.netlink.NetworkNamespace;
import io.hakeeper.lab.LabTopology;
import io.hakeeper.lab.netns.LabNetwork;
import io.hakeeper.lab.netns.Shell;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Two lab nodes, lb01 and lb02, on a bridge in a switch namespace, wired as bin/lab wires them
 * (eth0 in the node, p-NODE on the switch), under this test's own namespace prefix and run
 * directory: bin/lab's fault commands run against it as against the lab.
 */
final class FaultLab implements AutoCloseable {
    static final Path ROOT = LabTopology.repositoryRoot();
    static final String[] NODES = {"lb01", "lb02"};

    final LabNetwork net = new LabNetwork("hkq");
    final Path runDir;
    private final List<AutoCloseable> sockets = new ArrayList<>();

    FaultLab(Path runDir) throws IOException {
        this.runDir = runDir;
        try {
            net.addNamespace("sw");
            net.addBridge("sw");
            for (int i = 0; i < NODES.length; i++) {
                String node = NODES[i];
                net.addNamespace(node);
                net.addVeth(net.link("a" + i), node, "eth0", net.link("b" + i), "sw", "p-" + node);
                Shell.ipIn(net.ns("sw"), "link", "set", "p-" + node, "master", "br0");
                Shell.ipIn(net.ns(node), "addr", "add", addr(node) + "/24", "dev", "eth0");
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** 10.95.0.11, 10.95.0.12: a subnet no other lab uses (FenceLab 10.99, ControllerLab 10.97, bin/lab 10.98). */
    static String addr(String node) {
        return "10.95.0." + (11 + List.of(NODES).indexOf(node));
    }

    /** What bin/lab's ns() prepends: the namespace prefix. */
    String prefix() {
        return net.ns("");
    }

    /** Runs {@code bin/lab ARGS} against this lab and returns its output; a failure is an exception with it. */
    String binLab(String... args) throws IOException, InterruptedException {
        return binLab(prefix(), runDir, args);
    }

    /** {@code bin/lab ARGS} with namespace prefix {@code prefix} and run directory {@code runDir}. */
    static String binLab(String prefix, Path runDir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin/lab").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("HAKEEPER_LAB_NS_PREFIX", prefix);
        env.put("HAKEEPER_LAB_RUN_DIR", runDir.toString());
        env.put("HAKEEPER_LAB_CLASSPATH", System.getProperty("java.class.path"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("bin/lab " + String.join(" ", args) + " failed:\n" + out);
        }
        return out;
    }

    /** A UDP socket inside {@code node}'s namespace, bound to its address and {@code port}; closed with the lab. */
    DatagramChannel udp(String node, int port) throws Exception {
        DatagramChannel ch = NetworkNamespace.call(NetworkNamespace.named(net.ns(node)),
                () -> DatagramChannel.open().bind(new InetSocketAddress(addr(node), port)));
        sockets.add(ch);
        return ch;
    }

    /** Sends {@code count} datagrams numbered 0.. from {@code from} to {@code to}, one per millisecond. */
    static void send(DatagramChannel from, DatagramChannel to, int count) throws Exception {
        InetSocketAddress target = (InetSocketAddress) to.getLocalAddress();
        for (int i = 0; i < count; i++) {
            from.send(ByteBuffer.allocate(8).putInt(0, i), target);
            Thread.sleep(1); // pacing the sender, not waiting for a result
        }
    }

    /** How many datagrams {@code ch} receives until none came for {@code quietMs} (on the monotonic clock). */
    static int receiveUntilQuiet(DatagramChannel ch, long quietMs) throws IOException {
        ch.configureBlocking(false);
        ByteBuffer buf = ByteBuffer.allocate(64);
        int n = 0;
        long last = System.nanoTime();
        while (System.nanoTime() - last < TimeUnit.MILLISECONDS.toNanos(quietMs)) {
            buf.clear();
            if (ch.receive(buf) != null) {
                n++;
                last = System.nanoTime();
            } else {
                Thread.onSpinWait();
            }
        }
        return n;
    }

    String log(String node, String file) throws IOException {
        Path f = runDir.resolve(node).resolve(file);
        return Files.exists(f) ? Files.readString(f) : "(no " + f + ")";
    }

    @Override
    public void close() {
        for (AutoCloseable s : sockets) {
            try {
                s.close();
            } catch (Exception e) {
                // closing anyway
            }
        }
        for (String node : NODES) {
            try {
                binLab("netem", node, "off"); // stops a delayer, which the namespace's removal would not
            } catch (Exception e) {
                // best effort: the namespaces go next
            }
        }
        try {
            net.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
