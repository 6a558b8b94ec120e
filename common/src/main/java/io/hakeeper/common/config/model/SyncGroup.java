package io.hakeeper.common.config.model;

import java.util.List;

/** {@code vrrp_sync_group NAME}: instances that change state together. */
public record SyncGroup(String name, List<String> instances, NotifyScripts notifyScripts, List<TrackRef> trackScripts) {

    public SyncGroup {
        instances = List.copyOf(instances);
        trackScripts = List.copyOf(trackScripts);
    }
}
