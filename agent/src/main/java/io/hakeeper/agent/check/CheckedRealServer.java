package io.hakeeper.agent.check;

import io.hakeeper.agent.check.probe.ProbeTarget;
import io.hakeeper.agent.ipvs.RealServerId;
import io.hakeeper.agent.ipvs.Verdict;
import io.hakeeper.common.check.CheckerPolicy;
import io.hakeeper.common.check.RealServerVerdict;
import io.hakeeper.common.config.model.Checker;
import io.hakeeper.common.config.model.RealServer;
import io.hakeeper.common.config.model.VirtualServer;
import io.hakeeper.common.zk.RealServerView;
import io.hakeeper.common.zk.VirtualServerKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * One checked real server: its config, its checks' targets, and the pure verdict they feed. The
 * verdict is guarded by this object's monitor, since a runner may complete two of its checkers on
 * different threads.
 */
final class CheckedRealServer {

    final RealServerId id;
    final VirtualServerKey virtualServerKey;
    final RealServer config;
    final boolean alpha;
    final List<ProbeTarget> targets;
    final RealServerVerdict verdict;
    /** Wall-clock ms of the last change of up/down (for the ZooKeeper record). */
    long sinceMs;

    CheckedRealServer(VirtualServer vs, RealServer rs, long nowMs) {
        this.id = RealServerId.of(vs, rs);
        this.virtualServerKey = VirtualServerKey.of(vs);
        this.config = rs;
        this.alpha = vs.alpha();
        InetSocketAddress address = socketAddress(rs);
        List<ProbeTarget> t = new ArrayList<>();
        List<CheckerPolicy> policies = new ArrayList<>();
        for (Checker c : rs.checkers()) {
            t.add(new ProbeTarget(withDelayLoop(c, vs.delayLoopSec()), address, vs.label()));
            policies.add(CheckerPolicy.of(c, vs.delayLoopSec()));
        }
        this.targets = List.copyOf(t);
        this.verdict = new RealServerVerdict(policies, rs.weight(), vs.alpha());
        this.sinceMs = nowMs;
    }

    /**
     * A MISC_CHECK without misc_timeout times out after its delay_loop (keepalived.conf(5)); the probe
     * sees only the checker, so the virtual server's delay_loop is filled in when the checker has none.
     */
    static Checker withDelayLoop(Checker c, int virtualServerDelayLoopSec) {
        if (c instanceof Checker.Misc m && m.connection().delayLoopSec() == null) {
            return new Checker.Misc(m.connection().withDelayLoopSec(virtualServerDelayLoopSec), m.command(),
                    m.timeoutSec(), m.dynamic(), m.user(), m.group());
        }
        return c;
    }

    /** The same real server with the same checks: a reload keeps its state (keepalived does not re-add failed ones). */
    boolean sameChecks(VirtualServer vs, RealServer rs) {
        return RealServerId.of(vs, rs).equals(id) && rs.equals(config) && vs.alpha() == alpha && samePolicies(vs);
    }

    private boolean samePolicies(VirtualServer vs) {
        for (int i = 0; i < config.checkers().size(); i++) {
            if (!CheckerPolicy.of(config.checkers().get(i), vs.delayLoopSec()).equals(verdict.policy(i))) {
                return false;
            }
        }
        return true;
    }

    String key(int checker) {
        return id + " #" + checker + " " + config.checkers().get(checker).keyword();
    }

    synchronized Verdict current() {
        if (!verdict.alive()) {
            return Verdict.down();
        }
        return verdict.dynamicWeight().isPresent() ? Verdict.up(verdict.weight()) : Verdict.up();
    }

    synchronized RealServerView.RealServer view() {
        boolean up = verdict.alive();
        return new RealServerView.RealServer(config.endpoint().address(), config.endpoint().port(), up,
                up ? verdict.weight() : 0, verdict.reason(), sinceMs);
    }

    private static InetSocketAddress socketAddress(RealServer rs) {
        try {
            // An IP literal: getByName parses it without a lookup.
            return new InetSocketAddress(InetAddress.getByName(rs.endpoint().address()), rs.endpoint().port());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("real_server " + rs.endpoint().show() + " is not an IP address", e);
        }
    }
}
