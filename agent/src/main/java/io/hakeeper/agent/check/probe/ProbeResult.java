package io.hakeeper.agent.check.probe;

import java.util.OptionalInt;

/**
 * The outcome of one attempt. {@code dynamicWeight} is present only for a passing MISC_CHECK with
 * {@code misc_dynamic} whose script exited 2..255 (weight = status - 2, keepalived.conf(5)).
 */
public record ProbeResult(boolean passed, FailureReason reason, String detail, long latencyNanos,
                          OptionalInt dynamicWeight) {

    public static ProbeResult pass(long latencyNanos) {
        return new ProbeResult(true, null, "", latencyNanos, OptionalInt.empty());
    }

    public static ProbeResult pass(long latencyNanos, int dynamicWeight) {
        return new ProbeResult(true, null, "", latencyNanos, OptionalInt.of(dynamicWeight));
    }

    public static ProbeResult fail(FailureReason reason, String detail, long latencyNanos) {
        return new ProbeResult(false, reason, detail, latencyNanos, OptionalInt.empty());
    }
}
