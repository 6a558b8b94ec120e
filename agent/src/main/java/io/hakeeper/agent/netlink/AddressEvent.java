package io.hakeeper.agent.netlink;

/**
 * An address appeared on, changed on, or left an interface.
 *
 * @param kind           what happened
 * @param address        the address as the kernel described it in the notification
 * @param monotonicNanos {@link System#nanoTime()} when the notification was read. On Linux HotSpot
 *                       this is CLOCK_MONOTONIC, so values from processes on one host (in any
 *                       network namespace) compare directly.
 */
public record AddressEvent(Kind kind, InterfaceAddress address, long monotonicNanos) {

    public enum Kind {
        /** RTM_NEWADDR for an address this monitor had not seen: it was just added. */
        ADDED,
        /**
         * RTM_NEWADDR for an address already seen: its lifetime or flags changed. Every lease
         * renewal (NLM_F_REPLACE) produces one.
         */
        UPDATED,
        /** RTM_DELADDR: deleted, expired (valid_lft ran out), or its link went away. */
        REMOVED
    }
}
