package io.hakeeper.common.vrrp;

import static io.hakeeper.common.vrrp.VrrpProtocol.VRRP_MAX_ADDRESSES;
import static io.hakeeper.common.vrrp.VrrpProtocol.VRRP_PKT_ADVERT;
import static io.hakeeper.common.vrrp.VrrpProtocol.VRRP_V2_MAX_ADVER_INT;
import static io.hakeeper.common.vrrp.VrrpProtocol.VRRP_V3_MAX_ADVER_INT;
import static io.hakeeper.common.vrrp.VrrpProtocol.VRRP_VERSION_2;
import static io.hakeeper.common.vrrp.VrrpProtocol.VRRP_VERSION_3;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One VRRP advertisement, field for field as on the wire (RFC 3768 section 5.1, RFC 5798 section 5.1),
 * minus the checksum, which belongs to the encoding. Every instance is a valid advert: the
 * constructor refuses what the decoder would reject, so code holding one never re-checks it.
 *
 * @param version        2 or 3
 * @param type           always {@link VrrpProtocol#VRRP_PKT_ADVERT}; kept because it is a wire field
 * @param vrid           1-255
 * @param priority       0 (master stopping) to 255 (address owner)
 * @param addressCount   always {@code addresses.size()}; kept because it is a wire field
 * @param auth           v2: Auth Type and Authentication Data; v3: {@link VrrpAuth#NONE}
 * @param advertInterval v2: Adver Int in seconds (1-255); v3: Max Adver Int in centiseconds (1-4095)
 * @param family         IPv4 or IPv6; v2 is IPv4 only (RFC 3768 is an IPv4 protocol)
 * @param addresses      the virtual addresses, all of {@code family}, as bare addresses built from bytes
 */
public record VrrpAdvert(int version, int type, int vrid, int priority, int addressCount, VrrpAuth auth,
                         int advertInterval, IpFamily family, List<InetAddress> addresses) {

    public VrrpAdvert {
        if (version != VRRP_VERSION_2 && version != VRRP_VERSION_3) {
            throw new IllegalArgumentException("VRRP version " + version + " is neither 2 nor 3");
        }
        if (type != VRRP_PKT_ADVERT) {
            throw new IllegalArgumentException("VRRP type " + type + " is not 1 (advertisement)");
        }
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("VRID " + vrid + " outside 1-255");
        }
        if (priority < 0 || priority > 255) {
            throw new IllegalArgumentException("priority " + priority + " outside 0-255");
        }
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(addresses, "addresses");
        int maxInterval = version == VRRP_VERSION_2 ? VRRP_V2_MAX_ADVER_INT : VRRP_V3_MAX_ADVER_INT;
        if (advertInterval < 1 || advertInterval > maxInterval) {
            throw new IllegalArgumentException("advert interval " + advertInterval + " outside 1-" + maxInterval
                    + (version == VRRP_VERSION_2 ? " seconds" : " centiseconds"));
        }
        if (version == VRRP_VERSION_2 && family != IpFamily.IPV4) {
            throw new IllegalArgumentException("VRRPv2 is IPv4 only (RFC 3768); use VRRPv3 for IPv6");
        }
        if (version == VRRP_VERSION_3 && !auth.equals(VrrpAuth.NONE)) {
            throw new IllegalArgumentException("VRRPv3 has no authentication (RFC 5798 section 9)");
        }
        if (addresses.size() > VRRP_MAX_ADDRESSES) {
            throw new IllegalArgumentException(addresses.size() + " addresses; the count field holds at most 255");
        }
        if (addressCount != addresses.size()) {
            throw new IllegalArgumentException("address count " + addressCount + " but " + addresses.size()
                    + " addresses");
        }
        List<InetAddress> bare = new ArrayList<>(addresses.size());
        for (InetAddress a : addresses) {
            bare.add(family.canonical(Objects.requireNonNull(a, "address")));
        }
        addresses = List.copyOf(bare);
    }

    /** A VRRPv2 advert over IPv4, as keepalived sends with {@code vrrp_version 2}. */
    public static VrrpAdvert v2(int vrid, int priority, int advertIntervalSeconds, VrrpAuth auth,
                                List<? extends InetAddress> addresses) {
        return new VrrpAdvert(VRRP_VERSION_2, VRRP_PKT_ADVERT, vrid, priority, addresses.size(), auth,
                advertIntervalSeconds, IpFamily.IPV4, List.copyOf(addresses));
    }

    /** A VRRPv3 advert; {@code maxAdverIntCentiseconds} is RFC 5798's unit (100 = 1 s). */
    public static VrrpAdvert v3(int vrid, int priority, int maxAdverIntCentiseconds, IpFamily family,
                                List<? extends InetAddress> addresses) {
        return new VrrpAdvert(VRRP_VERSION_3, VRRP_PKT_ADVERT, vrid, priority, addresses.size(), VrrpAuth.NONE,
                maxAdverIntCentiseconds, family, List.copyOf(addresses));
    }

    /** The same advert with another priority: a master sends priority 0 when it releases (RFC 3768 section 6.4.3). */
    public VrrpAdvert withPriority(int newPriority) {
        return new VrrpAdvert(version, type, vrid, newPriority, addressCount, auth, advertInterval, family, addresses);
    }

    /** The advert interval in milliseconds, whichever unit the version uses. */
    public int advertIntervalMillis() {
        return version == VRRP_VERSION_2 ? advertInterval * 1000 : advertInterval * 10;
    }
}
