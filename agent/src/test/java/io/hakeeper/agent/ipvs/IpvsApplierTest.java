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

    private static String text(IpvsApplyReport r) {
        return String.join("\n", r.lines());
    }

    @Test
    void fromEmptyEveryOpIsSentInOrderAndTheChangedServicesReadBackAsDesired() throws Exception {
        ModelKernel kernel = new ModelKernel(IpvsTable.of(FOREIGN_ENTRY));

        IpvsApplyReport r = applier(kernel, 3).reconcile(DESIRED, DESIRED.keys());

        assertTrue(r.complete(), () -> text(r));
        assertEquals(9, r.applied().size());
        assertEquals(r.applied(), kernel.sent);
        assertEquals(3, r.batches(), "one batch per service: 3 ops each");
        assertEquals(2, kernel.dumps, "one read before, one after");
        assertEquals(DESIRED, r.after().orElseThrow(), "the read after covers the changed services only");
        assertEquals(DESIRED.with(FOREIGN_ENTRY), kernel.table(), "the foreign service is untouched");
        assertEquals("applied 9 of 9 changes (3 batches, 1.0 ms)", r.lines().get(0));
        assertEquals("  applied: add service TCP 10.0.0.1:80 rr", r.lines().get(1));
        assertEquals("confirmed: the changed services read back as desired (3 services, 6 destinations)",
                r.lines().get(r.lines().size() - 1));
    }

    @Test
    void aSecondRunFindsNothingToDo() throws Exception {
        ModelKernel kernel = new ModelKernel(DESIRED);

        IpvsApplyReport r = applier(kernel, 100).reconcile(DESIRED, DESIRED.keys());

        assertTrue(r.complete());
        assertEquals(List.of(), kernel.sent);
        assertEquals(0, r.planned());
        assertEquals(List.of("nothing to change: the kernel already holds the desired table", "confirmed: nothing was changed"),
                r.lines());
    }

    @Test
    void aRefusalStopsEveryLaterBatchAndTheReportSaysWhatWasAppliedRefusedAndNotSent() throws Exception {
        // This kernel has no 'sh' module, and the middle service wants it. One service per batch.
        IpvsTable desired = IpvsTable.of(entry(A, "rr"), entry(B, "sh"), entry(C, "wlc"));
        ModelKernel kernel = new ModelKernel(Set.of("rr", "wlc"), IpvsTable.EMPTY);

        IpvsApplyReport r = applier(kernel, 3).reconcile(desired, desired.keys());

        assertFalse(r.complete());
        List<IpvsOp> all = Reconciler.diff(desired, IpvsTable.EMPTY, desired.keys());
        assertEquals(all.subList(0, 3), r.applied(), "service A and its destinations");
        assertEquals(all.subList(3, 6), r.refused().stream().map(e -> e.op().orElseThrow()).toList(),
                "B's service, then its destinations (ESRCH): the kernel goes on within a datagram");
        assertEquals("add service TCP 10.0.0.2:80 sh: scheduler 'sh' is not available (modprobe ip_vs_sh) [ENOENT]",
                r.refused().get(0).getMessage());
        assertEquals(IpvsErrors.ESRCH, r.refused().get(1).errno());
        assertEquals(2, r.refusedBatch());
        assertEquals(all.subList(6, 9), r.notSent(), "nothing of C was sent");
        assertEquals(all.subList(0, 6), kernel.sent);
        assertEquals(IpvsTable.of(entry(A, "rr")), r.after().orElseThrow());
        assertEquals(all.subList(3, 9), r.remaining(), "the read after shows what is still missing");
        List<String> lines = r.lines();
        assertEquals("applied 3 of 9 changes (3 batches, 1.0 ms)", lines.get(0));
        assertTrue(lines.contains("  REFUSED (batch 2): " + r.refused().get(0).getMessage()), () -> text(r));
        assertTrue(lines.contains("not sent, because of that (3):"), () -> text(r));
        assertTrue(lines.contains("  not sent: add service TCP 10.0.0.3:80 wlc"), () -> text(r));
        assertTrue(lines.contains("NOT confirmed: the kernel's table still needs 6 changes:"), () -> text(r));
    }

    @Test
    void withinItsBatchTheKernelCarriesOnPastARefusalAndEachOpIsReported() throws Exception {
        IpvsTable desired = IpvsTable.of(entry(A, "rr"), entry(B, "sh"), entry(C, "wlc"));
        ModelKernel kernel = new ModelKernel(Set.of("rr", "wlc"), IpvsTable.EMPTY);

        IpvsApplyReport r = applier(kernel, 100).reconcile(desired, desired.keys());

        List<IpvsOp> all = Reconciler.diff(desired, IpvsTable.EMPTY, desired.keys());
        assertEquals(6, r.applied().size(), "A and C");
        assertEquals(all.subList(3, 6), r.refused().stream().map(e -> e.op().orElseThrow()).toList());
        assertEquals(List.of(), r.notSent());
        assertEquals(all.subList(3, 6), r.remaining());
        assertEquals(IpvsTable.of(entry(A, "rr"), entry(C, "wlc")), r.after().orElseThrow());
    }

    @Test
    void anUnansweredBatchStopsTheRunAndTheReadAfterTellsWhetherItTookEffect() throws Exception {
        ModelKernel kernel = new ModelKernel(IpvsTable.EMPTY);
        kernel.unansweredOp = 5; // in B's batch

        IpvsApplyReport r = applier(kernel, 3).reconcile(DESIRED, DESIRED.keys());

        assertEquals(3, r.applied().size());
        assertEquals(3, r.unanswered().size());
        assertInstanceOf(NetlinkTimeoutException.class, r.lost().orElseThrow());
        assertEquals(3, r.notSent().size());
        assertEquals(3, r.remaining().size(), "B did take effect; C was never sent");
        assertFalse(r.complete());
    }

    @Test
    void aFailedConfirmingReadIsReportedNotThrown() throws Exception {
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

        assertTrue(r.complete(), () -> text(r));
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
