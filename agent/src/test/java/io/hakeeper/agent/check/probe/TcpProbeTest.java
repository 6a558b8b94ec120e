package io.hakeeper.agent.check.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.agent.testsupport.Poll;
import io.hakeeper.common.config.model.Checker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** TCP_CHECK against real loopback listeners. */
class TcpProbeTest {

    private final ProbeFixture f = new ProbeFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void passesOnceTheHandshakeCompletes() throws Exception {
        try (ScriptedServer s = ScriptedServer.start(ScriptedServer.hang())) {
            ProbeResult r = f.check(new Checker.Tcp(ProbeFixture.timeout(2)), s.address());
            assertTrue(r.passed(), r.toString());
            Poll.until(Duration.ofSeconds(2), "the server saw the connection", () -> s.peers.size() == 1);
        }
    }

    @Test
    void closedPortIsRefused() throws Exception {
        ProbeResult r = f.check(new Checker.Tcp(ProbeFixture.timeout(2)),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), ProbeFixture.closedPort()));
        assertFalse(r.passed());
        assertEquals(FailureReason.REFUSED, r.reason(), r.detail());
    }

    @Test
    void connectPortOverridesTheRealServersPort() throws Exception {
        try (ScriptedServer s = ScriptedServer.start(ScriptedServer.hang())) {
            InetSocketAddress wrongPort = new InetSocketAddress(InetAddress.getLoopbackAddress(), ProbeFixture.closedPort());
            assertEquals(FailureReason.REFUSED, f.check(new Checker.Tcp(ProbeFixture.timeout(2)), wrongPort).reason());
            ProbeResult r = f.check(new Checker.Tcp(ProbeFixture.with(2, null, s.port(), null, null)), wrongPort);
            assertTrue(r.passed(), r.toString());
        }
    }

    @Test
    void connectIpAndBindtoAndBindPortAreHonoured() throws Exception {
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress("127.0.0.9", 0));
            int fromPort = ProbeFixture.closedPort();
            // the real server is 127.0.0.1, but connect_ip sends the check to 127.0.0.9, from 127.0.0.7:fromPort
            Checker c = new Checker.Tcp(ProbeFixture.with(2, "127.0.0.9", listener.getLocalPort(), "127.0.0.7", fromPort));
            ProbeResult r = f.check(c, new InetSocketAddress(InetAddress.getLoopbackAddress(), 1));
            assertTrue(r.passed(), r.toString());
            try (Socket accepted = listener.accept()) {
                assertEquals(new InetSocketAddress("127.0.0.7", fromPort), accepted.getRemoteSocketAddress());
            }
        }
    }

    @Test
    void unansweredSynTimesOutWithinConnectTimeout() throws Exception {
        // A listener whose accept queue is full drops further SYNs: the connect gets no answer at all.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                fill(full, fillers);
                ProbeResult r = f.check(new Checker.Tcp(ProbeFixture.timeout(1)), (InetSocketAddress) full.getLocalSocketAddress());
                assertEquals(FailureReason.TIMEOUT, r.reason(), r.detail());
                assertTrue(ProbeFixture.millis(r) >= 990 && ProbeFixture.millis(r) < 1500, "took " + ProbeFixture.millis(r) + " ms");
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }

    static void fill(ServerSocket full, List<Socket> fillers) {
        for (int i = 0; i < 64; i++) {
            Socket s = new Socket();
            fillers.add(s);
            try {
                s.connect(full.getLocalSocketAddress(), 300);
            } catch (java.io.IOException e) {
                return; // the queue is full
            }
        }
        throw new AssertionError("could not fill the accept queue");
    }
}
