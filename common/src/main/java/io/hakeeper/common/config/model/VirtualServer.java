package io.hakeeper.common.config.model;

import java.util.List;

/**
 * {@code virtual_server (IP PORT | fwmark N | group NAME)}. Exactly one of address/port, fwmark or
 * group is set, as {@code kind} says. {@code persistenceTimeoutSec} null means not persistent.
 * {@code sorryServer} null means none.
 */
public record VirtualServer(
        Kind kind,
        String address,
        Integer port,
        Integer fwmark,
        String group,
        boolean ipv6,
        Protocol protocol,
        String scheduler,
        LbMethod method,
        int delayLoopSec,
        Integer persistenceTimeoutSec,
        String persistenceGranularity,
        Endpoint sorryServer,
        boolean sorryServerInhibit,
        int quorum,
        int hysteresis,
        boolean alpha,
        boolean omega,
        boolean inhibitOnFailure,
        String virtualhost,
        List<String> quorumUp,
        List<String> quorumDown,
        List<RealServer> realServers) {

    public enum Kind { ADDRESS, FWMARK, GROUP }

    public enum Protocol { TCP, UDP, SCTP }

    /** IPVS forwarding method ({@code lb_kind} / {@code lvs_method}). */
    public enum LbMethod { NAT, DR, TUN }

    /** keepalived's {@code persistence_timeout} when the keyword has no value: 6 minutes. */
    public static final int DEFAULT_PERSISTENCE_TIMEOUT_SEC = 360;

    /** Every scheduler the upstream kernel ships (net/netfilter/ipvs/ip_vs_*.c). */
    public static final List<String> SCHEDULERS =
            List.of("rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "fo", "ovf", "mh", "twos");

    public VirtualServer {
        quorumUp = List.copyOf(quorumUp);
        quorumDown = List.copyOf(quorumDown);
        realServers = List.copyOf(realServers);
    }

    /** How keepalived logs it: {@code [10.0.0.1]:80}, {@code FWM 5}, {@code group web}. */
    public String label() {
        return switch (kind) {
            case ADDRESS -> Endpoint.show(address, port, ipv6);
            case FWMARK -> "FWM " + fwmark;
            case GROUP -> "group " + group;
        };
    }
}
