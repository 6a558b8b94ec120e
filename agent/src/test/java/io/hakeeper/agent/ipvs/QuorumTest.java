package io.hakeeper.agent.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** keepalived's quorum with hysteresis as a pure function of (state, live weight). */
class QuorumTest {

    @ParameterizedTest(name = "quorum {1} hysteresis {2}: {0} with weight {3} -> {4}")
    @CsvSource({
            // state, quorum, hysteresis, live weight, next
            "UP,   1, 0, 1, UP",
            "UP,   1, 0, 0, DOWN",
            "DOWN, 1, 0, 0, DOWN",
            "DOWN, 1, 0, 1, UP",
            "UP,   5, 2, 3, UP",     // 3 is not below 5-2
            "UP,   5, 2, 2, DOWN",
            "DOWN, 5, 2, 6, DOWN",   // 6 is not yet 5+2
            "DOWN, 5, 2, 7, UP",
            "UP,   2, 5, 1, UP",     // hysteresis above quorum: only zero weight loses it
            "UP,   2, 5, 0, DOWN",
    })
    void nextStateKeepsItsStateInsideTheHysteresisBand(QuorumState state, int quorum, int hysteresis, long weight,
                                                       QuorumState next) {
        assertEquals(next, Quorum.next(state, weight, quorum, hysteresis));
    }

    @ParameterizedTest(name = "quorum {0} hysteresis {1}: starts {3} with weight {2}")
    @CsvSource({
            "1, 0, 1, UP",
            "1, 0, 0, DOWN",
            "5, 2, 6, DOWN",
            "5, 2, 7, UP",
    })
    void startIsUpOnlyAtTheGainingThreshold(int quorum, int hysteresis, long weight, QuorumState start) {
        assertEquals(start, Quorum.atStart(weight, quorum, hysteresis));
    }
}
