package io.hakeeper.common.check;

import io.hakeeper.common.config.model.Checker;
import java.util.concurrent.TimeUnit;

/**
 * One checker's timing and weight rules (keepalived.conf(5), "Real server(s)", checker common
 * parameters), in monotonic nanoseconds.
 *
 * @param retry                 failed attempts retried before the checker counts as failed ({@code retry},
 *                              alias {@code nb_get_retry})
 * @param delayBeforeRetryNanos {@code delay_before_retry}: the spacing of those retries
 * @param delayLoopNanos        {@code delay_loop}: the checker's own, else the virtual server's
 * @param warmupNanos           {@code warmup}: the first attempt is delayed by a random 0..warmup
 * @param dynamicWeight         a MISC_CHECK with {@code misc_dynamic}: its passes set the weight
 */
public record CheckerPolicy(int retry, long delayBeforeRetryNanos, long delayLoopNanos, long warmupNanos,
                            boolean dynamicWeight) {

    public CheckerPolicy {
        if (retry < 0 || delayBeforeRetryNanos < 0 || delayLoopNanos <= 0 || warmupNanos < 0) {
            throw new IllegalArgumentException("retry " + retry + ", delay_before_retry " + delayBeforeRetryNanos
                    + " ns, delay_loop " + delayLoopNanos + " ns, warmup " + warmupNanos
                    + " ns: delay_loop must be positive and the others non-negative");
        }
    }

    /** The policy of {@code checker} on a virtual server whose {@code delay_loop} is {@code virtualServerDelayLoopSec}. */
    public static CheckerPolicy of(Checker checker, int virtualServerDelayLoopSec) {
        Checker.Connection c = checker.connection();
        int delayLoop = c.delayLoopSec() != null ? c.delayLoopSec() : virtualServerDelayLoopSec;
        return new CheckerPolicy(c.retry(), TimeUnit.SECONDS.toNanos(c.delayBeforeRetrySec()),
                TimeUnit.SECONDS.toNanos(delayLoop), TimeUnit.SECONDS.toNanos(c.warmupSec()),
                checker instanceof Checker.Misc m && m.dynamic());
    }
}
