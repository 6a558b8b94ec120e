package io.hakeeper.common.config;

import io.hakeeper.common.config.VrrpGrammar.At;
import io.hakeeper.common.config.grammar.Args;
import io.hakeeper.common.config.grammar.BlockSpec;
import io.hakeeper.common.config.grammar.IpLiteral;
import io.hakeeper.common.config.grammar.Keyword.BlockUse;
import io.hakeeper.common.config.model.Checker;
import io.hakeeper.common.config.model.Endpoint;
import io.hakeeper.common.config.model.RealServer;
import io.hakeeper.common.config.model.VirtualServer;
import io.hakeeper.common.config.model.VirtualServerGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** {@code virtual_server}, {@code real_server}, the checker blocks and {@code virtual_server_group}. */
final class LvsGrammar {

    private LvsGrammar() {
    }

    /** Mutable twin of {@link Checker.Connection}; shared by every checker block. */
    static final class ConnectionDraft {
        String connectIp;
        Integer connectPort;
        String bindTo;
        Integer bindPort;
        String bindIf;
        int connectTimeout = Checker.Connection.DEFAULTS.connectTimeoutSec();
        int retry = Checker.Connection.DEFAULTS.retry();
        int delayBeforeRetry = Checker.Connection.DEFAULTS.delayBeforeRetrySec();
        int warmup;
        Integer delayLoop;

        Checker.Connection build() {
            return new Checker.Connection(connectIp, connectPort, bindTo, bindPort, bindIf, connectTimeout, retry,
                    delayBeforeRetry, warmup, delayLoop);
        }
    }

    /** The checker's draft: connection settings plus whatever its type adds. */
    static final class CheckerDraft {
        final ConnectionDraft c = new ConnectionDraft();
        final List<Checker.UrlCheck> urls = new ArrayList<>();
        String virtualhost;
        String httpProtocol = Checker.Http.DEFAULT_PROTOCOL;
        boolean enableSni;
        List<String> miscPath = List.of();
        int miscTimeout;
        boolean miscDynamic;
        String user;
        String group;
        String heloName;
        String dnsType = "SOA";
        String dnsName = ".";
        String udpPayload;
        boolean requireReply;
        String replyPattern;
    }

    /** Adds the connection keywords every checker understands. */
    private static BlockSpec<CheckerDraft> connectionKeywords(BlockSpec<CheckerDraft> spec) {
        return spec
                .kw("connect_ip", "ADDRESS", (d, a) -> d.c.connectIp = a.address(0).text())
                .kw("connect_port", "PORT", (d, a) -> d.c.connectPort = a.port(0))
                .kw("bindto", "ADDRESS", (d, a) -> d.c.bindTo = a.address(0).text())
                .kw("bind_port", "PORT", (d, a) -> d.c.bindPort = a.port(0))
                .kw("bind_if", "IF", (d, a) -> d.c.bindIf = a.word(0))
                .kw("connect_timeout", "SECONDS", (d, a) -> d.c.connectTimeout = a.integer(0, 1, 3600))
                .kw("retry", "COUNT", (d, a) -> d.c.retry = a.integer(0, 0, 1000))
                .alias("nb_get_retry", "retry", "'nb_get_retry' is deprecated; write 'retry' (same meaning)")
                .kw("delay_before_retry", "SECONDS", (d, a) -> d.c.delayBeforeRetry = a.integer(0, 0, 3600))
                .kw("warmup", "SECONDS", (d, a) -> d.c.warmup = a.integer(0, 0, 3600))
                .kw("delay_loop", "SECONDS", (d, a) -> d.c.delayLoop = a.integer(0, 1, 86400))
                .ignored("fwmark", "N", BlockUse.NONE, "checker 'fwmark' is ignored by hakeeper")
                .ignored("log_all_failures", "[on|off]", BlockUse.NONE, "'log_all_failures' is ignored:"
                        + " hakeeper logs every verdict change");
    }

    static final class UrlDraft {
        String path;
        String digest;
        String regex;
        boolean regexNoMatch;
        String virtualhost;
        final List<Integer> codes = new ArrayList<>();
    }

