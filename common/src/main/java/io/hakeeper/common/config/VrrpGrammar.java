package io.hakeeper.common.config;

import io.hakeeper.common.config.grammar.Args;
import io.hakeeper.common.config.grammar.BlockSpec;
import io.hakeeper.common.config.grammar.IpLiteral;
import io.hakeeper.common.config.grammar.Keyword.BlockUse;
import io.hakeeper.common.config.model.Authentication;
import io.hakeeper.common.config.model.GarpSettings;
import io.hakeeper.common.config.model.NotifyScripts;
import io.hakeeper.common.config.model.SyncGroup;
import io.hakeeper.common.config.model.TrackFileDef;
import io.hakeeper.common.config.model.TrackRef;
import io.hakeeper.common.config.model.VirtualIp;
import io.hakeeper.common.config.model.VrrpInstance;
import io.hakeeper.common.config.model.VrrpScript;
import java.util.ArrayList;
import java.util.List;

/** {@code vrrp_script}, {@code vrrp_track_file}, {@code vrrp_instance}, {@code vrrp_sync_group}. */
final class VrrpGrammar {

    private VrrpGrammar() {
    }

    /** A value and where it was written, for checks that need the whole config. */
    record At<T>(T value, SourcePos pos) {
    }

    // ---- vrrp_script ----------------------------------------------------------------------

    static final class ScriptDraft {
        final String name;
        final SourcePos pos;
        List<String> command = List.of();
        SourcePos commandPos;
        int interval = 1;
        int timeout;
        int weight;
        boolean reverse;
        int rise = 1;
        int fall = 1;
        boolean initFail;
        String user;
        String group;

        ScriptDraft(String name, SourcePos pos) {
            this.name = name;
            this.pos = pos;
        }

        VrrpScript build() {
            // keepalived: timeout defaults to the interval.
            return new VrrpScript(name, command, interval, timeout > 0 ? timeout : interval, weight, reverse,
                    rise, fall, initFail, user, group);
        }
    }

    static final BlockSpec<ScriptDraft> VRRP_SCRIPT = new BlockSpec<ScriptDraft>("vrrp_script")
            .kw("script", "CMD...", (s, a) -> {
                s.command = a.command(0);
                s.commandPos = a.pos(0);
            })
            .kw("interval", "SECONDS", (s, a) -> s.interval = a.integer(0, 1, 86400))
            .kw("timeout", "SECONDS", (s, a) -> s.timeout = a.integer(0, 1, 86400))
            .kw("weight", "N [reverse]", (s, a) -> {
                s.weight = a.integer(0, -253, 253);
                s.reverse = reverse(a, 1);
            })
            .kw("rise", "COUNT", (s, a) -> s.rise = a.integer(0, 1, 1000))
            .kw("fall", "COUNT", (s, a) -> s.fall = a.integer(0, 1, 1000))
            .kw("init_fail", "", (s, a) -> s.initFail = true)
            .kw("user", "USER [GROUP]", (s, a) -> {
                s.user = a.word(0);
                s.group = a.has(1) ? a.word(1) : null;
            });

    private static boolean reverse(Args a, int i) {
        if (!a.has(i)) {
            return false;
        }
        a.expect(i, "reverse", "weight N reverse");
        return true;
    }

    // ---- vrrp_track_file ------------------------------------------------------------------

    static final class TrackFileDraft {
        final String name;
        final SourcePos pos;
        String file;
        int weight = 1;
        boolean reverse;
        Integer init;
        boolean overwrite;

        TrackFileDraft(String name, SourcePos pos) {
            this.name = name;
            this.pos = pos;
        }

        TrackFileDef build() {
            return new TrackFileDef(name, file, weight, reverse, init, overwrite);
        }
    }

