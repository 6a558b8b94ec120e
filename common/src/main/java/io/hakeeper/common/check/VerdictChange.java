package io.hakeeper.common.check;

/**
 * What one attempt did to its real server.
 *
 * @param nextDueNanos when the checker runs next (the clock the attempt's {@code nowNanos} came from)
 * @param aliveChanged the real server went up or down
 * @param weightChanged a {@code misc_dynamic} weight changed
 * @param script       the notify script to run: keepalived runs {@code notify_up}/{@code notify_down}
 *                     when the real server changes, and {@code notify_down} again when a checker's
 *                     first result under {@code alpha} confirms the assumed failure
 */
public record VerdictChange(long nextDueNanos, boolean aliveChanged, boolean weightChanged, Notify script) {

    public enum Notify { NONE, UP, DOWN }

    /** Whatever IPVS, ZooKeeper or a script must hear about. */
    public boolean changed() {
        return aliveChanged || weightChanged;
    }
}