    static final BlockSpec<UrlDraft> URL = new BlockSpec<UrlDraft>("url")
            .kw("path", "PATH", (u, a) -> u.path = a.word(0))
            .kw("digest", "MD5_HEX", (u, a) -> {
                if (!a.word(0).matches("[0-9a-fA-F]{32}")) {
                    throw a.bad(0, "invalid digest '" + a.word(0) + "'; write the page's MD5 as 32 hex digits"
                            + " (genhash prints it)");
                }
                u.digest = a.word(0).toLowerCase(java.util.Locale.ROOT);
            })
            .kw("status_code", "CODE...", (u, a) -> {
                for (int i = 0; i < a.count(); i++) {
                    String w = a.word(i);
                    if (w.matches("\\d{3}-\\d{3}")) {
                        int lo = Integer.parseInt(w.substring(0, 3));
                        int hi = Integer.parseInt(w.substring(4));
                        if (lo < 100 || hi > 599 || lo > hi) {
                            throw a.bad(i, "invalid status code range '" + w + "'; write e.g. 200-299");
                        }
                        for (int code = lo; code <= hi; code++) {
                            u.codes.add(code);
                        }
                    } else {
                        u.codes.add(a.integer(i, 100, 599));
                    }
                }
            })
            .kw("regex", "REGEX", (u, a) -> {
                try {
                    java.util.regex.Pattern.compile(a.word(0));
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw a.bad(0, "invalid regex '" + a.word(0) + "': " + e.getDescription() + "; fix the pattern");
                }
                u.regex = a.word(0);
            })
            .kw("regex_no_match", "", (u, a) -> u.regexNoMatch = true)
            .kw("virtualhost", "NAME", (u, a) -> u.virtualhost = a.word(0));

    static final BlockSpec<CheckerDraft> TCP_CHECK = connectionKeywords(new BlockSpec<>("TCP_CHECK"));

    /** keepalived.conf(5) http_protocol: 1.0C is 1.0 with "Connection: close", which 1.1 sends too. */
    private static final List<String> HTTP_PROTOCOLS = List.of("1.0", "1.0C", "1.1");

    static BlockSpec<CheckerDraft> httpCheck(String name) {
        return connectionKeywords(new BlockSpec<CheckerDraft>(name))
                .many("url", "", BlockUse.REQUIRED, (d, a) -> {
                    UrlDraft u = a.block(URL, new UrlDraft());
                    if (u.path == null) {
                        throw a.bad(0, "url has no path; add 'path /health' inside it");
                    }
                    if (u.regexNoMatch && u.regex == null) {
                        throw a.bad(0, "url has regex_no_match but no regex; add 'regex PATTERN' or remove it");
                    }
                    d.urls.add(new Checker.UrlCheck(u.path, u.digest, u.codes, u.regex, u.regexNoMatch, u.virtualhost));
                })
                .kw("virtualhost", "NAME", (d, a) -> d.virtualhost = a.word(0))
                .kw("enable_sni", "", (d, a) -> d.enableSni = true)
                .ignored("fast_recovery", "[on|off]", BlockUse.NONE, "'fast_recovery' is ignored")
                .kw("http_protocol", "1.0|1.0C|1.1", (d, a) -> d.httpProtocol = a.oneOf(0, HTTP_PROTOCOLS));
    }

    static final BlockSpec<CheckerDraft> HTTP_GET = httpCheck("HTTP_GET");
    static final BlockSpec<CheckerDraft> SSL_GET = httpCheck("SSL_GET");

    static final BlockSpec<CheckerDraft> MISC_CHECK = connectionKeywords(new BlockSpec<CheckerDraft>("MISC_CHECK"))
            .kw("misc_path", "CMD...", (d, a) -> d.miscPath = a.command(0))
            .kw("misc_timeout", "SECONDS", (d, a) -> d.miscTimeout = a.integer(0, 1, 3600))
            .kw("misc_dynamic", "", (d, a) -> d.miscDynamic = true)
            .kw("user", "USER [GROUP]", (d, a) -> {
                d.user = a.word(0);
                d.group = a.has(1) ? a.word(1) : null;
            });

