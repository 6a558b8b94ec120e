package io.hakeeper.agent.fence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.x.async.AsyncCuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews every held instance every R with one {@code multi} of {@code check} ops (DESIGN.md, "The
 * fence", point 3). A {@code multi} goes through the ZooKeeper leader, so a cut-off follower cannot
 * confirm it. Success under the same session extends the VIPs from the send time; a definite
 * "no" (session expired, a node gone or changed) deletes them at once; a slow or failed reply
 * renews nothing and lets the lease run out. Runs on the fence thread.
 */
public final class LeaseKeeper {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final CuratorFramework client;
    private final AsyncCuratorFramework async;
    private final ScheduledExecutorService fence;
    private final List<InstanceFence> instances;
    private final LongSupplier nanoClock;
    private final int intervalMs;
    private boolean inFlight;
    private long renewals;
    private long failures;
    private ScheduledFuture<?> task;

    public LeaseKeeper(CuratorFramework client, ScheduledExecutorService fence, List<InstanceFence> instances,
                       LongSupplier nanoClock, int intervalMs) {
        this.client = client;
        this.async = AsyncCuratorFramework.wrap(client);
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

    private long sessionId() {
        try {
            return client.getZookeeperClient().getZooKeeper().getSessionId();
        } catch (Exception e) {
            return 0L;
        }
    }

    void renewAll() {
        if (inFlight) {
            return; // the previous renewal is still out; its lease keeps running meanwhile
        }
        List<InstanceFence> held = new ArrayList<>();
        List<CuratorOp> ops = new ArrayList<>();
        long session = sessionId();
        for (InstanceFence f : instances) {
            List<CuratorOp> mine = f.renewalOps();
            if (mine.isEmpty()) {
                continue;
            }
            if (f.heldSession() != session) {
                f.lost("the ZooKeeper session changed (was 0x" + Long.toHexString(f.heldSession()) + ")");
                continue;
            }
            held.add(f);
            ops.addAll(mine);
        }
        if (held.isEmpty()) {
            return;
        }
        inFlight = true;
        long sentAt = nanoClock.getAsLong();
        async.transaction().forOperations(ops).whenCompleteAsync((results, error) -> {
            inFlight = false;
            if (error == null && sessionId() == session) {
                renewals++;
                held.forEach(f -> f.renewed(sentAt));
                return;
            }
            failures++;
            KeeperException.Code code = code(error);
            if (code == KeeperException.Code.SESSIONEXPIRED || (error == null)) {
                held.forEach(f -> f.lost("ZooKeeper session 0x" + Long.toHexString(session) + " expired"));
            } else if (code == KeeperException.Code.NONODE || code == KeeperException.Code.BADVERSION) {
                held.forEach(f -> verify(f, session));
            } else if (Long.bitCount(failures) == 1) {
                log.warn("renewal failed ({} so far): {}; VIPs keep their lease until it runs out", failures,
                        error.toString());
            }
        }, fence);
    }

    /** One of the checks failed: find which instance lost its latch or holder node. */
    private void verify(InstanceFence f, long session) {
        String latchPath = f.heldLatchPath();
        String holderPath = f.holderPath();
        async.checkExists().forPath(latchPath).thenCombine(async.checkExists().forPath(holderPath),
                (latchStat, holderStat) -> ownedBy(latchStat, session) && ownedBy(holderStat, session)
                        && holderStat.getVersion() == f.heldHolderVersion())
                .whenCompleteAsync((stillOurs, error) -> {
                    if (error == null && !stillOurs) {
                        f.lost("our latch or holder node is gone or changed");
                    }
                }, fence);
    }

    private static boolean ownedBy(Stat stat, long session) {
        return stat != null && stat.getEphemeralOwner() == session;
    }

    private static KeeperException.Code code(Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return t instanceof KeeperException ke ? ke.code() : KeeperException.Code.SYSTEMERROR;
    }
}
