package io.hakeeper.common.config;

import io.hakeeper.common.config.grammar.BlockSpec;
import io.hakeeper.common.config.grammar.IpLiteral;
import io.hakeeper.common.config.grammar.Keyword.BlockUse;
import io.hakeeper.common.config.model.FenceSettings;
import io.hakeeper.common.config.model.GarpSettings;
import io.hakeeper.common.config.model.GlobalDefs;
import io.hakeeper.common.config.model.ZooKeeperSettings;
import java.util.ArrayList;
import java.util.List;

/** {@code global_defs} and our {@code zookeeper} / {@code fence} extensions. */
final class GlobalGrammar {

    private GlobalGrammar() {
    }

    static final class GlobalDraft {
        SourcePos pos;
        String routerId;
        final List<String> emails = new ArrayList<>();
        String emailFrom;
        String smtpServer;
        Integer smtpPort;
        int smtpConnectTimeout = 30;
        String scriptUser;
        String scriptGroup;
        SourcePos scriptUserPos;
        boolean scriptSecurity;
        int vrrpVersion = 2;
        Integer garpDelay;
        Integer garpRepeat;
        Integer garpRefresh;
        Integer garpRefreshRepeat;
        Integer vrrpNice;

        GarpSettings garp() {
            GarpSettings d = GarpSettings.KEEPALIVED_DEFAULTS;
            return new GarpSettings(garpDelay != null ? garpDelay : d.delaySec(),
                    garpRepeat != null ? garpRepeat : d.repeat(),
                    garpRefresh != null ? garpRefresh : d.refreshSec(),
                    garpRefreshRepeat != null ? garpRefreshRepeat : d.refreshRepeat());
        }

        GlobalDefs build() {
            return new GlobalDefs(routerId, emails, emailFrom, smtpServer, smtpPort, smtpConnectTimeout,
                    scriptUser, scriptGroup, scriptSecurity, vrrpVersion, garp(), vrrpNice);
        }
    }

    static final BlockSpec<List<String>> EMAILS = new BlockSpec<List<String>>("notification_email")
            .entries("user@example.com", (list, a) -> list.addAll(a.from(0)));

    static final BlockSpec<GlobalDraft> GLOBAL_DEFS = new BlockSpec<GlobalDraft>("global_defs")
            .kw("router_id", "NAME", (g, a) -> g.routerId = a.word(0))
            .block("notification_email", "", (g, a) -> a.block(EMAILS, g.emails))
            .kw("notification_email_from", "ADDRESS", (g, a) -> g.emailFrom = a.word(0))
            .kw("smtp_server", "ADDRESS [PORT]", (g, a) -> {
                g.smtpServer = a.word(0);
                g.smtpPort = a.has(1) ? a.port(1) : null;
            })
            .kw("smtp_connect_timeout", "SECONDS", (g, a) -> g.smtpConnectTimeout = a.integer(0, 1, 3600))
            .kw("script_user", "USER [GROUP]", (g, a) -> {
                g.scriptUser = a.word(0);
                g.scriptGroup = a.has(1) ? a.word(1) : null;
                g.scriptUserPos = a.pos(0);
            })
            .kw("enable_script_security", "", (g, a) -> g.scriptSecurity = true)
            .kw("vrrp_version", "2|3", (g, a) -> g.vrrpVersion = a.integer(0, 2, 3))
            // keepalived.conf(5): the VRRP process's nice value. hakeeper is one process, so it is the agent's.
            .kw("vrrp_priority", "NICE(-20..19)", (g, a) -> g.vrrpNice = a.integer(0, -20, 19))
            .kw("vrrp_garp_master_delay", "SECONDS", (g, a) -> g.garpDelay = a.integer(0, 0, 3600))
            .kw("vrrp_garp_master_repeat", "COUNT", (g, a) -> g.garpRepeat = a.integer(0, 1, 1000))
            .kw("vrrp_garp_master_refresh", "SECONDS", (g, a) -> g.garpRefresh = a.integer(0, 0, 86400))
            .kw("vrrp_garp_master_refresh_repeat", "COUNT", (g, a) -> g.garpRefreshRepeat = a.integer(0, 1, 1000))
            .alias("garp_master_refresh", "vrrp_garp_master_refresh", null)
            .alias("garp_master_delay", "vrrp_garp_master_delay", null)
            .alias("garp_master_repeat", "vrrp_garp_master_repeat", null)
            .ignored("vrrp_skip_check_adv_addr", "[on|off]", BlockUse.NONE,
                    "'vrrp_skip_check_adv_addr' is ignored: hakeeper always checks adverts by ZooKeeper membership")
            .ignored("vrrp_strict", "", BlockUse.NONE,
                    "'vrrp_strict' is ignored: hakeeper installs no firewall rules; ZooKeeper fences the VIP")
            .ignored("vrrp_garp_interval", "SECONDS", BlockUse.NONE,
                    "'vrrp_garp_interval' is ignored: hakeeper paces gratuitous ARPs itself")
            .ignored("vrrp_gna_interval", "SECONDS", BlockUse.NONE,
                    "'vrrp_gna_interval' is ignored: hakeeper paces unsolicited NAs itself")
            .ignored("enable_traps", "", BlockUse.NONE, "'enable_traps' is ignored: hakeeper has no SNMP agent;"
                    + " use the /metrics endpoint")
            .ignored("vrrp_mcast_group4", "ADDRESS", BlockUse.NONE,
                    "'vrrp_mcast_group4' is ignored: hakeeper sends to 224.0.0.18 (RFC 5798)")
            .ignored("vrrp_mcast_group6", "ADDRESS", BlockUse.NONE,
                    "'vrrp_mcast_group6' is ignored: hakeeper sends to ff02::12 (RFC 5798)")
            .ignored("lvs_id", "NAME", BlockUse.NONE, "'lvs_id' is obsolete; use router_id")
            .ignored("vrrp_iptables", "[CHAIN...]", BlockUse.NONE,
                    "'vrrp_iptables' is ignored: hakeeper installs no firewall rules")
            .ignored("max_auto_priority", "[N]", BlockUse.NONE,
                    "'max_auto_priority' is ignored: hakeeper sets no real-time priority; vrrp_priority sets its nice value");

