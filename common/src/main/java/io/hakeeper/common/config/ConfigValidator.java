package io.hakeeper.common.config;

import io.hakeeper.common.config.GlobalGrammar.ZooKeeperDraft;
import io.hakeeper.common.config.LvsGrammar.RealServerDraft;
import io.hakeeper.common.config.LvsGrammar.VirtualServerDraft;
import io.hakeeper.common.config.TopGrammar.ConfigDraft;
import io.hakeeper.common.config.VrrpGrammar.At;
import io.hakeeper.common.config.VrrpGrammar.InstanceDraft;
import io.hakeeper.common.config.VrrpGrammar.ScriptDraft;
import io.hakeeper.common.config.VrrpGrammar.SyncGroupDraft;
import io.hakeeper.common.config.grammar.IpLiteral;
import io.hakeeper.common.config.grammar.Suggest;
import io.hakeeper.common.config.model.Authentication;
import io.hakeeper.common.config.model.Endpoint;
import io.hakeeper.common.config.model.TrackRef;
import io.hakeeper.common.config.model.VirtualIp;
import io.hakeeper.common.config.model.VirtualServer;
import io.hakeeper.common.fence.FenceBudget;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks that need the whole config (names defined, VRIDs and addresses unique, families
 * consistent, the fence budget safe) and facts about the host. Host facts are warnings in
 * {@link ConfigLoader.Mode#CHECK} and errors in {@link ConfigLoader.Mode#RUN}.
 */
final class ConfigValidator {

    private final ConfigDraft c;
    private final Diagnostics d;
    private final ConfigLoader.Mode mode;
    private final HostFacts host;

    ConfigValidator(ConfigDraft c, Diagnostics d, ConfigLoader.Mode mode, HostFacts host) {
        this.c = c;
        this.d = d;
        this.mode = mode;
        this.host = host;
    }

    void validate() {
        routerId();
        scripts();
        instances();
        syncGroups();
        virtualServers();
        zookeeper();
    }

    private void hostProblem(SourcePos pos, String message) {
        if (mode == ConfigLoader.Mode.RUN) {
            d.error(pos, message);
        } else {
            d.warning(pos, message);
        }
    }

    private void routerId() {
        String id = c.global.routerId;
        if (id != null && (id.contains("/") || id.equals(".") || id.equals("..") || id.equals("zookeeper"))) {
            d.error(c.global.pos, "router_id '" + id + "' cannot name a ZooKeeper node;"
                    + " use letters, digits, '.', '_' or '-'");
        }
    }

    // ---- scripts --------------------------------------------------------------------------

    private void scripts() {
        Map<String, ScriptDraft> byName = new HashMap<>();
        for (ScriptDraft s : c.scripts) {
            ScriptDraft first = byName.putIfAbsent(s.name, s);
            if (first != null) {
                d.error(s.pos, "vrrp_script '" + s.name + "' is already defined at line " + first.pos.line()
                        + "; rename one of them");
            }
            if (s.command.isEmpty()) {
                d.error(s.pos, "vrrp_script '" + s.name + "' has no script; add 'script \"/path/to/check\"'");
            } else {
                command(s.command, s.commandPos, "vrrp_script '" + s.name + "'");
            }
            if (s.timeout > s.interval) {
                d.warning(s.pos, "vrrp_script '" + s.name + "' has a timeout (" + s.timeout
                        + " s) longer than its interval (" + s.interval + " s); runs will overlap, lower the timeout");
            }
        }
        Map<String, SourcePos> files = new HashMap<>();
        for (var t : c.trackFiles) {
            if (files.putIfAbsent(t.name, t.pos) != null) {
                d.error(t.pos, "vrrp_track_file '" + t.name + "' is defined twice; rename one of them");
            }
            if (t.file == null) {
                d.error(t.pos, "vrrp_track_file '" + t.name + "' has no file; add 'file /path/to/file'");
            }
        }
        for (var i : c.instances) {
            i.notify.all.forEach(n -> command(n.value(), n.pos(), "notify script"));
        }
        for (var g : c.syncGroups) {
            g.notify.all.forEach(n -> command(n.value(), n.pos(), "notify script"));
        }
        for (var v : c.virtualServers) {
            v.scripts.forEach(s -> command(s.value(), s.pos(), "script"));
            v.realServers.forEach(r -> r.scripts.forEach(s -> command(s.value(), s.pos(), "script")));
        }
    }

    /** The program of a command line exists, is executable and, with script security, safe. */
    private void command(List<String> argv, SourcePos pos, String what) {
        if (argv.isEmpty()) {
            return;
        }
        String program = argv.get(0);
        Optional<HostFacts.FileFacts> f = host.file(program);
        if (f.isEmpty()) {
            hostProblem(pos, what + ": '" + program + "' does not exist"
                    + (program.contains("/") ? "" : " in PATH") + "; install it or fix the path");
            return;
        }
        HostFacts.FileFacts facts = f.get();
        if (!facts.regular() || !facts.executable()) {
            hostProblem(pos, what + ": '" + facts.resolved() + "' is not an executable file; chmod +x it");
        }
        if (facts.writableByOthers()) {
            String msg = what + ": '" + facts.resolved() + "' is writable by group or others, so anyone could"
                    + " change what the agent runs; chmod go-w it";
            if (c.global.scriptSecurity) {
                hostProblem(pos, msg + " (enable_script_security refuses it)");
            } else {
                d.warning(pos, msg);
            }
        }
    }

    // ---- vrrp_instance --------------------------------------------------------------------

    private void instances() {
        Map<String, InstanceDraft> names = new HashMap<>();
        Map<String, InstanceDraft> vrids = new HashMap<>();
        Map<String, InstanceDraft> vipOwners = new HashMap<>();
        Set<String> scriptNames = c.scripts.stream().map(s -> s.name).collect(Collectors.toSet());
        Set<String> fileNames = c.trackFiles.stream().map(t -> t.name).collect(Collectors.toSet());
        for (InstanceDraft i : c.instances) {
            InstanceDraft sameName = names.putIfAbsent(i.name, i);
            if (sameName != null) {
                d.error(i.pos, "vrrp_instance '" + i.name + "' is already defined at line " + sameName.pos.line()
                        + "; instance names must be unique");
            }
            if (i.iface == null) {
                d.error(i.pos, "vrrp_instance '" + i.name + "' has no interface; add 'interface eth0'");
            } else if (!host.interfaceExists(i.iface)) {
                hostProblem(i.ifacePos, "vrrp_instance '" + i.name + "': interface '" + i.iface
                        + "' does not exist on this host; fix 'interface' or create the link");
            }
            if (i.vridPos == null) {
                d.error(i.pos, "vrrp_instance '" + i.name + "' has no virtual_router_id; add"
                        + " 'virtual_router_id N' (1-255, the same on every node of the instance)");
            }
            boolean v6 = family(i);
            if (i.version == null && v6) {
                i.version = 3; // RFC 5798: IPv6 needs VRRPv3; keepalived switches by itself too.
            }
            int version = i.version != null ? i.version : c.global.vrrpVersion;
            if (version == 2 && v6) {
                d.error(i.versionPos != null ? i.versionPos : i.pos, "vrrp_instance '" + i.name
                        + "' has IPv6 virtual addresses, which VRRPv2 cannot carry; set 'version 3'");
            }
            if (version == 2 && i.advertMs % 1000 != 0) {
                int rounded = Math.max(1000, Math.round(i.advertMs / 1000f) * 1000);
                d.warning(i.pos, "vrrp_instance '" + i.name + "': VRRPv2 adverts count whole seconds"
                        + " (RFC 3768 section 5.3.7); advert_int is rounded to " + rounded / 1000
                        + " s, set 'version 3' for fractions");
                i.advertMs = rounded;
            }
            if (version == 3 && i.advertMs > 40_950) {
                d.error(i.pos, "vrrp_instance '" + i.name + "': VRRPv3 advert_int is at most 40.95 s"
                        + " (12 bits of centiseconds, RFC 5798 section 5.2.7); lower advert_int");
            }
            if (version == 3 && i.auth.type() != Authentication.Type.NONE) {
                d.warning(i.pos, "vrrp_instance '" + i.name + "': VRRPv3 has no authentication (RFC 5798);"
                        + " the authentication block is ignored");
            }
            if (i.vrid != 0 && i.iface != null) {
                String key = i.iface + "/" + i.vrid + "/" + (v6 ? 6 : 4);
                InstanceDraft other = vrids.putIfAbsent(key, i);
                if (other != null) {
                    d.error(i.vridPos, "virtual_router_id " + i.vrid + " is already used on " + i.iface
                            + " by vrrp_instance '" + other.name + "' (line " + other.pos.line()
                            + "); give each instance on an interface its own VRID");
                }
            }
            if (!i.vipsWritten) {
                d.warning(i.pos, "vrrp_instance '" + i.name + "' has no virtual_ipaddress; it will hold nothing");
            }
            for (At<VirtualIp> vip : i.vips) {
                InstanceDraft owner = vipOwners.putIfAbsent(vip.value().address(), i);
                if (owner != null && owner != i) {
                    d.error(vip.pos(), vip.value().address() + " is already a virtual IP of vrrp_instance '"
                            + owner.name + "'; a VIP belongs to one instance");
                } else if (owner == i && i.vips.stream().filter(o -> o.value().address()
                        .equals(vip.value().address())).findFirst().orElseThrow() != vip) {
                    d.warning(vip.pos(), vip.value().address() + " is listed twice in vrrp_instance '" + i.name
                            + "'; remove one");
                }
                if (vip.value().dev() != null && !host.interfaceExists(vip.value().dev())) {
                    hostProblem(vip.pos(), "interface '" + vip.value().dev() + "' of " + vip.value().address()
                            + " does not exist on this host");
                }
            }
            refs(i.scripts, scriptNames, "track_script", "vrrp_script");
            refs(i.files, fileNames, "track_file", "vrrp_track_file");
            for (At<TrackRef> t : i.interfaces) {
                if (!host.interfaceExists(t.value().name())) {
                    hostProblem(t.pos(), "track_interface: interface '" + t.value().name()
                            + "' does not exist on this host");
                }
            }
            sameFamily(i, i.unicastSrc, v6, "unicast_src_ip");
            sameFamily(i, i.mcastSrc, v6, "mcast_src_ip");
            i.peers.forEach(p -> sameFamily(i, p, v6, "unicast_peer"));
            if (i.nopreempt && i.state == io.hakeeper.common.config.model.VrrpInstance.State.MASTER) {
                d.warning(i.pos, "vrrp_instance '" + i.name + "' has nopreempt with state MASTER; keepalived"
                        + " ignores nopreempt then, hakeeper honours it; write 'state BACKUP' to mean the same in both");
            }
        }
    }

    /** True for an IPv6 instance; mixing families is an error. */
    private boolean family(InstanceDraft i) {
        if (i.vips.isEmpty()) {
            return false;
        }
        boolean v6 = i.vips.get(0).value().ipv6();
        for (At<VirtualIp> vip : i.vips) {
            if (vip.value().ipv6() != v6) {
                d.error(vip.pos(), "vrrp_instance '" + i.name + "' mixes IPv4 and IPv6 in virtual_ipaddress;"
                        + " VRRP carries one family per instance, move " + vip.value().address()
                        + " to virtual_ipaddress_excluded or to another instance");
                break;
            }
        }
        return v6;
    }

    private void sameFamily(InstanceDraft i, At<IpLiteral> addr, boolean v6, String what) {
        if (addr != null && addr.value().ipv6() != v6 && !i.vips.isEmpty()) {
            d.error(addr.pos(), what + " " + addr.value().text() + " is " + (v6 ? "IPv4" : "IPv6")
                    + " but vrrp_instance '" + i.name + "' carries " + (v6 ? "IPv6" : "IPv4") + " addresses;"
                    + " use an address of the same family");
        }
    }

    private void refs(List<At<TrackRef>> refs, Set<String> defined, String what, String defKeyword) {
        for (At<TrackRef> r : refs) {
            String name = r.value().name();
            if (!defined.contains(name)) {
                String hint = Suggest.nearest(name, defined).map(s -> " (did you mean '" + s + "'?)")
                        .orElse("; add '" + defKeyword + " " + name + " { ... }' or fix the name");
                d.error(r.pos(), what + " '" + name + "' is not defined" + hint);
            }
        }
    }

    private void syncGroups() {
        Set<String> instanceNames = c.instances.stream().map(i -> i.name).collect(Collectors.toSet());
        Map<String, SyncGroupDraft> memberOf = new HashMap<>();
        Set<String> scriptNames = c.scripts.stream().map(s -> s.name).collect(Collectors.toSet());
        for (SyncGroupDraft g : c.syncGroups) {
            if (g.members.isEmpty()) {
                d.error(g.pos, "vrrp_sync_group '" + g.name + "' has no group { } of instances; add one");
            }
            for (At<String> m : g.members) {
                if (!instanceNames.contains(m.value())) {
                    String hint = Suggest.nearest(m.value(), instanceNames).map(s -> " (did you mean '" + s + "'?)")
                            .orElse("; define it or remove it from the group");
                    d.error(m.pos(), "vrrp_sync_group '" + g.name + "' lists unknown vrrp_instance '" + m.value()
                            + "'" + hint);
                }
                SyncGroupDraft other = memberOf.putIfAbsent(m.value(), g);
                if (other != null && other != g) {
                    d.error(m.pos(), "vrrp_instance '" + m.value() + "' is already in vrrp_sync_group '"
                            + other.name + "'; an instance can be in one sync group only");
                }
            }
            refs(g.scripts, scriptNames, "track_script", "vrrp_script");
        }
    }

    // ---- virtual_server -------------------------------------------------------------------

    private void virtualServers() {
        Map<String, VirtualServerDraft> seen = new HashMap<>();
        Set<String> groups = c.groups.stream().map(g -> g.name).collect(Collectors.toSet());
        Map<String, SourcePos> groupNames = new HashMap<>();
        for (var g : c.groups) {
            if (groupNames.putIfAbsent(g.name, g.pos) != null) {
                d.error(g.pos, "virtual_server_group '" + g.name + "' is defined twice; rename one of them");
            }
            if (g.members.isEmpty()) {
                d.warning(g.pos, "virtual_server_group '" + g.name + "' is empty");
            }
        }
        for (VirtualServerDraft v : c.virtualServers) {
            if (v.kind == null) {
                continue; // its head line was already reported
            }
            String key = switch (v.kind) {
                case ADDRESS -> v.protocol + " " + v.address + " " + v.port;
                case FWMARK -> "fwmark " + v.fwmark + (v.ipv6 ? " v6" : "");
                case GROUP -> "group " + v.group;
            };
            VirtualServerDraft first = seen.putIfAbsent(key, v);
            if (first != null) {
                d.error(v.pos, "virtual_server " + label(v) + " is already defined at line " + first.pos.line()
                        + "; merge the two blocks");
            }
            if (v.kind == VirtualServer.Kind.GROUP && !groups.contains(v.group)) {
                d.error(v.pos, "virtual_server group '" + v.group + "' is not defined; add"
                        + " 'virtual_server_group " + v.group + " { ... }'");
            }
            granularity(v);
            if (v.sorry != null && v.kind == VirtualServer.Kind.ADDRESS && v.sorry.value().ipv6() != v.ipv6) {
                d.error(v.sorry.pos(), "sorry_server " + v.sorry.value().show() + " is not of the virtual server's"
                        + " address family; use an " + (v.ipv6 ? "IPv6" : "IPv4") + " address");
            }
            realServers(v);
            if (v.realServers.isEmpty() && v.sorry == null) {
                d.warning(v.pos, "virtual_server " + label(v) + " has no real_server and no sorry_server;"
                        + " it will drop every connection");
            }
            if (v.hysteresis > 0 && v.hysteresis >= v.quorum) {
                d.warning(v.hysteresisPos, "hysteresis " + v.hysteresis + " is not below quorum " + v.quorum
                        + "; quorum_down would need a negative weight, lower hysteresis");
            }
            long totalWeight = v.realServers.stream().mapToLong(r -> r.weight).sum();
            if (v.quorum > 1 && v.quorum > totalWeight && !v.realServers.isEmpty()) {
                d.warning(v.pos, "quorum " + v.quorum + " exceeds the total weight of the real servers ("
                        + totalWeight + "); it can never be met");
            }
        }
    }

    private static String label(VirtualServerDraft v) {
        return switch (v.kind) {
            case ADDRESS -> new Endpoint(v.address, v.port, v.ipv6).show();
            case FWMARK -> "fwmark " + v.fwmark;
            case GROUP -> "group " + v.group;
        };
    }

    private void realServers(VirtualServerDraft v) {
        Map<String, RealServerDraft> seen = new HashMap<>();
        for (RealServerDraft r : v.realServers) {
            RealServerDraft first = seen.putIfAbsent(r.endpoint.show(), r);
            if (first != null) {
                d.error(r.pos, "real_server " + r.endpoint.show() + " is listed twice in virtual_server " + label(v)
                        + " (first at line " + first.pos.line() + "); remove one");
            }
            if (v.kind == VirtualServer.Kind.ADDRESS && r.endpoint.ipv6() != v.ipv6
                    && v.method != VirtualServer.LbMethod.TUN) {
                d.error(r.pos, "real_server " + r.endpoint.show() + " is not of the virtual server's address family;"
                        + " IPVS mixes families only with lb_kind TUN");
            }
            if (v.method == VirtualServer.LbMethod.DR && v.kind == VirtualServer.Kind.ADDRESS
                    && v.port != 0 && r.endpoint.port() != v.port) {
                d.warning(r.pos, "real_server " + r.endpoint.show() + ": lb_kind DR cannot change the port"
                        + " (the real server receives port " + v.port + "); use the same port or lb_kind NAT");
            }
        }
    }

    /** IPv4: a dotted netmask; IPv6: a prefix length 1-128 (ip_vs.h IP_VS_SVC_F... netmask field). */
    private void granularity(VirtualServerDraft v) {
        if (v.granularity == null) {
            return;
        }
        String g = v.granularity;
        if (v.ipv6) {
            if (!g.matches("\\d{1,3}") || Integer.parseInt(g) < 1 || Integer.parseInt(g) > 128) {
                d.error(v.granularityPos, "persistence_granularity '" + g + "' is not an IPv6 prefix length;"
                        + " write a number from 1 to 128");
            }
            return;
        }
        Optional<IpLiteral> mask = IpLiteral.parse(g);
        if (mask.isEmpty() || mask.get().ipv6() || !contiguous(mask.get().bytes())) {
            d.error(v.granularityPos, "persistence_granularity '" + g + "' is not a netmask;"
                    + " write one such as 255.255.255.0");
        }
    }

    private static boolean contiguous(byte[] b) {
        int m = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        int inverted = ~m;
        return (inverted & (inverted + 1)) == 0;
    }

    // ---- zookeeper ------------------------------------------------------------------------

    private void zookeeper() {
        ZooKeeperDraft z = c.zookeeper;
        if (z == null) {
            SourcePos top = new SourcePos(c.source, 1, 1);
            String msg = "no zookeeper { } block; haagent run needs one: add"
                    + " 'zookeeper { connect HOST:2181 }' (see README.md)";
            if (mode == ConfigLoader.Mode.RUN) {
                d.error(top, msg);
            } else if (!c.instances.isEmpty()) {
                d.warning(top, msg);
            }
            return;
        }
        if (z.connect == null) {
            d.error(z.pos, "zookeeper block has no connect; add 'connect HOST:2181[,HOST:2181...]'");
        }
        int negotiated = FenceBudget.negotiate(z.sessionTimeout, z.tickTime);
        SourcePos st = Objects.requireNonNullElse(z.sessionTimeoutPos, z.pos);
        if (negotiated != z.sessionTimeout) {
            d.warning(st, "session_timeout " + z.sessionTimeout + " is outside what a ZooKeeper server with"
                    + " tickTime " + z.tickTime + " grants (" + 2 * z.tickTime + "-" + 20 * z.tickTime
                    + " ms); it will be negotiated to " + negotiated + " ms");
        }
        FenceBudget b = FenceBudget.of(negotiated, z.tickTime);
        if (!b.safe()) {
            d.error(st, "the fence budget leaves a lease of " + b.leaseMs() + " ms (session " + negotiated
                    + " ms minus margin " + b.marginMs() + " ms), below the 1 s minimum; raise session_timeout to at"
                    + " least " + b.minimumSafeSessionTimeoutMs() + " or lower tick_time");
        }
        if (z.authDigestFile != null) {
            Optional<HostFacts.FileFacts> f = host.file(z.authDigestFile.contains("/")
                    ? z.authDigestFile : "./" + z.authDigestFile);
            if (f.isEmpty()) {
                hostProblem(z.authDigestFilePos, "auth_digest_file '" + z.authDigestFile + "' does not exist;"
                        + " create it with one line 'user:password' and chmod 600 it");
            } else if (f.get().openToOthers()) {
                hostProblem(z.authDigestFilePos, "auth_digest_file '" + z.authDigestFile + "' is readable or"
                        + " writable by group or others; chmod 600 it");
            }
        }
    }
}
