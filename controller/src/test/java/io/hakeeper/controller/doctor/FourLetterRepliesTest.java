package io.hakeeper.controller.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class FourLetterRepliesTest {

    @Test
    void srvrGivesVersionModeLatencyAndNodeCount() {
        SrvrReply r = SrvrReply.parse("""
                Zookeeper version: 3.9.3-c26634f34490bb0ea7a09cc51e05ede3b4e320ee, built on 2024-10-17 23:21 UTC
                Latency min/avg/max: 0/0.4012/17
                Received: 120
                Sent: 119
                Connections: 3
                Outstanding: 0
                Zxid: 0x20000001a
                Mode: follower
                Node count: 42
                """);
        assertEquals(new SrvrReply(true, "3.9.3", "follower", 0.4012, 17L, "0x20000001a", 42L), r);
    }

    @Test
    void aServerWithoutQuorumSaysItDoesNotServe() {
        SrvrReply r = SrvrReply.parse("This ZooKeeper instance is not currently serving requests\n");
        assertFalse(r.serving());
        assertEquals("not serving", r.mode());
    }

    @Test
    void confGivesTickTimeAndSessionLimits() {
        ConfReply c = ConfReply.parse("clientPort=2181\ntickTime=2000\nmaxClientCnxns=60\nminSessionTimeout=4000\n"
                + "maxSessionTimeout=40000\nserverId=1\n");
        assertEquals(new ConfReply(2000, 4000, 40000), c);
    }
}
