package io.hakeeper.agent.vrrp;

import io.hakeeper.agent.netlink.Errno;
import java.io.IOException;

/** A raw socket call failed; the message says which call, on which interface, and the errno with advice. */
public final class VrrpSocketException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int errno;

    VrrpSocketException(String operation, int errno) {
        super(operation + ": " + Errno.describe(errno)
                + (errno == Errno.EPERM || errno == Errno.EACCES ? "; raw sockets need CAP_NET_RAW (run as root)" : ""));
        this.errno = errno;
    }

    VrrpSocketException(String message) {
        super(message);
        this.errno = 0;
    }

    /** The errno, or 0 when the failure was not a system call's. */
    public int errno() {
        return errno;
    }
}
