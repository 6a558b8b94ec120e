package io.hakeeper.agent.check.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hakeeper.agent.testsupport.Poll;
import io.hakeeper.common.config.model.Checker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP_GET and SSL_GET against Debian's real nginx, started by the test on loopback ports with a
 * temporary config (lab/setup-host.sh installs it; without /usr/sbin/nginx the test skips).
 */
class NginxProbeTest {

    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final String PAGE = "<html><body>ready 7</body></html>\n";

    private final ProbeFixture f = new ProbeFixture();
    @TempDir
    Path dir;
    private Process nginx;
    private int httpPort;
    private int httpsPort;

    @BeforeEach
    void startNginx() throws Exception {
        assumeTrue(Files.isExecutable(NGINX), "needs nginx (/usr/sbin/nginx; lab/setup-host.sh installs it)");
        assumeTrue(SelfSignedCertificate.opensslAvailable(), "needs openssl for nginx's self-signed certificate");
        SelfSignedCertificate cert = SelfSignedCertificate.create(dir, "nginx.test");
        Files.createDirectories(dir.resolve("www"));
        Files.writeString(dir.resolve("www/index.html"), PAGE);
        httpPort = ProbeFixture.closedPort();
        httpsPort = ProbeFixture.closedPort();
        String temp = dir.resolve("tmp").toString();
        Files.createDirectories(dir.resolve("tmp"));
        String conf = """
                daemon off;
                master_process off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path %2$s; proxy_temp_path %2$s; fastcgi_temp_path %2$s;
                    uwsgi_temp_path %2$s; scgi_temp_path %2$s;
                    root %1$s/www;
                    server {
                        listen 127.0.0.1:%3$d;
                        location = /busy { return 503 "busy\\n"; }
                    }
                    server {
                        listen 127.0.0.1:%4$d ssl;
                        ssl_certificate %5$s;
                        ssl_certificate_key %6$s;
                        location = /sni { return 200 "sni=$ssl_server_name\\n"; }
                    }
                }
                """.formatted(dir, temp, httpPort, httpsPort, cert.certificate, cert.key);
        Path confFile = dir.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        nginx = new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-c", confFile.toString(),
                "-e", dir.resolve("error.log").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        Poll.until(Duration.ofSeconds(10), "nginx listening on both ports", () -> {
            if (!nginx.isAlive()) {
                throw new AssertionError("nginx exited: " + Files.readString(dir.resolve("stdout.log"))
                        + Files.readString(dir.resolve("error.log")));
            }
            return listening(httpPort) && listening(httpsPort);
        });
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @AfterEach
    void stop() {
        if (nginx != null) {
            nginx.destroyForcibly();
        }
        f.close();
    }

    private static Checker.Http get(boolean ssl, Checker.UrlCheck url, String vhost, boolean sni) {
        return new Checker.Http(ProbeFixture.timeout(2), ssl, List.of(url), vhost, "1.0", sni);
    }

    private static Checker.UrlCheck url(String path, String digest, List<Integer> codes, String regex) {
        return new Checker.UrlCheck(path, digest, codes, regex);
    }

    private InetSocketAddress rs(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    @Test
    void staticPagePassesWithGenhashDigestOverHttpAndHttps() throws Exception {
        String md5 = HttpDialogue.md5Hex(PAGE.getBytes(StandardCharsets.UTF_8));
        Checker.UrlCheck page = url("/index.html", md5, List.of(200), "ready [0-9]");
        ProbeResult http = f.check(get(false, page, null, false), rs(httpPort));
        assertTrue(http.passed(), http.toString());
        ProbeResult https = f.check(get(true, page, null, false), rs(httpsPort));
        assertTrue(https.passed(), https.toString());
        ProbeResult http11 = f.check(new Checker.Http(ProbeFixture.timeout(2), false, List.of(page), null, "1.1", false),
                rs(httpPort));
        assertTrue(http11.passed(), http11.toString());
    }

    @Test
    void wrongStatusAndWrongBodyFail() throws Exception {
        ProbeResult missing = f.check(get(false, url("/missing", null, List.of(), null), null, false), rs(httpPort));
        assertEquals(FailureReason.BAD_STATUS, missing.reason());
        assertEquals("/missing: status 404, expected 200-299", missing.detail());
        ProbeResult busy = f.check(get(false, url("/busy", null, List.of(200), null), null, false), rs(httpPort));
        assertEquals(FailureReason.BAD_STATUS, busy.reason());
        assertTrue(f.check(get(false, url("/busy", null, List.of(500, 501, 502, 503), "busy"), null, false),
                rs(httpPort)).passed());
        ProbeResult digest = f.check(get(false, url("/index.html", "00000000000000000000000000000000", List.of(), null),
                null, false), rs(httpPort));
        assertEquals(FailureReason.BAD_DIGEST, digest.reason());
        ProbeResult regex = f.check(get(true, url("/index.html", null, List.of(), "maintenance"), null, false), rs(httpsPort));
        assertEquals(FailureReason.BAD_BODY, regex.reason());
    }

    @Test
    void sslGetSendsTheVirtualhostAsSniWhenEnabled() throws Exception {
        assertTrue(f.check(get(true, url("/sni", null, List.of(), "^sni=www\\.example\\.test$"), "www.example.test", true),
                rs(httpsPort)).passed());
        assertTrue(f.check(get(true, url("/sni", null, List.of(), "^sni=$"), "www.example.test", false),
                rs(httpsPort)).passed());
    }

    @Test
    void plainHttpToTheTlsPortAndTlsToThePlainPortFail() throws Exception {
        ProbeResult plainToTls = f.check(get(false, url("/", null, List.of(), null), null, false), rs(httpsPort));
        assertEquals(FailureReason.BAD_STATUS, plainToTls.reason(), "nginx answers 400 to plain HTTP on a TLS port");
        ProbeResult tlsToPlain = f.check(get(true, url("/", null, List.of(), null), null, false), rs(httpPort));
        assertTrue(!tlsToPlain.passed() && (tlsToPlain.reason() == FailureReason.BAD_REPLY
                || tlsToPlain.reason() == FailureReason.RESET), tlsToPlain.toString());
    }

    @Test
    void stoppedNginxIsRefused() throws Exception {
        nginx.destroyForcibly().waitFor();
        Poll.until(Duration.ofSeconds(5), "nginx's ports closed", () -> !listening(httpPort));
        assertEquals(FailureReason.REFUSED, f.check(get(false, url("/", null, List.of(), null), null, false),
                rs(httpPort)).reason());
        assertEquals(FailureReason.REFUSED, f.check(get(true, url("/", null, List.of(), null), null, false),
                rs(httpsPort)).reason());
    }
}
