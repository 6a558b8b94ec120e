package io.hakeeper.agent;

import io.hakeeper.agent.cli.CheckCommand;
import io.hakeeper.agent.cli.IpvsCommand;
import io.hakeeper.agent.cli.RunCommand;
import io.hakeeper.agent.cli.VersionCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code haagent}: the hakeeper agent that runs on every director. */
@Command(name = "haagent", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "ZooKeeper-fenced VIP holder, VRRP speaker and IPVS programmer for one director.",
        subcommands = {CheckCommand.class, IpvsCommand.class, RunCommand.class, VersionCommand.class})
public final class HaAgent implements Runnable {

    /** Exit code for usage errors (picocli's default, kept explicit: check documents 0/1/2). */
    public static final int EXIT_USAGE = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new HaAgent())
                .setExitCodeExceptionMapper(e -> EXIT_USAGE);
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
