package io.hakeeper.common.vrrp;

/**
 * Why a received packet was dropped. Every drop is counted per reason and logged with the detail,
 * the way keepalived keeps one statistics counter per check in {@code vrrp_check_packet}.
 */
public enum RejectReason {

    // --- the IPv4 header a raw socket delivers (Ipv4Frame) ---

    /** Fewer bytes than the IPv4 header, or than its own header or total length claims. */
    IP_TRUNCATED("IPv4 packet truncated"),
    /** The version nibble is not 4 (RFC 791 section 3.1). */
    IP_BAD_VERSION("not an IPv4 header"),
    /** IHL below 5 words, the minimum IPv4 header (RFC 791 section 3.1). */
    IP_BAD_IHL("bad IPv4 header length"),
    /** Total Length shorter than the header, or shorter than what arrived (keepalived: "ip_tot_len mismatch"). */
    IP_LENGTH_MISMATCH("IPv4 total length disagrees with the bytes received"),
    /** The protocol is not 112; an AH-wrapped advert (keepalived {@code auth_type AH}) lands here. */
    IP_WRONG_PROTOCOL("not VRRP (IP protocol 112)"),

    // --- the VRRP message ---

    /** Shorter than the 8-byte header, or than the header plus v2's 8-byte Authentication Data. */
    TOO_SHORT("too short for a VRRP advertisement"),
    /** After the fixed part, the bytes are not a whole number of addresses (RFC 5798 section 7.1: length check). */
    LENGTH_MISMATCH("length is not the fixed part plus whole addresses"),
    /** The count field and the addresses present disagree (RFC 3768 section 5.3.5, RFC 5798 section 5.2.5). */
    ADDRESS_COUNT_MISMATCH("address count disagrees with the addresses present"),
    /** Version other than 2 or 3, or VRRPv2 over IPv6 (RFC 3768 section 7.1, RFC 5798 section 7.1). */
    BAD_VERSION("unsupported VRRP version"),
    /** Type other than 1, ADVERTISEMENT (RFC 3768 section 5.3.2, RFC 5798 section 5.2.2). */
    BAD_TYPE("not a VRRP advertisement"),
    /** The checksum verifies under no form we accept (RFC 3768 section 7.1, RFC 5798 section 7.1). */
    BAD_CHECKSUM("bad checksum"),
    /** TTL or Hop Limit other than 255: the sender is not on our link (RFC 3768 section 7.1, RFC 5798 section 7.1). */
    BAD_TTL("TTL / hop limit is not 255"),
    /** VRID 0 is outside the valid 1-255 (RFC 3768 section 5.3.3, RFC 5798 section 5.2.3). */
    VRID_ZERO("VRID 0 is invalid"),
    /**
     * Advert interval 0 is meaningless: Master_Down_Interval, three intervals plus skew
     * (RFC 3768 section 6.1, RFC 5798 section 6.1), would collapse to the skew alone.
     */
    ADVERT_INTERVAL_ZERO("advertisement interval 0 is invalid"),
    /** v2 Auth Type other than 0, 1 or 2 (RFC 3768 section 5.3.6: unknown types MUST be discarded). */
    AUTH_TYPE_UNKNOWN("unknown authentication type"),

    // --- against our own instance's configuration (VrrpExpectation) ---

    /** Another virtual router's advert (RFC 3768 section 7.1, RFC 5798 section 7.1: VRID must be ours). */
    VRID_MISMATCH("advert is for another VRID"),
    /** Valid advert, but not the VRRP version this instance speaks. */
    VERSION_MISMATCH("VRRP version differs from ours"),
    /** Auth Type differs from ours (RFC 3768 section 5.3.6: MUST be discarded). */
    AUTH_TYPE_MISMATCH("authentication type differs from ours"),
    /** Auth Type PASS with another password (RFC 2338 section 5.3.6.1). */
    PASSWORD_MISMATCH("password differs from ours"),
    /** VRRPv2 Adver Int differs from ours (RFC 3768 section 7.1: MUST discard; keepalived drops too). */
    ADVERT_INTERVAL_MISMATCH("advertisement interval differs from ours");

    private final String message;

    RejectReason(String message) {
        this.message = message;
    }

    /** A short sentence for logs and status: what was wrong, without the packet's particulars. */
    public String message() {
        return message;
    }
}
