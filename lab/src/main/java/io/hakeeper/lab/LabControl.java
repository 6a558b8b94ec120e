package io.hakeeper.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives the running lab through bin/lab's own commands (start, kill, health, partition,
 * switchover, keepalived ...), so that processes and files are managed in one place.
 */
final class LabControl {

    private final Path root;

    LabControl(Path root) {
        this.root = root;
    }

    /** Runs {@code bin/lab ARGS...}; fails with its output when it exits non-zero. */
    String lab(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(root.resolve("bin/lab").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("bin/lab " + String.join(" ", args) + " did not finish within 120 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException("bin/lab " + String.join(" ", args) + " failed (" + p.exitValue() + "): " + out.trim());
        }
        return out;
    }

    /** The directors that have the VIP configured now, as the kernel says. */
    List<String> holders() throws IOException, InterruptedException {
        String out = lab("holders").trim();
        return out.isEmpty() ? List.of() : List.of(out.split("\\s+"));
    }
}
