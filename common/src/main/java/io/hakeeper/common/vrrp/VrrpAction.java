package io.hakeeper.common.vrrp;

import java.net.InetAddress;
import java.util.Objects;

/**
 * What a {@link VrrpMachine} asks its caller to do, or tells it. The caller sends adverts, keeps
 * one timer, and hands the facts to whoever decides (the fence) and to status.
 */
public sealed interface VrrpAction {

    /** Send this advert now, to the multicast group or every unicast peer. */
    record SendAdvert(VrrpAdvert advert) implements VrrpAction {
        public SendAdvert {
            Objects.requireNonNull(advert, "advert");
        }
    }

    /** (Re)arm the single timer: deliver a {@link VrrpInput.Tick} at or after {@code at}. */
    record ScheduleTimer(long at) implements VrrpAction {
    }

    /** No timer is running any more. */
    record CancelTimer() implements VrrpAction {
    }

    /** The VRRP state changed. */
    record StateChanged(VrrpState from, VrrpState to) implements VrrpAction {
    }

    /**
     * The Master_Down_Timer expired while BACKUP: no member advertised for Master_Down_Interval
     * (RFC 3768 section 6.4.2). A status fact and a trigger for an immediate fence check, never a
     * claim. Reported once per silence; the next member advert re-arms detection.
     *
     * @param masterDownIntervalNanos the interval that ran out
     * @param lastMaster              the member last seen advertising, or null if none was
     */
    record MasterSilent(long masterDownIntervalNanos, InetAddress lastMaster) implements VrrpAction {
    }

    /** A member advertises as master: the first advert from it, or after silence or a priority change. */
    record MasterSeen(InetAddress source, int priority) implements VrrpAction {
    }

    /**
     * We are MASTER and another member advertises for our VRID at a non-zero priority. RFC 3768
     * section 6.4.3 would have the lower router yield; we do not. The caller reconfirms in ZooKeeper.
     */
    record ConflictingMaster(InetAddress source, int priority) implements VrrpAction {
    }

    /**
     * A valid advert for our VRID from an address that belongs to no member of our cluster: a
     * keepalived left running, say, or a spoofer. Reported only; it moves no timer and no state.
     */
    record ForeignRouter(InetAddress source, int priority) implements VrrpAction {
    }

    /**
     * A member sent priority 0: its master released (RFC 3768 section 6.4.2). While BACKUP the
     * Master_Down_Timer now runs for Skew_Time only, so {@link MasterSilent} follows quickly.
     */
    record PriorityZeroSeen(InetAddress source) implements VrrpAction {
    }
}
