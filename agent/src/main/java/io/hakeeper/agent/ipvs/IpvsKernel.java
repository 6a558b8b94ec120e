package io.hakeeper.agent.ipvs;

import io.hakeeper.agent.netlink.NetlinkException;

/**
 * The two things the reconciling side needs from a kernel: read the table, change it one op at a
 * time. {@link IpvsNetlink} is the real one; tests use an in-memory {@link KernelModel}.
 */
public interface IpvsKernel {

    /** The whole table as the kernel has it now. */
    IpvsTable table() throws NetlinkException;

    /**
     * Sends one change and returns once the kernel acknowledged it.
     *
     * @throws IpvsRequestException when the kernel refused it (nothing changed)
     * @throws NetlinkException     when no answer came (it may or may not have taken effect)
     */
    void apply(IpvsOp op) throws NetlinkException;
}
