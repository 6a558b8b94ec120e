package io.hakeeper.agent.check.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.common.config.model.Checker;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The runner's scheduling on a fake clock with a probe the test completes by hand: when attempts
 * start, the fd budget and its queue, removal, replacement, and the listener deciding the next run.
 */
class LoopCheckRunnerTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final IoLoop loop = new IoLoop("runner-test", clock::get);
    private final FakeProbe probe = new FakeProbe();
    private final List<String> delivered = new CopyOnWriteArrayList<>();

    /** A probe whose attempts the test completes; records what was started. */
    static final class FakeProbe implements Probe {
        final List<ProbeTarget> started = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<ProbeResult>> pending = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<ProbeResult> check(ProbeTarget target) {
            CompletableFuture<ProbeResult> f = new CompletableFuture<>();
            started.add(target);
            pending.add(f);
            return f;
        }

        @Override
        public void close() {
        }
    }

    @AfterEach
    void close() {
        loop.close();
    }

    private static ProbeTarget target(int port) {
        return new ProbeTarget(new Checker.Tcp(Checker.Connection.DEFAULTS), new InetSocketAddress("127.0.0.1", port), "vs");
    }

    /**
     * Waits until every timer due at the current fake time has run: a marker timer due now, added
     * after them, runs after them (due order, then the order added).
     */
    private void settle() throws Exception {
        CompletableFuture<Void> marker = new CompletableFuture<>();
        loop.execute(() -> loop.schedule(clock.get(), () -> marker.complete(null)));
        marker.get(5, TimeUnit.SECONDS);
    }

    private void advanceTo(long nanos) throws Exception {
        clock.set(nanos);
        settle();
    }

    /** A listener that records "key:passed@now" and asks for the next run {@code every} nanos later. */
    private CheckRunner.CheckListener every(long every) {
        return (key, r, now) -> {
            delivered.add(key + ":" + r.passed() + "@" + now);
            return now + every;
        };
    }

    private void completeOnLoop(int index, ProbeResult r) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            probe.pending.get(index).complete(r);
            done.complete(null);
        });
        done.get(5, TimeUnit.SECONDS);
        settle();
    }

    @Test
    void attemptStartsAtItsFirstDueTimeAndTheListenerSchedulesTheNext() throws Exception {
        try (LoopCheckRunner runner = new LoopCheckRunner(loop, probe, 10)) {
            long t0 = clock.get();
            runner.add("a", target(1), t0 + 100, every(1000));
            advanceTo(t0 + 99);
            assertEquals(0, probe.started.size(), "not before it is due");
            advanceTo(t0 + 100);
            assertEquals(1, probe.started.size());
            clock.set(t0 + 150);
            completeOnLoop(0, ProbeResult.pass(50));
            assertEquals(List.of("a:true@" + (t0 + 150)), delivered);
            advanceTo(t0 + 1149);
            assertEquals(1, probe.started.size(), "next run is when the listener said");
            advanceTo(t0 + 1150);
            assertEquals(2, probe.started.size());
        }
    }

    @Test
    void attemptsBeyondTheBudgetWaitInOrderAndAreCounted() throws Exception {
        try (LoopCheckRunner runner = new LoopCheckRunner(loop, probe, 2)) {
            long t0 = clock.get();
            for (int i = 0; i < 5; i++) {
                runner.add("c" + i, target(i), t0 + i, every(1_000_000));
            }
            advanceTo(t0 + 10);
            assertEquals(2, probe.started.size());
            assertEquals(new LoopCheckRunner.Stats(5, 2, 3, 2, 0, 3), runner.stats());
            completeOnLoop(1, ProbeResult.fail(FailureReason.REFUSED, "x", 1));
            assertEquals(3, probe.started.size());
            assertEquals(2, probe.started.get(2).realServer().getPort(), "the queue is first come, first served");
            assertEquals(new LoopCheckRunner.Stats(5, 2, 2, 3, 1, 3), runner.stats());
        }
    }

    @Test
    void removedCheckNeitherDeliversItsAttemptNorRunsAgain() throws Exception {
        try (LoopCheckRunner runner = new LoopCheckRunner(loop, probe, 10)) {
            long t0 = clock.get();
            runner.add("a", target(1), t0, every(10));
            settle();
            assertEquals(1, probe.started.size());
            runner.remove("a");
            settle();
            completeOnLoop(0, ProbeResult.pass(1));
            advanceTo(t0 + 1000);
            assertEquals(List.of(), delivered);
            assertEquals(1, probe.started.size());
            assertEquals(0, runner.stats().checks());
            assertEquals(0, runner.stats().inFlight());
        }
    }

    @Test
    void addingTheSameKeyReplacesTheCheck() throws Exception {
        try (LoopCheckRunner runner = new LoopCheckRunner(loop, probe, 10)) {
            long t0 = clock.get();
            runner.add("a", target(1), t0 + 100, every(10));
            runner.add("a", target(2), t0 + 200, every(10));
            advanceTo(t0 + 150);
            assertEquals(0, probe.started.size(), "the first definition's timer is gone");
            advanceTo(t0 + 200);
            assertEquals(1, probe.started.size());
            assertEquals(2, probe.started.get(0).realServer().getPort());
            assertEquals(1, runner.stats().checks());
        }
    }

    @Test
    void listenerStopsTheCheckWithMinValueOrByThrowing() throws Exception {
        try (LoopCheckRunner runner = new LoopCheckRunner(loop, probe, 10)) {
            long t0 = clock.get();
            runner.add("stop", target(1), t0, (k, r, now) -> Long.MIN_VALUE);
            runner.add("boom", target(2), t0, (k, r, now) -> {
                throw new IllegalStateException("listener bug");
            });
            runner.add("alive", target(3), t0, every(5));
            settle();
            for (int i = 0; i < 3; i++) {
                completeOnLoop(i, ProbeResult.pass(1));
            }
            advanceTo(t0 + 100);
            assertEquals(4, probe.started.size(), "only 'alive' ran again");
            assertEquals(3, probe.started.get(3).realServer().getPort());
            assertEquals(1, runner.stats().checks());
        }
    }

    @Test
    void resultCompletedOnAnotherThreadIsDeliveredOnTheLoop() throws Exception {
        try (LoopCheckRunner runner = new LoopCheckRunner(loop, probe, 10)) {
            List<Boolean> onLoop = new CopyOnWriteArrayList<>();
            runner.add("a", target(1), clock.get(), (k, r, now) -> {
                onLoop.add(loop.inLoop());
                return Long.MIN_VALUE;
            });
            settle();
            Thread t = new Thread(() -> probe.pending.get(0).complete(ProbeResult.pass(1)));
            t.start();
            t.join();
            settle();
            assertEquals(List.of(true), onLoop);
        }
    }

    @Test
    void spreadOffsetsCoverTheDelayLoopEvenly() {
        long period = TimeUnit.SECONDS.toNanos(1);
        int[] tenths = new int[10];
        for (int i = 0; i < 10_000; i++) {
            long off = LoopCheckRunner.spreadOffsetNanos("vs-" + (i / 100) + "/10.0." + (i % 100) + ".1:80", period);
            assertTrue(off >= 0 && off < period);
            tenths[(int) (off / (period / 10))]++;
        }
        List<Integer> counts = new ArrayList<>();
        for (int c : tenths) {
            counts.add(c);
            assertTrue(c > 800 && c < 1200, "each tenth of delay_loop holds about 1,000 of 10,000 checks: " + counts);
        }
    }
}
