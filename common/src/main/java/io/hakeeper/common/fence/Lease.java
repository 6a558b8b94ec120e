package io.hakeeper.common.fence;

/**
 * One confirmed fence period (DESIGN.md, "The fence", points 2 and 3). {@code sentAtNanos} is the
 * monotonic time recorded just before the claim or renewal {@code multi} was sent; once ZooKeeper
 * confirms it under our session, the VIPs may stay until {@code sentAt + S − M}. Pure: callers
 * pass monotonic nanoseconds ({@link System#nanoTime()} in production, a fake clock in tests).
 */
public record Lease(long sentAtNanos, FenceBudget budget) {

    private static final long NANOS_PER_MS = 1_000_000L;

    /** The monotonic instant by which every VIP of this lease must be gone from the kernel. */
    public long deadlineNanos() {
        return sentAtNanos + budget.leaseMs() * NANOS_PER_MS;
    }

    /** Milliseconds left at {@code nowNanos}; negative once expired. */
    public long remainingMs(long nowNanos) {
        return Math.floorDiv(deadlineNanos() - nowNanos, NANOS_PER_MS);
    }

    public boolean expired(long nowNanos) {
        return nowNanos >= deadlineNanos();
    }

    /**
     * The {@code valid_lft} to give the kernel at {@code nowNanos}: whole seconds, rounded down, so
     * the kernel removes the address no later than the deadline (it may keep it up to K = 1 s past
     * the set value, which the margin covers). Zero means: do not add or keep the VIP.
     */
    public int validLifetimeSec(long nowNanos) {
        long remaining = remainingMs(nowNanos);
        return remaining <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, remaining / 1000);
    }
}
