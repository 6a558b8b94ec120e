package io.hakeeper.agent.ipvs;

import java.util.Objects;

/**
 * A real server as IPVS holds it under a service: {@code IPVS_DEST_ATTR_ADDR} (+ {@code _ADDR_FAMILY}),
 * {@code _PORT}, {@code _FWD_METHOD}, {@code _WEIGHT}, {@code _U_THRESH}, {@code _L_THRESH} and,
 * for tunnels, {@code _TUN_TYPE/_TUN_PORT/_TUN_FLAGS}. Everything but address and port can be
 * changed in place by {@code IPVS_CMD_SET_DEST} (__ip_vs_update_dest).
 *
 * <p>Connection counters are not part of the value: they change on every packet and are not
 * something to reconcile (see {@link DestinationCounters}). A destination that does not tunnel
 * always has {@link TunnelOptions#IPIP}, since the kernel ignores the tunnel fields then.
 *
 * @param weight         0 takes the server out of scheduling but keeps its connections (inhibit)
 * @param upperThreshold stop sending new connections above this many; 0 = no limit
 * @param lowerThreshold resume below this many; the kernel refuses it above the upper (ERANGE)
 */
public record IpvsDestination(IpAddress address, int port, ForwardingMethod method, int weight,
                              int upperThreshold, int lowerThreshold, TunnelOptions tunnel) {

    public IpvsDestination {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(method, "method");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0-65535");
        }
        if (weight < 0) {
            throw new IllegalArgumentException("weight " + weight + " is negative");
        }
        if (upperThreshold < 0 || lowerThreshold < 0) {
            throw new IllegalArgumentException("connection thresholds cannot be negative");
        }
        tunnel = method == ForwardingMethod.TUNNEL && tunnel != null ? tunnel : TunnelOptions.IPIP;
    }

    /** A destination without thresholds or special tunnel options. */
    public static IpvsDestination of(String address, int port, ForwardingMethod method, int weight) {
        return new IpvsDestination(IpAddress.parse(address), port, method, weight, 0, 0, TunnelOptions.IPIP);
    }

    public DestinationKey key() {
        return new DestinationKey(address, port);
    }

    public AddressFamily family() {
        return address.family();
    }

    public IpvsDestination withWeight(int newWeight) {
        return new IpvsDestination(address, port, method, newWeight, upperThreshold, lowerThreshold, tunnel);
    }

    public IpvsDestination withMethod(ForwardingMethod newMethod) {
        return new IpvsDestination(address, port, newMethod, weight, upperThreshold, lowerThreshold, tunnel);
    }

    public IpvsDestination withThresholds(int upper, int lower) {
        return new IpvsDestination(address, port, method, weight, upper, lower, tunnel);
    }

    @Override
    public String toString() {
        return key() + " " + method.listName() + " weight " + weight
                + (upperThreshold != 0 || lowerThreshold != 0 ? " thresholds " + upperThreshold + "/" + lowerThreshold : "")
                + (method == ForwardingMethod.TUNNEL && !tunnel.equals(TunnelOptions.IPIP) ? " " + tunnel : "");
    }
}
