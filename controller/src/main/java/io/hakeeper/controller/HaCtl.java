package io.hakeeper.controller;

import io.hakeeper.controller.cli.DoctorCommand;
import io.hakeeper.controller.cli.DrainCommand;
import io.hakeeper.controller.cli.EventsCommand;
import io.hakeeper.controller.cli.SchemaCommand;
import io.hakeeper.controller.cli.StatusCommand;
import io.hakeeper.controller.cli.SwitchoverCommand;
import io.hakeeper.controller.cli.UndrainCommand;
import io.hakeeper.controller.text.Durations;
import io.hakeeper.controller.zk.ConnectionSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code hactl}: the cluster's status and control CLI. Reads what the agents publish in ZooKeeper
 * (DESIGN.md, "ZooKeeper layout") and writes operator requests under {@code control/}. The global
 * options may stand before or after the command.
 */
@Command(name = "hactl", mixinStandardHelpOptions = true, versionProvider = HaCtl.Version.class,
        description = "Status and control of a hakeeper cluster, read from ZooKeeper.",
        subcommands = {StatusCommand.class, SwitchoverCommand.class, DrainCommand.class, UndrainCommand.class,
                EventsCommand.class, DoctorCommand.class, SchemaCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0 healthy / done      1 degraded      2 critical      3 ZooKeeper unreachable",
                "  64 usage, unknown instance or node    70 internal error    75 --wait timed out",
                "  77 no permission (ZooKeeper ACL)"})
public final class HaCtl implements Runnable {

    @Option(names = "--zk", paramLabel = "CONNECT", defaultValue = "${env:HAKEEPER_ZK}", scope = ScopeType.INHERIT,
            description = "ZooKeeper connect string host:port[,host:port...] (default: $HAKEEPER_ZK).")
    String connect;

    @Option(names = "--root", paramLabel = "PATH", defaultValue = "/hakeeper", scope = ScopeType.INHERIT,
            description = "The agents' zookeeper root (default: ${DEFAULT-VALUE}).")
    String root;

    @Option(names = "--cluster", paramLabel = "NAME", defaultValue = "default", scope = ScopeType.INHERIT,
            description = "The agents' zookeeper cluster (default: ${DEFAULT-VALUE}).")
    String cluster;

    @Option(names = "--auth-digest-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Authenticate with the first user:password line of FILE (the agents' auth_digest_file"
                    + " format, mode 0600): the agents' identity may do everything, a read-only identity may"
                    + " run status, events and doctor.")
    Path authDigestFile;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", scope = ScopeType.INHERIT,
            description = "How long to wait for ZooKeeper, and for the change with --wait (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line: exit codes, converters, error handling. Tests use it as main does. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new HaCtl());
        cmd.registerConverter(Duration.class, Durations::parse);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("hactl: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("see: " + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help");
            return ExitCode.USAGE.code();
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof HaCtlException h) {
                err.println("hactl: " + h.getMessage());
                err.flush();
                return h.exitCode().code();
            }
            err.println("hactl: unexpected failure: " + ex);
            ex.printStackTrace(err);
            err.flush();
            return ExitCode.SOFTWARE.code();
        });
        return cmd;
    }

    public ConnectionSettings connection() {
        return new ConnectionSettings(connect, root, cluster, authDigestFile, timeout);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static String version() {
        String v = HaCtl.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"hactl " + version()};
        }
    }
}
