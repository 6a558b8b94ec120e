package io.hakeeper.agent.ipvs;

import io.hakeeper.agent.netlink.NetlinkException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the reconciling side needs from a kernel: read the table (all of it, or some services),
 * and send a batch of ops. {@link IpvsNetlink} is the real one; tests use an in-memory
 * {@link KernelModel}.
 */
public interface IpvsKernel {

    /** The whole table as the kernel has it now. */
    IpvsTable table() throws NetlinkException;

    /** Only {@code services} (those of them the kernel has), with their destinations. */
    default IpvsTable table(Set<IpvsServiceKey> services) throws NetlinkException {
        return table().restrictedTo(services);
    }

    /**
     * Sends {@code ops} (a batch from {@link Reconciler#batches}: whole services, in order) as one
     * unit and returns what became of each. Within the unit the kernel may carry on past a refusal
     * (generic netlink does, inside a datagram); nothing is sent after a unit with a refusal.
     * Never throws: a lost answer is reported in the result.
     */
    Sent send(List<IpvsOp> ops);

    /**
     * What became of a batch; every op sent is in exactly one list.
     *
     * @param applied    acknowledged
     * @param refused    refused by the kernel, each with its op and errno
     * @param unanswered sent but never answered (the socket timed out or failed): they may or may not have taken effect
     * @param notSent    held back after a refusal or a lost answer
     * @param lost       why answers were lost, when {@code unanswered} is not empty
     */
    record Sent(List<IpvsOp> applied, List<IpvsRequestException> refused, List<IpvsOp> unanswered,
                List<IpvsOp> notSent, Optional<NetlinkException> lost) {
        public Sent {
            applied = List.copyOf(applied);
            refused = List.copyOf(refused);
            unanswered = List.copyOf(unanswered);
            notSent = List.copyOf(notSent);
        }
    }
}
