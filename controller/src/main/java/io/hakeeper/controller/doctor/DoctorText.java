package io.hakeeper.controller.doctor;

import io.hakeeper.controller.text.FindingsText;
import io.hakeeper.controller.text.TextTable;
import java.util.Locale;

/** {@code hactl doctor} for people: the ensemble, the clocks, then every check with what to do. */
public final class DoctorText {

    private DoctorText() {
    }

    public static String render(DoctorReport r) {
        StringBuilder out = new StringBuilder();
        out.append("doctor for cluster ").append(r.cluster()).append(" on ").append(r.zookeeper()).append(": ")
                .append(r.health().toUpperCase(Locale.ROOT)).append("\n\nZOOKEEPER\n");
        TextTable servers = new TextTable("  ", "SERVER", "REACHABLE", "MODE", "VERSION", "ROUND TRIP", "LATENCY AVG/MAX",
                "TICK", "SESSION LIMITS");
        for (ServerHealth s : r.servers()) {
            servers.row(s.address(), s.reachable() ? "yes" : "no: " + s.error(), dash(s.mode()), dash(s.version()),
                    s.roundTripMs() == null ? "-" : s.roundTripMs() + " ms",
                    s.latencyAvgMs() == null ? "-" : String.format(java.util.Locale.ROOT, "%.1f/%d ms", s.latencyAvgMs(), s.latencyMaxMs()),
                    s.tickTimeMs() == null ? "-" : s.tickTimeMs() + " ms",
                    s.minSessionTimeoutMs() == null ? "-" : s.minSessionTimeoutMs() + "-" + s.maxSessionTimeoutMs() + " ms");
        }
        out.append(servers.render());
        out.append("\nCLOCKS (record stamps against ZooKeeper's ctime; + means behind the leader)\n");
        if (r.clocks().nodes().isEmpty()) {
            out.append("  no estimate\n");
        } else {
            TextTable clocks = new TextTable("  ", "NODE", "OFFSET", "SAMPLES");
            r.clocks().nodes().forEach(o -> clocks.row(o.node(), (o.offsetMs() >= 0 ? "+" : "") + o.offsetMs() + " ms",
                    Integer.toString(o.samples())));
            out.append(clocks.render());
        }
        out.append("  cannot see: ").append(String.join("; ", r.clocks().blindSpots())).append('\n');
        out.append("\nCHECKS\n").append(FindingsText.render(r.checks()));
        return out.toString();
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }
}