    static final BlockSpec<TrackFileDraft> VRRP_TRACK_FILE = new BlockSpec<TrackFileDraft>("vrrp_track_file")
            .kw("file", "PATH", (t, a) -> t.file = a.word(0))
            .kw("weight", "N [reverse]", (t, a) -> {
                t.weight = a.integer(0, -254, 254);
                t.reverse = reverse(a, 1);
            })
            .kw("init_file", "[VALUE] [overwrite]", (t, a) -> {
                int i = 0;
                t.init = 0;
                if (a.has(i) && !a.isWord(i, "overwrite")) {
                    t.init = a.integer(i++, Integer.MIN_VALUE, Integer.MAX_VALUE);
                }
                if (a.has(i)) {
                    a.expect(i, "overwrite", "init_file [VALUE] [overwrite]");
                    t.overwrite = true;
                }
            });

    // ---- vrrp_instance --------------------------------------------------------------------

    static final class InstanceDraft {
        final String name;
        final SourcePos pos;
        VrrpInstance.State state = VrrpInstance.State.BACKUP;
        String iface;
        SourcePos ifacePos;
        int vrid;
        SourcePos vridPos;
        int priority = 100;
        int advertMs = 1000;
        boolean nopreempt;
        int preemptDelay;
        Integer version;
        SourcePos versionPos;
        Authentication auth = Authentication.NONE;
        final List<At<VirtualIp>> vips = new ArrayList<>();
        boolean vipsWritten;
        final List<At<VirtualIp>> excluded = new ArrayList<>();
        final List<At<TrackRef>> scripts = new ArrayList<>();
        final List<At<TrackRef>> interfaces = new ArrayList<>();
        final List<At<TrackRef>> files = new ArrayList<>();
        At<IpLiteral> unicastSrc;
        At<IpLiteral> mcastSrc;
        final List<At<IpLiteral>> peers = new ArrayList<>();
        final NotifyDraft notify = new NotifyDraft();
        Integer garpDelay;
        Integer garpRepeat;
        Integer garpRefresh;
        Integer garpRefreshRepeat;

        InstanceDraft(String name, SourcePos pos) {
            this.name = name;
            this.pos = pos;
        }

        VrrpInstance build(GarpSettings global) {
            GarpSettings garp = new GarpSettings(
                    garpDelay != null ? garpDelay : global.delaySec(),
                    garpRepeat != null ? garpRepeat : global.repeat(),
                    garpRefresh != null ? garpRefresh : global.refreshSec(),
                    garpRefreshRepeat != null ? garpRefreshRepeat : global.refreshRepeat());
            return new VrrpInstance(name, state, iface, vrid, priority, advertMs, nopreempt, preemptDelay, version,
                    auth, values(vips), values(excluded), values(scripts), values(interfaces), values(files),
                    unicastSrc == null ? null : unicastSrc.value().text(),
                    mcastSrc == null ? null : mcastSrc.value().text(),
                    peers.stream().map(p -> p.value().text()).toList(), notify.build(), garp);
        }
    }

    static <T> List<T> values(List<At<T>> list) {
        return list.stream().map(At::value).toList();
    }

    static final class NotifyDraft {
        List<String> master = List.of();
        List<String> backup = List.of();
        List<String> fault = List.of();
        List<String> stop = List.of();
        List<String> any = List.of();
        final List<At<List<String>>> all = new ArrayList<>();

        NotifyScripts build() {
            return new NotifyScripts(master, backup, fault, stop, any);
        }

        List<String> keep(Args a) {
            List<String> cmd = a.command(0);
            all.add(new At<>(cmd, a.pos(0)));
            return cmd;
        }
    }

    static final class AuthDraft {
        Authentication.Type type = Authentication.Type.NONE;
        String pass;
    }

    static final BlockSpec<AuthDraft> AUTHENTICATION = new BlockSpec<AuthDraft>("authentication")
            .kw("auth_type", "PASS|AH", (d, a) -> d.type = Authentication.Type.valueOf(a.oneOf(0, List.of("PASS", "AH"))))
            .kw("auth_pass", "PASSWORD", (d, a) -> {
                d.pass = a.word(0);
                // RFC 3768 section 5.3.6: the authentication data field is 8 octets.
                if (d.pass.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 8) {
                    a.warn(0, "auth_pass is longer than 8 bytes; VRRP carries only the first 8, as keepalived does");
                }
            });

