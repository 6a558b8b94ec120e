package io.hakeeper.agent.check.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate made at test time with openssl(1): PEM files for nginx and a PKCS#12
 * store for the in-test Java TLS server. Nothing is checked in; each test run has fresh keys.
 */
final class SelfSignedCertificate {

    static final String PASSWORD = "changeit";
    final Path certificate;
    final Path key;
    final Path pkcs12;

    private SelfSignedCertificate(Path dir) {
        this.certificate = dir.resolve("cert.pem");
        this.key = dir.resolve("key.pem");
        this.pkcs12 = dir.resolve("cert.p12");
    }

    static boolean opensslAvailable() {
        return Files.isExecutable(Path.of("/usr/bin/openssl"));
    }

    static SelfSignedCertificate create(Path dir, String commonName) throws Exception {
        SelfSignedCertificate c = new SelfSignedCertificate(dir);
        run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + commonName,
                "-keyout", c.key.toString(), "-out", c.certificate.toString()));
        run(List.of("openssl", "pkcs12", "-export", "-in", c.certificate.toString(), "-inkey", c.key.toString(),
                "-out", c.pkcs12.toString(), "-passout", "pass:" + PASSWORD, "-name", "server"));
        return c;
    }

    SSLContext serverContext() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pkcs12)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    private static void run(List<String> argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", argv) + " failed: " + new String(out));
        }
    }
}
