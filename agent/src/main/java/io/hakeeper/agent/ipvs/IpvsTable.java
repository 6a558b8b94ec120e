package io.hakeeper.agent.ipvs;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;

/**
 * A whole IPVS table: services with their destinations, keyed and ordered by {@link IpvsServiceKey}.
 * It is what the reconciler wants (from the config) and what the netlink client dumps (from the
 * kernel). Immutable; equal tables list the same services with the same destinations.
 */
public record IpvsTable(NavigableMap<IpvsServiceKey, IpvsServiceEntry> services) {

    public static final IpvsTable EMPTY = new IpvsTable(new TreeMap<>());

    public IpvsTable {
        TreeMap<IpvsServiceKey, IpvsServiceEntry> copy = new TreeMap<>();
        for (Map.Entry<IpvsServiceKey, IpvsServiceEntry> e : services.entrySet()) {
            if (!e.getKey().equals(e.getValue().key())) {
                throw new IllegalArgumentException("service " + e.getValue().key() + " is filed under " + e.getKey());
            }
            copy.put(e.getKey(), e.getValue());
        }
        services = Collections.unmodifiableNavigableMap(copy);
    }

    public static IpvsTable of(Collection<IpvsServiceEntry> entries) {
        TreeMap<IpvsServiceKey, IpvsServiceEntry> map = new TreeMap<>();
        for (IpvsServiceEntry e : entries) {
            if (map.put(e.key(), e) != null) {
                throw new IllegalArgumentException("service " + e.key() + " appears twice");
            }
        }
        return new IpvsTable(map);
    }

    public static IpvsTable of(IpvsServiceEntry... entries) {
        return of(Arrays.asList(entries));
    }

    public NavigableSet<IpvsServiceKey> keys() {
        return services.navigableKeySet();
    }

    /** The entry for {@code key}, or null. */
    public IpvsServiceEntry entry(IpvsServiceKey key) {
        return services.get(key);
    }

    public boolean contains(IpvsServiceKey key) {
        return services.containsKey(key);
    }

    public int destinationCount() {
        return services.values().stream().mapToInt(e -> e.destinations().size()).sum();
    }

    /** With {@code entry} added, or replacing the service with its key. */
    public IpvsTable with(IpvsServiceEntry entry) {
        TreeMap<IpvsServiceKey, IpvsServiceEntry> map = new TreeMap<>(services);
        map.put(entry.key(), entry);
        return new IpvsTable(map);
    }

    public IpvsTable without(IpvsServiceKey key) {
        TreeMap<IpvsServiceKey, IpvsServiceEntry> map = new TreeMap<>(services);
        map.remove(key);
        return new IpvsTable(map);
    }

    /** Only the services whose keys are in {@code keys}. */
    public IpvsTable restrictedTo(Set<IpvsServiceKey> keys) {
        TreeMap<IpvsServiceKey, IpvsServiceEntry> map = new TreeMap<>(services);
        map.keySet().retainAll(keys);
        return new IpvsTable(map);
    }

    /** Every service except those whose keys are in {@code keys}. */
    public IpvsTable excluding(Set<IpvsServiceKey> keys) {
        TreeMap<IpvsServiceKey, IpvsServiceEntry> map = new TreeMap<>(services);
        map.keySet().removeAll(keys);
        return new IpvsTable(map);
    }
}