    static final BlockSpec<ZooKeeperDraft> ZOOKEEPER = new BlockSpec<ZooKeeperDraft>("zookeeper")
            .kw("connect", "HOST:PORT[,HOST:PORT]", (z, a) -> {
                z.connect = a.word(0);
                z.connectPos = a.pos(0);
                checkConnectString(a.word(0), a);
            })
            .kw("root", "PATH", (z, a) -> {
                String r = a.word(0);
                if (!r.startsWith("/") || (r.length() > 1 && r.endsWith("/")) || r.contains("//")) {
                    throw a.bad(0, "invalid ZooKeeper path '" + r + "'; write an absolute path such as /hakeeper");
                }
                z.root = r;
            })
            .kw("cluster", "NAME", (z, a) -> {
                String c = a.word(0);
                if (!c.matches("[A-Za-z0-9._-]{1,64}")) {
                    throw a.bad(0, "invalid cluster name '" + c + "'; use letters, digits, '.', '_' or '-'");
                }
                z.cluster = c;
            })
            .kw("session_timeout", "MILLISECONDS", (z, a) -> {
                z.sessionTimeout = a.integer(0, 1000, 600_000);
                z.sessionTimeoutPos = a.pos(0);
            })
            .kw("tick_time", "MILLISECONDS", (z, a) -> {
                z.tickTime = a.integer(0, 1, 60_000);
                z.tickTimePos = a.pos(0);
            })
            .kw("auth_digest_file", "PATH", (z, a) -> {
                z.authDigestFile = a.word(0);
                z.authDigestFilePos = a.pos(0);
            });

    static final class ZooKeeperDraft {
        SourcePos pos;
        String connect;
        SourcePos connectPos;
        String root = ZooKeeperSettings.DEFAULT_ROOT;
        String cluster = ZooKeeperSettings.DEFAULT_CLUSTER;
        int sessionTimeout = ZooKeeperSettings.DEFAULT_SESSION_TIMEOUT_MS;
        SourcePos sessionTimeoutPos;
        int tickTime = ZooKeeperSettings.DEFAULT_TICK_TIME_MS;
        SourcePos tickTimePos;
        String authDigestFile;
        SourcePos authDigestFilePos;

        ZooKeeperSettings build() {
            return new ZooKeeperSettings(connect, root, cluster, sessionTimeout, tickTime, authDigestFile);
        }
    }

    /** host:port pairs separated by commas, optionally followed by a chroot path (ZooKeeper's syntax). */
    private static void checkConnectString(String s, io.hakeeper.common.config.grammar.Args a) {
        String hosts = s.contains("/") ? s.substring(0, s.indexOf('/')) : s;
        for (String hp : hosts.split(",", -1)) {
            int colon = hp.lastIndexOf(':');
            String host = colon > 0 ? hp.substring(0, colon) : hp;
            String port = colon > 0 ? hp.substring(colon + 1) : "2181";
            boolean hostOk = host.matches("[A-Za-z0-9.-]+") || host.matches("\\[[0-9A-Fa-f:.]+\\]")
                    || IpLiteral.parse(host).isPresent();
            boolean portOk = port.matches("\\d{1,5}") && Integer.parseInt(port) <= 65535 && Integer.parseInt(port) > 0;
            if (hp.isEmpty() || !hostOk || !portOk) {
                throw a.bad(0, "invalid ZooKeeper server '" + hp + "' in connect; write host:port pairs"
                        + " separated by commas, such as 10.0.0.5:2181,10.0.0.6:2181");
            }
        }
    }

    static final class FenceDraft {
        FenceSettings.OnZkLoss onZkLoss = FenceSettings.OnZkLoss.RELEASE;

        FenceSettings build() {
            return new FenceSettings(onZkLoss);
        }
    }

    static final BlockSpec<FenceDraft> FENCE = new BlockSpec<FenceDraft>("fence")
            .kw("on_zk_loss", "release|hold", (f, a) -> f.onZkLoss =
                    FenceSettings.OnZkLoss.valueOf(a.oneOf(0, List.of("release", "hold")).toUpperCase(java.util.Locale.ROOT)));
}