    static final BlockSpec<List<At<VirtualIp>>> VIRTUAL_IPADDRESS = new BlockSpec<List<At<VirtualIp>>>("virtual_ipaddress")
            .entries("ADDRESS[/PREFIX] [dev IF] [label LABEL] [brd ADDRESS] [scope SCOPE]",
                    (list, a) -> list.add(new At<>(virtualIp(a), a.pos(0))));

    private static final List<String> SCOPES = List.of("global", "site", "link", "host", "nowhere");

    /** {@code ADDR[/PREFIX] [dev IF] [label L] [brd B] [scope S]}, as in {@code ip address add}. */
    static VirtualIp virtualIp(Args a) {
        String spec = a.word(0);
        String addr = spec;
        Integer prefix = null;
        int slash = spec.indexOf('/');
        if (slash >= 0) {
            addr = spec.substring(0, slash);
            String p = spec.substring(slash + 1);
            if (!p.matches("\\d{1,3}")) {
                throw a.bad(0, "invalid prefix length '/" + p + "' in '" + spec + "'; write ADDRESS/PREFIX such as 10.0.0.3/24");
            }
            prefix = Integer.parseInt(p);
        }
        IpLiteral ip = IpLiteral.parse(addr).orElse(null);
        if (ip == null) {
            throw a.bad(0, "invalid virtual IP address '" + spec + "'; write an address such as 10.0.0.3/24 or 2001:db8::3/64");
        }
        if (prefix != null && prefix > ip.maxPrefix()) {
            throw a.bad(0, "prefix length /" + prefix + " is too long for " + (ip.ipv6() ? "IPv6" : "IPv4")
                    + "; use at most /" + ip.maxPrefix());
        }
        String dev = null;
        String label = null;
        String brd = null;
        String scope = null;
        for (int i = 1; i < a.count(); i += 2) {
            String opt = a.word(i);
            if (!a.has(i + 1)) {
                throw a.bad(i, "'" + opt + "' needs a value; write '" + opt + " VALUE'");
            }
            String v = a.word(i + 1);
            switch (opt) {
                case "dev" -> dev = v;
                case "label" -> label = v;
                case "brd", "broadcast" -> {
                    if (!v.equals("+") && !v.equals("-") && IpLiteral.parse(v).isEmpty()) {
                        throw a.bad(i + 1, "invalid broadcast address '" + v + "'; write an address, '+' or '-'");
                    }
                    brd = v;
                }
                case "scope" -> scope = a.oneOf(i + 1, SCOPES);
                default -> {
                    if (List.of("no_track", "preferred_lft", "home", "nodad", "noprefixroute", "autojoin").contains(opt)) {
                        a.warn(i, "virtual_ipaddress option '" + opt + "' is ignored by hakeeper");
                        if (List.of("no_track", "home", "nodad", "noprefixroute", "autojoin").contains(opt)) {
                            i--; // a flag without a value
                        }
                        continue;
                    }
                    throw a.bad(i, "unknown virtual_ipaddress option '" + opt + "'; use dev, label, brd or scope");
                }
            }
        }
        return new VirtualIp(ip.text(), prefix != null ? prefix : ip.maxPrefix(), ip.ipv6(), dev, label, brd, scope);
    }

    static BlockSpec<List<At<TrackRef>>> trackList(String name, String what) {
        return new BlockSpec<List<At<TrackRef>>>(name)
                .entries(what + " [weight N [reverse]]", (list, a) -> {
                    Integer weight = null;
                    boolean reverse = false;
                    if (a.has(1)) {
                        a.expect(1, "weight", what + " weight N");
                        if (!a.has(2)) {
                            throw a.bad(1, "'weight' needs a number; write '" + what + " weight N'");
                        }
                        weight = a.integer(2, -254, 254);
                        if (a.has(3)) {
                            a.expect(3, "reverse", what + " weight N reverse");
                            reverse = true;
                        }
                        if (a.has(4)) {
                            throw a.bad(4, "unexpected '" + a.word(4) + "'; write '" + what + " [weight N [reverse]]'");
                        }
                    }
                    list.add(new At<>(new TrackRef(a.word(0), weight, reverse), a.pos(0)));
                });
    }

