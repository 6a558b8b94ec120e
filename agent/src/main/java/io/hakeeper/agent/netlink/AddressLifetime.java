package io.hakeeper.agent.netlink;

import java.time.Duration;

/**
 * An address's valid and preferred lifetimes in whole seconds, as in {@code struct ifa_cacheinfo}
 * ({@code include/uapi/linux/if_addr.h}). When an address's valid lifetime runs out the kernel
 * deletes it by itself: this is the VIP lease. {@link IfAddr#INFINITY_LIFE_TIME} means forever.
 *
 * <p>In a request both are "from now". In a dump they are what remains.
 *
 * @param validSeconds     seconds until the kernel deletes the address
 * @param preferredSeconds seconds until it is deprecated (not chosen as a source address)
 */
public record AddressLifetime(long validSeconds, long preferredSeconds) {
    public static final AddressLifetime FOREVER =
            new AddressLifetime(IfAddr.INFINITY_LIFE_TIME, IfAddr.INFINITY_LIFE_TIME);

    public AddressLifetime {
        if (validSeconds < 0 || validSeconds > IfAddr.INFINITY_LIFE_TIME
                || preferredSeconds < 0 || preferredSeconds > IfAddr.INFINITY_LIFE_TIME) {
            throw new IllegalArgumentException("lifetimes are u32 seconds: valid=" + validSeconds
                    + " preferred=" + preferredSeconds);
        }
    }

    /** A lease: valid and preferred for {@code seconds}, so the address is never deprecated first. */
    public static AddressLifetime ofSeconds(long seconds) {
        return new AddressLifetime(seconds, seconds);
    }

    public boolean isForever() {
        return validSeconds == IfAddr.INFINITY_LIFE_TIME;
    }

    /** The valid lifetime as a Duration; forever reads as 0xFFFFFFFF seconds (136 years). */
    public Duration valid() {
        return Duration.ofSeconds(validSeconds);
    }

    @Override
    public String toString() {
        return "valid_lft " + (isForever() ? "forever" : validSeconds + "sec")
                + " preferred_lft " + (preferredSeconds == IfAddr.INFINITY_LIFE_TIME ? "forever" : preferredSeconds + "sec");
    }
}
