package io.hakeeper.agent.ipvs;

import io.hakeeper.agent.netlink.Errno;
import io.hakeeper.agent.netlink.NetlinkException;

/**
 * What an errno from the IPVS family means to an operator, per request. The kernel's reasons
 * come from net/netfilter/ipvs/ip_vs_ctl.c (ip_vs_genl_set_cmd, ip_vs_add_service,
 * ip_vs_edit_service, ip_vs_add_dest, ip_vs_edit_dest, ip_vs_del_dest), the generic netlink
 * controller (net/netlink/genetlink.c: ctrl_getfamily answers ENOENT for an unknown family) and
 * GENL_ADMIN_PERM, which every IPVS command carries (EPERM without CAP_NET_ADMIN). Pure.
 */
public final class IpvsErrors {

    private IpvsErrors() {
    }

    /** ESRCH (include/uapi/asm-generic/errno-base.h): ip_vs_genl_set_cmd's answer when the service does not exist. */
    public static final int ESRCH = 3;

    /** The fix for a missing capability, whatever the request. */
    public static final String NEEDS_CAP_NET_ADMIN =
            "needs CAP_NET_ADMIN: run as root, or grant the capability (systemd AmbientCapabilities=CAP_NET_ADMIN)";

    /** Why resolving the IPVS family failed. */
    public static String familyAdvice(int errno) {
        return switch (errno) {
            case Errno.ENOENT -> "the ip_vs kernel module is not loaded (modprobe ip_vs)";
            case Errno.EPERM, Errno.EACCES -> NEEDS_CAP_NET_ADMIN;
            default -> Errno.describe(errno);
        };
    }

    /** Why the kernel refused {@code op} with {@code errno}. */
    public static String advice(IpvsOp op, int errno) {
        if (errno == Errno.EPERM || errno == Errno.EACCES) {
            return NEEDS_CAP_NET_ADMIN;
        }
        if (errno == Errno.EAFNOSUPPORT) {
            return "IPv6 is disabled in this kernel (ipv6.disable=1?) or IPVS was built without IPv6";
        }
        if (op instanceof IpvsOp.NewService || op instanceof IpvsOp.EditService) {
            IpvsService s = op instanceof IpvsOp.NewService n ? n.service() : ((IpvsOp.EditService) op).to();
            return switch (errno) {
                // ip_vs_scheduler_get tries request_module("ip_vs_%s") first; ENOENT means that failed too.
                case Errno.ENOENT -> "scheduler '" + s.scheduler() + "' is not available (modprobe ip_vs_" + s.scheduler() + ")";
                case Errno.EEXIST -> "the service already exists";
                case ESRCH -> "no such service (deleted meanwhile? the next reconcile reads the table again)";
                case Errno.EINVAL -> "the kernel refused the service's settings"
                        + (s.key().family() == AddressFamily.INET6 ? " (an IPv6 persistence netmask is a prefix length 1-128)" : "");
                default -> Errno.describe(errno);
            };
        }
        if (op instanceof IpvsOp.DeleteService) {
            return errno == ESRCH ? "no such service (already deleted?)" : Errno.describe(errno);
        }
        IpvsDestination d = op instanceof IpvsOp.NewDest n ? n.destination()
                : op instanceof IpvsOp.EditDest e ? e.to() : ((IpvsOp.DeleteDest) op).destination();
        return switch (errno) {
            case ESRCH -> "no such service (its creation was refused, or it was deleted meanwhile; the next reconcile reads the table again)";
            case Errno.ENOENT -> "no such destination in the service (deleted meanwhile? the next reconcile reads the table again)";
            case Errno.EEXIST -> "the destination already exists in the service";
            case Errno.ERANGE -> Integer.toUnsignedLong(d.lowerThreshold()) > Integer.toUnsignedLong(d.upperThreshold())
                    ? "lower threshold " + Integer.toUnsignedString(d.lowerThreshold()) + " is above upper threshold "
                    + Integer.toUnsignedString(d.upperThreshold()) + " (set uthreshold to at least lthreshold)"
                    : "weight or threshold out of range";
            case Errno.EINVAL -> "the kernel refused the destination: its address is not unicast here (no IPv4 address "
                    + "configured at all?), it is not of the service's address family and does not tunnel, "
                    + "or a GUE tunnel has no port";
            default -> Errno.describe(errno);
        };
    }

    /** The exception for a refused change: {@code "add service TCP 10.0.0.1:80 xyz: scheduler 'xyz' is not available (modprobe ip_vs_xyz) [ENOENT]"}. */
    public static IpvsRequestException refused(IpvsOp op, NetlinkException e) {
        return new IpvsRequestException(text(op.toString(), advice(op, e.errno()), e), op, e.errno(),
                e.kernelMessage().orElse(null), e);
    }

    /** The exception for a failed family lookup. */
    public static IpvsRequestException familyLookup(String operation, NetlinkException e) {
        return new IpvsRequestException(text(operation, familyAdvice(e.errno()), e), null, e.errno(),
                e.kernelMessage().orElse(null), e);
    }

    /** The exception for a failed lookup or dump of the IPVS family. */
    public static IpvsRequestException query(String operation, NetlinkException e) {
        String advice = e.errno() == Errno.EPERM || e.errno() == Errno.EACCES ? NEEDS_CAP_NET_ADMIN : Errno.describe(e.errno());
        return new IpvsRequestException(text(operation, advice, e), null, e.errno(), e.kernelMessage().orElse(null), e);
    }

    private static String text(String operation, String advice, NetlinkException e) {
        StringBuilder s = new StringBuilder(operation).append(": ").append(advice);
        if (!advice.startsWith(name(e.errno()))) {
            s.append(" [").append(name(e.errno())).append(']');
        }
        e.kernelMessage().filter(m -> !m.isEmpty()).ifPresent(m -> s.append("; kernel says: ").append(m));
        return s.toString();
    }

    /** The symbolic name, including ESRCH, which the netlink package's table lacks. */
    static String name(int errno) {
        return errno == ESRCH ? "ESRCH" : Errno.name(errno);
    }
}
