package io.hakeeper.common.election;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The leadership rule of DESIGN.md ("The fence", point 1) as a pure function of
 * (members, self, holder, settings, now). No clock, no I/O: {@code nowMs} is the caller's
 * monotonic clock, and every time in the inputs is on that clock.
 *
 * <h2>Who counts</h2>
 * A member is a <em>candidate</em> when it is eligible, its record is <em>current</em> (written
 * by the session that owns {@code nodes/<node>} now; anything else is left over from an earlier
 * incarnation), and it agrees with our vrid and VIP set (disagreement is a critical finding in
 * {@code hactl status}, and such a member never wins here). Our own record is ignored: the fresh
 * {@link SelfView} stands in for it.
 *
 * <h2>Who is best</h2>
 * Without a valid holder: the highest effective priority, ties to the smaller node id
 * ({@link Candidate#BEST_FIRST}). With a valid holder H (its node is a candidate under the same
 * session as the holder znode), H stays best unless the top-ranked candidate T preempts it, which
 * needs all of:
 * <ul>
 *   <li>T's priority is strictly higher than H's. RFC 5798 §6.4.2: a Backup preempts only a lower
 *       priority Master; an equal priority never moves the VIPs.</li>
 *   <li>H is not {@code nopreempt}: "a current holder with nopreempt stays best until it fails"
 *       (DESIGN.md).</li>
 *   <li>T is not {@code nopreempt}: in keepalived, nopreempt is set on the higher priority node
 *       and means "don't take over from a lower priority master" (keepalived.conf(5)). So either
 *       side's nopreempt keeps H. A preemption always hands the VIPs to T (a release leads to a
 *       fresh election, which T wins), so only T's willingness matters, not that of lesser
 *       candidates between T and H.</li>
 *   <li>T's own {@code preempt_delay} has passed: keepalived configures preempt_delay on the node
 *       that would preempt and counts it from startup or from seeing a lower priority master.
 *       Here the clock starts at the latest of: T became stable (eligible at its current
 *       priority), H's priority last changed, H's tenure began as seen by the evaluator. Until
 *       then, {@link Decision#reevaluateAtMs()} names the instant it runs out; exactly at that
 *       instant, preemption applies.</li>
 * </ul>
 * A holder that is not a valid candidate (ineligible, gone from members, stale, or configured
 * differently) has failed: the best is chosen as if there were no holder, but no one may claim
 * until the holder znode is gone.
 *
 * <h2>Why the latch then converges</h2>
 * Every node ranks the same candidates the same way, so all agree on the best. A leader that is
 * not the best requeues to the back of the FIFO latch queue without touching VIPs; at most one
 * pass over the queue brings the best to the front, and it claims.
 */
public final class Candidacy {

    private Candidacy() {
    }

    public static Decision decide(Collection<MemberView> members, SelfView self, Optional<HolderView> holder,
                                  CandidacySettings settings, long nowMs) {
        Standing standing = standing(members, self, holder, settings, nowMs);
        Optional<Candidate> best = standing.best();
        boolean weHold = holder.isPresent() && holder.get().node().equals(self.node())
                && holder.get().sessionId() == self.sessionId();

        if (weHold) {
            if (!self.eligible()) {
                return new Decision.Release(Decision.ReleaseReason.INELIGIBLE, "we are ineligible: " + self.reason());
            }
            if (!self.latchLeader()) {
                return new Decision.Release(Decision.ReleaseReason.NOT_LATCH_LEADER,
                        "we hold the VIPs but no longer lead the latch");
            }
            if (best.isPresent() && !best.get().node().equals(self.node())) {
                return new Decision.Release(Decision.ReleaseReason.PREEMPTED,
                        best.get() + " preempts us (priority " + self.effectivePriority() + ")");
            }
            return new Decision.Claim(standing.preemptAtMs().isPresent()
                    ? "holding; " + standing.challenger().orElseThrow() + " may preempt once its preempt_delay passes"
                    : "holding; we are the best candidate", standing.preemptAtMs());
        }
        if (!self.latchLeader()) {
            return new Decision.Hold("not the latch leader; best candidate is " + describe(best));
        }
        if (!self.eligible()) {
            return new Decision.Requeue("we lead the latch but are ineligible: " + self.reason(), false);
        }
        if (best.isEmpty() || !best.get().node().equals(self.node())) {
            return new Decision.Requeue("we lead the latch but " + describe(best) + " is the best candidate", true);
        }
        if (holder.isPresent()) {
            return new Decision.Hold("we are the best candidate but " + holder.get().node()
                    + " still holds; waiting for it to release");
        }
        return new Decision.Claim("we lead the latch and are the best candidate (priority "
                + self.effectivePriority() + ")", OptionalLong.empty());
    }

    /** Who should hold the VIPs under this view, if anyone: for status displays. */
    public static Optional<String> bestCandidate(Collection<MemberView> members, SelfView self,
                                                 Optional<HolderView> holder, CandidacySettings settings, long nowMs) {
        return standing(members, self, holder, settings, nowMs).best().map(Candidate::node);
    }

    /**
     * @param best who should hold now
     * @param challenger the candidate waiting out its preempt_delay, if any
     * @param preemptAtMs when that challenger's delay runs out
     */
    private record Standing(Optional<Candidate> best, Optional<Candidate> challenger, OptionalLong preemptAtMs) {
    }

    private static Standing standing(Collection<MemberView> members, SelfView self, Optional<HolderView> holder,
                                     CandidacySettings settings, long nowMs) {
        Map<String, Candidate> candidates = candidates(members, self, settings, nowMs);
        Optional<Candidate> top = candidates.values().stream().min(Candidate.BEST_FIRST);
        Optional<Candidate> validHolder = holder.map(h -> {
            Candidate c = candidates.get(h.node());
            return c != null && c.sessionId() == h.sessionId() ? c : null;
        });
        if (validHolder.isEmpty() || top.isEmpty()) {
            return new Standing(top, Optional.empty(), OptionalLong.empty());
        }
        Candidate h = validHolder.get();
        Candidate t = top.get();
        if (t == h || t.priority() <= h.priority() || h.nopreempt() || t.nopreempt()) {
            return new Standing(validHolder, Optional.empty(), OptionalLong.empty());
        }
        long holderSeen = Math.min(holder.get().observedSinceMs(), nowMs);
        long clockStart = Math.max(Math.max(t.stableSinceMs(), h.stableSinceMs()), holderSeen);
        long preemptAt = saturatingAdd(clockStart, t.preemptDelayMs());
        if (nowMs >= preemptAt) {
            return new Standing(top, Optional.empty(), OptionalLong.empty());
        }
        return new Standing(validHolder, top, OptionalLong.of(preemptAt));
    }

    private static Map<String, Candidate> candidates(Collection<MemberView> members, SelfView self,
                                                     CandidacySettings settings, long nowMs) {
        Map<String, Candidate> byNode = new LinkedHashMap<>();
        if (self.eligible()) {
            byNode.put(self.node(), new Candidate(self.node(), self.sessionId(), self.effectivePriority(),
                    settings.nopreempt(), settings.preemptDelayMs(), Math.min(self.stableSinceMs(), nowMs)));
        }
        for (MemberView m : members) {
            if (m == null || m.node().equals(self.node()) || byNode.containsKey(m.node())) {
                continue;
            }
            if (m.eligible() && m.current() && validPriority(m.effectivePriority()) && m.vrid() == settings.vrid()
                    && Objects.equals(m.vips(), settings.vips())) {
                byNode.put(m.node(), new Candidate(m.node(), m.sessionId(), m.effectivePriority(), m.nopreempt(),
                        m.preemptDelayMs(), Math.min(m.stableSinceMs(), nowMs)));
            }
        }
        return byNode;
    }

    private static boolean validPriority(int p) {
        return p >= EffectivePriority.MIN_PRIORITY && p <= EffectivePriority.VRRP_PRIO_OWNER;
    }

    private static long saturatingAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private static String describe(Optional<Candidate> best) {
        return best.map(Candidate::toString).orElse("no one");
    }
}
