package io.hakeeper.agent.ipvs;

import io.hakeeper.common.config.model.VirtualServer;

/**
 * The transport protocols an IPVS service can be keyed by ({@code IPVS_SVC_ATTR_PROTOCOL}, a u16
 * holding an IPPROTO_* number from include/uapi/linux/in.h).
 */
public enum IpvsProtocol {
    /** IPPROTO_TCP. */
    TCP(6, "TCP", "-t"),
    /** IPPROTO_UDP. */
    UDP(17, "UDP", "-u"),
    /** IPPROTO_SCTP. */
    SCTP(132, "SCTP", "--sctp-service");

    private final int number;
    private final String listName;
    private final String ruleOption;

    IpvsProtocol(int number, String listName, String ruleOption) {
        this.number = number;
        this.listName = listName;
        this.ruleOption = ruleOption;
    }

    public int number() {
        return number;
    }

    /** What {@code ipvsadm -L} prints in the Prot column. */
    public String listName() {
        return listName;
    }

    /** The option {@code ipvsadm -S} writes for it. */
    public String ruleOption() {
        return ruleOption;
    }

    public static IpvsProtocol fromNumber(int number) {
        for (IpvsProtocol p : values()) {
            if (p.number == number) {
                return p;
            }
        }
        throw new IllegalArgumentException("IP protocol " + number + " is not one IPVS balances (TCP 6, UDP 17, SCTP 132)");
    }

    public static IpvsProtocol of(VirtualServer.Protocol protocol) {
        return switch (protocol) {
            case TCP -> TCP;
            case UDP -> UDP;
            case SCTP -> SCTP;
        };
    }
}
