package io.hakeeper.common.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LeaseTest {

    private static final long MS = 1_000_000L;
    private final FenceBudget defaults = FenceBudget.of(4000, 2000); // lease 1250 ms

    @Test
    void deadlineIsSendTimePlusLease() {
        Lease l = new Lease(10_000 * MS, defaults);
        assertEquals(11_250 * MS, l.deadlineNanos());
        assertEquals(1250, l.remainingMs(10_000 * MS));
    }

    @Test
    void validLifetimeRoundsDownToWholeSecondsAndHitsZeroBeforeTheDeadline() {
        Lease l = new Lease(0, defaults);
        assertEquals(1, l.validLifetimeSec(0));
        assertEquals(1, l.validLifetimeSec(250 * MS));
        assertEquals(0, l.validLifetimeSec(251 * MS), "less than a second left: the kernel cannot express it");
        assertEquals(0, l.validLifetimeSec(5_000 * MS));
    }

    @Test
    void expiresExactlyAtTheDeadline() {
        Lease l = new Lease(0, defaults);
        assertFalse(l.expired(1_249 * MS));
        assertTrue(l.expired(1_250 * MS));
        assertEquals(-1, l.remainingMs(1_251 * MS));
    }

    @Test
    void leaseFromASendTimeInThePastIsShorter() {
        // A renewal that took 200 ms to confirm still counts from when it was sent.
        Lease l = new Lease(0, FenceBudget.of(4000, 500)); // lease 2000 ms
        assertEquals(1, l.validLifetimeSec(200 * MS));
        assertEquals(2, l.validLifetimeSec(0));
    }

    @Test
    void watchdogFiresOnlyWhenHoldingAndRenewalsStopForLongerThanTheLease() {
        RenewalWatchdog w = new RenewalWatchdog(defaults);
        assertFalse(w.stuck(100_000 * MS), "nothing held: never stuck");
        w.completed(0);
        assertFalse(w.stuck(1_250 * MS));
        assertTrue(w.stuck(1_251 * MS));
        assertEquals(1_251, w.sinceLastCompletedMs(1_251 * MS));
        w.completed(1_300 * MS);
        assertFalse(w.stuck(2_000 * MS));
        w.disarm();
        assertFalse(w.stuck(10_000 * MS));
    }
}
