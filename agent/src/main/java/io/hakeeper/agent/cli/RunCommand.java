package io.hakeeper.agent.cli;

import io.hakeeper.agent.fence.Agent;
import io.hakeeper.common.config.ConfigException;
import io.hakeeper.common.config.ConfigLoader;
import io.hakeeper.common.config.Diagnostic;
import io.hakeeper.common.config.HostFacts;
import io.hakeeper.common.config.model.KeepalivedConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code haagent run --config FILE}: hold the VIPs while ZooKeeper says so. */
@Command(name = "run", description = "Run the agent: fenced VIP mastership for every vrrp_instance.")
public final class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The config file.")
    Path config;

    @Override
    public Integer call() throws Exception {
        KeepalivedConfig c;
        try {
            c = ConfigLoader.loadForRun(config, HostFacts.local());
        } catch (ConfigException e) {
            e.diagnostics().forEach(d -> System.err.println(d.format()));
            return 1;
        }
        String node = c.globalDefs().routerId() != null ? c.globalDefs().routerId() : Agent.hostName();
        Agent agent = new Agent(c, node);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "shutdown"));
        try {
            agent.start();
        } catch (Exception e) {
            log.error("cannot start: {}", e.getMessage());
            System.err.println("haagent: " + e.getMessage());
            agent.close();
            return 1;
        }
        stopped.await();
        return 0;
    }

    static void print(Diagnostic d) {
        System.err.println(d.format());
    }
}
