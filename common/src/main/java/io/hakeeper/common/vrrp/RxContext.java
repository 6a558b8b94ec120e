package io.hakeeper.common.vrrp;

import java.net.InetAddress;
import java.util.Objects;

/**
 * What the raw socket tells us about a received advert besides its bytes. IPv4 raw sockets hand
 * over the IP header, which {@link Ipv4Frame} splits off; IPv6 raw sockets give the source in the
 * peer address, the destination via {@code IPV6_PKTINFO} and the hop limit via
 * {@code IPV6_RECVHOPLIMIT} ancillary data.
 *
 * @param source      the IP source address (a checksum input, and who sent the advert)
 * @param destination the IP destination address (a checksum input)
 * @param ttl         IPv4 TTL or IPv6 Hop Limit, 0-255
 */
public record RxContext(InetAddress source, InetAddress destination, int ttl) {

    public RxContext {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        if (IpFamily.of(source) != IpFamily.of(destination)) {
            throw new IllegalArgumentException("source " + source + " and destination " + destination
                    + " are of different families");
        }
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException("TTL " + ttl + " outside 0-255");
        }
    }

    /** The context of an IPv4 packet whose header {@link Ipv4Frame#split} read. */
    public static RxContext of(Ipv4Header header) {
        return new RxContext(header.source(), header.destination(), header.ttl());
    }

    public IpFamily family() {
        return IpFamily.of(source);
    }
}
