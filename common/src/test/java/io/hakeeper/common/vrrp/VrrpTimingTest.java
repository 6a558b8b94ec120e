package io.hakeeper.common.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** RFC 3768 / RFC 5798 section 6.1 arithmetic at its edges. */
class VrrpTimingTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void v2SkewIsAFractionOfOneSecondWhateverTheInterval() {
        // (256 - 100) / 256 s = 0.609375 s
        assertEquals(609_375_000L, VrrpTiming.skewNanos(2, 100, 5 * SECOND));
        assertEquals(SECOND / 256, VrrpTiming.skewNanos(2, 255, SECOND));
        assertEquals(255 * SECOND / 256, VrrpTiming.skewNanos(2, 1, SECOND));
        assertEquals(SECOND, VrrpTiming.skewNanos(2, 0, SECOND));
    }

    @Test
    void v3SkewScalesWithTheMasterAdverInterval() {
        // ((256 - 100) * 100 cs) / 256 = 60.9375 cs
        assertEquals(609_375_000L, VrrpTiming.skewNanos(3, 100, SECOND));
        assertEquals(60_937_500L, VrrpTiming.skewNanos(3, 100, SECOND / 10));
        assertEquals(SECOND / 10 / 256, VrrpTiming.skewNanos(3, 255, SECOND / 10));
    }

    @Test
    void masterDownIsThreeIntervalsPlusSkew() {
        assertEquals(3 * SECOND + 609_375_000L, VrrpTiming.masterDownNanos(2, 100, SECOND));
        assertEquals(3 * 2 * SECOND + 609_375_000L, VrrpTiming.masterDownNanos(2, 100, 2 * SECOND));
        assertEquals(300_000_000L + 60_937_500L, VrrpTiming.masterDownNanos(3, 100, SECOND / 10));
    }

    @Test
    void intervalUnitsFollowTheVersion() {
        assertEquals(SECOND, VrrpTiming.intervalNanos(2, 1));
        assertEquals(255 * SECOND, VrrpTiming.intervalNanos(2, 255));
        assertEquals(SECOND / 100, VrrpTiming.intervalNanos(3, 1));
        assertEquals(4095 * SECOND / 100, VrrpTiming.intervalNanos(3, 4095));
    }

    @Test
    void priorityOutsideTheByteIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> VrrpTiming.skewNanos(2, 256, SECOND));
        assertThrows(IllegalArgumentException.class, () -> VrrpTiming.skewNanos(3, -1, SECOND));
    }
}
