package io.hakeeper.agent.vrrp;

import io.hakeeper.common.vrrp.VrrpState;
import java.net.InetAddress;

/**
 * What a {@link VrrpSpeaker} reports. Called on the speaker's own event thread, one call at a time
 * and in order, never on the thread that sends adverts: a slow listener delays other reports, not
 * adverts. {@code at} is the monotonic time (the speaker's clock, nanoseconds) the fact arose.
 * All methods default to doing nothing.
 */
public interface VrrpSpeakerListener {

    /** The VRRP state changed. */
    default void stateChanged(VrrpState from, VrrpState to, long at) {
    }

    /**
     * No member advertised for Master_Down_Interval while we were BACKUP: check the fence now.
     * Never a reason to claim by itself.
     *
     * @param lastMaster the member last heard, or null
     */
    default void masterSilent(long masterDownIntervalNanos, InetAddress lastMaster, long at) {
    }

    /** A member advertises as master (first heard, or after silence, or at a new priority). */
    default void masterSeen(InetAddress source, int priority, long at) {
    }

    /** We are MASTER and another member advertises for our VRID: reconfirm in ZooKeeper at once. */
    default void conflictingMaster(InetAddress source, int priority, long at) {
    }

    /** A valid advert for our VRID from an address of no member. Called for every such advert. */
    default void foreignRouter(InetAddress source, int priority, long at) {
    }

    /** A member released with a priority-0 advert. */
    default void priorityZeroSeen(InetAddress source, long at) {
    }
}
