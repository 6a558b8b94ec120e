package io.hakeeper.agent.netlink;

/** The kernel did not answer within the socket's receive timeout (SO_RCVTIMEO). */
public final class NetlinkTimeoutException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    public NetlinkTimeoutException(String operation, long timeoutMillis) {
        super(operation + ": no reply from the kernel within " + timeoutMillis + " ms",
                Errno.ETIMEDOUT, null, null);
    }
}
