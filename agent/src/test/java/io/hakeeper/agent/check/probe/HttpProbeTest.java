package io.hakeeper.agent.check.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hakeeper.common.config.model.Checker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HTTP_GET and SSL_GET against real in-test servers on loopback (plain, and TLS with a
 * self-signed certificate made by openssl at test time): healthy, stopped, hanging, resetting,
 * wrong status, wrong body, wrong port.
 */
class HttpProbeTest {

    private static final String PAGE = "<html>ready 42</html>\n";
    private static final String PAGE_MD5 = HttpDialogue.md5Hex(PAGE.getBytes(StandardCharsets.ISO_8859_1));

    private final ProbeFixture f = new ProbeFixture();
    @TempDir
    Path dir;

    @AfterEach
    void close() {
        f.close();
    }

    private static Checker.Http get(boolean ssl, int timeout, Checker.UrlCheck... urls) {
        return new Checker.Http(ProbeFixture.timeout(timeout), ssl, List.of(urls), null);
    }

    private static Checker.UrlCheck url(String path, String digest, List<Integer> codes, String regex) {
        return new Checker.UrlCheck(path, digest, codes, regex);
    }

    private ScriptedServer server(boolean ssl, ScriptedServer.Conversation c) throws Exception {
        if (!ssl) {
            return ScriptedServer.start(c);
        }
        assumeTrue(SelfSignedCertificate.opensslAvailable(), "needs openssl to make a self-signed certificate");
        return ScriptedServer.startTls(SelfSignedCertificate.create(dir, "rs.test").serverContext(), c);
    }

    @ParameterizedTest(name = "ssl={0}")
    @ValueSource(booleans = {false, true})
    void healthyPagePassesStatusDigestAndRegex(boolean ssl) throws Exception {
        try (ScriptedServer s = server(ssl, ScriptedServer.answer(ScriptedServer.http(200, PAGE)))) {
            ProbeResult r = f.check(get(ssl, 2, url("/health", PAGE_MD5, List.of(200), "ready [0-9]+")), s.address());
            assertTrue(r.passed(), r.toString());
            assertEquals("GET /health HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 127.0.0.1:" + s.port() + "\r\n\r\n",
                    s.requests.get(0));
        }
    }

    @ParameterizedTest(name = "ssl={0}")
    @ValueSource(booleans = {false, true})
    void stoppedServerIsRefused(boolean ssl) throws Exception {
        InetSocketAddress nobody = new InetSocketAddress(InetAddress.getLoopbackAddress(), ProbeFixture.closedPort());
        ProbeResult r = f.check(get(ssl, 2, url("/", null, List.of(), null)), nobody);
        assertEquals(FailureReason.REFUSED, r.reason(), r.detail());
    }

    @ParameterizedTest(name = "ssl={0}")
    @ValueSource(booleans = {false, true})
    void hangingServerTimesOutWithinConnectTimeout(boolean ssl) throws Exception {
        try (ScriptedServer s = server(ssl, ScriptedServer.hang())) {
            ProbeResult r = f.check(get(ssl, 1, url("/", null, List.of(), null)), s.address());
            assertEquals(FailureReason.TIMEOUT, r.reason(), r.detail());
            assertTrue(ProbeFixture.millis(r) >= 990 && ProbeFixture.millis(r) < 1500, "took " + ProbeFixture.millis(r) + " ms");
        }
    }

    @ParameterizedTest(name = "ssl={0}")
    @ValueSource(booleans = {false, true})
    void resettingServerFails(boolean ssl) throws Exception {
        // Over TLS the reset comes during the handshake (the in-test server resets on accept's first read).
        try (ScriptedServer s = server(ssl, ssl ? (c, srv) -> {
            c.setSoLinger(true, 0);
            c.close();
        } : ScriptedServer.reset(true))) {
            ProbeResult r = f.check(get(ssl, 2, url("/", null, List.of(), null)), s.address());
            assertFalse(r.passed());
            assertEquals(FailureReason.RESET, r.reason(), r.detail());
        }
    }

    @ParameterizedTest(name = "ssl={0}")
    @ValueSource(booleans = {false, true})
    void wrongStatusFails(boolean ssl) throws Exception {
        try (ScriptedServer s = server(ssl, ScriptedServer.answer(ScriptedServer.http(503, "busy")))) {
            ProbeResult r = f.check(get(ssl, 2, url("/", null, List.of(), null)), s.address());
            assertEquals(FailureReason.BAD_STATUS, r.reason());
            assertEquals("/: status 503, expected 200-299", r.detail());
        }
    }

    @ParameterizedTest(name = "ssl={0}")
    @ValueSource(booleans = {false, true})
    void wrongBodyFailsDigestAndRegex(boolean ssl) throws Exception {
        try (ScriptedServer s = server(ssl, ScriptedServer.answer(ScriptedServer.http(200, "<html>maintenance</html>")))) {
            ProbeResult digest = f.check(get(ssl, 2, url("/", PAGE_MD5, List.of(), null)), s.address());
            assertEquals(FailureReason.BAD_DIGEST, digest.reason(), digest.detail());
            ProbeResult regex = f.check(get(ssl, 2, url("/", null, List.of(), "ready [0-9]+")), s.address());
            assertEquals(FailureReason.BAD_BODY, regex.reason(), regex.detail());
        }
    }

