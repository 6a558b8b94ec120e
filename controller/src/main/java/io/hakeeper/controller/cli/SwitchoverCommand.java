package io.hakeeper.controller.cli;

import io.hakeeper.controller.HaCtl;
import io.hakeeper.controller.HaCtlException;
import io.hakeeper.controller.cluster.ClusterSnapshot;
import io.hakeeper.controller.control.SwitchoverRequester;
import io.hakeeper.controller.control.SwitchoverResult;
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

/** {@code hactl switchover INSTANCE [--to NODE] [--wait]}. */
@Command(name = "switchover", mixinStandardHelpOptions = true,
        description = {"Ask the holder of INSTANCE to hand over through the fast path (release, then the successor"
                + " claims at once). With --to, every other node steps aside until NODE holds; without it, the"
                + " holder steps aside for the best other eligible member. Needs the agents' (writer) identity."})
public final class SwitchoverCommand implements Callable<Integer> {

    @ParentCommand
    HaCtl hactl;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INSTANCE", description = "The vrrp_instance name.")
    String instance;

    @Option(names = "--to", paramLabel = "NODE", description = "The node that should take over (an eligible member).")
    String target;

    @Option(names = "--wait", description = "Return when ZooKeeper shows the new holder, and print how long it took.")
    boolean wait;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the event log.")
    String reason;

    @Option(names = "--cancel", description = "Withdraw a pending switchover request of INSTANCE.")
    boolean cancel;

    @Override
    public Integer call() throws HaCtlException {
        ClusterReads.name("instance", instance);
        if (target != null) {
            ClusterReads.name("node", target);
        }
        if (cancel && (target != null || wait)) {
            throw HaCtlException.usage("--cancel takes neither --to nor --wait");
        }
        try (ZkSession zk = ZkSession.open(hactl.connection())) {
            ClusterSnapshot view = ClusterReads.existing(zk);
            SwitchoverRequester requester = new SwitchoverRequester(zk);
            SwitchoverResult result = cancel ? requester.cancel(instance, view)
                    : requester.request(instance, target, reason, wait, view, zk.settings().timeout());
            PrintWriter out = spec.commandLine().getOut();
            out.println(output.json() ? JsonText.pretty(result) : result.describe());
            out.flush();
            return 0;
        }
    }
}
