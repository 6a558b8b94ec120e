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

    /**
     * The lab as a bench phase needs it: up, with a three-node ZooKeeper ensemble or one server,
     * and an IPv4 or IPv6 VIP. A lab that is up in another mode is taken down and brought up again.
     */
    LabMode ensureMode(LabTopology topology, boolean ensemble, boolean ipv6) throws IOException, InterruptedException {
        List<String> up = new ArrayList<>(List.of("up", "--zk", ensemble ? "3" : "1"));
        if (ipv6) {
            up.add("--ipv6");
        }
        if (topology.runDir().resolve("up").toFile().exists()) {
            LabMode mode = LabMode.read(topology);
            if (mode.zkServers().size() == (ensemble ? 3 : 1) && mode.ipv6() == ipv6) {
                return mode;
            }
            System.out.println("bench: the lab is up in another mode; bin/lab down, then bin/lab " + String.join(" ", up));
            lab("down");
        }
        lab(up.toArray(String[]::new));
        return LabMode.read(topology);
    }

    /** The ZooKeeper server that leads the ensemble now. */
    String zkLeader() throws IOException, InterruptedException {
        return lab("zk", "leader").trim();
    }

    /**
     * kill -9 of ZooKeeper server {@code name}, from this JVM (no script in between: the bench
     * aims it at the instant between a release and the successor's claim).
     */
    void zkKillNow(LabTopology topology, String name) throws IOException {
        long pid = Long.parseLong(java.nio.file.Files.readString(topology.runDir().resolve(name).resolve("pid")).trim());
        ProcessHandle.of(pid).orElseThrow(() -> new IOException("ZooKeeper server " + name + " (pid " + pid
                + ") is not running")).destroyForcibly();
    }

    /** The directors that have the VIP configured now, as the kernel says. */
    List<String> holders() throws IOException, InterruptedException {
        String out = lab("holders").trim();
        return out.isEmpty() ? List.of() : List.of(out.split("\\s+"));
    }
}
