package io.hakeeper.controller.cli;

import io.hakeeper.common.zk.ZNodeName;
import io.hakeeper.controller.HaCtlException;
import io.hakeeper.controller.cluster.ClusterSnapshot;
import io.hakeeper.controller.cluster.LiveTree;
import io.hakeeper.controller.cluster.SnapshotReader;
import io.hakeeper.controller.findings.StatusFindings;
import io.hakeeper.controller.zk.ZkSession;

/** The reads every command starts with, and the checks of names users type. */
final class ClusterReads {

    private ClusterReads() {
    }

    static ClusterSnapshot snapshot(ZkSession zk) throws HaCtlException {
        return zk.read("reading " + zk.layout().clusterRoot(),
                () -> new SnapshotReader(new LiveTree(zk.client()), zk.layout(), System::currentTimeMillis).read());
    }

    /** A snapshot of a cluster that exists; otherwise the NO_CLUSTER finding as a usage error. */
    static ClusterSnapshot existing(ZkSession zk) throws HaCtlException {
        ClusterSnapshot s = snapshot(zk);
        if (!s.clusterExists()) {
            var f = StatusFindings.of(s).get(0);
            throw HaCtlException.usage(f.message() + "; " + f.action());
        }
        return s;
    }

    static String name(String what, String value) throws HaCtlException {
        var problem = ZNodeName.problem(value);
        if (problem.isPresent()) {
            throw HaCtlException.usage(what + " '" + value + "' cannot be a node or instance name: " + problem.get());
        }
        return value;
    }
}
