package io.hakeeper.common.election;

/**
 * The current state of one tracker an instance follows, with the weight and {@code reverse} that
 * apply to this instance (the instance's {@code track_*} entry overrides the tracker's own
 * weight). Plain values: whoever runs the scripts and watches links and files builds these.
 */
public sealed interface TrackerState {

    String name();

    int weight();

    boolean reverse();

    /** A script's or link's state. UNKNOWN: a script that has not reported yet (keepalived's INIT). */
    enum Status { UP, DOWN, UNKNOWN }

    /**
     * {@code track_script}: UP once {@code rise} consecutive successes were seen, DOWN after
     * {@code fall} failures (or from the start with {@code init_fail}), UNKNOWN before either.
     */
    record Script(String name, int weight, boolean reverse, Status status) implements TrackerState {
    }

    /** {@code track_interface}, and the instance's own interface (weight 0: down means FAULT). */
    record Interface(String name, int weight, boolean reverse, boolean up) implements TrackerState {
    }

    /**
     * {@code track_file}: the number in the file (0 when the file is missing or unreadable, as
     * keepalived reads it).
     */
    record File(String name, int weight, boolean reverse, long value) implements TrackerState {
    }
}
