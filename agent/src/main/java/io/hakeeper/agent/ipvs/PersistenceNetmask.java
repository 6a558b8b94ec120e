package io.hakeeper.agent.ipvs;

/**
 * The persistence granularity of a service ({@code IPVS_SVC_ATTR_NETMASK}): which client addresses
 * share one persistence template. Its meaning depends on the family, and so does its byte order
 * (see DESIGN.md, "Kernel interfaces"):
 *
 * <ul>
 *   <li>IPv4: a netmask. Held here as an int whose big-endian bytes are the mask's octets
 *       (255.255.255.0 is {@code 0xFFFFFF00}); the kernel field is a {@code __be32}, so the
 *       client writes these four bytes in network order.</li>
 *   <li>IPv6: a prefix length 1-128, written as a u32 in host order. The kernel refuses other
 *       values with EINVAL (ip_vs_add_service / ip_vs_edit_service).</li>
 * </ul>
 */
public final class PersistenceNetmask {

    private PersistenceNetmask() {
    }

    /** IPv4 per-client granularity, 255.255.255.255: what ipvsadm and keepalived send without -M. */
    public static final int IPV4_SINGLE_HOST = 0xFFFFFFFF;
    /** IPv6 per-client granularity: prefix length 128. */
    public static final int IPV6_SINGLE_HOST = 128;

    public static int singleHost(AddressFamily family) {
        return family == AddressFamily.INET ? IPV4_SINGLE_HOST : IPV6_SINGLE_HOST;
    }

    public static boolean valid(AddressFamily family, int netmask) {
        return family == AddressFamily.INET || (netmask >= 1 && netmask <= 128);
    }

    /**
     * keepalived's {@code persistence_granularity} for a service of {@code family}: a dotted
     * netmask or a prefix length. hakeeper accepts either form for either family (one
     * {@code virtual_server group} may hold both): a prefix length becomes an IPv4 mask, and an
     * IPv4 mask's leading ones become an IPv6 prefix length.
     */
    public static int parse(String text, AddressFamily family) {
        if (text.indexOf('.') >= 0) {
            IpAddress mask = IpAddress.parse(text);
            if (mask.family() != AddressFamily.INET) {
                throw new IllegalArgumentException("'" + text + "' is not a netmask");
            }
            int bits = (int) mask.low();
            return family == AddressFamily.INET ? bits : prefixLength(bits, text);
        }
        int prefix;
        try {
            prefix = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is neither a netmask nor a prefix length");
        }
        if (prefix < 1 || prefix > family.maxPrefix()) {
            throw new IllegalArgumentException("prefix length " + prefix + " is outside 1-" + family.maxPrefix());
        }
        return family == AddressFamily.INET ? (int) (0xFFFFFFFF00000000L >>> prefix) : prefix;
    }

    /** How ipvsadm prints an IPv4 mask ({@code inet_ntoa}). */
    public static String ipv4Text(int netmask) {
        return IpAddress.ipv4(netmask).toString();
    }

    private static int prefixLength(int mask, String text) {
        int ones = Integer.numberOfLeadingZeros(~mask);
        boolean contiguous = ones == 32 || mask << ones == 0;
        if (ones == 0 || !contiguous) {
            throw new IllegalArgumentException("netmask " + text + " is not contiguous, so it has no IPv6 prefix length");
        }
        return ones;
    }
}
