package io.hakeeper.common.fence;

/**
 * The fence's timing budget (DESIGN.md, "Why no two holders"). A holder's VIP lifetime must end
 * before ZooKeeper can expire its session, so the lease is the negotiated session timeout S minus
 * a margin M = R + T/2 + K + P + ε:
 * <ul>
 *   <li>R — renewal interval: the last confirmed renewal may be up to R old;</li>
 *   <li>T/2 — the leader's session-expiry check runs on tick boundaries (T = tickTime);</li>
 *   <li>K — kernel lifetime granularity: {@code valid_lft} counts whole seconds (measured 1.01–1.03 s);</li>
 *   <li>P — pause budget between computing a lifetime and the kernel applying it;</li>
 *   <li>ε — safety slack.</li>
 * </ul>
 * All values in milliseconds. Pure: no clock, no I/O.
 */
public record FenceBudget(int sessionTimeoutMs, int tickTimeMs, int renewIntervalMs, int kernelGranularityMs,
                          int pauseBudgetMs, int slackMs) {

    public static final int DEFAULT_RENEW_INTERVAL_MS = 250;
    public static final int KERNEL_GRANULARITY_MS = 1000;
    public static final int DEFAULT_PAUSE_BUDGET_MS = 250;
    public static final int DEFAULT_SLACK_MS = 250;
    /** The agent refuses to start with a shorter lease: valid_lft cannot express less than 1 s. */
    public static final int MIN_LEASE_MS = 1000;

    /** The budget for a session timeout the server has already negotiated. */
    public static FenceBudget of(int negotiatedSessionTimeoutMs, int tickTimeMs) {
        return new FenceBudget(negotiatedSessionTimeoutMs, tickTimeMs, DEFAULT_RENEW_INTERVAL_MS,
                KERNEL_GRANULARITY_MS, DEFAULT_PAUSE_BUDGET_MS, DEFAULT_SLACK_MS);
    }

    /**
     * The session timeout a ZooKeeper server with default limits grants for {@code requestedMs}:
     * clamped to [2 × tickTime, 20 × tickTime] (minSessionTimeout / maxSessionTimeout defaults).
     */
    public static int negotiate(int requestedMs, int tickTimeMs) {
        return Math.max(2 * tickTimeMs, Math.min(20 * tickTimeMs, requestedMs));
    }

    /** M = R + T/2 + K + P + ε. */
    public int marginMs() {
        return renewIntervalMs + tickTimeMs / 2 + kernelGranularityMs + pauseBudgetMs + slackMs;
    }

    /** S − M: how long after a confirmed renewal the VIP may stay. */
    public int leaseMs() {
        return sessionTimeoutMs - marginMs();
    }

    /** The lease in whole seconds, as valid_lft can express it right after a renewal. */
    public int leaseSec() {
        return Math.max(0, leaseMs() / 1000);
    }

    public boolean safe() {
        return leaseMs() >= MIN_LEASE_MS;
    }

    /** The smallest session timeout that gives a safe lease with this tick time. */
    public int minimumSafeSessionTimeoutMs() {
        return marginMs() + MIN_LEASE_MS;
    }

    /** One line for logs and {@code haagent check}. */
    public String describe() {
        return String.format("session %d ms, tick %d ms, renew every %d ms, margin %d ms"
                        + " (R %d + T/2 %d + K %d + P %d + eps %d), lease %d ms (valid_lft %d s)",
                sessionTimeoutMs, tickTimeMs, renewIntervalMs, marginMs(), renewIntervalMs, tickTimeMs / 2,
                kernelGranularityMs, pauseBudgetMs, slackMs, leaseMs(), leaseSec());
    }
}
