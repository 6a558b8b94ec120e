package io.hakeeper.agent.ipvs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One read of the kernel's IPVS table (a GET_SERVICE dump, then a GET_DEST dump per service):
 * the settings as an {@link IpvsTable}, which the reconciler compares, and beside it what is only
 * observed: traffic counters and connection counts.
 *
 * @param table              services and destinations
 * @param serviceStats       IPVS_SVC_ATTR_STATS64 of each service
 * @param destinationCounts  active/inactive/persistent connections of each destination, by service
 * @param destinationStats   IPVS_DEST_ATTR_STATS64 of each destination, by service
 */
public record IpvsDump(IpvsTable table, Map<IpvsServiceKey, IpvsStats> serviceStats,
                       Map<IpvsServiceKey, Map<DestinationKey, DestinationCounters>> destinationCounts,
                       Map<IpvsServiceKey, Map<DestinationKey, IpvsStats>> destinationStats) {

    public static final IpvsDump EMPTY = new IpvsDump(IpvsTable.EMPTY, Map.of(), Map.of(), Map.of());

    public IpvsDump {
        serviceStats = Collections.unmodifiableMap(new LinkedHashMap<>(serviceStats));
        destinationCounts = Collections.unmodifiableMap(new LinkedHashMap<>(destinationCounts));
        destinationStats = Collections.unmodifiableMap(new LinkedHashMap<>(destinationStats));
    }

    /** The connection counts, for {@link IpvsTableFormat#list(IpvsTable, IpvsInfo, IpvsTableFormat.Columns, DestinationCounters.Lookup)}. */
    public DestinationCounters.Lookup counters() {
        return (service, destination) -> destinationCounts.getOrDefault(service, Map.of())
                .getOrDefault(destination, DestinationCounters.ZERO);
    }

    public IpvsStats stats(IpvsServiceKey service) {
        return serviceStats.getOrDefault(service, IpvsStats.ZERO);
    }

    public IpvsStats stats(IpvsServiceKey service, DestinationKey destination) {
        return destinationStats.getOrDefault(service, Map.of()).getOrDefault(destination, IpvsStats.ZERO);
    }
}
