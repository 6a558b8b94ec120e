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
        Trial t = Trial.measure(intervals, "lb01", "lb02", Trial.Window.of(1000 * MS, 5200 * MS, 9100 * MS), 0, 0);
        assertEquals(4100.0, t.failoverMs());
        assertEquals(3200.0, t.gapMs());
        assertEquals(3200.0, t.vipLessMs());
        assertEquals(0.0, t.overlapMs());
        assertFalse(t.permanent());
    }

    @Test
    void holderThatNeverLetsGoIsAPermanentOverlapEndedByTheBench() {
        // keepalived after kill -9: lb01 keeps the VIP until the bench deletes it at 8000.
        List<Interval> intervals = List.of(new Interval("lb01", 0, 8000 * MS), new Interval("lb02", 4600 * MS, 9000 * MS));
        Trial t = Trial.measure(intervals, "lb01", "lb02", Trial.Window.of(1000 * MS, 7600 * MS, 9500 * MS), 0, 0);
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
        Trial t = Trial.measure(intervals, "lb01", "lb02", Trial.Window.of(1000 * MS, 2000 * MS, 5000 * MS), 0, 0);
        assertEquals(600.0, t.failoverMs());
        assertEquals(550.0, t.gapMs());
        assertEquals(2.0, t.overlapMs());
        assertFalse(t.permanent());
    }

    @Test
    void noTakeoverIsNaNNotAFigure() {
        Trial t = Trial.measure(List.of(new Interval("lb01", 0, 1500 * MS)), "lb01", "lb02",
                Trial.Window.of(1000 * MS, 31_000 * MS, 32_000 * MS), 0, 0);
        assertTrue(Double.isNaN(t.failoverMs()));
        assertEquals(0.0, t.overlapMs());
        assertEquals(30_500.0, t.vipLessMs(), "nobody had the VIP from 1500 to the end at 32000");
    }

    @Test
    void aTakeoverAfterTheObservationIsNoFailover() {
        // The holder kept the VIP through the fault (clock step); lb02 held it only after the bench's recovery.
        List<Interval> intervals = List.of(new Interval("lb01", 0, 12_000 * MS), new Interval("lb02", 12_020 * MS, 15_000 * MS),
                new Interval("lb01", 15_030 * MS, OPEN));
        Trial t = Trial.measure(intervals, "lb01", "lb02", Trial.Window.of(1000 * MS, 11_000 * MS, 16_000 * MS), 1, 300);
        assertTrue(Double.isNaN(t.failoverMs()));
        assertEquals(0.0, t.gapMs());
        assertEquals(30.0, t.vipLessMs());
        assertEquals(1, t.failedRequests());
    }

    @Test
    void aSequenceCountsOverlapsFromItsFirstStep() {
        // switch-back: lb01 -> lb02 at 1000 (overlapping 1 ms), then lb02 -> lb01 measured from 3000.
        List<Interval> intervals = List.of(new Interval("lb01", 0, 1011 * MS), new Interval("lb02", 1010 * MS, 3040 * MS),
                new Interval("lb01", 3060 * MS, OPEN));
        Trial t = Trial.measure(intervals, "lb02", "lb01", new Trial.Window(1000 * MS, 3000 * MS, 4000 * MS, 5000 * MS), 0, 80);
        assertEquals(60.0, t.failoverMs());
        assertEquals(20.0, t.gapMs());
        assertEquals(1.0, t.overlapMs());
        assertEquals(20.0, t.vipLessMs());
    }

    @Test
    void longestHoleCoversTheEdges() {
        List<Interval> intervals = List.of(new Interval("a", 10, 20), new Interval("b", 15, 30), new Interval("a", 60, 70));
        assertEquals(30, Trial.longestHole(intervals, 0, 100));
        assertEquals(20, Trial.longestHole(intervals, 0, 50), "0..10, and 30..60 clipped to 30..50");
    }
}
