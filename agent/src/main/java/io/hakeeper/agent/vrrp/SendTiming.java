package io.hakeeper.agent.vrrp;

/**
 * How punctually a master's periodic adverts left: the lateness of each send after the deadline
 * the state machine set for it (monotonic clock), which is the send jitter a receiver sees minus
 * the network's share.
 *
 * @param timed        periodic adverts measured (the first advert of a mastership is not periodic)
 * @param meanLateNanos mean lateness
 * @param maxLateNanos  largest lateness
 */
public record SendTiming(long timed, long meanLateNanos, long maxLateNanos) {

    public static final SendTiming NONE = new SendTiming(0, 0, 0);
}
