package io.hakeeper.common.check;

/**
 * One checker's state as keepalived keeps it ({@code checker_t}: {@code is_up}, {@code has_run},
 * {@code retry_it}), advanced one attempt at a time the way check_tcp.c's {@code tcp_epilog} does:
 *
 * <ul>
 *   <li>a pass, or a failure with the retries used up, ends the cycle: the next attempt comes a
 *       {@code delay_loop} later and the retry count starts over;</li>
 *   <li>a failure with retries left comes back after {@code delay_before_retry}. That holds whether
 *       the checker is up or already down, so a failed checker tries {@code retry + 1} times per
 *       {@code delay_loop}, and any pass brings it up at once;</li>
 *   <li>the end of a cycle is reported (UP or DOWN) when it changes the checker's state, and on
 *       the checker's very first attempt whatever it finds ({@code !has_run}).</li>
 * </ul>
 * {@code has_run} becomes true after the first attempt, retried or not, exactly as in
 * {@code tcp_epilog}. Pure; the caller keeps the clock.
 */
final class CheckerState {

    /** What an attempt's cycle end says about the checker. */
    enum Report { NONE, UP, DOWN }

    /**
     * @param delayNanos how long after this attempt the next one runs
     * @param report     the cycle's conclusion, if it ended and is reported
     * @param firstRun   this was the checker's first attempt ({@code !has_run} before it)
     * @param cycleEnded a pass, or a failure with the retries used up: the attempt counted
     */
    record Step(long delayNanos, Report report, boolean firstRun, boolean cycleEnded) {
    }

    private final CheckerPolicy policy;
    private boolean up;
    private boolean hasRun;
    private int retryIt;

    CheckerState(CheckerPolicy policy, boolean initiallyUp) {
        this.policy = policy;
        this.up = initiallyUp;
    }

    CheckerPolicy policy() {
        return policy;
    }

    boolean up() {
        return up;
    }

    void setUp(boolean up) {
        this.up = up;
    }

    Step attempt(boolean passed) {
        boolean firstRun = !hasRun;
        hasRun = true;
        if (!passed && retryIt < policy.retry()) {
            retryIt++;
            return new Step(policy.delayBeforeRetryNanos(), Report.NONE, firstRun, false);
        }
        retryIt = 0;
        Report report = Report.NONE;
        if (passed && (!up || firstRun)) {
            report = Report.UP;
        } else if (!passed && (up || firstRun)) {
            report = Report.DOWN;
        }
        return new Step(policy.delayLoopNanos(), report, firstRun, true);
    }
}
