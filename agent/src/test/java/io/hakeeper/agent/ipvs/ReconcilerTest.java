package io.hakeeper.agent.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hakeeper.common.config.model.KeepalivedConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the reconciler sends for the situations an operator meets: start, stop, drift, reload. */
class ReconcilerTest {

    private static final IpvsServiceKey WEB = IpvsServiceKey.of(IpvsProtocol.TCP, "10.0.0.1", 80);
    private static final IpvsServiceKey DNS = IpvsServiceKey.of(IpvsProtocol.UDP, "10.0.0.1", 53);
    private static final IpvsServiceKey HAND = IpvsServiceKey.of(IpvsProtocol.TCP, "10.0.0.99", 22);

    private static final IpvsService WEB_SVC = IpvsService.persistent(WEB, "rr", 5);
    private static final IpvsService DNS_SVC = IpvsService.of(DNS, "wlc");
    private static final IpvsDestination W1 = IpvsDestination.of("10.0.1.1", 80, ForwardingMethod.DROUTE, 1);
    private static final IpvsDestination W2 = IpvsDestination.of("10.0.1.2", 80, ForwardingMethod.DROUTE, 1);
    private static final IpvsDestination D1 = IpvsDestination.of("10.0.2.1", 53, ForwardingMethod.MASQ, 2);

    private static final IpvsTable DESIRED = IpvsTable.of(IpvsServiceEntry.of(WEB_SVC, W1, W2),
            IpvsServiceEntry.of(DNS_SVC, D1));
    private static final Set<IpvsServiceKey> OWNED = DESIRED.keys();
    private static final IpvsServiceEntry FOREIGN = IpvsServiceEntry.of(IpvsService.of(HAND, "rr"),
            IpvsDestination.of("10.0.3.1", 22, ForwardingMethod.MASQ, 1));

    /** Applies the diff, checks the result and that a second diff is empty; returns the ops. */
    private static List<IpvsOp> reconcile(IpvsTable desired, IpvsTable actual, Set<IpvsServiceKey> owned) {
        List<IpvsOp> ops = Reconciler.diff(desired, actual, owned);
        IpvsTable after = KernelModel.applyStock(ops, actual);
        Set<IpvsServiceKey> managed = new HashSet<>(owned);
        managed.addAll(desired.keys());
        assertEquals(desired, after.restrictedTo(managed));
        assertEquals(actual.excluding(managed), after.excluding(managed));
        assertEquals(List.of(), Reconciler.diff(desired, after, owned));
        return ops;
    }

    @Test
    void emptyKernelGetsEachServiceFollowedByItsDestinations() {
        assertEquals(List.of(
                new IpvsOp.NewService(WEB_SVC), new IpvsOp.NewDest(WEB, W1), new IpvsOp.NewDest(WEB, W2),
                new IpvsOp.NewService(DNS_SVC), new IpvsOp.NewDest(DNS, D1)),
                reconcile(DESIRED, IpvsTable.EMPTY, OWNED));
    }

    @Test
    void emptyDesiredDeletesOnlyOwnedServicesAndNoDestinationsOneByOne() {
        IpvsTable actual = DESIRED.with(FOREIGN);
        assertEquals(List.of(new IpvsOp.DeleteService(WEB), new IpvsOp.DeleteService(DNS)),
                reconcile(IpvsTable.EMPTY, actual, OWNED));
    }

    @Test
    void tableInSyncNeedsNothing() {
        assertEquals(List.of(), reconcile(DESIRED, DESIRED.with(FOREIGN), OWNED));
    }

    @Test
    void editedSchedulerIsEditedBackInPlace() {
        IpvsTable drifted = DESIRED.with(DESIRED.entry(WEB).withService(WEB_SVC.withScheduler("wlc")));
        assertEquals(List.of(new IpvsOp.EditService(WEB_SVC.withScheduler("wlc"), WEB_SVC)),
                reconcile(DESIRED, drifted, OWNED));
    }

    @Test
    void persistenceAndFlagChangesAreEditsToo() {
        IpvsTable drifted = DESIRED.with(DESIRED.entry(WEB).withService(IpvsService.of(WEB, "rr")))
                .with(DESIRED.entry(DNS).withService(DNS_SVC.withFlags(IpvsServiceFlags.IP_VS_SVC_F_ONEPACKET)));
        List<IpvsOp> ops = reconcile(DESIRED, drifted, OWNED);
        assertEquals(2, ops.size());
        ops.forEach(op -> assertEquals(IpvsOp.EditService.class, op.getClass()));
    }

    @Test
    void destinationDeletedByHandIsAddedBack() {
        IpvsTable drifted = DESIRED.with(DESIRED.entry(WEB).withoutDestination(W2.key()));
        assertEquals(List.of(new IpvsOp.NewDest(WEB, W2)), reconcile(DESIRED, drifted, OWNED));
    }

    @Test
    void weightChangedByHandIsEditedBack() {
        IpvsTable drifted = DESIRED.with(DESIRED.entry(WEB).withDestination(W1.withWeight(9)));
        assertEquals(List.of(new IpvsOp.EditDest(WEB, W1.withWeight(9), W1)), reconcile(DESIRED, drifted, OWNED));
    }

    @Test
    void destinationAddedByHandToAnOwnedServiceIsRemoved() {
        IpvsDestination stray = IpvsDestination.of("10.0.1.77", 80, ForwardingMethod.DROUTE, 1);
        IpvsTable drifted = DESIRED.with(DESIRED.entry(WEB).withDestination(stray));
        assertEquals(List.of(new IpvsOp.DeleteDest(WEB, stray)), reconcile(DESIRED, drifted, OWNED));
    }

