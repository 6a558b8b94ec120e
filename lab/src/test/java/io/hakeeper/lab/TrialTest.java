package io.hakeeper.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.lab.netns.VipTimeline.Interval;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrialTest {

    private static final long MS = 1_000_000L;
    private static final long OPEN = Long.MAX_VALUE;

    @Test
    void fencedCrashHasAGapAndNoOverlap() {
        // lb01 holds from 0; fault at 1000; its lease runs out at 1900; lb02 claims at 5100; recovery
        // ends with lb02 yielding at 9000 and lb01 claiming at 9030.
        List<Interval> intervals = List.of(new Interval("lb01", 0, 1900 * MS), new Interval("lb02", 5100 * MS, 9000 * MS),
                new Interval("lb01", 9030 * MS, OPEN));
        Trial t = Trial.measure(intervals, "lb01", "lb02", 1000 * MS, 5200 * MS, 9100 * MS);
        assertEquals(4100.0, t.failoverMs());
        assertEquals(3200.0, t.gapMs());
        assertEquals(0.0, t.overlapMs());
        assertFalse(t.permanent());
    }

    @Test
    void holderThatNeverLetsGoIsAPermanentOverlapEndedByTheBench() {
        // keepalived after kill -9: lb01 keeps the VIP until the bench deletes it at 8000.
        List<Interval> intervals = List.of(new Interval("lb01", 0, 8000 * MS), new Interval("lb02", 4600 * MS, 9000 * MS));
        Trial t = Trial.measure(intervals, "lb01", "lb02", 1000 * MS, 7600 * MS, 9500 * MS);
        assertEquals(3600.0, t.failoverMs());
        assertEquals(0.0, t.gapMs());
        assertEquals(3400.0, t.overlapMs());
        assertTrue(t.permanent());
    }

    @Test
    void overlapDuringTheRecoveryCountsButNotBeforeTheFault() {
        // A brief double holder while lb01 preempts back (keepalived's preempt), and an old overlap
        // before the trial that must not count.
        List<Interval> intervals = List.of(new Interval("lb02", -500 * MS, -100 * MS), new Interval("lb01", -300 * MS, 1050 * MS),
                new Interval("lb02", 1600 * MS, 4002 * MS), new Interval("lb01", 4000 * MS, OPEN));
        Trial t = Trial.measure(intervals, "lb01", "lb02", 1000 * MS, 2000 * MS, 5000 * MS);
        assertEquals(600.0, t.failoverMs());
        assertEquals(550.0, t.gapMs());
        assertEquals(2.0, t.overlapMs());
        assertFalse(t.permanent());
    }

    @Test
    void noTakeoverIsNaNNotAFigure() {
        Trial t = Trial.measure(List.of(new Interval("lb01", 0, 1500 * MS)), "lb01", "lb02", 1000 * MS, 31_000 * MS, 32_000 * MS);
        assertTrue(Double.isNaN(t.failoverMs()));
        assertEquals(0.0, t.overlapMs());
    }
}
