package io.hakeeper.agent.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hakeeper.agent.netlink.Errno;
import io.hakeeper.agent.netlink.NetlinkException;
import org.junit.jupiter.api.Test;

/** The errno of each IPVS request, as an operator reads it. */
class IpvsErrorsTest {

    private static final IpvsServiceKey WEB = IpvsServiceKey.of(IpvsProtocol.TCP, "10.0.0.1", 80);
    private static final IpvsDestination RS = IpvsDestination.of("10.0.1.1", 80, ForwardingMethod.MASQ, 1);

    private static String refused(IpvsOp op, int errno) {
        return IpvsErrors.refused(op, NetlinkException.fromErrno(op.toString(), errno, null)).getMessage();
    }

    @Test
    void aMissingFamilyMeansTheModuleIsNotLoaded() {
        IpvsRequestException e = IpvsErrors.familyLookup("resolve generic netlink family IPVS",
                NetlinkException.fromErrno("x", Errno.ENOENT, null));
        assertEquals("resolve generic netlink family IPVS: the ip_vs kernel module is not loaded (modprobe ip_vs) [ENOENT]",
                e.getMessage());
        assertEquals(Errno.ENOENT, e.errno());
    }

    @Test
    void anUnknownSchedulerNamesItsModule() {
        assertEquals("add service TCP 10.0.0.1:80 xyz: scheduler 'xyz' is not available (modprobe ip_vs_xyz) [ENOENT]",
                refused(new IpvsOp.NewService(IpvsService.of(WEB, "xyz")), Errno.ENOENT));
        assertEquals("edit service TCP 10.0.0.1:80: rr -> mh: scheduler 'mh' is not available (modprobe ip_vs_mh) [ENOENT]",
                refused(new IpvsOp.EditService(IpvsService.of(WEB, "rr"), IpvsService.of(WEB, "mh")), Errno.ENOENT));
    }

    @Test
    void withoutTheCapabilityEveryRequestSaysWhichOneIsNeeded() {
        assertEquals("delete service TCP 10.0.0.1:80: needs CAP_NET_ADMIN: run as root, or grant the capability "
                + "(systemd AmbientCapabilities=CAP_NET_ADMIN) [EPERM]", refused(new IpvsOp.DeleteService(WEB), Errno.EPERM));
        assertEquals(IpvsErrors.NEEDS_CAP_NET_ADMIN, IpvsErrors.advice(new IpvsOp.NewDest(WEB, RS), Errno.EPERM));
    }

    @Test
    void destinationErrorsSayWhatIsWrongWithTheDestination() {
        assertEquals("lower threshold 50 is above upper threshold 10 (set uthreshold to at least lthreshold)",
                IpvsErrors.advice(new IpvsOp.NewDest(WEB, RS.withThresholds(10, 50)), Errno.ERANGE));
        assertEquals("no such service (its creation was refused, or it was deleted meanwhile; the next reconcile reads "
                + "the table again)", IpvsErrors.advice(new IpvsOp.NewDest(WEB, RS), IpvsErrors.ESRCH));
        assertEquals("no such destination in the service (deleted meanwhile? the next reconcile reads the table again)",
                IpvsErrors.advice(new IpvsOp.DeleteDest(WEB, RS), Errno.ENOENT));
        assertEquals("the destination already exists in the service",
                IpvsErrors.advice(new IpvsOp.NewDest(WEB, RS), Errno.EEXIST));
        assertEquals("delete destination 10.0.1.1:80 from TCP 10.0.0.1:80: no such service (its creation was refused, "
                + "or it was deleted meanwhile; the next reconcile reads the table again) [ESRCH]",
                refused(new IpvsOp.DeleteDest(WEB, RS), IpvsErrors.ESRCH));
    }

    @Test
    void anErrnoWithoutSpecialMeaningIsDescribedGenerically() {
        assertEquals("add service TCP 10.0.0.1:80 rr: ENOMEM (out of memory; the kernel could not allocate memory)",
                refused(new IpvsOp.NewService(IpvsService.of(WEB, "rr")), Errno.ENOMEM));
    }
}
