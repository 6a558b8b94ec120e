package io.hakeeper.agent.ipvs;

import java.util.Objects;

/**
 * What identifies a destination within its service: address (with its family) and port, the
 * triple the kernel looks destinations up by (ip_vs_lookup_dest). Sorted as ipvsadm sorts the
 * lines under a service: by address, then port (families apart, IPv4 first).
 */
public record DestinationKey(IpAddress address, int port) implements Comparable<DestinationKey> {

    public DestinationKey {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0-65535");
        }
    }

    @Override
    public int compareTo(DestinationKey o) {
        int c = address.compareTo(o.address);
        return c != 0 ? c : Integer.compare(port, o.port);
    }

    @Override
    public String toString() {
        return address.withPort(port);
    }
}
