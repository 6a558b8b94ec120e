package io.hakeeper.controller.cli;

import io.hakeeper.controller.HaCtl;
import io.hakeeper.controller.HaCtlException;
import io.hakeeper.controller.cluster.ClusterSnapshot;
import io.hakeeper.controller.cluster.LiveTree;
import io.hakeeper.controller.doctor.ClockEstimates;
import io.hakeeper.controller.doctor.DoctorChecks;
import io.hakeeper.controller.doctor.DoctorReport;
import io.hakeeper.controller.doctor.DoctorText;
import io.hakeeper.controller.doctor.EnsembleProbe;
import io.hakeeper.controller.doctor.ServerHealth;
import io.hakeeper.controller.events.EventView;
import io.hakeeper.controller.events.EventsReader;
import io.hakeeper.controller.findings.Finding;
import io.hakeeper.controller.findings.FindingCode;
import io.hakeeper.controller.findings.Severity;
import io.hakeeper.controller.findings.StatusFindings;
import io.hakeeper.controller.text.JsonText;
import io.hakeeper.controller.zk.ConnectionSettings;
import io.hakeeper.controller.zk.ZkSession;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hactl doctor}: is the ground under the fence sound? */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Checks the ZooKeeper ensemble (each server reachable, leader/follower, latency; via the"
                + " 'srvr' and 'conf' four-letter words), each agent's fence budget against the ensemble's tickTime"
                + " and session limits, clock sanity between nodes (as far as record timestamps show), version skew,"
                + " and duplicate-VIP and foreign-router findings, each with what to do.",
                "Exit codes as for status."})
public final class DoctorCommand implements Callable<Integer> {

    @ParentCommand
    HaCtl hactl;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws HaCtlException {
        ConnectionSettings c = hactl.connection();
        ZkSession.layout(c);
        Duration probeTimeout = c.timeout().compareTo(Duration.ofSeconds(3)) < 0 ? c.timeout() : Duration.ofSeconds(3);
        List<ServerHealth> servers = EnsembleProbe.probe(ZkSession.servers(c), probeTimeout);
        ClusterSnapshot snapshot = null;
        List<EventView> events = List.of();
        List<Finding> checks = new ArrayList<>();
        Integer failure = null;
        try (ZkSession zk = ZkSession.open(c)) {
            snapshot = ClusterReads.snapshot(zk);
            if (snapshot.clusterExists()) {
                events = zk.read("reading " + zk.layout().eventsDir(),
                        () -> new EventsReader(new LiveTree(zk.client()), zk.layout()).readAfter(-1)).events();
            }
        } catch (HaCtlException e) {
            failure = e.exitCode().code();
            checks.add(Finding.of(Severity.CRITICAL, FindingCode.CLUSTER_UNREADABLE, null, null,
                    "cannot read the cluster: " + e.getMessage(), ""));
        }
        long now = System.currentTimeMillis();
        ClockEstimates.Result clocks = snapshot == null || !snapshot.clusterExists()
                ? new ClockEstimates.Result(List.of(), null, ClockEstimates.BLIND_SPOTS)
                : ClockEstimates.of(snapshot, events, now);
        if (snapshot != null && !snapshot.clusterExists()) {
            checks.addAll(DoctorChecks.of(servers, null, clocks, HaCtl.version()));
            checks.addAll(StatusFindings.of(snapshot));
        } else {
            checks.addAll(DoctorChecks.of(servers, snapshot, clocks, HaCtl.version()));
        }
        DoctorReport report = DoctorReport.of(now, c.connect(), c.root(), c.cluster(), servers, clocks, checks, failure);
        PrintWriter out = spec.commandLine().getOut();
        out.print(output.json() ? JsonText.pretty(report) + "\n" : DoctorText.render(report));
        out.flush();
        return report.exitCode();
    }
}
