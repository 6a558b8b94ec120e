package io.hakeeper.agent.netlink;

/**
 * A network interface as RTM_GETLINK / RTM_NEWLINK report it.
 *
 * @param index     ifindex
 * @param name      IFLA_IFNAME
 * @param flags     ifi_flags, IFF_* bits ({@link IfLink})
 * @param operState IFLA_OPERSTATE (UNKNOWN when absent)
 * @param mtu       IFLA_MTU (0 when absent)
 */
public record Link(int index, String name, int flags, OperState operState, int mtu) {

    /** IFF_UP: administratively up ({@code ip link set X up}). */
    public boolean isUp() {
        return (flags & IfLink.IFF_UP) != 0;
    }

    /** IFF_RUNNING: operationally up (RFC 2863 OPER_UP), what keepalived's track_interface checks. */
    public boolean isRunning() {
        return (flags & IfLink.IFF_RUNNING) != 0;
    }

    /** IFF_LOWER_UP: the driver reports carrier. */
    public boolean isLowerUp() {
        return (flags & IfLink.IFF_LOWER_UP) != 0;
    }

    @Override
    public String toString() {
        return index + ": " + name + " <" + (isUp() ? "UP" : "DOWN") + (isRunning() ? ",RUNNING" : "")
                + (isLowerUp() ? ",LOWER_UP" : "") + "> state " + operState + " mtu " + mtu;
    }
}
