package io.hakeeper.agent.netlink;

import java.io.IOException;
import java.util.Optional;

/**
 * A netlink call failed. Carries the errno the kernel returned (0 when the failure was not an errno,
 * e.g. a malformed reply) and the kernel's extended-ack text when it sent one.
 *
 * <p>The message names the operation, the errno, what it usually means and how to fix it, e.g.
 * {@code "add address 10.0.0.1/24 on ifindex 3: EPERM (operation not permitted; needs CAP_NET_ADMIN ...)"}.
 */
public class NetlinkException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int errno;
    private final String kernelMessage;

    public NetlinkException(String message) {
        this(message, 0, null, null);
    }

    public NetlinkException(String message, Throwable cause) {
        this(message, 0, null, cause);
    }

    protected NetlinkException(String message, int errno, String kernelMessage, Throwable cause) {
        super(message, cause);
        this.errno = errno;
        this.kernelMessage = kernelMessage;
    }

    /** An errno from a system call or an NLMSG_ERROR, explained for an operator. */
    public static NetlinkException fromErrno(String operation, int errno, String kernelMessage) {
        StringBuilder text = new StringBuilder(operation).append(": ").append(Errno.describe(errno));
        if (kernelMessage != null && !kernelMessage.isEmpty()) {
            text.append("; kernel says: ").append(kernelMessage);
        }
        return new NetlinkException(text.toString(), errno, kernelMessage, null);
    }

    /** An errno whose usual advice does not fit this operation; {@code advice} replaces it. */
    public static NetlinkException fromErrno(String operation, int errno, String kernelMessage, String advice) {
        return new NetlinkException(operation + ": " + Errno.name(errno) + " (" + advice + ")", errno,
                kernelMessage, null);
    }

    /** The positive errno value, or 0 when the failure was not an errno. */
    public int errno() {
        return errno;
    }

    /** The kernel's extended-ack message (NLMSGERR_ATTR_MSG), if it sent one. */
    public Optional<String> kernelMessage() {
        return Optional.ofNullable(kernelMessage);
    }
}
