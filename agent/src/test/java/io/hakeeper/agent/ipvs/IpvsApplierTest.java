package io.hakeeper.agent.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.agent.netlink.NetlinkTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link IpvsApplier} against an in-memory kernel: what it sends, where it stops, what it reports. */
class IpvsApplierTest {

    private static final IpvsServiceKey A = IpvsServiceKey.of(IpvsProtocol.TCP, "10.0.0.1", 80);
    private static final IpvsServiceKey B = IpvsServiceKey.of(IpvsProtocol.TCP, "10.0.0.2", 80);
    private static final IpvsServiceKey C = IpvsServiceKey.of(IpvsProtocol.TCP, "10.0.0.3", 80);
    private static final IpvsServiceKey FOREIGN = IpvsServiceKey.of(IpvsProtocol.UDP, "10.9.9.9", 53);

    private static IpvsServiceEntry entry(IpvsServiceKey key, String scheduler) {
        return IpvsServiceEntry.of(IpvsService.of(key, scheduler),
                IpvsDestination.of("10.1.0.1", 80, ForwardingMethod.MASQ, 1),
                IpvsDestination.of("10.1.0.2", 80, ForwardingMethod.MASQ, 2));
    }

    private static final IpvsTable DESIRED = IpvsTable.of(entry(A, "rr"), entry(B, "wlc"), entry(C, "sh"));
    private static final IpvsServiceEntry FOREIGN_ENTRY = IpvsServiceEntry.of(IpvsService.of(FOREIGN, "rr"),
            IpvsDestination.of("10.9.0.1", 53, ForwardingMethod.DROUTE, 1));

    private static IpvsApplier applier(ModelKernel kernel, int batchSize) {
        long[] now = {0};
        return new IpvsApplier(kernel, batchSize, () -> now[0] += 1_000_000);
    }

    @Test
    void fromEmptyEveryOpIsSentInOrderAndTheDumpAfterConfirmsIt() throws Exception {
        ModelKernel kernel = new ModelKernel(IpvsTable.of(FOREIGN_ENTRY));

        IpvsApplyReport r = applier(kernel, 3).reconcile(DESIRED, DESIRED.keys());

        assertTrue(r.complete(), () -> String.join("\n", r.lines()));
        assertEquals(9, r.applied().size());
        assertEquals(r.applied(), kernel.sent);
        assertEquals(3, r.batches(), "one batch per service: 3 ops each");
        assertEquals(2, kernel.dumps, "one dump before, one after");
        assertEquals(DESIRED, r.after().orElseThrow(), "the report shows only our services");
        assertEquals(DESIRED.with(FOREIGN_ENTRY), kernel.table(), "the foreign service is untouched");
        assertEquals("applied 9 of 9 changes (3 batches, 1.0 ms)", r.lines().get(0));
        assertEquals("  applied: add service TCP 10.0.0.1:80 rr", r.lines().get(1));
        assertEquals("confirmed: the kernel holds the desired table (3 services, 6 destinations)",
                r.lines().get(r.lines().size() - 1));
    }

    @Test
    void aSecondRunFindsNothingToDo() throws Exception {
        ModelKernel kernel = new ModelKernel(DESIRED);

        IpvsApplyReport r = applier(kernel, 100).reconcile(DESIRED, DESIRED.keys());

        assertTrue(r.complete());
        assertEquals(List.of(), kernel.sent);
        assertEquals(0, r.planned());
        assertEquals("nothing to change: the kernel already holds the desired table", r.lines().get(0));
    }

