package io.hakeeper.common.zk;

/**
 * {@code control/drain/<node>} (persistent), written by {@code hactl drain}: the node makes itself
 * ineligible (reason "drained") in every instance until the request is deleted.
 *
 * @param requestedAtMs wall-clock epoch milliseconds
 */
public record DrainRequest(String node, String requestedBy, long requestedAtMs, String reason) implements ZkRecord {

    public DrainRequest {
        RecordFields.name("node", node);
        requestedBy = RecordFields.orEmpty(requestedBy);
        reason = RecordFields.orEmpty(reason);
    }
}
