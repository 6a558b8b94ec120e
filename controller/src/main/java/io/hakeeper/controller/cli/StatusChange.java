package io.hakeeper.controller.cli;

import io.hakeeper.controller.status.StatusReport;
import io.hakeeper.controller.text.JsonText;

/** Whether two status reports differ in what they show, leaving out the clock (read time, uptimes). */
final class StatusChange {

    private StatusChange() {
    }

    static boolean differs(StatusReport a, StatusReport b) {
        return !JsonText.line(timeless(a)).equals(JsonText.line(timeless(b)));
    }

    private static StatusReport timeless(StatusReport r) {
        return new StatusReport(r.command(), r.schemaVersion(), "", 0, r.zookeeper(), r.root(), r.cluster(), r.health(),
                r.exitCode(), r.instances(), r.nodes().stream().map(n -> new StatusReport.Node(n.node(), n.host(),
                n.version(), n.pid(), n.startedAtMs(), 0, n.sessionId(), n.fence(), n.drained(), n.drain())).toList(),
                r.findings(), r.unreadable(), r.virtualServers());
    }
}
