package io.hakeeper.common.config.model;

/**
 * Gratuitous ARP / unsolicited NA after becoming master: wait {@code delaySec}, send
 * {@code repeat} of them; then every {@code refreshSec} (0 = never) send {@code refreshRepeat}.
 * keepalived's defaults: delay 5 s, repeat 5, refresh 0, refresh repeat 1.
 */
public record GarpSettings(int delaySec, int repeat, int refreshSec, int refreshRepeat) {

    public static final GarpSettings KEEPALIVED_DEFAULTS = new GarpSettings(5, 5, 0, 1);
}
