package io.hakeeper.agent.ipvs;

import io.hakeeper.common.config.model.KeepalivedConfig;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the kernel's IPVS table equal to the config's virtual servers, on every director whatever
 * its VRRP role (DESIGN.md, "IPVS and checkers"): at start, on config reload, and on a periodic
 * drift check that repairs what someone changed behind our back. Only services this config owns
 * are touched. Runs on its own thread: IPVS work never delays the fence. Until real-server checkers
 * exist, every real server counts as up unless {@code alpha} says otherwise.
 */
public final class IpvsProgrammer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IpvsProgrammer.class);

    /** Opens the kernel interface; throws when IPVS is unavailable (module not loaded, no capability). */
    public interface KernelOpener {
        IpvsKernel open() throws Exception;
    }

    private final KernelOpener opener;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ipvs");
        t.setDaemon(true);
        return t;
    });
    private IpvsKernel kernel;
    private KeepalivedConfig config;
    private Set<IpvsServiceKey> owned = Set.of();
    private Map<String, QuorumState> quorum = Map.of();
    private String lastError;
    private volatile long reconciles;

    public IpvsProgrammer(KernelOpener opener) {
        this.opener = opener;
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

    /** Runs a drift check now and waits for it (tests, operators' "reconcile now"). */
    public void checkNow() throws Exception {
        thread.submit(() -> program(config)).get(60, TimeUnit.SECONDS);
    }

    public long reconciles() {
        return reconciles;
    }

    private void program(KeepalivedConfig next) {
        if (next == null) {
            return;
        }
        DesiredState.Result desired = DesiredState.build(next, RealServerHealth.none(), quorum);
        desired.warnings().forEach(w -> log.warn("ipvs: {}", w));
        // What the previous config owned is ours to delete too: a service dropped on reload goes.
        Set<IpvsServiceKey> ours = new HashSet<>(owned);
        ours.addAll(desired.owned());
        try {
            if (kernel == null) {
                kernel = opener.open();
            }
            IpvsApplyReport report = new IpvsApplier(kernel).reconcile(desired.table(), ours);
            reconciles++;
            if (!report.complete()) {
                report.lines().forEach(l -> log.error("ipvs: {}", l));
            } else if (!report.lines().isEmpty() && report.lines().size() > 1) {
                report.lines().forEach(l -> log.info("ipvs: {}", l));
            }
            config = next;
            owned = desired.owned();
            quorum = desired.quorum();
            lastError = null;
        } catch (Exception e) {
            config = next;
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
