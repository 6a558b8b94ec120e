package io.hakeeper.agent.ipvs;

/**
 * The errors the kernel answers IPVS requests with (include/uapi/asm-generic/errno-base.h), as
 * net/netfilter/ipvs/ip_vs_ctl.c uses them.
 */
public enum IpvsErrno {
    /** ENOENT: no such destination, or the scheduler module is not loaded. */
    ENOENT(2),
    /** ESRCH: no such service. */
    ESRCH(3),
    /** EEXIST: the service or destination is already there. */
    EEXIST(17),
    /** EINVAL: a malformed request (mixed families without tunnelling, a bad IPv6 netmask, GUE without port). */
    EINVAL(22),
    /** ERANGE: lower threshold above upper threshold. */
    ERANGE(34);

    private final int value;

    IpvsErrno(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
