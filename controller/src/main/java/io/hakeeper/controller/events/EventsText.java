package io.hakeeper.controller.events;

import io.hakeeper.controller.text.Durations;

/** One line per event, in fixed-width columns so that followed lines line up with listed ones. */
public final class EventsText {

    private EventsText() {
    }

    public static String line(EventView e) {
        return String.format("%s  %-15s  %-12s  %-12s  %-8s  %s", Durations.local(e.timeMs()), e.kind(),
                e.instance() == null ? "-" : e.instance(), e.node(), e.epoch() == 0 ? "-" : "epoch " + e.epoch(),
                e.reason()).stripTrailing();
    }

    public static String header() {
        return String.format("%-23s  %-15s  %-12s  %-12s  %-8s  %s", "TIME", "KIND", "INSTANCE", "NODE", "EPOCH",
                "REASON");
    }
}
