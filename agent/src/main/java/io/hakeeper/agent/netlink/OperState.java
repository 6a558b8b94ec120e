package io.hakeeper.agent.netlink;

/**
 * RFC 2863 operational state of a link (IFLA_OPERSTATE), enum if_oper in
 * {@code include/uapi/linux/if.h}. Listed in kernel order: ordinal() is the kernel value.
 */
public enum OperState {
    UNKNOWN, NOTPRESENT, DOWN, LOWERLAYERDOWN, TESTING, DORMANT, UP;

    /** The state for a kernel value; values a future kernel may add read as UNKNOWN. */
    public static OperState of(int value) {
        OperState[] all = values();
        return value >= 0 && value < all.length ? all[value] : UNKNOWN;
    }
}
