package io.hakeeper.common.config;

import io.hakeeper.common.config.GlobalGrammar.FenceDraft;
import io.hakeeper.common.config.GlobalGrammar.GlobalDraft;
import io.hakeeper.common.config.GlobalGrammar.ZooKeeperDraft;
import io.hakeeper.common.config.LvsGrammar.GroupDraft;
import io.hakeeper.common.config.LvsGrammar.VirtualServerDraft;
import io.hakeeper.common.config.VrrpGrammar.InstanceDraft;
import io.hakeeper.common.config.VrrpGrammar.ScriptDraft;
import io.hakeeper.common.config.VrrpGrammar.SyncGroupDraft;
import io.hakeeper.common.config.VrrpGrammar.TrackFileDraft;
import io.hakeeper.common.config.grammar.Args;
import io.hakeeper.common.config.grammar.BlockSpec;
import io.hakeeper.common.config.grammar.IpLiteral;
import io.hakeeper.common.config.grammar.Keyword.BlockUse;
import io.hakeeper.common.config.model.KeepalivedConfig;
import io.hakeeper.common.config.model.VirtualServer;
import java.util.ArrayList;
import java.util.List;

/** The top level of keepalived.conf, and the list of every block kind (for "belongs in" hints). */
final class TopGrammar {

    private TopGrammar() {
    }

    /** Everything read so far, with positions, before validation turns it into a model. */
    static final class ConfigDraft {
        final String source;
        final GlobalDraft global = new GlobalDraft();
        final List<ScriptDraft> scripts = new ArrayList<>();
        final List<TrackFileDraft> trackFiles = new ArrayList<>();
        final List<InstanceDraft> instances = new ArrayList<>();
        final List<SyncGroupDraft> syncGroups = new ArrayList<>();
        final List<GroupDraft> groups = new ArrayList<>();
        final List<VirtualServerDraft> virtualServers = new ArrayList<>();
        ZooKeeperDraft zookeeper;
        final FenceDraft fence = new FenceDraft();

        ConfigDraft(String source) {
            this.source = source;
        }

        KeepalivedConfig build() {
            var g = global.build();
            return new KeepalivedConfig(source, g,
                    scripts.stream().map(ScriptDraft::build).toList(),
                    trackFiles.stream().map(TrackFileDraft::build).toList(),
                    instances.stream().map(i -> i.build(g.garp())).toList(),
                    syncGroups.stream().map(SyncGroupDraft::build).toList(),
                    groups.stream().map(d -> new io.hakeeper.common.config.model.VirtualServerGroup(d.name, d.members))
                            .toList(),
                    virtualServers.stream().map(VirtualServerDraft::build).toList(),
                    zookeeper == null ? null : zookeeper.build(),
                    fence.build());
        }
    }

