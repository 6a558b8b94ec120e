package io.hakeeper.controller.cli;

import io.hakeeper.controller.HaCtl;
import io.hakeeper.controller.HaCtlException;
import io.hakeeper.controller.cluster.ClusterWatch;
import io.hakeeper.controller.status.StatusReport;
import io.hakeeper.controller.status.StatusText;
import io.hakeeper.controller.text.JsonText;
import io.hakeeper.controller.zk.ZkSession;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.curator.framework.state.ConnectionState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hactl status [--watch] [--json]}. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"One screen: every instance (VRID, VIPs, holder, epoch, since), its members (priorities,"
                + " eligibility, VRRP view), every agent (version, uptime, fence budget, drained) and the findings.",
                "Exit 0 healthy, 1 degraded, 2 critical, 3 ZooKeeper unreachable: usable as a monitoring check."})
public final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    HaCtl hactl;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Option(names = "--watch", description = "Redraw on every change, driven by ZooKeeper watches, until interrupted."
            + " With --json, one document per line.")
    boolean watch;

    @Override
    public Integer call() throws HaCtlException {
        PrintWriter out = spec.commandLine().getOut();
        try (ZkSession zk = ZkSession.open(hactl.connection())) {
            StatusReport report = StatusReport.of(ClusterReads.snapshot(zk), zk.settings().connect());
            if (!watch) {
                out.print(output.json() ? JsonText.pretty(report) + "\n" : StatusText.render(report));
                out.flush();
                return report.exitCode();
            }
            return watch(zk, out, report);
        }
    }

    /** Redraws whenever the watched tree changes in a way the report shows; returns the last exit code on interrupt. */
    private int watch(ZkSession zk, PrintWriter out, StatusReport first) throws HaCtlException {
        boolean terminal = System.console() != null && !output.json();
        zk.client().getConnectionStateListenable().addListener((c, state) -> {
            if (state == ConnectionState.SUSPENDED || state == ConnectionState.LOST) {
                spec.commandLine().getErr().println("hactl: ZooKeeper connection " + state
                        + "; showing the last known state until it returns");
                spec.commandLine().getErr().flush();
            }
        });
        StatusReport last = first;
        draw(out, first, terminal);
        try (ClusterWatch w = new ClusterWatch(zk.client(), zk.layout()).start()) {
            while (true) {
                if (!w.awaitChange(Duration.ofMinutes(1))) {
                    continue;
                }
                StatusReport next = zk.read("reading the watched cluster", () -> StatusReport.of(w.snapshot(),
                        zk.settings().connect()));
                if (!StatusChange.differs(last, next)) {
                    continue;
                }
                last = next;
                draw(out, next, terminal);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return last.exitCode();
        } catch (HaCtlException e) {
            if (Thread.currentThread().isInterrupted()) {
                return last.exitCode();
            }
            throw e;
        }
    }

    private void draw(PrintWriter out, StatusReport r, boolean terminal) {
        if (output.json()) {
            out.println(JsonText.line(r));
        } else {
            if (terminal) {
                out.print("\033[H\033[2J"); // ANSI: cursor home, clear screen
            } else {
                out.println("---");
            }
            out.print(StatusText.render(r));
        }
        out.flush();
    }
}
