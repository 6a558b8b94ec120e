package io.hakeeper.agent.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hakeeper.agent.check.probe.FailureReason;
import io.hakeeper.agent.check.probe.ProbeResult;
import io.hakeeper.common.config.model.KeepalivedConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What the verdict side costs at the scale: 10,000 real servers (100 virtual servers of
 * 100) with TCP_CHECK at delay_loop 1, every attempt fed through the {@link CheckService} (metrics,
 * verdict, listeners, ZooKeeper hand-off) on a hand-driven runner, 1 % of servers flapping. Prints
 * CPU per attempt and the heap the 10,000 verdicts hold; the probes' own cost is the engine's
 * benchmark. Run with {@code -Dhakeeper.bench=true}.
 */
class VerdictPathBenchmarkTest {

    private static final int VIRTUAL_SERVERS = 100;
    private static final int PER_VS = 100;
    private static final int SECONDS = 30;

    private static KeepalivedConfig config() {
        StringBuilder b = new StringBuilder();
        for (int v = 0; v < VIRTUAL_SERVERS; v++) {
            b.append("virtual_server 10.50.").append(v).append(".1 80 {\n delay_loop 1\n");
            for (int r = 0; r < PER_VS; r++) {
                b.append(" real_server 10.60.").append(v).append('.').append(r + 1)
                        .append(" 80 {\n  TCP_CHECK {\n   connect_timeout 1\n   retry 1\n  }\n }\n");
            }
            b.append("}\n");
        }
        return RealServersInZooKeeperTest.config(b.toString());
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void tenThousandRealServersAtDelayLoopOne() {
        Assumptions.assumeTrue(Boolean.getBoolean("hakeeper.bench"),
                "benchmark: run with -Dhakeeper.bench=true (about 10 s)");
        KeepalivedConfig config = config();
        ManualCheckRunner runner = new ManualCheckRunner();
        AtomicLong changes = new AtomicLong();
        long heapBefore = usedHeap();
        CheckService service = new CheckService(runner, () -> 0L, System::currentTimeMillis, new SplittableRandom(1),
                null);
        service.addListener((id, v, at) -> changes.incrementAndGet());
        service.apply(config);
        long heapAfter = usedHeap();
        assertEquals(VIRTUAL_SERVERS * PER_VS, runner.checks.size());

        List<String> keys = new ArrayList<>(runner.checks.keySet());
        SplittableRandom random = new SplittableRandom(2);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ProbeResult pass = ProbeResult.pass(80_000);
        ProbeResult fail = ProbeResult.fail(FailureReason.REFUSED, "connection refused", 60_000);
        long attempts = 0;
        long cpuStart = threads.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        for (int second = 0; second < SECONDS; second++) {
            long now = TimeUnit.SECONDS.toNanos(second);
            for (int i = 0; i < keys.size(); i++) {
                // Servers 0..99 flap: down for 3 s of every 6.
                boolean healthy = i >= keys.size() / 100 || (second / 3) % 2 == 0;
                runner.complete(keys.get(i), healthy ? pass : fail, now + random.nextLong(1_000_000));
                attempts++;
            }
        }
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        long wall = System.nanoTime() - wallStart;
        System.out.printf("verdict path, %d real servers, %d attempts: %.2f µs CPU per attempt (%.1f %% of one core"
                        + " at 10,000 checks/s), %,.0f attempts/s on one thread, %d verdict changes;"
                        + " heap held by the checks %.1f MB%n", keys.size(), attempts, cpu / 1e3 / attempts,
                cpu / 1e3 / attempts * 10_000 / 1e6 * 100, attempts / (wall / 1e9), changes.get(),
                (heapAfter - heapBefore) / 1e6);
        service.close();
    }
}
