package io.hakeeper.common.zk;

/**
 * {@code control/switchover/<inst>} (persistent), written by {@code hactl switchover}: the holder
 * should yield the instance.
 *
 * @param target the node that should take over, or empty for "the best other candidate"
 * @param requestedBy who asked (user@host), for the event log
 * @param requestedAtMs wall-clock epoch milliseconds
 */
public record SwitchoverRequest(String instance, String target, String requestedBy, long requestedAtMs,
                                String reason) implements ZkRecord {

    public SwitchoverRequest {
        RecordFields.name("instance", instance);
        target = RecordFields.orEmpty(target);
        if (!target.isEmpty()) {
            RecordFields.name("target", target);
        }
        requestedBy = RecordFields.orEmpty(requestedBy);
        reason = RecordFields.orEmpty(reason);
    }
}
