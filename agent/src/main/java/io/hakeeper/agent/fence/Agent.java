package io.hakeeper.agent.fence;

import io.hakeeper.agent.check.RealServerChecks;
import io.hakeeper.agent.cli.VersionCommand;
import io.hakeeper.agent.garp.GarpSender;
import io.hakeeper.agent.ipvs.IpvsNetlink;
import io.hakeeper.agent.ipvs.IpvsProgrammer;
import io.hakeeper.agent.netlink.AddressEvent;
import io.hakeeper.agent.netlink.InterfaceAddress;
import io.hakeeper.agent.netlink.RtNetlinkMonitor;
import io.hakeeper.agent.status.AgentMetrics;
import io.hakeeper.agent.status.StatusEndpoint;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import io.hakeeper.agent.netlink.RtNetlink;
import io.hakeeper.agent.track.Notifier;
import io.hakeeper.agent.track.Trackers;
import io.hakeeper.agent.zk.ZkConnection;
import io.hakeeper.common.config.model.KeepalivedConfig;
import io.hakeeper.common.config.model.VrrpInstance;
import io.hakeeper.common.fence.FenceBudget;
import io.hakeeper.common.zk.NodeRecord;
import io.hakeeper.common.zk.ZkLayout;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code haagent run}: wires the fence for every instance. Start-up order follows DESIGN.md:
 * delete leftover VIPs before joining anything, connect, check the fence budget against the
 * negotiated session timeout, register the node, then join each instance.
 */