    static final BlockSpec<ConfigDraft> TOP = new BlockSpec<ConfigDraft>("top level", "at top level")
            .block("global_defs", "", (c, a) -> {
                c.global.pos = a.pos();
                a.block(GlobalGrammar.GLOBAL_DEFS, c.global);
            })
            .many("vrrp_script", "NAME", BlockUse.REQUIRED,
                    (c, a) -> c.scripts.add(a.block(VrrpGrammar.VRRP_SCRIPT, new ScriptDraft(a.word(0), a.pos(0)))))
            .many("vrrp_track_file", "NAME", BlockUse.REQUIRED, (c, a) ->
                    c.trackFiles.add(a.block(VrrpGrammar.VRRP_TRACK_FILE, new TrackFileDraft(a.word(0), a.pos(0)))))
            .many("vrrp_instance", "NAME", BlockUse.REQUIRED, (c, a) ->
                    c.instances.add(a.block(VrrpGrammar.VRRP_INSTANCE, new InstanceDraft(a.word(0), a.pos(0)))))
            .many("vrrp_sync_group", "NAME", BlockUse.REQUIRED, (c, a) ->
                    c.syncGroups.add(a.block(VrrpGrammar.VRRP_SYNC_GROUP, new SyncGroupDraft(a.word(0), a.pos(0)))))
            .many("virtual_server_group", "NAME", BlockUse.REQUIRED, (c, a) ->
                    c.groups.add(a.block(LvsGrammar.VIRTUAL_SERVER_GROUP, new GroupDraft(a.word(0), a.pos(0)))))
            .many("virtual_server", "ADDRESS|fwmark|group PORT|N|NAME", BlockUse.REQUIRED,
                    (c, a) -> c.virtualServers.add(a.block(LvsGrammar.VIRTUAL_SERVER, virtualServerHead(a))))
            .block("zookeeper", "", (c, a) -> {
                c.zookeeper = new ZooKeeperDraft();
                c.zookeeper.pos = a.pos();
                a.block(GlobalGrammar.ZOOKEEPER, c.zookeeper);
            })
            .block("fence", "", (c, a) -> a.block(GlobalGrammar.FENCE, c.fence))
            .ignored("static_ipaddress", "", BlockUse.REQUIRED,
                    "'static_ipaddress' is not supported by hakeeper and is ignored; configure those addresses"
                            + " with the system's network configuration")
            .ignored("static_routes", "", BlockUse.REQUIRED,
                    "'static_routes' is not supported by hakeeper and is ignored")
            .ignored("static_rules", "", BlockUse.REQUIRED,
                    "'static_rules' is not supported by hakeeper and is ignored")
            .ignored("linkbeat_use_polling", "", BlockUse.NONE,
                    "'linkbeat_use_polling' is ignored: hakeeper follows link state through netlink");

    /** {@code virtual_server IP PORT}, {@code virtual_server fwmark N} or {@code virtual_server group NAME}. */
    private static VirtualServerDraft virtualServerHead(Args a) {
        VirtualServerDraft v = new VirtualServerDraft(a.pos());
        String usage = "virtual_server ADDRESS PORT { ... }, virtual_server fwmark N { ... }"
                + " or virtual_server group NAME { ... }";
        if (a.count() != 2) {
            throw a.bad(a.count() > 2 ? 2 : 0, "virtual_server takes two arguments; write " + usage);
        }
        switch (a.word(0)) {
            case "fwmark" -> {
                v.kind = VirtualServer.Kind.FWMARK;
                v.fwmark = a.integer(1, 1, Integer.MAX_VALUE);
            }
            case "group" -> {
                v.kind = VirtualServer.Kind.GROUP;
                v.group = a.word(1);
            }
            default -> {
                IpLiteral ip = a.address(0);
                v.kind = VirtualServer.Kind.ADDRESS;
                v.address = ip.text();
                v.ipv6 = ip.ipv6();
                v.port = a.port(1);
            }
        }
        return v;
    }

    /** Every block kind, so that a misplaced keyword can be told where it belongs. */
    static final List<BlockSpec<?>> ALL = List.of(TOP,
            GlobalGrammar.GLOBAL_DEFS, GlobalGrammar.ZOOKEEPER, GlobalGrammar.FENCE,
            VrrpGrammar.VRRP_SCRIPT, VrrpGrammar.VRRP_TRACK_FILE, VrrpGrammar.VRRP_INSTANCE, VrrpGrammar.AUTHENTICATION,
            VrrpGrammar.VRRP_SYNC_GROUP,
            LvsGrammar.VIRTUAL_SERVER, LvsGrammar.REAL_SERVER, LvsGrammar.URL,
            LvsGrammar.TCP_CHECK, LvsGrammar.HTTP_GET, LvsGrammar.SSL_GET, LvsGrammar.MISC_CHECK,
            LvsGrammar.SMTP_CHECK, LvsGrammar.DNS_CHECK, LvsGrammar.UDP_CHECK, LvsGrammar.PING_CHECK);
}
