package io.hakeeper.agent.netlink;

/**
 * Bytes that do not form a valid netlink message or attribute: a length field that is too small,
 * runs past the buffer, or a payload shorter than its fixed header. Parsing never reads out of
 * bounds; it throws this instead.
 */
public final class MalformedNetlinkMessageException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    public MalformedNetlinkMessageException(String message) {
        super("malformed netlink data: " + message);
    }
}
