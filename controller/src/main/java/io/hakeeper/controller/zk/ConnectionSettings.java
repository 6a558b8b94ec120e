package io.hakeeper.controller.zk;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the cluster lives and how to reach it: the global options of every hactl command.
 *
 * @param connect the ZooKeeper connect string
 * @param authDigestFile null for an unauthenticated client
 * @param timeout for connecting, and for each {@code --wait}
 */
public record ConnectionSettings(String connect, String root, String cluster, Path authDigestFile, Duration timeout) {
}
