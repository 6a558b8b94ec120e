package io.hakeeper.common.election;

import io.hakeeper.common.zk.MemberRecord;

import java.util.Set;

/**
 * What one evaluator knows about another member of an instance: the member's record plus three
 * facts the adapter joins in.
 *
 * @param sessionId the ZooKeeper session that owns the member znode (its {@code ephemeralOwner})
 * @param liveSessionId the session that owns {@code nodes/<node>} now, or {@link #NO_SESSION} when
 *                      that node is absent. A member record whose session differs was left by an
 *                      earlier incarnation of the agent (kill -9 and restart within the session
 *                      timeout) and is stale: it cannot win.
 * @param vips the member's published VIPs; with {@code vrid}, compared to our own configuration
 * @param preemptDelayMs the member's own {@code preempt_delay}
 * @param stableSinceMs on the evaluator's monotonic clock: since when the member has been eligible
 *                      with this effective priority (the adapter restarts it when either changes,
 *                      and starts it when it first sees the member)
 */
public record MemberView(String node, long sessionId, long liveSessionId, int vrid, Set<String> vips,
                         int effectivePriority, boolean eligible, boolean nopreempt, long preemptDelayMs,
                         long stableSinceMs) {

    /** ZooKeeper never hands out session id 0; {@code Stat.ephemeralOwner} is 0 for persistent nodes. */
    public static final long NO_SESSION = 0;

    public MemberView {
        if (node == null) {
            throw new IllegalArgumentException("node is missing");
        }
        vips = vips == null ? Set.of() : Set.copyOf(vips);
        if (preemptDelayMs < 0) {
            throw new IllegalArgumentException("preemptDelayMs " + preemptDelayMs + " is negative");
        }
    }

    public static MemberView of(MemberRecord record, long sessionId, long liveSessionId, long stableSinceMs) {
        return new MemberView(record.node(), sessionId, liveSessionId, record.vrid(), Set.copyOf(record.vips()),
                record.effectivePriority(), record.eligible(), record.nopreempt(), record.preemptDelayMs(),
                stableSinceMs);
    }

    /** The record belongs to the agent that is live under this node id now. */
    public boolean current() {
        return sessionId != NO_SESSION && sessionId == liveSessionId;
    }
}
