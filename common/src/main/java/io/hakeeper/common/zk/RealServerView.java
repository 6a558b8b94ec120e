package io.hakeeper.common.zk;

import java.util.List;

/**
 * {@code realservers/<vs>/<node>} (ephemeral): one node's checker verdicts for every real server of
 * one virtual server. Checkers publish only when a verdict changes (DESIGN.md, "IPVS and checkers").
 *
 * @param virtualServer the {@link VirtualServerKey} encoding, as in the path
 * @param updatedAtMs wall-clock epoch milliseconds
 */
public record RealServerView(String node, String virtualServer, List<RealServer> realServers, long updatedAtMs)
        implements ZkRecord {

    public RealServerView {
        RecordFields.name("node", node);
        if (VirtualServerKey.decode(virtualServer).isEmpty()) {
            throw new IllegalArgumentException("virtualServer '" + virtualServer + "' is not a virtual server key");
        }
        realServers = RecordFields.list("realServers", realServers);
    }

    /**
     * One real server's verdict.
     *
     * @param weight the IPVS weight this node programs for it (0 when inhibited)
     * @param sinceMs wall-clock epoch milliseconds of the last change of {@code up}
     */
    public record RealServer(String address, int port, boolean up, int weight, String reason, long sinceMs) {
        public RealServer {
            RecordFields.required("address", address);
            RecordFields.range("port", port, 0, 65535);
            RecordFields.atLeast("weight", weight, 0);
            reason = RecordFields.orEmpty(reason);
        }
    }
}