    static final BlockSpec<List<At<TrackRef>>> TRACK_SCRIPT = trackList("track_script", "SCRIPT_NAME");
    static final BlockSpec<List<At<TrackRef>>> TRACK_INTERFACE = trackList("track_interface", "INTERFACE");
    static final BlockSpec<List<At<TrackRef>>> TRACK_FILE = trackList("track_file", "TRACK_FILE_NAME");

    static final BlockSpec<List<At<IpLiteral>>> UNICAST_PEER = new BlockSpec<List<At<IpLiteral>>>("unicast_peer")
            .entries("ADDRESS [min_ttl N] [max_ttl N]", (list, a) -> {
                list.add(new At<>(a.address(0), a.pos(0)));
                for (int i = 1; i < a.count(); i += 2) {
                    String opt = a.oneOf(i, List.of("min_ttl", "max_ttl"));
                    if (!a.has(i + 1)) {
                        throw a.bad(i, "'" + opt + "' needs a value; write '" + opt + " N'");
                    }
                    a.integer(i + 1, 0, 255);
                }
            });

    static final BlockSpec<InstanceDraft> VRRP_INSTANCE = new BlockSpec<InstanceDraft>("vrrp_instance")
            .kw("state", "MASTER|BACKUP", (v, a) -> v.state = a.choice(0, VrrpInstance.State.class))
            .kw("interface", "IF", (v, a) -> {
                v.ifacePos = a.pos(0);
                v.iface = a.word(0);
            })
            .kw("virtual_router_id", "1-255", (v, a) -> {
                v.vridPos = a.pos(0);
                v.vrid = a.integer(0, 1, 255);
            })
            .kw("priority", "1-255", (v, a) -> v.priority = a.integer(0, 1, 255))
            .kw("advert_int", "SECONDS", (v, a) -> v.advertMs = a.secondsAsMillis(0, 10, 255_000))
            .kw("nopreempt", "", (v, a) -> v.nopreempt = true)
            .kw("preempt_delay", "SECONDS", (v, a) -> v.preemptDelay = a.integer(0, 0, 1000))
            .kw("version", "2|3", (v, a) -> {
                v.version = a.integer(0, 2, 3);
                v.versionPos = a.pos(0);
            })
            .block("authentication", "", (v, a) -> {
                AuthDraft d = a.block(AUTHENTICATION, new AuthDraft());
                if (d.type != Authentication.Type.NONE && d.pass == null) {
                    throw a.bad(0, "authentication has auth_type " + d.type + " but no auth_pass; add 'auth_pass SECRET'");
                }
                v.auth = d.type == Authentication.Type.NONE ? Authentication.NONE : new Authentication(d.type, d.pass);
            })
            .block("virtual_ipaddress", "", (v, a) -> {
                v.vipsWritten = true;
                a.block(VIRTUAL_IPADDRESS, v.vips);
            })
            .block("virtual_ipaddress_excluded", "", (v, a) -> a.block(VIRTUAL_IPADDRESS, v.excluded))
            .block("track_script", "", (v, a) -> a.block(TRACK_SCRIPT, v.scripts))
            .block("track_interface", "", (v, a) -> a.block(TRACK_INTERFACE, v.interfaces))
            .block("track_file", "", (v, a) -> a.block(TRACK_FILE, v.files))
            .kw("unicast_src_ip", "ADDRESS", (v, a) -> v.unicastSrc = new At<>(a.address(0), a.pos(0)))
            .kw("mcast_src_ip", "ADDRESS", (v, a) -> v.mcastSrc = new At<>(a.address(0), a.pos(0)))
            .block("unicast_peer", "", (v, a) -> a.block(UNICAST_PEER, v.peers))
            .kw("notify_master", "CMD...", (v, a) -> v.notify.master = v.notify.keep(a))
            .kw("notify_backup", "CMD...", (v, a) -> v.notify.backup = v.notify.keep(a))
            .kw("notify_fault", "CMD...", (v, a) -> v.notify.fault = v.notify.keep(a))
            .kw("notify_stop", "CMD...", (v, a) -> v.notify.stop = v.notify.keep(a))
            .kw("notify", "CMD...", (v, a) -> v.notify.any = v.notify.keep(a))
            .kw("garp_master_delay", "SECONDS", (v, a) -> v.garpDelay = a.integer(0, 0, 3600))
            .kw("garp_master_repeat", "COUNT", (v, a) -> v.garpRepeat = a.integer(0, 1, 1000))
            .kw("garp_master_refresh", "SECONDS", (v, a) -> v.garpRefresh = a.integer(0, 0, 86400))
            .kw("garp_master_refresh_repeat", "COUNT", (v, a) -> v.garpRefreshRepeat = a.integer(0, 1, 1000))
            .ignored("smtp_alert", "[on|off]", BlockUse.NONE, "'smtp_alert' is ignored: hakeeper sends no mail;"
                    + " use notify scripts or the /metrics endpoint")
            .ignored("dont_track_primary", "", BlockUse.NONE, "'dont_track_primary' is ignored: hakeeper tracks only"
                    + " what track_interface lists")
            .ignored("use_vmac", "[NAME]", BlockUse.NONE, "'use_vmac' is not supported: hakeeper keeps the VIP on"
                    + " the interface itself")
            .ignored("vmac_xmit_base", "", BlockUse.NONE, "'vmac_xmit_base' is not supported (no use_vmac)")
            .ignored("native_ipv6", "", BlockUse.NONE, "'native_ipv6' is ignored: IPv6 VIPs select VRRPv3 by themselves")
            .ignored("garp_lower_prio_delay", "SECONDS", BlockUse.NONE, "'garp_lower_prio_delay' is ignored")
            .ignored("garp_lower_prio_repeat", "COUNT", BlockUse.NONE, "'garp_lower_prio_repeat' is ignored")
            .ignored("lvs_sync_daemon_interface", "IF...", BlockUse.NONE,
                    "'lvs_sync_daemon_interface' is obsolete; hakeeper does not run the IPVS sync daemon")
            .ignored("virtual_routes", "", BlockUse.REQUIRED, "'virtual_routes' is not supported by hakeeper and is ignored")
            .ignored("virtual_rules", "", BlockUse.REQUIRED, "'virtual_rules' is not supported by hakeeper and is ignored");

