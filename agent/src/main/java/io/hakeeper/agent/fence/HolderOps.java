package io.hakeeper.agent.fence;

import java.util.List;
import org.apache.zookeeper.Op;

/**
 * The ZooKeeper ops a holder sends about its own tenure. Every one is guarded by the epoch node's
 * version, which each claim's {@code multi} bumps and nothing else touches: it equals our epoch
 * exactly while no one has claimed since we did. A holder node's own version cannot say whose it
 * is (every claim creates it at version 0, and a delete does not look at the ephemeral owner), so a
 * late or repeated delete guarded by it alone could remove a successor's node and let a third
 * claim while the successor still has the VIPs.
 */
final class HolderOps {

    /** Ops per instance in {@link #renewal}: {@link LeaseKeeper} finds whose check failed by position. */
    static final int RENEWAL_OPS = 3;

    private HolderOps() {
    }

    /** Proves we still hold: our latch node, our holder node, and no claim since ours. */
    static List<Op> renewal(String latchPath, String holderPath, int holderVersion, String epochPath, long epoch) {
        return List.of(Op.check(latchPath, -1), Op.check(holderPath, holderVersion),
                Op.check(epochPath, epochVersion(epoch)));
    }

    /** Deletes our holder node, and only ours: fails with BADVERSION once anyone has claimed since. */
    static List<Op> release(String holderPath, int holderVersion, String epochPath, long epoch) {
        return List.of(Op.check(epochPath, epochVersion(epoch)), Op.delete(holderPath, holderVersion));
    }

    /** The epoch is the epoch node's version after the claim's setData (see InstanceFence#sendClaim). */
    private static int epochVersion(long epoch) {
        return Math.toIntExact(epoch);
    }
}