public final class Agent implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Agent.class);

    private final KeepalivedConfig config;
    private final String node;
    private final LongSupplier nanoClock = System::nanoTime;
    private final ScheduledExecutorService fence = new FenceExecutor();
    private final List<InstanceFence> instances = new ArrayList<>();
    private ZkConnection zk;
    private ClusterView cluster;
    private NodeRegistration registration;
    private LeaseKeeper leaseKeeper;
    private Watchdog watchdog;
    private FenceBudget budget;
    private Trackers trackers;
    private Notifier notifier;
    private ControlWatcher control;
    private RtNetlinkMonitor addressWatch;
    private final Set<InetAddress> vipAddresses = new HashSet<>();
    private final GarpSender garp = new GarpSender();
    private final List<AutoCloseable> netlinks = new ArrayList<>();
    /** How often the IPVS table is compared with the config and repaired. */
    static final int IPVS_DRIFT_CHECK_SEC = 30;
    private IpvsProgrammer ipvs;
    private RealServerChecks checks;
    private AgentMetrics metrics;

    private final InetSocketAddress httpAddress;
    private StatusEndpoint http;
    private volatile boolean running;

    /** {@code httpAddress} null: no HTTP endpoint. */
    public Agent(KeepalivedConfig config, String node, InetSocketAddress httpAddress) {
        this.config = config;
        this.node = node;
        this.httpAddress = httpAddress;
    }

    public FenceBudget budget() {
        return budget;
    }

    public void start() throws Exception {
        RtNetlink fenceNetlink = RtNetlink.open();
        netlinks.add(fenceNetlink);
        for (VrrpInstance i : config.instances()) {
            List<InterfaceAddress> leftovers = new VipKeeper(fenceNetlink, i).removeLeftovers();
            if (!leftovers.isEmpty()) {
                log.warn("[{}] removed leftover VIPs at start-up: {}", i.name(), leftovers);
            }
        }
        if (!config.virtualServers().isEmpty()) {
            startIpvs(config);
        }
        zk = ZkConnection.open(config.zookeeper());
        zk.start(Duration.ofMillis(Math.max(10_000, config.zookeeper().sessionTimeoutMs())));
        int negotiated = zk.negotiatedSessionTimeoutMs();
        budget = FenceBudget.of(negotiated, config.zookeeper().tickTimeMs());
        log.info("fence budget: {}", budget.describe());
        if (!budget.safe()) {
            throw new IOException("the fence budget leaves a lease of " + budget.leaseMs() + " ms (negotiated session "
                    + negotiated + " ms minus margin " + budget.marginMs() + " ms), below 1 s; raise zookeeper"
                    + " session_timeout to at least " + budget.minimumSafeSessionTimeoutMs()
                    + " (and the servers' maxSessionTimeout if they cap it) or lower tick_time");
        }
        ZkLayout layout = ZkLayout.of(config.zookeeper());
        cluster = new ClusterView(zk.client(), layout, this::evaluateAll);
        cluster.start();
        NodeRecord record = new NodeRecord(node, hostName(), VersionCommand.version(), ProcessHandle.current().pid(),
                System.currentTimeMillis(), zk.sessionId(), NodeRecord.Fence.of(budget), false);
        registration = NodeRegistration.register(zk.client(), layout, record,
                Duration.ofMillis(negotiated + budget.tickTimeMs() * 2L + 2000));
        if (checks != null) {
            checks.publish(zk.client(), layout, node);
        }
        EventLog events = new EventLog(zk.client(), layout);
        notifier = new Notifier(config.globalDefs().scriptUser(), config.globalDefs().scriptGroup());
        trackers = new Trackers(config);
        trackers.watchLinks();
        Map<String, VipKeeper> watchdogVips = new HashMap<>();
        RtNetlink watchdogNetlink = RtNetlink.open();
        netlinks.add(watchdogNetlink);
        for (VrrpInstance i : config.instances()) {
            i.virtualIps().forEach(v -> vipAddresses.add(VipKeeper.address(v)));
            i.excludedVirtualIps().forEach(v -> vipAddresses.add(VipKeeper.address(v)));
            InstanceHealth health = new InstanceHealth(i.priority(), trackers.initial(i),
                    () -> nanoClock.getAsLong() / 1_000_000L);
            instances.add(new InstanceFence(i, node, layout, zk.client(), fence, new VipKeeper(fenceNetlink, i), budget,
                    nanoClock, cluster, events, health, notifier, garp,
                    config.fence().onZkLoss() == io.hakeeper.common.config.model.FenceSettings.OnZkLoss.HOLD,
                    config.globalDefs().vrrpVersion()));
            watchdogVips.put(i.name(), new VipKeeper(watchdogNetlink, i));
        }
        onFence(() -> {
            for (InstanceFence f : instances) {
                f.start();
            }
            return null;
        });
        for (int k = 0; k < instances.size(); k++) {
            InstanceFence f = instances.get(k);
            trackers.subscribe(config.instances().get(k), (i, state) -> fence.execute(() -> f.trackerChanged(state)));
        }
        trackers.start();
        // Configured VIPs appearing or leaving (not the renewals' UPDATED events) refresh addressesSeen.
        addressWatch = new RtNetlinkMonitor(new RtNetlinkMonitor.Listener() {
            @Override
            public void addressChanged(AddressEvent e) {
                if (e.kind() != AddressEvent.Kind.UPDATED && vipAddresses.contains(e.address().address())) {
                    fence.execute(() -> instances.forEach(InstanceFence::refreshAddressesSeen));
                }
            }
        }, EnumSet.of(RtNetlinkMonitor.Topic.IPV4_ADDRESSES, RtNetlinkMonitor.Topic.IPV6_ADDRESSES), nanoClock);
        addressWatch.start();
        fence.execute(() -> instances.forEach(InstanceFence::refreshAddressesSeen));
        control = new ControlWatcher(zk.client(), layout, node, instances, fence);
        control.start(zk.client());
        leaseKeeper = new LeaseKeeper(fence, instances, nanoClock, budget.renewIntervalMs());
        leaseKeeper.start();
        instances.forEach(f -> f.onConflict(leaseKeeper::renewNow));
        watchdog = new Watchdog(instances, watchdogVips, fence, nanoClock);
        watchdog.start();
        if (httpAddress != null) {
            metrics = new AgentMetrics(instances, leaseKeeper::renewals, leaseKeeper::failures,
                    zk::connected);
            if (checks != null) {
                checks.metrics().register(metrics.registry());
            }
            http = new StatusEndpoint(httpAddress, metrics, () -> running && zk.connected());
            log.info("health and metrics on http://{}:{}/health and /metrics", http.address().getHostString(),
                    http.address().getPort());
        }
        running = true;
        log.info("agent {} running: {} instance(s)", node, instances.size());
    }

    /**
     * SIGHUP: applies the reloaded config's virtual servers. Changes to vrrp_instance, zookeeper
     * or fence need a restart (a graceful one hands the VIPs over in tens of milliseconds).
     */
    public void reload(KeepalivedConfig next) {
        if (ipvs != null) {
            checks.reload(next);
            ipvs.reload(next);
        } else if (!next.virtualServers().isEmpty()) {
            startIpvs(next);
            // The first virtual servers arrived with a reload: publish their verdicts like at start.
            checks.publish(zk.client(), ZkLayout.of(config.zookeeper()), node);
            if (metrics != null) {
                checks.metrics().register(metrics.registry());
            }
        }
        log.info("reloaded virtual servers from the config; vrrp_instance, zookeeper and fence changes need a"
                + " restart");
    }

    /** Checkers first, so the first reconcile already reads their verdicts (alpha servers start down). */
    private void startIpvs(KeepalivedConfig initial) {
        checks = RealServerChecks.start(initial);
        ipvs = new IpvsProgrammer(IpvsNetlink::open, checks.health(), checks::quorumChanged);
        checks.feed(ipvs);
        ipvs.start(initial, IPVS_DRIFT_CHECK_SEC);
    }

    private void evaluateAll() {
        fence.execute(() -> instances.forEach(InstanceFence::evaluate));
    }

    /** Runs {@code action} on the fence thread and waits for it. */
    private void onFence(java.util.concurrent.Callable<Void> action) throws Exception {
        var future = fence.submit(action);
        future.get(30, TimeUnit.SECONDS);
    }

    /** Graceful stop (SIGTERM/SIGINT): release every instance, then leave ZooKeeper. */
    @Override
    public void close() {
        running = false;
        closeQuietly(http);
        if (watchdog != null) {
            watchdog.close();
        }
        if (leaseKeeper != null) {
            leaseKeeper.stop();
        }
        CountDownLatch done = new CountDownLatch(1);
        fence.execute(() -> {
            instances.forEach(f -> f.stop("agent stopping"));
            done.countDown();
        });
        try {
            if (!done.await(5, TimeUnit.SECONDS)) {
                log.error("instances did not stop within 5 s; their VIP lifetimes still end them");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (checks != null) {
            checks.stop(ipvs); // omega: notify_down / quorum_down, and its services go
        }
        closeQuietly(ipvs);
        closeQuietly(addressWatch);
        closeQuietly(control);
        closeQuietly(trackers);
        closeQuietly(notifier);
        closeQuietly(garp);
        closeQuietly(registration);
        closeQuietly(cluster);
        closeQuietly(zk);
        fence.shutdownNow();
        netlinks.forEach(Agent::closeQuietly);
        log.info("agent {} stopped", node);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                log.debug("close failed: {}", e.toString());
            }
        }
    }

    /** The kernel's host name, without a DNS lookup. */
    public static String hostName() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            return System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
    }
}
