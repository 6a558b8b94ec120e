package io.hakeeper.agent.ipvs;

import java.util.Locale;

/**
 * Prints a table the way ipvsadm 1.31 does (ipvsadm.c: list_all, print_title, print_service_entry),
 * so {@code haagent ipvs show} reads like {@code ipvsadm -Ln} and tests can compare the two
 * character for character, trailing blanks included. Always numeric (-n): no name lookups.
 *
 * <p>Lines are in {@link IpvsServiceKey} / {@link DestinationKey} order. That is ipvsadm's order
 * except where ipvsadm's signed subtraction misorders: IPv4 addresses (or IPv6 32-bit words)
 * 2^31 or more apart, and tunnelled destinations of mixed families (see {@link IpvsServiceKey}).
 */
public final class IpvsTableFormat {

    private IpvsTableFormat() {
    }

    /** The column sets of {@code ipvsadm -Ln}, {@code -Ln --thresholds} and {@code -Ln --persistent-conn}. */
    public enum Columns { FORWARD, THRESHOLDS, PERSISTENT_CONN }

    /** {@code ipvsadm -Ln} with zero connection counters. */
    public static String list(IpvsTable table, IpvsInfo info) {
        return list(table, info, Columns.FORWARD, DestinationCounters.Lookup.NONE);
    }

    public static String list(IpvsTable table, IpvsInfo info, Columns columns, DestinationCounters.Lookup counters) {
        StringBuilder out = new StringBuilder();
        out.append("IP Virtual Server version ").append(info.versionText())
                .append(" (size=").append(info.connTabSize()).append(")\n");
        out.append(title(columns));
        for (IpvsServiceEntry e : table.services().values()) {
            out.append(serviceLine(e.service())).append('\n');
            for (IpvsDestination d : e.destinations().values()) {
                out.append(destinationLine(d, columns, counters.of(e.key(), d.key())));
            }
        }
        return out.toString();
    }

    /** {@code ipvsadm -Sn}: the table as the commands that rebuild it ({@code ipvsadm -R} reads them). */
    public static String rules(IpvsTable table) {
        StringBuilder out = new StringBuilder();
        for (IpvsServiceEntry e : table.services().values()) {
            IpvsService s = e.service();
            String service = serviceRule(s.key());
            out.append("-A ").append(service).append(" -s ").append(s.scheduler());
            if (s.persistent()) {
                out.append(" -p ").append(Integer.toUnsignedString(s.timeoutSec())).append(maskSuffix(s, " -M "));
            }
            if ((s.flags() & IpvsServiceFlags.IP_VS_SVC_F_ONEPACKET) != 0) {
                out.append(" -o");
            }
            String schedulerFlags = IpvsServiceFlags.schedulerFlagNames(s.scheduler(), s.flags());
            if (!schedulerFlags.isEmpty()) {
                out.append(" -b ").append(schedulerFlags);
            }
            out.append('\n');
            for (IpvsDestination d : e.destinations().values()) {
                out.append("-a ").append(service).append(" -r ").append(d.address().withPort(d.port()))
                        .append(' ').append(d.method().ruleOption()).append(" -w ").append(d.weight());
                if (d.method() == ForwardingMethod.TUNNEL) {
                    out.append(tunnelRule(d.tunnel()));
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String title(Columns columns) {
        return switch (columns) {
            case FORWARD -> "Prot LocalAddress:Port Scheduler Flags\n"
                    + "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n";
            case THRESHOLDS -> String.format(Locale.ROOT, "%-33s %-10s %-10s %-10s %-10s\n  -> RemoteAddress:Port\n",
                    "Prot LocalAddress:Port", "Uthreshold", "Lthreshold", "ActiveConn", "InActConn");
            case PERSISTENT_CONN -> String.format(Locale.ROOT, "%-33s %-9s %-11s %-10s %-10s\n  -> RemoteAddress:Port\n",
                    "Prot LocalAddress:Port", "Weight", "PersistConn", "ActiveConn", "InActConn");
        };
    }

    /** {@code TCP  10.0.0.1:80 wrr (flag-1) persistent 360 mask 255.255.255.0 ops}. */
    private static String serviceLine(IpvsService s) {
        return serviceName(s.key()) + " " + s.settings();
    }

    /** ipvsadm names a service "%-4s %s" (protocol, address:port) or "FWM  %u" [" IPv6"]; IPv4 names are cut at 33 chars. */
    private static String serviceName(IpvsServiceKey key) {
        if (key instanceof IpvsServiceKey.Address a) {
            String name = String.format(Locale.ROOT, "%-4s %s", a.protocol().listName(), a.address().withPort(a.port()));
            return a.family() == AddressFamily.INET6 ? name : cut(name, 33);
        }
        return "FWM  " + Integer.toUnsignedString(key.fwmark()) + (key.family() == AddressFamily.INET6 ? " IPv6" : "");
    }

    /** Only printed when it is not the single-host default, as ipvsadm does. */
    private static String maskSuffix(IpvsService s, String label) {
        if (s.key().family() == AddressFamily.INET) {
            return s.netmask() == PersistenceNetmask.IPV4_SINGLE_HOST ? "" : label + PersistenceNetmask.ipv4Text(s.netmask());
        }
        return s.netmask() == PersistenceNetmask.IPV6_SINGLE_HOST ? "" : label + s.netmask();
    }

    private static String destinationLine(IpvsDestination d, Columns columns, DestinationCounters c) {
        String name = d.address().withPort(d.port());
        if (d.family() != AddressFamily.INET6) {
            name = cut(name, 28);
        }
        return switch (columns) {
            case FORWARD -> String.format(Locale.ROOT, "  -> %-28s %-7s %-6d %-10d %-10d\n",
                    name, d.method().listName(), d.weight(), c.activeConns(), c.inactConns());
            case THRESHOLDS -> String.format(Locale.ROOT, "  -> %-28s %-10s %-10s %-10d %-10d\n", name,
                    Integer.toUnsignedString(d.upperThreshold()), Integer.toUnsignedString(d.lowerThreshold()),
                    c.activeConns(), c.inactConns());
            case PERSISTENT_CONN -> String.format(Locale.ROOT, "  -> %-28s %-9d %-11d %-10d %-10d\n",
                    name, d.weight(), c.persistConns(), c.activeConns(), c.inactConns());
        };
    }

    private static String serviceRule(IpvsServiceKey key) {
        if (key instanceof IpvsServiceKey.Address a) {
            return a.protocol().ruleOption() + " " + a.address().withPort(a.port());
        }
        return "-f " + Integer.toUnsignedString(key.fwmark()) + (key.family() == AddressFamily.INET6 ? " -6" : "");
    }

    /** ipvsadm's print_tunnel_rule. */
    private static String tunnelRule(TunnelOptions t) {
        String checksum = switch (t.flags()) {
            case TunnelOptions.IP_VS_TUNNEL_ENCAP_FLAG_CSUM -> "--tun-csum";
            case TunnelOptions.IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM -> "--tun-remcsum";
            default -> "--tun-nocsum";
        };
        return switch (t.type()) {
            case IPIP -> " --tun-type ipip";
            case GUE -> " --tun-type gue --tun-port " + t.port() + " " + checksum;
            case GRE -> " --tun-type gre " + checksum;
        };
    }

    private static String cut(String s, int length) {
        return s.length() > length ? s.substring(0, length) : s;
    }
}
