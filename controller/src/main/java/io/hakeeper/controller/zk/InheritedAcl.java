package io.hakeeper.controller.zk;

import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.data.ACL;

/**
 * The ACL for nodes hactl creates (control requests, its events): a copy of the cluster root's
 * ACL, which the agents set from their {@code auth_digest_file}. So a node hactl writes is
 * readable by the read-only identity and writable by the agents exactly as theirs are, whether or
 * not hactl was handed the read-only line.
 */
public final class InheritedAcl {

    private InheritedAcl() {
    }

    public static List<ACL> ofClusterRoot(CuratorFramework client, String clusterRoot) throws Exception {
        // A fresh mutable list: ZooKeeper.validateACL calls contains(null), which immutable lists reject.
        return new ArrayList<>(client.getACL().forPath(clusterRoot));
    }
}
