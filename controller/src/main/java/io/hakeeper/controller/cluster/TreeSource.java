package io.hakeeper.controller.cluster;

import java.util.List;
import java.util.Optional;

/**
 * Read access to the cluster's znodes, either straight from ZooKeeper ({@link LiveTree}) or from a
 * watched cache ({@link CachedTree}, for {@code status --watch}). A node that vanishes between a
 * listing and a read is simply absent.
 */
public interface TreeSource {

    /** Child names of {@code path}, empty when it does not exist. */
    List<String> children(String path) throws Exception;

    /** The node, or empty when it does not exist. */
    Optional<ZNode> node(String path) throws Exception;
}
