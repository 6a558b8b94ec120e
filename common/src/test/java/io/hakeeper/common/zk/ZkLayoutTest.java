package io.hakeeper.common.zk;

import io.hakeeper.common.config.model.VirtualServer;
import io.hakeeper.common.config.model.ZooKeeperSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZkLayoutTest {

    private final ZkLayout layout = new ZkLayout("/hakeeper", "lb-prod");

    @Test
    void everyPathOfTheDesignLayout() {
        assertEquals("/hakeeper/lb-prod", layout.clusterRoot());
        assertEquals("/hakeeper/lb-prod/nodes/lb01", layout.node("lb01"));
        assertEquals("/hakeeper/lb-prod/instances/VI_1", layout.instance("VI_1"));
        assertEquals("/hakeeper/lb-prod/instances/VI_1/latch", layout.latch("VI_1"));
        assertEquals("/hakeeper/lb-prod/instances/VI_1/members", layout.membersDir("VI_1"));
        assertEquals("/hakeeper/lb-prod/instances/VI_1/members/lb01", layout.member("VI_1", "lb01"));
        assertEquals("/hakeeper/lb-prod/instances/VI_1/holder", layout.holder("VI_1"));
        assertEquals("/hakeeper/lb-prod/instances/VI_1/epoch", layout.epoch("VI_1"));
        assertEquals("/hakeeper/lb-prod/control/drain/lb01", layout.drain("lb01"));
        assertEquals("/hakeeper/lb-prod/control/switchover/VI_1", layout.switchover("VI_1"));
        assertEquals("/hakeeper/lb-prod/events/e-", layout.eventPrefix());
        VirtualServerKey vs = new VirtualServerKey.Address(VirtualServer.Protocol.TCP, "10.0.0.1", 80);
        assertEquals("/hakeeper/lb-prod/realservers/TCP_10.0.0.1_80", layout.realServers(vs));
        assertEquals("/hakeeper/lb-prod/realservers/TCP_10.0.0.1_80/lb01", layout.realServerView(vs, "lb01"));
    }

    @Test
    void defaultsComeFromTheZookeeperBlock() {
        ZkLayout defaults = ZkLayout.of(new ZooKeeperSettings("zk:2181", null, null, 4000, 2000, null));
        assertEquals("/hakeeper/default", defaults.clusterRoot());
    }

    @Test
    void rootSlashAndDeepRootsWork() {
        assertEquals("/c/nodes/n", new ZkLayout("/", "c").node("n"));
        assertEquals("/a/b/c/nodes/n", new ZkLayout("/a/b", "c").node("n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hakeeper", "/hakeeper/", "/a//b", "/zookeeper", "/zookeeper/x", "/a/./b", "/a/../b"})
    void badRootsAreRefusedWithAMessage(String root) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ZkLayout(root, "c"));
        assertTrue(e.getMessage().contains("root '" + root + "'"), e.getMessage());
    }

    @Test
    void clusterZookeeperDirectlyUnderSlashIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ZkLayout("/", "zookeeper"));
        assertEquals("/hakeeper/zookeeper", new ZkLayout("/hakeeper", "zookeeper").clusterRoot());
    }

    @Test
    void badNodeIdSaysWhatAndHowToFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layout.node("lb/01"));
        assertEquals("node id 'lb/01' cannot name a ZooKeeper node: it contains '/', the path separator;"
                + " use letters, digits, '.', '_' or '-'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> layout.member("..", "lb01"));
        assertTrue(e.getMessage().startsWith("instance name '..' cannot name a ZooKeeper node"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> layout.drain(""));
        assertThrows(IllegalArgumentException.class, () -> layout.switchover(null));
    }

    @Test
    void eventSequenceParsesCuratorSuffixesOnly() {
        assertEquals(OptionalLong.of(42), ZkLayout.eventSequence("e-0000000042"));
        assertEquals(OptionalLong.empty(), ZkLayout.eventSequence("e-"));
        assertEquals(OptionalLong.empty(), ZkLayout.eventSequence("x-0000000042"));
        assertEquals(OptionalLong.empty(), ZkLayout.eventSequence("e-12a"));
        assertEquals(OptionalLong.empty(), ZkLayout.eventSequence("e-99999999999999999999"));
        assertEquals(OptionalLong.empty(), ZkLayout.eventSequence(null));
    }
}