    static final BlockSpec<CheckerDraft> SMTP_CHECK = connectionKeywords(new BlockSpec<CheckerDraft>("SMTP_CHECK"))
            .kw("helo_name", "NAME", (d, a) -> d.heloName = a.word(0))
            .ignored("host", "", BlockUse.REQUIRED, "SMTP_CHECK 'host' blocks are obsolete; hakeeper checks the real"
                    + " server (or connect_ip) only");

    /** keepalived.conf(5) DNS_CHECK: "The retry default is 3." */
    static final int DNS_DEFAULT_RETRY = 3;
    /** keepalived.conf(5) MISC_CHECK: "The retry default is 0." */
    static final int MISC_DEFAULT_RETRY = 0;

    private static final List<String> DNS_TYPES =
            List.of("A", "NS", "CNAME", "SOA", "MX", "TXT", "AAAA", "RRSIG", "DNSKEY");

    static final BlockSpec<CheckerDraft> DNS_CHECK = connectionKeywords(new BlockSpec<CheckerDraft>("DNS_CHECK"))
            .kw("type", "A|NS|CNAME|SOA|MX|TXT|AAAA|RRSIG|DNSKEY", (d, a) -> d.dnsType = a.oneOf(0, DNS_TYPES))
            .kw("name", "NAME", (d, a) -> d.dnsName = a.word(0));

    static final BlockSpec<CheckerDraft> UDP_CHECK = connectionKeywords(new BlockSpec<CheckerDraft>("UDP_CHECK"))
            .kw("payload", "HEX", (d, a) -> {
                if (!a.word(0).matches("([0-9a-fA-F]{2})+")) {
                    throw a.bad(0, "invalid payload '" + a.word(0) + "'; write the bytes as hex digits, e.g. 0a0b0c");
                }
                d.udpPayload = a.word(0).toLowerCase(java.util.Locale.ROOT);
            })
            .kw("require_reply", "[HEX]", (d, a) -> {
                d.requireReply = true;
                if (a.has(0)) {
                    if (!a.word(0).matches("([0-9a-fA-FxX]{2})+")) {
                        throw a.bad(0, "invalid reply pattern '" + a.word(0) + "'; write hex bytes, x for a nibble"
                                + " that may be anything, e.g. 0a0bxx");
                    }
                    d.replyPattern = a.word(0).toLowerCase(java.util.Locale.ROOT);
                }
            });

    static final BlockSpec<CheckerDraft> PING_CHECK = connectionKeywords(new BlockSpec<>("PING_CHECK"));

    // ---- real_server ----------------------------------------------------------------------

    static final class RealServerDraft {
        final Endpoint endpoint;
        final SourcePos pos;
        int weight = 1;
        Boolean inhibit;
        List<String> notifyUp = List.of();
        List<String> notifyDown = List.of();
        int uthreshold;
        int lthreshold;
        final List<Checker> checkers = new ArrayList<>();
        final List<At<List<String>>> scripts = new ArrayList<>();

        RealServerDraft(Endpoint endpoint, SourcePos pos) {
            this.endpoint = endpoint;
            this.pos = pos;
        }

        RealServer build() {
            return new RealServer(endpoint, weight, inhibit, notifyUp, notifyDown, uthreshold, lthreshold, checkers);
        }
    }

    private static BlockSpec<RealServerDraft> checker(BlockSpec<RealServerDraft> rs, BlockSpec<CheckerDraft> spec,
                                                     Function<CheckerDraft, Checker> make) {
        return checker(rs, spec, Checker.Connection.DEFAULTS.retry(), make);
    }

