package io.hakeeper.agent.ipvs;

import io.hakeeper.agent.netlink.NetlinkException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one {@link IpvsApplier} run did, op by op: which changes the kernel acknowledged, the one
 * it refused (if any), the ones never sent because of that, and what a fresh dump afterwards
 * showed. Nothing is left half-applied without this saying so.
 *
 * @param applied        acknowledged by the kernel, in the order sent
 * @param failure        the op that failed, and why; the run stopped there
 * @param notApplied     ops planned after the failure, never sent
 * @param batches        how many batches the plan had
 * @param sending        time spent sending and waiting for acknowledgements
 * @param after          the owned part of the kernel's table as dumped after sending, empty if that dump failed
 * @param remaining      the ops that dump says are still needed: empty when the kernel matches
 * @param confirmFailure why the dump after sending failed, if it did
 */
public record IpvsApplyReport(List<IpvsOp> applied, Optional<Failure> failure, List<IpvsOp> notApplied,
                              int batches, Duration sending, Optional<IpvsTable> after, List<IpvsOp> remaining,
                              Optional<NetlinkException> confirmFailure) {

    /**
     * The op that failed: refused by the kernel ({@link IpvsRequestException}, nothing changed by
     * it) or unanswered (it may have taken effect; {@link #remaining} tells).
     *
     * @param batch 1-based number of the batch it was in
     */
    public record Failure(IpvsOp op, int batch, NetlinkException error) {
    }

    public IpvsApplyReport {
        applied = List.copyOf(applied);
        notApplied = List.copyOf(notApplied);
        remaining = List.copyOf(remaining);
    }

    /** Every planned op was acknowledged and the dump afterwards matched the desired table. */
    public boolean complete() {
        return failure.isEmpty() && confirmFailure.isEmpty() && remaining.isEmpty();
    }

    /** Ops planned: applied, failed and not applied. */
    public int planned() {
        return applied.size() + (failure.isPresent() ? 1 : 0) + notApplied.size();
    }

    /** The report for people, one fact a line. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        if (planned() == 0) {
            out.add("nothing to change: the kernel already holds the desired table");
        } else {
            out.add(String.format(java.util.Locale.ROOT, "applied %d of %d change%s (%d batch%s, %.1f ms)",
                    applied.size(), planned(), planned() == 1 ? "" : "s", batches, batches == 1 ? "" : "es",
                    sending.toNanos() / 1e6));
        }
        applied.forEach(op -> out.add("  applied: " + op));
        failure.ifPresent(f -> out.add("  FAILED (batch " + f.batch() + "): " + f.error().getMessage()));
        if (!notApplied.isEmpty()) {
            out.add("not applied, because of that failure (" + notApplied.size() + "):");
            notApplied.forEach(op -> out.add("  not applied: " + op));
        }
        if (confirmFailure.isPresent()) {
            out.add("NOT confirmed: reading the table back failed: " + confirmFailure.get().getMessage());
        } else if (remaining.isEmpty()) {
            int services = after.map(t -> t.keys().size()).orElse(0);
            int destinations = after.map(IpvsTable::destinationCount).orElse(0);
            out.add("confirmed: the kernel holds the desired table (" + services + " service" + (services == 1 ? "" : "s")
                    + ", " + destinations + " destination" + (destinations == 1 ? "" : "s") + ")");
        } else {
            out.add("NOT confirmed: the kernel's table still needs " + remaining.size() + " change"
                    + (remaining.size() == 1 ? "" : "s") + ":");
            remaining.forEach(op -> out.add("  still needed: " + op));
        }
        return out;
    }
}
