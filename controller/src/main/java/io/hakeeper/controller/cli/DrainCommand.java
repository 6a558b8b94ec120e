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

/** {@code hactl drain NODE [--wait] [--force]}. */
@Command(name = "drain", mixinStandardHelpOptions = true,
        description = {"Make NODE ineligible in every instance: the VIPs it holds move to the best other member"
                + " through the fast path. It stays drained (also across agent restarts) until 'hactl undrain'."
                + " Needs the agents' (writer) identity."})
public final class DrainCommand implements Callable<Integer> {

    @ParentCommand
    HaCtl hactl;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NODE", description = "The node id (router_id).")
    String node;

    @Option(names = "--wait", description = "Return when NODE holds nothing and is ineligible everywhere.")
    boolean wait;

    @Option(names = "--force", description = "Drain even when an instance is left without any eligible member"
            + " (its VIPs go down).")
    boolean force;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the event log.")
    String reason;

    @Override
    public Integer call() throws HaCtlException {
        ClusterReads.name("node", node);
        try (ZkSession zk = ZkSession.open(hactl.connection())) {
            DrainResult result = new DrainRequester(zk).drain(node, reason, force, wait, ClusterReads.existing(zk),
                    zk.settings().timeout());
            PrintWriter out = spec.commandLine().getOut();
            out.println(output.json() ? JsonText.pretty(result) : result.describe());
            out.flush();
            return 0;
        }
    }
}
