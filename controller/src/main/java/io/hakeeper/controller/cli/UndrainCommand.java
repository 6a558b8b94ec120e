package io.hakeeper.controller.cli;

import io.hakeeper.controller.HaCtl;
import io.hakeeper.controller.HaCtlException;
import io.hakeeper.controller.control.DrainRequester;
import io.hakeeper.controller.control.DrainResult;
import io.hakeeper.controller.text.JsonText;
import io.hakeeper.controller.zk.ZkSession;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hactl undrain NODE [--wait]}. */
@Command(name = "undrain", mixinStandardHelpOptions = true,
        description = {"Make NODE eligible again. VIPs do not move back by themselves unless NODE's priority"
                + " preempts; use 'hactl switchover INSTANCE --to NODE' for that. Needs the agents' (writer) identity."})
public final class UndrainCommand implements Callable<Integer> {

    @ParentCommand
    HaCtl hactl;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NODE", description = "The node id (router_id).")
    String node;

    @Option(names = "--wait", description = "Return when NODE's member records no longer say 'drained'.")
    boolean wait;

    @Override
    public Integer call() throws HaCtlException {
        ClusterReads.name("node", node);
        try (ZkSession zk = ZkSession.open(hactl.connection())) {
            DrainResult result = new DrainRequester(zk).undrain(node, wait, ClusterReads.existing(zk),
                    zk.settings().timeout());
            PrintWriter out = spec.commandLine().getOut();
            out.println(output.json() ? JsonText.pretty(result) : result.describe());
            out.flush();
            return 0;
        }
    }
}
