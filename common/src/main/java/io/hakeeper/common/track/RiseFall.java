package io.hakeeper.common.track;

import io.hakeeper.common.election.TrackerState.Status;

/**
 * keepalived's hysteresis for {@code vrrp_script} results (keepalived.conf(5), vrrp_script):
 * a script is UP after {@code rise} consecutive successes and DOWN after {@code fall} consecutive
 * failures; before either it is UNKNOWN, or DOWN from the start with {@code init_fail}. Pure.
 */
public final class RiseFall {

    private final int rise;
    private final int fall;
    private Status status;
    private int successes;
    private int failures;

    public RiseFall(int rise, int fall, boolean initFail) {
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("rise and fall must be at least 1");
        }
        this.rise = rise;
        this.fall = fall;
        this.status = initFail ? Status.DOWN : Status.UNKNOWN;
    }

    /** Feeds one result; returns the status after it. */
    public Status record(boolean success) {
        if (success) {
            failures = 0;
            successes = Math.min(successes + 1, rise);
            if (successes >= rise) {
                status = Status.UP;
            }
        } else {
            successes = 0;
            failures = Math.min(failures + 1, fall);
            if (failures >= fall) {
                status = Status.DOWN;
            }
        }
        return status;
    }

    public Status status() {
        return status;
    }
}
