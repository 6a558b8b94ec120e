package io.hakeeper.common.zk;

import io.hakeeper.common.fence.FenceBudget;

/**
 * {@code nodes/<node>} (ephemeral): one live agent. Its presence says the agent's session is alive;
 * a second agent with the same node id must refuse to start (DESIGN.md, "ZooKeeper layout").
 * {@code startedAtMs} is wall-clock epoch milliseconds, for people; no decision reads it.
 * {@code sessionId} is the ZooKeeper session that owns the node, as the agent saw it.
 *
 * @param fence the agent's fence budget, so {@code hactl} can show and compare it
 * @param drained the agent has honoured a {@code control/drain/<node>} request
 */
public record NodeRecord(String node, String host, String version, long pid, long startedAtMs, long sessionId,
                         Fence fence, boolean drained) implements ZkRecord {

    public NodeRecord {
        RecordFields.name("node", node);
        host = RecordFields.orEmpty(host);
        version = RecordFields.orEmpty(version);
        RecordFields.atLeast("pid", pid, 0);
        if (fence == null) {
            throw new IllegalArgumentException("fence is missing");
        }
    }

    /** The fence budget as published: DESIGN.md, "Why no two holders". */
    public record Fence(int sessionTimeoutMs, int tickTimeMs, int marginMs, int leaseSec) {

        public Fence {
            RecordFields.range("fence.sessionTimeoutMs", sessionTimeoutMs, 1, Integer.MAX_VALUE);
            RecordFields.range("fence.tickTimeMs", tickTimeMs, 1, Integer.MAX_VALUE);
            RecordFields.range("fence.marginMs", marginMs, 0, Integer.MAX_VALUE);
            RecordFields.range("fence.leaseSec", leaseSec, 0, Integer.MAX_VALUE);
        }

        public static Fence of(FenceBudget budget) {
            return new Fence(budget.sessionTimeoutMs(), budget.tickTimeMs(), budget.marginMs(), budget.leaseSec());
        }
    }
}
