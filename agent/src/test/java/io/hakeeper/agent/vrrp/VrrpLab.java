package io.hakeeper.agent.vrrp;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hakeeper.agent.netlink.NetworkNamespace;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A layer-2 segment of our own: a switch namespace holding a bridge, and N node namespaces each
 * joined to it by a veth pair. Names start with {@code hkv} plus random hex, so parallel runs and
 * other tests never collide; everything is deleted on {@link #close()} (and by a shutdown hook if
 * the JVM exits first). veth rather than dummy: this kernel has no dummy driver.
 *
 * <p>Node {@code i} (1-based) has interface {@link #IFACE} with 198.18.S.i/24 (RFC 2544's
 * benchmarking range, S random) and an IPv6 link-local address usable at once (DAD off).
 * Traffic only ever flows inside these namespaces.
 */
final class VrrpLab implements AutoCloseable {

    /** The node-side interface name, the same in every node namespace. */
    static final String IFACE = "hkv0";
    /** include/uapi/linux/capability.h */
    private static final int CAP_NET_ADMIN = 12;
    private static final int CAP_NET_RAW = 13;
    private static final int CAP_SYS_ADMIN = 21;

    private final String tag;
    private final int subnet;
    private final int nodes;
    private final List<String> created = new ArrayList<>();
    private final Thread cleanupHook = new Thread(this::deleteAll, "delete vrrp lab");

    private VrrpLab(String tag, int subnet, int nodes) {
        this.tag = tag;
        this.subnet = subnet;
        this.nodes = nodes;
    }

    /** Skips the calling test unless this process may create namespaces and raw sockets and has {@code ip}. */
    static void assumeRoot() {
        assumeTrue(hasCapabilities(), "needs root (CAP_NET_ADMIN, CAP_NET_RAW, CAP_SYS_ADMIN) for network namespaces"
                + " and raw sockets; run the tests as root (bin/test does in CI)");
        assumeTrue(Command.installed("ip"), "needs the ip command (iproute2); lab/setup-host.sh test installs it");
    }

    /** Skips the calling test unless {@code tool} is installed. */
    static void assumeTool(String tool) {
        assumeTrue(Command.installed(tool), "needs " + tool + "; lab/setup-host.sh test installs it (as root)");
    }

    private static boolean hasCapabilities() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    long caps = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                    long need = (1L << CAP_NET_ADMIN) | (1L << CAP_NET_RAW) | (1L << CAP_SYS_ADMIN);
                    return (caps & need) == need;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }

    /** Builds the segment with {@code nodes} node namespaces; the caller closes it. */
    static VrrpLab create(int nodes) {
        byte[] random = new byte[3];
        SecureRandom rng = new SecureRandom();
        rng.nextBytes(random);
        VrrpLab lab = new VrrpLab("hkv" + HexFormat.of().formatHex(random), rng.nextInt(256), nodes);
        Runtime.getRuntime().addShutdownHook(lab.cleanupHook);
        try {
            lab.build();
        } catch (RuntimeException | Error e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    private void build() {
        String sw = switchNamespace();
        addNamespace(sw);
        Command.run("ip", "-n", sw, "link", "add", "br0", "type", "bridge", "mcast_snooping", "0");
        Command.run("ip", "-n", sw, "link", "set", "br0", "up");
        for (int i = 1; i <= nodes; i++) {
            String ns = namespace(i);
            addNamespace(ns);
            Command.run("ip", "-n", ns, "link", "set", "lo", "up");
            Command.run("ip", "-n", ns, "link", "add", IFACE, "type", "veth", "peer", "name", "p" + i, "netns", sw);
            // DAD would keep the link-local address tentative (unusable as a source) for a second or two.
            Command.run(Command.inNamespace(ns, sysctl(), "-q", "-w", "net.ipv6.conf." + IFACE + ".accept_dad=0")
                    .toArray(String[]::new));
            Command.run("ip", "-n", ns, "addr", "add", v4(i).getHostAddress() + "/24", "dev", IFACE);
            Command.run("ip", "-n", sw, "link", "set", "p" + i, "master", "br0");
            Command.run("ip", "-n", sw, "link", "set", "p" + i, "up");
            Command.run("ip", "-n", ns, "link", "set", IFACE, "up");
        }
    }

    private static String sysctl() {
        String path = Command.which("sysctl");
        return path != null ? path : "sysctl";
    }

    private void addNamespace(String name) {
        Command.run("ip", "netns", "add", name);
        created.add(name);
    }

    String switchNamespace() {
        return tag + "-sw";
    }

    /** The namespace of node {@code i}, 1-based. */
    String namespace(int i) {
        return tag + "-n" + i;
    }

    /** Node {@code i}'s IPv4 address. */
    InetAddress v4(int i) {
        return address(198, 18, subnet, i);
    }

    /** An address on the segment that no node has: for virtual addresses. */
    InetAddress v4Vip(int host) {
        return address(198, 18, subnet, 200 + host);
    }

    /** Node {@code i}'s IPv6 link-local address, as the kernel formed it. */
    InetAddress v6LinkLocal(int i) throws Exception {
        String out = Command.run("ip", "-n", namespace(i), "-6", "-o", "addr", "show", "dev", IFACE, "scope", "link");
        for (String word : out.split("\\s+")) {
            if (word.startsWith("fe80::")) {
                return InetAddress.getByName(word.substring(0, word.indexOf('/')));
            }
        }
        throw new AssertionError("no link-local address on " + IFACE + " in " + namespace(i) + ": " + out);
    }

    /** Runs {@code action} with the calling thread in node {@code i}'s namespace: sockets it opens live there. */
    <T> T in(int i, Callable<T> action) throws Exception {
        return NetworkNamespace.call(NetworkNamespace.named(namespace(i)), action);
    }

    /** {@code ip netns exec <node i> args...} as a command line. */
    List<String> exec(int i, String... args) {
        return Command.inNamespace(namespace(i), args);
    }

    /** The addresses of {@code ip addr} on node {@code i}'s interface. */
    String addresses(int i) {
        return Command.run("ip", "-n", namespace(i), "-o", "addr", "show", "dev", IFACE);
    }

    private static InetAddress address(int... octets) {
        byte[] b = new byte[octets.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) octets[i];
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private synchronized void deleteAll() {
        for (int i = created.size() - 1; i >= 0; i--) {
            String ns = created.get(i);
            if (Files.exists(NetworkNamespace.named(ns))) {
                try {
                    Command.run("ip", "netns", "del", ns);
                } catch (AssertionError e) {
                    System.err.println("vrrp lab: could not delete namespace " + ns + ": " + e.getMessage());
                }
            }
        }
        created.clear();
    }

    @Override
    public void close() {
        deleteAll();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway and finds nothing left
        }
    }
}
