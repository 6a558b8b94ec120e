package io.hakeeper.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.common.config.model.Checker;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HTTP_GET / SSL_GET keywords keepalived.conf(5) documents and the probes honour. */
class CheckerKeywordsTest {

    private static ConfigLoader.Result load(String checkerBody) {
        return Configs.check(Configs.INSTANCE + """
                virtual_server 10.0.0.3 443 {
                    real_server 10.1.0.1 443 {
                        SSL_GET {
                %s
                        }
                    }
                }
                """.formatted(checkerBody));
    }

    private static Checker.Http http(ConfigLoader.Result r) {
        assertEquals(List.of(), Configs.lines(r));
        return (Checker.Http) r.config().virtualServers().get(0).realServers().get(0).checkers().get(0);
    }

    @Test
    void httpProtocolEnableSniRegexNoMatchAndPerUrlVirtualhost() {
        Checker.Http h = http(load("""
                            http_protocol 1.0C
                            enable_sni
                            virtualhost www.example.com
                            url {
                                path /health
                                status_code 200-204 301
                                regex "maintenance"
                                regex_no_match
                                virtualhost api.example.com
                            }
                """));
        assertEquals("1.0C", h.httpProtocol());
        assertTrue(h.enableSni());
        assertEquals("www.example.com", h.virtualhost());
        Checker.UrlCheck u = h.urls().get(0);
        assertEquals(List.of(200, 201, 202, 203, 204, 301), u.statusCodes());
        assertTrue(u.regexNoMatch());
        assertEquals("api.example.com", u.virtualhost());
    }

    @Test
    void defaultsAreKeepalivedsHttp10WithoutSni() {
        Checker.Http h = http(load("url { path / }"));
        assertEquals("1.0", h.httpProtocol());
        assertFalse(h.enableSni());
        assertEquals(List.of(), h.urls().get(0).statusCodes(), "empty means 200-299");
        assertFalse(h.urls().get(0).regexNoMatch());
    }

    @Test
    void dnsAndMiscCheckersHaveKeepalivedsOwnRetryDefaults() {
        ConfigLoader.Result r = Configs.check(Configs.INSTANCE + """
                virtual_server 10.0.0.3 53 {
                    protocol UDP
                    real_server 10.1.0.1 53 {
                        DNS_CHECK { name example.com }
                        MISC_CHECK { misc_path /bin/true }
                        DNS_CHECK { retry 1 }
                        TCP_CHECK { }
                    }
                }
                """);
        assertEquals(List.of(), Configs.lines(r));
        List<Checker> c = r.config().virtualServers().get(0).realServers().get(0).checkers();
        assertEquals(List.of(3, 0, 1, Checker.Connection.DEFAULTS.retry()),
                c.stream().map(x -> x.connection().retry()).toList());
    }

    @Test
    void udpRequireReplyKeepsItsPattern() {
        ConfigLoader.Result r = Configs.check(Configs.INSTANCE + """
                virtual_server 10.0.0.3 53 {
                    protocol UDP
                    real_server 10.1.0.1 53 {
                        UDP_CHECK {
                            payload 0a0b
                            require_reply 0A0bXX
                        }
                        UDP_CHECK { require_reply }
                    }
                }
                """);
        assertEquals(List.of(), Configs.lines(r));
        List<Checker> c = r.config().virtualServers().get(0).realServers().get(0).checkers();
        assertEquals("0a0bxx", ((Checker.Udp) c.get(0)).replyPattern());
        assertTrue(((Checker.Udp) c.get(1)).requireReply());
        assertEquals(null, ((Checker.Udp) c.get(1)).replyPattern());
        List<String> bad = Configs.lines(Configs.check(Configs.INSTANCE
                + "virtual_server 10.0.0.3 53 {\n protocol UDP\n real_server 10.1.0.1 53 {\n"
                + " UDP_CHECK { require_reply 0g }\n }\n}\n"));
        assertTrue(bad.stream().anyMatch(l -> l.contains("invalid reply pattern '0g'")), bad.toString());
    }

    @Test
    void unknownHttpProtocolAndRegexNoMatchWithoutRegexAreErrors() {
        List<String> bad = Configs.lines(load("http_protocol 2\nurl { path / }"));
        assertEquals(1, bad.size(), bad.toString());
        assertTrue(bad.get(0).contains("http_protocol") || bad.get(0).contains("'2'"), bad.get(0));
        List<String> noRegex = Configs.lines(load("url { path / \n regex_no_match }"));
        assertTrue(noRegex.stream().anyMatch(l -> l.endsWith("url has regex_no_match but no regex; add 'regex PATTERN'"
                + " or remove it")), noRegex.toString());
    }
}