    // ---- vrrp_sync_group ------------------------------------------------------------------

    static final class SyncGroupDraft {
        final String name;
        final SourcePos pos;
        final List<At<String>> members = new ArrayList<>();
        final NotifyDraft notify = new NotifyDraft();
        final List<At<TrackRef>> scripts = new ArrayList<>();

        SyncGroupDraft(String name, SourcePos pos) {
            this.name = name;
            this.pos = pos;
        }

        SyncGroup build() {
            return new SyncGroup(name, values(members), notify.build(), values(scripts));
        }
    }

    static final BlockSpec<List<At<String>>> GROUP = new BlockSpec<List<At<String>>>("group")
            .entries("INSTANCE_NAME", (list, a) -> {
                for (int i = 0; i < a.count(); i++) {
                    list.add(new At<>(a.word(i), a.pos(i)));
                }
            });

    static final BlockSpec<SyncGroupDraft> VRRP_SYNC_GROUP = new BlockSpec<SyncGroupDraft>("vrrp_sync_group")
            .block("group", "", (g, a) -> a.block(GROUP, g.members))
            .kw("notify_master", "CMD...", (g, a) -> g.notify.master = g.notify.keep(a))
            .kw("notify_backup", "CMD...", (g, a) -> g.notify.backup = g.notify.keep(a))
            .kw("notify_fault", "CMD...", (g, a) -> g.notify.fault = g.notify.keep(a))
            .kw("notify_stop", "CMD...", (g, a) -> g.notify.stop = g.notify.keep(a))
            .kw("notify", "CMD...", (g, a) -> g.notify.any = g.notify.keep(a))
            .block("track_script", "", (g, a) -> a.block(TRACK_SCRIPT, g.scripts))
            .ignored("smtp_alert", "[on|off]", BlockUse.NONE, "'smtp_alert' is ignored: hakeeper sends no mail")
            .ignored("global_tracking", "", BlockUse.NONE, "'global_tracking' is obsolete and ignored");
}
