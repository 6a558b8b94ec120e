package io.hakeeper.common.election;

import java.util.Comparator;

/**
 * A member that may win: eligible, current, and configured like us. Only {@link Candidacy} makes these.
 *
 * @param stableSinceMs clamped to "now" at the latest, so a clock quirk cannot push a deadline out
 */
record Candidate(String node, long sessionId, int priority, boolean nopreempt, long preemptDelayMs,
                 long stableSinceMs) {

    /**
     * Best first: higher effective priority, then the lexicographically smaller node id
     * ({@link String#compareTo}, UTF-16 code units, so the same order on every node and JVM).
     * VRRP breaks ties by the higher primary IP address (RFC 5798 §6.4.3); we have no single
     * address per node, and "lb01 before lb02" is what operators expect from names.
     */
    static final Comparator<Candidate> BEST_FIRST = Comparator.comparingInt(Candidate::priority).reversed()
            .thenComparing(Candidate::node);

    @Override
    public String toString() {
        return node + " (priority " + priority + ")";
    }
}
