package io.hakeeper.common.check;

import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * When a checker runs first. With {@code warmup} it is keepalived's rule (check_api.c: "wait for a
 * random timeout to begin checker thread. It helps avoiding multiple simultaneous checks to the
 * same RS"): a uniformly random delay in 0..warmup. Without it keepalived starts every checker
 * at once, which with thousands of real servers is a burst that then repeats every
 * {@code delay_loop}, since each checker reschedules itself from its own completion. We spread
 * the first attempts uniformly over the {@code delay_loop} instead, so the load stays level. Under
 * {@code alpha} the spread is capped at {@link #ALPHA_SPREAD_CAP_NANOS}: those servers are out of
 * service until their first pass, and keepalived checks them within about a second.
 */
public final class FirstCheck {

    /** keepalived's BOOTSTRAP_DELAY (check_api.c: {@code TIMER_HZ}, one second). */
    public static final long ALPHA_SPREAD_CAP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private FirstCheck() {
    }

    public static long due(long nowNanos, CheckerPolicy policy, boolean alpha, RandomGenerator random) {
        long window = policy.warmupNanos() > 0 ? policy.warmupNanos() + 1
                : alpha ? Math.min(policy.delayLoopNanos(), ALPHA_SPREAD_CAP_NANOS) : policy.delayLoopNanos();
        return nowNanos + random.nextLong(window);
    }
}
