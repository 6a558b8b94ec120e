package io.hakeeper.agent.check;

import io.hakeeper.agent.check.probe.CheckRunner;
import io.hakeeper.agent.check.probe.ProbeResult;
import io.hakeeper.agent.ipvs.QuorumState;
import io.hakeeper.agent.ipvs.QuorumTransition;
import io.hakeeper.agent.ipvs.RealServerHealth;
import io.hakeeper.agent.ipvs.RealServerId;
import io.hakeeper.agent.ipvs.ShutdownNotices;
import io.hakeeper.agent.ipvs.Verdict;
import io.hakeeper.agent.track.Notifier;
import io.hakeeper.common.check.FirstCheck;
import io.hakeeper.common.check.VerdictChange;
import io.hakeeper.common.config.model.KeepalivedConfig;
import io.hakeeper.common.config.model.RealServer;
import io.hakeeper.common.config.model.VirtualServer;
import io.hakeeper.common.zk.RealServerView;
import io.hakeeper.common.zk.VirtualServerKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real-server checkers of a config (DESIGN.md, "IPVS and checkers"): builds one check per
 * checker block, hands them to the {@link CheckRunner}, feeds each attempt to that real server's
 * {@link io.hakeeper.common.check.RealServerVerdict}, and tells the listeners (the IPVS
 * reconciler), ZooKeeper and the {@code notify_up} / {@code notify_down} scripts when a verdict
 * changes. It is the {@link RealServerHealth} the reconciler reads. A reload keeps the state of
 * real servers whose checks did not change, as keepalived does not re-add a failed server on reload.
 */
