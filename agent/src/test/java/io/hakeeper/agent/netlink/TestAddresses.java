package io.hakeeper.agent.netlink;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Addresses for tests, from the benchmarking range 198.18.0.0/15 (RFC 2544) and the documentation
 * prefix 2001:db8::/32 (RFC 3849), with a random subnet per test class so parallel runs and other
 * engineers' tests do not collide. Only ever configured on interfaces the tests create.
 */
final class TestAddresses {
    private final int v4Subnet = ThreadLocalRandom.current().nextInt(0, 256);
    private final int v6Subnet = ThreadLocalRandom.current().nextInt(1, 0x10000);

    /** 198.18.S.host (or 198.19.S.host for hosts above 255 is not needed; host is 1..254). */
    InetAddress v4(int host) {
        return bytes(198, 18, v4Subnet, host);
    }

    /** 2001:db8:S::host */
    InetAddress v6(int host) {
        return bytes(0x20, 0x01, 0x0d, 0xb8, v6Subnet >> 8, v6Subnet & 0xff, 0, 0, 0, 0, 0, 0, 0, 0, host >> 8, host & 0xff);
    }

    static InetAddress bytes(int... octets) {
        byte[] b = new byte[octets.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) octets[i];
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
