package io.hakeeper.common.config.model;

import java.util.List;

/**
 * {@code vrrp_instance NAME}. {@code initialState} is advisory in hakeeper: ZooKeeper decides who
 * holds the VIPs. {@code advertIntMs} keeps keepalived's fractional seconds. {@code version} null
 * means {@code global_defs vrrp_version}. {@code garp} already has the global defaults folded in.
 */
public record VrrpInstance(
        String name,
        State initialState,
        String iface,
        int vrid,
        int priority,
        int advertIntMs,
        boolean nopreempt,
        int preemptDelaySec,
        Integer version,
        Authentication authentication,
        List<VirtualIp> virtualIps,
        List<VirtualIp> excludedVirtualIps,
        List<TrackRef> trackScripts,
        List<TrackRef> trackInterfaces,
        List<TrackRef> trackFiles,
        String unicastSrcIp,
        String mcastSrcIp,
        List<String> unicastPeers,
        NotifyScripts notifyScripts,
        GarpSettings garp) {

    public enum State { MASTER, BACKUP }

    public VrrpInstance {
        virtualIps = List.copyOf(virtualIps);
        excludedVirtualIps = List.copyOf(excludedVirtualIps);
        trackScripts = List.copyOf(trackScripts);
        trackInterfaces = List.copyOf(trackInterfaces);
        trackFiles = List.copyOf(trackFiles);
        unicastPeers = List.copyOf(unicastPeers);
    }
}
