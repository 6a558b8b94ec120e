package io.hakeeper.common.zk;

import java.util.List;

/**
 * {@code instances/<inst>/holder} (ephemeral): exists only while a node holds the instance's VIPs.
 * It is created in the claim transaction together with the epoch bump (DESIGN.md, "The fence",
 * point 2), so {@code epoch} is the fencing epoch of this tenure.
 *
 * @param sinceMs wall-clock epoch milliseconds of the claim, for people
 */
public record HolderRecord(String node, long epoch, long sinceMs, List<String> vips) implements ZkRecord {

    public HolderRecord {
        RecordFields.name("node", node);
        RecordFields.atLeast("epoch", epoch, 0);
        vips = RecordFields.list("vips", vips);
    }
}
