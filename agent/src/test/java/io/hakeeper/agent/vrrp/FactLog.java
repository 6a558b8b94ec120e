package io.hakeeper.agent.vrrp;

import io.hakeeper.common.vrrp.VrrpState;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that remembers every fact with the speaker's timestamp, for assertions. */
final class FactLog implements VrrpSpeakerListener {

    enum Kind { STATE, MASTER_SILENT, MASTER_SEEN, CONFLICT, FOREIGN, PRIORITY_ZERO }

    /** One reported fact; {@code source} and {@code priority} are null / -1 where they do not apply. */
    record Fact(Kind kind, InetAddress source, int priority, String detail, long at) {
    }

    private final List<Fact> facts = new CopyOnWriteArrayList<>();

    @Override
    public void stateChanged(VrrpState from, VrrpState to, long at) {
        facts.add(new Fact(Kind.STATE, null, -1, from + "->" + to, at));
    }

    @Override
    public void masterSilent(long masterDownIntervalNanos, InetAddress lastMaster, long at) {
        facts.add(new Fact(Kind.MASTER_SILENT, lastMaster, -1, Long.toString(masterDownIntervalNanos), at));
    }

    @Override
    public void masterSeen(InetAddress source, int priority, long at) {
        facts.add(new Fact(Kind.MASTER_SEEN, source, priority, "", at));
    }

    @Override
    public void conflictingMaster(InetAddress source, int priority, long at) {
        facts.add(new Fact(Kind.CONFLICT, source, priority, "", at));
    }

    @Override
    public void foreignRouter(InetAddress source, int priority, long at) {
        facts.add(new Fact(Kind.FOREIGN, source, priority, "", at));
    }

    @Override
    public void priorityZeroSeen(InetAddress source, long at) {
        facts.add(new Fact(Kind.PRIORITY_ZERO, source, 0, "", at));
    }

    List<Fact> all() {
        return List.copyOf(facts);
    }

    List<Fact> of(Kind kind) {
        return facts.stream().filter(f -> f.kind() == kind).toList();
    }

    Optional<Fact> first(Kind kind) {
        return facts.stream().filter(f -> f.kind() == kind).findFirst();
    }

    long count(Kind kind) {
        return facts.stream().filter(f -> f.kind() == kind).count();
    }

    void clear() {
        facts.clear();
    }
}
