package io.hakeeper.agent.ipvs;

import io.hakeeper.agent.netlink.NetlinkException;
import io.hakeeper.agent.netlink.NetlinkTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    /** 1-based number of the op whose batch goes unanswered (it takes effect, as a late ack would); 0 for none. */
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

    /** As {@link IpvsNetlink#send}: the batch is one "datagram"; every op in it is tried even after a refusal. */
    @Override
    public Sent send(List<IpvsOp> ops) {
        List<IpvsOp> applied = new ArrayList<>();
        List<IpvsRequestException> refused = new ArrayList<>();
        boolean lost = false;
        for (IpvsOp op : ops) {
            sent.add(op);
            lost |= sent.size() == unansweredOp;
            try {
                table = model.apply(List.of(op), table);
                applied.add(op);
            } catch (IpvsOpRejectedException e) {
                refused.add(IpvsErrors.refused(op, NetlinkException.fromErrno(op.toString(), e.errno().value(), null)));
            }
        }
        if (lost) {
            return new Sent(List.of(), List.of(), ops, List.of(),
                    Optional.of(new NetlinkTimeoutException("send " + ops.size() + " IPVS changes", 5000)));
        }
        return new Sent(applied, refused, List.of(), List.of(), Optional.empty());
    }
}
