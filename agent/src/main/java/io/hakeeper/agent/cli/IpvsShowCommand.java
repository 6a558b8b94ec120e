package io.hakeeper.agent.cli;

import io.hakeeper.agent.ipvs.DesiredState;
import io.hakeeper.agent.ipvs.IpvsDump;
import io.hakeeper.agent.ipvs.IpvsInfo;
import io.hakeeper.agent.ipvs.IpvsNetlink;
import io.hakeeper.agent.ipvs.IpvsTable;
import io.hakeeper.agent.ipvs.IpvsTableFormat;
import io.hakeeper.agent.netlink.NetlinkException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code haagent ipvs show [--config FILE] [--persistent-conn | --thresholds]}: the kernel's IPVS
 * table in {@code ipvsadm -Ln}'s layout, limited to the config's services when one is given.
 */
@Command(name = "show", description = {
        "List the kernel's IPVS table as ipvsadm -Ln does: the config's services, or every service without --config."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed", "1:the config is invalid or IPVS is unavailable", "2:usage error"})
public final class IpvsShowCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "List only this config's services.")
    Path config;

    @ArgGroup(exclusive = true)
    Layout layout = new Layout();

    static final class Layout {
        @Option(names = "--persistent-conn", description = "Weight and persistent connections, as ipvsadm -Ln --persistent-conn.")
        boolean persistentConn;

        @Option(names = "--thresholds", description = "Upper and lower connection thresholds, as ipvsadm -Ln --thresholds.")
        boolean thresholds;

        IpvsTableFormat.Columns columns() {
            return persistentConn ? IpvsTableFormat.Columns.PERSISTENT_CONN
                    : thresholds ? IpvsTableFormat.Columns.THRESHOLDS : IpvsTableFormat.Columns.FORWARD;
        }
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Optional<DesiredState.Result> desired = Optional.empty();
            if (config != null) {
                desired = IpvsConfig.desired(config, err);
                if (desired.isEmpty()) {
                    return 1;
                }
            }
            try (IpvsNetlink kernel = IpvsNetlink.open()) {
                IpvsInfo info = kernel.info();
                IpvsDump dump = kernel.dump();
                IpvsTable table = desired.isPresent() ? dump.table().restrictedTo(desired.get().owned()) : dump.table();
                out.print(IpvsTableFormat.list(table, info, layout.columns(), dump.counters()));
                return 0;
            } catch (NetlinkException e) {
                err.println("haagent ipvs show: " + e.getMessage());
                return 1;
            }
        } finally {
            out.flush();
            err.flush();
        }
    }
}
