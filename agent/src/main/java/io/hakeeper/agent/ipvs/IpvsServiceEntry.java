package io.hakeeper.agent.ipvs;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One service of an {@link IpvsTable} with its destinations, in ipvsadm's order. Immutable.
 */
public record IpvsServiceEntry(IpvsService service, NavigableMap<DestinationKey, IpvsDestination> destinations) {

    public IpvsServiceEntry {
        Objects.requireNonNull(service, "service");
        TreeMap<DestinationKey, IpvsDestination> copy = new TreeMap<>();
        for (Map.Entry<DestinationKey, IpvsDestination> e : destinations.entrySet()) {
            if (!e.getKey().equals(e.getValue().key())) {
                throw new IllegalArgumentException("destination " + e.getValue() + " is filed under " + e.getKey());
            }
            copy.put(e.getKey(), e.getValue());
        }
        destinations = Collections.unmodifiableNavigableMap(copy);
    }

    public static IpvsServiceEntry of(IpvsService service, Collection<IpvsDestination> destinations) {
        TreeMap<DestinationKey, IpvsDestination> map = new TreeMap<>();
        for (IpvsDestination d : destinations) {
            if (map.put(d.key(), d) != null) {
                throw new IllegalArgumentException("destination " + d.key() + " appears twice in " + service.key());
            }
        }
        return new IpvsServiceEntry(service, map);
    }

    public static IpvsServiceEntry of(IpvsService service, IpvsDestination... destinations) {
        return of(service, Arrays.asList(destinations));
    }

    public IpvsServiceKey key() {
        return service.key();
    }

    /** The destination at {@code key}, or null. */
    public IpvsDestination destination(DestinationKey key) {
        return destinations.get(key);
    }

    public IpvsServiceEntry withService(IpvsService newService) {
        if (!newService.key().equals(service.key())) {
            throw new IllegalArgumentException("cannot re-key " + service.key() + " as " + newService.key());
        }
        return new IpvsServiceEntry(newService, destinations);
    }

    /** With {@code d} added or replacing the destination at its key. */
    public IpvsServiceEntry withDestination(IpvsDestination d) {
        TreeMap<DestinationKey, IpvsDestination> map = new TreeMap<>(destinations);
        map.put(d.key(), d);
        return new IpvsServiceEntry(service, map);
    }

    public IpvsServiceEntry withoutDestination(DestinationKey key) {
        TreeMap<DestinationKey, IpvsDestination> map = new TreeMap<>(destinations);
        map.remove(key);
        return new IpvsServiceEntry(service, map);
    }
}
