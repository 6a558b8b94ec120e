package io.hakeeper.agent.netlink;

/**
 * An address scope (ifa_scope). Any u8 is legal; the named ones are enum rt_scope_t in
 * {@code include/uapi/linux/rtnetlink.h}.
 *
 * @param value the kernel's numeric scope, 0..255
 */
public record AddressScope(int value) {
    /** RT_SCOPE_UNIVERSE, shown as "global" by iproute2; what a VIP uses. */
    public static final AddressScope UNIVERSE = new AddressScope(0);
    public static final AddressScope SITE = new AddressScope(200);
    public static final AddressScope LINK = new AddressScope(253);
    public static final AddressScope HOST = new AddressScope(254);
    public static final AddressScope NOWHERE = new AddressScope(255);

    public AddressScope {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("address scope is a u8, got " + value);
        }
    }

    /** The name iproute2 prints ("global", "link", "host", ...) or the number. */
    @Override
    public String toString() {
        return switch (value) {
            case 0 -> "global";
            case 200 -> "site";
            case 253 -> "link";
            case 254 -> "host";
            case 255 -> "nowhere";
            default -> Integer.toString(value);
        };
    }
}
