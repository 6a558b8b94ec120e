package io.hakeeper.agent.vrrp;

import io.hakeeper.agent.testsupport.Poll;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A packet capture (tcpdump or tshark) running in a lab namespace, with its output in a temp
 * directory. Started, then waited on until it says it is capturing, so no packet is missed.
 */
final class Capture implements AutoCloseable {

    private final Path dir;
    private final Process process;
    private final String readyMarker;

    private Capture(Path dir, Process process, String readyMarker) {
        this.dir = dir;
        this.process = process;
        this.readyMarker = readyMarker;
    }

    /** {@code tcpdump -i IFACE -n -l -vv -c COUNT [extra...] FILTER} in node {@code node}. */
    static Capture tcpdump(VrrpLab lab, int node, int count, String filter, String... extra) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of(Command.which("tcpdump"), "-i", VrrpLab.IFACE, "-n", "-l", "-vv",
                "-c", Integer.toString(count)));
        args.addAll(List.of(extra));
        args.add(filter);
        return start(lab, node, args, "listening on");
    }

    /** {@code tshark -i IFACE -n -l -V -c COUNT -f FILTER} in node {@code node}. */
    static Capture tshark(VrrpLab lab, int node, int count, String filter) throws IOException {
        return start(lab, node, List.of(Command.which("tshark"), "-i", VrrpLab.IFACE, "-n", "-l", "-V", "-c", Integer.toString(count),
                "-f", filter), "Capturing on");
    }

    private static Capture start(VrrpLab lab, int node, List<String> args, String ready) throws IOException {
        Path dir = Files.createTempDirectory("hkv-capture");
        Process p = Command.background(dir, "capture", lab.exec(node, args.toArray(String[]::new)));
        return new Capture(dir, p, ready);
    }

    /** Waits until the tool reports that it captures. */
    Capture awaitReady() throws Exception {
        Poll.until(Duration.ofSeconds(20), "capture to start (" + readyMarker + ")", () -> {
            if (!process.isAlive()) {
                throw new AssertionError("capture exited early: " + errors());
            }
            return errors().contains(readyMarker);
        });
        return this;
    }

    /** Waits for the tool to finish its packet count and returns what it printed. */
    String awaitOutput(Duration deadline) throws Exception {
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("capture did not see its packets in " + deadline.toSeconds() + " s; so far:\n"
                    + output() + errors());
        }
        return output();
    }

    String output() throws IOException {
        return Files.readString(dir.resolve("capture.out"), StandardCharsets.UTF_8);
    }

    String errors() throws IOException {
        return Files.readString(dir.resolve("capture.err"), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        Command.stop(process);
        for (String f : List.of("capture.out", "capture.err")) {
            Files.deleteIfExists(dir.resolve(f));
        }
        Files.deleteIfExists(dir);
    }
}
