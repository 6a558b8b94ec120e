package io.hakeeper.agent.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The benchmark shape, in memory: 1,000 services x 10 destinations from an empty kernel,
 * then a change to 10 % of the services. Op counts are asserted; times are only printed.
 */
class ReconcilerScaleTest {

    private static final int SERVICES = 1000;
    private static final int DESTINATIONS = 10;

    private static IpvsServiceKey key(int i, int port) {
        return IpvsServiceKey.of(IpvsProtocol.TCP, "10.1." + (i / 250) + "." + (i % 250 + 1), port);
    }

    private static IpvsDestination dest(int i, int j, int weight) {
        return IpvsDestination.of("172.16." + (i % 256) + "." + (j + 1), 8080, ForwardingMethod.MASQ, weight);
    }

    private static IpvsServiceEntry entry(int i, int port, String scheduler) {
        List<IpvsDestination> dests = new ArrayList<>();
        for (int j = 0; j < DESTINATIONS; j++) {
            dests.add(dest(i, j, 1));
        }
        IpvsService s = i % 2 == 0 ? IpvsService.persistent(key(i, port), scheduler, 300) : IpvsService.of(key(i, port), scheduler);
        return IpvsServiceEntry.of(s, dests);
    }

    /** Every 10th service changed, in four ways in turn. */
    private static IpvsTable changed(IpvsTable full) {
        IpvsTable t = full;
        for (int i = 0; i < SERVICES; i += 10) {
            IpvsServiceEntry e = t.entry(key(i, 80));
            switch ((i / 10) % 4) {
                case 0 -> t = t.with(e.withService(e.service().withScheduler("rr")));
                case 1 -> {
                    for (int j = 0; j < DESTINATIONS; j++) {
                        e = e.withDestination(dest(i, j, 5));
                    }
                    t = t.with(e);
                }
                case 2 -> t = t.with(e.withoutDestination(dest(i, 0, 1).key()).withoutDestination(dest(i, 1, 1).key())
                        .withDestination(IpvsDestination.of("172.17." + (i % 256) + ".1", 8080, ForwardingMethod.MASQ, 1))
                        .withDestination(IpvsDestination.of("172.17." + (i % 256) + ".2", 8080, ForwardingMethod.MASQ, 1)));
                default -> t = t.without(e.key()).with(entry(i, 8080, "wlc"));
            }
        }
        return t;
    }

    private static Map<String, Integer> counts(List<IpvsOp> ops) {
        Map<String, Integer> n = new TreeMap<>();
        ops.forEach(op -> n.merge(op.getClass().getSimpleName(), 1, Integer::sum));
        return n;
    }

    /** Runs {@code diff} five times and reports the first and the best time in milliseconds. */
    private static List<IpvsOp> timed(String what, Supplier<List<IpvsOp>> diff) {
        long first = 0;
        long best = Long.MAX_VALUE;
        List<IpvsOp> ops = null;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            ops = diff.get();
            long took = System.nanoTime() - t0;
            first = i == 0 ? took : first;
            best = Math.min(best, took);
        }
        System.out.printf("%s: %d ops %s, diff %.1f ms first run, %.1f ms best of 5%n", what, ops.size(), counts(ops),
                first / 1e6, best / 1e6);
        return ops;
    }

    @Test
    void thousandServicesOfTenDestinationsFromEmptyThenTenPercentChanged() {
        List<IpvsServiceEntry> entries = new ArrayList<>();
        for (int i = 0; i < SERVICES; i++) {
            entries.add(entry(i, 80, "wlc"));
        }
        IpvsTable full = IpvsTable.of(entries);

        List<IpvsOp> create = timed("1000x10 from empty", () -> Reconciler.diff(full, IpvsTable.EMPTY, full.keys()));
        assertEquals(Map.of("NewService", 1000, "NewDest", 10000), counts(create));
        long t0 = System.nanoTime();
        IpvsTable kernel = KernelModel.applyStock(create, IpvsTable.EMPTY);
        long applied = System.nanoTime() - t0;
        assertEquals(full, kernel);
        List<List<IpvsOp>> batches = Reconciler.batches(create, 1000);
        System.out.printf("  in-memory apply %.1f ms; %d batches of <= 1000 ops%n", applied / 1e6, batches.size());
        assertEquals(12, batches.size(), "90 whole services (990 ops) per batch");
        assertEquals(List.of(), Reconciler.diff(full, kernel, full.keys()));

        IpvsTable next = changed(full);
        Set<IpvsServiceKey> owned = new HashSet<>(full.keys());
        owned.addAll(next.keys());
        List<IpvsOp> change = timed("10% of 1000x10 changed", () -> Reconciler.diff(next, kernel, owned));
        assertEquals(Map.of("EditService", 25, "EditDest", 250, "NewDest", 300, "DeleteDest", 50,
                "DeleteService", 25, "NewService", 25), counts(change));
        IpvsTable after = KernelModel.applyStock(change, kernel);
        assertEquals(next, after);
        assertEquals(List.of(), Reconciler.diff(next, after, owned));
        System.out.printf("  %d batches of <= 100 ops%n", Reconciler.batches(change, 100).size());
    }
}
