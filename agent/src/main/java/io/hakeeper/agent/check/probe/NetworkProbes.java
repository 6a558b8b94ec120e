package io.hakeeper.agent.check.probe;

import io.hakeeper.common.config.model.Checker;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * TCP_CHECK, HTTP_GET, SSL_GET, SMTP_CHECK, DNS_CHECK and UDP_CHECK attempts, started on the loop
 * thread. Each attempt is bounded by {@code connect_timeout}; HTTP checks every url in turn on its
 * own connection, each url bounded by it (keepalived's timeout is per request, too).
 */
final class NetworkProbes {

    private NetworkProbes() {
    }

    static CompletableFuture<ProbeResult> tcp(IoLoop loop, Endpoints e, long timeout) {
        return StreamSession.start(loop, e, timeout, PlainDialogues.CONNECT, null);
    }

    static CompletableFuture<ProbeResult> smtp(IoLoop loop, Endpoints e, long timeout, Checker.Smtp smtp) {
        return StreamSession.start(loop, e, timeout, new PlainDialogues.Smtp(smtp.heloName()), null);
    }

    static CompletableFuture<ProbeResult> http(IoLoop loop, Endpoints e, long timeout, Checker.Http http) {
        return httpFrom(loop, e, timeout, http, 0, 0L);
    }

    private static CompletableFuture<ProbeResult> httpFrom(IoLoop loop, Endpoints e, long timeout, Checker.Http http,
                                                           int index, long latencySoFar) {
        Checker.UrlCheck url = http.urls().get(index);
        String vhost = url.virtualhost() != null ? url.virtualhost() : http.virtualhost();
        String host = vhost != null ? vhost : e.hostHeader(http.ssl() ? 443 : 80);
        HttpDialogue dialogue = new HttpDialogue(url, http.httpProtocol(), host);
        CompletableFuture<ProbeResult> one = StreamSession.start(loop, e, timeout, dialogue,
                http.ssl() ? Tls.clientEngine(http.enableSni() ? vhost : null) : null);
        return one.thenCompose(r -> {
            long latency = latencySoFar + r.latencyNanos();
            if (!r.passed()) {
                return CompletableFuture.completedFuture(ProbeResult.fail(r.reason(), r.detail(), latency));
            }
            return index + 1 == http.urls().size() ? CompletableFuture.completedFuture(ProbeResult.pass(latency))
                    : httpFrom(loop, e, timeout, http, index + 1, latency);
        });
    }

    static CompletableFuture<ProbeResult> dns(IoLoop loop, Endpoints e, long timeout, Checker.Dns dns) {
        int id = ThreadLocalRandom.current().nextInt(0x10000);
        byte[] query = DnsMessage.query(id, dns.queryName(), dns.queryType());
        return DatagramSession.start(loop, e, timeout, new DatagramSession.Exchange() {
            @Override
            public byte[] request() {
                return query;
            }

            @Override
            public Dialogue.Step reply(ByteBuffer datagram) {
                return switch (DnsMessage.judge(datagram, id)) {
                    case OK -> Dialogue.Step.PASS;
                    case ERROR -> Dialogue.Step.fail(FailureReason.BAD_REPLY, "DNS answer with rcode "
                            + DnsMessage.rcode(datagram) + " for " + dns.queryType() + " " + dns.queryName());
                    case NOT_OURS -> Dialogue.Step.AWAIT; // keepalived ignores it and keeps reading
                };
            }

            @Override
            public Dialogue.Step silence(long t) {
                return Dialogue.Step.fail(FailureReason.TIMEOUT, "no DNS answer within " + t / 1_000_000 + " ms");
            }
        });
    }

    /**
     * UDP_CHECK: sends {@code payload} (random bytes without one, as keepalived). With require_reply an
     * answer must come; without, only an ICMP port unreachable fails it, so silence until the
     * deadline passes (keepalived.conf(5): the check relies on ICMP errors).
     */
    static CompletableFuture<ProbeResult> udp(IoLoop loop, Endpoints e, long timeout, Checker.Udp udp) {
        byte[] payload = udp.payload() != null ? HexFormat.of().parseHex(udp.payload()) : randomPayload();
        return DatagramSession.start(loop, e, timeout, new DatagramSession.Exchange() {
            @Override
            public byte[] request() {
                return payload;
            }

            @Override
            public Dialogue.Step reply(ByteBuffer datagram) {
                if (udp.replyPattern() != null && !replyMatches(udp.replyPattern(), datagram)) {
                    return Dialogue.Step.fail(FailureReason.BAD_REPLY, "UDP reply does not match " + udp.replyPattern());
                }
                return Dialogue.Step.PASS;
            }

            @Override
            public Dialogue.Step silence(long t) {
                return udp.requireReply()
                        ? Dialogue.Step.fail(FailureReason.TIMEOUT, "no UDP reply within " + t / 1_000_000 + " ms")
                        : Dialogue.Step.PASS;
            }
        });
    }

    /**
     * keepalived's require_reply HEX: the reply must equal the pattern over the shorter of the two,
     * where an 'x' nibble in the pattern matches anything.
     */
    static boolean replyMatches(String pattern, ByteBuffer reply) {
        int n = Math.min(pattern.length() / 2, reply.remaining());
        for (int i = 0; i < n; i++) {
            int b = reply.get(reply.position() + i) & 0xff;
            if (!nibbleMatches(pattern.charAt(2 * i), b >> 4) || !nibbleMatches(pattern.charAt(2 * i + 1), b & 0x0f)) {
                return false;
            }
        }
        return true;
    }

    private static boolean nibbleMatches(char pattern, int nibble) {
        return pattern == 'x' || Character.digit(pattern, 16) == nibble;
    }

    private static byte[] randomPayload() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}
