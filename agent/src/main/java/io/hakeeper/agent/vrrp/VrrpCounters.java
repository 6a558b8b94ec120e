package io.hakeeper.agent.vrrp;

import io.hakeeper.common.vrrp.RejectReason;
import java.net.InetAddress;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A read-only snapshot of one speaker's counters, for status and metrics. Counts run from start().
 *
 * @param sent             VRRP packets sent (one per destination: the group, or each unicast peer)
 * @param sendErrors       sends the kernel refused
 * @param received         datagrams read from the socket, good or bad
 * @param accepted         datagrams that decoded as a valid advert for us
 * @param dropped          the others, by reason
 * @param overflows        valid adverts dropped because the state machine's queue was full (a flood)
 * @param conflicts        adverts from another member while we were MASTER
 * @param foreignAdverts   valid adverts for our VRID from a non-member
 * @param foreignRouters   the distinct non-member sources seen (the first 16)
 * @param masterSilent     Master_Down_Timer expiries reported
 * @param priorityZeroSeen priority-0 adverts from members
 * @param sendTiming       punctuality of periodic adverts
 */
public record VrrpCounters(long sent, long sendErrors, long received, long accepted, Map<RejectReason, Long> dropped,
                           long overflows, long conflicts, long foreignAdverts, List<InetAddress> foreignRouters,
                           long masterSilent, long priorityZeroSeen, SendTiming sendTiming) {

    public VrrpCounters {
        EnumMap<RejectReason, Long> copy = new EnumMap<>(RejectReason.class);
        copy.putAll(dropped);
        dropped = java.util.Collections.unmodifiableMap(copy);
        foreignRouters = List.copyOf(foreignRouters);
    }

    /** All drops together. */
    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Drops for one reason. */
    public long dropped(RejectReason reason) {
        return dropped.getOrDefault(reason, 0L);
    }
}
