package io.hakeeper.agent.check;

import io.hakeeper.agent.check.probe.FailureReason;
import io.hakeeper.agent.check.probe.ProbeResult;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Collection;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The checkers' Prometheus metrics: attempts and failures by reason (counters, bumped on the
 * runner's thread without locks), attempt latency and verdict-to-IPVS latency (histograms), and
 * each real server's verdict and weight (read at scrape time).
 */
public final class CheckMetrics {

    /** From a loopback connect (tens of µs) to a connect_timeout (seconds). */
    private static final double[] LATENCY_BOUNDS =
            {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final Counter checks = Counter.builder().name("hakeeper_checks")
            .help("check attempts completed, by checker type").labelNames("checker").build();
    private final Counter failures = Counter.builder().name("hakeeper_check_failures")
            .help("failed check attempts, by checker type and reason").labelNames("checker", "reason").build();
    private final Histogram latency = Histogram.builder().name("hakeeper_check_latency_seconds")
            .help("how long one check attempt took").labelNames("checker").classicOnly()
            .classicUpperBounds(LATENCY_BOUNDS).build();
    private final Histogram verdictToIpvs = Histogram.builder().name("hakeeper_verdict_to_ipvs_seconds")
            .help("from the check that changed a verdict to the IPVS table carrying it").classicOnly()
            .classicUpperBounds(LATENCY_BOUNDS).build();
    private final GaugeWithCallback up;
    private final GaugeWithCallback weight;

    CheckMetrics(Supplier<Collection<CheckedRealServer>> servers) {
        up = GaugeWithCallback.builder().name("hakeeper_real_server_up")
                .help("1 while this node's checkers find the real server up").labelNames("virtual_server", "real_server")
                .callback(cb -> servers.get().forEach(s -> cb.call(s.view().up() ? 1 : 0, s.id.virtualServer(),
                        s.id.realServer().show())))
                .build();
        weight = GaugeWithCallback.builder().name("hakeeper_real_server_weight")
                .help("the weight this node gives the real server (0 while down)")
                .labelNames("virtual_server", "real_server")
                .callback(cb -> servers.get().forEach(s -> cb.call(s.view().weight(), s.id.virtualServer(),
                        s.id.realServer().show())))
                .build();
    }

    /** Adds these metrics to the agent's registry (the one /metrics serves). */
    public void register(PrometheusRegistry registry) {
        registry.register(checks);
        registry.register(failures);
        registry.register(latency);
        registry.register(verdictToIpvs);
        registry.register(up);
        registry.register(weight);
    }

    void attempt(String checker, ProbeResult result) {
        checks.labelValues(checker).inc();
        latency.labelValues(checker).observe(result.latencyNanos() / 1e9);
        if (!result.passed()) {
            FailureReason reason = result.reason() == null ? FailureReason.LOCAL_ERROR : result.reason();
            failures.labelValues(checker, reason.name().toLowerCase(Locale.ROOT)).inc();
        }
    }

    void verdictApplied(long nanos) {
        verdictToIpvs.observe(nanos / 1e9);
    }

    long checksRun() {
        return (long) checks.collect().getDataPoints().stream().mapToDouble(d -> d.getValue()).sum();
    }
}
