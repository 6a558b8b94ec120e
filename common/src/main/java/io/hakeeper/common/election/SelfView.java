package io.hakeeper.common.election;

/**
 * The evaluating node, from its own fresh state rather than its (possibly lagging) member record,
 * which {@link Candidacy} ignores.
 *
 * @param sessionId our current ZooKeeper session
 * @param latchLeader Curator's LeaderLatch says we lead the instance's latch
 * @param stableSinceMs on our monotonic clock: since when we have been eligible at this priority
 */
public record SelfView(String node, long sessionId, boolean latchLeader, int effectivePriority, boolean eligible,
                       String reason, long stableSinceMs) {

    public SelfView {
        if (node == null) {
            throw new IllegalArgumentException("node is missing");
        }
        reason = reason == null ? "" : reason;
        if (effectivePriority < EffectivePriority.MIN_PRIORITY || effectivePriority > EffectivePriority.VRRP_PRIO_OWNER) {
            throw new IllegalArgumentException("effective priority " + effectivePriority + " is outside 1-255");
        }
    }

    public static SelfView of(String node, long sessionId, boolean latchLeader, EffectivePriority.Result priority,
                              long stableSinceMs) {
        return new SelfView(node, sessionId, latchLeader, priority.priority(), priority.eligible(), priority.reason(),
                stableSinceMs);
    }
}
