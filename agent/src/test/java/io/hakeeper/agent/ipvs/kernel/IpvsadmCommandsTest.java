package io.hakeeper.agent.ipvs.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hakeeper.agent.ipvs.ForwardingMethod;
import io.hakeeper.agent.ipvs.IpvsDestination;
import io.hakeeper.agent.ipvs.IpvsOp;
import io.hakeeper.agent.ipvs.IpvsProtocol;
import io.hakeeper.agent.ipvs.IpvsService;
import io.hakeeper.agent.ipvs.IpvsServiceKey;
import org.junit.jupiter.api.Test;

/** The benchmark's translation of ops into ipvsadm -R lines. */
class IpvsadmCommandsTest {

    private static final IpvsServiceKey WEB = IpvsServiceKey.of(IpvsProtocol.TCP, "10.1.0.1", 80);
    private static final IpvsDestination RS = IpvsDestination.of("10.200.0.1", 8080, ForwardingMethod.MASQ, 1);

    @Test
    void everyOpKindBecomesOneIpvsadmCommand() {
        assertEquals("-A -t 10.1.0.1:80 -s wlc -p 300", IpvsadmCommands.of(new IpvsOp.NewService(IpvsService.persistent(WEB, "wlc", 300))));
        assertEquals("-E -t 10.1.0.1:80 -s rr", IpvsadmCommands.of(new IpvsOp.EditService(IpvsService.of(WEB, "wlc"), IpvsService.of(WEB, "rr"))));
        assertEquals("-D -t 10.1.0.1:80", IpvsadmCommands.of(new IpvsOp.DeleteService(WEB)));
        assertEquals("-a -t 10.1.0.1:80 -r 10.200.0.1:8080 -m -w 1", IpvsadmCommands.of(new IpvsOp.NewDest(WEB, RS)));
        assertEquals("-e -t 10.1.0.1:80 -r 10.200.0.1:8080 -m -w 5", IpvsadmCommands.of(new IpvsOp.EditDest(WEB, RS, RS.withWeight(5))));
        assertEquals("-d -t 10.1.0.1:80 -r 10.200.0.1:8080", IpvsadmCommands.of(new IpvsOp.DeleteDest(WEB, RS)));
    }
}
