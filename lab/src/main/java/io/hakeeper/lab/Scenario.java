package io.hakeeper.lab;

import java.util.Arrays;

/** The faults the bench injects into the VIP's holder, by their bin/lab bench names. */
enum Scenario {
    KILL9("kill9", "kill -9 the holder's daemon"),
    SIGSTOP("sigstop", "SIGSTOP the holder's daemon (SIGCONT after the takeover)"),
    ZK_PARTITION("zk-partition", "cut the holder from ZooKeeper only (blackhole route)"),
    GRACEFUL("graceful", "SIGTERM the holder's daemon"),
    HEALTH("health", "the holder's vrrp_script starts failing"),
    SWITCHOVER("switchover", "hactl switchover");

    final String id;
    final String what;

    Scenario(String id, String what) {
        this.id = id;
        this.what = what;
    }

    /** A hand-over: the holder gives the VIP up itself, so the target is the release-to-successor gap. */
    boolean handOver() {
        return this == GRACEFUL || this == HEALTH || this == SWITCHOVER;
    }

    static Scenario byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown scenario '" + id + "'; one of "
                        + String.join(", ", Arrays.stream(values()).map(s -> s.id).toList())));
    }
}
