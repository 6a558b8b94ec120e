package io.hakeeper.agent.ipvs;

/**
 * A destination's connection counters ({@code IPVS_DEST_ATTR_ACTIVE_CONNS}, {@code _INACT_CONNS},
 * {@code _PERSIST_CONNS}), kept apart from {@link IpvsDestination} because they are observations,
 * not settings. Only {@link IpvsTableFormat} uses them.
 */
public record DestinationCounters(long activeConns, long inactConns, long persistConns) {

    public static final DestinationCounters ZERO = new DestinationCounters(0, 0, 0);

    /** Where a listing finds the counters of a destination of a service. */
    @FunctionalInterface
    public interface Lookup {
        DestinationCounters of(IpvsServiceKey service, DestinationKey destination);

        Lookup NONE = (service, destination) -> ZERO;
    }
}
