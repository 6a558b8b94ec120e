package io.hakeeper.agent.vrrp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Running the tools the tests drive (ip, tcpdump, tshark, keepalived), with timeouts and their output. */
final class Command {
    private Command() {
    }

    /** Runs {@code args} to completion (at most 20 s) and returns stdout; fails the test on a non-zero exit. */
    static String run(String... args) {
        try {
            Process p = new ProcessBuilder(args).redirectErrorStream(false).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(List.of(args) + " did not finish in 20 s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError(List.of(args) + " exited " + p.exitValue() + ": " + err.trim());
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + List.of(args), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + List.of(args), e);
        }
    }

    /** {@code ip netns exec NS args...} */
    static List<String> inNamespace(String namespace, String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        command.addAll(List.of(args));
        return command;
    }

    /** Starts a long-running process with stdout and stderr going to files in {@code dir}. */
    static Process background(Path dir, String name, List<String> command) throws IOException {
        return new ProcessBuilder(command)
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile())
                .start();
    }

    /** Whether an executable of that name is in the bin or sbin directories. */
    static boolean installed(String tool) {
        return which(tool) != null;
    }

    /**
     * The full path of {@code tool} in the bin or sbin directories, or null: keepalived lives in
     * /usr/sbin, which an unprivileged or minimal environment may not have on its PATH.
     */
    static String which(String tool) {
        for (String dir : List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return Path.of(dir, tool).toString();
            }
        }
        return null;
    }

    /** Ends a process we started, by its handle: TERM, then KILL after 5 s. */
    static void stop(Process p) {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
