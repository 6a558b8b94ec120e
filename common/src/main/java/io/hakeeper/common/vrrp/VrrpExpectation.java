package io.hakeeper.common.vrrp;

import static io.hakeeper.common.vrrp.VrrpProtocol.VRRP_VERSION_2;
import static io.hakeeper.common.vrrp.VrrpProtocol.VRRP_VERSION_3;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What our own {@code vrrp_instance} is configured with, to judge a valid advert against. What
 * RFC 3768 section 7.1 says to discard becomes a rejection; what keepalived only logs becomes a
 * {@link Finding}.
 *
 * @param vrid           our {@code virtual_router_id}
 * @param version        the VRRP version we speak
 * @param auth           our v2 authentication; ignored for v3
 * @param addresses      our {@code virtual_ipaddress} list
 * @param advertInterval our advert interval in the version's unit (v2 seconds, v3 centiseconds)
 * @param unicast        whether we use {@code unicast_peer}: unicast adverts may cross routers, so
 *                       the TTL check is skipped, as keepalived does ({@code vrrp_check_packet})
 */
public record VrrpExpectation(int vrid, int version, VrrpAuth auth, List<InetAddress> addresses,
                              int advertInterval, boolean unicast) {

    public VrrpExpectation {
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("VRID " + vrid + " outside 1-255");
        }
        if (version != VRRP_VERSION_2 && version != VRRP_VERSION_3) {
            throw new IllegalArgumentException("VRRP version " + version + " is neither 2 nor 3");
        }
        Objects.requireNonNull(auth, "auth");
        addresses = List.copyOf(addresses);
    }

    /** Our view of this advert: a rejection, if RFC 3768 section 7.1 says to drop it. */
    Optional<DecodeResult.Rejected> reject(VrrpAdvert advert) {
        if (advert.vrid() != vrid) {
            return rejected(RejectReason.VRID_MISMATCH, "VRID " + advert.vrid() + ", ours is " + vrid);
        }
        if (advert.version() != version) {
            return rejected(RejectReason.VERSION_MISMATCH, "VRRPv" + advert.version() + ", we speak VRRPv" + version);
        }
        if (version == VRRP_VERSION_2) {
            if (advert.auth().type() != auth.type()) {
                return rejected(RejectReason.AUTH_TYPE_MISMATCH, "auth type " + advert.auth().type() + ", ours is "
                        + auth.type());
            }
            if (auth.type() == VrrpAuth.VRRP_AUTH_PASS && !auth.sameData(advert.auth())) {
                return rejected(RejectReason.PASSWORD_MISMATCH, "VRID " + vrid + " advert carries another auth_pass");
            }
            if (advert.advertInterval() != advertInterval) {
                return rejected(RejectReason.ADVERT_INTERVAL_MISMATCH, "advert_int " + advert.advertInterval()
                        + " s, ours is " + advertInterval + " s");
            }
        }
        return Optional.empty();
    }

    /** Our view of an advert {@link #reject} let through: what differs without mattering for the drop. */
    List<Finding> findings(VrrpAdvert advert) {
        List<Finding> findings = new ArrayList<>(2);
        Set<InetAddress> theirs = new LinkedHashSet<>(advert.addresses());
        Set<InetAddress> ours = new LinkedHashSet<>(addresses);
        if (!theirs.equals(ours) || advert.addresses().size() != addresses.size()) {
            Set<InetAddress> missing = new LinkedHashSet<>(ours);
            missing.removeAll(theirs);
            Set<InetAddress> extra = new LinkedHashSet<>(theirs);
            extra.removeAll(ours);
            findings.add(new Finding(Finding.Kind.ADDRESSES_DIFFER, "advert has " + advert.addresses().size()
                    + " addresses, we have " + addresses.size() + "; missing " + literals(missing) + ", unexpected "
                    + literals(extra)));
        }
        if (version == VRRP_VERSION_3 && advert.advertInterval() != advertInterval) {
            findings.add(new Finding(Finding.Kind.ADVERT_INTERVAL_DIFFERS, "master advertises "
                    + advert.advertInterval() + " cs, ours is " + advertInterval + " cs"));
        }
        return findings;
    }

    private static Optional<DecodeResult.Rejected> rejected(RejectReason reason, String detail) {
        return Optional.of(new DecodeResult.Rejected(reason, detail));
    }

    /** Addresses as literals: {@code getHostAddress} never resolves, unlike {@code getHostName}. */
    private static String literals(Set<InetAddress> addresses) {
        List<String> out = new ArrayList<>(addresses.size());
        for (InetAddress a : addresses) {
            out.add(a.getHostAddress());
        }
        return out.toString();
    }
}
