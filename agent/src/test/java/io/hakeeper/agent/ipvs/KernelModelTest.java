package io.hakeeper.agent.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The in-memory kernel refuses what ip_vs_ctl.c refuses, with the same errno. */
class KernelModelTest {

    private static final IpvsServiceKey WEB = IpvsServiceKey.of(IpvsProtocol.TCP, "10.0.0.1", 80);
    private static final IpvsService WEB_RR = IpvsService.of(WEB, "rr");
    private static final IpvsDestination RS1 = IpvsDestination.of("10.0.1.1", 80, ForwardingMethod.MASQ, 1);
    private static final IpvsTable ONE = IpvsTable.of(IpvsServiceEntry.of(WEB_RR, RS1));

    private static IpvsErrno refusal(IpvsTable table, IpvsOp... ops) {
        return assertThrows(IpvsOpRejectedException.class, () -> KernelModel.applyStock(List.of(ops), table)).errno();
    }

    @Test
    void destinationOfAMissingServiceIsRefusedWithEsrch() {
        assertEquals(IpvsErrno.ESRCH, refusal(IpvsTable.EMPTY, new IpvsOp.NewDest(WEB, RS1)));
        assertEquals(IpvsErrno.ESRCH, refusal(IpvsTable.EMPTY, new IpvsOp.EditService(WEB_RR, WEB_RR)));
        assertEquals(IpvsErrno.ESRCH, refusal(IpvsTable.EMPTY, new IpvsOp.DeleteService(WEB)));
        assertEquals(IpvsErrno.ESRCH, refusal(IpvsTable.EMPTY, new IpvsOp.DeleteDest(WEB, RS1)));
    }

    @Test
    void creatingTwiceIsRefusedWithEexist() {
        assertEquals(IpvsErrno.EEXIST, refusal(ONE, new IpvsOp.NewService(WEB_RR)));
        assertEquals(IpvsErrno.EEXIST, refusal(ONE, new IpvsOp.NewDest(WEB, RS1.withWeight(5))));
    }

    @Test
    void missingDestinationIsRefusedWithEnoent() {
        IpvsDestination other = IpvsDestination.of("10.0.1.9", 80, ForwardingMethod.MASQ, 1);
        assertEquals(IpvsErrno.ENOENT, refusal(ONE, new IpvsOp.EditDest(WEB, other, other.withWeight(2))));
        assertEquals(IpvsErrno.ENOENT, refusal(ONE, new IpvsOp.DeleteDest(WEB, other)));
    }

    @Test
    void unknownSchedulerIsRefusedWithEnoentAndTheModuleToLoad() {
        KernelModel kernel = new KernelModel(Set.of("rr"));
        IpvsOpRejectedException e = assertThrows(IpvsOpRejectedException.class,
                () -> kernel.apply(List.of(new IpvsOp.NewService(IpvsService.of(WEB, "mh"))), IpvsTable.EMPTY));
        assertEquals(IpvsErrno.ENOENT, e.errno());
        assertTrue(e.getMessage().contains("modprobe ip_vs_mh"), e.getMessage());
        assertEquals(IpvsErrno.ENOENT, assertThrows(IpvsOpRejectedException.class,
                () -> kernel.apply(List.of(new IpvsOp.EditService(WEB_RR, IpvsService.of(WEB, "wlc"))), ONE)).errno());
    }

    @Test
    void onlyATunnelMayCrossAddressFamilies() {
        IpvsDestination v6 = IpvsDestination.of("2001:db8::1", 80, ForwardingMethod.MASQ, 1);
        assertEquals(IpvsErrno.EINVAL, refusal(ONE, new IpvsOp.NewDest(WEB, v6)));
        IpvsTable t = KernelModel.applyStock(List.of(new IpvsOp.NewDest(WEB, v6.withMethod(ForwardingMethod.TUNNEL))), ONE);
        assertEquals(2, t.entry(WEB).destinations().size());
    }

    @Test
    void lowerThresholdAboveUpperIsRefusedWithErange() {
        assertEquals(IpvsErrno.ERANGE, refusal(ONE, new IpvsOp.EditDest(WEB, RS1, RS1.withThresholds(0, 10))));
        assertEquals(IpvsErrno.ERANGE, refusal(ONE, new IpvsOp.EditDest(WEB, RS1, RS1.withThresholds(5, 10))));
        KernelModel.applyStock(List.of(new IpvsOp.EditDest(WEB, RS1, RS1.withThresholds(10, 5))), ONE);
    }

    @Test
    void gueTunnelWithoutPortIsRefusedWithEinval() {
        IpvsDestination gue = new IpvsDestination(IpAddress.parse("10.0.1.2"), 80, ForwardingMethod.TUNNEL, 1, 0, 0,
                new TunnelOptions(TunnelType.GUE, 0, 0));
        assertEquals(IpvsErrno.EINVAL, refusal(ONE, new IpvsOp.NewDest(WEB, gue)));
    }

    @Test
    void deletingAServiceTakesItsDestinationsAndLeavesTheInputUntouched() {
        IpvsTable after = KernelModel.applyStock(List.of(new IpvsOp.DeleteService(WEB)), ONE);
        assertEquals(IpvsTable.EMPTY, after);
        assertEquals(1, ONE.destinationCount());
        IpvsTable again = KernelModel.applyStock(List.of(new IpvsOp.NewService(WEB_RR)), after);
        assertEquals(0, again.destinationCount(), "a recreated service starts without destinations");
    }

    @Test
    void editsReplaceInPlace() {
        IpvsService wrr = IpvsService.persistent(WEB, "wrr", 60);
        IpvsTable t = KernelModel.applyStock(List.of(new IpvsOp.EditService(WEB_RR, wrr),
                new IpvsOp.EditDest(WEB, RS1, RS1.withWeight(7))), ONE);
        assertEquals(IpvsTable.of(IpvsServiceEntry.of(wrr, RS1.withWeight(7))), t);
    }
}
