package io.hakeeper.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Placeholder until the modes branch lands: the single-server IPv4 lab. */
public record LabMode(List<String> zkServers, String zkConnect, boolean ipv6, String vip) {

    public static LabMode read(LabTopology topology) throws IOException {
        Path file = topology.runDir().resolve("mode.env");
        if (!Files.isDirectory(topology.runDir())) {
            throw new IOException("the lab is not up (no " + topology.runDir() + "): bin/lab up");
        }
        return new LabMode(List.of("zk"), topology.address("zk") + ":" + topology.get("LAB_ZK_PORT"), false,
                topology.vip());
    }
}
