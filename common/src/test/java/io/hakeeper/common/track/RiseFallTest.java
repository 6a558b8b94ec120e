package io.hakeeper.common.track;

import static io.hakeeper.common.election.TrackerState.Status.DOWN;
import static io.hakeeper.common.election.TrackerState.Status.UNKNOWN;
import static io.hakeeper.common.election.TrackerState.Status.UP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RiseFallTest {

    @Test
    void unknownUntilRiseSuccessesThenDownAfterFallFailures() {
        RiseFall r = new RiseFall(3, 2, false);
        assertEquals(UNKNOWN, r.status());
        assertEquals(UNKNOWN, r.record(true));
        assertEquals(UNKNOWN, r.record(true));
        assertEquals(UP, r.record(true));
        assertEquals(UP, r.record(false), "one failure is below fall 2");
        assertEquals(DOWN, r.record(false));
        assertEquals(DOWN, r.record(true));
        assertEquals(DOWN, r.record(true));
        assertEquals(UP, r.record(true));
    }

    @Test
    void interruptedStreaksStartOver() {
        RiseFall r = new RiseFall(2, 2, false);
        r.record(true);
        r.record(false);
        assertEquals(UNKNOWN, r.record(true), "a failure reset the success streak");
        assertEquals(UP, r.record(true));
    }

    @Test
    void initFailStartsDownAndDefaultsReactAtOnce() {
        RiseFall r = new RiseFall(1, 1, true);
        assertEquals(DOWN, r.status());
        assertEquals(UP, r.record(true));
        assertEquals(DOWN, r.record(false));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new RiseFall(0, 1, false));
    }
}
