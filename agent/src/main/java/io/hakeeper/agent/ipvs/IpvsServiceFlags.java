package io.hakeeper.agent.ipvs;

/**
 * Virtual service flags ({@code IPVS_SVC_ATTR_FLAGS}), named as include/uapi/linux/ip_vs.h names
 * them. {@link #IP_VS_SVC_F_HASHED} is the kernel's own bookkeeping: it shows up in dumps but
 * userspace never sets it, so {@link IpvsService} drops it.
 */
public final class IpvsServiceFlags {

    private IpvsServiceFlags() {
    }

    /** Persistent port: connections from one client stick to one real server for the timeout. */
    public static final int IP_VS_SVC_F_PERSISTENT = 0x0001;
    /** Hashed entry (set by the kernel on every service it holds). */
    public static final int IP_VS_SVC_F_HASHED = 0x0002;
    /** One-packet scheduling (ipvsadm -o, keepalived {@code ops}). */
    public static final int IP_VS_SVC_F_ONEPACKET = 0x0004;
    /** Scheduler flag 1. */
    public static final int IP_VS_SVC_F_SCHED1 = 0x0008;
    /** Scheduler flag 2. */
    public static final int IP_VS_SVC_F_SCHED2 = 0x0010;
    /** Scheduler flag 3. */
    public static final int IP_VS_SVC_F_SCHED3 = 0x0020;
    /** sh: fall back to another server when the hashed one is unavailable. */
    public static final int IP_VS_SVC_F_SCHED_SH_FALLBACK = IP_VS_SVC_F_SCHED1;
    /** sh: hash the source port too. */
    public static final int IP_VS_SVC_F_SCHED_SH_PORT = IP_VS_SVC_F_SCHED2;
    /** mh: fallback (ipvsadm's libipvs/ip_vs.h; the kernel reuses SCHED1). */
    public static final int IP_VS_SVC_F_SCHED_MH_FALLBACK = IP_VS_SVC_F_SCHED1;
    /** mh: hash the source port too (ipvsadm's libipvs/ip_vs.h; the kernel reuses SCHED2). */
    public static final int IP_VS_SVC_F_SCHED_MH_PORT = IP_VS_SVC_F_SCHED2;

    /** Every flag userspace may set. Send it as the {@code mask} of {@code struct ip_vs_flags}. */
    public static final int USERSPACE_MASK = IP_VS_SVC_F_PERSISTENT | IP_VS_SVC_F_ONEPACKET
            | IP_VS_SVC_F_SCHED1 | IP_VS_SVC_F_SCHED2 | IP_VS_SVC_F_SCHED3;

    /** The scheduler flags as ipvsadm lists them ({@code sh-fallback,sh-port}), or "" for none. */
    public static String schedulerFlagNames(String scheduler, int flags) {
        StringBuilder s = new StringBuilder();
        if (scheduler.equals("sh") || scheduler.equals("mh")) {
            name(s, flags, IP_VS_SVC_F_SCHED1, scheduler + "-fallback");
            name(s, flags, IP_VS_SVC_F_SCHED2, scheduler + "-port");
        } else {
            name(s, flags, IP_VS_SVC_F_SCHED1, "flag-1");
            name(s, flags, IP_VS_SVC_F_SCHED2, "flag-2");
            name(s, flags, IP_VS_SVC_F_SCHED3, "flag-3");
        }
        return s.toString();
    }

    private static void name(StringBuilder s, int flags, int flag, String name) {
        if ((flags & flag) != 0) {
            s.append(s.isEmpty() ? "" : ",").append(name);
        }
    }
}
