package io.hakeeper.agent.check;

import io.hakeeper.agent.check.probe.CheckRunner;
import io.hakeeper.agent.track.Notifier;
import io.hakeeper.common.zk.ZkLayout;
import java.util.SplittableRandom;
import org.apache.curator.framework.CuratorFramework;

/**
 * A {@link CheckService} on the agent's own check engine (real probes on one I/O loop), optionally publishing to
 * ZooKeeper as node {@code lb1} and running scripts: what the integration tests and the VM scenario
 * start. Closes everything it started.
 */
public final class LoopbackChecks implements AutoCloseable {

    private final CheckRunner runner = CheckEngine.open(null, null);
    private final RealServerPublisher publisher;
    public final CheckService service;

    /** @param client null: no ZooKeeper; {@code notifier} null: no scripts */
    public LoopbackChecks(CuratorFramework client, ZkLayout layout, Notifier notifier) {
        service = new CheckService(runner, System::nanoTime, System::currentTimeMillis, new SplittableRandom(1),
                notifier);
        publisher = client == null ? null : new RealServerPublisher(client, layout, "lb1", System::currentTimeMillis);
        if (publisher != null) {
            service.publishTo(publisher);
        }
    }

    RealServerPublisher publisher() {
        return publisher;
    }

    @Override
    public void close() {
        service.close();
        runner.close();
        if (publisher != null) {
            publisher.close();
        }
    }
}
