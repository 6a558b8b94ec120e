package io.hakeeper.controller.findings;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Every kind of finding, with a stable machine name (the JSON {@code code}). Names are never reused
 * or renamed; new ones may be added.
 */
public enum FindingCode {
    // ---- status (read from the records) ----
    NO_CLUSTER,
    NO_AGENTS,
    NO_HOLDER,
    SINGLE_ELIGIBLE_MEMBER,
    MEMBER_DISAGREEMENT,
    FOREIGN_ROUTER,
    DUPLICATE_VIP,
    MASTER_SILENT,
    UNSAFE_FENCE_BUDGET,
    UNREADABLE_RECORD,
    STALE_MEMBER,
    DRAINED,
    SWITCHOVER_PENDING,
    // ---- doctor ----
    CLUSTER_UNREADABLE,
    SERVER_UNREACHABLE,
    SERVER_MODE,
    NO_QUORUM,
    STANDALONE_ENSEMBLE,
    FOUR_LETTER_WORDS,
    LATENCY,
    TICK_TIME_MISMATCH,
    SESSION_LIMITS,
    CLOCK_SKEW,
    VERSION_SKEW;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
