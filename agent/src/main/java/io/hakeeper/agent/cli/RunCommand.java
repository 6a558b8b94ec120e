package io.hakeeper.agent.cli;

import io.hakeeper.agent.fence.Agent;
import io.hakeeper.common.config.ConfigException;
import io.hakeeper.common.config.ConfigLoader;
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

    @Option(names = "--http", paramLabel = "ADDRESS:PORT|off", defaultValue = "127.0.0.1:9405",
            description = "Where /health and /metrics listen (default ${DEFAULT-VALUE}); 'off' disables them.")
    String http;

    @Override
    public Integer call() throws Exception {
        KeepalivedConfig c;
        try {
            c = ConfigLoader.loadForRun(config, HostFacts.local());
        } catch (ConfigException e) {
            e.diagnostics().forEach(d -> System.err.println(d.format()));
            return 1;
        }
        if (c.globalDefs().vrrpNice() != null) {
            io.hakeeper.agent.ProcessNice.apply(c.globalDefs().vrrpNice()); // before the agent starts its threads
        }
        String node = c.globalDefs().routerId() != null ? c.globalDefs().routerId() : Agent.hostName();
        java.net.InetSocketAddress httpAddress = null;
        if (!http.equals("off")) {
            int colon = http.lastIndexOf(':');
            if (colon <= 0 || !http.substring(colon + 1).matches("\\d{1,5}")) {
                System.err.println("haagent: --http must be ADDRESS:PORT or off, got '" + http + "'");
                return 2;
            }
            String host = http.substring(0, colon).replace("[", "").replace("]", "");
            if (io.hakeeper.common.config.grammar.IpLiteral.parse(host).isEmpty()) {
                System.err.println("haagent: --http needs an IP address (no name lookups), got '" + host + "'");
                return 2;
            }
            httpAddress = new java.net.InetSocketAddress(java.net.InetAddress.getByAddress(
                    io.hakeeper.common.config.grammar.IpLiteral.parse(host).get().bytes()),
                    Integer.parseInt(http.substring(colon + 1)));
        }
        Agent agent = new Agent(c, node, httpAddress);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "shutdown"));
        // SIGHUP reloads the config, as keepalived does (virtual servers only; see Agent.reload).
        sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> {
            try {
                agent.reload(ConfigLoader.loadForRun(config, HostFacts.local()));
            } catch (ConfigException e) {
                log.error("SIGHUP: {} is invalid, keeping the running config:", config);
                e.errors().forEach(d -> log.error("  {}", d.format()));
            } catch (RuntimeException e) {
                log.error("SIGHUP: reload failed: {}", e.toString());
            }
        });
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
}
