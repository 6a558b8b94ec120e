package io.hakeeper.agent.netlink;

import java.util.Map;

/**
 * The Linux errno values netlink callers meet, with names and advice an operator can act on.
 *
 * <p>Values from {@code include/uapi/asm-generic/errno-base.h} and {@code errno.h} (x86_64, aarch64).
 * Unknown values still get their number; netlink never invents new ones, but a kernel may return
 * one this table does not list.
 */
public final class Errno {
    private Errno() {}

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int ENFILE = 23;
    public static final int EMFILE = 24;
    public static final int ENOSPC = 28;
    public static final int ERANGE = 34;
    public static final int EMSGSIZE = 90;
    public static final int EPROTONOSUPPORT = 93;
    public static final int EOPNOTSUPP = 95;
    public static final int EAFNOSUPPORT = 97;
    public static final int EADDRINUSE = 98;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENETDOWN = 100;
    public static final int ENOBUFS = 105;
    public static final int ETIMEDOUT = 110;

    private record Entry(String name, String meaning, String advice) {}

    private static final Map<Integer, Entry> TABLE = Map.ofEntries(
            Map.entry(EPERM, new Entry("EPERM", "operation not permitted",
                    "needs CAP_NET_ADMIN: run as root or grant the capability (systemd AmbientCapabilities=CAP_NET_ADMIN)")),
            Map.entry(ENOENT, new Entry("ENOENT", "no such object", "the address, link or family does not exist")),
            Map.entry(ESRCH, new Entry("ESRCH", "no such process", "the process or thread has ended")),
            Map.entry(EINTR, new Entry("EINTR", "interrupted system call", "")),
            Map.entry(EIO, new Entry("EIO", "input/output error", "")),
            Map.entry(EBADF, new Entry("EBADF", "bad file descriptor", "the netlink socket was already closed")),
            Map.entry(EAGAIN, new Entry("EAGAIN", "resource temporarily unavailable", "")),
            Map.entry(ENOMEM, new Entry("ENOMEM", "out of memory", "the kernel could not allocate memory")),
            Map.entry(EACCES, new Entry("EACCES", "permission denied", "needs CAP_NET_ADMIN in the network namespace's user namespace")),
            Map.entry(EFAULT, new Entry("EFAULT", "bad address", "a bug in the caller's buffer handling")),
            Map.entry(EBUSY, new Entry("EBUSY", "device or resource busy", "")),
            Map.entry(EEXIST, new Entry("EEXIST", "already exists", "the address is already configured; delete it first or replace it")),
            Map.entry(ENODEV, new Entry("ENODEV", "no such device", "the interface does not exist (renamed, deleted, or another network namespace?)")),
            Map.entry(EINVAL, new Entry("EINVAL", "invalid argument", "the kernel rejected the request's contents")),
            Map.entry(ENFILE, new Entry("ENFILE", "too many open files in system", "")),
            Map.entry(EMFILE, new Entry("EMFILE", "too many open files", "raise the process's file descriptor limit (LimitNOFILE)")),
            Map.entry(ENOSPC, new Entry("ENOSPC", "no space left", "a kernel table is full")),
            Map.entry(ERANGE, new Entry("ERANGE", "result out of range", "")),
            Map.entry(EMSGSIZE, new Entry("EMSGSIZE", "message too long", "")),
            Map.entry(EPROTONOSUPPORT, new Entry("EPROTONOSUPPORT", "protocol not supported",
                    "this kernel lacks the netlink family (missing module?)")),
            Map.entry(EOPNOTSUPP, new Entry("EOPNOTSUPP", "operation not supported", "the kernel or driver does not implement this")),
            Map.entry(EAFNOSUPPORT, new Entry("EAFNOSUPPORT", "address family not supported",
                    "IPv6 may be disabled (net.ipv6.conf.*.disable_ipv6=1 or ipv6.disable=1)")),
            Map.entry(EADDRINUSE, new Entry("EADDRINUSE", "address already in use", "")),
            Map.entry(EADDRNOTAVAIL, new Entry("EADDRNOTAVAIL", "cannot assign requested address",
                    "the address is not on that interface: already deleted or expired?")),
            Map.entry(ENETDOWN, new Entry("ENETDOWN", "network is down", "")),
            Map.entry(ENOBUFS, new Entry("ENOBUFS", "no buffer space available",
                    "the socket receive buffer overflowed and messages were lost")),
            Map.entry(ETIMEDOUT, new Entry("ETIMEDOUT", "timed out", "the kernel did not answer in time")));

    /** The symbolic name, e.g. {@code "EPERM"}, or {@code "errno 123"} when not in the table. */
    public static String name(int errno) {
        Entry e = TABLE.get(errno);
        return e != null ? e.name() : "errno " + errno;
    }

    /**
     * A one-line explanation: {@code "EPERM (operation not permitted; needs CAP_NET_ADMIN: ...)"}.
     */
    public static String describe(int errno) {
        Entry e = TABLE.get(errno);
        if (e == null) {
            return "errno " + errno;
        }
        return e.advice().isEmpty()
                ? e.name() + " (" + e.meaning() + ")"
                : e.name() + " (" + e.meaning() + "; " + e.advice() + ")";
    }
}
