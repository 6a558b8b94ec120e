package io.hakeeper.lab.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hakeeper.lab.LabAssumptions;
import io.hakeeper.lab.netns.Shell;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/lab clock NODE OFFSET: the shim lab/clockshift/clockshift.c steps the wall clock a process
 * sees (JVM and C programs alike) within milliseconds of the offset file's change, and leaves its
 * monotonic clock alone.
 */
class ClockShiftTest {
    private static final long HOUR_MS = 3_600_000L;
    /** A step must be visible this soon after the offset file changed. */
    private static final long STEP_DEADLINE_MS = 100;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsRootAndGcc() {
        LabAssumptions.assumeNamespaces(); // bin/lab's fault commands need root
        assumeTrue(Shell.installed("gcc"), "clock shim skipped: needs gcc to build lab/clockshift/clockshift.c");
    }

    /** One line of {@link ClockProbe}: its wall clock's skew from ours, and its nanoTime. */
    private record Sample(long skewMs, long instantSkewMs, long nano, long readAtNano) {}

    private static final long WALL_BASE = System.currentTimeMillis();
    private static final long NANO_BASE = System.nanoTime();

    /** This (unshifted) JVM's wall clock at monotonic time {@code nano}. */
    private static long trueWallAt(long nano) {
        return WALL_BASE + TimeUnit.NANOSECONDS.toMillis(nano - NANO_BASE);
    }

    private String binLab(String... args) throws Exception {
        return FaultLab.binLab("hkq-none-", dir, args);
    }

    private Map<String, String> shimEnv(Path lib, Path offsetFile) {
        return Map.of("LD_PRELOAD", lib.toString(), "HAKEEPER_CLOCK_OFFSET_FILE", offsetFile.toString());
    }

    private static String run(Map<String, String> env, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", cmd) + ": " + out);
        return out;
    }

    /** The first sample matching {@code shifted}, waiting up to {@code timeoutMs}; fails if none. */
    private static Sample await(LinkedBlockingQueue<Sample> samples, Predicate<Sample> shifted, long timeoutMs, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            Sample s = samples.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertTrue(s != null, "no sample showed " + what + " within " + timeoutMs + " ms");
            // Monotonic time is not shifted: the probe's nanoTime is ours, give or take the pipe.
            assertTrue(Math.abs(s.readAtNano() - s.nano()) < TimeUnit.SECONDS.toNanos(1),
                    "the probe's nanoTime is " + (s.readAtNano() - s.nano()) / 1e6 + " ms off ours");
            assertTrue(Math.abs(s.skewMs() - s.instantSkewMs()) < 50, "currentTimeMillis and Instant.now disagree: " + s);
            if (shifted.test(s)) {
                return s;
            }
        }
    }

    private static Predicate<Sample> skewNear(long ms) {
        return s -> Math.abs(s.skewMs() - ms) < 1000;
    }

    private static void writeOffset(Path file, String offset) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, offset + "\n");
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aJvmUnderTheShimSeesItsWallClockStepWithinMillisecondsAndItsMonotonicClockUntouched() throws Exception {
        Path lib = Path.of(binLab("clockshift").trim());
        assertTrue(Files.isRegularFile(lib), lib.toString());
        Path offsetFile = dir.resolve("lb01/clock-offset");

        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx32m", "-cp", System.getProperty("java.class.path"), ClockProbe.class.getName());
        pb.environment().putAll(shimEnv(lib, offsetFile));
        pb.redirectErrorStream(true);
        Process probe = pb.start();
        LinkedBlockingQueue<Sample> samples = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    long now = System.nanoTime();
                    String[] f = line.split(" ");
                    if (f.length == 3 && f[0].matches("\\d+")) {
                        long nano = Long.parseLong(f[2]);
                        long truth = trueWallAt(nano);
                        samples.add(new Sample(Long.parseLong(f[0]) - truth, Long.parseLong(f[1]) - truth, nano, now));
                    }
                }
            } catch (IOException e) {
                // the probe ended
            }
        }, "probe reader");
        reader.setDaemon(true);
        reader.start();
        try {
            // No offset file yet: true time. (The JVM started under LD_PRELOAD: it did not hang.)
            await(samples, skewNear(0), 20_000, "true time at start");

            writeOffset(offsetFile, "+3600");
            long written = System.nanoTime();
            Sample stepped = await(samples, skewNear(HOUR_MS), 2_000, "the +3600 s step");
            double latencyMs = (stepped.nano() - written) / 1e6;
            System.out.printf("clock: +3600 s step seen %.2f ms after the offset file was renamed into place%n", latencyMs);
            assertTrue(latencyMs < STEP_DEADLINE_MS, "the step took " + latencyMs + " ms");

            // bin/lab clock: the same through the command, back an hour and to true time.
            long before = System.nanoTime();
            String out = binLab("clock", "lb01", "-3600");
            long returned = System.nanoTime();
            assertTrue(out.contains("-3600"), out);
            assertEquals("-3600", Files.readString(offsetFile).trim());
            Sample back = await(samples, skewNear(-HOUR_MS), 2_000, "the -3600 s step");
            System.out.printf("clock: bin/lab clock lb01 -3600 ran %.1f ms; step seen %.2f ms after it returned%n",
                    (returned - before) / 1e6, (back.nano() - returned) / 1e6);
            assertTrue(back.nano() - returned < TimeUnit.MILLISECONDS.toNanos(STEP_DEADLINE_MS), "bin/lab clock's step was late");

            // C programs under the shim: clock_gettime (date), gettimeofday ($EPOCHREALTIME), time() (printf %T).
            Map<String, String> env = shimEnv(lib, offsetFile);
            long nowS = System.currentTimeMillis() / 1000;
            assertEquals(nowS - 3600, Long.parseLong(run(env, "date", "+%s")), 2, "date under the shim");
            assertEquals(nowS - 3600, Double.parseDouble(run(env, "bash", "-c", "echo $EPOCHREALTIME")), 2, "gettimeofday");
            assertEquals(nowS - 3600, Long.parseLong(run(env, "bash", "-c", "printf '%(%s)T' -1")), 2, "time()");
            assertEquals(nowS, Long.parseLong(run(Map.of(), "date", "+%s")), 2, "date without the shim");

            binLab("clock", "lb01", "0");
            await(samples, skewNear(0), 2_000, "true time again");
            assertEquals(nowS, Long.parseLong(run(shimEnv(lib, dir.resolve("no-such-file")), "date", "+%s")), 2,
                    "a missing offset file is true time");
            assertTrue(probe.isAlive(), "the probe died");
        } finally {
            probe.getOutputStream().close();
            if (!probe.waitFor(10, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
            }
        }
    }

    @Test
    void clockRefusesBadOffsetsAndNodesThatAreNotDirectors() {
        for (List<String> args : List.of(List.of("clock", "lb01", "soon"), List.of("clock", "zk", "+5"), List.of("clock", "lb01"))) {
            IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> binLab(args.toArray(String[]::new)));
            assertTrue(e.getMessage().contains("usage") || e.getMessage().contains("not a director"), e.getMessage());
        }
    }
}