    @Test
    void stopsAtTheFirstRefusalAndSaysExactlyWhatWasAndWasNotApplied() throws Exception {
        // This kernel has no 'sh' module... and the middle service wants it.
        IpvsTable desired = IpvsTable.of(entry(A, "rr"), entry(B, "sh"), entry(C, "wlc"));
        ModelKernel kernel = new ModelKernel(Set.of("rr", "wlc"), IpvsTable.EMPTY);

        IpvsApplyReport r = applier(kernel, 3).reconcile(desired, desired.keys());

        assertFalse(r.complete());
        List<IpvsOp> all = Reconciler.diff(desired, IpvsTable.EMPTY, desired.keys());
        assertEquals(all.subList(0, 3), r.applied(), "service A and its destinations");
        IpvsApplyReport.Failure f = r.failure().orElseThrow();
        assertEquals(all.get(3), f.op());
        assertEquals(2, f.batch());
        IpvsRequestException e = assertInstanceOf(IpvsRequestException.class, f.error());
        assertEquals("add service TCP 10.0.0.2:80 sh: scheduler 'sh' is not available (modprobe ip_vs_sh) [ENOENT]",
                e.getMessage());
        assertEquals(all.subList(4, 9), r.notApplied(), "B's destinations and all of C: never sent");
        assertEquals(all.subList(0, 4), kernel.sent, "nothing was sent after the refusal");
        assertEquals(IpvsTable.of(entry(A, "rr")), r.after().orElseThrow());
        assertEquals(all.subList(3, 9), r.remaining(), "the dump after shows what is still missing");
        List<String> lines = r.lines();
        assertEquals("applied 3 of 9 changes (3 batches, 1.0 ms)", lines.get(0));
        assertTrue(lines.contains("  FAILED (batch 2): " + e.getMessage()), () -> String.join("\n", lines));
        assertTrue(lines.contains("not applied, because of that failure (5):"), () -> String.join("\n", lines));
        assertTrue(lines.contains("  not applied: add service TCP 10.0.0.3:80 wlc"), () -> String.join("\n", lines));
        assertTrue(lines.contains("NOT confirmed: the kernel's table still needs 6 changes:"), () -> String.join("\n", lines));
    }

    @Test
    void anUnansweredOpStopsTheRunAndTheDumpTellsWhetherItTookEffect() throws Exception {
        ModelKernel kernel = new ModelKernel(IpvsTable.EMPTY);
        kernel.unansweredOp = 2;

        IpvsApplyReport r = applier(kernel, 100).reconcile(DESIRED, DESIRED.keys());

        assertEquals(1, r.applied().size());
        assertInstanceOf(NetlinkTimeoutException.class, r.failure().orElseThrow().error());
        assertEquals(7, r.notApplied().size());
        assertEquals(7, r.remaining().size(), "the unanswered op did take effect; the rest did not");
    }

    @Test
    void aFailedConfirmingDumpIsReportedNotThrown() throws Exception {
        ModelKernel kernel = new ModelKernel(IpvsTable.EMPTY);
        List<IpvsOp> ops = Reconciler.diff(DESIRED, IpvsTable.EMPTY, DESIRED.keys());
        kernel.failNextDump = true;

        IpvsApplyReport r = applier(kernel, 100).apply(ops, DESIRED, DESIRED.keys());

        assertFalse(r.complete());
        assertEquals(9, r.applied().size());
        assertTrue(r.after().isEmpty());
        assertTrue(r.lines().get(r.lines().size() - 1).startsWith("NOT confirmed: reading the table back failed: "));
    }

    @Test
    void driftIsRepairedOnlyOnOwnedServices() throws Exception {
        // Behind our back: A deleted, a destination of B removed, C's scheduler changed, a foreign service added.
        IpvsTable drifted = IpvsTable.of(entry(B, "wlc").withoutDestination(
                        IpvsDestination.of("10.1.0.1", 80, ForwardingMethod.MASQ, 1).key()),
                entry(C, "rr"), FOREIGN_ENTRY);
        ModelKernel kernel = new ModelKernel(drifted);

        IpvsApplyReport r = applier(kernel, 100).reconcile(DESIRED, DESIRED.keys());

        assertTrue(r.complete(), () -> String.join("\n", r.lines()));
        List<String> applied = new ArrayList<>();
        r.applied().forEach(op -> applied.add(op.toString()));
        assertEquals(List.of("add service TCP 10.0.0.1:80 rr",
                "add destination 10.1.0.1:80 Masq weight 1 to TCP 10.0.0.1:80",
                "add destination 10.1.0.2:80 Masq weight 2 to TCP 10.0.0.1:80",
                "add destination 10.1.0.1:80 Masq weight 1 to TCP 10.0.0.2:80",
                "edit service TCP 10.0.0.3:80: rr -> sh"), applied);
        assertEquals(DESIRED.with(FOREIGN_ENTRY), kernel.table());
    }
}
