package io.hakeeper.agent.status;

import io.hakeeper.agent.fence.InstanceFence;
import io.hakeeper.agent.vrrp.VrrpCounters;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The agent's Prometheus metrics, read live from the fence, the lease keeper and the VRRP speakers
 * at scrape time (callback metrics: nothing is updated on the hot path).
 */
public final class AgentMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();

    public AgentMetrics(List<InstanceFence> instances, LongSupplier renewals, LongSupplier renewalFailures,
                        BooleanSupplier zooKeeperConnected) {
        GaugeWithCallback.builder().name("hakeeper_instance_holder")
                .help("1 while this node holds the instance's VIPs").labelNames("instance")
                .callback(cb -> instances.forEach(f -> cb.call(f.phase() == InstanceFence.Phase.HOLDING ? 1 : 0,
                        f.name())))
                .register(registry);
        GaugeWithCallback.builder().name("hakeeper_instance_eligible")
                .help("1 while this node may hold the instance (no FAULT, not drained)").labelNames("instance")
                .callback(cb -> instances.forEach(f -> cb.call(f.standing().eligible() ? 1 : 0, f.name())))
                .register(registry);
        GaugeWithCallback.builder().name("hakeeper_instance_effective_priority")
                .help("base priority plus tracker weights, as keepalived computes it").labelNames("instance")
                .callback(cb -> instances.forEach(f -> cb.call(f.standing().priority(), f.name())))
                .register(registry);
        GaugeWithCallback.builder().name("hakeeper_instance_lease_remaining_seconds")
                .help("time until the held VIPs' kernel lifetime ends unless renewed").labelNames("instance")
                .callback(cb -> instances.forEach(f -> cb.call(f.leaseRemainingMs() / 1000.0, f.name())))
                .register(registry);
        CounterWithCallback.builder().name("hakeeper_instance_claims")
                .help("claims that went through").labelNames("instance")
                .callback(cb -> instances.forEach(f -> cb.call(f.claims(), f.name())))
                .register(registry);
        CounterWithCallback.builder().name("hakeeper_instance_releases")
                .help("releases (stop, fault, yield, switchover, drain)").labelNames("instance")
                .callback(cb -> instances.forEach(f -> cb.call(f.releases(), f.name())))
                .register(registry);
        CounterWithCallback.builder().name("hakeeper_renewals")
                .help("lease renewals confirmed by ZooKeeper").callback(cb -> cb.call(renewals.getAsLong()))
                .register(registry);
        CounterWithCallback.builder().name("hakeeper_renewal_failures")
                .help("lease renewals that failed or went unanswered")
                .callback(cb -> cb.call(renewalFailures.getAsLong())).register(registry);
        GaugeWithCallback.builder().name("hakeeper_zookeeper_connected")
                .help("1 while the ZooKeeper session is connected")
                .callback(cb -> cb.call(zooKeeperConnected.getAsBoolean() ? 1 : 0)).register(registry);
        vrrp(instances);
    }

    private void vrrp(List<InstanceFence> instances) {
        CounterWithCallback.builder().name("hakeeper_vrrp_adverts_sent").help("VRRP adverts sent")
                .labelNames("instance")
                .callback(cb -> instances.forEach(f -> f.vrrpCounters().ifPresent(c -> cb.call(c.sent(), f.name()))))
                .register(registry);
        CounterWithCallback.builder().name("hakeeper_vrrp_adverts_received").help("valid VRRP adverts received")
                .labelNames("instance")
                .callback(cb -> instances.forEach(f -> f.vrrpCounters()
                        .ifPresent(c -> cb.call(c.accepted(), f.name()))))
                .register(registry);
        CounterWithCallback.builder().name("hakeeper_vrrp_adverts_dropped")
                .help("VRRP packets dropped, by the decoder's reason").labelNames("instance", "reason")
                .callback(cb -> instances.forEach(f -> f.vrrpCounters().ifPresent(c -> dropped(cb, f.name(), c))))
                .register(registry);
        CounterWithCallback.builder().name("hakeeper_vrrp_conflicts")
                .help("another member advertised as master while we held").labelNames("instance")
                .callback(cb -> instances.forEach(f -> f.vrrpCounters()
                        .ifPresent(c -> cb.call(c.conflicts(), f.name()))))
                .register(registry);
        CounterWithCallback.builder().name("hakeeper_vrrp_foreign_adverts")
                .help("adverts for our VRID from routers that are not agents of this cluster").labelNames("instance")
                .callback(cb -> instances.forEach(f -> f.vrrpCounters()
                        .ifPresent(c -> cb.call(c.foreignAdverts(), f.name()))))
                .register(registry);
    }

    private static void dropped(CounterWithCallback.Callback cb, String instance, VrrpCounters c) {
        c.dropped().forEach((reason, n) -> cb.call(n, instance, reason.name().toLowerCase(java.util.Locale.ROOT)));
    }

    public PrometheusRegistry registry() {
        return registry;
    }
}
