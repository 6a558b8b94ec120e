package io.hakeeper.controller.doctor;

import static io.hakeeper.controller.support.Snapshots.node;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hakeeper.controller.cluster.ClusterSnapshot;
import io.hakeeper.controller.events.EventView;
import io.hakeeper.controller.support.Snapshots;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClockEstimatesTest {

    private static EventView event(String kind, String node, long stamp, long ctime) {
        return new EventView(1, stamp, "", ctime, kind, "VI_1", node, 1, "");
    }

    @Test
    void theSmallestCtimeMinusStampPerNodeEstimatesItsOffsetAndHactlsOwnEventsAreLeftOut() {
        ClusterSnapshot s = new Snapshots().node(node("lb1", 4000, 2000)).build(); // startedAt 1000, ctime 2000
        long now = 1_000_000L;
        List<EventView> events = List.of(event("claim", "lb1", now - 500, now - 480), event("claim", "lb2", now - 900,
                now + 2100), event("fault", "lb2", now - 400, now + 2620), event("drain", "lb2", now, now + 9000));
        ClockEstimates.Result r = ClockEstimates.of(s, events, now);
        assertEquals(List.of(new ClockEstimates.NodeOffset("lb1", 20, 2), new ClockEstimates.NodeOffset("lb2", 3000, 2)),
                r.nodes());
        assertEquals(2980L, r.spreadMs());
    }
}
