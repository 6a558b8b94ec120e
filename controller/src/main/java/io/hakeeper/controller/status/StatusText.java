package io.hakeeper.controller.status;

import io.hakeeper.controller.findings.Finding;

import io.hakeeper.controller.text.Durations;
import io.hakeeper.controller.text.FindingsText;
import io.hakeeper.controller.text.TextTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code hactl status} for people: one screen, columns aligned, the holder marked with '*'. */
public final class StatusText {

    private StatusText() {
    }

    public static String render(StatusReport r) {
        StringBuilder out = new StringBuilder();
        out.append("cluster ").append(r.cluster()).append(" (").append(r.root()).append('/').append(r.cluster())
                .append(" on ").append(r.zookeeper()).append(") at ").append(Durations.local(r.generatedAtMs()))
                .append(": ").append(r.health().toUpperCase(Locale.ROOT)).append('\n');

        out.append('\n');
        if (r.instances().isEmpty()) {
            out.append("no instances\n");
        } else {
            TextTable instances = new TextTable("", "INSTANCE", "VRID", "VIPS", "HOLDER", "EPOCH", "SINCE");
            for (StatusReport.Instance i : r.instances()) {
                StatusReport.Holder h = i.holder();
                instances.row(i.name(), i.vrid() == null ? "-" : i.vrid().toString(), String.join(" ", i.vips()),
                        h == null ? "NONE" : h.readable() ? h.node() : "(unreadable)",
                        h != null && h.epoch() != null ? h.epoch().toString()
                                : i.lastEpoch() == null ? "-" : "(last " + i.lastEpoch() + ")",
                        h == null || h.sinceMs() == null ? "-" : Durations.local(h.sinceMs()) + " ("
                                + Durations.human(r.generatedAtMs() - h.sinceMs()) + " ago)");
            }
            out.append(instances.render());

            out.append('\n');
            TextTable members = new TextTable("", "INSTANCE", "  NODE", "BASE", "EFFECTIVE", "ELIGIBLE", "STATE",
                    "VRRP");
            for (StatusReport.Instance i : r.instances()) {
                for (StatusReport.Member m : i.members()) {
                    members.row(i.name(), (m.holder() ? "* " : "  ") + m.node(), Integer.toString(m.basePriority()),
                            Integer.toString(m.effectivePriority()), eligible(m), m.state(), vrrp(m.vrrp()));
                }
                String prefix = r.root() + "/" + r.cluster() + "/instances/" + i.name() + "/members/";
                r.unreadable().stream().filter(u -> u.path().startsWith(prefix)).forEach(u ->
                        members.row(i.name(), "  " + u.path().substring(prefix.length()), "?", "?",
                                "? (unreadable record)", "?", "?"));
            }
            out.append(members.render());
            out.append("(* holds the VIPs)\n");
        }

        out.append('\n');
        if (r.nodes().isEmpty()) {
            out.append("no agents running\n");
        } else {
            TextTable nodes = new TextTable("", "NODE", "HOST", "VERSION", "UPTIME", "SESSION", "TICK", "LEASE",
                    "FENCE", "DRAINED");
            for (StatusReport.Node n : r.nodes()) {
                StatusReport.Fence f = n.fence();
                nodes.row(n.node(), n.host(), n.version(), Durations.human(n.uptimeMs()), f.sessionTimeoutMs() + " ms",
                        f.tickTimeMs() + " ms", f.leaseSec() + " s", f.safe() ? "safe" : "UNSAFE",
                        n.drained() ? "yes" : "no");
            }
            out.append(nodes.render());
        }

        if (!r.virtualServers().isEmpty()) {
            out.append('\n').append(realServers(r));
        }

        List<Finding> shown = new ArrayList<>(r.findings());
        out.append('\n');
        if (shown.isEmpty()) {
            out.append("no findings\n");
        } else {
            out.append("FINDINGS\n").append(FindingsText.render(shown));
        }
        return out.toString();
    }

    /** One row per real server, one column per director: what each director's checkers conclude. */
    private static String realServers(StatusReport r) {
        java.util.SortedSet<String> directors = new java.util.TreeSet<>();
        r.virtualServers().forEach(v -> v.realServers().forEach(rs -> rs.seenBy().forEach(s -> directors.add(s.node()))));
        List<String> header = new ArrayList<>(List.of("VIRTUAL SERVER", "REAL SERVER"));
        header.addAll(directors);
        TextTable table = new TextTable("", header.toArray(String[]::new));
        for (StatusReport.VirtualServer v : r.virtualServers()) {
            for (StatusReport.RealServer rs : v.realServers()) {
                List<String> row = new ArrayList<>(List.of(v.label(), (rs.address().indexOf(':') >= 0
                        ? "[" + rs.address() + "]" : rs.address()) + ":" + rs.port()));
                for (String d : directors) {
                    row.add(rs.seenBy().stream().filter(s -> s.node().equals(d)).findFirst()
                            .map(StatusText::verdict).orElse("-"));
                }
                table.row(row.toArray(String[]::new));
            }
        }
        return table.render() + "(real servers as each director's checkers see them; weight in IPVS)\n";
    }

    private static String verdict(StatusReport.Verdict v) {
        String text = v.up() ? "up, weight " + v.weight() : "DOWN" + (v.reason().isEmpty() ? "" : ": " + v.reason());
        return v.current() ? text : text + " (stale record)";
    }

    private static String eligible(StatusReport.Member m) {
        if (!m.current()) {
            return "no: stale record";
        }
        return m.eligible() ? "yes" : "no: " + (m.reason().isEmpty() ? "?" : m.reason());
    }

    private static String vrrp(StatusReport.Vrrp v) {
        if (v == null) {
            return "-";
        }
        StringBuilder b = new StringBuilder();
        b.append(v.master().isEmpty() ? "no master heard" : "master " + v.master() + " (" + v.masterPriority() + ")");
        if (v.masterSilent()) {
            b.append(", master silent");
        }
        if (!v.foreignRouters().isEmpty()) {
            b.append(", foreign: ").append(String.join(" ", v.foreignRouters()));
        }
        return b.toString();
    }

}
