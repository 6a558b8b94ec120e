package io.hakeeper.common.election;

import java.util.OptionalLong;

/**
 * What {@link Candidacy#decide} tells a node to do about one instance. Read as a desired state:
 * {@link Claim} means "be the holder", every other decision means "do not hold".
 */
public sealed interface Decision {

    /** One line for logs and the event record. */
    String why();

    /**
     * When to evaluate again even if nothing in ZooKeeper changes, on the caller's monotonic clock:
     * the instant a pending {@code preempt_delay} runs out. Schedule a timer; don't poll.
     */
    default OptionalLong reevaluateAtMs() {
        return OptionalLong.empty();
    }

    /**
     * Be the holder: we lead the latch, we are the best candidate, and no one else holds. If we
     * already hold, keep holding (renewing); otherwise run the claim transaction (DESIGN.md,
     * "The fence", point 2).
     */
    record Claim(String why, OptionalLong reevaluateAtMs) implements Decision {
    }

    /** Do not hold, and stay where we are in the latch: someone else leads, or a holder must go first. */
    record Hold(String why) implements Decision {
    }

    /**
     * We lead the latch but are not the best candidate: close our latch participant, without
     * touching VIPs (we hold none), so the next one in line leads. With {@code rejoin} false we
     * are ineligible and stay out of the latch until we are eligible again (DESIGN.md: "Each
     * eligible node joins the instance's LeaderLatch").
     */
    record Requeue(String why, boolean rejoin) implements Decision {
    }

    /** We hold and must stop: run the release sequence (DESIGN.md, "The fence", point 4). */
    record Release(ReleaseReason reason, String why) implements Decision {
    }

    enum ReleaseReason {
        /** We became ineligible (FAULT, drained): release and leave the latch. */
        INELIGIBLE(false),
        /** A better candidate preempts us: release, then requeue in the latch. */
        PREEMPTED(true),
        /** We hold but no longer lead the latch: renewal would fail; release now and rejoin. */
        NOT_LATCH_LEADER(true);

        private final boolean rejoinLatch;

        ReleaseReason(boolean rejoinLatch) {
            this.rejoinLatch = rejoinLatch;
        }

        /** Whether to rejoin the latch after the release. */
        public boolean rejoinLatch() {
            return rejoinLatch;
        }
    }
}
