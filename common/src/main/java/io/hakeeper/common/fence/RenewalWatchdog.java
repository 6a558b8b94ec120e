package io.hakeeper.common.fence;

/**
 * Decides when the renewal loop counts as stuck (DESIGN.md: the agent must drop its VIPs when
 * renewals have not completed for longer than the lease, e.g. a hung netlink call or a deadlock).
 * Pure: the caller records each completed renewal and asks at its own pace with monotonic time.
 */
public final class RenewalWatchdog {

    private final long leaseNanos;
    private long lastCompletedNanos;
    private boolean armed;

    public RenewalWatchdog(FenceBudget budget) {
        this.leaseNanos = budget.leaseMs() * 1_000_000L;
    }

    /** Starts watching from a completed claim or renewal. */
    public synchronized void completed(long nowNanos) {
        lastCompletedNanos = nowNanos;
        armed = true;
    }

    /** Stops watching (nothing held). */
    public synchronized void disarm() {
        armed = false;
    }

    /** True when something is held and no renewal has completed for longer than the lease. */
    public synchronized boolean stuck(long nowNanos) {
        return armed && nowNanos - lastCompletedNanos > leaseNanos;
    }

    /** How long since the last completed renewal, for the log line that explains a firing. */
    public synchronized long sinceLastCompletedMs(long nowNanos) {
        return (nowNanos - lastCompletedNanos) / 1_000_000L;
    }
}
