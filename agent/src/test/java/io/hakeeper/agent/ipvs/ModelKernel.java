package io.hakeeper.agent.ipvs;

import io.hakeeper.agent.netlink.NetlinkException;
import io.hakeeper.agent.netlink.NetlinkTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An {@link IpvsKernel} in memory: {@link KernelModel}'s refusals come back as the errno
 * exceptions {@link IpvsNetlink} raises. It records every op sent, and can be told to leave one
 * op unanswered or to fail the next dump.
 */
final class ModelKernel implements IpvsKernel {

    private final KernelModel model;
    private IpvsTable table;
    final List<IpvsOp> sent = new ArrayList<>();
    int dumps;
    /** 1-based number of the op to leave unanswered (it takes effect, as a late ack would); 0 for none. */
    int unansweredOp;
    boolean failNextDump;

    ModelKernel(IpvsTable table) {
        this(KernelModel.stock(), table);
    }

    ModelKernel(Set<String> schedulers, IpvsTable table) {
        this(new KernelModel(schedulers), table);
    }

    private ModelKernel(KernelModel model, IpvsTable table) {
        this.model = model;
        this.table = table;
    }

    void set(IpvsTable newTable) {
        table = newTable;
    }

    @Override
    public IpvsTable table() throws NetlinkException {
        dumps++;
        if (failNextDump) {
            failNextDump = false;
            throw new NetlinkTimeoutException("list IPVS services", 5000);
        }
        return table;
    }

    @Override
    public void apply(IpvsOp op) throws NetlinkException {
        sent.add(op);
        try {
            table = model.apply(List.of(op), table);
        } catch (IpvsOpRejectedException e) {
            throw IpvsErrors.refused(op, NetlinkException.fromErrno(op.toString(), e.errno().value(), null));
        }
        if (sent.size() == unansweredOp) {
            throw new NetlinkTimeoutException(op.toString(), 5000);
        }
    }
}
