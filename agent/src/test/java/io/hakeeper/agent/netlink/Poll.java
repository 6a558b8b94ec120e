package io.hakeeper.agent.netlink;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Waiting for a condition with a deadline, never a fixed sleep. */
final class Poll {
    private Poll() {}

    interface Condition {
        boolean holds() throws Exception;
    }

    /**
     * Polls {@code condition} every few milliseconds until it holds; returns the nanoseconds that
     * took, or fails the test with {@code what} after {@code deadline}.
     */
    static long until(Duration deadline, String what, Condition condition) throws Exception {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        while (true) {
            if (condition.holds()) {
                return System.nanoTime() - start;
            }
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("timed out after " + deadline.toMillis() + " ms waiting for " + what);
            }
            LockSupport.parkNanos(5_000_000);
        }
    }
}
