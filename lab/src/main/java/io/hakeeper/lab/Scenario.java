package io.hakeeper.lab;

import java.util.Arrays;

/**
 * The faults the bench injects into the VIP's holder, by their bin/lab bench names: what it does,
 * what the lab needs for it, and what the fence promises (the bound the README states).
 */
enum Scenario {
    KILL9("kill9", "kill -9 the holder's daemon", Needs.ANY, Outcome.TAKEOVER),
    SIGSTOP("sigstop", "SIGSTOP the holder's daemon for 3 x the session timeout, then SIGCONT", Needs.ANY,
            Outcome.TAKEOVER),
    ZK_PARTITION("zk-partition", "cut the holder from ZooKeeper only (blackhole routes)", Needs.ANY, Outcome.TAKEOVER),
    GRACEFUL("graceful", "SIGTERM the holder's daemon", Needs.ANY, Outcome.HAND_OVER),
    HEALTH("health", "the holder's vrrp_script starts failing", Needs.ANY, Outcome.HAND_OVER),
    SWITCHOVER("switchover", "hactl switchover (the holder takes the VIP back by preempt)", Needs.ANY,
            Outcome.HAND_OVER),
    SWITCH_BACK("switch-back", "hactl switchover, then hactl switchover --to the old holder at once;"
            + " figures are the switch back", Needs.ANY, Outcome.HAND_OVER),
    ZK_LEADER("zk-leader", "kill -9 the ZooKeeper leader in steady state (3-node ensemble)", Needs.ENSEMBLE,
            Outcome.STAYS),
    ZK_LEADER_HANDOVER("zk-leader-handover", "hactl switchover, and kill -9 the ZooKeeper leader the moment the"
            + " holder has released", Needs.ENSEMBLE, Outcome.HAND_OVER),
    NETEM("netem", "200 ms delay and 20 % loss on the holder's link for 30 s", Needs.ANY, Outcome.EITHER),
    ONE_WAY("one-way", "the holder's link lets nothing in (its adverts still go out)", Needs.ANY, Outcome.TAKEOVER),
    CLOCK_FORWARD("clock+1h", "the holder's wall clock (CLOCK_REALTIME) stepped 1 h forward for 10 s", Needs.ANY,
            Outcome.STAYS),
    CLOCK_BACK("clock-1h", "the holder's wall clock (CLOCK_REALTIME) stepped 1 h back for 10 s", Needs.ANY,
            Outcome.STAYS),
    KILL9_IPV6("kill9-ipv6", "kill -9 the holder's daemon, IPv6 VIP", Needs.IPV6, Outcome.TAKEOVER),
    GRACEFUL_IPV6("graceful-ipv6", "SIGTERM the holder's daemon, IPv6 VIP", Needs.IPV6, Outcome.HAND_OVER);

    /** What the lab must run for the scenario. */
    enum Needs {
        ANY, ENSEMBLE, IPV6
    }

    /** What the fault should lead to. */
    enum Outcome {
        /** The holder is gone or cut off: the successor takes over after the fence's wait. */
        TAKEOVER,
        /** The holder gives the VIP up itself: release, then the successor claims at once. */
        HAND_OVER,
        /** Nothing should move: the holder keeps the VIP. */
        STAYS,
        /** Either, depending on which packets the fault loses. */
        EITHER
    }

    final String id;
    final String what;
    final Needs needs;
    final Outcome outcome;

    Scenario(String id, String what, Needs needs, Outcome outcome) {
        this.id = id;
        this.what = what;
        this.needs = needs;
        this.outcome = outcome;
    }

    /** A hand-over: the holder gives the VIP up itself, so the target is the release-to-successor gap. */
    boolean handOver() {
        return outcome == Outcome.HAND_OVER;
    }

    boolean ipv6() {
        return needs == Needs.IPV6;
    }

    static Scenario byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown scenario '" + id + "'; one of "
                        + String.join(", ", Arrays.stream(values()).map(s -> s.id).toList())));
    }
}
