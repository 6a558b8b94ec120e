package io.hakeeper.agent.ipvs;

import io.hakeeper.agent.netlink.NetlinkException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What one {@link IpvsApplier} run did, op by op: the changes the kernel acknowledged, those it
 * refused, those sent but never answered, those held back, and what a read of the changed
 * services afterwards showed. Nothing is left half-applied without this saying so.
 *
 * @param applied        acknowledged by the kernel, in the order sent
 * @param refused        refused by the kernel (nothing changed by them), each with its op and why
 * @param refusedBatch   the 1-based batch of the first refusal or lost answer, 0 when none
 * @param unanswered     sent but never answered: they may or may not have taken effect ({@link #remaining} tells)
 * @param lost           why the answers were lost, when {@code unanswered} is not empty
 * @param notSent        held back because of a refusal or lost answer before them
 * @param batches        how many batches the plan had
 * @param sending        time spent sending and waiting for the kernel's answers
 * @param after          the changed services as read back after sending, empty if that read failed
 * @param remaining      the ops that read says are still needed: empty when the kernel matches
 * @param confirmFailure why the read after sending failed, if it did
 */
public record IpvsApplyReport(List<IpvsOp> applied, List<IpvsRequestException> refused, int refusedBatch,
                              List<IpvsOp> unanswered, Optional<NetlinkException> lost, List<IpvsOp> notSent,
                              int batches, Duration sending, Optional<IpvsTable> after, List<IpvsOp> remaining,
                              Optional<NetlinkException> confirmFailure) {

    public IpvsApplyReport {
        applied = List.copyOf(applied);
        refused = List.copyOf(refused);
        unanswered = List.copyOf(unanswered);
        notSent = List.copyOf(notSent);
        remaining = List.copyOf(remaining);
    }

    /** Every planned op was acknowledged and the read afterwards matched the desired table. */
    public boolean complete() {
        return refused.isEmpty() && unanswered.isEmpty() && notSent.isEmpty() && confirmFailure.isEmpty()
                && remaining.isEmpty();
    }

    /** Ops planned: applied, refused, unanswered and not sent. */
    public int planned() {
        return applied.size() + refused.size() + unanswered.size() + notSent.size();
    }

    /** The report for people, one fact a line. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        if (planned() == 0) {
            out.add("nothing to change: the kernel already holds the desired table");
        } else {
            out.add(String.format(Locale.ROOT, "applied %d of %d change%s (%d batch%s, %.1f ms)",
                    applied.size(), planned(), planned() == 1 ? "" : "s", batches, batches == 1 ? "" : "es",
                    sending.toNanos() / 1e6));
        }
        applied.forEach(op -> out.add("  applied: " + op));
        refused.forEach(e -> out.add("  REFUSED (batch " + refusedBatch + "): " + e.getMessage()));
        if (!unanswered.isEmpty()) {
            out.add("no answer (batch " + refusedBatch + "; may or may not have taken effect): "
                    + lost.map(Throwable::getMessage).orElse("?"));
            unanswered.forEach(op -> out.add("  unanswered: " + op));
        }
        if (!notSent.isEmpty()) {
            out.add("not sent, because of that (" + notSent.size() + "):");
            notSent.forEach(op -> out.add("  not sent: " + op));
        }
        if (confirmFailure.isPresent()) {
            out.add("NOT confirmed: reading the table back failed: " + confirmFailure.get().getMessage());
        } else if (remaining.isEmpty()) {
            int services = after.map(t -> t.keys().size()).orElse(0);
            int destinations = after.map(IpvsTable::destinationCount).orElse(0);
            out.add(planned() == 0 ? "confirmed: nothing was changed"
                    : "confirmed: the changed services read back as desired (" + services + " service"
                    + (services == 1 ? "" : "s") + ", " + destinations + " destination" + (destinations == 1 ? "" : "s") + ")");
        } else {
            out.add("NOT confirmed: the kernel's table still needs " + remaining.size() + " change"
                    + (remaining.size() == 1 ? "" : "s") + ":");
            remaining.forEach(op -> out.add("  still needed: " + op));
        }
        return out;
    }
}
