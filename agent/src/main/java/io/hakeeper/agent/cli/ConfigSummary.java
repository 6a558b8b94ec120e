package io.hakeeper.agent.cli;

import io.hakeeper.common.config.model.Checker;
import io.hakeeper.common.config.model.KeepalivedConfig;
import io.hakeeper.common.config.model.RealServer;
import io.hakeeper.common.config.model.TrackRef;
import io.hakeeper.common.config.model.VirtualIp;
import io.hakeeper.common.config.model.VirtualServer;
import io.hakeeper.common.config.model.VrrpInstance;
import io.hakeeper.common.fence.FenceBudget;
import java.util.List;
import java.util.stream.Collectors;

/** The short human summary {@code haagent check} prints for a valid config. */
final class ConfigSummary {

    private final KeepalivedConfig c;
    private final StringBuilder out = new StringBuilder();

    ConfigSummary(KeepalivedConfig c) {
        this.c = c;
    }

    String render(int warnings) {
        line("%s: valid%s", c.source(), warnings == 0 ? "" : " (" + warnings + (warnings == 1 ? " warning)" : " warnings)"));
        line("node: %s", c.globalDefs().routerId() != null ? c.globalDefs().routerId() + " (router_id)"
                : "host name (no router_id)");
        for (VrrpInstance i : c.instances()) {
            int version = i.version() != null ? i.version() : c.globalDefs().vrrpVersion();
            line("vrrp_instance %s: vrid %d on %s, priority %d, advert %s s, VRRPv%d, %s", i.name(), i.vrid(),
                    i.iface(), i.priority(), seconds(i.advertIntMs()), version,
                    i.nopreempt() ? "nopreempt" : i.preemptDelaySec() > 0
                            ? "preempt after " + i.preemptDelaySec() + " s" : "preempt");
            line("  VIPs: %s", i.virtualIps().isEmpty() ? "none"
                    : i.virtualIps().stream().map(ConfigSummary::vip).collect(Collectors.joining(", ")));
            List<String> tracks = new java.util.ArrayList<>();
            i.trackScripts().forEach(t -> tracks.add("script " + track(t)));
            i.trackInterfaces().forEach(t -> tracks.add("interface " + track(t)));
            i.trackFiles().forEach(t -> tracks.add("file " + track(t)));
            if (!tracks.isEmpty()) {
                line("  tracks: %s", String.join(", ", tracks));
            }
        }
        for (VirtualServer v : c.virtualServers()) {
            line("virtual_server %s %s: %s, %s%s, delay_loop %d s%s", v.label(), v.protocol(), v.scheduler(),
                    v.method(), v.persistenceTimeoutSec() == null ? "" : ", persistence " + v.persistenceTimeoutSec() + " s",
                    v.delayLoopSec(), v.sorryServer() == null ? "" : ", sorry_server " + v.sorryServer().show());
            for (RealServer r : v.realServers()) {
                line("  real_server %s weight %d%s", r.endpoint().show(), r.weight(), r.checkers().isEmpty() ? ""
                        : " " + r.checkers().stream().map(Checker::keyword).collect(Collectors.joining(" ")));
            }
        }
        if (c.zookeeper() != null) {
            var z = c.zookeeper();
            line("zookeeper: %s, %s/%s", z.connect(), z.root(), z.cluster());
            FenceBudget b = FenceBudget.of(FenceBudget.negotiate(z.sessionTimeoutMs(), z.tickTimeMs()), z.tickTimeMs());
            line("fence budget: %s; on_zk_loss %s", b.describe(), c.fence().onZkLoss().name().toLowerCase());
        } else {
            line("zookeeper: not configured (haagent run needs a zookeeper { } block)");
        }
        return out.toString();
    }

    private static String vip(VirtualIp v) {
        return v.cidr() + (v.dev() != null ? " dev " + v.dev() : "") + (v.label() != null ? " label " + v.label() : "");
    }

    private static String track(TrackRef t) {
        return t.name() + (t.weight() != null ? " weight " + t.weight() + (t.weightReverse() ? " reverse" : "") : "");
    }

    private static String seconds(int ms) {
        return ms % 1000 == 0 ? Integer.toString(ms / 1000) : Double.toString(ms / 1000.0);
    }

    private void line(String format, Object... args) {
        out.append(String.format(format, args)).append('\n');
    }
}
