package io.hakeeper.common.election;

import io.hakeeper.common.election.TrackerState.File;
import io.hakeeper.common.election.TrackerState.Interface;
import io.hakeeper.common.election.TrackerState.Script;
import io.hakeeper.common.election.TrackerState.Status;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EffectivePriorityTest {

    private static EffectivePriority.Result of(int base, TrackerState... trackers) {
        return EffectivePriority.compute(base, List.of(trackers), false);
    }

    private static int priority(int base, TrackerState... trackers) {
        EffectivePriority.Result r = of(base, trackers);
        assertTrue(r.eligible(), r.reason());
        return r.priority();
    }

    @Test
    void noTrackersMeansBasePriority() {
        assertEquals(new EffectivePriority.Result(100, true, List.of()), of(100));
    }

    @Test
    void positiveScriptWeightAddsWhilePassing() {
        assertEquals(110, priority(100, new Script("chk", 10, false, Status.UP)));
        assertEquals(100, priority(100, new Script("chk", 10, false, Status.DOWN)));
    }

    @Test
    void negativeScriptWeightSubtractsWhileFailing() {
        assertEquals(90, priority(100, new Script("chk", -10, false, Status.DOWN)));
        assertEquals(100, priority(100, new Script("chk", -10, false, Status.UP)));
    }

    @Test
    void reverseFlipsTheSignButNotWhenItApplies() {
        assertEquals(90, priority(100, new Script("chk", 10, true, Status.UP)));
        assertEquals(100, priority(100, new Script("chk", 10, true, Status.DOWN)));
        assertEquals(110, priority(100, new Script("chk", -10, true, Status.DOWN)));
        assertEquals(100, priority(100, new Script("chk", -10, true, Status.UP)));
    }

    @Test
    void weightZeroFailingScriptIsAFault() {
        EffectivePriority.Result r = of(100, new Script("chk_haproxy", 0, false, Status.DOWN));
        assertFalse(r.eligible());
        assertEquals("script chk_haproxy failing", r.reason());
        assertTrue(of(100, new Script("chk_haproxy", 0, false, Status.UP)).eligible());
    }

    @Test
    void weightZeroReverseFaultsWhileTheScriptPasses() {
        assertFalse(of(100, new Script("chk", 0, true, Status.UP)).eligible());
        assertTrue(of(100, new Script("chk", 0, true, Status.DOWN)).eligible());
    }

    @Test
    void scriptWithoutAResultYetKeepsAnUnweightedInstanceOutAndAddsNothingWhenWeighted() {
        EffectivePriority.Result r = of(100, new Script("chk", 0, false, Status.UNKNOWN));
        assertFalse(r.eligible());
        assertEquals("script chk has not reported yet", r.reason());
        assertEquals(100, priority(100, new Script("chk", 20, false, Status.UNKNOWN)));
        assertEquals(100, priority(100, new Script("chk", -20, false, Status.UNKNOWN)));
    }

    @Test
    void interfaceWithoutWeightDownIsAFault() {
        EffectivePriority.Result r = of(100, new Interface("eth1", 0, false, false));
        assertFalse(r.eligible());
        assertEquals("interface eth1 down", r.reason());
        assertTrue(of(100, new Interface("eth1", 0, false, true)).eligible());
    }

    @Test
    void weightedInterfacesFollowTheScriptSignRules() {
        assertEquals(120, priority(100, new Interface("eth1", 20, false, true)));
        assertEquals(100, priority(100, new Interface("eth1", 20, false, false)));
        assertEquals(80, priority(100, new Interface("eth2", -20, false, false)));
        assertEquals(100, priority(100, new Interface("eth2", -20, false, true)));
        assertEquals(80, priority(100, new Interface("eth1", 20, true, true)));
    }

    @Test
    void trackFileValueTimesWeight() {
        assertEquals(110, priority(100, new File("f", 2, false, 5)));
        assertEquals(90, priority(100, new File("f", -2, false, 5)));
        assertEquals(90, priority(100, new File("f", 2, true, 5)));
        assertEquals(94, priority(100, new File("f", 2, false, -3)));
        assertEquals(100, priority(100, new File("f", 7, false, 0)));
    }

    @Test
    void trackFileWeightZeroFaultsOnNonZeroValue() {
        EffectivePriority.Result r = of(100, new File("maint", 0, false, 1));
        assertFalse(r.eligible());
        assertEquals("track file maint value 1 is not 0 (weight 0)", r.reason());
        assertTrue(of(100, new File("maint", 0, false, 0)).eligible());
        assertFalse(of(100, new File("maint", 0, true, 0)).eligible(), "reverse: zero is the failure");
        assertTrue(of(100, new File("maint", 0, true, 9)).eligible());
    }

    @Test
    void trackFileProductAtMostMinus254IsAFault() {
        assertFalse(of(200, new File("f", 2, false, -127)).eligible(), "-254");
        assertEquals(1, priority(200, new File("f", 2, false, -126)), "-252 clamps the total to 1");
        assertFalse(of(200, new File("f", 1, false, -9999)).eligible(), "value limited to -254 first");
        assertEquals(254, priority(100, new File("f", 1, false, 9999)), "+253 at most, then clamped to 254");
        assertEquals(253 + 1, priority(1, new File("f", 3, false, 200)));
    }

    @Test
    void clampedToOneThrough254() {
        assertEquals(254, priority(250, new Script("a", 10, false, Status.UP)));
        assertEquals(1, priority(5, new Script("a", -10, false, Status.DOWN)));
        assertEquals(254, priority(254, new Script("a", 253, false, Status.UP), new Interface("b", 253, false, true)));
        assertEquals(1, priority(1, new Script("a", -253, false, Status.DOWN), new Interface("b", -253, false, false)));
    }

    @Test
    void addressOwnerKeeps255WhateverTheWeights() {
        assertEquals(255, priority(255, new Script("a", -50, false, Status.DOWN)));
        assertEquals(255, priority(255, new Script("a", 50, false, Status.UP)));
        EffectivePriority.Result fault = of(255, new Interface("eth0", 0, false, false));
        assertFalse(fault.eligible(), "a weight-0 fault still takes an owner out");
        assertEquals(255, fault.priority());
    }

    @Test
    void drainedIsIneligibleWithReasonDrained() {
        EffectivePriority.Result r = EffectivePriority.compute(150, List.of(new Script("a", 5, false, Status.UP)), true);
        assertFalse(r.eligible());
        assertEquals("drained", r.reason());
        assertEquals(155, r.priority(), "priority is still computed for display");
    }

    @Test
    void everyFaultIsReportedInOrder() {
        EffectivePriority.Result r = EffectivePriority.compute(100, List.of(new Interface("eth0", 0, false, false),
                new Script("chk", 0, false, Status.DOWN)), true);
        assertEquals(List.of("drained", "interface eth0 down", "script chk failing"), r.faults());
        assertEquals("drained; interface eth0 down; script chk failing", r.reason());
    }

    @Test
    void basePriorityMustBeAVrrpPriority() {
        assertThrows(IllegalArgumentException.class, () -> of(0));
        assertThrows(IllegalArgumentException.class, () -> of(256));
    }
}
