package io.hakeeper.agent.ipvs;

import io.hakeeper.common.config.model.Endpoint;
import io.hakeeper.common.config.model.KeepalivedConfig;
import io.hakeeper.common.config.model.RealServer;
import io.hakeeper.common.config.model.VirtualServer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The IPVS table a config asks for, given what the checkers say: a pure function of
 * (config, verdicts, previous quorum states). Semantics follow keepalived.conf(5), "LVS
 * CONFIGURATION":
 *
 * <ul>
 *   <li><b>Liveness.</b> A real server is up when its last verdict is {@link Verdict.Up}, and
 *       down on {@link Verdict.Down}. Without a verdict yet it is up, unless the virtual server
 *       has {@code alpha} ("On daemon startup assume that all RSs are down and healthchecks
 *       failed"). A real server with no checkers is always up: nothing would ever bring it up.</li>
 *   <li><b>Weight.</b> The configured {@code weight}, or the one a MISC_CHECK {@code misc_dynamic}
 *       reported in its verdict.</li>
 *   <li><b>inhibit_on_failure</b> (the real server's, else the virtual server's): a down server
 *       stays in the table with weight 0 instead of being removed, so its connections drain.</li>
 *   <li><b>quorum / hysteresis</b>: see {@link Quorum}. The live weight is the sum of the weights
 *       of the live servers. A change is reported as a {@link QuorumTransition} so the caller
 *       runs {@code quorum_up} / {@code quorum_down}; a first evaluation that finds the quorum
 *       down is reported too (atStart), one that finds it up is not.</li>
 *   <li><b>sorry_server</b>: "RS to add to LVS topology when the quorum isn't achieved. If a
 *       sorry server is configured, all real servers will be brought down when the quorum is not
 *       achieved." So while the quorum is down (with the default quorum 1: while no real server
 *       is up) the sorry server is in the table at weight 1, and every real server is out (or at
 *       weight 0 under inhibit_on_failure). Without a sorry server, losing the quorum changes
 *       only what the scripts are told.</li>
 *   <li><b>sorry_server_inhibit</b> "applies inhibit_on_failure behaviour to the sorry_server": it
 *       stays in the table at weight 0 while not in use. A sorry server at the same address and
 *       port as a real server replaces it while in use and yields to it otherwise.</li>
 *   <li><b>persistence_timeout</b> makes the service persistent (the model already turned a bare
 *       keyword into 360 s). {@code persistence_granularity} alone also makes it persistent for
 *       360 s, as keepalived does; it sets the netmask (see {@link PersistenceNetmask}).</li>
 *   <li><b>lb_kind</b> NAT, DR, TUN: Masq, Route, Tunnel (IPIP). For DR and TUN on services with
 *       an address the destination port is the service's, as {@code ipvsadm -a} sets it, since
 *       neither method can rewrite the port.</li>
 *   <li><b>uthreshold / lthreshold</b> are copied to every destination of the real server.</li>
 *   <li><b>omega</b> only matters at shutdown: see {@link ShutdownNotices#of}.</li>
 * </ul>
 *
 * <p>Services do not depend on health: a virtual server's services are always in the table, so
 * the owned keys of a config are {@code build(config, ...).table().keys()} whatever the verdicts.
 */
public final class DesiredState {

    private DesiredState() {
    }

    /**
     * @param table       what the kernel should hold for this config
     * @param quorum      every virtual server's quorum state, by {@link RealServerId#virtualServerName};
     *                    pass it back as {@code previousQuorum} next time
     * @param live        the real servers counted as up
     * @param transitions quorum changes since {@code previousQuorum}, in config order
     * @param warnings    config facts that change what is programmed, for the log
     */
    public record Result(IpvsTable table, Map<String, QuorumState> quorum, Set<RealServerId> live,
                         List<QuorumTransition> transitions, List<String> warnings) {

        public Result {
            quorum = Collections.unmodifiableMap(new LinkedHashMap<>(quorum));
            live = Collections.unmodifiableSet(new LinkedHashSet<>(live));
            transitions = List.copyOf(transitions);
            warnings = List.copyOf(warnings);
        }

        /** The services this config owns: every service it describes. */
        public Set<IpvsServiceKey> owned() {
            return table.keys();
        }
    }

    /** The desired state on a first evaluation, with no quorum history. */
    public static Result build(KeepalivedConfig config, RealServerHealth health) {
        return build(config, health, Map.of());
    }

    public static Result build(KeepalivedConfig config, RealServerHealth health, Map<String, QuorumState> previousQuorum) {
        TreeMap<IpvsServiceKey, IpvsServiceEntry> services = new TreeMap<>();
        Map<IpvsServiceKey, String> ownerOf = new TreeMap<>();
        Map<String, QuorumState> quorum = new LinkedHashMap<>();
        Set<RealServerId> live = new LinkedHashSet<>();
        List<QuorumTransition> transitions = new ArrayList<>();
        Set<String> warnings = new LinkedHashSet<>();

        for (VirtualServer vs : config.virtualServers()) {
            String name = RealServerId.virtualServerName(vs);
            Map<RealServer, Integer> liveWeights = new IdentityHashMap<>();
            long liveWeight = 0;
            for (RealServer rs : vs.realServers()) {
                Optional<Integer> weight = liveWeight(vs, rs, health);
                if (weight.isPresent()) {
                    liveWeights.put(rs, weight.get());
                    live.add(RealServerId.of(vs, rs));
                    liveWeight += weight.get();
                }
            }
            QuorumState before = previousQuorum.get(name);
            QuorumState now = before == null
                    ? Quorum.atStart(liveWeight, vs.quorum(), vs.hysteresis())
                    : Quorum.next(before, liveWeight, vs.quorum(), vs.hysteresis());
            quorum.put(name, now);
            if (before == null ? now == QuorumState.DOWN : now != before) {
                long threshold = Quorum.threshold(before == null ? QuorumState.DOWN : before, vs.quorum(), vs.hysteresis());
                transitions.add(new QuorumTransition(name, now, liveWeight, threshold, before == null,
                        now == QuorumState.UP ? vs.quorumUp() : vs.quorumDown()));
            }
            boolean sorryInUse = vs.sorryServer() != null && now == QuorumState.DOWN;

            for (IpvsServiceKey key : VirtualServerKeys.of(vs, config, warnings)) {
                String owner = ownerOf.putIfAbsent(key, name);
                if (owner != null) {
                    warnings.add("virtual_server " + name + ": service " + key + " is already programmed for "
                            + owner + "; keeping that one");
                    continue;
                }
                services.put(key, IpvsServiceEntry.of(service(key, vs, name, warnings),
                        destinations(key, vs, name, liveWeights, sorryInUse, warnings)));
            }
        }
        return new Result(new IpvsTable(services), quorum, live, transitions, new ArrayList<>(warnings));
    }

    /** The weight a live real server carries, or empty when it is down. */
    private static Optional<Integer> liveWeight(VirtualServer vs, RealServer rs, RealServerHealth health) {
        if (rs.checkers().isEmpty()) {
            return Optional.of(rs.weight());
        }
        Optional<Verdict> verdict = health.verdict(RealServerId.of(vs, rs));
        if (verdict.isEmpty()) {
            return vs.alpha() ? Optional.empty() : Optional.of(rs.weight());
        }
        if (verdict.get() instanceof Verdict.Up up) {
            return Optional.of(up.weight().orElse(rs.weight()));
        }
        return Optional.empty();
    }

    private static IpvsService service(IpvsServiceKey key, VirtualServer vs, String name, Collection<String> warnings) {
        Integer timeout = vs.persistenceTimeoutSec();
        if (timeout == null && vs.persistenceGranularity() != null) {
            timeout = VirtualServer.DEFAULT_PERSISTENCE_TIMEOUT_SEC;
        }
        if (timeout == null) {
            return IpvsService.of(key, vs.scheduler());
        }
        int netmask = PersistenceNetmask.singleHost(key.family());
        if (vs.persistenceGranularity() != null) {
            try {
                netmask = PersistenceNetmask.parse(vs.persistenceGranularity(), key.family());
            } catch (IllegalArgumentException e) {
                warnings.add("virtual_server " + name + ": persistence_granularity " + vs.persistenceGranularity()
                        + " does not fit " + key + " (" + e.getMessage() + "); using per-client persistence");
            }
        }
        return new IpvsService(key, vs.scheduler(), IpvsServiceFlags.IP_VS_SVC_F_PERSISTENT, timeout, netmask);
    }

    private static List<IpvsDestination> destinations(IpvsServiceKey key, VirtualServer vs, String name,
                                                      Map<RealServer, Integer> liveWeights, boolean sorryInUse,
                                                      Collection<String> warnings) {
        ForwardingMethod method = ForwardingMethod.of(vs.method());
        Map<DestinationKey, IpvsDestination> out = new LinkedHashMap<>();
        for (RealServer rs : vs.realServers()) {
            boolean inhibit = rs.inhibitOnFailure() != null ? rs.inhibitOnFailure() : vs.inhibitOnFailure();
            Integer weight = sorryInUse ? null : liveWeights.get(rs);
            if (weight == null && !inhibit) {
                continue;
            }
            if (Integer.toUnsignedLong(rs.lowerThreshold()) > Integer.toUnsignedLong(rs.upperThreshold())) {
                warnings.add("virtual_server " + name + ": real_server " + rs.endpoint().show() + " has lthreshold "
                        + rs.lowerThreshold() + " above uthreshold " + rs.upperThreshold()
                        + "; the kernel refuses that (ERANGE): set uthreshold to at least " + rs.lowerThreshold());
            }
            IpvsDestination d = destination(key, name, rs.endpoint(), method, weight == null ? 0 : weight,
                    rs.upperThreshold(), rs.lowerThreshold(), warnings);
            if (d != null && out.putIfAbsent(d.key(), d) != null) {
                warnings.add("virtual_server " + name + ": real_server " + rs.endpoint().show() + " is destination "
                        + d.key() + " of " + key + " like an earlier one; keeping the first");
            }
        }
        Endpoint sorry = vs.sorryServer();
        if (sorry != null && (sorryInUse || vs.sorryServerInhibit())) {
            IpvsDestination d = destination(key, name, sorry, method, sorryInUse ? 1 : 0, 0, 0, warnings);
            if (d != null && sorryInUse) {
                out.put(d.key(), d);
            } else if (d != null) {
                out.putIfAbsent(d.key(), d);
            }
        }
        return new ArrayList<>(out.values());
    }

    /** The destination for {@code endpoint} under {@code key}, or null when the kernel would refuse the families. */
    private static IpvsDestination destination(IpvsServiceKey key, String name, Endpoint endpoint,
                                               ForwardingMethod method, int weight, int upper, int lower,
                                               Collection<String> warnings) {
        IpAddress address = IpAddress.parse(endpoint.address());
        if (address.family() != key.family() && method != ForwardingMethod.TUNNEL) {
            warnings.add("virtual_server " + name + ": " + endpoint.show() + " is not of the address family of "
                    + key + ", and only lb_kind TUN mixes families; it is left out of that service");
            return null;
        }
        int port = endpoint.port();
        if (key instanceof IpvsServiceKey.Address a
                && (method == ForwardingMethod.DROUTE || method == ForwardingMethod.TUNNEL)) {
            port = a.port();
        }
        return new IpvsDestination(address, port, method, weight, upper, lower, TunnelOptions.IPIP);
    }
}
