package io.hakeeper.agent.check.probe;

import java.util.PriorityQueue;

/**
 * Deadlines on a monotonic nanosecond clock, fired in due order (ties in the order they were added).
 * Pure and single-threaded: the {@link IoLoop} owns one and asks it what is due; tests drive it with
 * any clock values. Cancelling is lazy: a cancelled timer stays queued until it comes due and is
 * then skipped, which keeps cancel O(1) for the common case of a probe finishing before its timeout.
 */
public final class TimerQueue {

    /** A scheduled action; {@link #cancel()} keeps it from running. */
    public static final class Timer implements Comparable<Timer> {
        private final long dueNanos;
        private final long sequence;
        private final Runnable action;
        private boolean cancelled;

        private Timer(long dueNanos, long sequence, Runnable action) {
            this.dueNanos = dueNanos;
            this.sequence = sequence;
            this.action = action;
        }

        public void cancel() {
            cancelled = true;
        }

        public long dueNanos() {
            return dueNanos;
        }

        @Override
        public int compareTo(Timer o) {
            // Subtraction, not <, so that deadlines compare correctly across a nanoTime wrap.
            long d = dueNanos - o.dueNanos;
            return d != 0 ? (d < 0 ? -1 : 1) : Long.compare(sequence, o.sequence);
        }
    }

    private final PriorityQueue<Timer> queue = new PriorityQueue<>();
    private long sequence;

    public Timer add(long dueNanos, Runnable action) {
        Timer t = new Timer(dueNanos, sequence++, action);
        queue.add(t);
        return t;
    }

    /** Runs every timer due at {@code nowNanos}, in order; returns how many ran. */
    public int runDue(long nowNanos) {
        int ran = 0;
        for (Timer t = queue.peek(); t != null && t.dueNanos - nowNanos <= 0; t = queue.peek()) {
            queue.poll();
            if (!t.cancelled) {
                ran++;
                t.action.run();
            }
        }
        return ran;
    }

    /** Nanoseconds until the next live timer (0 if overdue), or -1 when none is queued. */
    public long nanosToNext(long nowNanos) {
        Timer t;
        while ((t = queue.peek()) != null && t.cancelled) {
            queue.poll();
        }
        return t == null ? -1 : Math.max(0, t.dueNanos - nowNanos);
    }

    /** Queued timers, cancelled ones included until they are dropped. */
    public int size() {
        return queue.size();
    }
}
