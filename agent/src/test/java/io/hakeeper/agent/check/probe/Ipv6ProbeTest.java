package io.hakeeper.agent.check.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hakeeper.common.config.model.Checker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The probes over IPv6 loopback: TCP_CHECK, and HTTP_GET's Host header with the address in brackets. */
class Ipv6ProbeTest {

    private final ProbeFixture f = new ProbeFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private static ServerSocket listenOnIpv6Loopback() {
        try {
            return new ServerSocket(0, 10, InetAddress.getByName("::1"));
        } catch (java.io.IOException e) {
            return null;
        }
    }

    @Test
    void tcpAndHttpOverIpv6Loopback() throws Exception {
        ServerSocket s = listenOnIpv6Loopback();
        assumeTrue(s != null, "needs IPv6 on the loopback interface (::1)");
        try (s) {
            Thread server = new Thread(() -> {
                try {
                    while (true) {
                        try (Socket c = s.accept()) {
                            serve(c);
                        } catch (java.net.SocketException reset) {
                            // TCP_CHECK's connection ends with an RST; serve the next one
                        }
                    }
                } catch (java.io.IOException done) {
                    // the test closed the listener
                }
            });
            server.setDaemon(true);
            server.start();
            InetSocketAddress rs = new InetSocketAddress(InetAddress.getByName("::1"), s.getLocalPort());
            assertTrue(f.check(new Checker.Tcp(ProbeFixture.timeout(2)), rs).passed());
            String expectedHost = "^Host: \\[::1\\]:" + s.getLocalPort() + "$";
            ProbeResult r = f.check(new Checker.Http(ProbeFixture.timeout(2), false,
                    List.of(new Checker.UrlCheck("/", null, List.of(), expectedHost)), null), rs);
            assertTrue(r.passed(), r.toString());
            InetSocketAddress closed = new InetSocketAddress(InetAddress.getByName("::1"), ProbeFixture.closedPort());
            assertEquals(FailureReason.REFUSED, f.check(new Checker.Tcp(ProbeFixture.timeout(2)), closed).reason());
        }
    }

    /** Answers one request with its own Host header line as the body. */
    private static void serve(Socket c) throws java.io.IOException {
        byte[] buf = new byte[1024];
        int n = c.getInputStream().read(buf);
        if (n > 0) {
            String req = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
            String host = req.lines().filter(l -> l.startsWith("Host: ")).findFirst().orElse("");
            c.getOutputStream().write(ScriptedServer.http(200, host).getBytes(StandardCharsets.ISO_8859_1));
        }
    }
}