    @Test
    void flushedTableIsRebuiltAndAServiceAddedByHandAfterwardsSurvives() {
        IpvsTable flushedThenHand = IpvsTable.of(FOREIGN);
        List<IpvsOp> ops = reconcile(DESIRED, flushedThenHand, OWNED);
        assertEquals(5, ops.size());
        ops.forEach(op -> assertEquals(false, op.serviceKey().equals(HAND)));
    }

    @Test
    void serviceWeWantIsTakenOverEvenWhenSomeoneCreatedItByHand() {
        IpvsTable actual = IpvsTable.of(IpvsServiceEntry.of(WEB_SVC.withScheduler("sh"),
                IpvsDestination.of("10.0.9.9", 80, ForwardingMethod.MASQ, 1)));
        List<IpvsOp> ops = reconcile(DESIRED, actual, Set.of());
        assertEquals(IpvsOp.EditService.class, ops.get(0).getClass(), "edited, not deleted and recreated");
    }

    @Test
    void reloadThatMovesAServiceDeletesTheOldKeyAndCreatesTheNew() {
        IpvsServiceKey moved = IpvsServiceKey.of(IpvsProtocol.TCP, "10.0.0.1", 8080);
        IpvsTable reloaded = DESIRED.without(WEB).with(IpvsServiceEntry.of(IpvsService.persistent(moved, "rr", 5), W1));
        Set<IpvsServiceKey> owned = new HashSet<>(OWNED);
        owned.addAll(reloaded.keys());
        assertEquals(List.of(new IpvsOp.DeleteService(WEB), new IpvsOp.NewService(IpvsService.persistent(moved, "rr", 5)),
                new IpvsOp.NewDest(moved, W1)), reconcile(reloaded, DESIRED, owned));
        assertEquals(List.of(new IpvsOp.NewService(IpvsService.persistent(moved, "rr", 5)), new IpvsOp.NewDest(moved, W1)),
                Reconciler.diff(reloaded, DESIRED, reloaded.keys()),
                "without the old config's keys the old service is not ours to delete");
    }

    @Test
    void sorryServerIsAddedBeforeTheRealServersGoSoTheServiceNeverRunsEmpty() {
        KeepalivedConfig c = TestConfigs.text("""
                virtual_server 10.0.0.1 80 {
                    lb_kind DR
                    sorry_server 10.0.9.9 80
                    real_server 10.0.1.1 80 {
                        TCP_CHECK {
                        }
                    }
                }
                """);
        DesiredState.Result up = DesiredState.build(c, RealServerHealth.none());
        DesiredState.Result down = DesiredState.build(c, RealServerHealth.of(Map.of(
                new RealServerId("TCP 10.0.0.1:80", c.virtualServers().get(0).realServers().get(0).endpoint()),
                Verdict.down())), up.quorum());
        List<IpvsOp> ops = reconcile(down.table(), up.table(), down.owned());
        assertEquals(List.of(
                new IpvsOp.NewDest(WEB, IpvsDestination.of("10.0.9.9", 80, ForwardingMethod.DROUTE, 1)),
                new IpvsOp.DeleteDest(WEB, IpvsDestination.of("10.0.1.1", 80, ForwardingMethod.DROUTE, 1))), ops);
    }

    @Test
    void batchesKeepEveryServicesOpsTogetherAndEachAppliesOnItsOwn() {
        IpvsServiceKey third = IpvsServiceKey.of(IpvsProtocol.TCP, "10.0.0.3", 443);
        IpvsTable desired = DESIRED.with(IpvsServiceEntry.of(IpvsService.of(third, "lc"),
                IpvsDestination.of("10.0.4.1", 443, ForwardingMethod.MASQ, 1),
                IpvsDestination.of("10.0.4.2", 443, ForwardingMethod.MASQ, 1),
                IpvsDestination.of("10.0.4.3", 443, ForwardingMethod.MASQ, 1),
                IpvsDestination.of("10.0.4.4", 443, ForwardingMethod.MASQ, 1)));
        // In key order: TCP 10.0.0.1:80 (3 ops), TCP 10.0.0.3:443 (5 ops), UDP 10.0.0.1:53 (2 ops).
        List<IpvsOp> ops = Reconciler.diff(desired, IpvsTable.EMPTY, desired.keys());
        assertEquals(List.of(List.of(3), List.of(5), List.of(2)), sizes(Reconciler.batches(ops, 3)),
                "the 5-op service is not split; no two services fit in 3");
        assertEquals(List.of(List.of(3, 5), List.of(2)), sizes(Reconciler.batches(ops, 8)));
        assertEquals(List.of(List.of(3, 5, 2)), sizes(Reconciler.batches(ops, 100)));
        for (List<IpvsOp> batch : Reconciler.batches(ops, 3)) {
            KernelModel.applyStock(batch, IpvsTable.EMPTY);
        }
        assertThrows(IllegalArgumentException.class, () -> Reconciler.batches(ops, 0));
    }

    /** Per batch, the number of ops of each service in it. */
    private static List<List<Integer>> sizes(List<List<IpvsOp>> batches) {
        return batches.stream().map(b -> {
            Map<IpvsServiceKey, Integer> n = new java.util.LinkedHashMap<>();
            b.forEach(op -> n.merge(op.serviceKey(), 1, Integer::sum));
            return List.copyOf(n.values());
        }).toList();
    }
}
