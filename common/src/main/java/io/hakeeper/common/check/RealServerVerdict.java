package io.hakeeper.common.check;

import java.util.List;
import java.util.OptionalInt;

/**
 * The verdict on one real server from all of its checkers, as keepalived's checker process reaches
 * it (check/ipwrapper.c, {@code update_svr_checker_state}; keepalived.conf(5), "Virtual server(s)"):
 *
 * <ul>
 *   <li>the real server is alive while none of its checkers has failed: several checkers must all
 *       pass ({@code num_failed_checkers == 0});</li>
 *   <li>{@code alpha}: every checker starts failed, so the server is down until each has passed;
 *       without it every checker starts passing, so the server is up until one fails;</li>
 *   <li>it goes down when its first checker fails ({@code notify_down}) and up when its last failing
 *       checker passes ({@code notify_up});</li>
 *   <li>a checker's first result that only confirms the starting assumption notifies nothing,
 *       except a failure under {@code alpha}, which runs {@code notify_down};</li>
 *   <li>{@code misc_dynamic}: a passing MISC_CHECK that exits 2..255 sets the weight to
 *       status − 2, and one that exits 0 restores the configured weight; the weight survives while
 *       the server is down.</li>
 * </ul>
 * Retry timing per checker is {@link CheckerState}'s. Pure and single-threaded: the caller
 * serialises calls and supplies the clock.
 */
public final class RealServerVerdict {

    private final CheckerState[] checkers;
    private final boolean alpha;
    private final int configuredWeight;
    private int failed;
    private OptionalInt dynamicWeight = OptionalInt.empty();
    private boolean checked;
    private String reason;

    public RealServerVerdict(List<CheckerPolicy> policies, int configuredWeight, boolean alpha) {
        if (policies.isEmpty()) {
            throw new IllegalArgumentException("a real server without checkers has no verdict to keep");
        }
        this.checkers = new CheckerState[policies.size()];
        for (int i = 0; i < checkers.length; i++) {
            checkers[i] = new CheckerState(policies.get(i), !alpha);
        }
        this.alpha = alpha;
        this.configuredWeight = configuredWeight;
        this.failed = alpha ? checkers.length : 0;
        this.reason = alpha ? "alpha: down until checked" : "not checked yet";
    }

    public int checkers() {
        return checkers.length;
    }

    public CheckerPolicy policy(int checker) {
        return checkers[checker].policy();
    }

    public boolean alive() {
        return failed == 0;
    }

    /** The weight it carries when alive: a {@code misc_dynamic} weight, else the configured one. */
    public int weight() {
        return dynamicWeight.orElse(configuredWeight);
    }

    public OptionalInt dynamicWeight() {
        return dynamicWeight;
    }

    /** Some checker has concluded a cycle since the start. */
    public boolean checked() {
        return checked;
    }

    /** Why it is in its state, for status and logs: the failing attempt's detail, or "" when all pass. */
    public String reason() {
        return reason;
    }

    /**
     * Feeds the outcome of one attempt of {@code checker}, completed at {@code nowNanos}.
     *
     * @param dynamicWeight present for a passing {@code misc_dynamic} attempt whose script exited 2..255
     * @param failure       what went wrong (for {@link #reason()}); ignored when {@code passed}
     */
    public VerdictChange completed(int checker, boolean passed, OptionalInt dynamicWeight, String failure,
                                   long nowNanos) {
        CheckerState c = checkers[checker];
        boolean weightChanged = passed && c.policy().dynamicWeight() && updateWeight(dynamicWeight);
        CheckerState.Step step = c.attempt(passed);
        boolean wasAlive = alive();
        VerdictChange.Notify notify = switch (step.report()) {
            case NONE -> VerdictChange.Notify.NONE;
            case UP -> report(c, true, step.firstRun());
            case DOWN -> report(c, false, step.firstRun());
        };
        if (step.cycleEnded()) {
            checked = true;
            if (!passed) {
                reason = failure == null || failure.isEmpty() ? "check failed" : failure;
            } else if (alive()) {
                reason = "";
            }
        }
        boolean aliveChanged = wasAlive != alive();
        return new VerdictChange(nowNanos + step.delayNanos(), aliveChanged, weightChanged && alive(), notify);
    }

    private boolean updateWeight(OptionalInt reported) {
        if (reported.equals(dynamicWeight)) {
            return false;
        }
        int before = weight();
        dynamicWeight = reported;
        return before != weight();
    }

    /** {@code update_svr_checker_state}: the checker concluded {@code alive}. */
    private VerdictChange.Notify report(CheckerState c, boolean alive, boolean firstRun) {
        if (c.up() == alive) {
            return firstRun && alpha && !alive ? VerdictChange.Notify.DOWN : VerdictChange.Notify.NONE;
        }
        VerdictChange.Notify notify = VerdictChange.Notify.NONE;
        if (alive) {
            if (failed <= 1) {
                notify = VerdictChange.Notify.UP;
            }
            failed--;
        } else {
            if (failed == 0) {
                notify = VerdictChange.Notify.DOWN;
            }
            failed++;
        }
        c.setUp(alive);
        return notify;
    }
}
