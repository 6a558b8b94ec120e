package io.hakeeper.agent.check;

import io.hakeeper.agent.check.probe.CheckRunner;
import io.hakeeper.agent.check.probe.Probe;
import io.hakeeper.agent.check.probe.ProbeTarget;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A minimal {@link CheckRunner} for tests until the real one (shared timer and selector) is merged:
 * one scheduled executor thread, the probe's future completing wherever it completes, and the
 * listener's answer scheduling the next attempt. Clock: {@link System#nanoTime()}.
 */
public final class ScheduledCheckRunner implements CheckRunner {

    private final Probe probe;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-check-runner");
        t.setDaemon(true);
        return t;
    });
    /** The current generation of each key: a replaced or removed check's results are dropped. */
    private final Map<String, Object> live = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();

    public ScheduledCheckRunner(Probe probe) {
        this.probe = probe;
    }

    @Override
    public void add(String key, ProbeTarget target, long firstDueNanos, CheckListener listener) {
        Object generation = new Object();
        live.put(key, generation);
        schedule(key, generation, target, firstDueNanos, listener);
    }

    private void schedule(String key, Object generation, ProbeTarget target, long dueNanos, CheckListener listener) {
        long delay = Math.max(0, dueNanos - System.nanoTime());
        ScheduledFuture<?> f = timer.schedule(() -> probe.check(target).thenAcceptAsync(result -> {
            if (live.get(key) != generation) {
                return;
            }
            long next = listener.completed(key, result, System.nanoTime());
            if (next != Long.MIN_VALUE && live.get(key) == generation) {
                schedule(key, generation, target, next, listener);
            }
        }, timer), delay, TimeUnit.NANOSECONDS);
        ScheduledFuture<?> old = pending.put(key, f);
        if (old != null && old != f) {
            old.cancel(false);
        }
    }

    @Override
    public void remove(String key) {
        live.remove(key);
        ScheduledFuture<?> f = pending.remove(key);
        if (f != null) {
            f.cancel(false);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
