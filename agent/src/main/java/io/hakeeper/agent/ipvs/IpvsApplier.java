package io.hakeeper.agent.ipvs;

import io.hakeeper.agent.netlink.NetlinkException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * Makes the kernel's table match a desired one: reads it, asks {@link Reconciler#diff} for the
 * ops, sends them in {@link Reconciler#batches} ({@link IpvsKernel#send}: one datagram per batch),
 * and reads the changed services back to confirm. It stops at the first batch in which the kernel
 * refused an op or did not answer: no later batch is sent. Inside that batch the kernel carries on
 * past the refusal, as generic netlink does within a datagram; so the batch is the unit of
 * stopping, and a batch size of one service's ops makes it stop at the refused service. The
 * {@link IpvsApplyReport} says exactly which ops were applied, refused, unanswered and not sent,
 * and the next run starts from a fresh read, so whatever stayed undone is planned again.
 */
public final class IpvsApplier {

    /** Ops per batch (one datagram, about 16 KiB): whole services, about this many requests. */
    public static final int DEFAULT_BATCH_SIZE = 100;

    private final IpvsKernel kernel;
    private final int batchSize;
    private final LongSupplier nanoTime;

    public IpvsApplier(IpvsKernel kernel) {
        this(kernel, DEFAULT_BATCH_SIZE, System::nanoTime);
    }

    /** @param nanoTime a monotonic clock, for the time the report gives */
    public IpvsApplier(IpvsKernel kernel, int batchSize, LongSupplier nanoTime) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("a batch holds at least one op, not " + batchSize);
        }
        this.kernel = kernel;
        this.batchSize = batchSize;
        this.nanoTime = nanoTime;
    }

    /**
     * Reads the whole kernel table, sends what {@code desired} needs on the services in
     * {@code owned} (plus those in {@code desired}), and confirms. This is the drift repair: it
     * assumes nothing about the kernel.
     *
     * @throws NetlinkException only when the first read fails: then nothing was sent
     */
    public IpvsApplyReport reconcile(IpvsTable desired, Set<IpvsServiceKey> owned) throws NetlinkException {
        IpvsTable before = kernel.table();
        return apply(Reconciler.diff(desired, before, owned), desired, owned);
    }

    /**
     * Sends {@code ops} and confirms the services they touch against {@code desired}. The ops are
     * a diff against a table read recently, or against the table the last confirmed run left (the
     * agent's fast path for a verdict or config change; a stale view shows as refusals, and
     * {@link #reconcile} repairs it). Never throws for the kernel's answers.
     */
    public IpvsApplyReport apply(List<IpvsOp> ops, IpvsTable desired, Set<IpvsServiceKey> owned) {
        List<List<IpvsOp>> batches = Reconciler.batches(ops, batchSize);
        List<IpvsOp> applied = new ArrayList<>();
        List<IpvsRequestException> refused = new ArrayList<>();
        List<IpvsOp> unanswered = new ArrayList<>();
        List<IpvsOp> notSent = new ArrayList<>();
        Optional<NetlinkException> lost = Optional.empty();
        int stoppedAt = 0;
        long start = nanoTime.getAsLong();
        for (int b = 0; b < batches.size(); b++) {
            if (stoppedAt != 0) {
                notSent.addAll(batches.get(b));
                continue;
            }
            IpvsKernel.Sent sent = kernel.send(batches.get(b));
            applied.addAll(sent.applied());
            refused.addAll(sent.refused());
            unanswered.addAll(sent.unanswered());
            notSent.addAll(sent.notSent());
            if (sent.lost().isPresent()) {
                lost = sent.lost();
            }
            if (!sent.refused().isEmpty() || !sent.unanswered().isEmpty() || !sent.notSent().isEmpty()) {
                stoppedAt = b + 1;
            }
        }
        Duration sending = Duration.ofNanos(nanoTime.getAsLong() - start);
        Set<IpvsServiceKey> touched = new TreeSet<>();
        ops.forEach(op -> touched.add(op.serviceKey()));
        try {
            IpvsTable after = touched.isEmpty() ? IpvsTable.EMPTY : kernel.table(touched);
            return new IpvsApplyReport(applied, refused, stoppedAt, unanswered, lost, notSent, batches.size(), sending,
                    Optional.of(after), Reconciler.diff(desired.restrictedTo(touched), after, touched), Optional.empty());
        } catch (NetlinkException e) {
            return new IpvsApplyReport(applied, refused, stoppedAt, unanswered, lost, notSent, batches.size(), sending,
                    Optional.empty(), List.of(), Optional.of(e));
        }
    }
}
