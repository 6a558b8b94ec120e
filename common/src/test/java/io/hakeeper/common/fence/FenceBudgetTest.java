package io.hakeeper.common.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FenceBudgetTest {

    @Test
    void designDefaultsGiveAOneSecondLease() {
        // DESIGN.md: R 250, T 2000, P 250, eps 250, S 4000 -> lease 1 s renewed four times a second.
        FenceBudget b = FenceBudget.of(4000, 2000);
        assertEquals(2750, b.marginMs());
        assertEquals(1250, b.leaseMs());
        assertEquals(1, b.leaseSec());
        assertTrue(b.safe());
    }

    @Test
    void leaseBelowOneSecondIsUnsafeAndTheMinimumSessionIsExact() {
        FenceBudget edge = FenceBudget.of(3750, 2000);
        assertEquals(1000, edge.leaseMs());
        assertTrue(edge.safe());
        FenceBudget below = FenceBudget.of(3749, 2000);
        assertFalse(below.safe());
        assertEquals(3750, below.minimumSafeSessionTimeoutMs());
    }

    @Test
    void serverClampsTheSessionTimeoutToTwoAndTwentyTicks() {
        assertEquals(4000, FenceBudget.negotiate(1000, 2000));
        assertEquals(40000, FenceBudget.negotiate(90000, 2000));
        assertEquals(6000, FenceBudget.negotiate(6000, 2000));
    }

    @Test
    void shorterTickShrinksTheMargin() {
        FenceBudget b = FenceBudget.of(4000, 500);
        assertEquals(250 + 250 + 1000 + 250 + 250, b.marginMs());
        assertEquals(2, b.leaseSec());
    }
}
