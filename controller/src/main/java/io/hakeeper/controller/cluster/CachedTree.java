package io.hakeeper.controller.cluster;

import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.utils.ZKPaths;

/** Reads from a {@link CuratorCache} of the cluster root: what ZooKeeper's watches last told us. */
public final class CachedTree implements TreeSource {

    private final CuratorCache cache;

    public CachedTree(CuratorCache cache) {
        this.cache = cache;
    }

    @Override
    public List<String> children(String path) {
        return cache.stream()
                .filter(c -> ZKPaths.getPathAndNode(c.getPath()).getPath().equals(path) && !c.getPath().equals(path))
                .map(c -> ZKPaths.getNodeFromPath(c.getPath()))
                .toList();
    }

    @Override
    public Optional<ZNode> node(String path) {
        return cache.get(path).map(c -> new ZNode(path, c.getData(), c.getStat()));
    }
}
