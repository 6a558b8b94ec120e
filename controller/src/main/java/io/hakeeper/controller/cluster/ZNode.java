package io.hakeeper.controller.cluster;

import org.apache.zookeeper.data.Stat;

/** A znode's bytes and stat as read at one moment. */
public record ZNode(String path, byte[] data, Stat stat) {

    /** The session that owns an ephemeral node; 0 for a persistent one. */
    public long owner() {
        return stat == null ? 0L : stat.getEphemeralOwner();
    }

    /** When the ZooKeeper leader created the node, on the leader's wall clock (epoch ms). */
    public long ctimeMs() {
        return stat == null ? 0L : stat.getCtime();
    }
}
