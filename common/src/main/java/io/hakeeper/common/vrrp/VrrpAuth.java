package io.hakeeper.common.vrrp;

import io.hakeeper.common.config.model.Authentication;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A VRRPv2 advert's Auth Type and 8-byte Authentication Data. RFC 3768 section 5.3.6 keeps types 1
 * and 2 only as reserved values for compatibility with RFC 2338, which defined them; keepalived
 * still sends type 1 for {@code auth_type PASS}, so we speak it. VRRPv3 has no authentication
 * (RFC 5798 section 9) and its adverts carry {@link #NONE}.
 */
public record VrrpAuth(int type, byte[] data) {

    /** No Authentication (RFC 2338 section 5.3.6, RFC 3768 section 5.3.6). */
    public static final int VRRP_AUTH_NONE = 0;
    /** Simple Text Password (RFC 2338 section 5.3.6.1): the password in the Authentication Data. */
    public static final int VRRP_AUTH_PASS = 1;
    /**
     * IP Authentication Header (RFC 2338 section 5.3.6.2). The real protection is an AH header in
     * front of the VRRP message; we decode the VRRP part but never send this type.
     */
    public static final int VRRP_AUTH_AH = 2;

    /** Auth Type 0 with zero data, as RFC 3768 section 5.3.10 says to send. */
    public static final VrrpAuth NONE = new VrrpAuth(VRRP_AUTH_NONE, new byte[VrrpProtocol.VRRP_AUTH_LEN]);

    public VrrpAuth {
        if (type != VRRP_AUTH_NONE && type != VRRP_AUTH_PASS && type != VRRP_AUTH_AH) {
            throw new IllegalArgumentException("auth type " + type + " is not 0 (none), 1 (PASS) or 2 (AH)");
        }
        Objects.requireNonNull(data, "data");
        if (data.length != VrrpProtocol.VRRP_AUTH_LEN) {
            throw new IllegalArgumentException("authentication data is " + data.length + " bytes, not 8");
        }
        data = data.clone();
    }

    /**
     * keepalived's {@code auth_type PASS} + {@code auth_pass}: the password's bytes, cut to 8 and
     * zero-padded ({@code vrrp_parser.c}, {@code vrrp_auth_pass_handler}). keepalived copies the
     * config file's bytes; UTF-8 is what those are on any current system.
     */
    public static VrrpAuth password(String password) {
        byte[] raw = password.getBytes(StandardCharsets.UTF_8);
        return new VrrpAuth(VRRP_AUTH_PASS, Arrays.copyOf(raw, VrrpProtocol.VRRP_AUTH_LEN));
    }

    /** The auth an {@code authentication { }} block asks for. AH carries zero data in the VRRP part, as keepalived sends it. */
    public static VrrpAuth fromConfig(Authentication authentication) {
        if (authentication == null) {
            return NONE;
        }
        return switch (authentication.type()) {
            case NONE -> NONE;
            case PASS -> password(authentication.password() == null ? "" : authentication.password());
            case AH -> new VrrpAuth(VRRP_AUTH_AH, new byte[VrrpProtocol.VRRP_AUTH_LEN]);
        };
    }

    /** A copy of the 8 data bytes. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Compares the data in time independent of where they differ, as keepalived's {@code memcmp_constant_time} does. */
    public boolean sameData(VrrpAuth other) {
        return MessageDigest.isEqual(data, other.data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VrrpAuth other && type == other.type && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(data);
    }

    /** Never prints a password: adverts end up in logs and status output. */
    @Override
    public String toString() {
        return switch (type) {
            case VRRP_AUTH_NONE -> Arrays.equals(data, NONE.data) ? "none" : "none(data " + HexFormat.of().formatHex(data) + ")";
            case VRRP_AUTH_PASS -> "PASS(<redacted>)";
            default -> "AH";
        };
    }
}
