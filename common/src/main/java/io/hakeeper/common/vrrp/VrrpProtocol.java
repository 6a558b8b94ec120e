package io.hakeeper.common.vrrp;

import java.net.Inet4Address;
import java.net.Inet6Address;

/**
 * Numbers VRRP fixes on the wire. Names follow the RFCs where they give one and keepalived's
 * {@code vrrp.h} where they do not, so a reader can grep either for the same constant.
 */
public final class VrrpProtocol {

    /** IP protocol number of VRRP (RFC 3768 section 5.2.4, RFC 5798 section 5.1.1.4). */
    public static final int IPPROTO_VRRP = 112;

    /**
     * TTL (IPv4) or Hop Limit (IPv6) every advert is sent with, and the only value a receiver
     * accepts: a router cannot forward a packet without lowering it, so 255 proves the sender is
     * on the link (RFC 3768 sections 5.2.3 and 7.1, RFC 5798 sections 5.1.1.3, 5.1.2.3 and 7.1).
     */
    public static final int VRRP_IP_TTL = 255;

    /** IPv4 multicast group for adverts, 224.0.0.18 (RFC 3768 section 5.2.2, RFC 5798 section 5.1.1.2). */
    public static final Inet4Address VRRP_MCAST_GROUP4 =
            (Inet4Address) IpFamily.IPV4.address(new byte[] {(byte) 224, 0, 0, 18}, 0);

    /** IPv6 multicast group for adverts, ff02::12 (RFC 5798 section 5.1.2.2). */
    public static final Inet6Address VRRP_MCAST_GROUP6 = (Inet6Address) IpFamily.IPV6.address(
            new byte[] {(byte) 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12}, 0);

    /** Version field of a VRRPv2 advert (RFC 3768 section 5.3.1). */
    public static final int VRRP_VERSION_2 = 2;

    /** Version field of a VRRPv3 advert (RFC 5798 section 5.2.1). */
    public static final int VRRP_VERSION_3 = 3;

    /** The only packet type, ADVERTISEMENT (RFC 3768 section 5.3.2, RFC 5798 section 5.2.2). */
    public static final int VRRP_PKT_ADVERT = 1;

    /**
     * The fixed part both versions share: version/type, VRID, priority, count, then auth type and
     * Adver Int (v2) or the 16-bit Max Adver Int word (v3), then the checksum
     * (RFC 3768 section 5.1, RFC 5798 section 5.1).
     */
    public static final int VRRP_HEADER_LEN = 8;

    /** Authentication Data trailing a VRRPv2 advert: two 32-bit words (RFC 3768 section 5.3.10). */
    public static final int VRRP_AUTH_LEN = 8;

    /** Priority of the router that owns the virtual addresses (RFC 3768 section 5.3.4, RFC 5798 section 5.2.4). */
    public static final int VRRP_PRIO_OWNER = 255;

    /** Priority a master sends when it stops, so a backup takes over at once (RFC 3768 section 5.3.4). */
    public static final int VRRP_PRIO_STOP = 0;

    /** Largest VRRPv2 Adver Int: an 8-bit count of seconds (RFC 3768 section 5.3.7). */
    public static final int VRRP_V2_MAX_ADVER_INT = 0xFF;

    /** Largest VRRPv3 Max Adver Int: 12 bits of centiseconds (RFC 5798 section 5.2.7). */
    public static final int VRRP_V3_MAX_ADVER_INT = 0x0FFF;

    /** Count IP Addrs / Count IPvX Addr is one byte (RFC 3768 section 5.3.5, RFC 5798 section 5.2.5). */
    public static final int VRRP_MAX_ADDRESSES = 0xFF;

    private VrrpProtocol() {
    }
}
