package io.hakeeper.common.election;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * An instance's effective priority and eligibility from its base priority and tracker states,
 * with keepalived's semantics (keepalived.conf(5), "VRRP script(s)", "track_file", and
 * {@code keepalived/vrrp/vrrp_track.c}):
 * <ul>
 *   <li><b>weight 0</b>: the tracker gates the instance. A DOWN script or link puts it in FAULT;
 *       with {@code reverse}, an UP one does ("'weight 0 reverse' will cause the vrrp instance to
 *       be down when the script is up, and vice versa"). A track file with weight 0 faults on a
 *       non-zero value (a zero value with {@code reverse}). A script that has not reported yet
 *       keeps the instance out, as keepalived keeps it in INIT.</li>
 *   <li><b>weight &gt; 0</b> adds the weight while UP; <b>weight &lt; 0</b> subtracts it while
 *       DOWN. {@code reverse} flips the sign of the adjustment but not the state it applies in:
 *       "the priority is decreased when up and increased when down". A script that has not
 *       reported yet adds nothing.</li>
 *   <li><b>track file with weight</b>: value × weight (× −1 with {@code reverse}), the value first
 *       limited to [−254, 254] and the product to [−254, 253]; −254 is FAULT ("if the result is
 *       less than -253 anything monitoring the script will transition to the fault state").</li>
 *   <li>The sum is clamped to <b>[1, 254]</b>: "the effective priority will be limited to the
 *       range [1,254]" (vrrp_set_effective_priority: below 1 → 1, 255 or more → 254). 255 is the
 *       address owner's priority (RFC 5798 §5.2.4) and no weight can reach it.</li>
 *   <li>An address owner (base 255) keeps 255 whatever the weights: keepalived does not change an
 *       owner's priority ("Don't change priority if address owner"). Weight-0 faults still apply.</li>
 * </ul>
 * A drained node is ineligible with reason "drained" (DESIGN.md: {@code hactl drain}).
 */
public final class EffectivePriority {

    /** RFC 5798 §5.2.4: the priority of the router that owns the virtual addresses. */
    public static final int VRRP_PRIO_OWNER = 255;
    /** The highest priority a non-owner can have. */
    public static final int MAX_BACKUP_PRIORITY = 254;
    /** The lowest effective priority keepalived gives a running instance (0 means "releasing"). */
    public static final int MIN_PRIORITY = 1;

    /** keepalived's bound on a track file's value and on value × weight (vrrp_track.c). */
    static final int TRACK_FILE_LIMIT = 254;

    public static final String DRAINED = "drained";

    private EffectivePriority() {
    }

    /**
     * @param priority the effective priority (computed even while ineligible, for display)
     * @param faults why the instance is ineligible, in tracker order; empty when eligible
     */
    public record Result(int priority, boolean eligible, List<String> faults) {
        public Result {
            faults = List.copyOf(faults);
        }

        /** The faults as one line for MemberRecord.reason; empty when eligible. */
        public String reason() {
            return String.join("; ", faults);
        }
    }

    public static Result compute(int basePriority, Collection<? extends TrackerState> trackers, boolean drained) {
        if (basePriority < MIN_PRIORITY || basePriority > VRRP_PRIO_OWNER) {
            throw new IllegalArgumentException("priority " + basePriority + " is outside 1-255");
        }
        List<String> faults = new ArrayList<>();
        if (drained) {
            faults.add(DRAINED);
        }
        long total = basePriority;
        for (TrackerState t : trackers) {
            Effect effect = effectOf(t);
            if (effect.fault() != null) {
                faults.add(effect.fault());
            } else {
                total += effect.adjustment();
            }
        }
        int priority = basePriority == VRRP_PRIO_OWNER ? VRRP_PRIO_OWNER
                : (int) Math.max(MIN_PRIORITY, Math.min(MAX_BACKUP_PRIORITY, total));
        return new Result(priority, faults.isEmpty(), faults);
    }

    /** What one tracker does to the instance: a fault, or an adjustment (possibly 0). */
    private record Effect(int adjustment, String fault) {
        static Effect add(int adjustment) {
            return new Effect(adjustment, null);
        }

        static Effect fault(String why) {
            return new Effect(0, why);
        }
    }

    private static Effect effectOf(TrackerState t) {
        if (t instanceof TrackerState.Script s) {
            return gate("script " + s.name(), s.weight(), s.reverse(), s.status(), "failing", "passing");
        }
        if (t instanceof TrackerState.Interface i) {
            return gate("interface " + i.name(), i.weight(), i.reverse(),
                    i.up() ? TrackerState.Status.UP : TrackerState.Status.DOWN, "down", "up");
        }
        return file((TrackerState.File) t);
    }

    /** Scripts and interfaces: the same rules, keepalived's process_script_update_priority. */
    private static Effect gate(String what, int weight, boolean reverse, TrackerState.Status status,
                               String downWord, String upWord) {
        if (status == TrackerState.Status.UNKNOWN) {
            return weight == 0 ? Effect.fault(what + " has not reported yet") : Effect.add(0);
        }
        boolean up = status == TrackerState.Status.UP;
        int sign = reverse ? -1 : 1;
        if (weight == 0) {
            if (up == reverse) {
                return Effect.fault(what + " " + (up ? upWord + " (weight 0 reverse)" : downWord));
            }
            return Effect.add(0);
        }
        if (up && weight > 0) {
            return Effect.add(weight * sign);
        }
        if (!up && weight < 0) {
            return Effect.add(weight * sign);
        }
        return Effect.add(0);
    }

    /** keepalived's update_track_file_status. */
    private static Effect file(TrackerState.File f) {
        long value = Math.max(-TRACK_FILE_LIMIT, Math.min(TRACK_FILE_LIMIT, f.value()));
        if (f.weight() == 0) {
            boolean nonZero = value != 0;
            if (nonZero != f.reverse()) {
                return Effect.fault("track file " + f.name() + " value " + f.value()
                        + (f.reverse() ? " is 0 (weight 0 reverse)" : " is not 0 (weight 0)"));
            }
            return Effect.add(0);
        }
        long status = value * f.weight() * (f.reverse() ? -1 : 1);
        if (status <= -TRACK_FILE_LIMIT) {
            return Effect.fault("track file " + f.name() + " value " + f.value() + " × weight " + f.weight()
                    + (f.reverse() ? " reversed" : "") + " is at most -254");
        }
        return Effect.add((int) Math.min(TRACK_FILE_LIMIT - 1, status));
    }
}
