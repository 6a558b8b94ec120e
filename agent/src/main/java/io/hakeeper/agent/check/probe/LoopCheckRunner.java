package io.hakeeper.agent.check.probe;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CheckRunner} on one {@link IoLoop}: each check is a timer; when it comes due its probe
 * starts, unless {@code maxInFlight} attempts are already open (the fd budget), in which case it
 * waits in a FIFO queue and {@link Stats#waitedTotal()} counts it. The listener is called on the
 * loop thread and says when the check runs next. No thread per check, no thread per attempt.
 */
public final class LoopCheckRunner implements CheckRunner {

    private static final Logger log = LoggerFactory.getLogger(LoopCheckRunner.class);

    /** Counters for metrics; a snapshot read from any thread. */
    public record Stats(int checks, int inFlight, int waiting, long started, long completed, long waitedTotal) {
    }

    private final IoLoop loop;
    private final Probe probe;
    private final int maxInFlight;
    private final Map<String, Check> checks = new HashMap<>();
    private final ArrayDeque<Check> waiting = new ArrayDeque<>();
    // Written on the loop thread only; volatile so that stats() may read them from a metrics scrape.
    private volatile int checkCount;
    private volatile int inFlight;
    private volatile int waitingCount;
    private volatile long started;
    private volatile long completed;
    private volatile long waitedTotal;
    private volatile boolean closed;

    private static final class Check {
        final String key;
        final ProbeTarget target;
        final CheckListener listener;
        TimerQueue.Timer timer;
        boolean removed;

        Check(String key, ProbeTarget target, CheckListener listener) {
            this.key = key;
            this.target = target;
            this.listener = listener;
        }
    }

    /**
     * @param maxInFlight attempts open at once, at most (each holds a socket or a process); keep it
     *                    well under the agent's open-file limit
     */
    public LoopCheckRunner(IoLoop loop, Probe probe, int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, not " + maxInFlight);
        }
        this.loop = loop;
        this.probe = probe;
        this.maxInFlight = maxInFlight;
    }

    /**
     * Where in a period of {@code periodNanos} the check {@code key} should first run, so that many
     * checks with the same delay_loop spread evenly over it instead of firing together.
     */
    public static long spreadOffsetNanos(String key, long periodNanos) {
        long h = key.hashCode() * 0x9E3779B97F4A7C15L; // Fibonacci hashing spreads near-identical keys
        h ^= h >>> 29;
        return Math.floorMod(h, Math.max(1, periodNanos));
    }

    @Override
    public void add(String key, ProbeTarget target, long firstDueNanos, CheckListener listener) {
        loop.execute(() -> {
            if (closed) {
                return;
            }
            Check c = new Check(key, target, listener);
            Check old = checks.put(key, c);
            if (old != null) {
                drop(old);
            }
            c.timer = loop.schedule(firstDueNanos, () -> due(c));
            publish();
        });
    }

    @Override
    public void remove(String key) {
        loop.execute(() -> {
            Check c = checks.remove(key);
            if (c != null) {
                drop(c);
            }
            publish();
        });
    }

    /** A snapshot of the counters; callable from any thread (the fields may be a moment apart). */
    public Stats stats() {
        return new Stats(checkCount, inFlight, waitingCount, started, completed, waitedTotal);
    }

    private void drop(Check c) {
        c.removed = true;
        if (c.timer != null) {
            c.timer.cancel();
        }
    }

    private void due(Check c) {
        if (c.removed || closed) {
            return;
        }
        if (inFlight < maxInFlight) {
            launch(c);
        } else {
            waiting.add(c);
            waitedTotal++;
        }
        publish();
    }

    private void launch(Check c) {
        inFlight++;
        started++;
        CompletableFuture<ProbeResult> f;
        try {
            f = probe.check(c.target);
        } catch (RuntimeException e) {
            f = CompletableFuture.completedFuture(ProbeResult.fail(FailureReason.LOCAL_ERROR, Failures.describe(e), 0));
        }
        f.whenComplete((r, e) -> {
            ProbeResult result = r != null ? r
                    : ProbeResult.fail(FailureReason.LOCAL_ERROR, e == null ? "no result" : Failures.describe(e), 0);
            if (loop.inLoop()) {
                completed(c, result);
            } else {
                loop.execute(() -> completed(c, result));
            }
        });
    }

    private void completed(Check c, ProbeResult result) {
        inFlight--;
        completed++;
        if (!c.removed && !closed) {
            long next;
            try {
                next = c.listener.completed(c.key, result, loop.now());
            } catch (RuntimeException e) {
                log.error("check {}: its listener failed; the check stops", c.key, e);
                next = Long.MIN_VALUE;
            }
            if (next == Long.MIN_VALUE) {
                checks.remove(c.key, c);
                c.removed = true;
            } else {
                c.timer = loop.schedule(next, () -> due(c));
            }
        }
        while (inFlight < maxInFlight && !waiting.isEmpty()) {
            Check w = waiting.poll();
            if (!w.removed) {
                launch(w);
            }
        }
        publish();
    }

    private void publish() {
        checkCount = checks.size();
        waitingCount = waiting.size();
    }

    /** Stops every check; the loop and the probe belong to the caller and stay open. */
    @Override
    public void close() {
        closed = true;
        loop.execute(() -> {
            checks.values().forEach(this::drop);
            checks.clear();
            waiting.clear();
            publish();
        });
    }
}
