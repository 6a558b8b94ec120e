package io.hakeeper.agent.netlink;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A veth pair that a test creates in the current network namespace and deletes afterwards, so
 * tests never touch interfaces they did not make. Names are {@code hknl<6 hex>a} and
 * {@code ...b} (11 bytes, under IFNAMSIZ). Deleting one end deletes both and every address on them.
 * A shutdown hook removes the pair if the JVM exits before {@link #close()}.
 *
 * <p>veth rather than dummy: some kernels (this lab's among them) are built without the dummy
 * driver, and veth also gives carrier changes to test link state with.
 */
final class ScratchVeth implements AutoCloseable {
    /** include/uapi/linux/capability.h */
    private static final int CAP_NET_ADMIN = 12;

    private final String name;
    private final String peer;
    private final Thread cleanupHook;
    private boolean closed;

    private ScratchVeth(String name, String peer) {
        this.name = name;
        this.peer = peer;
        this.cleanupHook = new Thread(this::delete, "delete " + name);
    }

    /** Skips the calling test unless this process may create links. */
    static void assumeNetAdmin() {
        assumeTrue(hasNetAdmin(), "needs root/CAP_NET_ADMIN to create a veth interface");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip"))
                || Files.isExecutable(Path.of("/usr/bin/ip")), "needs the ip command (iproute2)");
    }

    static boolean hasNetAdmin() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    long caps = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                    return (caps & (1L << CAP_NET_ADMIN)) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }

    /** Creates the pair; both ends stay down until {@link #up()}. */
    static ScratchVeth create() {
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        String base = "hknl" + HexFormat.of().formatHex(random);
        ScratchVeth veth = new ScratchVeth(base + "a", base + "b");
        ip("link", "add", veth.name, "type", "veth", "peer", "name", veth.peer);
        Runtime.getRuntime().addShutdownHook(veth.cleanupHook);
        return veth;
    }

    String name() {
        return name;
    }

    String peer() {
        return peer;
    }

    /** Both ends up, so the link has carrier (IFF_RUNNING, operstate UP). */
    ScratchVeth up() {
        ip("link", "set", name, "up");
        ip("link", "set", peer, "up");
        return this;
    }

    int index() {
        try {
            return Integer.parseInt(Files.readString(Path.of("/sys/class/net", name, "ifindex")).trim());
        } catch (IOException e) {
            throw new AssertionError("cannot read ifindex of " + name, e);
        }
    }

    /** Runs {@code ip ARGS...} and returns its stdout; fails the test with stderr on a non-zero exit. */
    static String ip(String... args) {
        List<String> command = new ArrayList<>();
        command.add("ip");
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish in 10 s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError(command + " exited " + p.exitValue() + ": " + err.trim());
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    private synchronized void delete() {
        if (closed) {
            return;
        }
        closed = true;
        if (Files.exists(Path.of("/sys/class/net", name))) {
            try {
                ip("link", "del", name);
            } catch (AssertionError e) {
                if (Files.exists(Path.of("/sys/class/net", name))) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void close() {
        delete();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to; it will find the pair gone
        }
    }
}
