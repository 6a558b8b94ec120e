package io.hakeeper.agent.ipvs;

/** The kernel (or {@link KernelModel}, standing in for it) refused an {@link IpvsOp}. */
public final class IpvsOpRejectedException extends RuntimeException {

    private final transient IpvsOp op;
    private final IpvsErrno errno;

    public IpvsOpRejectedException(IpvsOp op, IpvsErrno errno, String reason) {
        super(op + ": " + reason + " (" + errno + ")");
        this.op = op;
        this.errno = errno;
    }

    public IpvsOp op() {
        return op;
    }

    public IpvsErrno errno() {
        return errno;
    }
}
