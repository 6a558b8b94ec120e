package io.hakeeper.agent.fence;

import io.hakeeper.common.election.EffectivePriority;
import io.hakeeper.common.election.TrackerState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * This node's standing in one instance: base priority, the trackers' current states and the
 * drain flag, folded into keepalived's effective priority and eligibility. Remembers since when
 * that standing has been stable, on the monotonic clock (preempt_delay counts from it).
 * Confined to the fence thread.
 */
public final class InstanceHealth {

    private final int basePriority;
    private final LongSupplier clockMs;
    private final Map<String, TrackerState> trackers = new LinkedHashMap<>();
    private boolean drained;
    private EffectivePriority.Result result;
    private long stableSinceMs;

    public InstanceHealth(int basePriority, List<TrackerState> initial, LongSupplier clockMs) {
        this.basePriority = basePriority;
        this.clockMs = clockMs;
        initial.forEach(t -> trackers.put(key(t), t));
        this.result = compute();
        this.stableSinceMs = clockMs.getAsLong();
    }

    private static String key(TrackerState t) {
        return t.getClass().getSimpleName() + ":" + t.name();
    }

    private EffectivePriority.Result compute() {
        return EffectivePriority.compute(basePriority, trackers.values(), drained);
    }

    /** Records a tracker's new state; true when the effective priority or eligibility changed. */
    public boolean update(TrackerState state) {
        trackers.put(key(state), state);
        return recompute();
    }

    public boolean setDrained(boolean value) {
        drained = value;
        return recompute();
    }

    private boolean recompute() {
        EffectivePriority.Result next = compute();
        boolean changed = next.priority() != result.priority() || next.eligible() != result.eligible();
        result = next;
        if (changed) {
            stableSinceMs = clockMs.getAsLong();
        }
        return changed;
    }

    public EffectivePriority.Result result() {
        return result;
    }

    public long stableSinceMs() {
        return stableSinceMs;
    }

    public int basePriority() {
        return basePriority;
    }

    public boolean drained() {
        return drained;
    }
}
