package io.hakeeper.agent.testsupport;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Waiting for a condition with a deadline, never a fixed sleep. */
public final class Poll {
    private Poll() {
    }

    public interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls every 2 ms until {@code condition} holds; returns the nanoseconds it took, or fails after {@code deadline}. */
    public static long until(Duration deadline, String what, Condition condition) throws Exception {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        while (true) {
            if (condition.holds()) {
                return System.nanoTime() - start;
            }
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("timed out after " + deadline.toMillis() + " ms waiting for " + what);
            }
            LockSupport.parkNanos(2_000_000);
        }
    }

    /**
     * Checks {@code invariant} continuously for {@code period} and fails the moment it breaks: how a
     * test shows that something does <em>not</em> happen for a while.
     */
    public static void holdsFor(Duration period, String what, Condition invariant) throws Exception {
        long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() - end < 0) {
            if (!invariant.holds()) {
                throw new AssertionError("broke within " + period.toMillis() + " ms: " + what);
            }
            LockSupport.parkNanos(5_000_000);
        }
    }
}
