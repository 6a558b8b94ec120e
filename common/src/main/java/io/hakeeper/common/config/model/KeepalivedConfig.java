package io.hakeeper.common.config.model;

import java.util.List;
import java.util.Optional;

/**
 * The whole parsed and validated config: keepalived's blocks plus our {@code zookeeper} and
 * {@code fence} extensions. Immutable. {@code zookeeper} is null when the block is absent
 * ({@code haagent run} refuses that; {@code check} warns).
 */
public record KeepalivedConfig(
        String source,
        GlobalDefs globalDefs,
        List<VrrpScript> vrrpScripts,
        List<TrackFileDef> trackFiles,
        List<VrrpInstance> instances,
        List<SyncGroup> syncGroups,
        List<VirtualServerGroup> virtualServerGroups,
        List<VirtualServer> virtualServers,
        ZooKeeperSettings zookeeper,
        FenceSettings fence) {

    public KeepalivedConfig {
        vrrpScripts = List.copyOf(vrrpScripts);
        trackFiles = List.copyOf(trackFiles);
        instances = List.copyOf(instances);
        syncGroups = List.copyOf(syncGroups);
        virtualServerGroups = List.copyOf(virtualServerGroups);
        virtualServers = List.copyOf(virtualServers);
    }

    public Optional<VrrpScript> vrrpScript(String name) {
        return vrrpScripts.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<VrrpInstance> instance(String name) {
        return instances.stream().filter(i -> i.name().equals(name)).findFirst();
    }
}
