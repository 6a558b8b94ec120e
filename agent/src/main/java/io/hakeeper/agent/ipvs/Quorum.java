package io.hakeeper.agent.ipvs;

/**
 * The quorum rule of keepalived.conf(5), "Virtual server(s)": {@code quorum} is the "minimum total
 * weight of all live servers in the pool necessary to operate VS with no quality regression"
 * (default 1), and {@code hysteresis} lets it "tolerate this much weight units compared to the
 * nominal quorum, when considering quorum gain or loss. A flap dampener." (default 0).
 *
 * <p>Concretely, as keepalived's checker implements it (check/ipwrapper.c): quorum is gained
 * when the live weight reaches {@code quorum + hysteresis}, and lost when it falls below
 * {@code quorum - hysteresis} or to zero. Between the two, the state stays what it was. At start
 * there is no previous state, and the quorum counts as met only at the gaining threshold.
 * Pure functions: the caller keeps the state between evaluations.
 */
public final class Quorum {

    private Quorum() {
    }

    /** The state on the first evaluation, when nothing was decided before. */
    public static QuorumState atStart(long liveWeight, int quorum, int hysteresis) {
        return liveWeight >= threshold(QuorumState.DOWN, quorum, hysteresis) ? QuorumState.UP : QuorumState.DOWN;
    }

    /** The state after {@code current} sees {@code liveWeight}. */
    public static QuorumState next(QuorumState current, long liveWeight, int quorum, int hysteresis) {
        long threshold = threshold(current, quorum, hysteresis);
        return switch (current) {
            case UP -> liveWeight == 0 || liveWeight < threshold ? QuorumState.DOWN : QuorumState.UP;
            case DOWN -> liveWeight >= threshold ? QuorumState.UP : QuorumState.DOWN;
        };
    }

    /** The weight to cross to leave {@code current}: quorum − hysteresis when up, quorum + hysteresis when down. */
    public static long threshold(QuorumState current, int quorum, int hysteresis) {
        return current == QuorumState.UP ? (long) quorum - hysteresis : (long) quorum + hysteresis;
    }
}
