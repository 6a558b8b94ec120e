package io.hakeeper.lab;

import io.hakeeper.lab.netns.VipTimeline.Interval;
import java.util.Comparator;
import java.util.List;

/**
 * One fault, measured from the VIP's address events (pure: intervals in, figures out).
 *
 * @param failoverMs     from the fault's injection to the successor having the VIP (NaN: it never did)
 * @param gapMs          the hand-over gap: from the old holder losing the VIP to the successor
 *                       having it; 0 when they overlapped or nobody took over
 * @param vipLessMs      the longest time no director had the VIP, from the fault to the end of
 *                       the recovery (what a client can see)
 * @param overlapMs      the longest time two directors had the VIP at once, from the fault to the
 *                       end of the recovery
 * @param permanent      the old holder still had the VIP, beside the successor, when the
 *                       observation ended: it would never have let go (keepalived after kill -9)
 * @param failedRequests the client's requests to the VIP that failed in that time
 * @param requests       the client's requests in that time
 */
record Trial(double failoverMs, double gapMs, double vipLessMs, double overlapMs, boolean permanent,
             int failedRequests, int requests) {

    /** When a trial's events happened, on the timeline's clock. */
    record Window(long start, long injected, long observed, long settled) {
        /** A fault whose figures count from its own injection. */
        static Window of(long injected, long observed, long settled) {
            return new Window(injected, injected, observed, settled);
        }
    }

    /**
     * @param from the holder the fault hit, at {@code w.injected()}
     * @param to   the successor
     * @param w    start: overlaps and VIP-less gaps count from here (a sequence's first step);
     *             injected: the fault failover and hand-over gap are measured from; observed: when
     *             the fault's observation ended (the recovery started); settled: when the recovery ended
     */
    static Trial measure(List<Interval> intervals, String from, String to, Window w, int failedRequests, int requests) {
        long takeover = intervals.stream().filter(i -> i.node().equals(to) && i.start() >= w.injected())
                .mapToLong(Interval::start).min().orElse(Long.MAX_VALUE);
        boolean tookOver = takeover != Long.MAX_VALUE && takeover <= w.observed();
        double failover = tookOver ? ms(takeover - w.injected()) : Double.NaN;
        long released = intervals.stream()
                .filter(i -> i.node().equals(from) && i.end() >= w.injected() && i.end() <= takeover)
                .mapToLong(Interval::end).max().orElse(Long.MIN_VALUE);
        double gap = !tookOver || released == Long.MIN_VALUE ? 0 : ms(takeover - released);
        long overlap = 0;
        for (Interval a : intervals) {
            for (Interval b : intervals) {
                if (a.node().compareTo(b.node()) < 0) {
                    long start = Math.max(Math.max(a.start(), b.start()), w.start());
                    long end = Math.min(Math.min(a.end(), b.end()), w.settled());
                    overlap = Math.max(overlap, end - start);
                }
            }
        }
        boolean permanent = heldAt(intervals, from, w.observed()) && heldAt(intervals, to, w.observed());
        return new Trial(failover, gap, ms(longestHole(intervals, w.start(), w.settled())), ms(overlap), permanent,
                failedRequests, requests);
    }

    /** The longest stretch of [from, to) that no interval covers. */
    static long longestHole(List<Interval> intervals, long from, long to) {
        List<Interval> byStart = intervals.stream().filter(i -> i.end() > from && i.start() < to)
                .sorted(Comparator.comparingLong(Interval::start)).toList();
        long covered = from;
        long hole = 0;
        for (Interval i : byStart) {
            if (i.start() > covered) {
                hole = Math.max(hole, i.start() - covered);
            }
            covered = Math.max(covered, i.end());
        }
        return Math.max(hole, to - Math.min(to, covered));
    }

    private static boolean heldAt(List<Interval> intervals, String node, long nanos) {
        return intervals.stream().anyMatch(i -> i.node().equals(node) && i.start() <= nanos && i.end() > nanos);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
