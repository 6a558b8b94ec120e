package io.hakeeper.agent.check;

import io.hakeeper.agent.check.probe.CheckRunner;
import io.hakeeper.agent.ipvs.IpvsProgrammer;
import io.hakeeper.agent.ipvs.QuorumTransition;
import io.hakeeper.agent.ipvs.RealServerHealth;
import io.hakeeper.agent.track.Notifier;
import io.hakeeper.common.config.model.KeepalivedConfig;
import io.hakeeper.common.zk.ZkLayout;
import java.util.SplittableRandom;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's real-server checking, wired: the runner, the {@link CheckService}, its scripts (as
 * {@code script_user}), the IPVS reconciler it feeds and the ZooKeeper records it publishes. One
 * lifecycle object for {@code Agent}: start, reload, stop with {@code omega}.
 */
public final class RealServerChecks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RealServerChecks.class);

    private final CheckRunner runner;
    private final Notifier notifier;
    private final CheckService service;
    private RealServerPublisher publisher;

    public RealServerChecks(CheckRunner runner, KeepalivedConfig config) {
        this.runner = runner;
        // Quorum and omega scripts run even without a probe engine: the reconciler still decides quorums.
        this.notifier = new Notifier(config.globalDefs().scriptUser(), config.globalDefs().scriptGroup());
        this.service = new CheckService(runner, System::nanoTime, System::currentTimeMillis, new SplittableRandom(),
                notifier);
    }

    /** Starts checking {@code config}; when the engine cannot start, says so and checks nothing. */
    public static RealServerChecks start(KeepalivedConfig config) {
        CheckRunner runner;
        try {
            runner = CheckEngine.open(config);
        } catch (RuntimeException e) {
            log.warn("real-server checkers unavailable: {}; real servers count as up (down under alpha)",
                    e.getMessage());
            runner = null;
        }
        RealServerChecks checks = new RealServerChecks(runner, config);
        checks.reload(config);
        return checks;
    }

    public RealServerHealth health() {
        return service;
    }

    public CheckMetrics metrics() {
        return service.metrics();
    }

    /** Verdict changes go straight to {@code ipvs}; how long they took to land is measured. */
    public void feed(IpvsProgrammer ipvs) {
        service.addListener((id, verdict, decidedAt) -> ipvs.verdictChanged(decidedAt));
        ipvs.onApplied((decidedAt, appliedAt) -> service.metrics().verdictApplied(appliedAt - decidedAt));
    }

    public void quorumChanged(QuorumTransition t) {
        service.quorumChanged(t);
    }

    public void publish(CuratorFramework client, ZkLayout layout, String node) {
        publisher = new RealServerPublisher(client, layout, node, System::currentTimeMillis);
        service.publishTo(publisher);
    }

    public void reload(KeepalivedConfig config) {
        if (runner != null) {
            service.apply(config);
        }
    }

    /** Graceful stop: checks end, then omega's scripts run and its services go (see {@link IpvsProgrammer#shutdown}). */
    public void stop(IpvsProgrammer ipvs) {
        service.close();
        if (ipvs != null) {
            try {
                service.shutdownNotices(ipvs.shutdown());
            } catch (Exception e) {
                log.warn("omega at shutdown: {}", e.toString());
            }
        }
        close();
    }

    @Override
    public void close() {
        service.close();
        service.finishScripts();
        if (runner != null) {
            runner.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        notifier.close(); // scripts already started keep running; only their timeout timers go
    }
}
