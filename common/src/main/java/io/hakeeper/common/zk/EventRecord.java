package io.hakeeper.common.zk;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code events/e-<seq>} (persistent-sequential): one transition, for {@code hactl events}.
 *
 * @param timeMs wall-clock epoch milliseconds
 * @param instance the vrrp_instance, or empty for node-wide events (drain)
 * @param epoch the fencing epoch involved, 0 when none
 */
public record EventRecord(long timeMs, Kind kind, String instance, String node, long epoch, String reason)
        implements ZkRecord {

    public EventRecord {
        if (kind == null) {
            throw new IllegalArgumentException("kind is missing");
        }
        instance = RecordFields.orEmpty(instance);
        if (!instance.isEmpty()) {
            RecordFields.name("instance", instance);
        }
        RecordFields.name("node", node);
        RecordFields.atLeast("epoch", epoch, 0);
        reason = RecordFields.orEmpty(reason);
    }

    /** Written in JSON in lower case; a kind a newer writer added reads as UNKNOWN. */
    public enum Kind {
        @JsonProperty("claim") CLAIM,
        @JsonProperty("release") RELEASE,
        @JsonProperty("yield") YIELD,
        @JsonProperty("requeue") REQUEUE,
        @JsonProperty("fault") FAULT,
        @JsonProperty("conflict") CONFLICT,
        @JsonProperty("renewal-failure") RENEWAL_FAILURE,
        @JsonProperty("switchover") SWITCHOVER,
        @JsonProperty("drain") DRAIN,
        @JsonProperty("undrain") UNDRAIN,
        @JsonProperty("foreign-router") FOREIGN_ROUTER,
        @JsonEnumDefaultValue @JsonProperty("unknown") UNKNOWN
    }
}
