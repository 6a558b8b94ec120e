package io.hakeeper.lab;

import io.hakeeper.lab.netns.VipTimeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Locale;

/**
 * {@code bin/lab demo}'s middle part, on the running lab: kill -9 lb01's agent and print the
 * timeline (VIP gone from lb01, on lb02, overlap, the client's failed requests), then restart lb01
 * and show it take the VIP back (preempt). The VIP is the lab's mode's (IPv4, or IPv6 after
 * {@code bin/lab up --ipv6}). Times are address events in the directors' namespaces
 * and the client's requests, on one monotonic clock. Exits 1 when two directors ever had the VIP
 * at once or a takeover did not happen.
 */
public final class LabDemo {

    public static void main(String[] args) throws Exception {
        LabTopology topology = LabTopology.ofRepository();
        LabMode mode = LabMode.read(topology);
        LabControl lab = new LabControl(LabTopology.repositoryRoot());
        boolean ok;
        try (DirectorWatch watch = new DirectorWatch(topology, mode.vip()); ClientProbe client = new ClientProbe(topology, mode)) {
            VipTimeline timeline = watch.timeline;
            long start = System.nanoTime();
            for (String h : lab.holders()) {
                watch.seed(h, start);
            }
            if (!timeline.await(() -> timeline.holds("lb01") && !timeline.holds("lb02"), 60_000)) {
                throw new IllegalStateException("lb01 does not hold the VIP alone:\n" + timeline);
            }
            timeline.await(() -> false, 1000); // a second of the client's requests before the fault
            System.out.println("== kill -9 lb01's agent (lb01 holds the VIP " + mode.vip() + ")");
            long killed = System.nanoTime();
            lab.lab("kill", "lb01", "KILL");
            boolean tookOver = timeline.await(() -> timeline.holds("lb02"), 30_000);
            timeline.await(() -> false, 1000); // a second of the client's requests after
            long t1 = timeline.firstRemovedAfter("lb01", killed).orElse(Long.MAX_VALUE);
            long t2 = timeline.firstAddedAfter("lb02", killed).orElse(Long.MAX_VALUE);
            print(killed, "kill -9 lb01's agent");
            print(killed, t1, "VIP gone from lb01 (its kernel lease ran out: nobody renewed it)");
            print(killed, t2, "VIP on lb02 (lb01's ZooKeeper session expired; lb02 claimed)");
            clientLine(client.between(killed, System.nanoTime()), killed);
            System.out.printf(Locale.ROOT, "  overlap %.0f ms (two directors with the VIP at once)%n",
                    timeline.longestOverlapNanos() / 1e6);

            System.out.println();
            System.out.println("== restart lb01's agent: it rejoins and, with preempt (priority 150 > 100,"
                    + " preempt_delay 2 s), takes the VIP back");
            long restarted = System.nanoTime();
            lab.lab("stop", "lb01");
            lab.lab("start", "lb01");
            boolean back = timeline.await(() -> timeline.holds("lb01") && !timeline.holds("lb02"), 60_000);
            timeline.await(() -> false, 500);
            print(restarted, "lb01's agent started");
            print(restarted, timeline.firstRemovedAfter("lb02", restarted).orElse(Long.MAX_VALUE),
                    "VIP gone from lb02 (it yields to the preempting lb01)");
            print(restarted, timeline.firstAddedAfter("lb01", restarted).orElse(Long.MAX_VALUE), "VIP on lb01");
            clientLine(client.between(restarted, System.nanoTime()), restarted);
            double overlap = timeline.longestOverlapNanos() / 1e6;
            System.out.printf(Locale.ROOT, "  overlap %.0f ms over the whole demo%n", overlap);
            ok = tookOver && back && overlap == 0;
        }
        System.exit(ok ? 0 : 1);
    }

    private static void print(long since, String what) {
        print(since, since, what);
    }

    private static void print(long since, long at, String what) {
        if (at == Long.MAX_VALUE) {
            System.out.println("  (never)    " + what);
        } else {
            System.out.printf(Locale.ROOT, "  +%6.0f ms  %s%n", (at - since) / 1e6, what);
        }
    }

    /** The client's view: which node answered before and after, and the requests that failed in between. */
    private static void clientLine(List<ClientProbe.Request> requests, long since) {
        long failed = requests.stream().filter(r -> !r.ok()).count();
        ClientProbe.Request firstFail = requests.stream().filter(r -> !r.ok()).findFirst().orElse(null);
        ClientProbe.Request lastFail = requests.stream().filter(r -> !r.ok()).reduce((a, b) -> b).orElse(null);
        System.out.printf(Locale.ROOT, "  client (GET http://VIP/ every %d ms): %d of %d requests failed%s; answers: %s%n",
                ClientProbe.INTERVAL_MS, failed, requests.size(),
                firstFail == null ? "" : String.format(Locale.ROOT, " (from +%.0f to +%.0f ms)",
                        (firstFail.nanos() - since) / 1e6, (lastFail.nanos() - since) / 1e6),
                answers(requests));
    }

    /**
     * The runs of answered and failed requests, each answered run with the nodes that answered:
     * "lb01 x18, failed x17, lb02 x19" (or "web01/web02 x40" where IPVS spreads the requests).
     */
    static String answers(List<ClientProbe.Request> requests) {
        List<String> runs = new ArrayList<>();
        Set<String> nodes = new TreeSet<>();
        int n = 0;
        Boolean ok = null;
        for (ClientProbe.Request r : requests) {
            if (ok != null && r.ok() != ok) {
                runs.add((ok ? String.join("/", nodes) : "failed") + " x" + n);
                nodes.clear();
                n = 0;
            }
            ok = r.ok();
            n++;
            if (r.ok()) {
                nodes.add(r.answeredBy());
            }
        }
        if (ok != null) {
            runs.add((ok ? String.join("/", nodes) : "failed") + " x" + n);
        }
        return String.join(", ", runs);
    }
}
