package io.hakeeper.common.zk;

import io.hakeeper.common.config.model.ZooKeeperSettings;

import java.util.OptionalLong;

/**
 * Every path of the ZooKeeper layout in DESIGN.md ("ZooKeeper layout"), under
 * {@code <root>/<cluster>}:
 * <pre>
 *   nodes/&lt;node&gt;                          ephemeral   NodeRecord
 *   instances/&lt;inst&gt;/latch/…              Curator LeaderLatch (never written by us)
 *   instances/&lt;inst&gt;/members/&lt;node&gt;      ephemeral   MemberRecord
 *   instances/&lt;inst&gt;/holder               ephemeral   HolderRecord
 *   instances/&lt;inst&gt;/epoch                persistent  version = fencing epoch
 *   control/drain/&lt;node&gt;                  persistent  DrainRequest
 *   control/switchover/&lt;inst&gt;             persistent  SwitchoverRequest
 *   events/e-&lt;seq&gt;                        persistent-sequential EventRecord
 *   realservers/&lt;vs&gt;/&lt;node&gt;              ephemeral   RealServerView
 * </pre>
 * Node ids and instance names are checked with {@link ZNodeName} before they become part of a
 * path, so a bad {@code router_id} fails here with a readable message rather than deep inside
 * ZooKeeper. Pure string work: nothing here talks to ZooKeeper.
 */
public record ZkLayout(String root, String cluster) {

    /** Curator appends a 10-digit sequence to this prefix for persistent-sequential nodes. */
    public static final String EVENT_PREFIX = "e-";

    /** ZooKeeper keeps its own data under /zookeeper; nothing of ours may live there. */
    private static final String RESERVED = "zookeeper";

    public ZkLayout {
        root = root == null ? ZooKeeperSettings.DEFAULT_ROOT : root;
        cluster = cluster == null ? ZooKeeperSettings.DEFAULT_CLUSTER : cluster;
        checkRoot(root);
        ZNodeName.require("cluster name", cluster);
        if (root.equals("/") && cluster.equals(RESERVED)) {
            throw new IllegalArgumentException("cluster name 'zookeeper' directly under '/' would be inside"
                    + " ZooKeeper's reserved /zookeeper tree; choose another cluster name or a root such as /hakeeper");
        }
    }

    public static ZkLayout of(ZooKeeperSettings settings) {
        return new ZkLayout(settings.root(), settings.cluster());
    }

    /** {@code /hakeeper/<cluster>} */
    public String clusterRoot() {
        return (root.equals("/") ? "" : root) + "/" + cluster;
    }

    // ---- nodes ------------------------------------------------------------------------------

    public String nodesDir() {
        return clusterRoot() + "/nodes";
    }

    public String node(String nodeId) {
        return nodesDir() + "/" + nodeId(nodeId);
    }

    // ---- instances --------------------------------------------------------------------------

    public String instancesDir() {
        return clusterRoot() + "/instances";
    }

    public String instance(String instance) {
        return instancesDir() + "/" + instanceName(instance);
    }

    /** The LeaderLatch's own directory. Curator writes here; we never do (DESIGN.md). */
    public String latch(String instance) {
        return instance(instance) + "/latch";
    }

    public String membersDir(String instance) {
        return instance(instance) + "/members";
    }

    public String member(String instance, String nodeId) {
        return membersDir(instance) + "/" + nodeId(nodeId);
    }

    public String holder(String instance) {
        return instance(instance) + "/holder";
    }

    /** Its data version is the fencing epoch, bumped in the claim transaction. */
    public String epoch(String instance) {
        return instance(instance) + "/epoch";
    }

    // ---- operator requests ------------------------------------------------------------------

    public String controlDir() {
        return clusterRoot() + "/control";
    }

    public String drainDir() {
        return controlDir() + "/drain";
    }

    public String drain(String nodeId) {
        return drainDir() + "/" + nodeId(nodeId);
    }

    public String switchoverDir() {
        return controlDir() + "/switchover";
    }

    public String switchover(String instance) {
        return switchoverDir() + "/" + instanceName(instance);
    }

    // ---- events -----------------------------------------------------------------------------

    public String eventsDir() {
        return clusterRoot() + "/events";
    }

    /** The path to create persistent-sequential event nodes with: {@code .../events/e-}. */
    public String eventPrefix() {
        return eventsDir() + "/" + EVENT_PREFIX;
    }

    /** The sequence number of an event child name such as {@code e-0000000042}; empty if it is not one. */
    public static OptionalLong eventSequence(String childName) {
        if (childName == null || !childName.startsWith(EVENT_PREFIX) || childName.length() == EVENT_PREFIX.length()) {
            return OptionalLong.empty();
        }
        String digits = childName.substring(EVENT_PREFIX.length());
        if (digits.length() > 19 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    // ---- real servers -----------------------------------------------------------------------

    public String realServersDir() {
        return clusterRoot() + "/realservers";
    }

    public String realServers(VirtualServerKey virtualServer) {
        return realServersDir() + "/" + virtualServer.encode();
    }

    /** That node's checker view of every real server of one virtual server. */
    public String realServerView(VirtualServerKey virtualServer, String nodeId) {
        return realServers(virtualServer) + "/" + nodeId(nodeId);
    }

    // ---- checks -----------------------------------------------------------------------------

    private static String nodeId(String nodeId) {
        return ZNodeName.require("node id", nodeId);
    }

    private static String instanceName(String instance) {
        return ZNodeName.require("instance name", instance);
    }

    private static void checkRoot(String root) {
        if (!root.startsWith("/")) {
            throw new IllegalArgumentException("zookeeper root '" + root + "' must be an absolute path such as /hakeeper");
        }
        if (root.equals("/")) {
            return;
        }
        if (root.endsWith("/")) {
            throw new IllegalArgumentException("zookeeper root '" + root + "' must not end with '/'; write "
                    + root.replaceAll("/+$", ""));
        }
        String[] parts = root.substring(1).split("/", -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("zookeeper root '" + root + "' has an empty element ('//');"
                        + " write each element once, as in /hakeeper");
            }
            ZNodeName.require("zookeeper root '" + root + "' has an element", part);
        }
        if (parts[0].equals(RESERVED)) {
            throw new IllegalArgumentException("zookeeper root '" + root + "' is inside ZooKeeper's reserved"
                    + " /zookeeper tree; use a root such as /hakeeper");
        }
    }
}
