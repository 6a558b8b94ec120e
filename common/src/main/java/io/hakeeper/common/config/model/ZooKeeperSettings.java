package io.hakeeper.common.config.model;

/**
 * Our {@code zookeeper { }} extension. Times in milliseconds. {@code tickTimeMs} must match the
 * ensemble's tickTime: the fence budget depends on it.
 */
public record ZooKeeperSettings(String connect, String root, String cluster, int sessionTimeoutMs,
                                int tickTimeMs, String authDigestFile) {

    public static final String DEFAULT_ROOT = "/hakeeper";
    public static final String DEFAULT_CLUSTER = "default";
    public static final int DEFAULT_SESSION_TIMEOUT_MS = 4000;
    /** ZooKeeper's own default tickTime (zoo.cfg). */
    public static final int DEFAULT_TICK_TIME_MS = 2000;
}
