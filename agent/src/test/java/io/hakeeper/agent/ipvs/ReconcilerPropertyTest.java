package io.hakeeper.agent.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Random desired and actual tables over a small universe, so that they overlap, differ in every
 * attribute, and hold foreign services: the reconciler's promises must hold for all of them.
 */
class ReconcilerPropertyTest {

    private static final int RUNS = 2000;
    private static final List<String> SCHEDULERS = List.of("rr", "wrr", "lc", "sh");

    private static final List<IpvsServiceKey> SERVICES = List.of(
            IpvsServiceKey.of(IpvsProtocol.TCP, "10.0.0.1", 80),
            IpvsServiceKey.of(IpvsProtocol.TCP, "10.0.0.1", 443),
            IpvsServiceKey.of(IpvsProtocol.UDP, "10.0.0.1", 53),
            IpvsServiceKey.of(IpvsProtocol.SCTP, "10.0.0.2", 3868),
            IpvsServiceKey.of(IpvsProtocol.TCP, "2001:db8::1", 80),
            IpvsServiceKey.fwmark(AddressFamily.INET, 7),
            IpvsServiceKey.fwmark(AddressFamily.INET6, 7),
            IpvsServiceKey.of(IpvsProtocol.TCP, "192.168.0.1", 0));

    private static IpvsService service(Random r, IpvsServiceKey key) {
        IpvsService s = IpvsService.of(key, SCHEDULERS.get(r.nextInt(SCHEDULERS.size())));
        if (r.nextBoolean()) {
            int mask = key.family() == AddressFamily.INET ? (r.nextBoolean() ? 0xFFFFFF00 : 0xFFFFFFFF)
                    : (r.nextBoolean() ? 64 : 128);
            s = s.withPersistence(r.nextBoolean() ? 300 : 360, mask);
        }
        if (r.nextInt(4) == 0) {
            s = s.withFlags(s.flags() | IpvsServiceFlags.IP_VS_SVC_F_SCHED1);
        }
        return s;
    }

    private static IpvsDestination destination(Random r, IpvsServiceKey key) {
        boolean otherFamily = r.nextInt(6) == 0;
        boolean v6 = (key.family() == AddressFamily.INET6) != otherFamily;
        String address = v6 ? "2001:db8:1::" + (1 + r.nextInt(4)) : "10.0.1." + (1 + r.nextInt(4));
        ForwardingMethod method = otherFamily ? ForwardingMethod.TUNNEL
                : List.of(ForwardingMethod.MASQ, ForwardingMethod.DROUTE, ForwardingMethod.TUNNEL).get(r.nextInt(3));
        int upper = r.nextInt(3) * 100;
        return new IpvsDestination(IpAddress.parse(address), 80 + r.nextInt(2), method, r.nextInt(3),
                upper, upper / 2, TunnelOptions.IPIP);
    }

    private static IpvsTable table(Random r) {
        List<IpvsServiceEntry> entries = new ArrayList<>();
        for (IpvsServiceKey key : SERVICES) {
            if (r.nextInt(3) == 0) {
                continue;
            }
            List<IpvsDestination> dests = new ArrayList<>();
            Set<DestinationKey> seen = new HashSet<>();
            for (int i = r.nextInt(5); i > 0; i--) {
                IpvsDestination d = destination(r, key);
                if (seen.add(d.key())) {
                    dests.add(d);
                }
            }
            entries.add(IpvsServiceEntry.of(service(r, key), dests));
        }
        return IpvsTable.of(entries);
    }

    @Test
    void applyingTheDiffYieldsDesiredOnManagedKeysLeavesForeignOnesAndConverges() {
        Random r = new Random(20240905L);
        long ops = 0;
        for (int run = 0; run < RUNS; run++) {
            IpvsTable desired = table(r);
            IpvsTable actual = r.nextInt(8) == 0 ? IpvsTable.EMPTY : table(r);
            Set<IpvsServiceKey> owned = new HashSet<>();
            for (IpvsServiceKey k : SERVICES) {
                if (r.nextBoolean()) {
                    owned.add(k);
                }
            }
            Set<IpvsServiceKey> managed = new HashSet<>(owned);
            managed.addAll(desired.keys());
            int thisRun = run;
            Supplier<String> context = () -> "run " + thisRun + "\ndesired " + desired + "\nactual " + actual
                    + "\nowned " + owned;

            List<IpvsOp> diff = Reconciler.diff(desired, actual, owned);
            ops += diff.size();
            IpvsTable after = KernelModel.applyStock(diff, actual);
            assertEquals(desired, after.restrictedTo(managed), context);
            assertEquals(actual.excluding(managed), after.excluding(managed), context);
            assertEquals(List.of(), Reconciler.diff(desired, after, owned), context);

            // Minimal: every op changes the table.
            IpvsTable step = actual;
            for (IpvsOp op : diff) {
                IpvsTable next = KernelModel.applyStock(List.of(op), step);
                assertNotEquals(step, next, () -> context.get() + "\nno-op " + op);
                step = next;
            }

            // Every batch applies to the original table by itself, and in sequence they add up to the diff.
            int size = 1 + r.nextInt(6);
            IpvsTable sequential = actual;
            for (List<IpvsOp> batch : Reconciler.batches(diff, size)) {
                KernelModel.applyStock(batch, actual);
                sequential = KernelModel.applyStock(batch, sequential);
            }
            assertEquals(after, sequential, context);
        }
        System.out.printf("reconciler property: %d random cases, %d ops in all%n", RUNS, ops);
    }
}
