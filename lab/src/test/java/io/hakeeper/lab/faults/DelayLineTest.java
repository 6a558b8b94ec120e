package io.hakeeper.lab.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DelayLineTest {
    private static final long MS = 1_000_000L;

    @Test
    void eachPacketLeavesItsDelayAfterItArrivedInArrivalOrder() {
        DelayLine line = new DelayLine(200 * MS);
        line.arrived(10, 1000 * MS);
        line.arrived(11, 1050 * MS);
        line.arrived(12, 1050 * MS);
        assertTrue(line.due(1199 * MS).isEmpty(), "nothing before 200 ms");
        assertEquals(List.of(10), line.due(1200 * MS));
        assertTrue(line.due(1249 * MS).isEmpty());
        assertEquals(List.of(11, 12), line.due(1300 * MS));
        assertEquals(0, line.size());
    }

    @Test
    void idsAreKeptInArrivalOrderEvenWhenTheyWrap() {
        DelayLine line = new DelayLine(0);
        line.arrived(-1, 5);
        line.arrived(0, 5);
        assertEquals(List.of(-1, 0), line.due(5));
    }

    @Test
    void drainReleasesEverythingHeld() {
        DelayLine line = new DelayLine(200 * MS);
        line.arrived(1, 0);
        line.arrived(2, 10 * MS);
        assertEquals(List.of(1, 2), line.drain());
        assertTrue(line.due(Long.MAX_VALUE).isEmpty());
    }

    @Test
    void monotonicTimesNearOverflowStillCompareByDifference() {
        DelayLine line = new DelayLine(200 * MS);
        long t = Long.MAX_VALUE - 100 * MS;
        line.arrived(1, t);
        assertTrue(line.due(t + 199 * MS).isEmpty());
        assertEquals(List.of(1), line.due(t + 200 * MS));
    }
}
