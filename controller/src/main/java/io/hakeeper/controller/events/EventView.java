package io.hakeeper.controller.events;

import io.hakeeper.common.zk.EventRecord;
import io.hakeeper.controller.text.Durations;
import java.util.Locale;

/**
 * One event as {@code hactl events} shows it ({@code $defs/event} in hactl.schema.json).
 *
 * @param sequence the znode's sequence number: the order ZooKeeper wrote them in
 * @param timeMs the writer's wall clock (epoch ms)
 * @param zkTimeMs the ZooKeeper leader's wall clock when it created the node (ctime)
 * @param instance null for node-wide events (drain, undrain)
 */
public record EventView(long sequence, long timeMs, String time, long zkTimeMs, String kind, String instance,
                        String node, long epoch, String reason) {

    public static EventView of(long sequence, EventRecord r, long ctimeMs) {
        return new EventView(sequence, r.timeMs(), Durations.iso(r.timeMs()), ctimeMs,
                r.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                r.instance().isEmpty() ? null : r.instance(), r.node(), r.epoch(), r.reason());
    }
}
