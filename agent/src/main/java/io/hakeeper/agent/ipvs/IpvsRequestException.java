package io.hakeeper.agent.ipvs;

import io.hakeeper.agent.netlink.NetlinkException;
import java.util.Optional;

/**
 * The kernel refused an IPVS request. The message says what was asked, what the errno means for
 * that request and how to fix it ({@link IpvsErrors}); {@link #errno()} and {@link #op()} are there
 * for code.
 */
public final class IpvsRequestException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    private final transient IpvsOp op;

    IpvsRequestException(String message, IpvsOp op, int errno, String kernelMessage, Throwable cause) {
        super(message, errno, kernelMessage, cause);
        this.op = op;
    }

    /** The change the kernel refused; empty when the request was not a change (a lookup or dump). */
    public Optional<IpvsOp> op() {
        return Optional.ofNullable(op);
    }
}
