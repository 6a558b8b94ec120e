package io.hakeeper.agent.vrrp;

import io.hakeeper.agent.testsupport.Poll;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Debian's keepalived running in a lab namespace with its own config, pid files and log in a temp
 * directory: {@code keepalived -n -l -D -P -f FILE -p -r -c}. Stopped by its process handle.
 */
final class Keepalived implements AutoCloseable {

    private final Path dir;
    private final Process process;

    private Keepalived(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    /**
     * Starts keepalived in node {@code node} as a BACKUP for VRID {@link Speakers#VRID} with
     * {@code auth_type PASS}, advert_int 1 and one virtual address.
     */
    static Keepalived start(VrrpLab lab, int node, int version, int priority, InetAddress vip) throws IOException {
        Path dir = Files.createTempDirectory("hkv-keepalived");
        String auth = version == 2
                ? "    authentication {\n        auth_type PASS\n        auth_pass " + Speakers.PASSWORD + "\n    }\n"
                : "";
        String conf = "global_defs {\n    router_id hkv_keepalived\n    vrrp_version " + version + "\n}\n"
                + "vrrp_instance VI_KA {\n"
                + "    state BACKUP\n"
                + "    interface " + VrrpLab.IFACE + "\n"
                + "    virtual_router_id " + Speakers.VRID + "\n"
                + "    priority " + priority + "\n"
                + "    advert_int 1\n"
                + auth
                + "    virtual_ipaddress {\n        " + vip.getHostAddress() + "/32\n    }\n"
                + "}\n";
        Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, conf);
        Process p = Command.background(dir, "keepalived", lab.exec(node, Command.which("keepalived"), "-n", "-l", "-D", "-P",
                "-f", file.toString(), "-p", dir.resolve("keepalived.pid").toString(),
                "-r", dir.resolve("vrrp.pid").toString(), "-c", dir.resolve("checkers.pid").toString()));
        return new Keepalived(dir, p);
    }

    /** Everything keepalived logged so far (it logs to stdout with -l). */
    String log() throws IOException {
        return Files.readString(dir.resolve("keepalived.out"), StandardCharsets.UTF_8)
                + Files.readString(dir.resolve("keepalived.err"), StandardCharsets.UTF_8);
    }

    /** Waits until keepalived has logged {@code text}. */
    void awaitLog(String text, Duration deadline) throws Exception {
        Poll.until(deadline, "keepalived to log '" + text + "'", () -> {
            if (!process.isAlive()) {
                throw new AssertionError("keepalived exited " + process.exitValue() + ":\n" + log());
            }
            return log().contains(text);
        });
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The log lines that mention {@code word}, for printing. */
    String linesWith(String word) throws IOException {
        return String.join("\n", log().lines().filter(l -> l.contains(word)).toList());
    }

    @Override
    public void close() throws IOException {
        Command.stop(process); // SIGTERM to the parent, which stops its VRRP child
        Path vrrpPid = dir.resolve("vrrp.pid");
        if (Files.exists(vrrpPid)) {
            // The child normally exits with its parent; if not, end it by the pid it wrote.
            long pid = Long.parseLong(Files.readString(vrrpPid).trim());
            ProcessHandle.of(pid).ifPresent(h -> {
                h.destroy();
                h.onExit().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> {
                    h.destroyForcibly();
                    return h;
                }).join();
            });
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static List<String> stateLines(String log) {
        return log.lines().filter(l -> l.contains("STATE") || l.contains("priority 0")).toList();
    }
}
