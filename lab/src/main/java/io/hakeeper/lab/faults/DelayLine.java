package io.hakeeper.lab.faults;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Packets held for a fixed delay and released in arrival order (a FIFO): each leaves {@code delay}
 * nanoseconds after it arrived. Pure: the caller passes monotonic times ({@link System#nanoTime}).
 * Not thread-safe.
 */
public final class DelayLine {
    private record Held(int id, long arrivedNanos) {}

    private final long delayNanos;
    private final ArrayDeque<Held> held = new ArrayDeque<>();

    public DelayLine(long delayNanos) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("delay must be >= 0: " + delayNanos);
        }
        this.delayNanos = delayNanos;
    }

    public void arrived(int id, long nowNanos) {
        held.addLast(new Held(id, nowNanos));
    }

    /** Removes and returns, oldest first, the ids whose delay has passed at {@code nowNanos}. */
    public List<Integer> due(long nowNanos) {
        List<Integer> out = new ArrayList<>();
        while (!held.isEmpty() && nowNanos - held.peekFirst().arrivedNanos() >= delayNanos) {
            out.add(held.removeFirst().id());
        }
        return out;
    }

    /** Removes and returns every held id, oldest first (to release them all on shutdown). */
    public List<Integer> drain() {
        List<Integer> out = new ArrayList<>();
        while (!held.isEmpty()) {
            out.add(held.removeFirst().id());
        }
        return out;
    }

    public int size() {
        return held.size();
    }
}