    @ParameterizedTest(name = "ssl={0}")
    @ValueSource(booleans = {false, true})
    void wrongPortIsRefusedAndConnectPortFixesIt(boolean ssl) throws Exception {
        try (ScriptedServer s = server(ssl, ScriptedServer.answer(ScriptedServer.http(200, PAGE)))) {
            InetSocketAddress wrong = new InetSocketAddress(InetAddress.getLoopbackAddress(), ProbeFixture.closedPort());
            assertEquals(FailureReason.REFUSED, f.check(get(ssl, 2, url("/", null, List.of(), null)), wrong).reason());
            Checker.Http viaConnectPort = new Checker.Http(ProbeFixture.with(2, null, s.port(), null, null), ssl,
                    List.of(url("/", null, List.of(), null)), null);
            assertTrue(f.check(viaConnectPort, wrong).passed());
        }
    }

    @Test
    void statusCodeRangesAndRegexNoMatch() throws Exception {
        try (ScriptedServer s = ScriptedServer.start(ScriptedServer.answer(ScriptedServer.http(404, "not here")))) {
            assertTrue(f.check(get(false, 2, url("/", null, List.of(200, 404), null)), s.address()).passed());
            Checker.UrlCheck noMatch = new Checker.UrlCheck("/", null, List.of(404), "not here", true, null);
            ProbeResult r = f.check(get(false, 2, noMatch), s.address());
            assertEquals(FailureReason.BAD_BODY, r.reason());
            assertEquals("/: body matches regex 'not here'", r.detail());
        }
    }

    @Test
    void everyUrlMustPassAndEachGetsItsOwnConnection() throws Exception {
        try (ScriptedServer s = ScriptedServer.start((c, srv) -> {
            String req = srv.readRequest(c);
            c.getOutputStream().write(ScriptedServer.http(req.startsWith("GET /bad ") ? 500 : 200, "ok")
                    .getBytes(StandardCharsets.ISO_8859_1));
            c.close();
        })) {
            assertTrue(f.check(get(false, 2, url("/a", null, List.of(), null), url("/b", null, List.of(), null)),
                    s.address()).passed());
            ProbeResult r = f.check(get(false, 2, url("/a", null, List.of(), null), url("/bad", null, List.of(), null)),
                    s.address());
            assertEquals(FailureReason.BAD_STATUS, r.reason());
            assertEquals(4, s.requests.size());
            assertEquals(4, s.peers.size());
        }
    }

    @Test
    void chunkedBodyIsDigestedWhole() throws Exception {
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "6\r\n<html>\r\n" + Integer.toHexString(PAGE.length() - 6) + "\r\n" + PAGE.substring(6) + "\r\n0\r\n\r\n";
        try (ScriptedServer s = ScriptedServer.start(ScriptedServer.answer(chunked))) {
            ProbeResult r = f.check(get(false, 2, url("/", PAGE_MD5, List.of(), null)), s.address());
            assertTrue(r.passed(), r.toString());
        }
    }

    @Test
    void truncatedBodyIsAReset() throws Exception {
        String shortBody = "HTTP/1.0 200 OK\r\nContent-Length: 100\r\n\r\nonly this";
        try (ScriptedServer s = ScriptedServer.start(ScriptedServer.answer(shortBody))) {
            ProbeResult r = f.check(get(false, 2, url("/", PAGE_MD5, List.of(), null)), s.address());
            assertEquals(FailureReason.RESET, r.reason(), r.detail());
        }
    }

    @Test
    void garbageIsABadReply() throws Exception {
        try (ScriptedServer s = ScriptedServer.start(ScriptedServer.answer("SSH-2.0-OpenSSH_9.2\r\n\r\n"))) {
            ProbeResult r = f.check(get(false, 2, url("/", null, List.of(), null)), s.address());
            assertEquals(FailureReason.BAD_REPLY, r.reason(), r.detail());
        }
    }

    @Test
    void virtualhostAndHttpProtocolShapeTheRequest() throws Exception {
        try (ScriptedServer s = ScriptedServer.start(ScriptedServer.answer(ScriptedServer.http(200, "x")))) {
            Checker.UrlCheck perUrl = new Checker.UrlCheck("/u", null, List.of(), null, false, "url.example");
            Checker.Http http = new Checker.Http(ProbeFixture.timeout(2), false,
                    List.of(url("/c", null, List.of(), null), perUrl), "www.example", "1.1", false);
            assertTrue(f.check(http, s.address()).passed());
            assertEquals("GET /c HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nHost: www.example\r\nConnection: close\r\n\r\n",
                    s.requests.get(0));
            assertEquals("GET /u HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nHost: url.example\r\nConnection: close\r\n\r\n",
                    s.requests.get(1));
        }
    }

    @Test
    void sslGetSendsSniOnlyWithEnableSni() throws Exception {
        assumeTrue(SelfSignedCertificate.opensslAvailable(), "needs openssl to make a self-signed certificate");
        SSLContext ctx = SelfSignedCertificate.create(dir, "rs.test").serverContext();
        List<String> sni = new CopyOnWriteArrayList<>();
        try (ScriptedServer s = ScriptedServer.startTls(ctx, (c, srv) -> {
            ((SSLSocket) c).startHandshake();
            List<SNIServerName> names = ((javax.net.ssl.ExtendedSSLSession) ((SSLSocket) c).getSession()).getRequestedServerNames();
            sni.add(names.isEmpty() ? "-" : ((SNIHostName) names.get(0)).getAsciiName());
            ScriptedServer.answer(ScriptedServer.http(200, "x")).talk(c, srv);
        })) {
            Checker.UrlCheck u = url("/", null, List.of(), null);
            assertTrue(f.check(new Checker.Http(ProbeFixture.timeout(2), true, List.of(u), "www.example", "1.0", true),
                    s.address()).passed());
            assertTrue(f.check(new Checker.Http(ProbeFixture.timeout(2), true, List.of(u), "www.example", "1.0", false),
                    s.address()).passed());
            assertEquals(List.of("www.example", "-"), sni);
        }
    }
}
