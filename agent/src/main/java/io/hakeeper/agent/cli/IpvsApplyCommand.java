package io.hakeeper.agent.cli;

import io.hakeeper.agent.ipvs.DesiredState;
import io.hakeeper.agent.ipvs.IpvsApplier;
import io.hakeeper.agent.ipvs.IpvsApplyReport;
import io.hakeeper.agent.ipvs.IpvsNetlink;
import io.hakeeper.agent.netlink.NetlinkException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code haagent ipvs apply --config FILE}: programs the config's virtual servers once, every real
 * server counted healthy ({@code DesiredState.build(config, RealServerHealth.allHealthy())}),
 * prints each change, confirms with a fresh dump, and exits. Touches only the config's services.
 */
@Command(name = "apply", description = {
        "Apply the config's virtual servers to the kernel's IPVS table once, counting every real server healthy.",
        "Only the config's services are touched; others (added with ipvsadm, say) are left alone."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the kernel holds the config's services as configured",
                "1:the config is invalid, the kernel refused a change (the report says which were applied), or IPVS is unavailable",
                "2:usage error"})
public final class IpvsApplyCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The config file.")
    Path config;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + IpvsApplier.DEFAULT_BATCH_SIZE,
            description = "Changes per batch (whole services), default ${DEFAULT-VALUE}.")
    int batchSize;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Optional<DesiredState.Result> desired = IpvsConfig.desired(config, err);
            if (desired.isEmpty()) {
                return 1;
            }
            try (IpvsNetlink kernel = IpvsNetlink.open()) {
                IpvsApplyReport report = new IpvsApplier(kernel, Math.max(1, batchSize), System::nanoTime)
                        .reconcile(desired.get().table(), desired.get().owned());
                report.lines().forEach(out::println);
                return report.complete() ? 0 : 1;
            } catch (NetlinkException e) {
                err.println("haagent ipvs apply: " + e.getMessage() + "; nothing was changed");
                return 1;
            }
        } finally {
            out.flush();
            err.flush();
        }
    }
}
