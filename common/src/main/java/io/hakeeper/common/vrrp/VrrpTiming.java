package io.hakeeper.common.vrrp;

/**
 * The timer arithmetic of RFC 3768 section 6.1 (VRRPv2) and RFC 5798 section 6.1 (VRRPv3), in
 * nanoseconds of a monotonic clock. Pure and exact: no rounding beyond the nanosecond.
 */
public final class VrrpTiming {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_CENTISECOND = 10_000_000L;
    /** The constant both RFCs divide by: Skew_Time scales with (256 - Priority) / 256. */
    private static final int SKEW_DIVISOR = 256;

    private VrrpTiming() {
    }

    /** An advert interval in the version's unit (v2 seconds, v3 centiseconds) as nanoseconds. */
    public static long intervalNanos(int version, int advertInterval) {
        return version == VrrpProtocol.VRRP_VERSION_2
                ? advertInterval * NANOS_PER_SECOND
                : advertInterval * NANOS_PER_CENTISECOND;
    }

    /**
     * Skew_Time for a backup of {@code priority}.
     * VRRPv2 (RFC 3768 section 6.1): {@code (256 - Priority) / 256} seconds, whatever the interval.
     * VRRPv3 (RFC 5798 section 6.1): {@code ((256 - Priority) * Master_Adver_Interval) / 256}.
     *
     * @param masterAdverIntervalNanos VRRPv3's Master_Adver_Interval; ignored for VRRPv2
     */
    public static long skewNanos(int version, int priority, long masterAdverIntervalNanos) {
        checkPriority(priority);
        long base = version == VrrpProtocol.VRRP_VERSION_2 ? NANOS_PER_SECOND : masterAdverIntervalNanos;
        return (SKEW_DIVISOR - priority) * base / SKEW_DIVISOR;
    }

    /**
     * Master_Down_Interval: {@code 3 * Advertisement_Interval + Skew_Time} (RFC 3768 section 6.1;
     * RFC 5798 section 6.1 with Master_Adver_Interval).
     */
    public static long masterDownNanos(int version, int priority, long masterAdverIntervalNanos) {
        return 3 * masterAdverIntervalNanos + skewNanos(version, priority, masterAdverIntervalNanos);
    }

    private static void checkPriority(int priority) {
        if (priority < 0 || priority > VrrpProtocol.VRRP_PRIO_OWNER) {
            throw new IllegalArgumentException("priority " + priority + " outside 0-255");
        }
    }
}
