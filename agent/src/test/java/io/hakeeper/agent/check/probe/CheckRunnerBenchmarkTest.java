package io.hakeeper.agent.check.probe;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hakeeper.common.config.model.Checker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * The engine benchmark: 10,000 real servers with TCP_CHECK at delay_loop 1 against loopback
 * listeners (in a separate process), through {@link LoopCheckRunner} and {@link Probes} on one
 * {@link IoLoop}. Prints sustained checks/s, this process's CPU as % of one core, and heap used;
 * asserts nothing (figures, not a timed unit test). Run with lab/bench-checks.sh, which sets
 * -Dhakeeper.bench=checks and -Xmx128m.
 */
class CheckRunnerBenchmarkTest {

    private static final int TARGETS = Integer.getInteger("bench.targets", 10_000);
    private static final int WARMUP_SEC = Integer.getInteger("bench.warmup", 10);
    private static final int MEASURE_SEC = Integer.getInteger("bench.seconds", 30);
    private static final long PERIOD = TimeUnit.SECONDS.toNanos(1);

    @Test
    void tenThousandTcpChecksAtDelayLoopOne() throws Exception {
        assumeTrue("checks".equals(System.getProperty("hakeeper.bench")),
                "the checker benchmark runs ~45 s; run it with lab/bench-checks.sh (-Dhakeeper.bench=checks)");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process listeners = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                BenchListeners.class.getName(), String.valueOf(TARGETS)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Integer> ports = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(listeners.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null && !line.equals("READY")) {
                ports.add(Integer.parseInt(line.substring(5)));
            }
            run(ports);
        } finally {
            listeners.getOutputStream().close();
            listeners.destroy();
        }
    }

    private void run(List<Integer> ports) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var memory = ManagementFactory.getMemoryMXBean();
        LongAdder completed = new LongAdder();
        Map<FailureReason, LongAdder> failures = new ConcurrentHashMap<>();
        long[] latencyBuckets = new long[64]; // log2 microseconds, written on the loop thread only
        AtomicLong maxLateness = new AtomicLong();
        try (IoLoop loop = new IoLoop("checks", System::nanoTime);
             Probes probes = new Probes(loop, null, null);
             LoopCheckRunner runner = new LoopCheckRunner(loop, probes, 4096)) {
            Checker tcp = new Checker.Tcp(ProbeFixture.timeout(5));
            long start = loop.now() + TimeUnit.MILLISECONDS.toNanos(200);
            for (int i = 0; i < ports.size(); i++) {
                String key = "vs/127.0.0.1:" + ports.get(i);
                long[] due = {start + LoopCheckRunner.spreadOffsetNanos(key, PERIOD)};
                runner.add(key, new ProbeTarget(tcp, new InetSocketAddress("127.0.0.1", ports.get(i)), "bench"), due[0],
                        (k, result, now) -> {
                            completed.increment();
                            if (!result.passed()) {
                                failures.computeIfAbsent(result.reason(), x -> new LongAdder()).increment();
                            }
                            long us = Math.max(1, result.latencyNanos() / 1000);
                            latencyBuckets[63 - Long.numberOfLeadingZeros(us)]++;
                            long late = now - result.latencyNanos() - due[0];
                            maxLateness.accumulateAndGet(late, Math::max);
                            // fixed rate: every real server once per delay_loop, from when it was due
                            due[0] += PERIOD;
                            return due[0];
                        });
            }
            System.out.printf("checker benchmark: %d TCP_CHECK targets on 127.0.0.1, delay_loop 1 s, max in flight 4096,"
                    + " -Xmx %d MB, %d CPUs%n", ports.size(), Runtime.getRuntime().maxMemory() >> 20,
                    Runtime.getRuntime().availableProcessors());
            TimeUnit.SECONDS.sleep(WARMUP_SEC); // a benchmark's fixed warm-up, not a test waiting for a condition
            System.gc();
            Arrays.fill(latencyBuckets, 0);
            maxLateness.set(0);
            long c0 = completed.sum();
            long[] us0 = userSysTicks();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            long heapMax = 0;
            for (int s = 0; s < MEASURE_SEC; s++) {
                TimeUnit.SECONDS.sleep(1);
                heapMax = Math.max(heapMax, memory.getHeapMemoryUsage().getUsed());
            }
            long t1 = System.nanoTime();
            long cpu1 = os.getProcessCpuTime();
            long[] us1 = userSysTicks();
            long c1 = completed.sum();
            LoopCheckRunner.Stats stats = runner.stats();
            double secs = (t1 - t0) / 1e9;
            System.gc();
            long heapAfterGc = memory.getHeapMemoryUsage().getUsed();
            System.out.printf("sustained: %.0f checks/s over %.0f s (target >= 10,000)%n", (c1 - c0) / secs, secs);
            System.out.printf("process CPU: %.1f %% of one core (target <= 50 %%)%n", 100.0 * (cpu1 - cpu0) / (t1 - t0));
            System.out.printf("  of which user %d %%, kernel %d %% (/proc/self/stat); CPU per check: %.1f us%n",
                    100 * (us1[0] - us0[0]) / Math.max(1, us1[0] - us0[0] + us1[1] - us0[1]),
                    100 * (us1[1] - us0[1]) / Math.max(1, us1[0] - us0[0] + us1[1] - us0[1]),
                    (cpu1 - cpu0) / 1e3 / Math.max(1, c1 - c0));
            System.out.printf("heap used: peak %d MB sampled each second, %d MB after GC (target <= 128 MB)%n",
                    heapMax >> 20, heapAfterGc >> 20);
            System.out.printf("check latency (connect): p50 <= %d us, p99 <= %d us; latest start after due: %.1f ms%n",
                    percentile(latencyBuckets, 0.50), percentile(latencyBuckets, 0.99), maxLateness.get() / 1e6);
            System.out.printf("machine load average during the run: %s (other processes share these CPUs)%n",
                    java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim());
            System.out.printf("failures: %s; waited for the fd budget: %d; in flight now: %d; timers queued: %d%n",
                    failures, stats.waitedTotal(), stats.inFlight(), loop.timersQueued());
        }
    }

    /** utime and stime of this process, in clock ticks (proc(5)). */
    private static long[] userSysTicks() throws java.io.IOException {
        String stat = java.nio.file.Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
    }

    /** Upper bound (power of two, microseconds) of the bucket holding quantile {@code q}. */
    private static long percentile(long[] buckets, double q) {
        long total = Arrays.stream(buckets).sum();
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i];
            if (seen >= q * total) {
                return 1L << (i + 1);
            }
        }
        return -1;
    }
}
