package io.hakeeper.controller;

/**
 * hactl's exit codes. 0-3 follow the monitoring-plugin convention (OK, WARNING, CRITICAL,
 * UNKNOWN), so {@code hactl status} serves as a check as it is; the rest are sysexits.h codes.
 */
public enum ExitCode {
    /** Healthy, or the command did what it was asked. */
    OK(0),
    /** A degraded finding: the VIPs are served but something needs attention. */
    DEGRADED(1),
    /** A critical finding: VIPs down or at risk (no holder, conflict, duplicate VIP, unsafe fence). */
    CRITICAL(2),
    /** ZooKeeper cannot be reached, so the state is unknown. */
    UNREACHABLE(3),
    /** Bad arguments, or an unknown instance or node (sysexits.h EX_USAGE). */
    USAGE(64),
    /** Something went wrong inside hactl or ZooKeeper answered unexpectedly (EX_SOFTWARE). */
    SOFTWARE(70),
    /** A --wait ran out of time; the request stays in place (EX_TEMPFAIL). */
    TIMED_OUT(75),
    /** ZooKeeper refused the operation for this identity (EX_NOPERM). */
    NO_PERMISSION(77);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
