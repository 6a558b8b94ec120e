package io.hakeeper.common.vrrp;

/**
 * The states of a VRRP instance (RFC 3768 section 6.4, RFC 5798 section 6.4), plus FAULT as
 * keepalived names an instance that may not take part. In hakeeper the fence puts an instance in
 * MASTER; VRRP never does by itself.
 */
public enum VrrpState {
    /** Not started, or stopped (RFC 3768 section 6.4.1, "Initialize"). No timers, no adverts. */
    INIT,
    /** Listening: the Master_Down_Timer runs and its expiry is reported, never acted on (section 6.4.2). */
    BACKUP,
    /** Holding the virtual addresses: adverts every Advertisement_Interval (section 6.4.3). */
    MASTER,
    /** Ineligible (a failed tracker): no adverts and no master-down detection, as keepalived's FAULT. */
    FAULT
}
