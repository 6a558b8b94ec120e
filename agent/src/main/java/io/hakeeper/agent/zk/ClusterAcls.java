package io.hakeeper.agent.zk;

import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;

/**
 * ACLs for every node the agents create. With credentials: the agents' identity may do
 * everything, the read-only identity may read, nobody else may do anything. Without credentials
 * the cluster is open, as ZooKeeper is by default.
 */
public final class ClusterAcls implements ACLProvider {

    private final List<ACL> acls;

    public ClusterAcls(DigestCredentials credentials) {
        if (credentials == null) {
            acls = ZooDefs.Ids.OPEN_ACL_UNSAFE;
            return;
        }
        List<ACL> list = new ArrayList<>();
        list.add(new ACL(ZooDefs.Perms.ALL, new Id("digest", credentials.writerId())));
        if (credentials.readerId() != null) {
            list.add(new ACL(ZooDefs.Perms.READ, new Id("digest", credentials.readerId())));
        }
        acls = list;
    }

    // A fresh mutable list each time: ZooKeeper.validateACL calls contains(null), which immutable lists reject.
    @Override
    public List<ACL> getDefaultAcl() {
        return new ArrayList<>(acls);
    }

    @Override
    public List<ACL> getAclForPath(String path) {
        return new ArrayList<>(acls);
    }
}
