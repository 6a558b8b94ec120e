package io.hakeeper.common.election;

import java.util.Optional;
import java.util.Set;

/** Builders for candidacy inputs in tests. Session ids are derived from node names: "lb01" → 1001. */
final class Views {

    static final int VRID = 51;
    static final Set<String> VIPS = Set.of("10.0.0.3/32");

    private Views() {
    }

    static long session(String node) {
        return 1000 + Math.abs(node.hashCode() % 1000) + 1;
    }

    static MemberView member(String node, int priority) {
        return new MemberView(node, session(node), session(node), VRID, VIPS, priority, true, false, 0, 0);
    }

    static MemberView withDelay(MemberView m, long preemptDelayMs) {
        return new MemberView(m.node(), m.sessionId(), m.liveSessionId(), m.vrid(), m.vips(), m.effectivePriority(),
                m.eligible(), m.nopreempt(), preemptDelayMs, m.stableSinceMs());
    }

    static MemberView stableSince(MemberView m, long stableSinceMs) {
        return new MemberView(m.node(), m.sessionId(), m.liveSessionId(), m.vrid(), m.vips(), m.effectivePriority(),
                m.eligible(), m.nopreempt(), m.preemptDelayMs(), stableSinceMs);
    }

    static MemberView nopreempt(MemberView m) {
        return new MemberView(m.node(), m.sessionId(), m.liveSessionId(), m.vrid(), m.vips(), m.effectivePriority(),
                m.eligible(), true, m.preemptDelayMs(), m.stableSinceMs());
    }

    static MemberView ineligible(MemberView m) {
        return new MemberView(m.node(), m.sessionId(), m.liveSessionId(), m.vrid(), m.vips(), m.effectivePriority(),
                false, m.nopreempt(), m.preemptDelayMs(), m.stableSinceMs());
    }

    static MemberView liveSession(MemberView m, long liveSessionId) {
        return new MemberView(m.node(), m.sessionId(), liveSessionId, m.vrid(), m.vips(), m.effectivePriority(),
                m.eligible(), m.nopreempt(), m.preemptDelayMs(), m.stableSinceMs());
    }

    static SelfView self(String node, int priority, boolean leader) {
        return new SelfView(node, session(node), leader, priority, true, "", 0);
    }

    /** The view a node has of itself when its own member record is {@code m}. */
    static SelfView selfOf(MemberView m, boolean leader, String reason) {
        return new SelfView(m.node(), m.sessionId(), leader, m.effectivePriority(), m.eligible(), reason,
                m.stableSinceMs());
    }

    static CandidacySettings settings() {
        return new CandidacySettings(VRID, VIPS, false, 0);
    }

    static CandidacySettings settingsOf(MemberView m) {
        return new CandidacySettings(m.vrid(), m.vips(), m.nopreempt(), m.preemptDelayMs());
    }

    static Optional<HolderView> heldBy(String node) {
        return Optional.of(new HolderView(node, session(node), 0));
    }

    static Optional<HolderView> heldBy(String node, long observedSinceMs) {
        return Optional.of(new HolderView(node, session(node), observedSinceMs));
    }
}
