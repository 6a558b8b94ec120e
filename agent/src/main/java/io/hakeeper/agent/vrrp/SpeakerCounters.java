package io.hakeeper.agent.vrrp;

import io.hakeeper.common.vrrp.RejectReason;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** The live counters behind {@link VrrpCounters}: updated by the speaker's threads, read as a snapshot. */
final class SpeakerCounters {

    /** How many distinct foreign sources status lists; a spoofer must not grow memory without bound. */
    static final int MAX_FOREIGN_LISTED = 16;

    final AtomicLong sent = new AtomicLong();
    final AtomicLong sendErrors = new AtomicLong();
    final AtomicLong received = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong overflows = new AtomicLong();
    final AtomicLong conflicts = new AtomicLong();
    final AtomicLong foreignAdverts = new AtomicLong();
    final AtomicLong masterSilent = new AtomicLong();
    final AtomicLong priorityZeroSeen = new AtomicLong();
    private final AtomicLongArray dropped = new AtomicLongArray(RejectReason.values().length);
    private final Set<InetAddress> foreignRouters = new LinkedHashSet<>();
    private long timed;
    private long lateSum;
    private long lateMax;

    void dropped(RejectReason reason) {
        dropped.incrementAndGet(reason.ordinal());
    }

    synchronized void foreign(InetAddress source) {
        foreignAdverts.incrementAndGet();
        if (foreignRouters.size() < MAX_FOREIGN_LISTED) {
            foreignRouters.add(source);
        }
    }

    synchronized void lateness(long nanos) {
        timed++;
        lateSum += nanos;
        lateMax = Math.max(lateMax, nanos);
    }

    synchronized VrrpCounters snapshot() {
        Map<RejectReason, Long> drops = new EnumMap<>(RejectReason.class);
        for (RejectReason r : RejectReason.values()) {
            long n = dropped.get(r.ordinal());
            if (n > 0) {
                drops.put(r, n);
            }
        }
        SendTiming timing = timed == 0 ? SendTiming.NONE : new SendTiming(timed, lateSum / timed, lateMax);
        return new VrrpCounters(sent.get(), sendErrors.get(), received.get(), accepted.get(), drops, overflows.get(),
                conflicts.get(), foreignAdverts.get(), new ArrayList<>(foreignRouters), masterSilent.get(),
                priorityZeroSeen.get(), timing);
    }
}
