package io.hakeeper.controller.support;

import io.hakeeper.controller.cluster.ClusterSnapshot;
import io.hakeeper.controller.cluster.ClusterWatch;
import io.hakeeper.controller.zk.ZkSession;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/** Waits for a state of the cluster through ZooKeeper watches, never by sleeping. */
public final class ClusterWaits {

    private ClusterWaits() {
    }

    /** True once {@code condition} holds for the watched tree, false after {@code timeout}. */
    public static boolean until(ZkSession zk, Predicate<ClusterSnapshot> condition, Duration timeout) throws Exception {
        try (ClusterWatch w = new ClusterWatch(zk.client(), zk.layout()).start()) {
            return w.awaitUntil(s -> condition.test(s) ? Optional.of(true) : Optional.empty(), timeout).isPresent();
        }
    }

    /** The instance's holder is {@code node}. */
    public static Predicate<ClusterSnapshot> holder(String instance, String node) {
        return s -> s.instance(instance).flatMap(ClusterSnapshot.InstanceEntry::holderNode).filter(node::equals)
                .isPresent();
    }

    /** {@code node} has a current, eligible member record in the instance. */
    public static Predicate<ClusterSnapshot> candidate(String instance, String node) {
        return s -> s.instance(instance).flatMap(i -> i.member(node)).filter(ClusterSnapshot.MemberEntry::candidate)
                .isPresent();
    }

    /** {@code node} has a current member record in the instance. */
    public static Predicate<ClusterSnapshot> currentMember(String instance, String node) {
        return s -> s.instance(instance).flatMap(i -> i.member(node)).filter(ClusterSnapshot.MemberEntry::current)
                .isPresent();
    }
}
