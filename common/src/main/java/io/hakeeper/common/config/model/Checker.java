package io.hakeeper.common.config.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** A real-server health checker block. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Checker.Tcp.class, name = "TCP_CHECK"),
    @JsonSubTypes.Type(value = Checker.Http.class, name = "HTTP_GET"),
    @JsonSubTypes.Type(value = Checker.Misc.class, name = "MISC_CHECK"),
    @JsonSubTypes.Type(value = Checker.Smtp.class, name = "SMTP_CHECK"),
    @JsonSubTypes.Type(value = Checker.Dns.class, name = "DNS_CHECK"),
    @JsonSubTypes.Type(value = Checker.Udp.class, name = "UDP_CHECK"),
    @JsonSubTypes.Type(value = Checker.Ping.class, name = "PING_CHECK")
})
public sealed interface Checker {

    /** keepalived's block name: TCP_CHECK, HTTP_GET, SSL_GET, ... */
    String keyword();

    Connection connection();

    /**
     * Where and how a checker connects, and its retry timing. Null address/port mean the real
     * server's. Times in seconds; {@code delayLoopSec} null means the virtual server's delay_loop.
     */
    record Connection(String connectIp, Integer connectPort, String bindTo, Integer bindPort,
                      String bindIf, int connectTimeoutSec, int retry, int delayBeforeRetrySec,
                      int warmupSec, Integer delayLoopSec) {

        /** keepalived's defaults: connect_timeout 5 s, retry 1, delay_before_retry 1 s, no warmup. */
        public static final Connection DEFAULTS = new Connection(null, null, null, null, null, 5, 1, 1, 0, null);

        /** The same connection with {@code delayLoopSec} set (a virtual server's delay_loop filled in). */
        public Connection withDelayLoopSec(Integer delayLoop) {
            return new Connection(connectIp, connectPort, bindTo, bindPort, bindIf, connectTimeoutSec, retry,
                    delayBeforeRetrySec, warmupSec, delayLoop);
        }
    }

    record Tcp(Connection connection) implements Checker {
        @Override
        public String keyword() {
            return "TCP_CHECK";
        }
    }

    /**
     * HTTP_GET, or SSL_GET when {@code ssl}. {@code httpProtocol} is keepalived's {@code http_protocol}:
     * "1.0" (its default), "1.0C" (1.0 plus "Connection: close") or "1.1" (which sends "Connection: close"
     * too). {@code enableSni}: SSL_GET sends the virtualhost as TLS SNI (keepalived.conf(5) {@code enable_sni}).
     */
    record Http(Connection connection, boolean ssl, List<UrlCheck> urls, String virtualhost, String httpProtocol,
                boolean enableSni) implements Checker {

        /** keepalived's default {@code http_protocol}. */
        public static final String DEFAULT_PROTOCOL = "1.0";

        public Http {
            urls = List.copyOf(urls);
            httpProtocol = httpProtocol == null ? DEFAULT_PROTOCOL : httpProtocol;
        }

        /** HTTP/1.0, no SNI: keepalived's defaults. */
        public Http(Connection connection, boolean ssl, List<UrlCheck> urls, String virtualhost) {
            this(connection, ssl, urls, virtualhost, DEFAULT_PROTOCOL, false);
        }

        @Override
        public String keyword() {
            return ssl ? "SSL_GET" : "HTTP_GET";
        }
    }

    /**
     * {@code url { path P; digest MD5HEX; status_code N|LO-HI...; regex RE; regex_no_match; virtualhost H }};
     * empty status codes mean 200-299 (keepalived.conf(5)). {@code regexNoMatch} reverses the regex: a
     * match fails the check. {@code virtualhost} (may be null) overrides the checker's for this url.
     */
    record UrlCheck(String path, String digest, List<Integer> statusCodes, String regex, boolean regexNoMatch,
                    String virtualhost) {
        public UrlCheck {
            statusCodes = List.copyOf(statusCodes);
        }

        public UrlCheck(String path, String digest, List<Integer> statusCodes, String regex) {
            this(path, digest, statusCodes, regex, false, null);
        }
    }

    record Misc(Connection connection, List<String> command, int timeoutSec, boolean dynamic,
                String user, String group) implements Checker {
        public Misc {
            command = List.copyOf(command);
        }

        @Override
        public String keyword() {
            return "MISC_CHECK";
        }
    }

    record Smtp(Connection connection, String heloName) implements Checker {
        @Override
        public String keyword() {
            return "SMTP_CHECK";
        }
    }

    record Dns(Connection connection, String queryType, String queryName) implements Checker {
        @Override
        public String keyword() {
            return "DNS_CHECK";
        }
    }

    /**
     * UDP_CHECK: sends {@code payload} (hex, may be null) and, with {@code requireReply}, needs an
     * answer. {@code replyPattern} (require_reply's hex, may be null) must match the answer over the
     * shorter of the two; an 'x' nibble matches anything (keepalived.conf(5)).
     */
    record Udp(Connection connection, String payload, boolean requireReply, String replyPattern) implements Checker {

        public Udp(Connection connection, String payload, boolean requireReply) {
            this(connection, payload, requireReply, null);
        }

        @Override
        public String keyword() {
            return "UDP_CHECK";
        }
    }

    /** PING_CHECK: ICMP echo to the real server. */
    record Ping(Connection connection) implements Checker {
        @Override
        public String keyword() {
            return "PING_CHECK";
        }
    }
}
