package io.hakeeper.controller.support;

import java.io.File;
import java.util.Map;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.server.command.FourLetterCommands;

/**
 * Real ZooKeeper servers in this JVM (Curator's TestingServer / TestingCluster), with the four-letter
 * words doctor asks ({@code srvr}, {@code conf}) allowed and tickTime 500 ms, so the servers grant
 * session timeouts of 1-10 s. They listen on every interface: agents in namespaces reach them over
 * the lab's veth links.
 */
public final class TestZooKeeper {

    public static final int TICK_MS = 500;

    private TestZooKeeper() {
    }

    private static void allowFourLetterWords() {
        // ZooKeeper reads the whitelist once per JVM; set it before any server answers one.
        System.setProperty("zookeeper.4lw.commands.whitelist", "srvr,conf,ruok,mntr");
        FourLetterCommands.resetWhiteList();
    }

    public static TestingServer server(File dataDir) throws Exception {
        allowFourLetterWords();
        return new TestingServer(spec(dataDir, -1), true);
    }

    public static TestingCluster cluster(int size) {
        allowFourLetterWords();
        InstanceSpec[] specs = new InstanceSpec[size];
        for (int i = 0; i < size; i++) {
            specs[i] = spec(null, i + 1);
        }
        return new TestingCluster(specs);
    }

    private static InstanceSpec spec(File dataDir, int serverId) {
        return new InstanceSpec(dataDir, -1, -1, -1, true, serverId, TICK_MS, -1, Map.of(), null);
    }
}
