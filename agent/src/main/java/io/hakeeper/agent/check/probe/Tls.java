package io.hakeeper.agent.check.probe;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * SSL_GET's TLS client: like keepalived without an {@code SSL { ca }} block, it does not verify the
 * server's certificate (a health check asks "does it answer", not "is it who it says"), and it
 * sends SNI only with {@code enable_sni}.
 */
final class Tls {

    private static final SSLContext CONTEXT = context();

    private Tls() {
    }

    private static SSLContext context() {
        TrustManager acceptAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // a client certificate never reaches a client
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // deliberately not verified, as keepalived's SSL_GET
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, new TrustManager[] {acceptAll}, null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS client", e);
        }
    }

    /** A client engine; {@code sniName} null sends no server name. */
    static SSLEngine clientEngine(String sniName) {
        SSLEngine engine = CONTEXT.createSSLEngine();
        engine.setUseClientMode(true);
        SSLParameters p = engine.getSSLParameters();
        List<SNIServerName> names = List.of();
        if (sniName != null) {
            try {
                names = List.of(new SNIHostName(sniName));
            } catch (IllegalArgumentException e) {
                // An address literal or an invalid name cannot be an SNI host name (RFC 6066 section 3).
            }
        }
        p.setServerNames(names);
        engine.setSSLParameters(p);
        return engine;
    }
}