public final class CheckService implements RealServerHealth, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CheckService.class);

    /** Told on the runner's thread, so it must not block: the IPVS reconciler queues a reconcile. */
    @FunctionalInterface
    public interface VerdictListener {
        void changed(RealServerId realServer, Verdict verdict, long decidedAtNanos);
    }

    private record CheckRef(CheckedRealServer server, int checker) {
    }

    private final CheckRunner runner;
    private final LongSupplier nanoClock;
    private final LongSupplier wallClock;
    private final RandomGenerator random;
    private final Notifier notifier;
    /** Starting a process (fork, exec) takes milliseconds: never on the runner's thread. */
    private final java.util.concurrent.ExecutorService scripts = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "check-scripts");
                t.setDaemon(true);
                return t;
            });
    private final List<VerdictListener> listeners = new CopyOnWriteArrayList<>();
    private final CheckMetrics metrics;
    private volatile RealServerPublisher publisher;
    private volatile Map<RealServerId, CheckedRealServer> servers = Map.of();
    private volatile Map<String, CheckRef> checks = Map.of();
    private volatile Map<VirtualServerKey, List<CheckedRealServer>> byVirtualServer = Map.of();
    /** Every real server of the config, checked or not, for omega's notify_down. */
    private volatile Map<RealServerId, RealServer> configured = Map.of();

    /**
     * @param nanoClock the runner's monotonic clock
     * @param notifier  runs notify and quorum scripts; null runs none
     */
    public CheckService(CheckRunner runner, LongSupplier nanoClock, LongSupplier wallClock, RandomGenerator random,
                        Notifier notifier) {
        this.runner = runner;
        this.nanoClock = nanoClock;
        this.wallClock = wallClock;
        this.random = random;
        this.notifier = notifier;
        this.metrics = new CheckMetrics(() -> servers.values());
    }

    public void addListener(VerdictListener listener) {
        listeners.add(listener);
    }

    /** Publishes to ZooKeeper from now on, starting with every virtual server's current view. */
    public void publishTo(RealServerPublisher next) {
        this.publisher = next;
        byVirtualServer.forEach(this::publish);
    }

    public CheckMetrics metrics() {
        return metrics;
    }

    /** Every checked real server, by id. */
    public Collection<RealServerId> checked() {
        return servers.keySet();
    }

    @Override
    public Optional<Verdict> verdict(RealServerId realServer) {
        CheckedRealServer s = servers.get(realServer);
        return s == null ? Optional.empty() : Optional.of(s.current());
    }

    /** The views published for {@code virtualServer}, in config order. */
    public List<RealServerView.RealServer> views(VirtualServerKey virtualServer) {
        return byVirtualServer.getOrDefault(virtualServer, List.of()).stream().map(CheckedRealServer::view).toList();
    }

    /** Starts the checks of {@code config}, or moves to it from the previous one (SIGHUP). */
    public synchronized void apply(KeepalivedConfig config) {
        Map<RealServerId, CheckedRealServer> before = servers;
        Map<RealServerId, CheckedRealServer> next = new LinkedHashMap<>();
        Map<VirtualServerKey, List<CheckedRealServer>> grouped = new LinkedHashMap<>();
        List<CheckedRealServer> added = new ArrayList<>();
        Map<RealServerId, RealServer> all = new HashMap<>();
        long nowMs = wallClock.getAsLong();
        for (VirtualServer vs : config.virtualServers()) {
            List<CheckedRealServer> group = grouped.computeIfAbsent(VirtualServerKey.of(vs), k -> new ArrayList<>());
            for (RealServer rs : vs.realServers()) {
                RealServerId id = RealServerId.of(vs, rs);
                all.putIfAbsent(id, rs);
                if (rs.checkers().isEmpty() || next.containsKey(id)) {
                    continue;
                }
                CheckedRealServer old = before.get(id);
                CheckedRealServer s = old != null && old.sameChecks(vs, rs) ? old : new CheckedRealServer(vs, rs, nowMs);
                if (s != old) {
                    added.add(s);
                }
                next.put(id, s);
                group.add(s);
            }
        }
        for (CheckedRealServer old : before.values()) {
            if (next.get(old.id) != old) {
                for (int i = 0; i < old.targets.size(); i++) {
                    runner.remove(old.key(i));
                }
            }
        }
        Map<String, CheckRef> refs = new HashMap<>();
        next.values().forEach(s -> {
            for (int i = 0; i < s.targets.size(); i++) {
                refs.put(s.key(i), new CheckRef(s, i));
            }
        });
        Map<VirtualServerKey, List<CheckedRealServer>> previousGroups = byVirtualServer;
        servers = next;
        checks = refs;
        configured = Map.copyOf(all);
        byVirtualServer = Map.copyOf(grouped);
        long now = nanoClock.getAsLong();
        for (CheckedRealServer s : added) {
            for (int i = 0; i < s.targets.size(); i++) {
                runner.add(s.key(i), s.targets.get(i), FirstCheck.due(now, s.verdict.policy(i), s.alpha, random),
                        this::completed);
            }
        }
        RealServerPublisher p = publisher;
        if (p != null) {
            previousGroups.keySet().stream().filter(k -> !grouped.containsKey(k)).forEach(p::retire);
            grouped.forEach(this::publish);
        }
        log.info("checkers: {} real server(s), {} check(s); {} started anew", next.size(), refs.size(), added.size());
    }

    private long completed(String key, ProbeResult result, long nowNanos) {
        CheckRef ref = checks.get(key);
        if (ref == null) {
            return Long.MIN_VALUE; // removed by a reload while in flight
        }
        CheckedRealServer s = ref.server();
        String keyword = s.config.checkers().get(ref.checker()).keyword();
        metrics.attempt(keyword, result);
        VerdictChange change;
        Verdict verdict;
        synchronized (s) {
            change = s.verdict.completed(ref.checker(), result.passed(), result.dynamicWeight(),
                    result.passed() ? "" : keyword + ": " + describe(result), nowNanos);
            if (change.aliveChanged()) {
                s.sinceMs = wallClock.getAsLong();
            }
            verdict = s.current();
        }
        if (change.changed()) {
            log.info("{}: {} ({})", s.id, verdict instanceof Verdict.Up up
                    ? "UP" + up.weight().stream().mapToObj(w -> " weight " + w).findFirst().orElse("")
                    : "DOWN", result.passed() ? keyword + " passed" : keyword + ": " + describe(result));
            for (VerdictListener l : listeners) {
                l.changed(s.id, verdict, nowNanos);
            }
            publish(s.virtualServerKey, byVirtualServer.getOrDefault(s.virtualServerKey, List.of()));
        }
        switch (change.script()) {
            case UP -> run(s.id.toString(), s.config.notifyUp());
            case DOWN -> run(s.id.toString(), s.config.notifyDown());
            case NONE -> { }
        }
        return change.nextDueNanos();
    }

    private static String describe(ProbeResult r) {
        String reason = r.reason() == null ? "failed" : r.reason().name();
        return r.detail() == null || r.detail().isEmpty() ? reason : reason + " " + r.detail();
    }

    private void publish(VirtualServerKey key, List<CheckedRealServer> group) {
        RealServerPublisher p = publisher;
        if (p != null) {
            p.changed(key, () -> group.stream().map(CheckedRealServer::view).toList());
        }
    }

    /** Runs {@code quorum_up} / {@code quorum_down} (keepalived runs them as written, no arguments). */
    public void quorumChanged(QuorumTransition t) {
        run("virtual_server " + t.virtualServer() + " quorum " + (t.to() == QuorumState.UP ? "up" : "down"),
                t.command());
    }

    /** {@code omega} at shutdown: the {@code notify_down} of every real server that was up, and {@code quorum_down}. */
    public void shutdownNotices(ShutdownNotices notices) {
        for (RealServerId id : notices.realServersDown()) {
            RealServer rs = configured.get(id);
            if (rs != null) {
                run(id + " (shutting down)", rs.notifyDown());
            }
        }
        notices.quorumLost().forEach(this::quorumChanged);
    }

    private void run(String context, List<String> command) {
        if (notifier != null && !command.isEmpty()) {
            try {
                scripts.execute(() -> notifier.run(context, command));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                log.warn("{}: not running {}: the checkers are closed", context, command);
            }
        }
    }

    /** Stops every check; the runner itself belongs to the caller. Scripts already asked for still start. */
    @Override
    public synchronized void close() {
        for (String key : checks.keySet()) {
            runner.remove(key);
        }
        checks = Map.of();
    }

    /** After {@link #close()}: waits (briefly) until every script asked for has been started. */
    public void finishScripts() {
        scripts.shutdown();
        try {
            if (!scripts.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
                log.warn("notify scripts still being started after 5 s; giving up on them");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
