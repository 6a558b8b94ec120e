package io.hakeeper.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code haagent version}. */
@Command(name = "version", description = "Print the version and exit.")
public final class VersionCommand implements Callable<Integer> {

    public static String version() {
        String v = VersionCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public Integer call() {
        System.out.println("haagent " + version());
        return 0;
    }

    /** For {@code --version}. */
    public static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"haagent " + version()};
        }
    }
}
