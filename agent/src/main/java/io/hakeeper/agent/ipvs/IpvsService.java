package io.hakeeper.agent.ipvs;

import java.util.Objects;

/**
 * One IPVS virtual service as userspace sets it: the key plus the attributes
 * {@code IPVS_CMD_SET_SERVICE} can change in place ({@code IPVS_SVC_ATTR_SCHED_NAME},
 * {@code _FLAGS}, {@code _TIMEOUT}, {@code _NETMASK}; ip_vs_edit_service replaces all four).
 *
 * <p>Two normalisations make a kernel dump compare equal to the desired state when they mean the
 * same thing: {@code flags} keeps only {@link IpvsServiceFlags#USERSPACE_MASK} (the kernel adds
 * IP_VS_SVC_F_HASHED itself), and a service that is not persistent has timeout 0 and the
 * single-host netmask, because the kernel uses neither without IP_VS_SVC_F_PERSISTENT.
 *
 * @param timeoutSec persistence timeout in seconds (0 unless persistent)
 * @param netmask    persistence granularity, see {@link PersistenceNetmask} for its form and byte order
 */
public record IpvsService(IpvsServiceKey key, String scheduler, int flags, int timeoutSec, int netmask) {

    public IpvsService {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(scheduler, "scheduler");
        if (scheduler.isEmpty() || scheduler.length() >= IpvsGenl.IP_VS_SCHEDNAME_MAXLEN) {
            throw new IllegalArgumentException("scheduler name '" + scheduler + "' must have 1-"
                    + (IpvsGenl.IP_VS_SCHEDNAME_MAXLEN - 1) + " characters (IP_VS_SCHEDNAME_MAXLEN)");
        }
        flags &= IpvsServiceFlags.USERSPACE_MASK;
        if ((flags & IpvsServiceFlags.IP_VS_SVC_F_PERSISTENT) == 0) {
            timeoutSec = 0;
            netmask = PersistenceNetmask.singleHost(key.family());
        } else if (timeoutSec < 0) {
            throw new IllegalArgumentException("persistence timeout " + timeoutSec + " is negative");
        }
        if (!PersistenceNetmask.valid(key.family(), netmask)) {
            throw new IllegalArgumentException("IPv6 persistence netmask " + netmask + " is not a prefix length 1-128");
        }
    }

    /** A service without persistence. */
    public static IpvsService of(IpvsServiceKey key, String scheduler) {
        return new IpvsService(key, scheduler, 0, 0, 0);
    }

    /** A persistent service with the given timeout and single-host granularity. */
    public static IpvsService persistent(IpvsServiceKey key, String scheduler, int timeoutSec) {
        return new IpvsService(key, scheduler, IpvsServiceFlags.IP_VS_SVC_F_PERSISTENT, timeoutSec,
                PersistenceNetmask.singleHost(key.family()));
    }

    public boolean persistent() {
        return (flags & IpvsServiceFlags.IP_VS_SVC_F_PERSISTENT) != 0;
    }

    public IpvsService withScheduler(String newScheduler) {
        return new IpvsService(key, newScheduler, flags, timeoutSec, netmask);
    }

    public IpvsService withFlags(int newFlags) {
        return new IpvsService(key, scheduler, newFlags, timeoutSec, netmask);
    }

    public IpvsService withPersistence(int newTimeoutSec, int newNetmask) {
        return new IpvsService(key, scheduler, flags | IpvsServiceFlags.IP_VS_SVC_F_PERSISTENT, newTimeoutSec,
                newNetmask);
    }

    /** What ipvsadm -L prints after the service's name: {@code wrr (flag-1) persistent 360 mask 255.255.255.0 ops}. */
    public String settings() {
        StringBuilder s = new StringBuilder(scheduler);
        String schedulerFlags = IpvsServiceFlags.schedulerFlagNames(scheduler, flags);
        if (!schedulerFlags.isEmpty()) {
            s.append(" (").append(schedulerFlags).append(')');
        }
        if (persistent()) {
            s.append(" persistent ").append(Integer.toUnsignedString(timeoutSec));
            if (netmask != PersistenceNetmask.singleHost(key.family())) {
                s.append(" mask ").append(key.family() == AddressFamily.INET
                        ? PersistenceNetmask.ipv4Text(netmask) : Integer.toString(netmask));
            }
        }
        if ((flags & IpvsServiceFlags.IP_VS_SVC_F_ONEPACKET) != 0) {
            s.append(" ops");
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return key + " " + settings();
    }
}