    /** A checker block whose {@code retry} defaults to {@code defaultRetry} when the block does not set it. */
    private static BlockSpec<RealServerDraft> checker(BlockSpec<RealServerDraft> rs, BlockSpec<CheckerDraft> spec,
                                                     int defaultRetry, Function<CheckerDraft, Checker> make) {
        return rs.many(spec.name(), "", BlockUse.REQUIRED, (r, a) -> {
            CheckerDraft fresh = new CheckerDraft();
            fresh.c.retry = defaultRetry;
            CheckerDraft d = a.block(spec, fresh);
            Checker c = make.apply(d);
            if (c instanceof Checker.Misc m) {
                if (m.command().isEmpty()) {
                    throw a.bad(0, "MISC_CHECK has no misc_path; add 'misc_path \"/path/to/check arg\"'");
                }
                r.scripts.add(new At<>(m.command(), a.pos()));
            }
            if (c instanceof Checker.Http h && h.urls().isEmpty()) {
                throw a.bad(0, h.keyword() + " has no url; add 'url { path /health status_code 200 }'");
            }
            r.checkers.add(c);
        });
    }

    static final BlockSpec<RealServerDraft> REAL_SERVER;

    static {
        BlockSpec<RealServerDraft> rs = new BlockSpec<RealServerDraft>("real_server")
                .kw("weight", "0-65535", (r, a) -> r.weight = a.integer(0, 0, 65535))
                .kw("inhibit_on_failure", "[on|off]", (r, a) -> r.inhibit = onOff(a))
                .kw("notify_up", "CMD...", (r, a) -> {
                    r.notifyUp = a.command(0);
                    r.scripts.add(new At<>(r.notifyUp, a.pos(0)));
                })
                .kw("notify_down", "CMD...", (r, a) -> {
                    r.notifyDown = a.command(0);
                    r.scripts.add(new At<>(r.notifyDown, a.pos(0)));
                })
                .kw("uthreshold", "CONNECTIONS", (r, a) -> r.uthreshold = a.integer(0, 0, Integer.MAX_VALUE))
                .kw("lthreshold", "CONNECTIONS", (r, a) -> r.lthreshold = a.integer(0, 0, Integer.MAX_VALUE));
        checker(rs, TCP_CHECK, d -> new Checker.Tcp(d.c.build()));
        checker(rs, HTTP_GET, d -> new Checker.Http(d.c.build(), false, d.urls, d.virtualhost,
                d.httpProtocol, d.enableSni));
        checker(rs, SSL_GET, d -> new Checker.Http(d.c.build(), true, d.urls, d.virtualhost,
                d.httpProtocol, d.enableSni));
        // keepalived.conf(5): "The retry default is 0" for MISC_CHECK and "3" for DNS_CHECK.
        checker(rs, MISC_CHECK, MISC_DEFAULT_RETRY, d -> new Checker.Misc(d.c.build(), d.miscPath, d.miscTimeout, d.miscDynamic,
                d.user, d.group));
        checker(rs, SMTP_CHECK, d -> new Checker.Smtp(d.c.build(), d.heloName));
        checker(rs, DNS_CHECK, DNS_DEFAULT_RETRY, d -> new Checker.Dns(d.c.build(), d.dnsType, d.dnsName));
        checker(rs, UDP_CHECK, d -> new Checker.Udp(d.c.build(), d.udpPayload, d.requireReply,
                d.replyPattern));
        checker(rs, PING_CHECK, d -> new Checker.Ping(d.c.build()));
        REAL_SERVER = rs;
    }

    /** keepalived's optional on/off after boolean keywords (absent = on). */
    static boolean onOff(Args a) {
        return !a.has(0) || a.oneOf(0, List.of("on", "off", "true", "false", "yes", "no")).matches("on|true|yes");
    }

    // ---- virtual_server -------------------------------------------------------------------

    static final class VirtualServerDraft {
        final SourcePos pos;
        VirtualServer.Kind kind;
        String address;
        Integer port;
        Integer fwmark;
        String group;
        boolean ipv6;
        VirtualServer.Protocol protocol = VirtualServer.Protocol.TCP;
        String scheduler = "wlc";
        VirtualServer.LbMethod method = VirtualServer.LbMethod.NAT;
        int delayLoop = 60;
        Integer persistence;
        String granularity;
        SourcePos granularityPos;
        At<Endpoint> sorry;
        boolean sorryInhibit;
        int quorum = 1;
        int hysteresis;
        SourcePos hysteresisPos;
        boolean alpha;
        boolean omega;
        boolean inhibit;
        String virtualhost;
        List<String> quorumUp = List.of();
        List<String> quorumDown = List.of();
        final List<RealServerDraft> realServers = new ArrayList<>();
        final List<At<List<String>>> scripts = new ArrayList<>();

