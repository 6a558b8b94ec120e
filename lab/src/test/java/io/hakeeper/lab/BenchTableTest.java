package io.hakeeper.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchTableTest {

    @Test
    void nearestRankPercentiles() {
        List<Double> v = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            v.add((double) i);
        }
        assertEquals(10.0, BenchTable.pct(v, 0.50));
        assertEquals(19.0, BenchTable.pct(v, 0.95));
        assertEquals(20.0, BenchTable.pct(v, 0.99));
        assertTrue(Double.isNaN(BenchTable.pct(List.of(), 0.5)));
    }

    @Test
    void rowShowsFailoverGapOverlapAndClientFigures() {
        List<Trial> trials = List.of(new Trial(4100, 3200, 3300, 0, false, 66, 200), new Trial(4300, 3000, 3100, 0, false, 62, 210));
        assertEquals("| kill9 | hakeeper | 2 | 2 | 0.0 ms | 4100 ms | 4300 ms | 4300 ms | 3100 ms | 3300 ms | 3300 ms | 128 of 410 |",
                BenchTable.line(new BenchTable.Row("kill9", "hakeeper", trials, null)));
    }

    @Test
    void rowSaysWhenTheOldHolderNeverLetGo() {
        String line = BenchTable.line(new BenchTable.Row("kill9", "keepalived",
                List.of(new Trial(3600, 0, 0, 3100, true, 0, 100), new Trial(3610, 0, 0, 3050, true, 0, 100)), null));
        assertTrue(line.contains("| 3100 ms (in 2 of 2; in 2 the old holder had not let go when the bench ended the fault) |"), line);
    }

    @Test
    void notApplicableRowSaysWhy() {
        assertTrue(BenchTable.line(new BenchTable.Row("switchover", "keepalived", List.of(), "no switchover command"))
                .startsWith("| switchover | keepalived | n/a: no switchover command |"));
    }

    @Test
    void trialsWithoutTakeoverAreCountedNotAveraged() {
        String line = BenchTable.line(new BenchTable.Row("clock+1h", "hakeeper",
                List.of(new Trial(Double.NaN, 0, 0, 0, false, 0, 200), new Trial(1600, 600, 600, 0, false, 12, 200)), null));
        assertTrue(line.startsWith("| clock+1h | hakeeper | 2 | 1 | 0.0 ms | 1600 ms |"), line);
    }
}
