package io.hakeeper.controller.events;

import io.hakeeper.controller.cluster.ClusterSnapshot.Unreadable;
import java.util.List;

/** {@code hactl events --json}: {@code $defs/events} in hactl.schema.json. With --follow, one per line. */
public record EventsReport(String command, int schemaVersion, String cluster, List<EventView> events,
                           List<Unreadable> unreadable) {

    public static final int SCHEMA_VERSION = 1;

    public static EventsReport of(String cluster, List<EventView> events, List<Unreadable> unreadable) {
        return new EventsReport("events", SCHEMA_VERSION, cluster, events, unreadable);
    }
}