        VirtualServerDraft(SourcePos pos) {
            this.pos = pos;
        }

        VirtualServer build() {
            return new VirtualServer(kind, address, port, fwmark, group, ipv6, protocol, scheduler, method, delayLoop,
                    persistence, granularity, sorry == null ? null : sorry.value(), sorryInhibit, quorum, hysteresis,
                    alpha, omega, inhibit, virtualhost, quorumUp, quorumDown,
                    realServers.stream().map(RealServerDraft::build).toList());
        }
    }

    static Endpoint endpoint(Args a, int i, String usage) {
        IpLiteral ip = a.address(i);
        if (!a.has(i + 1)) {
            throw a.bad(i, "missing port after " + ip.text() + "; write '" + usage + "'");
        }
        return new Endpoint(ip.text(), a.port(i + 1), ip.ipv6());
    }

    static final BlockSpec<VirtualServerDraft> VIRTUAL_SERVER = new BlockSpec<VirtualServerDraft>("virtual_server")
            .kw("delay_loop", "SECONDS", (v, a) -> v.delayLoop = a.integer(0, 1, 86400))
            .kw("lvs_sched", "SCHEDULER", (v, a) -> v.scheduler = a.oneOf(0, VirtualServer.SCHEDULERS))
            .alias("lb_algo", "lvs_sched", null)
            .kw("lvs_method", "NAT|DR|TUN", (v, a) -> v.method = a.choice(0, VirtualServer.LbMethod.class))
            .alias("lb_kind", "lvs_method", null)
            .kw("persistence_timeout", "[SECONDS]", (v, a) -> v.persistence = a.has(0)
                    ? a.integer(0, 1, 86400 * 31) : VirtualServer.DEFAULT_PERSISTENCE_TIMEOUT_SEC)
            .kw("persistence_granularity", "NETMASK|PREFIX", (v, a) -> {
                v.granularity = a.word(0);
                v.granularityPos = a.pos(0);
            })
            .kw("protocol", "TCP|UDP|SCTP", (v, a) -> v.protocol = a.choice(0, VirtualServer.Protocol.class))
            .kw("sorry_server", "ADDRESS PORT", (v, a) -> v.sorry = new At<>(endpoint(a, 0, "sorry_server ADDRESS PORT"),
                    a.pos(0)))
            .kw("sorry_server_inhibit", "[on|off]", (v, a) -> v.sorryInhibit = onOff(a))
            .kw("quorum", "N", (v, a) -> v.quorum = a.integer(0, 1, 65535))
            .kw("hysteresis", "N", (v, a) -> {
                v.hysteresis = a.integer(0, 0, 65535);
                v.hysteresisPos = a.pos(0);
            })
            .kw("alpha", "", (v, a) -> v.alpha = true)
            .kw("omega", "", (v, a) -> v.omega = true)
            .kw("inhibit_on_failure", "[on|off]", (v, a) -> v.inhibit = onOff(a))
            .kw("virtualhost", "NAME", (v, a) -> v.virtualhost = a.word(0))
            .kw("quorum_up", "CMD...", (v, a) -> {
                v.quorumUp = a.command(0);
                v.scripts.add(new At<>(v.quorumUp, a.pos(0)));
            })
            .kw("quorum_down", "CMD...", (v, a) -> {
                v.quorumDown = a.command(0);
                v.scripts.add(new At<>(v.quorumDown, a.pos(0)));
            })
            .many("real_server", "ADDRESS PORT", BlockUse.OPTIONAL, (v, a) -> {
                RealServerDraft r = a.blockOr(REAL_SERVER, () -> new RealServerDraft(
                        endpoint(a, 0, "real_server ADDRESS PORT"), a.pos(0)));
                v.realServers.add(r);
            })
            .ignored("nat_mask", "NETMASK", BlockUse.NONE, "'nat_mask' is obsolete and ignored; remove it")
            .ignored("ha_suspend", "", BlockUse.NONE, "'ha_suspend' is ignored: every director programs IPVS"
                    + " whatever its VRRP role")
            .ignored("ops", "", BlockUse.NONE, "'ops' (one-packet scheduling) is not supported yet and is ignored")
            .ignored("sorry_server_lvs_method", "NAT|DR|TUN", BlockUse.NONE,
                    "'sorry_server_lvs_method' is ignored: the sorry server uses the virtual server's method")
            .ignored("retry", "COUNT", BlockUse.NONE, "virtual_server 'retry' is ignored; set retry in each checker")
            .ignored("delay_before_retry", "SECONDS", BlockUse.NONE,
                    "virtual_server 'delay_before_retry' is ignored; set it in each checker")
            .ignored("connect_timeout", "SECONDS", BlockUse.NONE,
                    "virtual_server 'connect_timeout' is ignored; set it in each checker");

