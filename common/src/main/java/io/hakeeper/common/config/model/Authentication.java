package io.hakeeper.common.config.model;

/** {@code authentication { auth_type PASS|AH; auth_pass X }}; VRRPv2 only (RFC 3768 section 5.3.6). */
public record Authentication(Type type, String password) {

    public enum Type { NONE, PASS, AH }

    public static final Authentication NONE = new Authentication(Type.NONE, null);
}
