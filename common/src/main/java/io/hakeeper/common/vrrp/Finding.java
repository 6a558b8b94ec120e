package io.hakeeper.common.vrrp;

import java.util.Objects;

/**
 * Something about a valid advert that differs from our configuration but is no reason to drop it.
 * keepalived logs these and carries on; we surface them in status as misconfiguration.
 */
public record Finding(Kind kind, String detail) {

    public enum Kind {
        /** The advert's virtual addresses are not ours (RFC 3768 section 7.1: MAY verify, SHOULD log). */
        ADDRESSES_DIFFER("virtual addresses differ from ours"),
        /**
         * A VRRPv3 master advertises another Max Adver Int. Backups adopt the master's
         * (RFC 5798 section 6.4.2), so it is worth knowing but not dropping.
         */
        ADVERT_INTERVAL_DIFFERS("advertisement interval differs from ours");

        private final String message;

        Kind(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    /** {@code kind message: detail}, one line. */
    public String describe() {
        return kind.message() + ": " + detail;
    }
}
