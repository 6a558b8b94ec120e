package io.hakeeper.agent.check;

import io.hakeeper.agent.check.probe.CheckRunner;
import io.hakeeper.agent.check.probe.ProbeResult;
import io.hakeeper.agent.check.probe.ProbeTarget;
import java.util.LinkedHashMap;
import java.util.Map;

/** A runner the test drives by hand: it records what was added and when it is due, and delivers results on request. */
final class ManualCheckRunner implements CheckRunner {

    record Check(ProbeTarget target, long dueNanos, CheckListener listener) {
    }

    final Map<String, Check> checks = new LinkedHashMap<>();
    int removed;

    @Override
    public void add(String key, ProbeTarget target, long firstDueNanos, CheckListener listener) {
        checks.put(key, new Check(target, firstDueNanos, listener));
    }

    @Override
    public void remove(String key) {
        if (checks.remove(key) != null) {
            removed++;
        }
    }

    /** Delivers {@code result} for {@code key} at {@code nowNanos}; returns when it is due next. */
    long complete(String key, ProbeResult result, long nowNanos) {
        Check c = checks.get(key);
        long next = c.listener().completed(key, result, nowNanos);
        checks.put(key, new Check(c.target(), next, c.listener()));
        return next;
    }

    @Override
    public void close() {
        checks.clear();
    }
}
