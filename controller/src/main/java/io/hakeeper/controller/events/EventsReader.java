package io.hakeeper.controller.events;

import io.hakeeper.common.zk.DecodeResult;
import io.hakeeper.common.zk.EventRecord;
import io.hakeeper.common.zk.RecordCodec;
import io.hakeeper.common.zk.ZkLayout;
import io.hakeeper.controller.cluster.ClusterSnapshot.Unreadable;
import io.hakeeper.controller.cluster.TreeSource;
import io.hakeeper.controller.cluster.ZNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads {@code events/e-<seq>} in sequence order; garbage is listed, not guessed at. */
public final class EventsReader {

    /** Events after {@code afterSequence}, oldest first, and the unreadable ones among them. */
    public record Batch(List<EventView> events, List<Unreadable> unreadable) {
    }

    private final TreeSource tree;
    private final ZkLayout layout;
    private final RecordCodec codec = new RecordCodec();

    public EventsReader(TreeSource tree, ZkLayout layout) {
        this.tree = tree;
        this.layout = layout;
    }

    public Batch readAfter(long afterSequence) throws Exception {
        List<EventView> events = new ArrayList<>();
        List<Unreadable> unreadable = new ArrayList<>();
        List<String> names = tree.children(layout.eventsDir()).stream()
                .filter(n -> ZkLayout.eventSequence(n).isPresent())
                .filter(n -> ZkLayout.eventSequence(n).getAsLong() > afterSequence)
                .sorted(Comparator.comparingLong(n -> ZkLayout.eventSequence(n).getAsLong()))
                .toList();
        for (String name : names) {
            OptionalLong seq = ZkLayout.eventSequence(name);
            Optional<ZNode> z = tree.node(layout.eventsDir() + "/" + name);
            if (z.isEmpty()) {
                continue; // trimmed meanwhile
            }
            DecodeResult<EventRecord> r = codec.decode(z.get().data(), EventRecord.class);
            if (r instanceof DecodeResult.Ok<EventRecord> ok) {
                events.add(EventView.of(seq.getAsLong(), ok.record(), z.get().ctimeMs()));
            } else if (r instanceof DecodeResult.Failed<EventRecord> f) {
                unreadable.add(new Unreadable(z.get().path(), f.failure().name(), f.reason()));
            }
        }
        return new Batch(events, unreadable);
    }
}
