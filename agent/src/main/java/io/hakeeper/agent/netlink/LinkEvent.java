package io.hakeeper.agent.netlink;

/**
 * A link was created, changed (flags, operational state, name, MTU...) or deleted.
 *
 * @param kind           CHANGED for RTM_NEWLINK (creation included), REMOVED for RTM_DELLINK
 * @param link           the link's state after the change
 * @param monotonicNanos {@link System#nanoTime()} when the notification was read
 */
public record LinkEvent(Kind kind, Link link, long monotonicNanos) {

    public enum Kind {
        CHANGED, REMOVED
    }
}
