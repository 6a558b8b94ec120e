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
    }

    record Tcp(Connection connection) implements Checker {
        @Override
        public String keyword() {
            return "TCP_CHECK";
        }
    }

    /** HTTP_GET, or SSL_GET when {@code ssl}. */
    record Http(Connection connection, boolean ssl, List<UrlCheck> urls, String virtualhost) implements Checker {
        public Http {
            urls = List.copyOf(urls);
        }

        @Override
        public String keyword() {
            return ssl ? "SSL_GET" : "HTTP_GET";
        }
    }

    /** {@code url { path P; digest MD5HEX; status_code N; regex RE }}; empty status codes mean 2xx. */
    record UrlCheck(String path, String digest, List<Integer> statusCodes, String regex) {
        public UrlCheck {
            statusCodes = List.copyOf(statusCodes);
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

    /** UDP_CHECK: sends {@code payload} (hex, may be null) and, with {@code requireReply}, needs an answer. */
    record Udp(Connection connection, String payload, boolean requireReply) implements Checker {
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
