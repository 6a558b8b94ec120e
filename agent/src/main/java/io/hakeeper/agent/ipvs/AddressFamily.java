package io.hakeeper.agent.ipvs;

/**
 * The address families IPVS carries in {@code IPVS_SVC_ATTR_AF} and {@code IPVS_DEST_ATTR_ADDR_FAMILY}
 * (include/uapi/linux/ip_vs.h), with the values of include/linux/socket.h.
 */
public enum AddressFamily {
    INET(AddressFamily.AF_INET, 4),
    INET6(AddressFamily.AF_INET6, 16);

    /** AF_INET, include/linux/socket.h. */
    public static final int AF_INET = 2;
    /** AF_INET6, include/linux/socket.h. */
    public static final int AF_INET6 = 10;

    private final int value;
    private final int addressLength;

    AddressFamily(int value, int addressLength) {
        this.value = value;
        this.addressLength = addressLength;
    }

    /** The number on the wire (a u16 in host order). */
    public int value() {
        return value;
    }

    /** Bytes in an address: 4 or 16. {@code IPVS_SVC_ATTR_ADDR} is always 16 bytes; IPv4 uses the first 4. */
    public int addressLength() {
        return addressLength;
    }

    public int maxPrefix() {
        return addressLength * 8;
    }

    public static AddressFamily fromValue(int value) {
        for (AddressFamily f : values()) {
            if (f.value == value) {
                return f;
            }
        }
        throw new IllegalArgumentException("address family " + value + " is neither AF_INET (2) nor AF_INET6 (10)");
    }
}
