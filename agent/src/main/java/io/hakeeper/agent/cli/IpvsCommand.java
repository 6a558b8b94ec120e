package io.hakeeper.agent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code haagent ipvs apply|show}: the agent's IPVS programming, once, by hand. */
@Command(name = "ipvs", description = "Program the kernel's IPVS table from a config once, or list it like ipvsadm -Ln.",
        subcommands = {IpvsApplyCommand.class, IpvsShowCommand.class})
public final class IpvsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: apply or show");
    }
}
