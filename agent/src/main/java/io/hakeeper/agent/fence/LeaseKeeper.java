package io.hakeeper.agent.fence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews every held instance every R with one {@code multi} of {@code check} ops (DESIGN.md, "The
 * fence", point 3). A {@code multi} goes through the ZooKeeper leader, so a cut-off follower cannot
 * confirm it. It is sent through the ZooKeeper handle of the session the instances were claimed
 * under, without Curator's retries, so a success means "confirmed under the same session". Success
 * extends the VIPs from the send time; a definite "no" (session expired, a node gone or changed)
 * deletes them at once; a slow or failed reply renews nothing and lets the lease run out. Runs on
 * the fence thread.
 */
public final class LeaseKeeper {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final ScheduledExecutorService fence;
    private final List<InstanceFence> instances;
    private final LongSupplier nanoClock;
    private final int intervalMs;
    private boolean inFlight;
    private long inFlightSince;
    private long renewals;
    private long failures;
    private ScheduledFuture<?> task;

    public LeaseKeeper(ScheduledExecutorService fence, List<InstanceFence> instances, LongSupplier nanoClock,
                       int intervalMs) {
        this.fence = fence;
        this.instances = List.copyOf(instances);
        this.nanoClock = nanoClock;
        this.intervalMs = intervalMs;
    }

    public void start() {
        task = fence.scheduleAtFixedRate(this::renewAll, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    public void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    public long renewals() {
        return renewals;
    }

    public long failures() {
        return failures;
    }

    /** Renews at once (a conflicting VRRP master asks ZooKeeper for an answer now). */
    public void renewNow() {
        fence.execute(this::renewAll);
    }

    void renewAll() {
        if (inFlight) {
            // The previous renewal is still out; the lease keeps running meanwhile. A renewal with
            // no answer for a whole interval counts as unanswered (the client reports a lost
            // connection only when its own reconnect attempt fails, a second or more later).
            if (nanoClock.getAsLong() - inFlightSince > intervalMs * 1_000_000L) {
                instances.forEach(InstanceFence::renewalUnanswered);
            }
            return;
        }
        // Group by session handle: normally one, but a claim under a newer session may coexist.
        List<InstanceFence> held = new ArrayList<>();
        for (InstanceFence f : instances) {
            if (!f.renewalOps().isEmpty()) {
                held.add(f);
            }
        }
        if (held.isEmpty()) {
            return;
        }
        ZooKeeper handle = held.get(0).heldHandle();
        List<InstanceFence> batch = held.stream().filter(f -> f.heldHandle() == handle).toList();
        List<Op> ops = new ArrayList<>();
        batch.forEach(f -> ops.addAll(f.renewalOps()));
        inFlight = true;
        long sentAt = nanoClock.getAsLong();
        inFlightSince = sentAt;
        handle.multi(ops, (rc, path, ctx, results) -> fence.execute(() -> {
            inFlight = false;
            completed(batch, sentAt, KeeperException.Code.get(rc), results);
        }), null);
    }

    private void completed(List<InstanceFence> batch, long sentAt, KeeperException.Code code, List<OpResult> results) {
        if (code == KeeperException.Code.OK) {
            renewals++;
            batch.forEach(f -> f.renewed(sentAt));
            return;
        }
        failures++;
        switch (code) {
            case SESSIONEXPIRED, SESSIONMOVED, AUTHFAILED ->
                    batch.forEach(f -> f.lost("ZooKeeper says " + code + " for the session we claimed under"));
            case NONODE, BADVERSION -> {
                // Each instance contributed its ops in order: find whose check failed.
                for (int i = 0; i < batch.size(); i++) {
                    boolean failedHere = false;
                    for (int op = 0; op < HolderOps.RENEWAL_OPS; op++) {
                        failedHere |= failed(results, HolderOps.RENEWAL_OPS * i + op);
                    }
                    if (failedHere) {
                        batch.get(i).lost("our latch or holder node is gone, or someone claimed since our epoch ("
                                + code + ")");
                    }
                }
            }
            default -> {
                batch.forEach(InstanceFence::renewalUnanswered);
                if (Long.bitCount(failures) == 1) { // the 1st, 2nd, 4th, ... failure
                    log.warn("renewal failed: {} ({} failures so far); the VIPs keep their lease until it runs out",
                            code, failures);
                }
            }
        }
    }

    private static boolean failed(List<OpResult> results, int index) {
        if (results == null || index >= results.size()) {
            return true;
        }
        return results.get(index) instanceof OpResult.ErrorResult e
                && e.getErr() != KeeperException.Code.OK.intValue()
                && e.getErr() != KeeperException.Code.RUNTIMEINCONSISTENCY.intValue();
    }
}
