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
    /** 1-based number of the op whose datagram goes unanswered (it takes effect, as a late ack would); 0 for none. */
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

    /**
     * As {@link IpvsNetlink#send}: one "datagram" per service; within it every op is tried even
     * after a refusal, and nothing of a later service is sent after one.
     */
    @Override
    public Sent send(List<IpvsOp> ops) {
        List<IpvsOp> applied = new ArrayList<>();
        List<IpvsRequestException> refused = new ArrayList<>();
        int i = 0;
        while (i < ops.size()) {
            IpvsServiceKey key = ops.get(i).serviceKey();
            int j = i;
            boolean lostHere = false;
            List<IpvsOp> chunk = new ArrayList<>();
            while (j < ops.size() && ops.get(j).serviceKey().equals(key)) {
                chunk.add(ops.get(j++));
            }
            List<IpvsRequestException> chunkRefused = new ArrayList<>();
            for (IpvsOp op : chunk) {
                sent.add(op);
                lostHere |= sent.size() == unansweredOp;
                try {
                    table = model.apply(List.of(op), table);
                    applied.add(op);
                } catch (IpvsOpRejectedException e) {
                    chunkRefused.add(IpvsErrors.refused(op, NetlinkException.fromErrno(op.toString(), e.errno().value(), null)));
                }
            }
            if (lostHere) {
                applied.removeAll(chunk);
                return new Sent(applied, refused, chunk, ops.subList(j, ops.size()),
                        Optional.of(new NetlinkTimeoutException(chunk.size() + " IPVS changes to " + key, 5000)));
            }
            refused.addAll(chunkRefused);
            i = j;
            if (!chunkRefused.isEmpty()) {
                break;
            }
        }
        return new Sent(applied, refused, List.of(), ops.subList(i, ops.size()), Optional.empty());
    }
}
