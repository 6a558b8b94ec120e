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
 * Makes the kernel's table match a desired one: dumps it, asks {@link Reconciler#diff} for the
 * ops, sends them in {@link Reconciler#batches}, one acknowledged request at a time, and dumps
 * again to confirm. It stops at the first op that fails and reports exactly which ops were
 * applied and which were not ({@link IpvsApplyReport}); the next run starts from a fresh dump, so
 * whatever stayed undone is planned again.
 */
public final class IpvsApplier {

    /** Ops per batch: whole services, about this many requests. */
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
     * Dumps the kernel, sends what {@code desired} needs on the services in {@code owned} (plus
     * those in {@code desired}), and dumps again.
     *
     * @throws NetlinkException only when the first dump fails: then nothing was sent
     */
    public IpvsApplyReport reconcile(IpvsTable desired, Set<IpvsServiceKey> owned) throws NetlinkException {
        IpvsTable before = kernel.table();
        return apply(Reconciler.diff(desired, before, owned), desired, owned);
    }

    /** Sends {@code ops} (a diff against a recent dump) and confirms against {@code desired}. Never throws for the kernel's answers. */
    public IpvsApplyReport apply(List<IpvsOp> ops, IpvsTable desired, Set<IpvsServiceKey> owned) {
        List<List<IpvsOp>> batches = Reconciler.batches(ops, batchSize);
        List<IpvsOp> applied = new ArrayList<>();
        List<IpvsOp> notApplied = new ArrayList<>();
        IpvsApplyReport.Failure failure = null;
        long start = nanoTime.getAsLong();
        for (int b = 0; b < batches.size(); b++) {
            for (IpvsOp op : batches.get(b)) {
                if (failure != null) {
                    notApplied.add(op);
                    continue;
                }
                try {
                    kernel.apply(op);
                    applied.add(op);
                } catch (NetlinkException e) {
                    failure = new IpvsApplyReport.Failure(op, b + 1, e);
                }
            }
        }
        Duration sending = Duration.ofNanos(nanoTime.getAsLong() - start);
        try {
            IpvsTable after = kernel.table();
            Set<IpvsServiceKey> mine = new TreeSet<>(owned);
            mine.addAll(desired.keys());
            return new IpvsApplyReport(applied, Optional.ofNullable(failure), notApplied, batches.size(), sending,
                    Optional.of(after.restrictedTo(mine)), Reconciler.diff(desired, after, owned), Optional.empty());
        } catch (NetlinkException e) {
            return new IpvsApplyReport(applied, Optional.ofNullable(failure), notApplied, batches.size(), sending,
                    Optional.empty(), List.of(), Optional.of(e));
        }
    }
}
