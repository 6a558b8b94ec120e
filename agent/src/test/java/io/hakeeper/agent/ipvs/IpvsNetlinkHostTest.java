package io.hakeeper.agent.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.agent.netlink.Errno;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link IpvsNetlink} on this host's own kernel, which (on the lab hosts) has no IPVS: the real
 * controller's answer to the family lookup, turned into the operator's fix. The real-kernel tests
 * with IPVS run in a VM (ipvs.kernel).
 */
class IpvsNetlinkHostTest {

    @Test
    void withoutTheIpvsModuleOpeningSaysToLoadIt() throws Exception {
        IpvsRequestException refused = null;
        try (IpvsNetlink kernel = IpvsNetlink.open()) {
            Assumptions.abort("this kernel has IPVS (family id " + kernel.family().id()
                    + "), so the missing-module message cannot be shown here");
        } catch (IpvsRequestException e) {
            refused = e;
        }
        assertEquals(Errno.ENOENT, refused.errno());
        assertEquals("resolve generic netlink family IPVS: the ip_vs kernel module is not loaded (modprobe ip_vs) [ENOENT]",
                refused.getMessage());
        assertTrue(refused.op().isEmpty());
    }
}
