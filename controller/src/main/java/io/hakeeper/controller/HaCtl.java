package io.hakeeper.controller;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hactl}: reads the cluster's state from ZooKeeper. Commands arrive with the hactl issue. */
@Command(name = "hactl", mixinStandardHelpOptions = true, versionProvider = HaCtl.Version.class,
        description = "Status and control of a hakeeper cluster, read from ZooKeeper.")
public final class HaCtl implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new HaCtl()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = HaCtl.class.getPackage().getImplementationVersion();
            return new String[] {"hactl " + (v == null ? "dev" : v)};
        }
    }
}
