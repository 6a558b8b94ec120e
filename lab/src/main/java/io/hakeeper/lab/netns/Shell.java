package io.hakeeper.lab.netns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs the host's tools (iproute2 above all) and says why when one fails. */
public final class Shell {

    private static final List<String> BIN_DIRS = List.of("/usr/sbin/", "/usr/bin/", "/sbin/", "/bin/");

    private Shell() {
    }

    /** Runs {@code cmd}, waits up to 30 s and returns its output; a non-zero exit is an IOException with the output. */
    public static String run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + out.trim());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** {@code ip ARGS...}. */
    public static String ip(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("ip");
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    /** {@code ip -n NAMESPACE ARGS...}; a null namespace is the root namespace. */
    public static String ipIn(String namespace, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (namespace != null) {
            cmd.addAll(List.of("-n", namespace));
        }
        cmd.addAll(List.of(args));
        return ip(cmd.toArray(String[]::new));
    }

    /** True if {@code tool} is an executable in one of the usual system directories. */
    public static boolean installed(String tool) {
        return BIN_DIRS.stream().anyMatch(d -> Files.isExecutable(Path.of(d + tool)));
    }

    /**
     * Why this process cannot build namespace labs, or empty if it can: they need root (network
     * namespaces, veth links) and iproute2.
     */
    public static Optional<String> whyNoNamespaces() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("needs root to create network namespaces (run the tests as root: sudo bin/test)");
        }
        if (!installed("ip")) {
            return Optional.of("needs iproute2's ip (lab/setup-host.sh test installs it)");
        }
        return Optional.empty();
    }
}
