package io.hakeeper.agent.netlink;

/**
 * A decoded NLMSG_ERROR: an acknowledgement when {@code errno} is 0, a failure otherwise.
 *
 * @param errno          the positive errno (the kernel sends it negated), 0 for a plain ack
 * @param requestType    nlmsg_type of the request this answers
 * @param requestSequence nlmsg_seq of the request this answers
 * @param kernelMessage  the extended-ack text (NLMSGERR_ATTR_MSG), or null
 */
public record NetlinkError(int errno, int requestType, int requestSequence, String kernelMessage) {

    public boolean isAck() {
        return errno == 0;
    }
}
