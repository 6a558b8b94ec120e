package io.hakeeper.lab;

import io.hakeeper.lab.netns.VipTimeline.Interval;
import java.util.List;

/**
 * One failover, measured from the VIP's address events (pure: intervals in, figures out).
 *
 * @param failoverMs     from the fault's injection to the successor having the VIP (NaN: it never did)
 * @param gapMs          client-visible gap: from the old holder losing the VIP to the successor
 *                       having it; 0 when they overlapped
 * @param overlapMs      the longest time two directors had the VIP at once, over the whole trial
 *                       (fault and recovery)
 * @param permanent      the old holder still had the VIP, beside the successor, when the
 *                       observation ended: it would never have let go (keepalived after kill -9)
 */
record Trial(double failoverMs, double gapMs, double overlapMs, boolean permanent) {

    /**
     * @param from     the holder the fault hit, at {@code injected}
     * @param to       the successor
     * @param observed when the fault's observation ended (the recovery started)
     * @param settled  when the recovery ended; overlaps up to here count
     */
    static Trial measure(List<Interval> intervals, String from, String to, long injected, long observed, long settled) {
        long takeover = intervals.stream().filter(i -> i.node().equals(to) && i.start() >= injected)
                .mapToLong(Interval::start).min().orElse(Long.MAX_VALUE);
        double failover = takeover == Long.MAX_VALUE ? Double.NaN : ms(takeover - injected);
        long released = intervals.stream()
                .filter(i -> i.node().equals(from) && i.end() >= injected && i.end() <= takeover)
                .mapToLong(Interval::end).max().orElse(Long.MIN_VALUE);
        double gap = takeover == Long.MAX_VALUE || released == Long.MIN_VALUE ? 0 : ms(takeover - released);
        long overlap = 0;
        for (Interval a : intervals) {
            for (Interval b : intervals) {
                if (a.node().compareTo(b.node()) < 0) {
                    long start = Math.max(Math.max(a.start(), b.start()), injected);
                    long end = Math.min(Math.min(a.end(), b.end()), settled);
                    overlap = Math.max(overlap, end - start);
                }
            }
        }
        boolean permanent = heldAt(intervals, from, observed) && heldAt(intervals, to, observed);
        return new Trial(failover, gap, ms(overlap), permanent);
    }

    private static boolean heldAt(List<Interval> intervals, String node, long nanos) {
        return intervals.stream().anyMatch(i -> i.node().equals(node) && i.start() <= nanos && i.end() > nanos);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
