package io.hakeeper.common.config.model;

/** Our {@code fence { }} extension: what the holder does while ZooKeeper is unreachable. */
public record FenceSettings(OnZkLoss onZkLoss) {

    public enum OnZkLoss { RELEASE, HOLD }

    public static final FenceSettings DEFAULTS = new FenceSettings(OnZkLoss.RELEASE);
}
