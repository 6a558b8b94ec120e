package io.hakeeper.agent.netlink;

import java.net.InetAddress;

/**
 * Test-only main, run by {@link NetlinkSocketTest} in a child JVM without CAP_NET_ADMIN: tries to
 * add an address and prints what happened. Arguments: ifindex, IPv4 literal.
 */
public final class UnprivilegedAddressAttempt {
    private UnprivilegedAddressAttempt() {}

    public static void main(String[] args) throws Exception {
        int index = Integer.parseInt(args[0]);
        String[] parts = args[1].split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        AddressSpec spec = AddressSpec.of(index, InetAddress.getByAddress(bytes), 24);
        try (RtNetlink rtnl = RtNetlink.open()) {
            rtnl.addAddress(spec, AddressLifetime.ofSeconds(5));
            System.out.println("added (unexpected)");
            rtnl.deleteAddress(spec);
        } catch (NetlinkException e) {
            System.out.println("errno=" + e.errno() + " message=" + e.getMessage());
        }
    }
}