    // ---- virtual_server_group -------------------------------------------------------------

    static final class GroupDraft {
        final String name;
        final SourcePos pos;
        final List<VirtualServerGroup.Member> members = new ArrayList<>();

        GroupDraft(String name, SourcePos pos) {
            this.name = name;
            this.pos = pos;
        }
    }

    static final BlockSpec<GroupDraft> VIRTUAL_SERVER_GROUP = new BlockSpec<GroupDraft>("virtual_server_group")
            .entries("ADDRESS[-LAST] PORT | fwmark N", (g, a) -> {
                if (a.word(0).equals("fwmark")) {
                    if (!a.has(1) || a.has(2)) {
                        throw a.bad(0, "write 'fwmark N' with one number");
                    }
                    g.members.add(new VirtualServerGroup.Member(null, null, null, a.integer(1, 1, Integer.MAX_VALUE),
                            false));
                    return;
                }
                if (!a.has(1) || a.has(2)) {
                    throw a.bad(0, "a virtual_server_group line is 'ADDRESS PORT', 'FIRST-LAST PORT' or 'fwmark N'");
                }
                g.members.add(groupRange(a));
            });

    /** {@code 10.0.0.1-20 80}: keepalived's range form, where the number after '-' replaces the last part. */
    private static VirtualServerGroup.Member groupRange(Args a) {
        String w = a.word(0);
        int dash = w.lastIndexOf('-');
        String first = dash > 0 ? w.substring(0, dash) : w;
        IpLiteral ip = IpLiteral.parse(first).orElseThrow(() -> a.bad(0, "invalid address '" + first
                + "' in virtual_server_group; write ADDRESS PORT or FIRST-LAST PORT such as 10.0.0.1-20 80"));
        String last = ip.text();
        if (dash > 0) {
            String end = w.substring(dash + 1);
            boolean hex = ip.ipv6();
            if (!(hex ? end.matches("[0-9a-fA-F]{1,4}") : end.matches("\\d{1,3}"))) {
                throw a.bad(0, "invalid range end '" + end + "'; write FIRST-LAST such as 10.0.0.1-20");
            }
            int endValue = Integer.parseInt(end, hex ? 16 : 10);
            int startValue = hex ? ((ip.bytes()[14] & 0xff) << 8 | (ip.bytes()[15] & 0xff)) : ip.bytes()[3] & 0xff;
            if (endValue < startValue || (!hex && endValue > 255)) {
                throw a.bad(0, "range end " + end + " is below the start of " + w + "; the number after '-' replaces"
                        + " the address's last part and must not be smaller");
            }
            int sep = hex ? ip.text().lastIndexOf(':') : ip.text().lastIndexOf('.');
            last = ip.text().substring(0, sep + 1) + (hex ? Integer.toHexString(endValue) : Integer.toString(endValue));
        }
        return new VirtualServerGroup.Member(ip.text(), last, a.port(1), null, ip.ipv6());
    }
}
