package io.hakeeper.agent.ipvs;

import io.hakeeper.common.config.model.KeepalivedConfig;
import io.hakeeper.common.config.model.VirtualServer;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the kernel's IPVS table equal to the config's virtual servers and the checkers' verdicts,
 * on every director whatever its VRRP role (DESIGN.md, "IPVS and checkers"): at start, on config
 * reload, at once when a verdict changes, and on a periodic drift check that repairs what someone
 * changed behind our back. Only services this config owns are touched. Runs on its own thread:
 * IPVS work never delays the fence or the checkers. Verdict changes that arrive while a reconcile
 * is queued ride on that one, so a burst of changes costs one diff and one batch.
 */
public final class IpvsProgrammer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IpvsProgrammer.class);

    /** Opens the kernel interface; throws when IPVS is unavailable (module not loaded, no capability). */
    public interface KernelOpener {
        IpvsKernel open() throws Exception;
    }

    /** Told after a reconcile that carried verdict changes went through. */
    @FunctionalInterface
    public interface AppliedListener {
        /** @param decidedAtNanos when the oldest verdict change it carried was decided (System.nanoTime) */
        void applied(long decidedAtNanos, long appliedAtNanos);
    }

    private final KernelOpener opener;
    private final RealServerHealth health;
    private final Consumer<QuorumTransition> quorumListener;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ipvs");
        t.setDaemon(true);
        return t;
    });
    /** The decision time of the oldest verdict change not yet applied, or {@link #NONE_PENDING}. */
    private final AtomicLong pendingSince = new AtomicLong(NONE_PENDING);
    private static final long NONE_PENDING = Long.MIN_VALUE;
    private volatile AppliedListener appliedListener = (decided, applied) -> { };
    private IpvsKernel kernel;
    private KeepalivedConfig config;
    private Set<IpvsServiceKey> owned = Set.of();
    private Map<String, QuorumState> quorum = Map.of();
    private DesiredState.Result last;
    /** The last reconcile left the kernel exactly as {@link #last} describes. */
    private boolean lastComplete;
    private String lastError;
    private volatile long reconciles;

    /** Every real server up unless {@code alpha} says otherwise (no checkers wired). */
    public IpvsProgrammer(KernelOpener opener) {
        this(opener, RealServerHealth.none(), t -> { });
    }

    /**
     * @param health         the checkers' verdicts, read at every reconcile
     * @param quorumListener runs {@code quorum_up} / {@code quorum_down}; called on the IPVS thread
     */
    public IpvsProgrammer(KernelOpener opener, RealServerHealth health, Consumer<QuorumTransition> quorumListener) {
        this.opener = opener;
        this.health = health;
        this.quorumListener = quorumListener;
    }

    public void onApplied(AppliedListener listener) {
        this.appliedListener = listener;
    }

    /** Programs {@code config} now and then checks for drift every {@code driftCheckSec}. */
    public void start(KeepalivedConfig initial, int driftCheckSec) {
        thread.execute(() -> program(initial));
        thread.scheduleWithFixedDelay(() -> program(config), driftCheckSec, driftCheckSec, TimeUnit.SECONDS);
    }

    /** A reloaded config: services it no longer has are deleted, new ones added. */
    public void reload(KeepalivedConfig next) {
        thread.execute(() -> program(next));
    }

    /**
     * A verdict changed at {@code decidedAtNanos}: reconcile now. Never blocks; changes that arrive
     * before the queued reconcile runs are carried by it.
     */
    public void verdictChanged(long decidedAtNanos) {
        if (pendingSince.compareAndSet(NONE_PENDING, decidedAtNanos)) {
            try {
                thread.execute(this::programVerdicts);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                log.debug("ipvs: closed; verdict change at {} dropped", decidedAtNanos);
            }
        }
    }

    /** Runs a drift check now and waits for it (tests, operators' "reconcile now"). */
    public void checkNow() throws Exception {
        thread.submit(() -> program(config)).get(60, TimeUnit.SECONDS);
    }

    public long reconciles() {
        return reconciles;
    }

    /**
     * Graceful stop with {@code omega} (keepalived.conf(5): "On daemon shutdown consider quorum and RS
     * down notifiers for execution"): the services of every virtual server with {@code omega} are
     * deleted, as keepalived deletes its virtual servers when it stops, and the notices say which
     * {@code notify_down} and {@code quorum_down} scripts to run. Virtual servers without omega stay
     * in the table, so traffic keeps flowing across an agent restart.
     */
    public ShutdownNotices shutdown() throws Exception {
        return thread.submit(() -> {
            if (config == null || last == null) {
                return new ShutdownNotices(java.util.List.of(), java.util.List.of());
            }
            ShutdownNotices notices = ShutdownNotices.of(config, last);
            Set<IpvsServiceKey> omega = new HashSet<>();
            Set<String> omegaNames = new HashSet<>();
            for (VirtualServer vs : config.virtualServers()) {
                if (vs.omega()) {
                    omegaNames.add(RealServerId.virtualServerName(vs));
                }
            }
            for (IpvsServiceKey key : last.owned()) {
                if (omegaNames.contains(ownerName(key))) {
                    omega.add(key);
                }
            }
            if (!omega.isEmpty() && kernel != null) {
                IpvsApplyReport report = new IpvsApplier(kernel).reconcile(IpvsTable.EMPTY, omega);
                report.lines().forEach(l -> log.info("ipvs omega: {}", l));
            }
            return notices;
        }).get(30, TimeUnit.SECONDS);
    }

    private String ownerName(IpvsServiceKey key) {
        for (VirtualServer vs : config.virtualServers()) {
            if (VirtualServerKeys.of(vs, config, new java.util.ArrayList<>()).contains(key)) {
                return RealServerId.virtualServerName(vs);
            }
        }
        return "";
    }

    /** A full reconcile: reads the whole kernel table first (start, reload, drift check). */
    private void program(KeepalivedConfig next) {
        reconcile(next, false);
    }

    /**
     * A verdict change: the diff against the table the last complete reconcile left, without
     * reading the kernel first, so the cost does not grow with the table. The services it touches
     * are read back and checked; anything off falls back to a full reconcile at once.
     */
    private void programVerdicts() {
        reconcile(config, lastComplete);
    }

    private void reconcile(KeepalivedConfig next, boolean fast) {
        long carried = pendingSince.getAndSet(NONE_PENDING);
        if (next == null) {
            return;
        }
        DesiredState.Result desired = DesiredState.build(next, health, quorum);
        if (!fast) {
            desired.warnings().forEach(w -> log.warn("ipvs: {}", w));
        }
        // What the previous config owned is ours to delete too: a service dropped on reload goes.
        Set<IpvsServiceKey> ours = new HashSet<>(owned);
        ours.addAll(desired.owned());
        try {
            if (kernel == null) {
                kernel = opener.open();
            }
            IpvsApplier applier = new IpvsApplier(kernel);
            IpvsApplyReport report = fast
                    ? applier.apply(Reconciler.diff(desired.table(), last.table(), ours), desired.table(), ours)
                    : applier.reconcile(desired.table(), ours);
            if (fast && !report.complete()) {
                log.warn("ipvs: the table was not as last left (changed behind our back?); reconciling in full");
                report = applier.reconcile(desired.table(), ours);
            }
            long appliedAt = System.nanoTime();
            reconciles++;
            lastComplete = report.complete();
            if (!report.complete()) {
                report.lines().forEach(l -> log.error("ipvs: {}", l));
            } else if (report.lines().size() > 1) {
                report.lines().forEach(l -> log.info("ipvs: {}", l));
            }
            config = next;
            owned = desired.owned();
            quorum = desired.quorum();
            last = desired;
            lastError = null;
            for (QuorumTransition t : desired.transitions()) {
                log.info("ipvs: virtual_server {} {} quorum: live weight {} against {}", t.virtualServer(),
                        t.to() == QuorumState.UP ? "gained" : t.atStart() ? "starts without" : "lost",
                        t.liveWeight(), t.threshold());
                quorumListener.accept(t);
            }
            if (carried != NONE_PENDING) {
                appliedListener.applied(carried, appliedAt);
            }
        } catch (Exception e) {
            config = next;
            lastComplete = false;
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            if (!message.equals(lastError)) {
                log.error("ipvs: cannot program the virtual servers: {}; retrying at the next drift check", message);
                lastError = message;
            }
            closeKernel();
        }
    }

    private void closeKernel() {
        if (kernel instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                log.debug("ipvs close: {}", e.toString());
            }
        }
        kernel = null;
    }

    @Override
    public void close() {
        thread.shutdownNow();
        closeKernel();
    }
}
