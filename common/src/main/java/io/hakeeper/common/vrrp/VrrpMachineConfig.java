package io.hakeeper.common.vrrp;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What a {@link VrrpMachine} is: one virtual router as our {@code vrrp_instance} configures it.
 *
 * @param vrid           {@code virtual_router_id}, 1-255
 * @param version        2 or 3
 * @param family         the family of the adverts and virtual addresses (v2: IPv4 only)
 * @param auth           v2 authentication ({@link VrrpAuth#NONE} for v3)
 * @param advertInterval Advertisement_Interval in the version's unit (v2 seconds, v3 centiseconds)
 * @param addresses      the virtual addresses our adverts carry
 * @param priority       the priority we start with (1-255); the fence may change it later
 * @param isMember       whether an advert's IP source belongs to an agent of our cluster. Adverts
 *                       from anyone else are reported as a foreign router and change nothing.
 */
public record VrrpMachineConfig(int vrid, int version, IpFamily family, VrrpAuth auth, int advertInterval,
                                List<InetAddress> addresses, int priority, Predicate<InetAddress> isMember) {

    public VrrpMachineConfig {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(isMember, "isMember");
        addresses = List.copyOf(addresses);
        if (priority < 1 || priority > VrrpProtocol.VRRP_PRIO_OWNER) {
            throw new IllegalArgumentException("priority " + priority + " outside 1-255 (0 is reserved for a"
                    + " master that stops, RFC 3768 section 5.3.4)");
        }
        if (version == VrrpProtocol.VRRP_VERSION_2 && family != IpFamily.IPV4) {
            throw new IllegalArgumentException("VRRPv2 is IPv4 only (RFC 3768); use VRRPv3 for IPv6");
        }
        if (version == VrrpProtocol.VRRP_VERSION_3 && !auth.equals(VrrpAuth.NONE)) {
            throw new IllegalArgumentException("VRRPv3 has no authentication (RFC 5798 section 9)");
        }
        // The advert constructor holds every wire-level rule (VRID, interval range, v2 is IPv4 only, ...).
        advert(version, vrid, priority, family, auth, advertInterval, addresses);
    }

    /** The advert we send at {@code priority}. */
    public VrrpAdvert advert(int atPriority) {
        return advert(version, vrid, atPriority, family, auth, advertInterval, addresses);
    }

    /** What the decoder should hold received adverts against; {@code unicast} skips the TTL check. */
    public VrrpExpectation expectation(boolean unicast) {
        return new VrrpExpectation(vrid, version, auth, addresses, advertInterval, unicast);
    }

    /** Advertisement_Interval in nanoseconds. */
    public long advertIntervalNanos() {
        return VrrpTiming.intervalNanos(version, advertInterval);
    }

    private static VrrpAdvert advert(int version, int vrid, int priority, IpFamily family, VrrpAuth auth,
                                     int interval, List<InetAddress> addresses) {
        return version == VrrpProtocol.VRRP_VERSION_2
                ? VrrpAdvert.v2(vrid, priority, interval, auth, addresses)
                : VrrpAdvert.v3(vrid, priority, interval, family, addresses);
    }
}
