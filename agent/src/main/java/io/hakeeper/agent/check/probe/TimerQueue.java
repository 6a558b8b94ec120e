package io.hakeeper.agent.check.probe;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Deadlines on a monotonic nanosecond clock, fired in due order (ties in the order they were added).
 * Pure and single-threaded: the {@link IoLoop} owns one and asks it what is due; tests drive it with
 * any clock values. Cancelling is lazy: a cancelled timer stays queued until it comes due and is
 * then skipped, which keeps cancel O(1) for the common case of a probe finishing before its timeout.
 *
 * <p>Timeouts go in lanes ({@link #addAfter}): all timers of one delay, added at a monotonic "now",
 * come due in the order they were added, so a FIFO per delay holds them with O(1) insertion. With
 * 10,000 checks a second and a 5 s connect_timeout, tens of thousands of (mostly cancelled)
 * timeouts are queued; in a heap each would cost a sift, and the profile showed it.
 */
public final class TimerQueue {

    /** A scheduled action; {@link #cancel()} keeps it from running. */
    public static final class Timer implements Comparable<Timer> {
        private final long dueNanos;
        private final long sequence;
        private Runnable action;
        private boolean cancelled;

        private Timer(long dueNanos, long sequence, Runnable action) {
            this.dueNanos = dueNanos;
            this.sequence = sequence;
            this.action = action;
        }

        /** Keeps it from running, and lets go of the action (and what it holds) at once. */
        public void cancel() {
            cancelled = true;
            action = null;
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
    private final Map<Long, ArrayDeque<Timer>> lanes = new HashMap<>();
    private ArrayDeque<Timer> earliestLane;
    private long sequence;

    public Timer add(long dueNanos, Runnable action) {
        Timer t = new Timer(dueNanos, sequence++, action);
        queue.add(t);
        return t;
    }

    /**
     * A timer {@code delayNanos} after {@code nowNanos}. Callers must pass a monotonic now (the
     * loop's clock), so that each delay's lane stays in due order.
     */
    public Timer addAfter(long nowNanos, long delayNanos, Runnable action) {
        Timer t = new Timer(nowNanos + delayNanos, sequence++, action);
        lanes.computeIfAbsent(delayNanos, d -> new ArrayDeque<>()).addLast(t);
        return t;
    }

    /** Runs every timer due at {@code nowNanos}, in order; returns how many ran. */
    public int runDue(long nowNanos) {
        int ran = 0;
        for (Timer t = earliest(); t != null && t.dueNanos - nowNanos <= 0; t = earliest()) {
            take();
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
        while ((t = earliest()) != null && t.cancelled) {
            take();
        }
        return t == null ? -1 : Math.max(0, t.dueNanos - nowNanos);
    }

    /** The first timer of the heap and the lanes' heads; remembers where it is for {@link #take}. */
    private Timer earliest() {
        Timer best = queue.peek();
        earliestLane = null;
        for (ArrayDeque<Timer> lane : lanes.values()) {
            Timer head = lane.peekFirst();
            if (head != null && (best == null || head.compareTo(best) < 0)) {
                best = head;
                earliestLane = lane;
            }
        }
        return best;
    }

    /** Removes the timer {@link #earliest} just returned. */
    private void take() {
        if (earliestLane != null) {
            earliestLane.pollFirst();
        } else {
            queue.poll();
        }
    }

    /** Queued timers, cancelled ones included until they are dropped. */
    public int size() {
        int n = queue.size();
        for (ArrayDeque<Timer> lane : lanes.values()) {
            n += lane.size();
        }
        return n;
    }
}
